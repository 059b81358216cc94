/* SPDX-License-Identifier: MIT */
/*
 * syscall_errors: which error does a simple call give for a bad argument,
 * and what do the simplest calls return?
 *
 *  - fds: a handler takes fd as an unsigned int, so -1 is 0xffffffff (EBADF)
 *    and RDI's upper half is dropped (0x1_00000001 is fd 1). The fd is
 *    checked before the buffer.
 *  - writev: iovcnt above UIO_MAXIOV (1024) or negative is EINVAL, 1024 is
 *    fine, a negative iov_len is EINVAL.
 *  - identity: getpid, getppid, gettid and uname as a static program sees
 *    them at its start.
 *  - arch_prctl: the FS and GS bases, which glibc's TLS lives on (FS), so
 *    they are changed and restored inside one asm statement with no C code
 *    and no libc call in between.
 *  - ioctl: EBADF and ENOTTY, whatever fd 1 is under the harness.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>

#include "ktap.h"
#include "errname.h"
#include "raw_syscall.h"

/* Linux's numbers (uapi asm/prctl.h, asm-generic/ioctls.h). */
#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004
#define TCGETS		0x5401
#ifndef UIO_MAXIOV
#define UIO_MAXIOV	1024
#endif
#define UTS_FIELD	65	/* __NEW_UTS_LEN + 1 */
#define UTS_SIZE	(6 * UTS_FIELD)	/* struct new_utsname */

/* -errno or the result, from libc's syscall(). */
static long sys(long ret)
{
	return ret == -1 ? -errno : ret;
}

static void expect_err(long ret, int err, const char *what)
{
	if (ret != -err)
		ktap_print_msg("got %s", raw_result_name(ret));
	ktap_test_result(ret == -err, "%s -> %s", what, errno_name(err));
}

/*
 * All { NULL, 0 }, one more than the limit: a kernel that forgot the limit
 * can read all 1025 and would return 0 instead of EINVAL.
 */
static struct iovec iov_max[UIO_MAXIOV + 1];

static void test_fds(void)
{
	static const char fd1_msg[] = "# fd 0x100000001 is fd 1\n";
	char c = '#';
	struct iovec iov = { &c, 0 };
	long ret;

	fflush(stdout);
	expect_err(sys(write(-1, &c, 1)), EBADF, "write(-1)");
	expect_err(sys(write(1000, &c, 1)), EBADF, "write(1000)");
	expect_err(sys(write(0x7fffffff, &c, 1)), EBADF, "write(INT_MAX)");
	/* Calls that libc's prototypes call wrong go through syscall(). */
	expect_err(sys(syscall(SYS_write, -1, NULL, 1)), EBADF,
		   "write(-1, NULL) (fd checked before buffer)");
	ret = sys(write(1, &c, 0));
	ktap_test_result(ret == 0, "write(1, buf, 0) -> 0");

#if defined(__x86_64__)
	ret = raw_syscall3(SYS_write, 0x100000001ULL, RAW_PTR(fd1_msg),
			   sizeof(fd1_msg) - 1);
	if (ret != (long)sizeof(fd1_msg) - 1)
		ktap_print_msg("got %s", raw_result_name(ret));
	ktap_test_result(ret == (long)sizeof(fd1_msg) - 1,
			 "write(fd 0x100000001) writes to fd 1 (fd is unsigned int)");
#else
	(void)fd1_msg;
	ktap_test_skip("not a 64-bit build",
		       "write(fd 0x100000001) writes to fd 1 (fd is unsigned int)");
#endif

	expect_err(sys(syscall(SYS_writev, 1, &iov, -1)), EINVAL, "writev(iovcnt -1)");
	expect_err(sys(writev(1, iov_max, UIO_MAXIOV + 1)), EINVAL,
		   "writev(iovcnt 1025 > UIO_MAXIOV)");
	ret = sys(writev(1, iov_max, UIO_MAXIOV));
	if (ret != 0)
		ktap_print_msg("got %s", raw_result_name(ret));
	ktap_test_result(ret == 0, "writev(1024 empty iovecs) -> 0");
	ret = sys(writev(1, &iov, 0));
	ktap_test_result(ret == 0, "writev(iovcnt 0) -> 0");
	expect_err(sys(syscall(SYS_writev, -1, NULL, -1)), EBADF,
		   "writev(-1, NULL, -1) (fd checked first)");
	iov.iov_len = (size_t)-1;
	expect_err(sys(writev(1, &iov, 1)), EINVAL,
		   "writev(iov_len -1, a negative ssize_t)");
}

static void test_identity(void)
{
	static unsigned char raw[UTS_SIZE + 16];
	struct utsname u;
	long pid = getpid(), ppid = getppid();
	int i, terminated = 1, guard = 1;

	ktap_test_result(pid == getpid() && pid > 0,
			 "getpid() > 0 and the same twice");
	ktap_test_result(ppid >= 0, "getppid() >= 0");
	ktap_test_result(sys(syscall(SYS_gettid)) == pid,
			 "gettid() == getpid() in a single-threaded process");

	memset(&u, 0, sizeof(u));
	ktap_test_result(uname(&u) == 0 && u.sysname[0] != '\0',
			 "uname() sysname is not empty");
	ktap_print_msg("machine %s", u.machine);
	ktap_test_result(strcmp(u.machine, "x86_64") == 0,
			 "uname() machine == x86_64");

	/* struct new_utsname: six NUL-terminated fields of 65 bytes. */
	memset(raw, 0xa5, sizeof(raw));
	if (sys(syscall(SYS_uname, raw)) != 0)
		terminated = guard = 0;
	for (i = 0; i < 6; i++)
		if (strlen((char *)raw + i * UTS_FIELD) >= UTS_FIELD)
			terminated = 0;
	for (i = UTS_SIZE; i < (int)sizeof(raw); i++)
		if (raw[i] != 0xa5)
			guard = 0;
	ktap_test_result(terminated, "uname writes 6 NUL-terminated fields of 65 bytes");
	ktap_test_result(guard, "uname writes nothing past byte 390");
}

#if defined(__x86_64__)
struct base_probe {
	uint64_t set_ret, get_ret, got, seen, restore_ret;
};

/*
 * ARCH_SET_xS to base, ARCH_GET_xS back, read seg:0 (which must now be the
 * first word at base), ARCH_SET_xS to orig: one asm statement, so that no
 * compiler-made FS access (TLS, stack protector) falls in between.
 */
#define BASE_PROBE(seg, SET, GET, base, orig, p)			\
	__asm__ volatile(						\
		"mov %[nr], %%eax\n\t"					\
		"mov %[set], %%edi\n\t"					\
		"mov %[b], %%rsi\n\t"					\
		"syscall\n\t"						\
		"mov %%rax, %[set_ret]\n\t"				\
		"mov %[nr], %%eax\n\t"					\
		"mov %[get], %%edi\n\t"					\
		"mov %[pgot], %%rsi\n\t"				\
		"syscall\n\t"						\
		"mov %%rax, %[get_ret]\n\t"				\
		"mov %%" seg ":0, %%rax\n\t"				\
		"mov %%rax, %[seen]\n\t"				\
		"mov %[nr], %%eax\n\t"					\
		"mov %[set], %%edi\n\t"					\
		"mov %[o], %%rsi\n\t"					\
		"syscall\n\t"						\
		"mov %%rax, %[restore_ret]"				\
		: [set_ret] "=m"((p)->set_ret),				\
		  [get_ret] "=m"((p)->get_ret),				\
		  [seen] "=m"((p)->seen),				\
		  [restore_ret] "=m"((p)->restore_ret)			\
		: [nr] "i"(SYS_arch_prctl), [set] "i"(SET), [get] "i"(GET), \
		  [b] "r"(base), [o] "r"(orig),				\
		  [pgot] "r"(RAW_PTR(&(p)->got))			\
		: "rax", "rdi", "rsi", "rcx", "r11", "memory")

static uint64_t marker = 0x544e454449525423ULL;	/* "#TRIDENT" */

static void test_arch_prctl(void)
{
	struct base_probe p;
	uint64_t orig_fs = 0, orig_gs = 1;	/* 1: a GET that wrote nothing */
	int64_t ret, bad_ret, restore_ret;

	expect_err(raw_syscall3(SYS_arch_prctl, 0x9999, 0, 0), EINVAL,
		   "arch_prctl(0x9999, unknown code)");
	expect_err(raw_syscall3(SYS_arch_prctl, ARCH_GET_FS, 0, 0), EFAULT,
		   "arch_prctl(ARCH_GET_FS, NULL)");

	ret = raw_syscall3(SYS_arch_prctl, ARCH_GET_GS, RAW_PTR(&orig_gs), 0);
	ktap_test_result(ret == 0 && orig_gs == 0,
			 "arch_prctl(ARCH_GET_GS) at start -> 0, base 0");
	if (ret != 0)
		orig_gs = 0;	/* what a new process starts with */

	ret = raw_syscall3(SYS_arch_prctl, ARCH_GET_FS, RAW_PTR(&orig_fs), 0);
	/* glibc has set FS for its TLS by now; a libc without TLS leaves 0. */
	ktap_test_result(ret == 0, "arch_prctl(ARCH_GET_FS) -> 0");
	if (ret != 0) {
		/* Without the old base, FS cannot be restored: stop here. */
		ktap_test_skip("no FS base to restore", "ARCH_SET_FS then ARCH_GET_FS");
		ktap_test_skip("no FS base to restore", "%%fs:0 reads the new base");
		ktap_test_skip("no FS base to restore", "ARCH_SET_FS kernel address -> EPERM");
	} else {
		memset(&p, 0, sizeof(p));
		BASE_PROBE("fs", ARCH_SET_FS, ARCH_GET_FS, RAW_PTR(&marker),
			   orig_fs, &p);
		ktap_test_result(p.set_ret == 0 && p.get_ret == 0 &&
				 p.got == RAW_PTR(&marker) && p.restore_ret == 0,
				 "ARCH_SET_FS then ARCH_GET_FS");
		ktap_test_result(p.seen == marker, "%%fs:0 reads the new base");

		/* A refused base must leave FS alone; restore it anyway. */
		__asm__ volatile(
			"mov %[nr], %%eax\n\t"
			"mov %[set], %%edi\n\t"
			"mov %[b], %%rsi\n\t"
			"syscall\n\t"
			"mov %%rax, %[bad]\n\t"
			"mov %[nr], %%eax\n\t"
			"mov %[set], %%edi\n\t"
			"mov %[o], %%rsi\n\t"
			"syscall\n\t"
			"mov %%rax, %[rest]"
			: [bad] "=m"(bad_ret), [rest] "=m"(restore_ret)
			: [nr] "i"(SYS_arch_prctl), [set] "i"(ARCH_SET_FS),
			  [b] "r"(0xffff800000000000ULL), [o] "r"(orig_fs)
			: "rax", "rdi", "rsi", "rcx", "r11", "memory");
		if (bad_ret != -EPERM)
			ktap_print_msg("got %s", raw_result_name(bad_ret));
		ktap_test_result(bad_ret == -EPERM && restore_ret == 0,
				 "ARCH_SET_FS kernel address -> EPERM");
	}

	memset(&p, 0, sizeof(p));
	BASE_PROBE("gs", ARCH_SET_GS, ARCH_GET_GS, RAW_PTR(&marker), orig_gs,
		   &p);
	ktap_test_result(p.set_ret == 0 && p.get_ret == 0 &&
			 p.got == RAW_PTR(&marker) && p.restore_ret == 0,
			 "ARCH_SET_GS then ARCH_GET_GS");
	ktap_test_result(p.seen == marker, "%%gs:0 reads the new base");
}
#define N_ARCH_PRCTL	9
#else
#define N_ARCH_PRCTL	1
static void test_arch_prctl(void)
{
	ktap_test_skip("not a 64-bit build", "arch_prctl FS and GS bases");
}
#endif

static void test_ioctl(void)
{
	unsigned char termios[64];	/* the kernel's struct termios: 36 */
	long ret;

	expect_err(sys(syscall(SYS_ioctl, 1000, TCGETS, termios)), EBADF,
		   "ioctl(1000, TCGETS)");
	expect_err(sys(syscall(SYS_ioctl, -1, TCGETS, termios)), EBADF,
		   "ioctl(-1, TCGETS)");
	/* Unknown to a tty, a pipe, a file and Trident's console alike. */
	expect_err(sys(syscall(SYS_ioctl, 1, 0x54ff, 0)), ENOTTY,
		   "ioctl(1, unknown cmd 0x54ff)");
	/* A console answers, a pipe or file does not: both are right. */
	ret = sys(syscall(SYS_ioctl, 1, TCGETS, termios));
	ktap_print_msg("ioctl(1, TCGETS): %s", raw_result_name(ret));
	ktap_test_result(ret == 0 || ret == -ENOTTY,
			 "ioctl(1, TCGETS) -> 0 or ENOTTY");
}

int main(void)
{
	ktap_print_header();
	ktap_set_plan(12 + 7 + N_ARCH_PRCTL + 4);
	test_fds();
	test_identity();
	test_arch_prctl();
	test_ioctl();
	ktap_finished();
	return KSFT_FAIL;	/* not reached */
}
