// SPDX-License-Identifier: MIT
/*
 * copy_from_user and friends: refuse ranges that are not wholly user
 * addresses of the current task, then copy with the fault-tolerant
 * instructions of uaccess.asm. Checking the range first matters: a
 * kernel-half address is mapped (just not for the user), so without the
 * check the copy would succeed and leak or corrupt kernel memory; and a
 * non-canonical address raises #GP rather than #PF.
 */
#include <trident/uaccess.h>
#include <trident/task.h>
#include <trident/vm.h>
#include <trident/errno.h>

unsigned long raw_copy_user(void *dst, const void *src, unsigned long n);
unsigned long raw_clear_user(void *dst, unsigned long n);
long raw_strncpy_user(char *dst, const char *src, long n);

static unsigned long user_limit(void)
{
	struct task *t = current;

	return t && t->mm ? t->mm->task_size : 0;
}

bool access_ok(const void __user *addr, unsigned long n)
{
	unsigned long a = (unsigned long)addr, limit = user_limit();

	return a <= limit && n <= limit - a;
}

unsigned long copy_from_user(void *dst, const void __user *src, unsigned long n)
{
	if (!access_ok(src, n))
		return n;
	return raw_copy_user(dst, (const void *)src, n);
}

unsigned long copy_to_user(void __user *dst, const void *src, unsigned long n)
{
	if (!access_ok(dst, n))
		return n;
	return raw_copy_user((void *)dst, src, n);
}

unsigned long clear_user(void __user *dst, unsigned long n)
{
	if (!access_ok(dst, n))
		return n;
	return raw_clear_user((void *)dst, n);
}

long strncpy_from_user(char *dst, const char __user *src, long n)
{
	unsigned long a = (unsigned long)src, limit = user_limit();
	long max, r;

	if (n <= 0)
		return 0;
	if (a >= limit)
		return -EFAULT;
	/* Never read past the end of user space; a string that reaches it
	 * without a NUL is a fault, as on Linux. */
	max = limit - a < (unsigned long)n ? (long)(limit - a) : n;
	r = raw_strncpy_user(dst, (const char *)src, max);
	if (r < 0 || (r == max && max < n))
		return -EFAULT;
	return r;
}
