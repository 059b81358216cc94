/* SPDX-License-Identifier: MIT */
/*
 * struct timespec, shared by <time.h> and <sys/stat.h>. The kernel's layout
 * is two "kernel longs": 16 bytes on x86_64 and on x32 (where tv_nsec is
 * therefore long long, as in glibc), 8 bytes on i386.
 */
#ifndef _BITS_TIMESPEC_H
#define _BITS_TIMESPEC_H

#include <bits/types.h>

struct timespec {
	__time_t		tv_sec;
	__syscall_slong_t	tv_nsec;
};

#endif
