/* SPDX-License-Identifier: MIT */
/*
 * struct stat as the kernel fills it for an x32 program's stat(2),
 * fstat(2), lstat(2) and newfstatat(2): the x86_64 structure (Linux
 * arch/x86/include/uapi/asm/stat.h, 144 bytes), because x32 runs those
 * calls with the 64-bit code. Its "kernel longs" are long long here, so
 * every field keeps its x86_64 width and offset; glibc's x32 struct stat
 * is the same. The timestamps are struct timespec pairs, as on x86_64.
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
	long long	__unused[3];	/* 120 */
};					/* 144 */

#define st_atime st_atim.tv_sec
#define st_mtime st_mtim.tv_sec
#define st_ctime st_ctim.tv_sec

#endif
