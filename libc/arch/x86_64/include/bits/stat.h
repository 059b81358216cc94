/* SPDX-License-Identifier: MIT */
/*
 * struct stat as the x86_64 kernel fills it for stat(2), fstat(2), lstat(2)
 * and newfstatat(2): Linux arch/x86/include/uapi/asm/stat.h, 144 bytes.
 * The kernel has separate st_atime/st_atime_nsec words; glibc presents each
 * pair as a struct timespec, which has the same layout, and keeps the old
 * names as macros. We do the same so programs written for glibc compile.
 * x32 uses the same kernel structure (its fields are then long long);
 * i386 uses struct stat64 from fstatat64 (arch/i386/include/bits/stat.h).
 */
#ifndef _BITS_STAT_H
#define _BITS_STAT_H

#include <bits/types.h>
#include <bits/timespec.h>

struct stat {
	__dev_t		st_dev;		/*   0 */
	__ino_t		st_ino;		/*   8 */
	__nlink_t	st_nlink;	/*  16 */
	unsigned int	st_mode;	/*  24 */
	unsigned int	st_uid;		/*  28 */
	unsigned int	st_gid;		/*  32 */
	unsigned int	__pad0;		/*  36 */
	__dev_t		st_rdev;	/*  40 */
	__off_t		st_size;	/*  48 */
	__blksize_t	st_blksize;	/*  56 */
	__blkcnt_t	st_blocks;	/*  64: 512-byte blocks */
	struct timespec	st_atim;	/*  72 */
	struct timespec	st_mtim;	/*  88 */
	struct timespec	st_ctim;	/* 104 */
	long		__unused[3];	/* 120 */
};					/* 144 */

#define st_atime st_atim.tv_sec
#define st_mtime st_mtim.tv_sec
#define st_ctime st_ctim.tv_sec

#endif
