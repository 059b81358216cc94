/* SPDX-License-Identifier: MIT */
/*
 * ktap.h: KTAP output for Trident's conformance programs, in the shape of
 * Linux's tools/testing/selftests/kselftest.h (our own code, same output):
 *
 *	KTAP version 1
 *	1..N
 *	# a diagnostic line
 *	ok 1 what was checked
 *	not ok 2 what was checked
 *	ok 3 what was checked # SKIP why
 *	# Totals: pass:1 fail:1 xfail:0 xpass:0 skip:1 error:0
 *
 * The exit status is kselftest's: KSFT_PASS (0) when every planned case
 * passed or was skipped, KSFT_FAIL (1) otherwise.
 *
 * A harness compares the result lines ("ok"/"not ok" lines) of one binary
 * run on Linux and on Trident, line by line. So a description must never
 * contain a pid, an address or a time: it says what was checked, and what was
 * actually seen goes into a "#" diagnostic line.
 *
 * Only printf, snprintf and fflush are used (no <stdarg.h>, no vprintf), so
 * the descriptions are formatted by the macros below with snprintf. Every
 * line is flushed at once: a program may die of a signal right after it, and
 * stdout is often a pipe (fully buffered).
 */
#ifndef TRIDENT_KTAP_H
#define TRIDENT_KTAP_H

#include <stdio.h>
#include <stdlib.h>

#define KSFT_PASS	0
#define KSFT_FAIL	1

/* Long enough for any description; longer ones are cut, never overflowed. */
#define KTAP_LINE_MAX	256

struct ktap_counts {
	unsigned int plan;
	unsigned int num;	/* number of the last case reported */
	unsigned int pass;
	unsigned int fail;
	unsigned int skip;
};

/* One instance per program: every test is a single .c file. */
static struct ktap_counts ktap_cnt;

static inline void ktap_print_header(void)
{
	printf("KTAP version 1\n");
	fflush(stdout);
}

static inline void ktap_set_plan(unsigned int plan)
{
	ktap_cnt.plan = plan;
	printf("1..%u\n", plan);
	fflush(stdout);
}

/* A diagnostic: "# " + text. Not compared by the harness. */
#define ktap_print_msg(...)						\
	do {								\
		char ktap_msg_[KTAP_LINE_MAX];				\
		snprintf(ktap_msg_, sizeof(ktap_msg_), __VA_ARGS__);	\
		printf("# %s\n", ktap_msg_);				\
		fflush(stdout);						\
	} while (0)

static inline void ktap__result(int passed, const char *desc)
{
	ktap_cnt.num++;
	if (passed)
		ktap_cnt.pass++;
	else
		ktap_cnt.fail++;
	printf("%sok %u %s\n", passed ? "" : "not ", ktap_cnt.num, desc);
	fflush(stdout);
}

static inline void ktap__skip(const char *desc, const char *reason)
{
	ktap_cnt.num++;
	ktap_cnt.skip++;
	printf("ok %u %s # SKIP %s\n", ktap_cnt.num, desc, reason);
	fflush(stdout);
}

/* ktap_test_result(cond, "fmt", ...): "ok" when cond holds, else "not ok". */
#define ktap_test_result(cond, ...)					\
	do {								\
		char ktap_desc_[KTAP_LINE_MAX];				\
		snprintf(ktap_desc_, sizeof(ktap_desc_), __VA_ARGS__);	\
		ktap__result(!!(cond), ktap_desc_);			\
	} while (0)

#define ktap_test_pass(...) ktap_test_result(1, __VA_ARGS__)
#define ktap_test_fail(...) ktap_test_result(0, __VA_ARGS__)

/* ktap_test_skip("reason", "fmt", ...): counted as skipped, not failed. */
#define ktap_test_skip(reason, ...)					\
	do {								\
		char ktap_desc_[KTAP_LINE_MAX];				\
		snprintf(ktap_desc_, sizeof(ktap_desc_), __VA_ARGS__);	\
		ktap__skip(ktap_desc_, (reason));			\
	} while (0)

/*
 * For a program that must die of a signal: "# expect: signal N" is the line
 * the harness reads. Such a program prints no "ok" line; if it survives, it
 * reports "not ok" and exits 1.
 */
static inline void ktap_expect_signal(int sig)
{
	printf("# expect: signal %d\n", sig);
	fflush(stdout);
}

/*
 * Print the totals and exit. Fewer or more cases than planned is a failure
 * too: a program that silently stopped reporting must not look green.
 */
static inline __attribute__((noreturn)) void ktap_finished(void)
{
	int ok = ktap_cnt.fail == 0 && ktap_cnt.num == ktap_cnt.plan;

	if (ktap_cnt.num != ktap_cnt.plan)
		printf("# Planned tests != run tests (%u != %u)\n",
		       ktap_cnt.plan, ktap_cnt.num);
	printf("# Totals: pass:%u fail:%u xfail:0 xpass:0 skip:%u error:0\n",
	       ktap_cnt.pass, ktap_cnt.fail, ktap_cnt.skip);
	fflush(stdout);
	exit(ok ? KSFT_PASS : KSFT_FAIL);
}

#endif /* TRIDENT_KTAP_H */
