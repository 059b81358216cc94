// SPDX-License-Identifier: MIT
/*
 * The two older unames of the ia32 table (Linux's kernel/sys.c), besides
 * newuname (122), whose struct new_utsname has one layout for every ABI:
 *
 *   109 olduname     sys_uname:    struct old_utsname, five fields of 65
 *                    bytes (new_utsname without domainname)
 *   59  oldolduname  sys_olduname: struct oldold_utsname, five fields of
 *                    9 bytes, each cut to 8 characters and NUL-terminated
 *
 * machine says "x86_64" to ia32 programs too, as on Linux unless the
 * process took the PER_LINUX32 personality (`linux32`), which would make
 * it "i686" (override_architecture()): we have no personality(2) yet.
 */
#include <trident/syscalls.h>
#include <trident/utsname.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/string.h>

struct old_utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1];
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
};

struct oldold_utsname {
	char sysname[__OLD_UTS_LEN + 1];
	char nodename[__OLD_UTS_LEN + 1];
	char release[__OLD_UTS_LEN + 1];
	char version[__OLD_UTS_LEN + 1];
	char machine[__OLD_UTS_LEN + 1];
};

SYSCALL_DEFINE1(uname, struct old_utsname __user *, name)
{
	struct old_utsname tmp;

	if (!name)
		return -EFAULT;
	memcpy(&tmp, utsname(), sizeof(tmp));	/* the first five fields */
	return copy_to_user(name, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

SYSCALL_DEFINE1(olduname, struct oldold_utsname __user *, name)
{
	const struct new_utsname *u = utsname();
	struct oldold_utsname tmp;

	if (!name)
		return -EFAULT;
	memset(&tmp, 0, sizeof(tmp));
	memcpy(tmp.sysname, u->sysname, __OLD_UTS_LEN);
	memcpy(tmp.nodename, u->nodename, __OLD_UTS_LEN);
	memcpy(tmp.release, u->release, __OLD_UTS_LEN);
	memcpy(tmp.version, u->version, __OLD_UTS_LEN);
	memcpy(tmp.machine, u->machine, __OLD_UTS_LEN);
	return copy_to_user(name, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}
