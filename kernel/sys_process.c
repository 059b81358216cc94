// SPDX-License-Identifier: MIT
/*
 * Who am I: getpid, getppid, gettid, uname.
 */
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/string.h>
#include <trident/utsname.h>

/* The process id is the thread group's (its first thread's tid). */
SYSCALL_DEFINE0(getpid)
{
	return current->tgid;
}

SYSCALL_DEFINE0(gettid)
{
	return current->pid;
}

SYSCALL_DEFINE0(getppid)
{
	return current->parent ? current->parent->tgid : 0;
}

/*
 * sysname is "Linux" because this kernel speaks Linux's ABI and programs
 * test for it; the release names Linux 6.12, whose behaviour we follow,
 * with "-trident" so a person can tell (docs/differences.md). machine is
 * "x86_64" for every program, ia32 ones too, as on Linux (only the
 * PER_LINUX32 personality, `linux32`, makes it "i686").
 */
static const struct new_utsname uts = {
	.sysname = "Linux",
	.nodename = "(none)",
	.release = "6.12.0-trident",
	.version = "#1 Trident",
	.machine = "x86_64",
	.domainname = "(none)",
};

const struct new_utsname *utsname(void)
{
	return &uts;
}

/* Linux's sys_newuname; sys_uname and sys_olduname are the older, shorter
 * structures of the ia32 table (arch/ia32/compat_uname.c). */
SYSCALL_DEFINE1(newuname, struct new_utsname __user *, name)
{
	return copy_to_user(name, &uts, sizeof(uts)) ? -EFAULT : 0;
}
