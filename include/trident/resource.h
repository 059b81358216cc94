/* SPDX-License-Identifier: MIT */
/* Resource limits (kernel/sys_misc.c; Linux's include/uapi/linux/resource.h). */
#ifndef _TRIDENT_RESOURCE_H
#define _TRIDENT_RESOURCE_H

#include <trident/types.h>

#define RLIMIT_CPU        0
#define RLIMIT_FSIZE      1
#define RLIMIT_DATA       2
#define RLIMIT_STACK      3
#define RLIMIT_CORE       4
#define RLIMIT_RSS        5
#define RLIMIT_NPROC      6
#define RLIMIT_NOFILE     7
#define RLIMIT_MEMLOCK    8
#define RLIMIT_AS         9
#define RLIMIT_LOCKS     10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE  12
#define RLIMIT_NICE      13
#define RLIMIT_RTPRIO    14
#define RLIMIT_RTTIME    15
#define RLIM_NLIMITS     16
#define RLIM_INFINITY    (~0UL)

/* The kernel's form, and the user layout of every ABI (prlimit64). */
struct rlimit64 {
	u64 rlim_cur;
	u64 rlim_max;
};

struct task;
/* The first process's limits (Linux's INIT_RLIMITS); fork copies. */
void rlimits_init(struct task *t);
/* The current soft limit (Linux's rlimit()). */
unsigned long rlimit(unsigned int resource);
/* Linux's do_prlimit() for the calling process, with kernel structures:
 * the old limit into *old_rlim, then *new_rlim set (either may be NULL).
 * 0, -EINVAL (resource, soft above hard) or -EPERM (NOFILE too high). */
int do_prlimit(unsigned int resource, const struct rlimit64 *new_rlim,
	       struct rlimit64 *old_rlim);

#endif
