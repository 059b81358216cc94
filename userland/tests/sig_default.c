// SPDX-License-Identifier: MIT
/*
 * sig_default: what do signals do without a handler, as the parent's wait
 * status shows? Terminate (SIGTERM, SIGHUP, SIGUSR1, SIGALRM, a real-time
 * signal: status = the signal); nothing (SIGCHLD, SIGURG, SIGWINCH,
 * SIGCONT: the child goes on and exits 0); stop (SIGSTOP: WUNTRACED sees
 * (sig << 8) | 0x7f) and continue (WCONTINUED: 0xffff). SIGTSTP is left
 * out: in an orphaned process group (as under some test runners) Linux
 * discards it;
 * SIG_IGN ignores even a terminating signal; a blocked one acts when
 * unblocked; SIGKILL cannot be caught. (The core-dumping signals are left
 * out: a host may dump cores through a pipe and set 0x80.)
 */
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "ktap.h"

static void nap(long ms)
{
	struct timespec t = { 0, ms * 1000000 };

	nanosleep(&t, NULL);
}

/* A child that sends itself sig (after setting up per `how`); the
 * status its parent sees. */
static int child_status(int sig, int how)
{
	pid_t pid = fork();
	int status = -1;

	if (pid == 0) {
		sigset_t set;

		if (how == 1)
			signal(sig, SIG_IGN);
		if (how == 2) {
			sigemptyset(&set);
			sigaddset(&set, sig);
			sigprocmask(SIG_BLOCK, &set, NULL);
		}
		kill(getpid(), sig);
		if (how == 2) {
			nap(1);
			sigprocmask(SIG_UNBLOCK, &set, NULL);
			_exit(7);	/* not reached: it dies on unblocking */
		}
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return status;
}

int main(void)
{
	int st, st2, st3;
	pid_t pid;

	ktap_print_header();
	ktap_set_plan(9);

	ktap_test_result(child_status(SIGTERM, 0) == SIGTERM && child_status(SIGHUP, 0) == SIGHUP &&
			 child_status(SIGUSR1, 0) == SIGUSR1 && child_status(SIGPIPE, 0) == SIGPIPE,
			 "SIGTERM, SIGHUP, SIGUSR1, SIGPIPE terminate: status = the signal");
	ktap_test_result(child_status(40, 0) == 40, "a real-time signal terminates");
	ktap_test_result(child_status(SIGCHLD, 0) == 0 && child_status(SIGURG, 0) == 0 &&
			 child_status(SIGWINCH, 0) == 0 && child_status(SIGCONT, 0) == 0,
			 "SIGCHLD, SIGURG, SIGWINCH, SIGCONT are ignored by default");
	ktap_test_result(child_status(SIGTERM, 1) == 0, "SIG_IGN: SIGTERM does nothing");
	ktap_test_result(child_status(SIGTERM, 2) == SIGTERM, "a blocked SIGTERM terminates when unblocked");

	pid = fork();
	if (pid == 0) {
		struct itimerval it = { { 0, 0 }, { 0, 10000 } };

		setitimer(ITIMER_REAL, &it, NULL);
		for (;;)
			pause();
	}
	waitpid(pid, &st, 0);
	ktap_test_result(st == SIGALRM, "ITIMER_REAL without a handler: SIGALRM terminates");

	pid = fork();
	if (pid == 0) {
		signal(SIGKILL, SIG_IGN);	/* refused: EINVAL */
		for (;;)
			pause();
	}
	nap(20);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	ktap_test_result(st == SIGKILL, "SIGKILL: status 9");

	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	nap(20);
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	kill(pid, SIGCONT);
	waitpid(pid, &st2, WCONTINUED);
	kill(pid, SIGTERM);
	waitpid(pid, &st3, 0);
	ktap_test_result(st == 0x137f && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP,
			 "SIGSTOP stops: WUNTRACED status 0x137f");
	ktap_test_result(st2 == 0xffff && st3 == SIGTERM, "SIGCONT continues: WCONTINUED status 0xffff");

	ktap_finished();
}
