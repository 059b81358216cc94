/* SPDX-License-Identifier: MIT */
/*
 * A task's credentials (Linux's struct cred, include/linux/cred.h): the
 * real, effective, saved and filesystem user and group ids and the
 * supplementary groups. kernel/cred.c has the system calls that change
 * them; fork copies them and exec keeps them (no set-user-ID files here).
 *
 * Capabilities are not kept apart: a task has CAP_SETUID, CAP_SETGID and
 * CAP_SYS_RAWIO when its effective uid is 0, which is what Linux's
 * cap_task_fix_setuid() leaves a root process with after each change of
 * ids (the effective set follows euid 0; the permitted set goes only when
 * no uid is 0 any more, and then euid 0 cannot come back either).
 */
#ifndef _TRIDENT_CRED_H
#define _TRIDENT_CRED_H

#include <trident/types.h>

#define NGROUPS_MAX	65536	/* Linux's limit for setgroups (EINVAL above) */
#define NGROUPS_KEPT	32	/* what we store: more is ENOMEM (docs/differences.md) */

struct cred {
	u32 uid, euid, suid, fsuid;
	u32 gid, egid, sgid, fsgid;
	unsigned int ngroups;
	u32 groups[NGROUPS_KEPT];	/* sorted, as Linux's groups_sort() */
};

/* capable(CAP_SETUID / CAP_SETGID / CAP_SYS_RAWIO) for the current task. */
bool capable_root(void);

/* kernel/cred.c, shared with the 16-bit calls (arch/ia32/uid16.c). */
long __sys_setuid(u32 uid);
long __sys_setgid(u32 gid);
long __sys_setreuid(u32 ruid, u32 euid);
long __sys_setregid(u32 rgid, u32 egid);
long __sys_setresuid(u32 ruid, u32 euid, u32 suid);
long __sys_setresgid(u32 rgid, u32 egid, u32 sgid);
long __sys_setfsuid(u32 uid);
long __sys_setfsgid(u32 gid);
long groups_check_get(int gidsetsize);
long groups_check_set(int gidsetsize);
void groups_set(const u32 *list, unsigned int n);

#endif
