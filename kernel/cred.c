// SPDX-License-Identifier: MIT
/*
 * Who a task is: the get and set system calls of its user and group ids
 * and supplementary groups, with Linux's rules (kernel/sys.c, kernel/
 * groups.c, Linux 6.12) for every ABI; the 16-bit ones of the oldest ia32
 * table are in arch/ia32/uid16.c.
 *
 * A privileged task (effective uid 0: trident/cred.h) may set any id. An
 * unprivileged one may only move ids among the values it already has:
 *   setuid(u)           euid = fsuid = u if u is the real or saved uid
 *                       (privileged: all four);
 *   setreuid(r, e)      r from {uid, euid}, e from {uid, euid, suid};
 *                       suid = the new euid when r is set or e differs
 *                       from the old real uid; fsuid = euid;
 *   setresuid(r, e, s)  each from {uid, euid, suid}; fsuid = euid;
 *   setfsuid(u)         u from {uid, euid, suid, fsuid}; returns the old
 *                       fsuid whether or not it changed anything;
 * and the same for groups. -1 leaves an id as it is; setuid(-1) and
 * setgid(-1) are EINVAL (an invalid kuid); a refusal is EPERM.
 * setgroups needs CAP_SETGID (EPERM) and at most NGROUPS_MAX (EINVAL).
 */
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/cred.h>
#include <trident/uaccess.h>
#include <trident/errno.h>

#define NOCHANGE	((u32)-1)

bool capable_root(void)
{
	return current->cred.euid == 0;
}

/* --- user ids ------------------------------------------------------------- */

SYSCALL_DEFINE0(getuid) { return current->cred.uid; }
SYSCALL_DEFINE0(geteuid) { return current->cred.euid; }
SYSCALL_DEFINE0(getgid) { return current->cred.gid; }
SYSCALL_DEFINE0(getegid) { return current->cred.egid; }

long __sys_setuid(u32 uid)
{
	struct cred *c = &current->cred;

	if (uid == NOCHANGE)
		return -EINVAL;
	if (capable_root())
		c->uid = c->suid = uid;
	else if (uid != c->uid && uid != c->suid)
		return -EPERM;
	c->euid = c->fsuid = uid;
	return 0;
}

long __sys_setreuid(u32 ruid, u32 euid)
{
	struct cred *c = &current->cred, old = *c;
	bool priv = capable_root();

	if (ruid != NOCHANGE && ruid != old.uid && ruid != old.euid && !priv)
		return -EPERM;
	if (euid != NOCHANGE && euid != old.uid && euid != old.euid &&
	    euid != old.suid && !priv)
		return -EPERM;
	if (ruid != NOCHANGE)
		c->uid = ruid;
	if (euid != NOCHANGE)
		c->euid = euid;
	if (ruid != NOCHANGE || (euid != NOCHANGE && euid != old.uid))
		c->suid = c->euid;
	c->fsuid = c->euid;
	return 0;
}

/* One of the ids the task has already, or -1 (no change). */
static bool among(u32 id, u32 a, u32 b, u32 c)
{
	return id == NOCHANGE || id == a || id == b || id == c;
}

long __sys_setresuid(u32 ruid, u32 euid, u32 suid)
{
	struct cred *c = &current->cred;

	if (!capable_root() &&
	    !(among(ruid, c->uid, c->euid, c->suid) &&
	      among(euid, c->uid, c->euid, c->suid) &&
	      among(suid, c->uid, c->euid, c->suid)))
		return -EPERM;
	if (ruid != NOCHANGE)
		c->uid = ruid;
	if (euid != NOCHANGE)
		c->euid = euid;
	if (suid != NOCHANGE)
		c->suid = suid;
	c->fsuid = c->euid;
	return 0;
}

long __sys_setfsuid(u32 uid)
{
	struct cred *c = &current->cred;
	u32 old = c->fsuid;

	if (uid != NOCHANGE &&
	    (among(uid, c->uid, c->euid, c->suid) || uid == c->fsuid || capable_root()))
		c->fsuid = uid;
	return old;
}

SYSCALL_DEFINE1(setuid, u32, uid) { return __sys_setuid(uid); }
SYSCALL_DEFINE2(setreuid, u32, ruid, u32, euid) { return __sys_setreuid(ruid, euid); }
SYSCALL_DEFINE3(setresuid, u32, ruid, u32, euid, u32, suid)
{
	return __sys_setresuid(ruid, euid, suid);
}
SYSCALL_DEFINE1(setfsuid, u32, uid) { return __sys_setfsuid(uid); }

/* Three ids to user memory in order, stopping at the first fault. */
static long put_three(u32 a, u32 b, u32 c, u32 __user *pa, u32 __user *pb, u32 __user *pc)
{
	if (put_user(a, pa) || put_user(b, pb) || put_user(c, pc))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE3(getresuid, u32 __user *, ruidp, u32 __user *, euidp, u32 __user *, suidp)
{
	struct cred *c = &current->cred;

	return put_three(c->uid, c->euid, c->suid, ruidp, euidp, suidp);
}

/* --- group ids (CAP_SETGID: the same euid 0) ------------------------------- */

long __sys_setgid(u32 gid)
{
	struct cred *c = &current->cred;

	if (gid == NOCHANGE)
		return -EINVAL;
	if (capable_root())
		c->gid = c->sgid = gid;
	else if (gid != c->gid && gid != c->sgid)
		return -EPERM;
	c->egid = c->fsgid = gid;
	return 0;
}

long __sys_setregid(u32 rgid, u32 egid)
{
	struct cred *c = &current->cred, old = *c;
	bool priv = capable_root();

	if (rgid != NOCHANGE && rgid != old.gid && rgid != old.egid && !priv)
		return -EPERM;
	if (egid != NOCHANGE && egid != old.gid && egid != old.egid &&
	    egid != old.sgid && !priv)
		return -EPERM;
	if (rgid != NOCHANGE)
		c->gid = rgid;
	if (egid != NOCHANGE)
		c->egid = egid;
	if (rgid != NOCHANGE || (egid != NOCHANGE && egid != old.gid))
		c->sgid = c->egid;
	c->fsgid = c->egid;
	return 0;
}

long __sys_setresgid(u32 rgid, u32 egid, u32 sgid)
{
	struct cred *c = &current->cred;

	if (!capable_root() &&
	    !(among(rgid, c->gid, c->egid, c->sgid) &&
	      among(egid, c->gid, c->egid, c->sgid) &&
	      among(sgid, c->gid, c->egid, c->sgid)))
		return -EPERM;
	if (rgid != NOCHANGE)
		c->gid = rgid;
	if (egid != NOCHANGE)
		c->egid = egid;
	if (sgid != NOCHANGE)
		c->sgid = sgid;
	c->fsgid = c->egid;
	return 0;
}

long __sys_setfsgid(u32 gid)
{
	struct cred *c = &current->cred;
	u32 old = c->fsgid;

	if (gid != NOCHANGE &&
	    (among(gid, c->gid, c->egid, c->sgid) || gid == c->fsgid || capable_root()))
		c->fsgid = gid;
	return old;
}

SYSCALL_DEFINE1(setgid, u32, gid) { return __sys_setgid(gid); }
SYSCALL_DEFINE2(setregid, u32, rgid, u32, egid) { return __sys_setregid(rgid, egid); }
SYSCALL_DEFINE3(setresgid, u32, rgid, u32, egid, u32, sgid)
{
	return __sys_setresgid(rgid, egid, sgid);
}
SYSCALL_DEFINE1(setfsgid, u32, gid) { return __sys_setfsgid(gid); }

SYSCALL_DEFINE3(getresgid, u32 __user *, rgidp, u32 __user *, egidp, u32 __user *, sgidp)
{
	struct cred *c = &current->cred;

	return put_three(c->gid, c->egid, c->sgid, rgidp, egidp, sgidp);
}

/* --- supplementary groups ---------------------------------------------------- */

/* The checks of getgroups before any copy: the count, or an error. */
long groups_check_get(int gidsetsize)
{
	unsigned int n = current->cred.ngroups;

	if (gidsetsize < 0)
		return -EINVAL;
	if (gidsetsize && n > (unsigned int)gidsetsize)
		return -EINVAL;
	return n;
}

/* setgroups' checks: privilege, then the size (kernel/groups.c). */
long groups_check_set(int gidsetsize)
{
	if (!capable_root())
		return -EPERM;
	if ((unsigned int)gidsetsize > NGROUPS_MAX)
		return -EINVAL;
	if ((unsigned int)gidsetsize > NGROUPS_KEPT)
		return -ENOMEM;
	return 0;
}

/* The new list, sorted as groups_sort() leaves it (getgroups shows it). */
void groups_set(const u32 *list, unsigned int n)
{
	struct cred *c = &current->cred;

	for (unsigned int i = 0; i < n; i++) {
		u32 g = list[i];
		unsigned int j = i;

		for (; j > 0 && c->groups[j - 1] > g; j--)
			c->groups[j] = c->groups[j - 1];
		c->groups[j] = g;
	}
	c->ngroups = n;
}

SYSCALL_DEFINE2(getgroups, int, gidsetsize, u32 __user *, grouplist)
{
	long n = groups_check_get(gidsetsize);

	if (n > 0 && gidsetsize &&
	    copy_to_user(grouplist, current->cred.groups, n * sizeof(u32)))
		return -EFAULT;
	return n;
}

SYSCALL_DEFINE2(setgroups, int, gidsetsize, u32 __user *, grouplist)
{
	u32 list[NGROUPS_KEPT];
	long err = groups_check_set(gidsetsize);

	if (err)
		return err;
	for (int i = 0; i < gidsetsize; i++) {	/* groups_from_user() */
		if (get_user(list[i], grouplist + i))
			return -EFAULT;
		if (list[i] == NOCHANGE)
			return -EINVAL;		/* not a valid kgid */
	}
	groups_set(list, gidsetsize);
	return 0;
}
