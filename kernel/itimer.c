// SPDX-License-Identifier: MIT
/*
 * Interval timers: alarm, setitimer, getitimer (Linux's
 * kernel/time/itimer.c and alarm_setitimer()).
 *
 * ITIMER_REAL counts in CLOCK_MONOTONIC nanoseconds and is checked on
 * every tick of the PIT (HZ = 250, arch/x86_64/timer.c): when it is due,
 * SIGALRM (si_code SI_KERNEL, as Linux's it_real_fn()) goes to the task,
 * and an interval re-arms it. So it fires up to one tick late.
 * ITIMER_VIRTUAL and ITIMER_PROF need CPU-time accounting, which we do not
 * have: their values are kept and read back unchanged, and never fire
 * (docs/signals.md).
 */
#include <trident/signal.h>
#include <trident/task.h>
#include <trident/time.h>
#include <trident/errno.h>
#include <trident/uaccess.h>
#include <trident/syscalls.h>

#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2
#define NSEC_PER_USEC	1000UL

/* struct itimerval in the kernel: value (time to the next expiry) and
 * interval, in nanoseconds. */
struct kitimer {
	u64 interval, value;
};

void itimer_tick(u64 now)
{
	for (struct task *t = task_list; t; t = t->next_task) {
		if (!t->it_real_expires || now < t->it_real_expires)
			continue;
		if (t->it_real_incr) {
			while (t->it_real_expires <= now)
				t->it_real_expires += t->it_real_incr;
		} else {
			t->it_real_expires = 0;
		}
		send_signal(t, SIGALRM);
	}
}

static void get_itimer(struct task *t, int which, struct kitimer *v)
{
	switch (which) {
	case ITIMER_REAL: {
		u64 now = ktime_get_ns();
		v->interval = t->it_real_incr;
		v->value = 0;
		if (t->it_real_expires) {
			/* Due but not yet fired: Linux says 1 us, never 0. */
			v->value = t->it_real_expires > now ? t->it_real_expires - now : NSEC_PER_USEC;
		}
		break;
	}
	case ITIMER_VIRTUAL:
		*v = (struct kitimer){ t->it_virt_incr, t->it_virt_value };
		break;
	default:
		*v = (struct kitimer){ t->it_prof_incr, t->it_prof_value };
		break;
	}
}

static int do_setitimer(int which, const struct kitimer *n, struct kitimer *old)
{
	struct task *t = current;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	if (old)
		get_itimer(t, which, old);
	switch (which) {
	case ITIMER_REAL:
		t->it_real_incr = n->value ? n->interval : 0;
		t->it_real_expires = n->value ? ktime_get_ns() + n->value : 0;
		break;
	case ITIMER_VIRTUAL:
		t->it_virt_value = n->value;
		t->it_virt_incr = n->value ? n->interval : 0;
		break;
	case ITIMER_PROF:
		t->it_prof_value = n->value;
		t->it_prof_incr = n->value ? n->interval : 0;
		break;
	}
	return 0;
}

/* struct timeval of the ABI: two longs, 8 bytes each for 64-bit and x32
 * (kernel longs), 4 for ia32. usec must be 0..999999. */
static int get_timeval(u64 *ns, const void __user *p, bool compat32)
{
	s64 sec, usec;

	if (compat32) {
		s32 v[2];
		if (copy_from_user(v, p, sizeof(v)))
			return -EFAULT;
		sec = v[0];
		usec = v[1];
	} else {
		s64 v[2];
		if (copy_from_user(v, p, sizeof(v)))
			return -EFAULT;
		sec = v[0];
		usec = v[1];
	}
	if (sec < 0 || usec < 0 || usec >= 1000000)
		return -EINVAL;
	*ns = (u64)sec * NSEC_PER_SEC + (u64)usec * NSEC_PER_USEC;
	return 0;
}

/* Back to a timeval, rounded up to the next microsecond (Linux's
 * ktime_to_timeval of the remaining time keeps it above 0). */
static int put_itimerval(void __user *p, const struct kitimer *v, bool compat32)
{
	u64 val_us = (v->value + NSEC_PER_USEC - 1) / NSEC_PER_USEC;
	u64 int_us = (v->interval + NSEC_PER_USEC - 1) / NSEC_PER_USEC;

	if (compat32) {
		s32 out[4] = { int_us / 1000000, int_us % 1000000, val_us / 1000000, val_us % 1000000 };
		return copy_to_user(p, out, sizeof(out)) ? -EFAULT : 0;
	}
	s64 out[4] = { int_us / 1000000, int_us % 1000000, val_us / 1000000, val_us % 1000000 };
	return copy_to_user(p, out, sizeof(out)) ? -EFAULT : 0;
}

static long setitimer_common(int which, const void __user *value, void __user *ovalue,
			     bool compat32)
{
	struct kitimer n = { 0, 0 }, o = { 0, 0 };
	size_t half = compat32 ? 8 : 16;
	int err;

	/* NULL: Linux's old misfeature, a zero timer (it warns once). */
	if (value) {
		if ((err = get_timeval(&n.interval, value, compat32)) ||
		    (err = get_timeval(&n.value, (const u8 __user *)value + half, compat32)))
			return err;
	}
	err = do_setitimer(which, &n, ovalue ? &o : NULL);
	if (err)
		return err;
	return ovalue ? put_itimerval(ovalue, &o, compat32) : 0;
}

static long getitimer_common(int which, void __user *value, bool compat32)
{
	struct kitimer v;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	get_itimer(current, which, &v);
	return put_itimerval(value, &v, compat32);
}

SYSCALL_DEFINE3(setitimer, int, which, const void __user *, value, void __user *, ovalue)
{
	return setitimer_common(which, value, ovalue, false);
}

SYSCALL_DEFINE2(getitimer, int, which, void __user *, value)
{
	return getitimer_common(which, value, false);
}

/* ia32: struct old_itimerval32. */
COMPAT_SYSCALL_DEFINE3(setitimer, int, which, const void __user *, value, void __user *, ovalue)
{
	return setitimer_common(which, value, ovalue, true);
}

COMPAT_SYSCALL_DEFINE2(getitimer, int, which, void __user *, value)
{
	return getitimer_common(which, value, true);
}

/* alarm: ITIMER_REAL in whole seconds; returns the seconds that were
 * left, rounded to the nearest, and never 0 for a pending alarm. */
SYSCALL_DEFINE1(alarm, unsigned int, seconds)
{
	struct kitimer n = { 0, (u64)seconds * NSEC_PER_SEC }, o = { 0, 0 };
	u64 sec, nsec;

	do_setitimer(ITIMER_REAL, &n, &o);
	sec = o.value / NSEC_PER_SEC;
	nsec = o.value % NSEC_PER_SEC;
	if ((!sec && nsec) || nsec >= NSEC_PER_SEC / 2)
		sec++;
	return sec;
}
