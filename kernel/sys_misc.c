// SPDX-License-Identifier: MIT
/*
 * What a C library asks at start-up besides files and memory (who we are
 * is kernel/cred.c): resource limits, random bytes, set_tid_address and
 * set_robust_list (kernel/sys.c, kernel/futex/syscalls.c,
 * drivers/char/random.c in Linux).
 *
 * rseq is left unimplemented (-ENOSYS): glibc and musl carry on without it
 * (sched_getcpu then uses the getcpu system call), and a registration that
 * claimed success would promise restarts of rseq critical sections on
 * preemption that we do not perform.
 */
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/uaccess.h>
#include <trident/random.h>
#include <trident/errno.h>
#include <trident/string.h>
#include <trident/resource.h>

SYSCALL_DEFINE1(set_tid_address, int __user *, tidptr)
{
	current->clear_child_tid = (unsigned long)tidptr;
	return current->pid;
}

/* struct robust_list_head is three pointers: 24 bytes on 64-bit. */
SYSCALL_DEFINE2(set_robust_list, void __user *, head, size_t, len)
{
	if (len != 24)
		return -EINVAL;
	current->robust_list = (unsigned long)head;
	return 0;
}

/* get_robust_list(pid, head_ptr, len_ptr): the registered head and its
 * size, for pid 0 (us) or another task (we are root). */
static long do_get_robust_list(int pid, void __user *head_ptr, void __user *len_ptr, bool compat)
{
	struct task *t = NULL;

	if (!pid)
		t = current;
	for (struct task *p = task_list; p && !t; p = p->next_task)
		if (p->pid == pid && p->state != TASK_ZOMBIE)
			t = p;
	if (!t)
		return -ESRCH;
	if (compat) {
		u32 head = (u32)t->robust_list, len = 12;
		if (put_user(len, (u32 __user *)len_ptr))
			return -EFAULT;
		return put_user(head, (u32 __user *)head_ptr);
	}
	unsigned long head = t->robust_list, len = 24;
	if (put_user(len, (unsigned long __user *)len_ptr))
		return -EFAULT;
	return put_user(head, (unsigned long __user *)head_ptr);
}

SYSCALL_DEFINE3(get_robust_list, int, pid, void __user *, head_ptr, void __user *, len_ptr)
{
	return do_get_robust_list(pid, head_ptr, len_ptr, false);
}

COMPAT_SYSCALL_DEFINE3(get_robust_list, int, pid, void __user *, head_ptr, void __user *, len_ptr)
{
	return do_get_robust_list(pid, head_ptr, len_ptr, true);
}

/* struct compat_robust_list_head: three 32-bit words. */
COMPAT_SYSCALL_DEFINE2(set_robust_list, u32, head, u32, len)
{
	if (len != 12)
		return -EINVAL;
	current->robust_list = head;
	return 0;
}

/* --- resource limits ------------------------------------------------------ */

/* Linux's INIT_RLIMITS (include/asm-generic/resource.h). NPROC and
 * SIGPENDING depend on memory on Linux; ours is the task limit. */
static const struct rlimit64 init_rlimits[RLIM_NLIMITS] = {
	[RLIMIT_CPU]        = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_FSIZE]      = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_DATA]       = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_STACK]      = { 8UL << 20, RLIM_INFINITY },
	[RLIMIT_CORE]       = { 0, RLIM_INFINITY },
	[RLIMIT_RSS]        = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_NPROC]      = { MAX_TASKS, MAX_TASKS },
	[RLIMIT_NOFILE]     = { NR_OPEN, NR_OPEN_MAX },
	[RLIMIT_MEMLOCK]    = { 8UL << 20, 8UL << 20 },
	[RLIMIT_AS]         = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_LOCKS]      = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_SIGPENDING] = { MAX_TASKS, MAX_TASKS },
	[RLIMIT_MSGQUEUE]   = { 819200, 819200 },
	[RLIMIT_NICE]       = { 0, 0 },
	[RLIMIT_RTPRIO]     = { 0, 0 },
	[RLIMIT_RTTIME]     = { RLIM_INFINITY, RLIM_INFINITY },
};

/* The first process's limits; fork copies the parent's. */
void rlimits_init(struct task *t)
{
	memcpy(t->rlim, init_rlimits, sizeof(t->rlim));
}

unsigned long rlimit(unsigned int resource)
{
	return current->rlim[resource].rlim_cur;
}

/*
 * Each process has its own table (struct task), inherited on fork. (It
 * was one table for the whole system: the fuzzer's setrlimit(NOFILE, 0)
 * in one process made every later pipe2 anywhere fail with EMFILE.)
 * Raising a soft limit above the hard one is EINVAL; root may raise hard
 * limits, except NOFILE beyond what the descriptor table holds (Linux:
 * sysctl_nr_open).
 */
static int task_prlimit(struct task *t, unsigned int resource, const struct rlimit64 *new_rlim,
			struct rlimit64 *old_rlim)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new_rlim) {
		if (new_rlim->rlim_cur > new_rlim->rlim_max)
			return -EINVAL;
		if (resource == RLIMIT_NOFILE && new_rlim->rlim_max > NR_OPEN_MAX)
			return -EPERM;
	}
	if (old_rlim)
		*old_rlim = t->rlim[resource];
	if (new_rlim)
		t->rlim[resource] = *new_rlim;
	return 0;
}

int do_prlimit(unsigned int resource, const struct rlimit64 *new_rlim,
	       struct rlimit64 *old_rlim)
{
	return task_prlimit(current, resource, new_rlim, old_rlim);
}

/* prlimit64 and setrlimit with user structures: an unreadable new limit is
 * EFAULT before anything else is looked at; the old one is copied out
 * after the new one took effect (Linux's order). */
static long sys_prlimit(int pid, unsigned int resource, const struct rlimit64 __user *new_rlim,
			struct rlimit64 __user *old_rlim)
{
	struct rlimit64 n, o;
	long err;

	if (new_rlim && copy_from_user(&n, new_rlim, sizeof(n)))
		return -EFAULT;
	struct task *target = current;
	if (pid && pid != current->pid) {	/* a negative pid finds no one */
		target = NULL;
		for (struct task *t = task_list; t; t = t->next_task)
			if (t->pid == pid && t->state != TASK_ZOMBIE)
				target = t;
		if (!target)
			return -ESRCH;
	}
	err = task_prlimit(target, resource, new_rlim ? &n : NULL, old_rlim ? &o : NULL);
	if (!err && old_rlim && copy_to_user(old_rlim, &o, sizeof(o)))
		return -EFAULT;
	return err;
}

SYSCALL_DEFINE4(prlimit64, int, pid, unsigned int, resource,
		const struct rlimit64 __user *, new_rlim, struct rlimit64 __user *, old_rlim)
{
	return sys_prlimit(pid, resource, new_rlim, old_rlim);
}

SYSCALL_DEFINE2(getrlimit, unsigned int, resource, struct rlimit64 __user *, rlim)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	return copy_to_user(rlim, &current->rlim[resource], sizeof(*rlim)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, const struct rlimit64 __user *, rlim)
{
	if (!rlim)
		return -EFAULT;
	return sys_prlimit(0, resource, rlim, NULL);
}

/* --- getrandom ------------------------------------------------------------ */

#define GRND_NONBLOCK 0x0001
#define GRND_RANDOM   0x0002
#define GRND_INSECURE 0x0004
#define MAX_RW_COUNT  (0x7fffffff & ~0xfffUL)

SYSCALL_DEFINE3(getrandom, char __user *, buf, size_t, count, unsigned int, flags)
{
	u8 chunk[256];
	size_t done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	while (done < count) {
		size_t n = MIN(count - done, sizeof(chunk));
		get_random_bytes(chunk, n);
		size_t left = copy_to_user(buf + done, chunk, n);
		done += n - left;
		if (left)
			return done ? (long)done : -EFAULT;
	}
	return done;
}
