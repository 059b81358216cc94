// SPDX-License-Identifier: MIT
/*
 * Which numbers reach the x32 table? x32 programs enter through the same
 * SYSCALL as 64-bit ones and set __X32_SYSCALL_BIT (0x40000000); the
 * kernel then uses a table of its own (Linux 5.4+), which has the
 * "common" rows and the x32 rows 512-547 but not the "64" rows. Any
 * program may make x32 calls (a 64-bit one too), and x32 programs may make
 * plain 64-bit calls.
 *
 * Asked first: is x32 there at all (x32 getpid)? Without it (not built,
 * syscall.x32=n, or a kernel like Debian's by default) every number with
 * the bit is -ENOSYS, and that is what the remaining lines check then.
 */
#include <stdint.h>
#include <unistd.h>
#include <sys/uio.h>
#include <string.h>
#include "ktap.h"
#include "errname.h"
#include "raw_syscall.h"

#define X32_BIT 0x40000000ULL

int main(void)
{
	ktap_print_header();
	ktap_set_plan(12);
#if defined(__x86_64__)
	int fds[2];
	char buf[16];

	if (pipe(fds)) {
		ktap_print_msg("pipe failed");
		ktap_finished();
	}
	long pid = getpid();
	int64_t r = raw_syscall0(X32_BIT | 39);
	int on = r == pid;
	ktap_print_msg("x32 is %s", on ? "on" : "off");
	ktap_test_result(on ? 1 : r == -ENOSYS, "x32 getpid (0x40000027) -> %s",
			 on ? "getpid()" : raw_result_name(r));

	/* The high half of RAX is ignored here too. */
	r = raw_syscall0(0x100000000ULL | X32_BIT | 39);
	ktap_test_result(on ? r == pid : r == -ENOSYS, "0x1_40000027 -> %s",
			 r == pid ? "getpid()" : raw_result_name(r));

	/* "64" rows have no slot in the x32 table. */
	static const struct { unsigned nr; const char *name; } only64[] = {
		{ 16, "ioctl" }, { 20, "writev" }, { 59, "execve" },
	};
	for (unsigned i = 0; i < 3; i++) {
		r = raw_syscall3(X32_BIT | only64[i].nr, fds[1], 0, 0);
		ktap_test_result(r == -ENOSYS, "x32 bit + %u (%s, a 64-only row) -> %s",
				 only64[i].nr, only64[i].name, raw_result_name(r));
	}

	/* x32 rows have no slot in the 64-bit table. */
	r = raw_syscall3(514, fds[1], 0x5401, 0);
	ktap_test_result(r == -ENOSYS, "514 (x32 ioctl) without the bit -> %s", raw_result_name(r));
	r = raw_syscall3(516, fds[1], 0, 0);
	ktap_test_result(r == -ENOSYS, "516 (x32 writev) without the bit -> %s", raw_result_name(r));

	/* With the bit they reach x32 handlers. */
	r = raw_syscall3(X32_BIT | 514, fds[1], 0x5401 /* TCGETS */, (uintptr_t)buf);
	ktap_test_result(on ? r == -ENOTTY : r == -ENOSYS,
			 "x32 ioctl(pipe, TCGETS) -> %s", raw_result_name(r));

	/* x32 writev takes 32-bit iovecs (struct compat_iovec). */
	static const char a[] = "ab", b[] = "cde";
	uint32_t civ[4] = { (uint32_t)(uintptr_t)a, 2, (uint32_t)(uintptr_t)b, 3 };
	r = raw_syscall3(X32_BIT | 516, fds[1], (uintptr_t)civ, 2);
	ktap_test_result(on ? r == 5 : r == -ENOSYS, "x32 writev(pipe, 2 compat iovecs) -> %s",
			 r == 5 ? "5" : raw_result_name(r));
	if (r == 5) {
		ssize_t n = read(fds[0], buf, sizeof(buf));
		ktap_test_result(n == 5 && !memcmp(buf, "abcde", 5), "... the pipe holds abcde");
	} else {
		ktap_test_result(!on, "... nothing was written");
	}

	/* A common row with the bit is the same call as without it. */
	r = raw_syscall3(X32_BIT | 1, fds[1], (uintptr_t)a, 2);
	ktap_test_result(on ? r == 2 : r == -ENOSYS, "x32 write (0x40000001) to a pipe -> %s",
			 r == 2 ? "2" : raw_result_name(r));

	/* Pointers are not cut to 32 bits: the x32 write is the 64-bit one, so
	 * an address 4 GiB above a good buffer is outside an x32 task (whose
	 * space ends below 4 GiB) and -EFAULT; for a 64-bit task it is just
	 * unmapped memory: -EFAULT too. */
	r = raw_syscall3(X32_BIT | 1, fds[1], (uintptr_t)a + 0x100000000ULL, 2);
	ktap_test_result(on ? r == -EFAULT : r == -ENOSYS,
			 "x32 write with the buffer's address + 4 GiB -> %s", raw_result_name(r));
#else
	for (int i = 0; i < 12; i++)
		ktap_test_skip("x86_64 and x32 programs only", "x32 number %d", i);
#endif
	ktap_finished();
}
