/* SPDX-License-Identifier: MIT */
/*
 * sched_affinity: sched_getaffinity and sched_setaffinity (what Linux's
 * iopl, ioperm, ldt_gdt and sysret_ss_attrs selftests call first). Only
 * what holds on any machine is checked (the host has more CPUs than
 * Trident's one):
 *
 *  - getaffinity returns the mask's size in bytes: a multiple of the
 *    kernel's long (8; 4 for ia32), at most the length given, with at
 *    least one CPU set; a length of 0 or not a multiple of that long is
 *    EINVAL; pid -1 is ESRCH; a bad buffer EFAULT;
 *  - setaffinity of the mask just read succeeds; an empty mask is EINVAL;
 *    a bad pointer EFAULT; pid -1 ESRCH.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "ktap.h"
#include "errname.h"

#ifdef __i386__
#define KLONG	4	/* compat_ulong_t */
#else
#define KLONG	8	/* the 64-bit handler serves x32 too */
#endif

static long sc(long nr, long a, long b, long c)
{
	long r = syscall(nr, a, b, c);

	return r == -1 ? -errno : r;
}

static void expect_err(long ret, int err, const char *what)
{
	if (ret != -err)
		ktap_print_msg("got %s", ret < 0 ? errno_name((int)-ret) : "success");
	ktap_test_result(ret == -err, "%s -> %s", what, errno_name(err));
}

int main(void)
{
	unsigned char mask[128], zero[128] = { 0 };
	long n;
	int any = 0;

	ktap_print_header();
	ktap_set_plan(11);
	memset(mask, 0, sizeof(mask));
	n = sc(SYS_sched_getaffinity, 0, sizeof(mask), (long)mask);
	for (long i = 0; i < n && i < (long)sizeof(mask); i++)
		any |= mask[i];
	ktap_test_result(n > 0 && n % KLONG == 0 && n <= (long)sizeof(mask),
			 "getaffinity(0, 128) returns the mask's size, a multiple of the kernel's long");
	ktap_test_result(any, "the mask has a CPU");
	expect_err(sc(SYS_sched_getaffinity, 0, 0, (long)mask), EINVAL, "getaffinity with length 0");
	expect_err(sc(SYS_sched_getaffinity, 0, KLONG + 1, (long)mask), EINVAL,
		   "getaffinity with a length not a multiple of the kernel's long");
	expect_err(sc(SYS_sched_getaffinity, -1, sizeof(mask), (long)mask), ESRCH, "getaffinity of pid -1");
	expect_err(sc(SYS_sched_getaffinity, 0, sizeof(mask), 16), EFAULT, "getaffinity into address 16");
	ktap_test_result(sc(SYS_sched_setaffinity, 0, n > 0 ? n : 8, (long)mask) == 0,
			 "setaffinity with the mask read -> 0");
	ktap_test_result(sc(SYS_sched_setaffinity, getpid(), n > 0 ? n : 8, (long)mask) == 0,
			 "setaffinity of our own pid -> 0");
	expect_err(sc(SYS_sched_setaffinity, 0, sizeof(zero), (long)zero), EINVAL, "setaffinity of an empty mask");
	expect_err(sc(SYS_sched_setaffinity, 0, sizeof(mask), 16), EFAULT, "setaffinity from address 16");
	expect_err(sc(SYS_sched_setaffinity, -1, sizeof(mask), (long)mask), ESRCH, "setaffinity of pid -1");
	ktap_finished();
}
