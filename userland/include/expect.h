/* SPDX-License-Identifier: MIT */
/*
 * expect.h: the small checks the file-system tests share. A system call's
 * result is taken as -errno or the value (sys()), and each check prints
 * one KTAP result whose description names the expected answer, so the
 * same line is printed on Linux and on Trident.
 */
#ifndef TRIDENT_EXPECT_H
#define TRIDENT_EXPECT_H

#include <errno.h>
#include <stdint.h>
#include <stddef.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "ktap.h"
#include "errname.h"
#include "raw_syscall.h"

/* -errno or the result. */
static inline long sys(long ret)
{
	return ret == -1 ? -errno : ret;
}

static inline void expect_err(long ret, int err, const char *what)
{
	if (ret != -err)
		ktap_print_msg("got %s", raw_result_name(ret));
	ktap_test_result(ret == -err, "%s -> %s", what, errno_name(err));
}

static inline void expect_ok(long ret, const char *what)
{
	if (ret < 0)
		ktap_print_msg("got %s", raw_result_name(ret));
	ktap_test_result(ret >= 0, "%s succeeds", what);
}

/* The value printed in octal: these are flags and modes. */
static inline void expect_val(long ret, long want, const char *what)
{
	if (ret != want)
		ktap_print_msg("got %s (%ld)", raw_result_name(ret), ret);
	ktap_test_result(ret == want, "%s -> %#lo", what, want);
}

/*
 * pread64 and pwrite64 with a 64-bit offset: a full register on x86_64
 * and x32 (libc's syscall() has 32-bit longs on x32), two on i386.
 */
static inline long xpread(int fd, void *buf, size_t n, int64_t off)
{
#if defined(__x86_64__)
	return raw_syscall6(SYS_pread64, fd, RAW_PTR(buf), n, off, 0, 0);
#else
	return sys(syscall(SYS_pread64, fd, buf, n, (long)off, (long)(off >> 32)));
#endif
}

static inline long xpwrite(int fd, const void *buf, size_t n, int64_t off)
{
#if defined(__x86_64__)
	return raw_syscall6(SYS_pwrite64, fd, RAW_PTR(buf), n, off, 0, 0);
#else
	return sys(syscall(SYS_pwrite64, fd, buf, n, (long)off, (long)(off >> 32)));
#endif
}

#endif
