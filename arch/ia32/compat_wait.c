// SPDX-License-Identifier: MIT
/*
 * wait4 and waitpid for ia32 (Linux's kernel/exit.c). wait4's struct
 * rusage holds two struct timevals and fourteen longs: 144 bytes for a
 * 64-bit program, 72 as struct compat_rusage. Nothing is accounted yet,
 * so the rusage of a reaped child is all zero in either layout; it is
 * written only when a child was reaped, and a bad pointer then is EFAULT
 * (the child is gone all the same).
 */
#include <trident/syscalls.h>
#include <trident/compat.h>
#include <trident/task.h>
#include <trident/uaccess.h>
#include <trident/errno.h>

/* struct compat_rusage: ru_utime, ru_stime (old_timeval32), 14 longs. */
#define COMPAT_RUSAGE_SIZE	(2 * sizeof(struct old_timeval32) + 14 * sizeof(compat_long_t))
_Static_assert(COMPAT_RUSAGE_SIZE == 72, "struct compat_rusage is 72 bytes");

COMPAT_SYSCALL_DEFINE4(wait4, compat_pid_t, pid, int __user *, stat_addr, int, options,
		       void __user *, ru)
{
	long ret = kernel_wait4(pid, stat_addr, options);

	if (ret > 0 && ru && clear_user(ru, COMPAT_RUSAGE_SIZE))
		return -EFAULT;
	return ret;
}

/* waitpid (7): wait4 without a rusage, kept for i386 (no layout). */
SYSCALL_DEFINE3(waitpid, int, pid, int __user *, stat_addr, int, options)
{
	return kernel_wait4(pid, stat_addr, options);
}
