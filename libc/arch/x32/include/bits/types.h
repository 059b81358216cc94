/* SPDX-License-Identifier: MIT */
/*
 * The scalar types whose width is not the same on x86_64, x32 and i386:
 * here x32 (ILP32 in 64-bit mode), as glibc's x32 headers give them. long,
 * size_t and pointers are 32 bits, but the kernel runs x32 programs' system
 * calls with the 64-bit code and structures, so every "kernel long"
 * (__kernel_long_t is long long on x32) is 64 bits: off_t, time_t, tv_nsec,
 * ino_t, nlink_t, blksize_t, blkcnt_t. ssize_t follows size_t: 32 bits.
 * See libc/arch/x86_64/include/bits/types.h for the table of all three.
 */
#ifndef _BITS_TYPES_H
#define _BITS_TYPES_H

#if !defined(__x86_64__) || !defined(__ILP32__)
#error "libc/arch/x32 headers used for a non-x32 build"
#endif

typedef int			__ssize_t;
typedef long long		__off_t;
typedef long long		__time_t;
typedef long long		__suseconds_t;
typedef long long		__syscall_slong_t;	/* tv_nsec */
typedef unsigned long long	__dev_t;
typedef unsigned long long	__ino_t;
typedef unsigned long long	__nlink_t;
typedef long long		__blksize_t;
typedef long long		__blkcnt_t;

/* printf length modifiers for <inttypes.h>: int64_t is long long and
 * intptr_t is int (GCC's <stdint.h> on x32). */
#define __PRI64		"ll"
#define __PRIPTR	""

#endif
