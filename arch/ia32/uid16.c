// SPDX-License-Identifier: MIT
/*
 * The oldest ia32 id calls, with 16-bit ids (Linux's kernel/uid16.c):
 * getuid (24), setuid (23), setreuid (70), setresuid (164), getresuid
 * (165), setfsuid (138), getgroups (80), setgroups (81) and their group
 * twins. The 32-bit ones (getuid32 199, setresuid32 208, ...) are the
 * 64-bit handlers of kernel/cred.c.
 *
 * An id from the program is old_uid_t, 16 bits (the upper half of the
 * register is dropped) and 0xffff means -1, "no change"
 * (low2highuid). An id to the program that does not fit in 16 bits reads
 * as the overflow id 65534 (high2lowuid). setfsuid16 returns the old
 * fsuid unconverted, as Linux does.
 */
#include <trident/syscalls.h>
#include <trident/compat.h>
#include <trident/task.h>
#include <trident/cred.h>
#include <trident/uaccess.h>
#include <trident/errno.h>

#define low2highuid(uid)	((uid) == (u16)-1 ? (u32)-1 : (u32)(uid))
#define low2highgid(gid)	low2highuid(gid)

SYSCALL_DEFINE0(getuid16) { return high2lowuid(current->cred.uid); }
SYSCALL_DEFINE0(geteuid16) { return high2lowuid(current->cred.euid); }
SYSCALL_DEFINE0(getgid16) { return high2lowgid(current->cred.gid); }
SYSCALL_DEFINE0(getegid16) { return high2lowgid(current->cred.egid); }

SYSCALL_DEFINE1(setuid16, u16, uid) { return __sys_setuid(low2highuid(uid)); }
SYSCALL_DEFINE1(setgid16, u16, gid) { return __sys_setgid(low2highgid(gid)); }
SYSCALL_DEFINE2(setreuid16, u16, ruid, u16, euid)
{
	return __sys_setreuid(low2highuid(ruid), low2highuid(euid));
}
SYSCALL_DEFINE2(setregid16, u16, rgid, u16, egid)
{
	return __sys_setregid(low2highgid(rgid), low2highgid(egid));
}
SYSCALL_DEFINE3(setresuid16, u16, ruid, u16, euid, u16, suid)
{
	return __sys_setresuid(low2highuid(ruid), low2highuid(euid), low2highuid(suid));
}
SYSCALL_DEFINE3(setresgid16, u16, rgid, u16, egid, u16, sgid)
{
	return __sys_setresgid(low2highgid(rgid), low2highgid(egid), low2highgid(sgid));
}
SYSCALL_DEFINE1(setfsuid16, u16, uid) { return __sys_setfsuid(low2highuid(uid)); }
SYSCALL_DEFINE1(setfsgid16, u16, gid) { return __sys_setfsgid(low2highgid(gid)); }

/* Three 16-bit ids to user memory in order, stopping at the first fault. */
static long put_three16(u32 a, u32 b, u32 c, u16 __user *pa, u16 __user *pb, u16 __user *pc)
{
	if (put_user(high2lowuid(a), pa) || put_user(high2lowuid(b), pb) ||
	    put_user(high2lowuid(c), pc))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE3(getresuid16, u16 __user *, ruidp, u16 __user *, euidp, u16 __user *, suidp)
{
	struct cred *c = &current->cred;

	return put_three16(c->uid, c->euid, c->suid, ruidp, euidp, suidp);
}

SYSCALL_DEFINE3(getresgid16, u16 __user *, rgidp, u16 __user *, egidp, u16 __user *, sgidp)
{
	struct cred *c = &current->cred;

	return put_three16(c->gid, c->egid, c->sgid, rgidp, egidp, sgidp);
}

SYSCALL_DEFINE2(getgroups16, int, gidsetsize, u16 __user *, grouplist)
{
	long n = groups_check_get(gidsetsize);

	for (long i = 0; n > 0 && gidsetsize && i < n; i++)	/* groups16_to_user() */
		if (put_user(high2lowgid(current->cred.groups[i]), grouplist + i))
			return -EFAULT;
	return n;
}

SYSCALL_DEFINE2(setgroups16, int, gidsetsize, u16 __user *, grouplist)
{
	u32 list[NGROUPS_KEPT];
	long err = groups_check_set(gidsetsize);

	if (err)
		return err;
	for (int i = 0; i < gidsetsize; i++) {	/* groups16_from_user() */
		u16 g;

		if (get_user(g, grouplist + i))
			return -EFAULT;
		list[i] = low2highgid(g);
		if (list[i] == (u32)-1)
			return -EINVAL;		/* not a valid kgid */
	}
	groups_set(list, gidsetsize);
	return 0;
}
