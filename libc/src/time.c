/* SPDX-License-Identifier: MIT */
/*
 * Clocks and sleeping. Always through the system call: no vDSO.
 */
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include "syscall.h"

/*
 * x86_64 and x32: clock_gettime(2) fills a struct timespec of two 64-bit
 * words, which is ours. i386: our time_t is 32 bits (glibc's default
 * there), while Linux 5.1 and later offer clock_gettime64 (403) with
 * 64-bit words and keep clock_gettime (265) for old_timespec32. Ask the
 * 64-bit one first, as glibc does, and narrow its answer (EOVERFLOW after
 * 2038); a kernel without it (ENOSYS) gets the old call.
 */
int clock_gettime(clockid_t clock, struct timespec *ts)
{
#ifdef SYS_clock_gettime64
	struct {
		long long tv_sec;
		long long tv_nsec;
	} ts64;
	long r = __syscall(SYS_clock_gettime64, clock, &ts64);

	if (r == -ENOSYS)
		return __syscall_ret(__syscall(SYS_clock_gettime, clock, ts));
	if (r < 0)
		return __syscall_ret(r);
	if (ts64.tv_sec != (time_t)ts64.tv_sec) {
		errno = EOVERFLOW;
		return -1;
	}
	ts->tv_sec = ts64.tv_sec;
	ts->tv_nsec = ts64.tv_nsec;
	return 0;
#else
	return __syscall_ret(__syscall(SYS_clock_gettime, clock, ts));
#endif
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
