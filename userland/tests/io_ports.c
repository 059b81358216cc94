/* SPDX-License-Identifier: MIT */
/*
 * io_ports: ioperm(2) and iopl(2) as Linux 6.x has them (CONFIG_X86_IOPL_
 * IOPERM): per-task port permissions through the TSS's I/O bitmap, and
 * iopl(3) emulated as "every port" without letting CLI/STI through.
 *
 *  - EINVAL for iopl(4), an empty range, a range past port 0xffff;
 *  - without permission OUT to port 0x80 (the POST port, harmless) is a
 *    #GP: SIGSEGV (each access is tried in a forked child, which inherits
 *    the permissions, and its wait status read);
 *  - ioperm(0x80, 1, 1) allows port 0x80 and only it; ioperm(0x80, 1, 0)
 *    takes it away again; dropping a port never granted is 0;
 *  - iopl(3) allows every port; CLI and STI, which need the real IOPL,
 *    still raise #GP, but Linux (5.18) skips them for an iopl(3) task (a
 *    NOP and a kernel warning) where it used to send SIGSEGV; iopl(0)
 *    takes it all back, and CLI is SIGSEGV again.
 *
 *  - both need CAP_SYS_RAWIO to give more, never to take away: after
 *    setresuid(1, 1, 1) ioperm(..., 1) and iopl above the current level
 *    are EPERM (the range is still checked first: EINVAL), dropping a
 *    port and iopl to the same or a lower level are 0.
 *
 * A kernel without them (ENOSYS: CONFIG_X86_IOPL_IOPERM=n, some sandboxes)
 * skips the whole program.
 */
#include <errno.h>
#include <stdio.h>
#include <signal.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "ktap.h"
#include "errname.h"

#define PR_SET_DUMPABLE	4

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

static void out80(void) { __asm__ volatile("outb %%al, $0x80" : : "a"(0)); }
static void in81(void) { uint8_t v; __asm__ volatile("inb $0x81, %0" : "=a"(v)); }
static void do_cli(void) { __asm__ volatile("cli"); }

/* 0: fn returned in a child; else the signal that killed it (or -1). */
static int in_child(void (*fn)(void))
{
	int status = 0;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		syscall(SYS_prctl, PR_SET_DUMPABLE, 0, 0, 0, 0);
		fn();
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	if (WIFSIGNALED(status))
		return WTERMSIG(status);
	return WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* In a child: iopl(level) and port 0x80 granted while privileged (if
 * level), then setresuid(1, 1, 1) and one call: 0 or -errno (-1000 when
 * the child could not get there). */
static long unprivileged(long level, long nr, long a, long b, long c)
{
	int status = 0;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (level && (sc(SYS_iopl, level, 0, 0) || sc(SYS_ioperm, 0x80, 1, 1)))
			_exit(255);
		if (sc(SYS_setresuid, 1, 1, 1))
			_exit(255);
		long r = sc(nr, a, b, c);
		_exit(r < 0 ? (int)-r : 0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) == 255)
		return -1000;
	return -WEXITSTATUS(status);
}

int main(void)
{
	ktap_print_header();
	if (sc(SYS_iopl, 0, 0, 0) == -ENOSYS) {
		printf("1..0 # SKIP this kernel has no iopl/ioperm (ENOSYS)\n");
		return 4;	/* KSFT_SKIP */
	}
	ktap_set_plan(24);
	expect_err(sc(SYS_iopl, 4, 0, 0), EINVAL, "iopl(4)");
	expect_err(sc(SYS_ioperm, 0x80, 0, 1), EINVAL, "ioperm of 0 ports");
	expect_err(sc(SYS_ioperm, 0xffff, 2, 1), EINVAL, "ioperm of ports 0xffff-0x10000");
	ktap_test_result(sc(SYS_ioperm, 0x80, 1, 0) == 0, "dropping a port never granted -> 0");
	ktap_test_result(in_child(out80) == SIGSEGV, "OUT to port 0x80 without permission: SIGSEGV");
	ktap_test_result(sc(SYS_ioperm, 0x80, 1, 1) == 0, "ioperm(0x80, 1, 1) -> 0");
	ktap_test_result(in_child(out80) == 0, "OUT to port 0x80 works (in a forked child too)");
	ktap_test_result(in_child(in81) == SIGSEGV, "IN from port 0x81, not granted: SIGSEGV");
	ktap_test_result(sc(SYS_ioperm, 0x80, 1, 0) == 0, "ioperm(0x80, 1, 0) -> 0");
	ktap_test_result(in_child(out80) == SIGSEGV, "OUT to port 0x80 again: SIGSEGV");
	ktap_test_result(sc(SYS_iopl, 3, 0, 0) == 0, "iopl(3) -> 0");
	ktap_test_result(in_child(out80) == 0 && in_child(in81) == 0, "every port works under iopl(3)");
	ktap_test_result(in_child(do_cli) == 0, "CLI under iopl(3) is skipped as a NOP");
	ktap_test_result(sc(SYS_iopl, 0, 0, 0) == 0, "iopl(0) -> 0");
	ktap_test_result(in_child(out80) == SIGSEGV, "after iopl(0) OUT to port 0x80: SIGSEGV");
	ktap_test_result(in_child(do_cli) == SIGSEGV, "after iopl(0) CLI: SIGSEGV");
	expect_err(unprivileged(0, SYS_ioperm, 0x80, 1, 1), EPERM, "unprivileged ioperm(0x80, 1, 1)");
	expect_err(unprivileged(0, SYS_ioperm, 0x80, 0, 1), EINVAL, "unprivileged ioperm of 0 ports");
	expect_err(unprivileged(2, SYS_ioperm, 0x80, 1, 0), 0, "unprivileged ioperm(0x80, 1, 0) of a granted port");
	expect_err(unprivileged(0, SYS_iopl, 3, 0, 0), EPERM, "unprivileged iopl(3) from level 0");
	expect_err(unprivileged(0, SYS_iopl, 0, 0, 0), 0, "unprivileged iopl(0) at level 0");
	expect_err(unprivileged(2, SYS_iopl, 2, 0, 0), 0, "unprivileged iopl(2) at level 2");
	expect_err(unprivileged(2, SYS_iopl, 1, 0, 0), 0, "unprivileged iopl(1) from level 2");
	expect_err(unprivileged(2, SYS_iopl, 3, 0, 0), EPERM, "unprivileged iopl(3) from level 2");
	ktap_finished();
}
