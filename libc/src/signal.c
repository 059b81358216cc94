/* SPDX-License-Identifier: MIT */
/*
 * Signals: sigaction and friends over the rt_* system calls, which take
 * the kernel's 8-byte sigset (the first 64 bits of ours).
 *
 * The kernel's struct sigaction (Linux's for rt_sigaction):
 *   x86_64  handler, flags, restorer, mask: 8 bytes each
 *   x32     handler, flags, restorer (4 bytes each), then the 8-byte mask
 *   i386    the same as x32 (compat_sigaction)
 * which is one C struct in each ABI's own longs and pointers.
 *
 * A handler returns into a restorer that calls rt_sigreturn. x86_64 and
 * x32 must name one (SA_RESTORER: the kernel refuses to build a frame
 * without it) and use ours (arch/<arch>/restore.asm). i386 names none
 * unless the caller did: the kernel then returns through the vDSO's
 * __kernel_sigreturn or __kernel_rt_sigreturn, the path Linux keeps for
 * exactly this.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <sys/time.h>
#include "syscall.h"

#define KSIGSET_SIZE 8

struct k_sigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned int mask[2];
};

#if defined(__x86_64__)
void __restore_rt(void);	/* arch/<arch>/restore.asm */
#endif

int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict oact)
{
	struct k_sigaction ka, koa;
	long r;

	if (act) {
		ka.handler = (void *)act->sa_handler;
		ka.flags = act->sa_flags;
		ka.restorer = (void *)act->sa_restorer;
		memcpy(ka.mask, &act->sa_mask, KSIGSET_SIZE);
#if defined(__x86_64__)
		if (!(act->sa_flags & SA_RESTORER)) {
			ka.flags |= SA_RESTORER;
			ka.restorer = (void *)__restore_rt;
		}
#endif
	}
	r = __syscall(SYS_rt_sigaction, sig, act ? &ka : NULL, oact ? &koa : NULL, KSIGSET_SIZE);
	if (r < 0)
		return __syscall_ret(r);
	if (oact) {
		memset(oact, 0, sizeof(*oact));
		oact->sa_handler = (void (*)(int))koa.handler;
		oact->sa_flags = koa.flags;
		oact->sa_restorer = (void (*)(void))koa.restorer;
		memcpy(&oact->sa_mask, koa.mask, KSIGSET_SIZE);
	}
	return 0;
}

/* BSD semantics, as glibc's signal(): the handler stays, and system
 * calls it interrupts restart. */
sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	sigaddset(&sa.sa_mask, sig);
	if (sigaction(sig, &sa, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict oset)
{
	if (oset)
		memset(oset, 0, sizeof(*oset));
	return __syscall_ret(__syscall(SYS_rt_sigprocmask, how, set, oset, KSIGSET_SIZE));
}

int sigpending(sigset_t *set)
{
	memset(set, 0, sizeof(*set));
	return __syscall_ret(__syscall(SYS_rt_sigpending, set, KSIGSET_SIZE));
}

int sigsuspend(const sigset_t *mask)
{
	return __syscall_ret(__syscall(SYS_rt_sigsuspend, mask, KSIGSET_SIZE));
}

/* i386: the 64-bit-time call (421) first, as glibc; x86_64 and x32 have one. */
int sigtimedwait(const sigset_t *restrict set, siginfo_t *restrict info,
		 const struct timespec *restrict timeout)
{
#ifdef SYS_rt_sigtimedwait_time64
	struct { long long tv_sec, tv_nsec; } ts64, *p = 0;

	if (timeout) {
		ts64.tv_sec = timeout->tv_sec;
		ts64.tv_nsec = timeout->tv_nsec;
		p = &ts64;
	}
	return __syscall_ret(__syscall(SYS_rt_sigtimedwait_time64, set, info, p, KSIGSET_SIZE));
#else
	return __syscall_ret(__syscall(SYS_rt_sigtimedwait, set, info, timeout, KSIGSET_SIZE));
#endif
}

int sigwaitinfo(const sigset_t *restrict set, siginfo_t *restrict info)
{
	return sigtimedwait(set, info, NULL);
}

/* stack_t is the kernel's in every ABI. */
int sigaltstack(const stack_t *restrict ss, stack_t *restrict oss)
{
	return __syscall_ret(__syscall(SYS_sigaltstack, ss, oss));
}

int pause(void)
{
	return __syscall_ret(__syscall(SYS_pause));
}

unsigned int alarm(unsigned int seconds)
{
	return __syscall(SYS_alarm, seconds);
}

/* struct itimerval is the kernel's in every ABI (kernel longs). */
int setitimer(int which, const struct itimerval *restrict value, struct itimerval *restrict ovalue)
{
	return __syscall_ret(__syscall(SYS_setitimer, which, value, ovalue));
}

int getitimer(int which, struct itimerval *value)
{
	return __syscall_ret(__syscall(SYS_getitimer, which, value));
}

/* --- sets ------------------------------------------------------------ */

#define LONG_BITS (8 * sizeof(unsigned long))

static int bad_signal(int sig)
{
	if (sig < 1 || sig >= NSIG) {
		errno = EINVAL;
		return 1;
	}
	return 0;
}

int sigemptyset(sigset_t *set)
{
	memset(set, 0, sizeof(*set));
	return 0;
}

int sigfillset(sigset_t *set)
{
	memset(set, 0, sizeof(*set));
	for (int sig = 1; sig < NSIG; sig++)
		set->__val[(sig - 1) / LONG_BITS] |= 1UL << ((sig - 1) % LONG_BITS);
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	set->__val[(sig - 1) / LONG_BITS] |= 1UL << ((sig - 1) % LONG_BITS);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	set->__val[(sig - 1) / LONG_BITS] &= ~(1UL << ((sig - 1) % LONG_BITS));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	return !!(set->__val[(sig - 1) / LONG_BITS] & (1UL << ((sig - 1) % LONG_BITS)));
}
