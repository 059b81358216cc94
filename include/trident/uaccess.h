/* SPDX-License-Identifier: MIT */
/*
 * The only way the kernel touches user memory (arch/x86_64/copy_user.asm).
 *
 * Each function first checks that the whole range lies below the current
 * task's task_size (so NULL+n, kernel-half and non-canonical addresses are
 * refused up front: Linux's access_ok), then copies with instructions that
 * are listed in the exception table: a page fault on them jumps to a fix-up
 * that returns the error instead of oopsing (Linux's _ASM_EXTABLE).
 * NULL itself is refused because page 0 is never mapped.
 */
#ifndef _TRIDENT_UACCESS_H
#define _TRIDENT_UACCESS_H

#include <trident/types.h>

/* Return the number of bytes NOT copied (0 on success), as Linux's. */
unsigned long copy_from_user(void *dst, const void __user *src, unsigned long n);
unsigned long copy_to_user(void __user *dst, const void *src, unsigned long n);
unsigned long clear_user(void __user *dst, unsigned long n);
/* Copies a NUL-terminated string of at most n bytes (NUL included).
 * Returns its length without the NUL, n when no NUL was found in n bytes
 * (the caller then says -ENAMETOOLONG), or -EFAULT. */
long strncpy_from_user(char *dst, const char __user *src, long n);

bool access_ok(const void __user *addr, unsigned long n);

/* Convenience for one scalar: 0 or -EFAULT. */
#define get_user(x, ptr) \
	(copy_from_user(&(x), (ptr), sizeof(*(ptr))) ? -EFAULT : 0)
#define put_user(x, ptr) ({ __typeof__(*(ptr)) __pu_v = (x); \
	copy_to_user((ptr), &__pu_v, sizeof(__pu_v)) ? -EFAULT : 0; })

#endif
