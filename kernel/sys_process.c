// SPDX-License-Identifier: MIT
/*
 * Who am I: getpid, getppid, gettid, uname.
 */
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/string.h>

SYSCALL_DEFINE0(getpid)
{
	return current->pid;
}

SYSCALL_DEFINE0(gettid)
{
	return current->pid;		/* one thread per process so far */
}

SYSCALL_DEFINE0(getppid)
{
	return current->parent ? current->parent->pid : 0;
}

/* struct new_utsname: six fields of __NEW_UTS_LEN + 1 = 65 bytes. */
struct new_utsname {
	char sysname[65];
	char nodename[65];
	char release[65];
	char version[65];
	char machine[65];
	char domainname[65];
};

/*
 * sysname is "Linux" because this kernel speaks Linux's ABI and programs
 * test for it; the release names Linux 6.12, whose behaviour we follow,
 * with "-trident" so a person can tell (docs/differences.md).
 */
SYSCALL_DEFINE1(uname, struct new_utsname __user *, name)
{
	struct new_utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "Linux", sizeof(u.sysname));
	strlcpy(u.nodename, "(none)", sizeof(u.nodename));
	strlcpy(u.release, "6.12.0-trident", sizeof(u.release));
	strlcpy(u.version, "#1 Trident", sizeof(u.version));
	strlcpy(u.machine, "x86_64", sizeof(u.machine));
	strlcpy(u.domainname, "(none)", sizeof(u.domainname));
	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}
