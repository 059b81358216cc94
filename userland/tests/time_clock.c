/* SPDX-License-Identifier: MIT */
/*
 * time_clock: what do the clocks say, and what do clock_gettime, nanosleep
 * and gettimeofday refuse?
 *
 *  - CLOCK_MONOTONIC never goes back and advances at least as much as a
 *    nanosleep asked for; CLOCK_REALTIME is a date after 2020-01-01 and
 *    agrees with gettimeofday; every clock id 0-7 answers.
 *  - EINVAL for an unknown clock id and for a timespec that is not one
 *    (tv_nsec outside 0..999999999, tv_sec < 0); EFAULT for a pointer the
 *    kernel cannot use.
 *  - a nanosleep that was not interrupted leaves *rem alone.
 *
 * Every call here goes through syscall(): glibc answers clock_gettime and
 * gettimeofday from the vDSO, which never enters the kernel (and turns a
 * bad pointer into SIGSEGV instead of EFAULT), and its nanosleep() is
 * clock_nanosleep(2).
 *
 * Times differ between runs: results are relations ("at least 10 ms
 * later"), the measured values go into "#" lines.
 */
#include <errno.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "ktap.h"
#include "errname.h"

#define NSEC_PER_SEC	1000000000LL
#define Y2020		1577836800LL	/* 2020-01-01T00:00:00Z */
#define BAD_PTR		((void *)(uintptr_t)bad_addr)

/* The unmapped first page; volatile, so gcc sees no constant to warn about. */
static volatile uintptr_t bad_addr = 0x10;

/* The kernel's struct timeval: two kernel longs (64-bit on x32 too). */
struct k_timeval {
#if defined(__x86_64__)
	long long tv_sec, tv_usec;
#else
	long tv_sec, tv_usec;
#endif
};

/* -errno or the result, from syscall(). */
static long sys(long ret)
{
	return ret == -1 ? -errno : ret;
}

static long gettime(clockid_t id, struct timespec *ts)
{
	return sys(syscall(SYS_clock_gettime, id, ts));
}

/* nanosleep(2) itself: glibc's nanosleep() calls clock_nanosleep(2). */
static long sleep_ns(const struct timespec *req, struct timespec *rem)
{
	return sys(syscall(SYS_nanosleep, req, rem));
}

static long long ns(const struct timespec *ts)
{
	return (long long)ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

static int valid_ts(const struct timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < NSEC_PER_SEC;
}

static void expect_err(long ret, int err, const char *what)
{
	if (ret != -err)
		ktap_print_msg("got %s", raw_result_name(ret));
	ktap_test_result(ret == -err, "%s -> %s", what, errno_name(err));
}

static void test_monotonic(void)
{
	struct timespec a, b, nap = { 0, 10 * 1000 * 1000 };
	long ret = gettime(CLOCK_MONOTONIC, &a);
	int backwards = 0, bad = !valid_ts(&a);
	long long elapsed;

	ktap_test_result(ret == 0 && !bad,
			 "clock_gettime(CLOCK_MONOTONIC) -> 0, a valid timespec");
	for (int i = 0; i < 1000; i++) {
		if (gettime(CLOCK_MONOTONIC, &b) != 0 || !valid_ts(&b))
			bad = 1;
		else if (ns(&b) < ns(&a))
			backwards++;
		a = b;
	}
	ktap_test_result(!bad && !backwards,
			 "1000 readings of CLOCK_MONOTONIC never go back");

	gettime(CLOCK_MONOTONIC, &a);
	ret = sleep_ns(&nap, NULL);
	gettime(CLOCK_MONOTONIC, &b);
	elapsed = ns(&b) - ns(&a);
	ktap_print_msg("nanosleep(10 ms) took %lld us", elapsed / 1000);
	ktap_test_result(ret == 0, "nanosleep(10 ms) -> 0");
	ktap_test_result(elapsed >= 10 * 1000 * 1000,
			 "CLOCK_MONOTONIC advanced by >= 10 ms across it");
}

static void test_realtime(void)
{
	struct timespec ts = { 0, 0 };
	struct k_timeval tv = { 0, 0 };
	long ret = gettime(CLOCK_REALTIME, &ts), tv_ret;
	long long diff;

	ktap_print_msg("CLOCK_REALTIME %lld.%09lld", (long long)ts.tv_sec,
		       (long long)ts.tv_nsec);
	ktap_test_result(ret == 0 && valid_ts(&ts),
			 "clock_gettime(CLOCK_REALTIME) -> 0, a valid timespec");
	ktap_test_result(ts.tv_sec >= Y2020, "CLOCK_REALTIME is after 2020-01-01");

	tv_ret = sys(syscall(SYS_gettimeofday, &tv, NULL));
	diff = (long long)tv.tv_sec * 1000000 + tv.tv_usec - ns(&ts) / 1000;
	ktap_print_msg("gettimeofday %lld.%06lld, %lld us after CLOCK_REALTIME",
		       (long long)tv.tv_sec, (long long)tv.tv_usec, diff);
	ktap_test_result(tv_ret == 0 && tv.tv_usec >= 0 && tv.tv_usec < 1000000,
			 "gettimeofday -> 0, tv_usec in 0..999999");
	ktap_test_result(diff > -1000000 && diff < 1000000,
			 "gettimeofday agrees with CLOCK_REALTIME within 1 s");
	ktap_test_result(sys(syscall(SYS_gettimeofday, NULL, NULL)) == 0,
			 "gettimeofday(NULL, NULL) -> 0");
	expect_err(sys(syscall(SYS_gettimeofday, BAD_PTR, NULL)), EFAULT,
		   "gettimeofday(unmapped tv)");
}

static const char *const clock_names[] = {
	"CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID",
	"CLOCK_THREAD_CPUTIME_ID", "CLOCK_MONOTONIC_RAW",
	"CLOCK_REALTIME_COARSE", "CLOCK_MONOTONIC_COARSE", "CLOCK_BOOTTIME",
};

static void test_clock_ids(void)
{
	struct timespec ts = { 0, 0 };

	for (int id = 0; id < 8; id++) {
		long ret = gettime(id, &ts);

		if (ret != 0)
			ktap_print_msg("got %s", raw_result_name(ret));
		ktap_test_result(ret == 0 && valid_ts(&ts),
				 "clock_gettime(%d, %s) -> 0", id, clock_names[id]);
	}
	{
		long ret = sys(syscall(SYS_clock_getres, CLOCK_MONOTONIC, &ts));

		ktap_print_msg("clock_getres(CLOCK_MONOTONIC): %lld ns", ns(&ts));
		ktap_test_result(ret == 0 && ts.tv_sec == 0 && ts.tv_nsec > 0,
				 "clock_getres(CLOCK_MONOTONIC) -> 0, 0 < res < 1 s");
	}
	expect_err(gettime(42, &ts), EINVAL, "clock_gettime(clock 42)");
	expect_err(gettime(CLOCK_MONOTONIC, BAD_PTR), EFAULT,
		   "clock_gettime(CLOCK_MONOTONIC, unmapped)");
	expect_err(gettime(CLOCK_REALTIME, NULL), EFAULT,
		   "clock_gettime(CLOCK_REALTIME, NULL)");
}

static void test_nanosleep_errors(void)
{
	struct timespec rem = { 77, 77 };
	struct timespec too_big = { 0, NSEC_PER_SEC };
	struct timespec neg_nsec = { 0, -1 };
	struct timespec neg_sec = { -1, 0 };
	struct timespec zero = { 0, 0 };
	struct timespec ms = { 0, 1000 * 1000 };

	expect_err(sleep_ns(&too_big, &rem), EINVAL,
		   "nanosleep(tv_nsec 1000000000)");
	expect_err(sleep_ns(&neg_nsec, &rem), EINVAL, "nanosleep(tv_nsec -1)");
	expect_err(sleep_ns(&neg_sec, &rem), EINVAL, "nanosleep(tv_sec -1)");
	expect_err(sleep_ns(BAD_PTR, NULL), EFAULT,
		   "nanosleep(unmapped request)");
	ktap_test_result(sleep_ns(&zero, NULL) == 0, "nanosleep(0 s) -> 0");
	ktap_test_result(sleep_ns(&ms, &rem) == 0 && rem.tv_sec == 77 &&
			 rem.tv_nsec == 77,
			 "nanosleep(1 ms, &rem) -> 0, rem untouched when not interrupted");
}

int main(void)
{
	ktap_print_header();
	ktap_set_plan(4 + 6 + 8 + 1 + 3 + 6 + 1);
	test_monotonic();
	test_realtime();
	test_clock_ids();
	test_nanosleep_errors();
	ktap_test_result(sys(syscall(SYS_sched_yield)) == 0, "sched_yield() -> 0");
	ktap_finished();
	return KSFT_FAIL;	/* not reached */
}
