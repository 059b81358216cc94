/* SPDX-License-Identifier: MIT */
/*
 * struct timeval and the interval timers (setitimer, getitimer). The
 * fields are the ABI's kernel longs: 64-bit on x86_64 and x32, 32-bit on
 * i386 (glibc's default time_t there).
 */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <sys/types.h>

struct timeval {
	time_t tv_sec;
	suseconds_t tv_usec;
};

struct itimerval {
	struct timeval it_interval;
	struct timeval it_value;
};

#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2

int setitimer(int which, const struct itimerval *restrict value,
	      struct itimerval *restrict ovalue);
int getitimer(int which, struct itimerval *value);

#endif
