/* SPDX-License-Identifier: MIT */
/*
 * Resource limits, Linux's numbers (include/uapi/asm-generic/resource.h).
 * rlim_t is 64 bits on every ABI: unsigned long on x86_64, unsigned long
 * long on x32 (the kernel's long) and on i386 (glibc's large-file
 * rlim_t). So struct rlimit is 16 bytes everywhere, the layout of
 * prlimit64(2)'s struct rlimit64, and the wrappers use that one call on
 * all three ABIs (as glibc does), never i386's 32-bit getrlimit/ugetrlimit.
 */
#ifndef _SYS_RESOURCE_H
#define _SYS_RESOURCE_H

#include <stdint.h>
#include <sys/types.h>

typedef uint64_t rlim_t;	/* long on x86_64, long long on x32 and i386 */

#define RLIM_INFINITY	(~(rlim_t)0)
#define RLIM_SAVED_MAX	RLIM_INFINITY
#define RLIM_SAVED_CUR	RLIM_INFINITY

#define RLIMIT_CPU		0	/* CPU time in seconds */
#define RLIMIT_FSIZE		1	/* largest file size */
#define RLIMIT_DATA		2	/* data segment (and brk) size */
#define RLIMIT_STACK		3	/* stack size */
#define RLIMIT_CORE		4	/* core file size */
#define RLIMIT_RSS		5
#define RLIMIT_NPROC		6	/* processes per user */
#define RLIMIT_NOFILE		7	/* highest fd + 1 */
#define RLIMIT_MEMLOCK		8
#define RLIMIT_AS		9	/* address space size */
#define RLIMIT_LOCKS		10
#define RLIMIT_SIGPENDING	11
#define RLIMIT_MSGQUEUE		12
#define RLIMIT_NICE		13
#define RLIMIT_RTPRIO		14
#define RLIMIT_RTTIME		15
#define RLIMIT_NLIMITS		16
#define RLIM_NLIMITS		RLIMIT_NLIMITS

struct rlimit {
	rlim_t rlim_cur;	/* the soft limit */
	rlim_t rlim_max;	/* the hard limit: ceiling for rlim_cur */
};

int getrlimit(int resource, struct rlimit *rlim);
int setrlimit(int resource, const struct rlimit *rlim);
/* glibc's _GNU_SOURCE prlimit(): new and old may each be NULL. */
int prlimit(pid_t pid, int resource, const struct rlimit *new_limit,
	    struct rlimit *old_limit);

#endif
