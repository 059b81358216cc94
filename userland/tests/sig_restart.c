// SPDX-License-Identifier: MIT
/*
 * sig_restart: what happens to a system call a signal interrupts? A pipe
 * read that blocks is interrupted by SIGALRM (an interval timer, so one
 * tick surely finds it blocked):
 *   - the handler without SA_RESTART: the read fails with EINTR
 *   - with SA_RESTART: the kernel backs the instruction pointer up by 2
 *     and the read runs again; the handler wrote a byte, which it returns
 * through every entry this ABI has: SYSCALL (64-bit and x32), int $0x80
 * (all three) and the vDSO's __kernel_vsyscall (ia32: SYSENTER or
 * SYSCALL, by CPU). The other restart codes: nanosleep and pause give
 * EINTR even with SA_RESTART, wait4 restarts. Without a handler (the task
 * stopped and continued) a read and a nanosleep resume transparently,
 * the latter through restart_syscall.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "ktap.h"

static int fds[2];
static volatile int hits, write_on_signal;
static char buf[16];			/* static: below 4 GiB for int $0x80 */

static void on_alrm(int sig)
{
	(void)sig;
	hits++;
	if (write_on_signal)
		write(fds[1], "x", 1);
}

static void set_alrm(int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alrm;
	sa.sa_flags = flags;
	sigaction(SIGALRM, &sa, NULL);
}

static void timer(int on)
{
	struct itimerval it = { { 0, on ? 20000 : 0 }, { 0, on ? 20000 : 0 } };

	setitimer(ITIMER_REAL, &it, NULL);
}

/* The ways into read(2). Each returns the kernel's result (-errno). */
static long read_libc(void)
{
	long r = read(fds[0], buf, 1);

	return r < 0 ? -errno : r;
}

static long read_int80(void)
{
	long ret;

	/* ia32's read is 3 in every ABI's int $0x80 */
	__asm__ volatile("int $0x80" : "=a"(ret)
			 : "a"(3), "b"(fds[0]), "c"((unsigned int)(uintptr_t)buf), "d"(1)
			 : "memory");
	return (int)ret;
}

#if defined(__x86_64__)
/* SYSCALL with this ABI's number for read (0, or x32's 0x40000000). */
static long read_syscall(void)
{
	long long ret;

	__asm__ volatile("syscall" : "=a"(ret)
			 : "a"((long long)SYS_read), "D"((long long)fds[0]),
			   "S"((unsigned long long)(uintptr_t)buf), "d"(1LL)
			 : "rcx", "r11", "memory");
	return ret;
}
#endif

#if defined(__i386__)
static unsigned long vsyscall;

static long read_vdso(void)
{
	long ret;

	__asm__ volatile("call *%[vs]" : "=a"(ret)
			 : [vs] "m"(vsyscall), "a"(3), "b"(fds[0]), "c"(buf), "d"(1)
			 : "memory");
	return ret;
}
#endif

#if defined(__x86_64__)
/* Is there an ia32 emulation (an int $0x80 gate)? A child finds out: without
 * one it dies of SIGSEGV. */
static int int80_works(void)
{
	pid_t pid = fork();
	int status = 0;

	if (pid == 0) {
		long ret;
		__asm__ volatile("int $0x80" : "=a"(ret) : "a"(20) /* getpid */ : "memory");
		_exit(ret > 0 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}
#endif

static void drain(void)
{
	char c[16];
	int fl;

	/* Nonblocking read of whatever the handlers left. */
	fl = 0x800;	/* O_NONBLOCK */
	syscall(SYS_fcntl, fds[0], 4 /* F_SETFL */, fl);
	while (read(fds[0], c, sizeof(c)) > 0)
		;
	syscall(SYS_fcntl, fds[0], 4, 0);
}

static void one_path(const char *name, long (*rd)(void))
{
	long r;

	set_alrm(0);
	write_on_signal = 0;
	hits = 0;
	timer(1);
	r = rd();
	timer(0);
	ktap_test_result(r == -EINTR && hits >= 1, "%s: read interrupted, no SA_RESTART: EINTR", name);
	drain();

	set_alrm(SA_RESTART);
	write_on_signal = 1;
	hits = 0;
	timer(1);
	r = rd();
	timer(0);
	write_on_signal = 0;
	ktap_test_result(r == 1 && hits >= 1 && buf[0] == 'x',
			 "%s: read interrupted, SA_RESTART: restarted, reads the handler's byte", name);
	drain();
}

static int wait_status(pid_t pid, int options)
{
	int status = -1;

	while (waitpid(pid, &status, options) < 0 && errno == EINTR)
		;
	return status;
}

/* A child blocked in `what`; stop it, continue it, then let it finish. */
static void stop_cont(const char *what, int use_nanosleep)
{
	struct timespec pause_50ms = { 0, 50000000 };
	pid_t pid = fork();
	int st1, st2, st3;

	if (pid == 0) {
		if (use_nanosleep) {
			struct timespec t = { 0, 300000000 };
			int r = nanosleep(&t, NULL) == 0 ? 0 : 1 + errno;
			/* Exit only after the parent saw the continue: a
			 * WCONTINUED wait would otherwise report the exit. */
			read(fds[0], buf, 1);
			_exit(r);
		}
		_exit(read(fds[0], buf, 1) == 1 ? 0 : 1 + errno);
	}
	nanosleep(&pause_50ms, NULL);
	kill(pid, SIGSTOP);
	st1 = wait_status(pid, WUNTRACED);
	kill(pid, SIGCONT);
	st2 = wait_status(pid, WCONTINUED);
	write(fds[1], "y", 1);
	st3 = wait_status(pid, 0);
	ktap_print_msg("%s: statuses %#x %#x %#x", what, st1, st2, st3);
	ktap_test_result(st1 == 0x137f && st2 == 0xffff && st3 == 0,
			 "%s stopped (0x137f) and continued (0xffff) resumes without a handler", what);
}

int main(void)
{
	long r;

	ktap_print_header();
	ktap_set_plan(11);
	pipe(fds);

#if defined(__x86_64__)
	one_path("SYSCALL", read_syscall);
	if (int80_works())
		one_path("int $0x80", read_int80);
	else {
		/* ia32_emulation=0 (and Linux alike): no gate, #GP. */
		ktap_test_skip("ia32 emulation is off", "int $0x80: read interrupted, no SA_RESTART: EINTR");
		ktap_test_skip("ia32 emulation is off", "int $0x80: read interrupted, SA_RESTART: restarted");
	}
#else
	one_path("int $0x80", read_int80);
	vsyscall = getauxval(AT_SYSINFO);
	one_path("vDSO __kernel_vsyscall", read_vdso);
#endif
	/* And through the C library, whichever way it enters. */
	one_path("libc read", read_libc);

	/* nanosleep: -ERESTART_RESTARTBLOCK is EINTR with a handler, even
	 * SA_RESTART; the time left is written. */
	{
		struct timespec t = { 2, 0 }, rem = { 0, 0 };

		set_alrm(SA_RESTART);
		timer(1);
		r = nanosleep(&t, &rem) < 0 ? -errno : 0;
		timer(0);
		ktap_test_result(r == -EINTR && rem.tv_sec <= 2 && (rem.tv_sec > 0 || rem.tv_nsec > 0) &&
				 rem.tv_nsec < 1000000000,
				 "nanosleep with SA_RESTART: EINTR, the time left in rem");
	}
	/* pause: -ERESTARTNOHAND, EINTR with any handler. */
	set_alrm(SA_RESTART);
	timer(1);
	r = pause() < 0 ? -errno : 0;
	timer(0);
	ktap_test_result(r == -EINTR, "pause with SA_RESTART: EINTR");

	/* wait4: -ERESTARTSYS */
	{
		pid_t pid = fork();
		int status = 0;

		if (pid == 0) {
			struct timespec t = { 0, 100000000 };
			nanosleep(&t, NULL);
			_exit(5);
		}
		set_alrm(SA_RESTART);
		hits = 0;
		timer(1);
		r = waitpid(pid, &status, 0);
		timer(0);
		ktap_test_result(r == pid && status == 0x500 && hits >= 1,
				 "waitpid with SA_RESTART: restarted, reaps the child");
	}
	set_alrm(0);
	stop_cont("a read", 0);
	stop_cont("a nanosleep", 1);
	ktap_finished();
}
