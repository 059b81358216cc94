// SPDX-License-Identifier: MIT
/*
 * Clocks and sleeping: clock_gettime, gettimeofday, nanosleep,
 * clock_nanosleep, sched_yield (kernel/time/ in Linux).
 */
#include <trident/time.h>
#include <trident/task.h>
#include <trident/syscalls.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/signal.h>

volatile u64 jiffies;

struct timeval {
	long tv_sec;
	long tv_usec;
};

void timer_tick(void)
{
	u64 now;

	jiffies++;
	now = ktime_get_ns();
	for (struct task *t = task_list; t; t = t->next_task) {
		if (t->state == TASK_BLOCKED && t->wake_at_ns && now >= t->wake_at_ns) {
			t->wake_at_ns = 0;
			wake_up(t);
		}
	}
	itimer_tick(now);
}

/* The clock's time in nanoseconds, or -EINVAL for an unknown clock. The
 * CPU-time clocks report time since boot: no CPU accounting yet. */
static s64 clock_ns(int which)
{
	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		return boot_realtime_sec * NSEC_PER_SEC + ktime_get_ns();
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		return ktime_get_ns();
	}
	return -EINVAL;
}

int do_clock_gettime(int which_clock, struct timespec64 *ts)
{
	s64 ns = clock_ns(which_clock);

	if (ns < 0)
		return ns;
	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
	return 0;
}

int do_clock_getres(int which_clock, struct timespec64 *ts)
{
	if (clock_ns(which_clock) < 0)
		return -EINVAL;
	ts->tv_sec = 0;
	ts->tv_nsec = 1;
	return 0;
}

u64 ktime_get_real_ns(void)
{
	return clock_ns(CLOCK_REALTIME);
}

SYSCALL_DEFINE2(clock_gettime, int, which_clock, struct timespec64 __user *, tp)
{
	struct timespec64 ts;
	int err = do_clock_gettime(which_clock, &ts);

	if (err)
		return err;
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(clock_getres, int, which_clock, struct timespec64 __user *, tp)
{
	struct timespec64 ts;
	int err = do_clock_getres(which_clock, &ts);

	if (err)
		return err;
	if (tp && copy_to_user(tp, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(gettimeofday, struct timeval __user *, tv, void __user *, tz)
{
	u64 ns = ktime_get_real_ns();

	if (tv) {
		struct timeval v = { ns / NSEC_PER_SEC, (ns % NSEC_PER_SEC) / 1000 };
		if (copy_to_user(tv, &v, sizeof(v)))
			return -EFAULT;
	}
	if (tz && clear_user(tz, 8))		/* struct timezone: UTC, no DST */
		return -EFAULT;
	return 0;
}

/* Sleep until the clock reads `until` (ns). 0, or -EINTR when a signal
 * is pending first (with *left the time that remained). */
static long sleep_until(int which, u64 until, u64 *left)
{
	struct task *t = current;

	for (;;) {
		u64 now = clock_ns(which);
		if (now >= until)
			return 0;
		if (signal_pending(t)) {
			*left = until - now;
			return -EINTR;
		}
		t->wake_at_ns = ktime_get_ns() + (until - now);
		t->state = TASK_BLOCKED;
		schedule();
		t->wake_at_ns = 0;
	}
}

/* The time left, as the interrupted call's ABI writes it (Linux's
 * nanosleep_copyout()): -ERESTART_RESTARTBLOCK, or -EFAULT. */
static long nanosleep_copyout(struct restart_block *rb, u64 left)
{
	if (rb->rmtp) {
		struct timespec64 rem = { left / NSEC_PER_SEC, left % NSEC_PER_SEC };
		s32 rem32[2] = { (s32)rem.tv_sec, (s32)rem.tv_nsec };

		if (rb->rmtp_time32 ? copy_to_user(rb->rmtp, rem32, sizeof(rem32))
				    : copy_to_user(rb->rmtp, &rem, sizeof(rem)))
			return -EFAULT;
	}
	return -ERESTART_RESTARTBLOCK;
}

/* restart_syscall's half: sleep on to the same deadline. */
static long nanosleep_restart(struct restart_block *rb)
{
	u64 left = 0;

	if (sleep_until(rb->clockid, rb->expires, &left) == 0)
		return 0;
	rb->fn = nanosleep_restart;
	return nanosleep_copyout(rb, left);
}

/*
 * Sleeps for *req (until *req with TIMER_ABSTIME). A signal ends it early:
 * an absolute sleep gives -ERESTARTNOHAND (restarted as it was unless a
 * handler ran); a relative one writes the time left to rmtp (an
 * old_timespec32 for time32) and gives -ERESTART_RESTARTBLOCK, which
 * without a handler resumes through restart_syscall for the time left
 * (Linux's hrtimer_nanosleep()).
 */
long do_clock_nanosleep(int which, int flags, const struct timespec64 *req,
			void __user *rmtp, bool rmtp_time32)
{
	struct restart_block *rb = &current->restart_block;
	u64 left = 0;

	if (req->tv_sec < 0 || req->tv_nsec < 0 || req->tv_nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	u64 ns = (u64)req->tv_sec * NSEC_PER_SEC + req->tv_nsec;
	u64 until = (flags & TIMER_ABSTIME) ? ns : clock_ns(which) + ns;
	if (sleep_until(which, until, &left) == 0)
		return 0;
	if (flags & TIMER_ABSTIME)
		return -ERESTARTNOHAND;
	rb->fn = nanosleep_restart;
	rb->clockid = which;
	rb->expires = until;
	rb->rmtp = rmtp;
	rb->rmtp_time32 = rmtp_time32;
	rb->ia32 = in_compat_syscall() && !(current->regs->orig_ax & 0x40000000);
	return nanosleep_copyout(rb, left);
}

static long do_nanosleep(int which, int flags, const struct timespec64 __user *rqtp,
			 struct timespec64 __user *rmtp)
{
	struct timespec64 req;

	if (copy_from_user(&req, rqtp, sizeof(req)))
		return -EFAULT;
	/* get_timespec64(): a 32-bit program's tv_nsec is a 32-bit long in
	 * the low half of the field; the high half is padding (ia32's
	 * clock_nanosleep_time64, x32's nanosleep and clock_nanosleep). */
	if (in_compat_syscall())
		req.tv_nsec = (u32)req.tv_nsec;
	return do_clock_nanosleep(which, flags, &req, rmtp, false);
}

int clock_nanosleep_check(int which_clock)
{
	if (which_clock == CLOCK_PROCESS_CPUTIME_ID || which_clock == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;		/* Linux: EINVAL for the thread clock */
	if (clock_ns(which_clock) < 0)
		return -EINVAL;
	return 0;
}

SYSCALL_DEFINE2(nanosleep, const struct timespec64 __user *, rqtp, struct timespec64 __user *, rmtp)
{
	return do_nanosleep(CLOCK_MONOTONIC, 0, rqtp, rmtp);
}

SYSCALL_DEFINE4(clock_nanosleep, int, which_clock, int, flags,
		const struct timespec64 __user *, rqtp, struct timespec64 __user *, rmtp)
{
	int err = clock_nanosleep_check(which_clock);

	return err ? err : do_nanosleep(which_clock, flags, rqtp, rmtp);
}

SYSCALL_DEFINE0(sched_yield)
{
	schedule();
	return 0;
}
