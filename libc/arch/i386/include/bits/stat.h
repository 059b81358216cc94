/* SPDX-License-Identifier: MIT */
/*
 * struct stat on i386 is the kernel's struct stat64 (Linux
 * arch/x86/include/uapi/asm/stat.h; compat_stat64 on a 64-bit kernel),
 * 96 bytes, as fstat64(2) (197) and fstatat64(2) (300) fill it. That is
 * also what glibc's i386 <sys/stat.h> declares as struct stat when a
 * program is built with _FILE_OFFSET_BITS=64 (and 32-bit time_t): the same
 * field names, sizes and offsets, so programs written for glibc compile.
 * (glibc without _FILE_OFFSET_BITS=64 has the 64-byte "old" struct stat of
 * stat(2)/106, with a 32-bit st_ino and st_size; we never use that one.)
 *
 * The kernel's struct is packed: on i386 a long long inside a struct is
 * only 4-byte aligned anyway, so the natural layout below is the same.
 * st_ino appears twice: __st_ino is its low 32 bits (STAT64_HAS_BROKEN_ST_INO),
 * st_ino at the end the whole 64-bit number.
 */
#ifndef _BITS_STAT_H
#define _BITS_STAT_H

#include <bits/types.h>
#include <bits/timespec.h>

struct stat {
	__dev_t		st_dev;		/*  0 */
	unsigned int	__pad1;		/*  8 */
	unsigned long	__st_ino;	/* 12: the low 32 bits of st_ino */
	unsigned int	st_mode;	/* 16 */
	__nlink_t	st_nlink;	/* 20 */
	unsigned int	st_uid;		/* 24 */
	unsigned int	st_gid;		/* 28 */
	__dev_t		st_rdev;	/* 32 */
	unsigned int	__pad2;		/* 40 */
	__off_t		st_size;	/* 44 */
	__blksize_t	st_blksize;	/* 52 */
	__blkcnt_t	st_blocks;	/* 56: 512-byte blocks */
	struct timespec	st_atim;	/* 64 */
	struct timespec	st_mtim;	/* 72 */
	struct timespec	st_ctim;	/* 80 */
	__ino_t		st_ino;		/* 88 */
};					/* 96 */

#define st_atime st_atim.tv_sec
#define st_mtime st_mtim.tv_sec
#define st_ctime st_ctim.tv_sec

#endif
