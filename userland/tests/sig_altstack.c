// SPDX-License-Identifier: MIT
/*
 * sig_altstack: sigaltstack and SA_ONSTACK. A handler with SA_ONSTACK runs
 * on the alternate stack (sigaltstack then says SS_ONSTACK, and refuses
 * changes with EPERM), the frame's uc_stack describes it, a nested
 * SA_ONSTACK handler stays on it below the first; without SA_ONSTACK or
 * with SS_DISABLE handlers use the normal stack; SS_AUTODISARM disarms it
 * inside the handler and sigreturn re-arms it; too small is ENOMEM, bad
 * flags EINVAL; overflowing it kills with SIGSEGV.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "ktap.h"
#include "sigframe.h"

#ifndef SS_AUTODISARM
#define SS_AUTODISARM (1U << 31)	/* glibc shows it only with _GNU_SOURCE */
#endif

#define ALT_SIZE 65536
static char alt[ALT_SIZE] __attribute__((aligned(16)));
static volatile uintptr_t where, where_inner;
static volatile int q_flags = -1, q_eperm, frame_ok, nest, probe_eperm = 1;
static volatile uint32_t frame_flags;

static int on_alt(uintptr_t p)
{
	return p >= (uintptr_t)alt && p < (uintptr_t)alt + ALT_SIZE;
}

static void on_sig(int sig, siginfo_t *si, void *ucv)
{
	struct t_ucontext *uc = ucv;
	volatile char here;
	stack_t q, n;

	(void)si;
	if (sig == SIGUSR2) {
		where_inner = (uintptr_t)&here;
		return;
	}
	where = (uintptr_t)&here;
	memset(&q, 0, sizeof(q));
	sigaltstack(NULL, &q);
	q_flags = q.ss_flags;
	memset(&n, 0, sizeof(n));
	n.ss_sp = alt;
	n.ss_size = ALT_SIZE;
	if (probe_eperm)
		q_eperm = sigaltstack(&n, NULL) < 0 && errno == EPERM;
	frame_ok = uc->ss_sp == (uintptr_t)alt && uc->ss_size == ALT_SIZE;
	frame_flags = (uint32_t)uc->ss_flags;
	if (nest)
		raise(SIGUSR2);
}

static void set(int sig, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sig;
	sa.sa_flags = SA_SIGINFO | flags;
	sigaction(sig, &sa, NULL);
}

static void recurse(int sig)
{
	raise(sig);		/* SA_NODEFER: again and again, on the small stack */
}

int main(void)
{
	stack_t ss, old;
	int status;

	ktap_print_header();
	ktap_set_plan(11);

	memset(&old, 0, sizeof(old));
	sigaltstack(NULL, &old);
	ktap_test_result(old.ss_flags == SS_DISABLE && old.ss_size == 0, "no alternate stack at first: SS_DISABLE");

	memset(&ss, 0, sizeof(ss));
	ss.ss_sp = alt;
	ss.ss_size = 1024;
	int r1 = sigaltstack(&ss, NULL) < 0 ? errno : 0;
	ss.ss_size = ALT_SIZE;
	ss.ss_flags = 5;
	int r2 = sigaltstack(&ss, NULL) < 0 ? errno : 0;
	ktap_test_result(r1 == ENOMEM && r2 == EINVAL, "smaller than MINSIGSTKSZ: ENOMEM; bad flags: EINVAL");

	ss.ss_flags = 0;
	sigaltstack(&ss, NULL);
	set(SIGUSR1, SA_ONSTACK);
	set(SIGUSR2, SA_ONSTACK);
	raise(SIGUSR1);
	ktap_test_result(on_alt(where), "SA_ONSTACK: the handler runs on the alternate stack");
	ktap_test_result(q_flags == SS_ONSTACK && q_eperm, "inside it: SS_ONSTACK, and sigaltstack changes are EPERM");
	ktap_test_result(frame_ok && frame_flags == 0, "uc_stack in the frame describes the alternate stack");

	nest = 1;
	raise(SIGUSR1);
	nest = 0;
	ktap_test_result(on_alt(where_inner) && where_inner < where,
			 "a nested SA_ONSTACK handler stays on it, below the first");

	set(SIGUSR1, 0);
	raise(SIGUSR1);
	ktap_test_result(!on_alt(where), "without SA_ONSTACK: the normal stack");

	set(SIGUSR1, SA_ONSTACK);
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	raise(SIGUSR1);
	ktap_test_result(!on_alt(where), "SS_DISABLE: the normal stack");

	/* (No change from inside this time: 64-bit sigreturn restores the
	 * stack before RSP, x32 and ia32 after, so a handler's own change
	 * would be kept on one and undone on the others.) */
	ss.ss_flags = SS_AUTODISARM;
	sigaltstack(&ss, NULL);
	probe_eperm = 0;
	raise(SIGUSR1);
	sigaltstack(NULL, &old);
	ktap_test_result(on_alt(where) && q_flags == SS_DISABLE && frame_flags == SS_AUTODISARM,
			 "SS_AUTODISARM: disarmed inside the handler (SS_DISABLE), saved in the frame");
	ktap_test_result(old.ss_sp == alt && old.ss_size == ALT_SIZE && (unsigned int)old.ss_flags == SS_AUTODISARM,
			 "and re-armed by sigreturn");

	pid_t pid = fork();
	if (pid == 0) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = recurse;
		sa.sa_flags = SA_ONSTACK | SA_NODEFER;
		sigaction(SIGUSR1, &sa, NULL);
		ss.ss_sp = alt;
		ss.ss_size = 16384;
		ss.ss_flags = 0;
		sigaltstack(&ss, NULL);
		raise(SIGUSR1);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	ktap_test_result(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
			 "overflowing the alternate stack kills with SIGSEGV");
	ktap_finished();
}
