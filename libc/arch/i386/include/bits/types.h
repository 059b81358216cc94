/* SPDX-License-Identifier: MIT */
/*
 * The scalar types whose width is not the same on x86_64, x32 and i386:
 * here i386 (ILP32), as glibc's i386 headers give them to a program built
 * with _FILE_OFFSET_BITS=64 (the "large file" interface) and 32-bit time_t
 * (glibc's default on i386 without _TIME_BITS=64). So off_t, ino_t and
 * blkcnt_t are 64 bits and match the kernel's struct stat64 and the 64-bit
 * file calls (_llseek, mmap2, fstatat64, prlimit64); time_t, long and
 * ssize_t are 32 bits, as the kernel's i386 ("time32") calls expect.
 * See libc/arch/x86_64/include/bits/types.h for the table of all three.
 */
#ifndef _BITS_TYPES_H
#define _BITS_TYPES_H

#if !defined(__i386__)
#error "libc/arch/i386 headers used for a non-i386 build"
#endif

typedef int			__ssize_t;
typedef long long		__off_t;	/* LFS: always 64 bits */
typedef long			__time_t;
typedef long			__suseconds_t;
typedef long			__syscall_slong_t;	/* tv_nsec */
typedef unsigned long long	__dev_t;
typedef unsigned long long	__ino_t;	/* LFS: ino64_t */
typedef unsigned int		__nlink_t;
typedef long			__blksize_t;
typedef long long		__blkcnt_t;	/* LFS: blkcnt64_t */

/* printf length modifiers for <inttypes.h>: int64_t is long long and
 * intptr_t is int (GCC's <stdint.h> on i386). */
#define __PRI64		"ll"
#define __PRIPTR	""

#endif
