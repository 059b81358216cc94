// SPDX-License-Identifier: MIT
/*
 * Resource limits with the ia32 struct rlimit, two 32-bit longs (Linux's
 * kernel/sys.c compat part). RLIM_INFINITY is ~0UL in the kernel and
 * 0xffffffff in 32 bits; limits above that cannot be said in 32 bits:
 *
 *   191 ugetrlimit  compat_sys_getrlimit: a limit above 0xffffffff reads
 *                   as COMPAT_RLIM_INFINITY
 *   76  getrlimit   compat_sys_old_getrlimit: the pre-2.4 call, for which
 *                   "infinity" was 0x7fffffff; every limit above that
 *                   reads as 0x7fffffff
 *   75  setrlimit   compat_sys_setrlimit: 0xffffffff means RLIM_INFINITY
 *   340 prlimit64   struct rlimit64 for every ABI: the native handler
 */
#include <trident/syscalls.h>
#include <trident/compat.h>
#include <trident/resource.h>
#include <trident/uaccess.h>
#include <trident/errno.h>

#define COMPAT_RLIM_OLD_INFINITY	0x7fffffffU

static int put_compat_rlimit(const struct rlimit64 *r, u32 max, struct compat_rlimit __user *rlim)
{
	struct compat_rlimit r32 = {
		r->rlim_cur > max ? max : (u32)r->rlim_cur,
		r->rlim_max > max ? max : (u32)r->rlim_max,
	};

	return copy_to_user(rlim, &r32, sizeof(r32)) ? -EFAULT : 0;
}

COMPAT_SYSCALL_DEFINE2(getrlimit, unsigned int, resource, struct compat_rlimit __user *, rlim)
{
	struct rlimit64 r;
	int err = do_prlimit(resource, NULL, &r);

	return err ? err : put_compat_rlimit(&r, COMPAT_RLIM_INFINITY, rlim);
}

COMPAT_SYSCALL_DEFINE2(old_getrlimit, unsigned int, resource, struct compat_rlimit __user *, rlim)
{
	struct rlimit64 r;
	int err = do_prlimit(resource, NULL, &r);

	return err ? err : put_compat_rlimit(&r, COMPAT_RLIM_OLD_INFINITY, rlim);
}

/* The struct is read first: a bad pointer is EFAULT even for a bad
 * resource. */
COMPAT_SYSCALL_DEFINE2(setrlimit, unsigned int, resource, struct compat_rlimit __user *, rlim)
{
	struct compat_rlimit r32;
	struct rlimit64 r;

	if (copy_from_user(&r32, rlim, sizeof(r32)))
		return -EFAULT;
	r.rlim_cur = r32.rlim_cur == COMPAT_RLIM_INFINITY ? RLIM_INFINITY : r32.rlim_cur;
	r.rlim_max = r32.rlim_max == COMPAT_RLIM_INFINITY ? RLIM_INFINITY : r32.rlim_max;
	return do_prlimit(resource, &r, NULL);
}
