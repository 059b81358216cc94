// SPDX-License-Identifier: MIT
/*
 * What a C library asks at start-up besides files and memory: who we are
 * (always root), resource limits, random bytes, set_tid_address and
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

SYSCALL_DEFINE0(getuid) { return 0; }
SYSCALL_DEFINE0(geteuid) { return 0; }
SYSCALL_DEFINE0(getgid) { return 0; }
SYSCALL_DEFINE0(getegid) { return 0; }

/* The calling process's process group and session: one of each for now,
 * both init's. */
SYSCALL_DEFINE1(getpgid, int, pid)
{
	return pid < 0 ? -ESRCH : 1;
}

SYSCALL_DEFINE0(getpgrp) { return 1; }

SYSCALL_DEFINE1(getsid, int, pid)
{
	return pid < 0 ? -ESRCH : 1;
}

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

/* --- resource limits ------------------------------------------------------ */

#define RLIMIT_CPU        0
#define RLIMIT_FSIZE      1
#define RLIMIT_DATA       2
#define RLIMIT_STACK      3
#define RLIMIT_CORE       4
#define RLIMIT_RSS        5
#define RLIMIT_NPROC      6
#define RLIMIT_NOFILE     7
#define RLIMIT_MEMLOCK    8
#define RLIMIT_AS         9
#define RLIMIT_LOCKS     10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE  12
#define RLIMIT_NICE      13
#define RLIMIT_RTPRIO    14
#define RLIMIT_RTTIME    15
#define RLIM_NLIMITS     16
#define RLIM_INFINITY    (~0UL)

struct rlimit64 {
	u64 rlim_cur;
	u64 rlim_max;
};

/* Linux's INIT_RLIMITS (include/asm-generic/resource.h). NPROC and
 * SIGPENDING depend on memory on Linux; ours is the task limit. */
static struct rlimit64 rlimits[RLIM_NLIMITS] = {
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

unsigned long rlimit(unsigned int resource)
{
	return rlimits[resource].rlim_cur;
}

/*
 * One table for the whole system for now: limits are inherited on Linux
 * and nothing lowers them before init's children run. Raising a soft
 * limit above the hard one is EINVAL; root may raise hard limits, except
 * NOFILE beyond what the descriptor table holds (Linux: sysctl_nr_open).
 */
static long do_prlimit(int pid, unsigned int resource, const struct rlimit64 __user *new_rlim,
		       struct rlimit64 __user *old_rlim)
{
	struct rlimit64 n;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (pid < 0)
		return -EINVAL;
	if (pid && pid != current->pid) {
		bool found = false;
		for (struct task *t = task_list; t; t = t->next_task)
			if (t->pid == pid && t->state != TASK_ZOMBIE)
				found = true;
		if (!found)
			return -ESRCH;
	}
	if (new_rlim) {
		if (copy_from_user(&n, new_rlim, sizeof(n)))
			return -EFAULT;
		if (n.rlim_cur > n.rlim_max)
			return -EINVAL;
		if (resource == RLIMIT_NOFILE && n.rlim_max > NR_OPEN_MAX)
			return -EPERM;
	}
	if (old_rlim && copy_to_user(old_rlim, &rlimits[resource], sizeof(n)))
		return -EFAULT;
	if (new_rlim)
		rlimits[resource] = n;
	return 0;
}

SYSCALL_DEFINE4(prlimit64, int, pid, unsigned int, resource,
		const struct rlimit64 __user *, new_rlim, struct rlimit64 __user *, old_rlim)
{
	return do_prlimit(pid, resource, new_rlim, old_rlim);
}

SYSCALL_DEFINE2(getrlimit, unsigned int, resource, struct rlimit64 __user *, rlim)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	return copy_to_user(rlim, &rlimits[resource], sizeof(*rlim)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, const struct rlimit64 __user *, rlim)
{
	if (!rlim)
		return -EFAULT;
	return do_prlimit(0, resource, rlim, NULL);
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
