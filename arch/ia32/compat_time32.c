// SPDX-License-Identifier: MIT
/*
 * The clock calls of ia32 programs with a 32-bit time_t (Linux's
 * kernel/time/time.c and posix-timers.c, *_time32 and compat_*): time,
 * gettimeofday, nanosleep, clock_gettime, clock_getres, clock_nanosleep.
 * Their struct old_timespec32 and old_timeval32 hold two 32-bit fields;
 * each handler converts to the kernel's struct timespec64 and calls the
 * same code as the 64-bit handler (kernel/time.c).
 *
 * Since Linux 5.1 ia32 also has the _time64 calls (403 clock_gettime64,
 * 406 clock_getres_time64, 407 clock_nanosleep_time64, the ones glibc and
 * musl use today), whose struct __kernel_timespec has the 64-bit layout:
 * the native handlers serve them (kernel/time.c drops the padding half of
 * a compat caller's tv_nsec, as get_timespec64() does).
 *
 * A 32-bit time_t ends in January 2038: time32 values are the low 32 bits
 * of the 64-bit seconds, as Linux's casts make them.
 */
#include <trident/syscalls.h>
#include <trident/compat.h>
#include <trident/time.h>
#include <trident/uaccess.h>
#include <trident/errno.h>

#define NSEC_PER_USEC	1000

static int get_old_timespec32(struct timespec64 *ts, const struct old_timespec32 __user *uts)
{
	struct old_timespec32 t;

	if (copy_from_user(&t, uts, sizeof(t)))
		return -EFAULT;
	ts->tv_sec = t.tv_sec;		/* sign-extended: a negative one is EINVAL later */
	ts->tv_nsec = t.tv_nsec;
	return 0;
}

static int put_old_timespec32(const struct timespec64 *ts, struct old_timespec32 __user *uts)
{
	struct old_timespec32 t = { (compat_time_t)ts->tv_sec, (s32)ts->tv_nsec };

	return copy_to_user(uts, &t, sizeof(t)) ? -EFAULT : 0;
}

/* time(2): the seconds, also stored at tloc when it is not NULL. */
SYSCALL_DEFINE1(time32, compat_time_t __user *, tloc)
{
	compat_time_t t = (compat_time_t)(ktime_get_real_ns() / NSEC_PER_SEC);

	if (tloc && put_user(t, tloc))
		return -EFAULT;
	return t;
}

COMPAT_SYSCALL_DEFINE2(gettimeofday, struct old_timeval32 __user *, tv, void __user *, tz)
{
	if (tv) {
		u64 ns = ktime_get_real_ns();
		struct old_timeval32 v = {
			(compat_time_t)(ns / NSEC_PER_SEC),
			(s32)((ns % NSEC_PER_SEC) / NSEC_PER_USEC),
		};
		if (copy_to_user(tv, &v, sizeof(v)))
			return -EFAULT;
	}
	if (tz && clear_user(tz, 8))		/* struct timezone: UTC, no DST */
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(clock_gettime32, int, which_clock, struct old_timespec32 __user *, tp)
{
	struct timespec64 ts;
	int err = do_clock_gettime(which_clock, &ts);

	return err ? err : put_old_timespec32(&ts, tp);
}

SYSCALL_DEFINE2(clock_getres_time32, int, which_clock, struct old_timespec32 __user *, tp)
{
	struct timespec64 ts;
	int err = do_clock_getres(which_clock, &ts);

	if (!err && tp && put_old_timespec32(&ts, tp))
		return -EFAULT;
	return err;
}

/*
 * Both sleeps: the request is read (EFAULT) and checked (EINVAL); the time
 * left is written only when a signal cut the sleep short, and never for an
 * absolute one.
 */
static long nanosleep32(int which, int flags, const struct old_timespec32 __user *rqtp,
			struct old_timespec32 __user *rmtp)
{
	struct timespec64 req;

	if (get_old_timespec32(&req, rqtp))
		return -EFAULT;
	return do_clock_nanosleep(which, flags, &req, rmtp, true);
}

SYSCALL_DEFINE2(nanosleep_time32, struct old_timespec32 __user *, rqtp,
		struct old_timespec32 __user *, rmtp)
{
	return nanosleep32(CLOCK_MONOTONIC, 0, rqtp, rmtp);
}

SYSCALL_DEFINE4(clock_nanosleep_time32, int, which_clock, int, flags,
		struct old_timespec32 __user *, rqtp, struct old_timespec32 __user *, rmtp)
{
	int err = clock_nanosleep_check(which_clock);

	return err ? err : nanosleep32(which_clock, flags, rqtp, rmtp);
}
