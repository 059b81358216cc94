// SPDX-License-Identifier: MIT
/*
 * mm_shared: does MAP_SHARED memory stay shared across fork?
 *
 * Linux backs a MAP_SHARED|MAP_ANONYMOUS mapping (and a MAP_SHARED one of
 * /dev/zero) with one shmem object: after fork, parent and child see each
 * other's writes, never a copy, whether the pages were touched before the
 * fork or not. munmap, mprotect and mremap in one process change only its
 * own view, and the memory lives on while any process maps it (after the
 * child exits, after the parent unmaps it). MAP_PRIVATE memory is copied
 * on write (the control case).
 *
 * A futex word in such memory is one futex for both processes (Linux keys
 * a shared futex, without FUTEX_PRIVATE_FLAG, by its page): a FUTEX_WAKE
 * in the parent wakes the child's FUTEX_WAIT.
 *
 * Each check forks a child; the child answers through its exit code
 * (0: as expected), parent and child take turns through a pipe where the
 * order matters.
 */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "ktap.h"

#define PAGE		4096
#define MREMAP_MAYMOVE	1
#define MREMAP_FIXED	2

static volatile int *map(int flags, int fd)
{
	void *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, flags, fd, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* The child's exit code, or -1 if it did not exit normally. */
static int reap(pid_t pid)
{
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* One byte through a pipe: "your turn". */
static void signal_turn(int fd)
{
	char c = 1;

	(void)!write(fd, &c, 1);
}

static int wait_turn(int fd)
{
	char c;

	return read(fd, &c, 1) == 1 ? 0 : -1;
}

/* The child writes, exits; the parent reads what it wrote. */
static int child_writes(volatile int *m, int value)
{
	pid_t pid = fork();

	if (pid == 0) {
		m[0] = value;
		_exit(0);
	}
	return reap(pid) == 0 && m[0] == value;
}

/* The parent writes after fork; the child reads it when told. */
static int parent_writes(volatile int *m, int value)
{
	int p[2];
	pid_t pid;

	if (pipe(p))
		return 0;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		if (wait_turn(p[0]))
			_exit(2);
		_exit(m[0] == value ? 0 : 1);
	}
	close(p[0]);
	m[0] = value;
	signal_turn(p[1]);
	close(p[1]);
	return reap(pid) == 0;
}

static void test_anon(void)
{
	volatile int *m = map(MAP_SHARED | MAP_ANONYMOUS, -1);

	ktap_test_result(m && child_writes(m, 0x1234),
			 "MAP_SHARED|MAP_ANONYMOUS untouched before fork: the child's write is seen by the parent");
	ktap_test_result(m && parent_writes(m, 0x5678),
			 "MAP_SHARED|MAP_ANONYMOUS: the parent's write after fork is seen by the child");
	ktap_test_result(m && m[0] == 0x5678 && child_writes(m, 0x9abc),
			 "MAP_SHARED|MAP_ANONYMOUS touched before fork: still shared");
	if (m)
		munmap((void *)m, PAGE);

	m = map(MAP_PRIVATE | MAP_ANONYMOUS, -1);
	ktap_test_result(m && (m[0] = 7, !child_writes(m, 8)) && m[0] == 7,
			 "MAP_PRIVATE|MAP_ANONYMOUS: the child writes its own copy");
	if (m)
		munmap((void *)m, PAGE);
}

/* The child writes, unmaps its view and exits; the parent's stays. */
static void test_child_unmaps(void)
{
	volatile int *m = map(MAP_SHARED | MAP_ANONYMOUS, -1);
	pid_t pid;
	int ok;

	if (!m) {
		ktap_test_fail("munmap in the child: mmap failed");
		return;
	}
	pid = fork();
	if (pid == 0) {
		m[0] = 41;
		_exit(munmap((void *)m, PAGE) ? 1 : 0);
	}
	ok = reap(pid) == 0 && m[0] == 41;
	m[0] = 42;
	ktap_test_result(ok && m[0] == 42,
			 "munmap in the child, then its exit: the parent's mapping keeps the data and stays writable");
	munmap((void *)m, PAGE);
}

/* The parent unmaps its view; the child's still holds the data. */
static void test_parent_unmaps(void)
{
	volatile int *m = map(MAP_SHARED | MAP_ANONYMOUS, -1);
	int p[2];
	pid_t pid;

	if (!m || pipe(p)) {
		ktap_test_fail("munmap in the parent: mmap or pipe failed");
		return;
	}
	m[0] = 51;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		if (wait_turn(p[0]))
			_exit(2);
		_exit(m[0] == 51 && (m[0] = 52, m[0] == 52) ? 0 : 1);
	}
	close(p[0]);
	munmap((void *)m, PAGE);
	signal_turn(p[1]);
	close(p[1]);
	ktap_test_result(reap(pid) == 0,
			 "munmap in the parent: the child's mapping keeps the data and stays writable");
}

/* mprotect in the child (read-only, then back) changes only its view. */
static void test_mprotect(void)
{
	volatile int *m = map(MAP_SHARED | MAP_ANONYMOUS, -1);
	pid_t pid;
	int ok;

	if (!m) {
		ktap_test_fail("mprotect in the child: mmap failed");
		return;
	}
	m[0] = 1;
	pid = fork();
	if (pid == 0) {
		if (mprotect((void *)m, PAGE, PROT_READ) || m[0] != 1)
			_exit(1);
		if (mprotect((void *)m, PAGE, PROT_READ | PROT_WRITE))
			_exit(1);
		m[0] = 61;
		_exit(0);
	}
	ok = reap(pid) == 0 && m[0] == 61;
	m[0] = 62;		/* the parent's view stayed writable */
	ktap_test_result(ok && m[0] == 62,
			 "mprotect read-only and back in the child: still shared, the parent's view unchanged");
	munmap((void *)m, PAGE);
}

/* mremap moves the child's view; the pages stay the shared ones. */
static void test_mremap(void)
{
	volatile int *m = map(MAP_SHARED | MAP_ANONYMOUS, -1);
	pid_t pid;
	int ok;

	if (!m) {
		ktap_test_fail("mremap in the child: mmap failed");
		return;
	}
	m[0] = 70;
	pid = fork();
	if (pid == 0) {
		/* A free place: reserve it, then move the page onto it. */
		void *to = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		volatile int *n;

		if (to == MAP_FAILED)
			_exit(3);
		n = (void *)syscall(SYS_mremap, (void *)m, PAGE, PAGE,
				    MREMAP_MAYMOVE | MREMAP_FIXED, to);
		if (n != to || n[0] != 70)
			_exit(1);
		n[0] = 71;
		_exit(0);
	}
	ok = reap(pid) == 0 && m[0] == 71;
	ktap_test_result(ok, "mremap to another address in the child: the moved page is still shared");
	munmap((void *)m, PAGE);
}

/* Three processes: parent, child, grandchild. */
static void test_grandchild(void)
{
	volatile int *m = map(MAP_SHARED | MAP_ANONYMOUS, -1);
	pid_t pid;

	if (!m) {
		ktap_test_fail("grandchild: mmap failed");
		return;
	}
	pid = fork();
	if (pid == 0)
		_exit(child_writes(m, 81) ? 0 : 1);
	ktap_test_result(reap(pid) == 0 && m[0] == 81,
			 "a grandchild's write is seen by its parent and by the first process");
	munmap((void *)m, PAGE);
}

static void test_dev_zero(void)
{
	int fd = open("/dev/zero", O_RDWR);
	volatile int *m;

	if (fd < 0) {
		ktap_test_fail("MAP_SHARED of /dev/zero: open failed");
		ktap_test_fail("MAP_PRIVATE of /dev/zero: open failed");
		return;
	}
	m = map(MAP_SHARED, fd);
	ktap_test_result(m && m[0] == 0 && child_writes(m, 91),
			 "MAP_SHARED of /dev/zero: zeroed, and shared across fork");
	if (m)
		munmap((void *)m, PAGE);
	m = map(MAP_PRIVATE, fd);
	ktap_test_result(m && m[0] == 0 && (m[0] = 5, !child_writes(m, 92)) && m[0] == 5,
			 "MAP_PRIVATE of /dev/zero: zeroed, and copied on write");
	if (m)
		munmap((void *)m, PAGE);
	close(fd);
}

#define FUTEX_WAIT	0
#define FUTEX_WAKE	1

/* The child sleeps in FUTEX_WAIT (at most 5 s) on a word of a MAP_SHARED
 * page; the parent FUTEX_WAKEs the word from its own mapping until the
 * wake reports one waiter. The child exits 0 if the wait ended by the
 * wake (return 0, the word already changed). */
static void test_futex(void)
{
	volatile int *m = map(MAP_SHARED | MAP_ANONYMOUS, -1);
	int woken = 0;
	pid_t pid;

	if (!m) {
		ktap_test_fail("a shared futex across fork: mmap failed");
		return;
	}
	m[0] = 0;
	pid = fork();
	if (pid == 0) {
		struct timespec ts = { 5, 0 };
		long r = syscall(SYS_futex, m, FUTEX_WAIT, 0, &ts, NULL, 0);

		_exit(r == 0 && m[0] == 1 ? 0 : 1);
	}
	/* Up to 4 s for the child to be asleep on the word. */
	for (int i = 0; i < 400 && woken == 0; i++) {
		struct timespec tick = { 0, 10 * 1000 * 1000 };

		nanosleep(&tick, NULL);
		m[0] = 1;
		woken = syscall(SYS_futex, m, FUTEX_WAKE, 1, NULL, NULL, 0);
		if (woken == 0)
			m[0] = 0;
	}
	ktap_test_result(reap(pid) == 0 && woken == 1,
			 "a shared futex across fork: the parent's FUTEX_WAKE wakes the child's FUTEX_WAIT");
	munmap((void *)m, PAGE);
}

int main(void)
{
	ktap_print_header();
	ktap_set_plan(12);
	test_anon();
	test_child_unmaps();
	test_parent_unmaps();
	test_mprotect();
	test_mremap();
	test_grandchild();
	test_dev_zero();
	test_futex();
	ktap_finished();
}
