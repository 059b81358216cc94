/* SPDX-License-Identifier: MIT */
/*
 * Clocks and sleeping. Always through the system call: no vDSO.
 */
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include "syscall.h"

int clock_gettime(clockid_t clock, struct timespec *ts)
{
	return __syscall_ret(__syscall(SYS_clock_gettime, clock, ts));
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return __syscall_ret(__syscall(SYS_nanosleep, req, rem));
}

time_t time(time_t *t)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

/* Returns the seconds left if a signal cut the sleep short. */
unsigned int sleep(unsigned int seconds)
{
	struct timespec ts = { seconds, 0 };

	if (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		return ts.tv_sec + (ts.tv_nsec > 0);
	return 0;
}
