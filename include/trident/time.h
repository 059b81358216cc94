/* SPDX-License-Identifier: MIT */
/* Time: the tick (arch/x86_64/timer.c) and the clocks (kernel/time.c). */
#ifndef _TRIDENT_TIME_H
#define _TRIDENT_TIME_H

#include <trident/types.h>

#define HZ 250				/* ticks per second, Linux's default */
#define NSEC_PER_SEC 1000000000ULL

extern volatile u64 jiffies;		/* ticks since boot */

void timer_init(void);			/* PIT at HZ, TSC calibration */
void timer_tick(void);			/* from IRQ 0: wakes sleepers */
void itimer_tick(u64 now);		/* kernel/itimer.c: SIGALRM when due */
u64 ktime_get_ns(void);			/* CLOCK_MONOTONIC, nanoseconds */
extern u64 boot_realtime_sec;			/* RTC at boot (seconds since 1970) */
u64 ktime_get_real_ns(void);		/* CLOCK_REALTIME, nanoseconds */

#define CLOCK_REALTIME           0
#define CLOCK_MONOTONIC          1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID  3
#define CLOCK_MONOTONIC_RAW      4
#define CLOCK_REALTIME_COARSE    5
#define CLOCK_MONOTONIC_COARSE   6
#define CLOCK_BOOTTIME           7
#define TIMER_ABSTIME            1

/* The kernel's time, and the x86_64 (and __kernel_timespec) user layout. */
struct timespec64 {
	long tv_sec;
	long tv_nsec;
};

/* The clock calls without their user structures (kernel/time.c), shared
 * with the ia32 handlers of 32-bit time_t (arch/ia32/compat_time32.c).
 * Each returns 0 or -EINVAL for an unknown clock. */
int do_clock_gettime(int which_clock, struct timespec64 *ts);
int do_clock_getres(int which_clock, struct timespec64 *ts);
/* Whether clock_nanosleep may sleep on this clock (-EINVAL if not). */
int clock_nanosleep_check(int which_clock);
/* Sleeps for *req (until *req with TIMER_ABSTIME): 0, -EINVAL for a
 * timespec that is not one, or a restart code when a signal came (the
 * time left then goes to rmtp, an old_timespec32 when rmtp_time32). */
long do_clock_nanosleep(int which, int flags, const struct timespec64 *req,
			void __user *rmtp, bool rmtp_time32);

#endif
