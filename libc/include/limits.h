/* SPDX-License-Identifier: MIT */
/*
 * Integer limits from GCC's predefined macros (so one header is right for
 * LP64 x86_64 and ILP32 x32/i386), plus Linux's path and I/O limits
 * (include/uapi/linux/limits.h). GCC's own <limits.h> cannot be used: it
 * ends by including the C library's, which is this one.
 */
#ifndef _LIMITS_H
#define _LIMITS_H

#define CHAR_BIT	__CHAR_BIT__
#define SCHAR_MAX	__SCHAR_MAX__
#define SCHAR_MIN	(-SCHAR_MAX - 1)
#define UCHAR_MAX	(SCHAR_MAX * 2 + 1)
#ifdef __CHAR_UNSIGNED__
#define CHAR_MIN	0
#define CHAR_MAX	UCHAR_MAX
#else
#define CHAR_MIN	SCHAR_MIN
#define CHAR_MAX	SCHAR_MAX
#endif
#define SHRT_MAX	__SHRT_MAX__
#define SHRT_MIN	(-SHRT_MAX - 1)
#define USHRT_MAX	(SHRT_MAX * 2 + 1)
#define INT_MAX		__INT_MAX__
#define INT_MIN		(-INT_MAX - 1)
#define UINT_MAX	(INT_MAX * 2U + 1U)
#define LONG_MAX	__LONG_MAX__
#define LONG_MIN	(-LONG_MAX - 1L)
#define ULONG_MAX	(LONG_MAX * 2UL + 1UL)
#define LLONG_MAX	__LONG_LONG_MAX__
#define LLONG_MIN	(-LLONG_MAX - 1LL)
#define ULLONG_MAX	(LLONG_MAX * 2ULL + 1ULL)
#define SSIZE_MAX	LONG_MAX	/* ssize_t is long or, on ILP32, int */

#define NAME_MAX	255	/* bytes in a file name */
#define PATH_MAX	4096	/* bytes in a path name, with its NUL */
#define PIPE_BUF	4096	/* bytes in an atomic pipe write */
#define ARG_MAX		131072	/* as glibc: the real limit is the stack rlimit */
#define IOV_MAX		1024	/* UIO_MAXIOV */
#define HOST_NAME_MAX	64

#endif
