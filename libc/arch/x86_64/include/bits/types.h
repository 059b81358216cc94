/* SPDX-License-Identifier: MIT */
/*
 * The scalar types whose width is not the same on x86_64, x32 and i386.
 * Everything else in <sys/types.h> (pid_t, uid_t, mode_t ...) is one width
 * on all three and lives there. The values follow glibc's x86_64 headers,
 * which follow the kernel's __kernel_long_t (= long on x86_64).
 *
 *                 x86_64 (LP64)   x32 (ILP32)       i386 (ILP32)
 *   ssize_t       long            int               int
 *   off_t         long            long long         long long (we use LFS)
 *   time_t        long            long long         long
 *   tv_nsec       long            long long         long
 *
 * x32 is the surprising column: long is 32 bits there, but the kernel runs
 * the 64-bit system calls, so every "kernel long" is 64 bits.
 */
#ifndef _BITS_TYPES_H
#define _BITS_TYPES_H

#if !defined(__x86_64__) || defined(__ILP32__)
#error "libc/arch/x86_64 headers used for a non-x86_64 build (x32 is ILP32)"
#endif

typedef long		__ssize_t;
typedef long		__off_t;
typedef long		__time_t;
typedef long		__suseconds_t;
typedef long		__syscall_slong_t;	/* struct timespec's tv_nsec */
typedef unsigned long	__dev_t;
typedef unsigned long	__ino_t;
typedef unsigned long	__nlink_t;
typedef long		__blksize_t;
typedef long		__blkcnt_t;

/* printf length modifiers for <inttypes.h>: int64_t and intptr_t are long. */
#define __PRI64		"l"
#define __PRIPTR	"l"

#endif
