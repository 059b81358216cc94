/* SPDX-License-Identifier: MIT */
/*
 * mm_mremap: mremap(2) resizes and moves anonymous mappings, and moves the
 * 32-bit vDSO only whole (what Linux's test_mremap_vdso needs).
 *
 *  - shrinking keeps the address and unmaps the tail (a read there is
 *    SIGSEGV);
 *  - growing in place when the pages after the mapping are free, keeping
 *    the contents;
 *  - growing with MREMAP_MAYMOVE when they are not: a new address, the
 *    contents moved, the old range unmapped; without MAYMOVE -> ENOMEM;
 *  - MREMAP_FIXED|MREMAP_MAYMOVE to an address: exactly there, replacing
 *    what was mapped, the old range unmapped;
 *  - EINVAL for unknown flags, FIXED without MAYMOVE, an unaligned address,
 *    a new size of 0, overlapping FIXED ranges; EFAULT for an address with
 *    no mapping and an old range beyond its mapping;
 *  - ia32: moving one page of the two-page vDSO is EINVAL, moving it whole
 *    works, and __kernel_vsyscall called at its new place makes system calls.
 *
 * Addresses differ between runs and kernels: results say how they relate.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "ktap.h"
#include "errname.h"

#define PAGE		4096UL
#define MREMAP_MAYMOVE	1
#define MREMAP_FIXED	2
#define PR_SET_DUMPABLE	4

static long do_mremap(void *old, unsigned long old_len, unsigned long new_len,
		      unsigned long flags, void *new)
{
	long r = syscall(SYS_mremap, old, old_len, new_len, flags, new);

	return r == -1 ? -errno : r;
}

/* A result that is an address, not -errno. */
static int moved(long r)
{
	return (unsigned long)r < -4095UL;
}

static void expect_err(long ret, int err, const char *what)
{
	if (ret != -err)
		ktap_print_msg("got %s", moved(ret) ? "success" : errno_name((int)-ret));
	ktap_test_result(ret == -err, "%s -> %s", what, errno_name(err));
}

static void *anon(void *addr, size_t len, int flags)
{
	return mmap(addr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
}

static int all_bytes(const volatile char *p, size_t n, char c)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != c)
			return 0;
	return 1;
}

/* Does reading *p kill a child with SIGSEGV? */
static int read_faults(volatile char *p)
{
	int status = 0;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		syscall(SYS_prctl, PR_SET_DUMPABLE, 0, 0, 0, 0);
		(void)*p;
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 0;
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
}

static void test_shrink_grow(void)
{
	char *p = anon(NULL, 4 * PAGE, 0);
	long r;

	if (p == MAP_FAILED) {
		ktap_test_fail("mmap(4 pages): %s", errno_name(errno));
		return;
	}
	memset(p, 0x11, 4 * PAGE);
	r = do_mremap(p, 4 * PAGE, 2 * PAGE, 0, NULL);
	ktap_test_result(r == (long)p, "shrinking 4 pages to 2 keeps the address");
	ktap_test_result(read_faults(p + 3 * PAGE), "the cut tail is unmapped (SIGSEGV)");
	/* The pages after it are free now: it grows in place. */
	r = do_mremap(p, 2 * PAGE, 3 * PAGE, 0, NULL);
	ktap_test_result(r == (long)p, "growing 2 pages to 3 into free space stays in place");
	ktap_test_result(r == (long)p && all_bytes(p, 2 * PAGE, 0x11) && all_bytes(p + 2 * PAGE, PAGE, 0),
			 "old pages keep their bytes, the new one reads zeros");
	munmap(p, 3 * PAGE);
}

static void test_move(void)
{
	/* A mapping with a neighbour right after it: growing must move. */
	char *p = anon(NULL, 3 * PAGE, 0), *q;
	long r;

	if (p == MAP_FAILED) {
		ktap_test_fail("mmap(3 pages): %s", errno_name(errno));
		return;
	}
	munmap(p, 3 * PAGE);
	p = anon(p, PAGE, MAP_FIXED);
	q = anon(p + PAGE, PAGE, MAP_FIXED);
	memset(p, 0x22, PAGE);
	expect_err(do_mremap(p, PAGE, 2 * PAGE, 0, NULL), ENOMEM,
		   "growing into a neighbour without MREMAP_MAYMOVE");
	r = do_mremap(p, PAGE, 2 * PAGE, MREMAP_MAYMOVE, NULL);
	ktap_test_result(moved(r) && r != (long)p, "growing with MREMAP_MAYMOVE moves it");
	ktap_test_result(moved(r) && all_bytes((char *)r, PAGE, 0x22) && all_bytes((char *)r + PAGE, PAGE, 0),
			 "the moved mapping has the bytes, and zeros after them");
	ktap_test_result(read_faults(p), "the old address is unmapped (SIGSEGV)");
	if (moved(r))
		munmap((void *)r, 2 * PAGE);
	munmap(q, PAGE);
}

static void test_fixed(void)
{
	char *p = anon(NULL, 2 * PAGE, 0), *d = anon(NULL, 2 * PAGE, 0);
	long r;

	if (p == MAP_FAILED || d == MAP_FAILED) {
		ktap_test_fail("mmap: %s", errno_name(errno));
		return;
	}
	memset(p, 0x33, 2 * PAGE);
	memset(d, 0x44, 2 * PAGE);
	expect_err(do_mremap(p, 2 * PAGE, 2 * PAGE, MREMAP_FIXED, d), EINVAL,
		   "MREMAP_FIXED without MREMAP_MAYMOVE");
	expect_err(do_mremap(p, 2 * PAGE, 2 * PAGE, MREMAP_FIXED | MREMAP_MAYMOVE, p + PAGE), EINVAL,
		   "MREMAP_FIXED onto an overlapping range");
	r = do_mremap(p, 2 * PAGE, 2 * PAGE, MREMAP_FIXED | MREMAP_MAYMOVE, d);
	ktap_test_result(r == (long)d, "MREMAP_FIXED|MREMAP_MAYMOVE moves it exactly there");
	ktap_test_result(r == (long)d && all_bytes(d, 2 * PAGE, 0x33),
			 "the destination now holds the moved bytes");
	ktap_test_result(read_faults(p), "the old address is unmapped (SIGSEGV)");
	munmap(d, 2 * PAGE);
}

static void test_errors(void)
{
	char *p = anon(NULL, PAGE, 0);

	expect_err(do_mremap(p, PAGE, PAGE, 8, NULL), EINVAL, "unknown flag 8");
	expect_err(do_mremap(p + 1, PAGE, PAGE, 0, NULL), EINVAL, "an unaligned old address");
	expect_err(do_mremap(p, PAGE, 0, 0, NULL), EINVAL, "a new size of 0");
	expect_err(do_mremap(p, 2 * PAGE, 3 * PAGE, MREMAP_MAYMOVE, NULL), EFAULT,
		   "an old size beyond the mapping");
	munmap(p, PAGE);
	expect_err(do_mremap(p, PAGE, 2 * PAGE, MREMAP_MAYMOVE, NULL), EFAULT,
		   "an address with no mapping");
}

#ifdef __i386__
/* getpid through __kernel_vsyscall at addr (the vDSO's calling convention). */
static long vsyscall_getpid(unsigned long addr)
{
	long ret;

	__asm__ volatile ("call *%1" : "=a"(ret) : "r"(addr), "a"(SYS_getpid) : "memory");
	return ret;
}

/* The child's end: int $0x80, since libc calls through the old vDSO. */
static void __attribute__((noreturn)) exit80(int code)
{
	__asm__ volatile ("int $0x80" : : "a"(SYS_exit), "b"(code));
	__builtin_unreachable();
}

/*
 * In a child, which libc cannot use afterwards: its exit status says how
 * far it got: 0 all well, 1 the first page alone did not give EINVAL,
 * 2 no size moved it, 3 __kernel_vsyscall at the new place failed.
 */
static void move_vdso(unsigned long ehdr, unsigned long entry)
{
	long r = -EINVAL, pid;

	/* As test_mremap_vdso: a page more each time until the move works. */
	for (unsigned long size = PAGE; size <= 16 * PAGE && r == -EINVAL; size += PAGE) {
		char *d = anon(NULL, size, 0);

		r = do_mremap((void *)ehdr, size, size, MREMAP_FIXED | MREMAP_MAYMOVE, d);
		if (size == PAGE && r != -EINVAL)
			exit80(1);
	}
	if (!moved(r))
		exit80(2);
	__asm__ volatile ("int $0x80" : "=a"(pid) : "a"(SYS_getpid));
	exit80(vsyscall_getpid(entry - ehdr + r) == pid ? 0 : 3);
}

static void test_vdso(void)
{
	unsigned long ehdr = getauxval(AT_SYSINFO_EHDR), entry = getauxval(AT_SYSINFO);
	int status = -1;
	pid_t pid;

	if (!ehdr || !entry) {
		ktap_test_skip("no vDSO", "moving only the vDSO's first page -> EINVAL");
		ktap_test_skip("no vDSO", "moving the whole vDSO works");
		ktap_test_skip("no vDSO", "__kernel_vsyscall at its new place makes system calls");
		return;
	}
	fflush(stdout);
	if ((pid = fork()) == 0)
		move_vdso(ehdr, entry);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
		ktap_print_msg("child: status %#x", status);
		status = 0xff00;
	}
	status = WEXITSTATUS(status);
	if (status)
		ktap_print_msg("child exited %d", status);
	ktap_test_result(status != 1, "moving only the vDSO's first page -> EINVAL");
	ktap_test_result(status != 1 && status != 2 && status < 4, "moving the whole vDSO works");
	ktap_test_result(status == 0, "__kernel_vsyscall at its new place makes system calls");
}
#endif

int main(void)
{
	ktap_print_header();
#ifdef __i386__
	ktap_set_plan(21);
#else
	ktap_set_plan(18);
#endif
	test_shrink_grow();
	test_move();
	test_fixed();
	test_errors();
#ifdef __i386__
	test_vdso();
#endif
	ktap_finished();
}
