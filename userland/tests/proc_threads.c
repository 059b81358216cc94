/* SPDX-License-Identifier: MIT */
/*
 * proc_threads: threads as glibc's pthread_create makes them, for each ABI.
 *
 *  - clone's flag rules: CLONE_THREAD needs CLONE_SIGHAND, CLONE_SIGHAND
 *    needs CLONE_VM, CLONE_FS with CLONE_NEWNS: EINVAL before anything.
 *  - a thread with glibc's flags (CLONE_VM | FS | FILES | SIGHAND | THREAD
 *    | SYSVSEM | PARENT_SETTID | CHILD_CLEARTID, and SETTLS where the TLS
 *    argument is an FS base): its own tid, the process's pid and parent,
 *    the memory shared; at its exit its tid word is cleared and a futex
 *    waiter on it woken (pthread_join).
 *  - futex: EAGAIN for another value, ETIMEDOUT for relative and absolute
 *    timeouts on both clocks, the EINVAL/ENOSYS cases, a wake that finds
 *    a sleeping thread (private and shared), FUTEX_CMP_REQUEUE.
 *  - descriptors shared with CLONE_FILES and not without it.
 *  - tgkill and tkill reach the thread named; kill reaches the process,
 *    whose thread that does not block the signal takes it.
 *  - exit ends one thread, exit_group all of them; a fatal signal kills
 *    every thread; the parent sees the process once, when its last
 *    thread has gone (its leader's exit alone is not reported).
 *  - execve from a thread: the other threads end and the process keeps
 *    its pid.
 *
 * The threads are made with raw clone (no libpthread: our libc has none)
 * and use raw system calls only, never libc's errno; the main thread
 * prints. Tids and pids appear in "#" lines only.
 *
 * Run as "proc_threads exec-check PID", the program exits 42 if its pid
 * is PID and 1 otherwise: the image the exec case starts.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "ktap.h"
#include "errname.h"
#include "raw_syscall.h"

#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_VFORK		0x00004000
#define CLONE_THREAD		0x00010000
#define CLONE_NEWNS		0x00020000
#define CLONE_SYSVSEM		0x00040000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAIT_BITSET	9
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256

#define ARCH_GET_FS		0x1003

#define GLIBC_FLAGS	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
			 CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

#define STACK_SIZE	(64 * 1024)
#define N_STACKS	8

#if defined(__i386__)
#define SYS_FUTEX	SYS_futex
#else
#define SYS_FUTEX	SYS_futex
#endif

/* --- raw system calls: no errno, safe on any thread --------------------- */

#if defined(__x86_64__)
static long rsys(long nr, uintptr_t a, uintptr_t b, uintptr_t c, uintptr_t d,
		 uintptr_t e, uintptr_t f)
{
	return (long)raw_syscall6((uint64_t)(unsigned long)nr, a, b, c, d, e, f);
}
#else
static long rsys(long nr, uintptr_t a, uintptr_t b, uintptr_t c, uintptr_t d,
		 uintptr_t e, uintptr_t f)
{
	/* int $0x80: EBX ECX EDX ESI EDI EBP; EBP through memory. */
	long args[2] = { (long)f, nr };
	long ret;

	__asm__ volatile("push %%ebp\n\t"
			 "mov 0(%%eax), %%ebp\n\t"
			 "mov 4(%%eax), %%eax\n\t"
			 "int $0x80\n\t"
			 "pop %%ebp"
			 : "=a"(ret)
			 : "a"(args), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
			 : "memory");
	return ret;
}
#endif

#define R0(nr)			rsys(nr, 0, 0, 0, 0, 0, 0)
#define R1(nr, a)		rsys(nr, (uintptr_t)(a), 0, 0, 0, 0, 0)
#define R2(nr, a, b)		rsys(nr, (uintptr_t)(a), (uintptr_t)(b), 0, 0, 0, 0)
#define R3(nr, a, b, c)		rsys(nr, (uintptr_t)(a), (uintptr_t)(b), (uintptr_t)(c), 0, 0, 0)
#define R4(nr, a, b, c, d)	rsys(nr, (uintptr_t)(a), (uintptr_t)(b), (uintptr_t)(c), (uintptr_t)(d), 0, 0)
#define R6(nr, a, b, c, d, e, f) rsys(nr, (uintptr_t)(a), (uintptr_t)(b), (uintptr_t)(c), \
				      (uintptr_t)(d), (uintptr_t)(e), (uintptr_t)(f))

/* The kernel's struct timespec of this ABI's futex: 64-bit fields for
 * 64-bit and x32, 32-bit for ia32's futex (240). */
#if defined(__x86_64__)
struct kts { int64_t sec, nsec; };
#else
struct kts { int32_t sec, nsec; };
#endif

static long futex(volatile int *uaddr, int op, int val, const struct kts *ts,
		  volatile int *uaddr2, int val3)
{
	return R6(SYS_FUTEX, uaddr, op, val, ts, uaddr2, val3);
}

/* --- raw clone: fn(arg) on a new stack, then exit(its value) ---------- */

static char stacks[N_STACKS][STACK_SIZE] __attribute__((aligned(16)));
static int next_stack;

typedef int (*thread_fn)(void *);

#if defined(__x86_64__)
/* clone(flags, newsp, parent_tid, child_tid, tls): RDI RSI RDX R10 R8. */
static long raw_clone(unsigned long flags, int *ptid, int *ctid, uint64_t tls,
		      thread_fn fn, void *arg)
{
	uint64_t *sp = (uint64_t *)(stacks[next_stack++ % N_STACKS] + STACK_SIZE);
	register uint64_t r10 __asm__("r10") = (uintptr_t)ctid;
	register uint64_t r8 __asm__("r8") = tls;
	uint64_t ret;

	*--sp = (uintptr_t)arg;
	*--sp = (uintptr_t)fn;
	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "xor %%ebp, %%ebp\n\t"
			 "pop %%rax\n\t"		/* fn */
			 "pop %%rdi\n\t"		/* arg */
			 "and $-16, %%rsp\n\t"
			 "call *%%rax\n\t"
			 "mov %%eax, %%edi\n\t"
			 "mov %[nr_exit], %%eax\n\t"
			 "syscall\n\t"
			 "hlt\n"
			 "1:"
			 : "=a"(ret)
			 : "a"((uint64_t)SYS_clone), "D"((uint64_t)flags), "S"((uint64_t)(uintptr_t)sp),
			   "d"((uint64_t)(uintptr_t)ptid), "r"(r10), "r"(r8), [nr_exit] "i"(SYS_exit)
			 : "rcx", "r11", "memory");
	return (long)(int64_t)ret;
}
#else
/* ia32 clone(flags, newsp, parent_tid, tls, child_tid): EBX ECX EDX ESI
 * EDI (CONFIG_CLONE_BACKWARDS). No CLONE_SETTLS here: the thread keeps
 * the TLS descriptors and %gs it inherits. */
static long raw_clone(unsigned long flags, int *ptid, int *ctid, uint64_t tls,
		      thread_fn fn, void *arg)
{
	uint32_t *sp = (uint32_t *)(stacks[next_stack++ % N_STACKS] + STACK_SIZE);
	long ret;

	(void)tls;
	sp -= 3;			/* arg at a 16-byte boundary at the call */
	*--sp = (uintptr_t)arg;
	*--sp = (uintptr_t)fn;
	__asm__ volatile("int $0x80\n\t"
			 "test %%eax, %%eax\n\t"
			 "jnz 1f\n\t"
			 "xor %%ebp, %%ebp\n\t"
			 "pop %%eax\n\t"		/* fn; arg is now its argument */
			 "call *%%eax\n\t"
			 "mov %%eax, %%ebx\n\t"
			 "mov %[nr_exit], %%eax\n\t"
			 "int $0x80\n\t"
			 "hlt\n"
			 "1:"
			 : "=a"(ret)
			 : "a"(SYS_clone), "b"(flags), "c"(sp), "d"(ptid), "S"(0), "D"(ctid),
			   [nr_exit] "i"(SYS_exit)
			 : "memory");
	return ret;
}
#endif

/* pthread_join: until the kernel clears the tid word at the thread's exit
 * (nothing to wait for when clone failed). */
static void join(volatile int *ctid)
{
	int v;

	while ((v = *ctid) != 0 && v != -1)
		futex(ctid, FUTEX_WAIT, v, NULL, NULL, 0);
}

static void yield(void)
{
	R0(SYS_sched_yield);
}

/* --- helpers for the main thread ------------------------------------------ */

static const char *ename(long e)
{
	switch (e) {
	case 0: return "0";
	case 1: return "1";
	case -ETIMEDOUT: return "ETIMEDOUT";
	case -EAGAIN: return "EAGAIN";
	case -EINVAL: return "EINVAL";
	case -ENOSYS: return "ENOSYS";
	case -ESRCH: return "ESRCH";
	case -EFAULT: return "EFAULT";
	case -EBADF: return "EBADF";
	case -EINTR: return "EINTR";
	}
	return e < 0 ? errno_name((int)-e) : "a value";
}

static void expect(long got, long want, const char *what)
{
	if (got != want)
		ktap_print_msg("%s: got %ld (%s)", what, got, ename(got));
	ktap_test_result(got == want, "%s -> %s", what, ename(want));
}

static int64_t now_ns(int clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static struct kts kts_at(int64_t ns)
{
	struct kts t = { (int32_t)(ns / 1000000000LL), (int32_t)(ns % 1000000000LL) };

	t.sec = ns / 1000000000LL;
	return t;
}

/* --- 1: clone's flag rules ------------------------------------------------- */

static int exit_at_once(void *arg)
{
	(void)arg;
	return 0;
}

static void test_flag_rules(void)
{
	expect(raw_clone(CLONE_THREAD | SIGCHLD, NULL, NULL, 0, exit_at_once, NULL), -EINVAL,
	       "clone(CLONE_THREAD) without CLONE_SIGHAND");
	expect(raw_clone(CLONE_SIGHAND | SIGCHLD, NULL, NULL, 0, exit_at_once, NULL), -EINVAL,
	       "clone(CLONE_SIGHAND) without CLONE_VM");
	expect(raw_clone(CLONE_SIGHAND | CLONE_THREAD | SIGCHLD, NULL, NULL, 0, exit_at_once, NULL),
	       -EINVAL, "clone(CLONE_SIGHAND|CLONE_THREAD) without CLONE_VM");
	expect(raw_clone(CLONE_FS | CLONE_NEWNS | SIGCHLD, NULL, NULL, 0, exit_at_once, NULL),
	       -EINVAL, "clone(CLONE_FS|CLONE_NEWNS)");
}

/* --- 2: a thread ----------------------------------------------------------- */

static volatile int shared_word;
static struct {
	long tid, pid, ppid;
	uint64_t fs_base;
} seen;
#if defined(__x86_64__)
static char tls_block[256] __attribute__((aligned(64)));
#endif

static int identity_thread(void *arg)
{
	(void)arg;
	seen.tid = R0(SYS_gettid);
	seen.pid = R0(SYS_getpid);
	seen.ppid = R0(SYS_getppid);
#if defined(__x86_64__)
	R2(SYS_arch_prctl, ARCH_GET_FS, &seen.fs_base);
#endif
	shared_word = 1234;
	return 0;
}

static void test_thread(void)
{
	static volatile int ptid, ctid;
	unsigned long flags = GLIBC_FLAGS;
	uint64_t tls = 0;
	long tid;

#if defined(__x86_64__)
	/* 64-bit and x32: tls is the new FS base (glibc's TCB). The TCB's
	 * stack-protector word at %fs:0x28 is copied for the thread. */
	flags |= CLONE_SETTLS;
	tls = (uintptr_t)tls_block;
	{
		uint64_t fs = 0;
		R2(SYS_arch_prctl, ARCH_GET_FS, &fs);
		if (fs)
			memcpy(tls_block + 0x28, (void *)(uintptr_t)(fs + 0x28), 8);
		*(uint64_t *)(void *)tls_block = (uintptr_t)tls_block;
	}
#endif
	ctid = 1;		/* until the exit clears it */
	tid = raw_clone(flags, (int *)&ptid, (int *)&ctid, tls, identity_thread, NULL);
	ktap_test_result(tid > 0, "clone with pthread_create's flags makes a thread");
	if (tid <= 0) {
		ktap_print_msg("clone: %ld (%s)", tid, ename(tid));
		for (int i = 0; i < 8; i++)
			ktap_test_fail("(no thread)");
		return;
	}
	join(&ctid);
	ktap_print_msg("thread tid %ld, process %d", tid, getpid());
	ktap_test_result(ptid == tid, "CLONE_PARENT_SETTID wrote the tid");
	ktap_test_result(tid != getpid(), "the thread's tid is not the pid");
	ktap_test_result(seen.tid == tid, "gettid in the thread is the tid clone returned");
	ktap_test_result(seen.pid == getpid(), "getpid in the thread is the process's pid");
	ktap_test_result(seen.ppid == getppid(), "getppid in the thread is the process's parent");
	ktap_test_result(shared_word == 1234, "the thread's store is seen (CLONE_VM)");
	ktap_test_result(ctid == 0, "CLONE_CHILD_CLEARTID cleared the word and woke the joiner");
#if defined(__x86_64__)
	ktap_test_result(seen.fs_base == (uintptr_t)tls_block, "CLONE_SETTLS set the thread's FS base");
#else
	ktap_test_skip("ia32's tls is a user_desc (ia32_tls covers it)", "CLONE_SETTLS set the thread's FS base");
#endif
}

/* --- 3: futex ---------------------------------------------------------------- */

static volatile int fword, fword2;
static volatile long waiter_ret = 1;

static int futex_waiter(void *arg)
{
	int op = (int)(intptr_t)arg;

	waiter_ret = futex(&fword, op, 0, NULL, NULL, 0);
	return 0;
}

/* Wake the waiter on fword, once it sleeps there: FUTEX_WAKE says 1. */
static long wake_when_asleep(int op)
{
	long n = 0;

	for (int i = 0; i < 200000 && n == 0; i++) {
		n = futex(&fword, op, 1, NULL, NULL, 0);
		if (n == 0)
			yield();
	}
	return n;
}

static void test_futex(void)
{
	static volatile int ctid;
	volatile int word = 5;
	struct kts ts;

	expect(futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 6, NULL, NULL, 0), -EAGAIN,
	       "FUTEX_WAIT on another value");
	ts = kts_at(20 * 1000000LL);
	expect(futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 5, &ts, NULL, 0), -ETIMEDOUT,
	       "FUTEX_WAIT with a relative 20 ms timeout");
	ts = kts_at(now_ns(CLOCK_MONOTONIC) + 20 * 1000000LL);
	expect(futex(&word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 5, &ts, NULL, -1), -ETIMEDOUT,
	       "FUTEX_WAIT_BITSET until CLOCK_MONOTONIC + 20 ms");
	ts = kts_at(now_ns(CLOCK_REALTIME) + 20 * 1000000LL);
	expect(futex(&word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME, 5, &ts,
		     NULL, -1), -ETIMEDOUT, "FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME until now + 20 ms");
	ts = kts_at(now_ns(CLOCK_REALTIME) + 20 * 1000000LL);
	expect(futex(&word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME, 6, &ts,
		     NULL, -1), -EAGAIN, "FUTEX_WAIT_BITSET on another value");
	ts = kts_at(0);
	ts.nsec = 1000000000;
	expect(futex(&word, FUTEX_WAIT, 5, &ts, NULL, 0), -EINVAL, "FUTEX_WAIT with tv_nsec 1e9");
	expect(futex((volatile int *)((char *)&word + 1), FUTEX_WAKE, 1, NULL, NULL, 0), -EINVAL,
	       "FUTEX_WAKE on an unaligned word");
	expect(futex(&word, FUTEX_WAIT_BITSET, 5, NULL, NULL, 0), -EINVAL,
	       "FUTEX_WAIT_BITSET with bitset 0");
	expect(futex(&word, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 5, NULL, NULL, 0), -ENOSYS,
	       "FUTEX_WAIT|FUTEX_CLOCK_REALTIME");
	expect(futex(&word, 99, 5, NULL, NULL, 0), -ENOSYS, "futex op 99");
	expect(futex((volatile int *)16, FUTEX_WAKE, 1, NULL, NULL, 0), -EFAULT,
	       "shared FUTEX_WAKE on an unmapped word");
	expect(futex(&word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0), 0,
	       "FUTEX_WAKE without waiters");

	/* A thread asleep on fword, woken by the main thread. */
	static const int ops[2][2] = {
		{ FUTEX_WAIT | FUTEX_PRIVATE_FLAG, FUTEX_WAKE | FUTEX_PRIVATE_FLAG },
		{ FUTEX_WAIT, FUTEX_WAKE },
	};
	for (int i = 0; i < 2; i++) {
		const char *kind = i ? "shared" : "private";
		long tid;

		fword = 0;
		waiter_ret = 1;
		ctid = -1;
		tid = raw_clone(GLIBC_FLAGS, (int *)&ctid, (int *)&ctid, 0, futex_waiter,
				(void *)(intptr_t)ops[i][0]);
		if (tid <= 0) {
			ktap_test_fail("%s FUTEX_WAKE wakes one sleeping thread", kind);
			ktap_test_fail("%s FUTEX_WAIT returns 0 when woken", kind);
			continue;
		}
		expect(wake_when_asleep(ops[i][1]), 1, i ? "shared FUTEX_WAKE wakes one sleeping thread"
							 : "private FUTEX_WAKE wakes one sleeping thread");
		join(&ctid);
		expect(waiter_ret, 0, i ? "shared FUTEX_WAIT returns 0 when woken"
					: "private FUTEX_WAIT returns 0 when woken");
	}

	/* FUTEX_CMP_REQUEUE: the sleeper moves to fword2 and wakes there. */
	fword = 0;
	fword2 = 0;
	waiter_ret = 1;
	ctid = -1;
	long tid = raw_clone(GLIBC_FLAGS, (int *)&ctid, (int *)&ctid, 0, futex_waiter,
			     (void *)(intptr_t)(FUTEX_WAIT | FUTEX_PRIVATE_FLAG));
	long n = 0;
	expect(futex(&fword, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG, 0, (struct kts *)1, &fword2, 7),
	       -EAGAIN, "FUTEX_CMP_REQUEUE with another value");
	for (int i = 0; tid > 0 && i < 200000 && n == 0; i++) {
		n = futex(&fword, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG, 0, (struct kts *)1, &fword2, 0);
		if (n == 0)
			yield();
	}
	expect(n, 1, "FUTEX_CMP_REQUEUE(0 woken, 1 moved) counts the sleeper");
	expect(futex(&fword2, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0), 1,
	       "FUTEX_WAKE on the second word wakes it");
	if (tid > 0)
		join(&ctid);
}

/* --- 4: descriptors ---------------------------------------------------------- */

static int pipefd[2];
static volatile long dup_fd;

static int dup_thread(void *arg)
{
	(void)arg;
	dup_fd = R1(SYS_dup, pipefd[1]);
	R3(SYS_write, pipefd[1], "t", 1);
	return 0;
}

static void test_files(void)
{
	static volatile int ctid;
	char c = 0;

	if (pipe(pipefd)) {
		ktap_test_fail("pipe");
		return;
	}
	ctid = -1;
	raw_clone(GLIBC_FLAGS, (int *)&ctid, (int *)&ctid, 0, dup_thread, NULL);
	join(&ctid);
	ktap_test_result(read(pipefd[0], &c, 1) == 1 && c == 't', "the thread writes to our pipe");
	ktap_test_result(dup_fd > 2 && close(dup_fd) == 0,
			 "a descriptor the thread opened is ours (CLONE_FILES)");
	ctid = -1;
	raw_clone(GLIBC_FLAGS & ~CLONE_FILES, (int *)&ctid, (int *)&ctid, 0, dup_thread, NULL);
	join(&ctid);
	ktap_test_result(dup_fd > 2 && close(dup_fd) == -1 && errno == EBADF,
			 "without CLONE_FILES it is the thread's alone");
	close(pipefd[0]);
	close(pipefd[1]);
}

/* --- 5: signals to threads ------------------------------------------------- */

static volatile long handler_tid;
static volatile int stop_spinning;

static void record_tid(int sig)
{
	(void)sig;
	handler_tid = R0(SYS_gettid);
}

static int spin_thread(void *arg)
{
	(void)arg;
	while (!stop_spinning)
		yield();
	return 0;
}

static void wait_for_handler(void)
{
	for (int i = 0; i < 200000 && !handler_tid; i++)
		yield();
}

static void test_signals(void)
{
	static volatile int ctid;
	struct sigaction sa;
	sigset_t set;
	long tid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = record_tid;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	stop_spinning = 0;
	ctid = -1;
	tid = raw_clone(GLIBC_FLAGS, (int *)&ctid, (int *)&ctid, 0, spin_thread, NULL);
	if (tid <= 0) {
		for (int i = 0; i < 5; i++)
			ktap_test_fail("(no thread)");
		return;
	}
	handler_tid = 0;
	expect(R3(SYS_tgkill, getpid(), tid, SIGUSR1), 0, "tgkill(pid, tid, SIGUSR1)");
	wait_for_handler();
	ktap_test_result(handler_tid == tid, "the handler ran in the thread tgkill named");
	expect(R3(SYS_tgkill, getpid() + 100000, tid, SIGUSR1), -ESRCH, "tgkill with another tgid");
	handler_tid = 0;
	R2(SYS_tkill, tid, SIGUSR1);
	wait_for_handler();
	ktap_test_result(handler_tid == tid, "tkill(tid) reaches the thread");
	/* Blocked here, the process's signal goes to the thread. */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	handler_tid = 0;
	kill(getpid(), SIGUSR2);
	wait_for_handler();
	ktap_test_result(handler_tid == tid, "kill(pid) is taken by the thread that does not block it");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	stop_spinning = 1;
	join(&ctid);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

/* --- 6: the end of a process ----------------------------------------------- */

static volatile int sleep_word;

static int sleep_forever(void *arg)
{
	(void)arg;
	for (;;)
		futex(&sleep_word, FUTEX_WAIT, 0, NULL, NULL, 0);
	return 0;
}

/* The parent says when: after its WNOHANG look (a byte on go[0]). */
static int go[2];

static int exit_group_later(void *arg)
{
	char c;

	R3(SYS_read, go[0], &c, 1);
	R1(SYS_exit_group, (int)(intptr_t)arg);
	return 0;
}

/* Fork a child that runs body(); the thread tids it made come back
 * through a pipe. Returns the child's pid. */
static pid_t spawn(void (*body)(int wfd), int *rfd)
{
	int p[2];
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		body(p[1]);
		_exit(99);
	}
	close(p[1]);
	*rfd = p[0];
	return pid;
}

static int thread_tid_from(int rfd)
{
	int tid = 0;

	if (read(rfd, &tid, sizeof(tid)) != sizeof(tid))
		tid = 0;
	close(rfd);
	return tid;
}

static void send_tid(int wfd, long tid)
{
	int t = (int)tid;

	R3(SYS_write, wfd, &t, sizeof(t));
	if (tid <= 0)
		R1(SYS_exit_group, 98);		/* no thread: nothing to test */
}

static void body_exit_group(int wfd)
{
	send_tid(wfd, raw_clone(GLIBC_FLAGS, NULL, NULL, 0, sleep_forever, NULL));
	R1(SYS_exit_group, 7);
}

static void body_leader_exits(int wfd)
{
	send_tid(wfd, raw_clone(GLIBC_FLAGS, NULL, NULL, 0, exit_group_later, (void *)9));
	R1(SYS_exit, 0);		/* only the main thread */
}

static void body_killed(int wfd)
{
	send_tid(wfd, raw_clone(GLIBC_FLAGS, NULL, NULL, 0, sleep_forever, NULL));
	sleep_forever(NULL);
}

static void test_exit(void)
{
	int rfd, status = 0, tid;
	pid_t pid;

	pid = spawn(body_exit_group, &rfd);
	tid = thread_tid_from(rfd);
	ktap_test_result(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 7,
			 "exit_group(7) with a sleeping thread: the parent sees exit 7");
	ktap_test_result(tid > 0 && kill(tid, 0) == -1 && errno == ESRCH, "and the thread is gone");

	if (pipe(go))
		go[0] = go[1] = -1;
	pid = spawn(body_leader_exits, &rfd);
	tid = thread_tid_from(rfd);
	struct timespec ms = { 0, 20 * 1000000L };
	nanosleep(&ms, NULL);		/* time for the main thread's exit */
	ktap_test_result(waitpid(pid, &status, WNOHANG) == 0,
			 "the main thread's exit alone is not reported (WNOHANG: 0)");
	if (write(go[1], "g", 1) != 1)
		ktap_print_msg("write to the thread failed");
	close(go[0]);
	close(go[1]);
	ktap_test_result(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 9,
			 "the other thread's exit_group(9) is");
	ktap_test_result(waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD,
			 "once: no child is left to wait for");

	pid = spawn(body_killed, &rfd);
	tid = thread_tid_from(rfd);
	kill(pid, SIGTERM);
	ktap_test_result(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
			 "SIGTERM to the process kills it");
	ktap_test_result(tid > 0 && kill(tid, 0) == -1 && errno == ESRCH, "with its thread");
}

/* --- 7: execve from a thread ------------------------------------------------ */

static char *self_path;
static char pid_arg[16];

static int exec_thread(void *arg)
{
	char *argv[] = { self_path, "exec-check", pid_arg, NULL };
	char *envp[] = { NULL };

	(void)arg;
	R3(SYS_execve, self_path, argv, envp);
	R1(SYS_exit_group, 3);		/* execve failed */
	return 0;
}

static void body_exec(int wfd)
{
	snprintf(pid_arg, sizeof(pid_arg), "%d", getpid());
	send_tid(wfd, raw_clone(GLIBC_FLAGS, NULL, NULL, 0, exec_thread, NULL));
	sleep_forever(NULL);
}

/* The thread is a vfork child: its execve kills the parent thread that
 * waits for it (a killable wait) before it can go on. */
static void body_vfork_exec(int wfd)
{
	snprintf(pid_arg, sizeof(pid_arg), "%d", getpid());
	send_tid(wfd, 1);		/* only to say we run */
	raw_clone(CLONE_VM | CLONE_VFORK | CLONE_SIGHAND | CLONE_THREAD, NULL, NULL, 0,
		  exec_thread, NULL);
	R1(SYS_exit_group, 4);		/* not reached: the exec killed us */
}

static void test_exec(void)
{
	int rfd, status = 0;
	pid_t pid = spawn(body_exec, &rfd);

	thread_tid_from(rfd);
	ktap_test_result(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 42,
			 "execve from a thread: the program runs with the process's pid, alone");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 42)
		ktap_print_msg("status 0x%x", status);
	pid = spawn(body_vfork_exec, &rfd);
	thread_tid_from(rfd);
	status = 0;
	ktap_test_result(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 42,
			 "execve from a CLONE_VFORK thread ends the waiting parent thread");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 42)
		ktap_print_msg("status 0x%x", status);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "exec-check") == 0)
		return getpid() == atoi(argv[2]) ? 42 : 1;
	self_path = argv[0];

	ktap_print_header();
	ktap_set_plan(4 + 9 + 19 + 3 + 5 + 7 + 2);
	test_flag_rules();
	test_thread();
	test_futex();
	test_files();
	test_signals();
	test_exit();
	test_exec();
	ktap_finished();
}
