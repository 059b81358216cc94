/* SPDX-License-Identifier: MIT */
/*
 * open(2) flags and fcntl(2) commands, Linux's values for x86
 * (include/uapi/asm-generic/fcntl.h, linux/fcntl.h). Octal, as there.
 */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <sys/types.h>

#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_NDELAY	O_NONBLOCK
#define O_DSYNC		00010000
#define O_ASYNC		00020000
#define O_DIRECT	00040000
/*
 * The kernel's value. 64-bit kernels force it on for 64-bit callers (F_GETFL
 * shows it); an i386 libc with a 64-bit off_t must pass it to open().
 */
#define O_LARGEFILE	00100000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define O_SYNC		04010000	/* __O_SYNC | O_DSYNC */
#define O_RSYNC		O_SYNC
#define O_PATH		010000000
#define O_TMPFILE	020200000	/* __O_TMPFILE | O_DIRECTORY */

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
#define FD_CLOEXEC	1

/* The *at() calls: "relative to the working directory", and their flags. */
#define AT_FDCWD		(-100)
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_REMOVEDIR		0x200
#define AT_EACCESS		0x200
#define AT_SYMLINK_FOLLOW	0x400
#define AT_NO_AUTOMOUNT		0x800
#define AT_EMPTY_PATH		0x1000

/* mode is read only with O_CREAT or O_TMPFILE, as in glibc. */
int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
int fcntl(int fd, int cmd, ...);

#endif
