/* SPDX-License-Identifier: MIT */
/*
 * syscall_numbers: which numbers in RAX reach a handler?
 *
 * Current Linux (6.x, arch/x86/entry/syscall_64.c) reads the number as a
 * 32-bit int and compares it unsigned, so:
 *
 *  - RAX bits 63..32 are ignored: 0x1_00000027 is getpid. (Linux 5.0 compared
 *    all 64 bits and returned -ENOSYS; H. Peter Anvin's 2021 series that
 *    made the number an int everywhere, merged around 5.14, changed it.)
 *  - -1, negative ints and anything past the table give -ENOSYS, and so do
 *    the holes inside it. Numbers below 424 are kept free on x86_64 after
 *    334 (rseq) so that numbers from 424 on are the same on every
 *    architecture; but 335 (uretprobe, 6.11: SIGILL outside the uprobe
 *    trampoline) and 336 (uprobe, newer: ENXIO when called directly, seen
 *    on 6.18) now live there, so the probes stay at 400 and 423.
 *  - the x32 rows 512..547 are reachable only with __X32_SYSCALL_BIT
 *    (0x40000000) set; without it they are -ENOSYS. With the bit, only the
 *    "common" and "x32" rows exist: a 64-only number (20 writev) gives
 *    -ENOSYS even when x32 is enabled. ([5.0] had one shared table and
 *    masked the bit, so both reached real handlers.)
 *
 * Each case is one raw SYSCALL with full 64-bit RAX (libc's syscall() cannot
 * set RAX's upper half on x32). Results are named, never printed as numbers
 * that vary (pids).
 */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>

#include "ktap.h"
#include "errname.h"
#include "raw_syscall.h"

#if defined(__x86_64__)

#define X32_BIT		0x40000000ULL
#define NR_READ		0ULL	/* the first row of the table */
#define NR_WRITEV	20ULL	/* a "64"-only row: not in the x32 table */
#define NR_GETPID	39ULL	/* "common": in both tables */

enum expect {
	EXPECT_ERRNO,		/* raw result == -err */
	EXPECT_GETPID,		/* raw result == getpid() */
	EXPECT_GETPID_OR_ENOSYS, /* depends on the kernel's x32 setting */
};

struct nr_case {
	uint64_t nr;
	uint64_t a1, a2, a3;
	enum expect expect;
	int err;
	const char *what;
};

/*
 * read(-1, NULL, 0) and writev(1, NULL, 0) are harmless if they run: they
 * tell "reached the handler" (EBADF, 0) from "no such number" (ENOSYS).
 */
#define NOFD	((uint64_t)-1)

static const struct nr_case cases[] = {
	{ 0xffffffffffffffffULL, 0, 0, 0, EXPECT_ERRNO, ENOSYS,
	  "nr -1 (all 64 bits set)" },
	{ 0xffffffffULL, 0, 0, 0, EXPECT_ERRNO, ENOSYS,
	  "nr 0xffffffff (int -1 in the low half only)" },
	{ 0x80000000ULL, 0, 0, 0, EXPECT_ERRNO, ENOSYS,
	  "nr 0x80000000 (INT_MIN)" },
	{ 0x7fffffffULL, 0, 0, 0, EXPECT_ERRNO, ENOSYS,
	  "nr 0x7fffffff (INT_MAX)" },
	{ 1000, 0, 0, 0, EXPECT_ERRNO, ENOSYS,
	  "nr 1000 (past every table)" },
	{ 400, 0, 0, 0, EXPECT_ERRNO, ENOSYS,
	  "nr 400 (inside the hole before 424)" },
	{ 423, 0, 0, 0, EXPECT_ERRNO, ENOSYS,
	  "nr 423 (last of the hole before 424)" },
	{ 500, 0, 0, 0, EXPECT_ERRNO, ENOSYS,
	  "nr 500 (between the 64-bit rows and the x32 rows)" },
	{ 511, 0, 0, 0, EXPECT_ERRNO, ENOSYS,
	  "nr 511 (just below the x32 rows)" },
	{ 512, 0, 0, 0, EXPECT_ERRNO, ENOSYS,
	  "nr 512 (x32 rt_sigaction without the x32 bit)" },
	{ 547, 0, 0, 0, EXPECT_ERRNO, ENOSYS,
	  "nr 547 (last x32 row without the x32 bit)" },
	{ 548, 0, 0, 0, EXPECT_ERRNO, ENOSYS,
	  "nr 548 (past the x32 rows)" },
	{ NR_READ, NOFD, 0, 0, EXPECT_ERRNO, EBADF,
	  "nr 0 is read (read(-1) reaches its handler)" },
	{ 0x100000000ULL | NR_READ, NOFD, 0, 0, EXPECT_ERRNO, EBADF,
	  "nr 0x100000000 is read (RAX bits 63..32 ignored)" },
	{ NR_GETPID, 0, 0, 0, EXPECT_GETPID, 0,
	  "nr 39 is getpid" },
	{ 0x100000000ULL | NR_GETPID, 0, 0, 0, EXPECT_GETPID, 0,
	  "nr 0x100000027 is getpid (RAX bits 63..32 ignored)" },
	{ 0xffffffff00000000ULL | NR_GETPID, 0, 0, 0, EXPECT_GETPID, 0,
	  "nr 0xffffffff00000027 is getpid (RAX bits 63..32 ignored)" },
	{ 0x8000000000000000ULL | NR_GETPID, 0, 0, 0, EXPECT_GETPID, 0,
	  "nr 0x8000000000000027 is getpid (RAX bit 63 ignored)" },
	{ 0x100000000ULL | 1000, 0, 0, 0, EXPECT_ERRNO, ENOSYS,
	  "nr 0x1000003e8 (1000 with RAX bits 63..32 set)" },
	{ X32_BIT | NR_WRITEV, 1, 0, 0, EXPECT_ERRNO, ENOSYS,
	  "nr 0x40000014 (x32 bit + 64-only writev)" },
	{ X32_BIT | 1000, 0, 0, 0, EXPECT_ERRNO, ENOSYS,
	  "nr 0x400003e8 (x32 bit + 1000)" },
	{ X32_BIT | NR_GETPID, 0, 0, 0, EXPECT_GETPID_OR_ENOSYS, 0,
	  "nr 0x40000027 (x32 getpid)" },
};

#define N_CASES	(int)(sizeof(cases) / sizeof(cases[0]))

/* What a raw result is, in words that are the same on every run. */
static const char *describe(int64_t ret, int64_t pid)
{
	if (ret == pid)
		return "getpid()";
	if (ret < 0 && ret >= -4095)
		return errno_name((int)-ret);
	return raw_result_name(ret);
}

int main(void)
{
	int64_t pid = getpid();
	int i;

	ktap_print_header();
	ktap_set_plan(N_CASES);

	for (i = 0; i < N_CASES; i++) {
		const struct nr_case *c = &cases[i];
		int64_t ret = raw_syscall3(c->nr, c->a1, c->a2, c->a3);

		switch (c->expect) {
		case EXPECT_ERRNO:
			if (ret != -c->err)
				ktap_print_msg("got %s", describe(ret, pid));
			ktap_test_result(ret == -c->err, "%s -> %s", c->what,
					 errno_name(c->err));
			break;
		case EXPECT_GETPID:
			if (ret != pid)
				ktap_print_msg("got %s", describe(ret, pid));
			ktap_test_result(ret == pid, "%s", c->what);
			break;
		case EXPECT_GETPID_OR_ENOSYS:
			/*
			 * getpid() when the kernel has x32 built and enabled
			 * (or this is an x32 program), ENOSYS otherwise: the
			 * line names which, so a comparison with Linux in the
			 * same configuration still sees any difference.
			 */
			ktap_test_result(ret == pid || ret == -ENOSYS,
					 "%s -> %s", c->what,
					 describe(ret, pid));
			break;
		}
	}

	ktap_finished();
	return KSFT_FAIL;	/* not reached */
}

#else /* !__x86_64__ */

int main(void)
{
	ktap_print_header();
	ktap_set_plan(1);
	ktap_test_skip("not a 64-bit build", "64-bit SYSCALL numbers");
	ktap_finished();
	return KSFT_FAIL;
}

#endif
