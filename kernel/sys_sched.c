// SPDX-License-Identifier: MIT
/*
 * CPU affinity with one CPU (kernel/sched/syscalls.c and kernel/compat.c
 * in Linux). The mask is a bitmap of CPUs in longs: cpumask_size() is
 * one long, 8 bytes (Linux sizes it by nr_cpu_ids, 1 here, in whole
 * unsigned longs), and only bit 0, CPU 0, is allowed.
 *
 *   sched_setaffinity(pid, len, mask): the first min(len, 8) bytes of mask
 *       are read (fewer than 8: the rest is 0); a mask without CPU 0 is
 *       -EINVAL, as on Linux where it leaves no allowed CPU.
 *   sched_getaffinity(pid, len, mask): len must cover nr_cpu_ids bits and
 *       be a multiple of the ABI's long (8; 4 for ia32, whose compat
 *       handler checks compat_ulong_t), else -EINVAL; writes min(len, 8)
 *       bytes and returns that number.
 *
 * pid 0 is the caller; an unknown pid is -ESRCH.
 */
#include <trident/syscalls.h>
#include <trident/compat.h>
#include <trident/task.h>
#include <trident/uaccess.h>
#include <trident/errno.h>

#define CPUMASK_SIZE	8	/* bytes: one unsigned long for nr_cpu_ids == 1 */
#define NR_CPU_IDS	1

static bool pid_exists(int pid)
{
	if (pid == 0)
		return true;
	for (struct task *p = task_list; p; p = p->next_task)
		if (p->pid == pid && p->state != TASK_ZOMBIE)
			return true;
	return false;
}

static long do_sched_setaffinity(int pid, unsigned int len, const void __user *mask)
{
	unsigned char bytes[CPUMASK_SIZE] = { 0 };

	if (len > CPUMASK_SIZE)
		len = CPUMASK_SIZE;
	if (copy_from_user(bytes, mask, len))
		return -EFAULT;
	if (!pid_exists(pid))
		return -ESRCH;
	return (bytes[0] & 1) ? 0 : -EINVAL;
}

static long do_sched_getaffinity(int pid, unsigned int len, void __user *mask,
				 unsigned int long_size)
{
	unsigned char bytes[CPUMASK_SIZE] = { 1 };	/* CPU 0 */

	if ((unsigned long)len * 8 < NR_CPU_IDS || (len & (long_size - 1)))
		return -EINVAL;
	if (!pid_exists(pid))
		return -ESRCH;
	if (len > CPUMASK_SIZE)
		len = CPUMASK_SIZE;
	if (copy_to_user(mask, bytes, len))
		return -EFAULT;
	return len;
}

SYSCALL_DEFINE3(sched_setaffinity, int, pid, unsigned int, len, unsigned long __user *, mask)
{
	return do_sched_setaffinity(pid, len, mask);
}

SYSCALL_DEFINE3(sched_getaffinity, int, pid, unsigned int, len, unsigned long __user *, mask)
{
	return do_sched_getaffinity(pid, len, mask, sizeof(long));
}

#ifdef CONFIG_IA32_EMULATION
COMPAT_SYSCALL_DEFINE3(sched_setaffinity, int, pid, unsigned int, len, u32 __user *, mask)
{
	return do_sched_setaffinity(pid, len, mask);
}

COMPAT_SYSCALL_DEFINE3(sched_getaffinity, int, pid, unsigned int, len, u32 __user *, mask)
{
	return do_sched_getaffinity(pid, len, mask, sizeof(u32));
}
#endif
