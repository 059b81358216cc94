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
u64 ktime_get_ns(void);			/* CLOCK_MONOTONIC, nanoseconds */
extern u64 boot_realtime_sec;			/* RTC at boot (seconds since 1970) */

#endif
