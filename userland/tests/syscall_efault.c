/* SPDX-License-Identifier: MIT */
/*
 * syscall_efault: what do write() and friends do with bad buffers?
 *
 * A user pointer the kernel cannot read must give -EFAULT, never a crash of
 * the kernel or a read of kernel memory. Linux refuses a range that is not
 * below the top of user space (access_ok: TASK_SIZE_MAX = 0x7ffffffff000 on
 * 64-bit) before it touches anything, and turns a fault on an unmapped user
 * page into -EFAULT while copying. The probes walk the edges of the address
 * space (SerenityOS TestEFault.cpp does the same):
 *
 *	NULL, an unmapped low page, a hole in the middle of user space,
 *	the last page below 2^47 (never mappable), a range running off the
 *	end of user space, the first non-canonical address, bit 63 alone,
 *	the first kernel-half address, kernel text, the vsyscall page and a
 *	range that wraps past 2^64.
 *
 * The 64-bit addresses go through a raw SYSCALL (raw_syscall.h), so x32
 * programs (32-bit pointers, 64-bit registers) ask the same questions.
 *
 * fd 1 must be something that reads the buffer (console, pipe, file): a write
 * to /dev/null never looks at it and succeeds.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>

#include "ktap.h"
#include "errname.h"
#include "raw_syscall.h"

struct bad_addr {
	uint64_t addr;
	uint64_t len;
	const char *what;
};

static const struct bad_addr bad[] = {
	{ 0, 1, "NULL" },
	{ 0x1000, 1, "an unmapped low page (0x1000)" },
#if defined(__x86_64__)
	{ 0x100000000000ULL, 1, "a hole in user space (0x100000000000)" },
	{ 0x7ffffffff000ULL, 1,
	  "the last page below 2^47 (0x7ffffffff000, never mapped)" },
	{ 0x7ffffffffff0ULL, 32, "a range running past 2^47" },
	{ 0x0000800000000000ULL, 1, "the first non-canonical address" },
	{ 0x8000000000000000ULL, 1, "non-canonical 0x8000000000000000" },
	{ 0xffff800000000000ULL, 1, "the first kernel-half address" },
	{ 0xffffffff81000000ULL, 1, "kernel text (0xffffffff81000000)" },
	{ 0xffffffffff600000ULL, 1, "the vsyscall page" },
	{ 0xfffffffffffffff0ULL, 32, "a range wrapping past 2^64" },
#else
	/* ia32 on a 64-bit kernel: user space ends at 0xffffe000. */
	{ 0xfffff000ULL, 1, "the last 32-bit page (0xfffff000)" },
	{ 0xfffffff0ULL, 32, "a range wrapping past 2^32" },
#endif
};

#define N_BAD	(int)(sizeof(bad) / sizeof(bad[0]))

/* An address above user space, for the calls that take only a pointer. */
#if defined(__x86_64__)
#define PAST_USER	0xffff800000000000ULL
#else
#define PAST_USER	0xfffff000ULL
#endif

/* The raw result, -errno or a count, of nr(a1, a2, a3). */
static long long sys3(long nr, uint64_t a1, uint64_t a2, uint64_t a3)
{
#if defined(__x86_64__)
	return raw_syscall3((uint64_t)nr, a1, a2, a3);
#else
	long ret = syscall(nr, (long)a1, (long)a2, (long)a3);

	return ret == -1 ? -errno : ret;
#endif
}

static void expect_efault(long long ret, const char *what)
{
	if (ret != -EFAULT)
		ktap_print_msg("got %s", raw_result_name(ret));
	ktap_test_result(ret == -EFAULT, "%s -> EFAULT", what);
}

#define PAGE_SIZE	4096

/*
 * A buffer whose first bytes are mapped and whose rest is not. Linux may
 * write the mapped part and return a short count, or return -EFAULT,
 * depending on the file (a pipe, a tty, a regular file): both are accepted.
 * The mapped part is a KTAP diagnostic line, harmless if it is written.
 */
static void straddle(void)
{
	static const char tail[] = "# straddle\n";
	const char *what = "write straddling into an unmapped page -> EFAULT or the mapped bytes";
	size_t n = sizeof(tail) - 1;
	char *p;
	long long ret;

	p = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		ktap_test_skip("mmap failed", "%s", what);
		return;
	}
	if (munmap(p + PAGE_SIZE, PAGE_SIZE) != 0) {
		ktap_test_skip("munmap failed", "%s", what);
		return;
	}
	memcpy(p + PAGE_SIZE - n, tail, n);
	fflush(stdout);
	ret = sys3(SYS_write, 1, (uintptr_t)(p + PAGE_SIZE - n), n + 16);
	ktap_print_msg("straddle: got %s%s", raw_result_name(ret),
		       ret == (long long)n ? " (the mapped bytes)" : "");
	ktap_test_result(ret == -EFAULT || ret == (long long)n, "%s", what);
	munmap(p, PAGE_SIZE);
}

int main(void)
{
	static struct iovec iov_null_base = { NULL, 1 };
	long long ret;
	int i;

	ktap_print_header();
	ktap_set_plan(N_BAD + 8);

	/* Nothing of ours may be left in stdio's buffer when the kernel
	 * writes (or fails to write) directly to fd 1. */
	fflush(stdout);

	for (i = 0; i < N_BAD; i++) {
		char what[128];

		snprintf(what, sizeof(what), "write(1, %s)", bad[i].what);
		ret = sys3(SYS_write, 1, bad[i].addr, bad[i].len);
		expect_efault(ret, what);
	}

	ret = sys3(SYS_write, 1, 0, 0);
	if (ret != 0)
		ktap_print_msg("got %s", raw_result_name(ret));
	ktap_test_result(ret == 0, "write(1, NULL, 0) -> 0 (the buffer is not touched)");

	straddle();

	ret = sys3(SYS_uname, 0, 0, 0);
	expect_efault(ret, "uname(NULL)");
	ret = sys3(SYS_uname, PAST_USER, 0, 0);
	expect_efault(ret, "uname(a pointer past user space)");

	ret = sys3(SYS_writev, 1, 0, 1);
	expect_efault(ret, "writev(1, NULL iovec array, 1)");
	ret = sys3(SYS_writev, 1, PAST_USER, 1);
	expect_efault(ret, "writev(1, iovec array past user space, 1)");
	ret = sys3(SYS_writev, 1, (uintptr_t)&iov_null_base, 1);
	expect_efault(ret, "writev(1, { NULL, 1 }, 1)");

	/*
	 * read() checks the buffer before it would wait for input (Linux
	 * vfs_read: access_ok first), so this never blocks. stdin may be
	 * closed or write-only under a harness: then there is nothing to ask.
	 * (A zero-length read is not asked: on a console it could wait.)
	 */
#if defined(__x86_64__)
	ret = sys3(SYS_read, 0, PAST_USER, 1);
	if (ret == -EBADF)
		ktap_test_skip("stdin not open for reading",
			       "read(0, a pointer past user space) -> EFAULT");
	else
		expect_efault(ret, "read(0, a pointer past user space)");
#else
	/* 0xfffff000 is below 2^47, so Linux's access_ok lets it through and
	 * the answer would depend on whether stdin has data. */
	ktap_test_skip("not a 64-bit build",
		       "read(0, a pointer past user space) -> EFAULT");
#endif

	ktap_finished();
	return KSFT_FAIL;	/* not reached */
}
