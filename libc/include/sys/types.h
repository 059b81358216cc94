/* SPDX-License-Identifier: MIT */
/*
 * The POSIX scalar types. The ones whose width differs between x86_64, x32
 * and i386 come from the architecture's <bits/types.h>; these are the same
 * on all three (and the same as glibc's).
 */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <bits/types.h>

typedef __ssize_t	ssize_t;
typedef __off_t		off_t;
typedef __time_t	time_t;
typedef __suseconds_t	suseconds_t;
typedef __dev_t		dev_t;
typedef __ino_t		ino_t;
typedef __nlink_t	nlink_t;
typedef __blksize_t	blksize_t;
typedef __blkcnt_t	blkcnt_t;

typedef int		pid_t;
typedef unsigned int	uid_t;
typedef unsigned int	gid_t;
typedef unsigned int	id_t;
typedef unsigned int	mode_t;
typedef unsigned int	useconds_t;
typedef int		clockid_t;

#endif
