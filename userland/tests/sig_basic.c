// SPDX-License-Identifier: MIT
/*
 * sig_basic: do handlers, masks and the signal system calls behave as
 * Linux's? A handler runs once per signal with the siginfo Linux fills
 * (si_code SI_USER for kill, SI_TKILL for raise, the sender's pid);
 * blocked signals wait in sigpending until unblocked; inside a handler its
 * own signal and sa_mask are blocked (not with SA_NODEFER); SA_RESETHAND
 * runs once; sigaction refuses SIGKILL/SIGSTOP and bad numbers and drops
 * unknown flags; SIG_IGN discards; sigsuspend, sigtimedwait, pause,
 * alarm and setitimer; SIGCHLD (and SIG_IGN's auto-reaping); SIGPIPE.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "ktap.h"

static volatile int hits, last_sig, last_code, last_pid, last_uid, last_errno, last_status;
static volatile int mask_has_self, mask_has_other;

static int in_set(const sigset_t *s, int sig)
{
	return sigismember(s, sig) == 1;
}

static void on_info(int sig, siginfo_t *si, void *uc)
{
	sigset_t cur;

	(void)uc;
	hits++;
	last_sig = si->si_signo;
	last_code = si->si_code;
	last_pid = si->si_pid;
	last_uid = si->si_uid;
	last_errno = si->si_errno;
	if (sig == SIGCHLD)
		last_status = si->si_status;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	mask_has_self = in_set(&cur, sig);
	mask_has_other = in_set(&cur, SIGUSR2);
}

static void on_plain(int sig)
{
	(void)sig;
	hits++;
}

static int handle(int sig, void (*fn)(int, siginfo_t *, void *), int flags, int also_block)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	if (also_block)
		sigaddset(&sa.sa_mask, also_block);
	return sigaction(sig, &sa, NULL);
}

static void set_handler(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigaction(sig, &sa, NULL);
}

/* The kernel's struct sigaction in each ABI's own longs and pointers. */
struct ksa {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned int mask[2];
};

static long err_of(long r)
{
	return r < 0 ? -errno : r;
}

int main(void)
{
	sigset_t set, old, pend;
	struct sigaction sa, got;
	pid_t self = getpid();
	int status;

	ktap_print_header();
	ktap_set_plan(26);

	/* 1-3: delivery and siginfo */
	handle(SIGUSR1, on_info, 0, SIGUSR2);
	hits = 0;
	kill(self, SIGUSR1);
	ktap_test_result(hits == 1 && last_sig == SIGUSR1, "kill(self, SIGUSR1) runs the handler once with si_signo 10");
	ktap_test_result(last_code == SI_USER && last_pid == self && last_uid == (int)getuid() &&
			 last_errno == 0, "kill: si_code SI_USER, si_pid our pid, si_uid our uid, si_errno 0");
	raise(SIGUSR1);
	ktap_test_result(hits == 2 && last_code == SI_TKILL && last_pid == self, "raise: si_code SI_TKILL");

	/* 4-6: masks */
	ktap_test_result(mask_has_self && mask_has_other,
			 "inside the handler its signal and its sa_mask are blocked");
	sigprocmask(SIG_BLOCK, NULL, &old);
	ktap_test_result(!in_set(&old, SIGUSR1) && !in_set(&old, SIGUSR2),
			 "after the handler the mask is back");
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	hits = 0;
	kill(self, SIGUSR1);
	sigpending(&pend);
	ktap_test_result(hits == 0 && in_set(&pend, SIGUSR1), "a blocked signal waits in sigpending");
	sigprocmask(SIG_SETMASK, &old, NULL);
	sigpending(&pend);
	ktap_test_result(hits == 1 && !in_set(&pend, SIGUSR1), "unblocking delivers it once");

	/* 8-9: SA_NODEFER, SA_RESETHAND */
	handle(SIGUSR1, on_info, SA_NODEFER, 0);
	raise(SIGUSR1);
	ktap_test_result(!mask_has_self, "SA_NODEFER: the signal is not blocked in its handler");
	handle(SIGUSR1, on_info, SA_RESETHAND, 0);
	raise(SIGUSR1);
	sigaction(SIGUSR1, NULL, &got);
	ktap_test_result(got.sa_handler == SIG_DFL, "SA_RESETHAND: the handler is SIG_DFL after one delivery");

	/* 10-13: sigaction's checks */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_plain;
	sa.sa_flags = SA_RESTART | SA_ONSTACK | SA_NODEFER | 0x400 /* SA_UNSUPPORTED */;
	sigaction(SIGUSR2, &sa, NULL);
	sigaction(SIGUSR2, NULL, &got);
	ktap_test_result((got.sa_flags & (SA_RESTART | SA_ONSTACK | SA_NODEFER | SA_SIGINFO | 0x400)) ==
			 (SA_RESTART | SA_ONSTACK | SA_NODEFER),
			 "sigaction keeps known flags and drops unknown ones (SA_UNSUPPORTED)");
	ktap_test_result(err_of(sigaction(SIGKILL, &sa, NULL)) == -EINVAL &&
			 err_of(sigaction(SIGSTOP, &sa, NULL)) == -EINVAL &&
			 err_of(sigaction(SIGKILL, NULL, &got)) == 0,
			 "SIGKILL and SIGSTOP cannot be caught (EINVAL), only queried");
	{
		struct ksa k = { 0 };
		ktap_test_result(err_of(syscall(SYS_rt_sigaction, 0, &k, NULL, 8)) == -EINVAL &&
				 err_of(syscall(SYS_rt_sigaction, 65, &k, NULL, 8)) == -EINVAL &&
				 err_of(syscall(SYS_rt_sigaction, SIGUSR2, NULL, &k, 4)) == -EINVAL,
				 "rt_sigaction: signal 0, 65 and a sigsetsize of 4 are EINVAL");
	}
	{
		unsigned long long kset = 0;
		ktap_test_result(err_of(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &kset, NULL, 4)) == -EINVAL &&
				 err_of(syscall(SYS_rt_sigprocmask, 3, &kset, NULL, 8)) == -EINVAL,
				 "rt_sigprocmask: sigsetsize 4 and how 3 are EINVAL");
		kset = ~0ULL;
		syscall(SYS_rt_sigprocmask, SIG_SETMASK, &kset, &kset, 8);
		unsigned long long now = 0;
		syscall(SYS_rt_sigprocmask, SIG_SETMASK, &kset, &now, 8);
		ktap_test_result(!(now & (1ULL << (SIGKILL - 1))) && !(now & (1ULL << (SIGSTOP - 1))) &&
				 (now & (1ULL << (SIGUSR1 - 1))),
				 "blocking everything leaves SIGKILL and SIGSTOP unblocked");
	}

	/* 15-16: SIG_IGN */
	sigprocmask(SIG_BLOCK, &set, &old);
	kill(self, SIGUSR1);
	set_handler(SIGUSR1, SIG_IGN);
	sigpending(&pend);
	ktap_test_result(!in_set(&pend, SIGUSR1), "setting SIG_IGN discards a pending blocked signal");
	sigprocmask(SIG_SETMASK, &old, NULL);
	kill(self, SIGUSR1);
	sigpending(&pend);
	ktap_test_result(!in_set(&pend, SIGUSR1), "an ignored signal is dropped on arrival");

	/* 17: sigsuspend */
	handle(SIGUSR1, on_info, 0, 0);
	sigprocmask(SIG_BLOCK, &set, &old);
	hits = 0;
	pid_t pid = fork();
	if (pid == 0) {
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	sigset_t none;
	sigemptyset(&none);
	long r = err_of(sigsuspend(&none));
	sigprocmask(SIG_BLOCK, NULL, &pend);
	waitpid(pid, &status, 0);
	ktap_test_result(r == -EINTR && hits == 1 && in_set(&pend, SIGUSR1),
			 "sigsuspend: EINTR after the handler, the old mask back");
	sigprocmask(SIG_SETMASK, &old, NULL);

	/* 18-19: sigtimedwait */
	{
		/* The raw call: glibc's sigtimedwait folds SI_TKILL into SI_USER. */
		siginfo_t si;
		struct timespec zero = { 0, 0 };
		unsigned long long kw = 1ULL << (SIGUSR2 - 1);
		sigset_t w;

		sigemptyset(&w);
		sigaddset(&w, SIGUSR2);
		sigprocmask(SIG_BLOCK, &w, &old);
		raise(SIGUSR2);
		memset(&si, 0, sizeof(si));
		r = syscall(SYS_rt_sigtimedwait, &kw, &si, &zero, 8);
		ktap_test_result(r == SIGUSR2 && si.si_signo == SIGUSR2 && si.si_code == SI_TKILL &&
				 si.si_pid == self, "sigtimedwait takes a pending signal with its siginfo");
		r = err_of(syscall(SYS_rt_sigtimedwait, &kw, &si, &zero, 8));
		ktap_test_result(r == -EAGAIN, "sigtimedwait with nothing pending and a zero timeout: EAGAIN");
		sigprocmask(SIG_SETMASK, &old, NULL);
	}

	/* 20: kill's checks */
	ktap_test_result(err_of(kill(self, 65)) == -EINVAL && err_of(kill(0x7ffffff0, SIGUSR1)) == -ESRCH &&
			 err_of(kill(0x7ffffff0, 65)) == -ESRCH &&
			 err_of(syscall(SYS_tkill, 0, SIGUSR1)) == -EINVAL &&
			 err_of(syscall(SYS_tgkill, self + 100000, self, SIGUSR1)) == -ESRCH,
			 "kill 65: EINVAL; no such pid: ESRCH first; tkill 0: EINVAL; tgkill wrong tgid: ESRCH");

	/* 21-22: SIGCHLD */
	handle(SIGCHLD, on_info, 0, 0);
	hits = 0;
	pid = fork();
	if (pid == 0)
		_exit(3);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	ktap_test_result(hits == 1 && last_sig == SIGCHLD && last_code == CLD_EXITED &&
			 last_pid == pid && last_status == 3,
			 "SIGCHLD: CLD_EXITED, si_pid the child, si_status its exit code");
	set_handler(SIGCHLD, SIG_IGN);
	pid = fork();
	if (pid == 0)
		_exit(4);
	r = err_of(waitpid(pid, &status, 0));
	ktap_test_result(r == -ECHILD, "SIGCHLD set to SIG_IGN: no zombie, waitpid ECHILD");
	set_handler(SIGCHLD, SIG_DFL);

	/* 23: SIGPIPE */
	{
		int fds[2];

		handle(SIGPIPE, on_info, 0, 0);
		hits = 0;
		pipe(fds);
		close(fds[0]);
		r = err_of(write(fds[1], "x", 1));
		close(fds[1]);
		ktap_test_result(r == -EPIPE && hits == 1 && last_sig == SIGPIPE && last_code == SI_USER &&
				 last_pid == self, "write to a pipe without readers: SIGPIPE (SI_USER), EPIPE");
	}

	/* 24: pause */
	{
		struct itimerval it = { { 0, 10000 }, { 0, 10000 } }, off = { { 0, 0 }, { 0, 0 } };

		set_handler(SIGALRM, on_plain);
		hits = 0;
		setitimer(ITIMER_REAL, &it, NULL);
		r = err_of(pause());
		setitimer(ITIMER_REAL, &off, NULL);
		ktap_test_result(r == -EINTR && hits >= 1, "pause returns EINTR after SIGALRM's handler");
	}

	/* 25-26: alarm and getitimer */
	{
		struct itimerval it = { { 0, 0 }, { 10, 0 } }, cur;
		unsigned int a = alarm(100), b = alarm(0);

		ktap_test_result(a == 0 && b == 100, "alarm(100) then alarm(0) -> 0, 100");
		setitimer(ITIMER_REAL, &it, NULL);
		getitimer(ITIMER_REAL, &cur);
		setitimer(ITIMER_REAL, &(struct itimerval){ { 0, 0 }, { 0, 0 } }, NULL);
		ktap_test_result(cur.it_value.tv_sec >= 9 && cur.it_value.tv_sec <= 10 &&
				 cur.it_interval.tv_sec == 0 && cur.it_interval.tv_usec == 0,
				 "getitimer(ITIMER_REAL) shows the time left of a 10 s timer");
	}
	ktap_finished();
}
