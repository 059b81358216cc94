/* SPDX-License-Identifier: MIT */
/*
 * mm_mmap: what do mmap, munmap, mprotect and brk accept, what do they
 * refuse, and does the memory behave as they said?
 *
 *  - anonymous memory is page-aligned, zero-filled and writable;
 *  - MAP_FIXED puts a mapping exactly where asked, replacing what was there;
 *    MAP_FIXED_NOREPLACE refuses (EEXIST) instead;
 *  - EINVAL for a length of 0, an unaligned offset or address, no
 *    MAP_PRIVATE/MAP_SHARED; ENOMEM for a length larger than the address
 *    space; EPERM below mmap_min_addr; EBADF for a file mapping without a
 *    file;
 *  - after munmap, or mprotect(PROT_READ) and a write, the access raises
 *    SIGSEGV (seen in a child's wait status);
 *  - a MAP_PRIVATE file mapping shows the file (this program's ELF header)
 *    and keeps writes to itself;
 *  - brk grows and shrinks the heap a page at a time.
 *
 * Addresses differ between runs (ASLR) and kernels: results say how they
 * relate ("exactly the address asked"), "#" lines show them.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "ktap.h"
#include "errname.h"

#define PAGE		4096UL
#define PR_SET_DUMPABLE	4		/* uapi linux/prctl.h */
#define CAP_SYS_RAWIO	17		/* uapi linux/capability.h */
#define CAP_VERSION_3	0x20080522

static char *self_path;

/* -errno, or 0 for a success, from a libc wrapper. */
static long sys(long ret)
{
	return ret == -1 ? -errno : ret;
}

static long mmap_err(void *p)
{
	return p == MAP_FAILED ? -errno : 0;
}

static void expect_err(long ret, int err, const char *what)
{
	if (ret != -err)
		ktap_print_msg("got %s", ret < 0 ? errno_name((int)-ret) : "success");
	ktap_test_result(ret == -err, "%s -> %s", what, errno_name(err));
}

/* Under a child that must die of a signal: no core file, no core bit. */
static void no_core_dump(void)
{
	syscall(SYS_prctl, PR_SET_DUMPABLE, 0, 0, 0, 0);
}

/*
 * Run fn(p) in a child and return its wait status (-1 if fork failed). The
 * child exits 0 if fn returns.
 */
static int in_child(void (*fn)(volatile char *), volatile char *p)
{
	int status = 0;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		no_core_dump();
		fn(p);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		ktap_print_msg("fork/waitpid: %s", errno_name(errno));
		return -1;
	}
	if (WIFSIGNALED(status))
		ktap_print_msg("child killed by signal %d", WTERMSIG(status));
	else
		ktap_print_msg("child exited %d", WEXITSTATUS(status));
	return status;
}

static void read_byte(volatile char *p)
{
	(void)*p;
}

static void write_byte(volatile char *p)
{
	*p = 1;
}

static int segv(int status)
{
	return status >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
}

static int all_bytes(const volatile char *p, size_t n, char c)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != c)
			return 0;
	return 1;
}

static void *anon(void *addr, size_t len, int flags)
{
	return mmap(addr, len, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
}

static void test_anonymous(void)
{
	char *p = anon(NULL, 2 * PAGE, 0);
	int ok = p != MAP_FAILED;

	if (!ok)
		ktap_print_msg("mmap: %s", errno_name(errno));
	ktap_test_result(ok && ((uintptr_t)p & (PAGE - 1)) == 0,
			 "mmap(2 pages, anonymous) -> a page-aligned address");
	ktap_test_result(ok && all_bytes(p, 2 * PAGE, 0),
			 "anonymous pages read as zeros");
	if (ok) {
		memset(p, 0x5a, 2 * PAGE);
		ok = all_bytes(p, 2 * PAGE, 0x5a);
	}
	ktap_test_result(ok, "bytes written to both pages read back");
	ktap_test_result(ok && sys(munmap(p, 2 * PAGE)) == 0, "munmap(2 pages) -> 0");
}

/*
 * Four pages r[0..3] filled with 'a'; MAP_FIXED over r[1..2]; then
 * MAP_FIXED_NOREPLACE over r[1] (taken) and over r[3] after unmapping it.
 */
static void test_fixed(void)
{
	char *r = anon(NULL, 4 * PAGE, 0), *p, *q;
	int ok;

	if (r == MAP_FAILED) {
		ktap_print_msg("mmap(4 pages): %s", errno_name(errno));
		for (int i = 0; i < 5; i++)
			ktap_test_fail("MAP_FIXED case %d (no room to try)", i + 1);
		return;
	}
	memset(r, 'a', 4 * PAGE);
	p = anon(r + PAGE, 2 * PAGE, MAP_FIXED);
	ktap_test_result(p == r + PAGE,
			 "MAP_FIXED over a mapping -> exactly the address asked");
	ok = p == r + PAGE && all_bytes(p, 2 * PAGE, 0) &&
	     all_bytes(r, PAGE, 'a') && all_bytes(r + 3 * PAGE, PAGE, 'a');
	ktap_test_result(ok, "... its pages are new (zeros), the pages around keep their bytes");

	q = anon(r + PAGE, PAGE, MAP_FIXED_NOREPLACE);
	expect_err(mmap_err(q), EEXIST, "MAP_FIXED_NOREPLACE over a mapping");
	ktap_test_result(all_bytes(r, PAGE, 'a'), "... and the mapping is untouched");

	munmap(r + 3 * PAGE, PAGE);
	q = anon(r + 3 * PAGE, PAGE, MAP_FIXED_NOREPLACE);
	if (q == MAP_FAILED)
		ktap_print_msg("MAP_FIXED_NOREPLACE: %s", errno_name(errno));
	ktap_test_result(q == r + 3 * PAGE,
			 "MAP_FIXED_NOREPLACE on a free range -> exactly the address asked");
	munmap(r, 4 * PAGE);
}

/* In a child: drop CAP_SYS_RAWIO (root may map below mmap_min_addr). */
static void map_page_zero(volatile char *unused)
{
	struct { uint32_t version; int pid; } hdr = { CAP_VERSION_3, 0 };
	struct { uint32_t effective, permitted, inheritable; } data[2];
	void *p;

	(void)unused;
	if (syscall(SYS_capget, &hdr, data) == 0) {
		data[0].effective &= ~(1U << CAP_SYS_RAWIO);
		syscall(SYS_capset, &hdr, data);	/* Trident has no capabilities */
	}
	p = anon(NULL, PAGE, MAP_FIXED);
	_exit(p == MAP_FAILED ? errno : 0);
}

static void test_errors(void)
{
	size_t huge = sizeof(size_t) == 8 ? (size_t)0x7fffffffffffULL : (size_t)0xfffff000UL;
	int status, code = -1;
	void *p;

	expect_err(mmap_err(anon(NULL, 0, 0)), EINVAL, "mmap(len 0)");
	expect_err(mmap_err(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
				 -1, 1)), EINVAL, "mmap(offset 1)");
	expect_err(mmap_err(mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0)),
		   EINVAL, "mmap(neither MAP_PRIVATE nor MAP_SHARED)");
	expect_err(mmap_err(anon((void *)(uintptr_t)0x10000001, PAGE, MAP_FIXED)),
		   EINVAL, "mmap(MAP_FIXED, unaligned address)");
	expect_err(mmap_err(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, -1, 0)),
		   EBADF, "mmap(MAP_PRIVATE file mapping, fd -1)");
	expect_err(mmap_err(anon(NULL, huge, 0)), ENOMEM,
		   "mmap(len larger than the address space)");
	expect_err(mmap_err(anon(NULL, (size_t)-1, 0)), ENOMEM,
		   "mmap(len SIZE_MAX, rounds up past the end)");

	status = in_child(map_page_zero, NULL);
	if (status >= 0 && WIFEXITED(status))
		code = WEXITSTATUS(status);
	ktap_test_result(code == EPERM,
			 "mmap(MAP_FIXED at 0) without CAP_SYS_RAWIO -> EPERM (mmap_min_addr)");

	/* 64 KiB is Linux's usual mmap_min_addr and Trident's: allowed. */
	p = anon((void *)(uintptr_t)0x10000, PAGE, MAP_FIXED);
	if (p == MAP_FAILED)
		ktap_print_msg("mmap(0x10000): %s", errno_name(errno));
	ktap_test_result(p == (void *)(uintptr_t)0x10000,
			 "mmap(MAP_FIXED at 64 KiB) -> exactly that address");
	if (p != MAP_FAILED)
		munmap(p, PAGE);
}

static void test_unmap_protect(void)
{
	char *p = anon(NULL, 3 * PAGE, 0);

	if (p == MAP_FAILED) {
		ktap_print_msg("mmap: %s", errno_name(errno));
		for (int i = 0; i < 12; i++)
			ktap_test_fail("munmap/mprotect case %d (no mapping)", i + 1);
		return;
	}
	memset(p, 'x', 3 * PAGE);
	/* The last page goes: read in a child. */
	ktap_test_result(sys(munmap(p + 2 * PAGE, PAGE)) == 0, "munmap(the last page) -> 0");
	ktap_test_result(segv(in_child(read_byte, p + 2 * PAGE)),
			 "reading an unmapped page: SIGSEGV");
	ktap_test_result(sys(munmap(p + 2 * PAGE, PAGE)) == 0,
			 "munmap(a range with nothing mapped) -> 0");

	/* The first page becomes read-only: reads work, a write kills. */
	ktap_test_result(sys(mprotect(p, PAGE, PROT_READ)) == 0,
			 "mprotect(page, PROT_READ) -> 0");
	ktap_test_result(all_bytes(p, PAGE, 'x'), "... it still reads its bytes");
	ktap_test_result(segv(in_child(write_byte, p)),
			 "writing a PROT_READ page: SIGSEGV");
	ktap_test_result(!segv(in_child(write_byte, p + PAGE)),
			 "writing the next page (still PROT_WRITE): no signal");

	expect_err(sys(mprotect(p + 1, PAGE, PROT_READ)), EINVAL,
		   "mprotect(unaligned address)");
	expect_err(sys(mprotect(p + 2 * PAGE, PAGE, PROT_READ)), ENOMEM,
		   "mprotect(an unmapped page)");
	expect_err(sys(mprotect(p + PAGE, 2 * PAGE, PROT_READ)), ENOMEM,
		   "mprotect(a mapped page and an unmapped one)");
	expect_err(sys(munmap(p + 1, PAGE)), EINVAL, "munmap(unaligned address)");
	expect_err(sys(munmap(p, 0)), EINVAL, "munmap(len 0)");
	munmap(p, 2 * PAGE);
}

/*
 * This program's own file, mapped MAP_PRIVATE: page 0 starts with the ELF
 * magic, page 1 equals what read() finds at offset 4096, and a write to a
 * private writable mapping stays in memory.
 */
static void test_file(void)
{
	unsigned char file_page[PAGE], first = 0;
	unsigned char *m, *w;
	int fd = open(self_path, O_RDONLY);

	if (fd < 0) {
		ktap_print_msg("open(%s): %s", self_path, errno_name(errno));
		for (int i = 0; i < 4; i++)
			ktap_test_fail("file mapping case %d (cannot open argv[0])", i + 1);
		return;
	}
	m = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	if (m == MAP_FAILED)
		ktap_print_msg("mmap(file): %s", errno_name(errno));
	ktap_test_result(m != MAP_FAILED && memcmp(m, "\x7f" "ELF", 4) == 0,
			 "mmap(argv[0], MAP_PRIVATE): it starts with \"\\x7fELF\"");

	memset(file_page, 0, sizeof(file_page));
	if (lseek(fd, PAGE, SEEK_SET) != (off_t)PAGE ||
	    read(fd, file_page, PAGE) != (ssize_t)PAGE)
		ktap_print_msg("read at 4096: %s", errno_name(errno));
	ktap_test_result(m != MAP_FAILED && memcmp(m + PAGE, file_page, PAGE) == 0,
			 "its second page == read() at offset 4096");
	if (m != MAP_FAILED)
		munmap(m, 2 * PAGE);

	w = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, PAGE);
	if (w == MAP_FAILED)
		ktap_print_msg("mmap(file, offset 4096): %s", errno_name(errno));
	ktap_test_result(w != MAP_FAILED && memcmp(w, file_page, PAGE) == 0,
			 "mmap(offset 4096) == read() at offset 4096");
	if (w != MAP_FAILED) {
		w[0] = (unsigned char)(file_page[0] ^ 0xff);
		if (lseek(fd, PAGE, SEEK_SET) != (off_t)PAGE || read(fd, &first, 1) != 1)
			ktap_print_msg("read at 4096: %s", errno_name(errno));
	}
	ktap_test_result(w != MAP_FAILED && w[0] == (file_page[0] ^ 0xff) &&
			 first == file_page[0],
			 "a write to the MAP_PRIVATE mapping does not reach the file");
	if (w != MAP_FAILED)
		munmap(w, PAGE);
	close(fd);
}

/*
 * The raw brk: it returns the break the kernel settled on (the old one
 * when it refuses). The heap grows to the next page boundary plus a page,
 * is written, and shrinks back; that whole page is then gone.
 */
static void test_brk(void)
{
	uintptr_t cur = (uintptr_t)syscall(SYS_brk, 0), top, ret;
	volatile char *page;

	ktap_test_result(cur != 0 && (uintptr_t)syscall(SYS_brk, 0) == cur,
			 "brk(0) -> the current break, the same twice");
	top = ((cur + PAGE - 1) & ~(PAGE - 1)) + PAGE;
	page = (volatile char *)(top - PAGE);
	ret = (uintptr_t)syscall(SYS_brk, top);
	ktap_print_msg("break %#lx, asked %#lx, got %#lx", (unsigned long)cur,
		       (unsigned long)top, (unsigned long)ret);
	ktap_test_result(ret == top, "brk(next page boundary + 4096) -> that break");
	if (ret == top) {
		ktap_test_result(all_bytes(page, PAGE, 0), "... the new page reads zeros");
		memset((char *)page, 'h', PAGE);
		ktap_test_result(all_bytes(page, PAGE, 'h'), "... and is writable");
	} else {
		ktap_test_fail("... the new page reads zeros");
		ktap_test_fail("... and is writable");
	}
	ret = (uintptr_t)syscall(SYS_brk, cur);
	ktap_test_result(ret == cur, "brk(the old break) -> the old break (shrunk)");
	ktap_test_result(segv(in_child(read_byte, page)),
			 "reading the page above the shrunk break: SIGSEGV");
	ret = (uintptr_t)syscall(SYS_brk, PAGE);
	ktap_test_result(ret == cur, "brk(4096, below the heap) -> the break, unchanged");
}

int main(int argc, char **argv)
{
	(void)argc;
	self_path = argv[0];

	ktap_print_header();
	ktap_set_plan(4 + 5 + 9 + 12 + 4 + 7);
	test_anonymous();
	test_fixed();
	test_errors();
	test_unmap_protect();
	test_file();
	test_brk();
	ktap_finished();
	return KSFT_FAIL;	/* not reached */
}
