// SPDX-License-Identifier: MIT
/*
 * futex: sleeping on a 32-bit word of user memory until another thread
 * wakes the word (Linux's kernel/futex/). What glibc's threads use for
 * mutexes, condition variables and pthread_join.
 *
 * A waiter is a task with futex_mm and futex_uaddr set, the key Linux's
 * get_futex_key() gives: the address space and the address for a private
 * futex or private memory; for a shared futex (no FUTEX_PRIVATE_FLAG) in
 * a MAP_SHARED mapping, the word's physical address (futex_mm
 * FUTEX_KEY_PAGE), the same in every process that maps the page. The
 * kernel is not preempted, so reading the word and going to sleep cannot
 * race with a FUTEX_WAKE: no hash buckets, no locks; a wake walks the
 * task list.
 *
 * Operations: WAIT, WAKE, REQUEUE, CMP_REQUEUE, WAIT_BITSET, WAKE_BITSET;
 * the PI operations and WAKE_OP are ENOSYS here (Linux has them).
 */
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/signal.h>
#include <trident/time.h>
#include <trident/compat.h>
#include <trident/vm.h>
#include <generated/autoconf.h>

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_LOCK_PI		6
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_WAIT_REQUEUE_PI	11
#define FUTEX_LOCK_PI2		13
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY	0xffffffff

/* Linux's futex_cmd_has_timeout(): the fourth argument is a timespec. */
static bool cmd_has_timeout(int cmd)
{
	return cmd == FUTEX_WAIT || cmd == FUTEX_LOCK_PI || cmd == FUTEX_LOCK_PI2 ||
	       cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_WAIT_REQUEUE_PI;
}

/* A futex's key: (address space, address), or (FUTEX_KEY_PAGE, physical
 * address) for a shared futex in MAP_SHARED memory. */
struct futex_key {
	struct mm *mm;
	unsigned long addr;
};

#define FUTEX_KEY_PAGE	((struct mm *)1)

/* Linux's get_futex_key(): uaddr of the current task's memory, its page
 * already faulted in by a get_user (else it keys as private). */
static struct futex_key futex_key(struct mm *mm, unsigned long uaddr, bool private)
{
	u64 phys;

	if (!private && vm_shared_phys(mm, uaddr, &phys))
		return (struct futex_key){ FUTEX_KEY_PAGE, phys };
	return (struct futex_key){ mm, uaddr };
}

/* Wake up to nr waiters of key k whose bitset meets bitset; at least one,
 * as Linux counts (nr 0 wakes one). Returns how many. */
static int wake_key(struct futex_key k, int nr, u32 bitset)
{
	int woken = 0;

	for (struct task *t = task_list; t; t = t->next_task) {
		if (t->futex_mm != k.mm || t->futex_uaddr != k.addr || t->futex_woken ||
		    !(t->futex_bitset & bitset))
			continue;
		t->futex_woken = true;
		wake_up(t);
		if (++woken >= nr)
			break;
	}
	return woken;
}

/* A shared wake of mm's uaddr: the exit's clear_child_tid (Linux's
 * mm_release() wakes it with FLAGS_SHARED). */
int futex_wake(struct mm *mm, unsigned long uaddr, int nr, u32 bitset)
{
	return wake_key(futex_key(mm, uaddr, false), nr, bitset);
}

static long futex_wait_restart(struct restart_block *rb);

/*
 * Sleep while *uaddr == val, until a FUTEX_WAKE chooses us (0), the
 * deadline passes (-ETIMEDOUT; deadline in clock's nanoseconds, 0: none)
 * or a signal comes. The word's value is checked first: another value
 * is -EAGAIN, even past the deadline.
 */
static long futex_wait(u32 __user *uaddr, u32 val, int clock, u64 deadline, u32 bitset,
		       bool private)
{
	struct task *t = current;
	struct futex_key k;
	long ret;
	u32 cur;

	if (!bitset)
		return -EINVAL;
	if (get_user(cur, uaddr))
		return -EFAULT;
	if (cur != val)
		return -EAGAIN;
	k = futex_key(t->mm, (unsigned long)uaddr, private);
	t->futex_mm = k.mm;
	t->futex_uaddr = k.addr;
	t->futex_bitset = bitset;
	t->futex_woken = false;
	for (;;) {
		u64 now = clock == CLOCK_REALTIME ? ktime_get_real_ns() : ktime_get_ns();

		if (t->futex_woken) {
			ret = 0;
			break;
		}
		if (deadline && now >= deadline) {
			ret = -ETIMEDOUT;
			break;
		}
		if (signal_pending(t)) {
			ret = -ERESTARTSYS;
			break;
		}
		t->wake_at_ns = deadline ? ktime_get_ns() + (deadline - now) : 0;
		t->state = TASK_BLOCKED;
		schedule();
		t->wake_at_ns = 0;
	}
	t->futex_mm = NULL;
	t->futex_woken = false;
	if (ret == -ERESTARTSYS && deadline) {
		/* With a timeout the rest of the wait is what restarts
		 * (Linux's futex_wait_restart()): a handler sees EINTR. */
		struct restart_block *rb = &t->restart_block;

		rb->fn = futex_wait_restart;
		rb->clockid = clock;
		rb->expires = deadline;
		rb->futex_uaddr = uaddr;
		rb->futex_val = val;
		rb->futex_bitset = bitset;
		rb->futex_private = private;
		rb->ia32 = in_compat_syscall() && !(t->regs->orig_ax & 0x40000000);
		ret = -ERESTART_RESTARTBLOCK;
	}
	return ret;
}

static long futex_wait_restart(struct restart_block *rb)
{
	return futex_wait(rb->futex_uaddr, rb->futex_val, rb->clockid, rb->expires, rb->futex_bitset,
			  rb->futex_private);
}

/* Wake nr_wake waiters of uaddr, move up to nr_requeue others to
 * uaddr2; with cmpval (CMP_REQUEUE) only while *uaddr still holds it. */
static long futex_requeue(u32 __user *uaddr, u32 __user *uaddr2, int nr_wake, int nr_requeue,
			  const u32 *cmpval, bool private)
{
	struct futex_key k1 = futex_key(current->mm, (unsigned long)uaddr, private), k2;
	int woken, moved = 0;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	if ((unsigned long)uaddr2 % sizeof(u32))
		return -EINVAL;
	if (cmpval) {
		u32 cur;

		if (get_user(cur, uaddr))
			return -EFAULT;
		if (cur != *cmpval)
			return -EAGAIN;
	}
	if (!private) {
		u32 v;

		if (get_user(v, uaddr2))	/* faulted in: keyed by its page */
			return -EFAULT;
	}
	k2 = futex_key(current->mm, (unsigned long)uaddr2, private);
	woken = nr_wake ? wake_key(k1, nr_wake, FUTEX_BITSET_MATCH_ANY) : 0;
	for (struct task *t = task_list; t && moved < nr_requeue; t = t->next_task) {
		if (t->futex_mm != k1.mm || t->futex_uaddr != k1.addr || t->futex_woken)
			continue;
		t->futex_mm = k2.mm;
		t->futex_uaddr = k2.addr;
		moved++;
	}
	return woken + moved;
}

/*
 * The futex system call with the timeout already read (Linux's do_futex()
 * after futex_init_timeout()): ts is the timespec or NULL, val2 the
 * fourth argument as a number for the operations without a timeout.
 */
static long do_futex(u32 __user *uaddr, int op, u32 val, const struct timespec64 *ts,
		     u32 val2, u32 __user *uaddr2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	bool private = op & FUTEX_PRIVATE_FLAG;
	int clock = CLOCK_MONOTONIC;
	u64 deadline = 0;

	if (op & FUTEX_CLOCK_REALTIME) {
		if (cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT_REQUEUE_PI && cmd != FUTEX_LOCK_PI2)
			return -ENOSYS;
		clock = CLOCK_REALTIME;
	}
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAKE:
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE:
	case FUTEX_WAIT_BITSET:
	case FUTEX_WAKE_BITSET:
		break;
	default:
		return -ENOSYS;
	}
	/* get_futex_key(): the word is aligned; a shared one must be in
	 * memory (a private one is only a number until someone waits). */
	if ((unsigned long)uaddr % sizeof(u32))
		return -EINVAL;
	if (!private && cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET) {
		u32 v;
		if (get_user(v, uaddr))
			return -EFAULT;
	}
	if (ts) {
		/* FUTEX_WAIT's timeout is relative (on CLOCK_MONOTONIC),
		 * WAIT_BITSET's absolute on the chosen clock. A deadline of
		 * exactly 0 is in the past all the same. */
		u64 ns = (u64)ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;

		if (cmd == FUTEX_WAIT)
			ns += ktime_get_ns();
		deadline = ns ? ns : 1;
		/* Beyond ~292 years (Linux's KTIME_MAX): never. */
		if (ts->tv_sec >= (s64)(9223372036LL - 1000000000LL))
			deadline = 0;
	}
	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, val, clock, deadline, FUTEX_BITSET_MATCH_ANY, private);
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, val, clock, deadline, val3, private);
	case FUTEX_WAKE:
		return wake_key(futex_key(current->mm, (unsigned long)uaddr, private), (int)val,
				FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		if (!val3)
			return -EINVAL;
		return wake_key(futex_key(current->mm, (unsigned long)uaddr, private), (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, uaddr2, (int)val, (int)val2, NULL, private);
	default:		/* FUTEX_CMP_REQUEUE */
		return futex_requeue(uaddr, uaddr2, (int)val, (int)val2, &val3, private);
	}
}

/* A timespec the kernel takes (timespec64_valid()). */
static bool ts_valid(const struct timespec64 *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < (long)NSEC_PER_SEC;
}

/* 64-bit, x32 and ia32's futex_time64: a struct __kernel_timespec. */
SYSCALL_DEFINE6(futex, u32 __user *, uaddr, int, op, u32, val,
		const struct timespec64 __user *, utime, u32 __user *, uaddr2, u32, val3)
{
	struct timespec64 ts;
	int cmd = op & FUTEX_CMD_MASK;

	if (utime && cmd_has_timeout(cmd)) {
		if (copy_from_user(&ts, utime, sizeof(ts)))
			return -EFAULT;
		if (in_compat_syscall())	/* x32 and ia32: padding above nsec */
			ts.tv_nsec &= 0xffffffffUL;
		if (!ts_valid(&ts))
			return -EINVAL;
		return do_futex(uaddr, op, val, &ts, 0, uaddr2, val3);
	}
	return do_futex(uaddr, op, val, NULL, (u32)(unsigned long)utime, uaddr2, val3);
}

#ifdef CONFIG_IA32_EMULATION
/* ia32's futex (240): a struct old_timespec32. */
SYSCALL_DEFINE6(futex_time32, u32 __user *, uaddr, int, op, u32, val,
		const struct old_timespec32 __user *, utime, u32 __user *, uaddr2, u32, val3)
{
	struct old_timespec32 t32;
	struct timespec64 ts;
	int cmd = op & FUTEX_CMD_MASK;

	if (utime && cmd_has_timeout(cmd)) {
		if (copy_from_user(&t32, utime, sizeof(t32)))
			return -EFAULT;
		ts.tv_sec = t32.tv_sec;
		ts.tv_nsec = t32.tv_nsec;
		if (!ts_valid(&ts))
			return -EINVAL;
		return do_futex(uaddr, op, val, &ts, 0, uaddr2, val3);
	}
	return do_futex(uaddr, op, val, NULL, (u32)(unsigned long)utime, uaddr2, val3);
}
#endif
