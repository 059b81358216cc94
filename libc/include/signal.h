/* SPDX-License-Identifier: MIT */
/*
 * Signals: numbers and flags are Linux's for x86
 * (arch/x86/include/uapi/asm/signal.h, uapi/asm-generic/siginfo.h); the
 * user types (sigset_t, struct sigaction, siginfo_t, stack_t) have
 * glibc's names and layouts, so one test source builds with either
 * library. src/signal.c turns them into the kernel's per-ABI structures;
 * the x86_64 and x32 restorers (rt_sigreturn) are arch/<arch>/restore.asm,
 * and i386 leaves the restorer to the kernel's vDSO.
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>

struct timespec;

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGIOT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPOLL		SIGIO
#define SIGPWR		30
#define SIGSYS		31
/* 32-64 are the real-time signals; the kernel's _NSIG is 64, glibc's NSIG 65. */
#define NSIG		65
#define SIGRTMIN	32
#define SIGRTMAX	64

typedef int sig_atomic_t;

/* 1024 bits as glibc's; the kernel reads the first 64. */
typedef struct {
	unsigned long __val[1024 / (8 * sizeof(unsigned long))];
} sigset_t;

union sigval {
	int sival_int;
	void *sival_ptr;
};

/*
 * siginfo_t: 128 bytes. The union starts after the three ints, aligned
 * as the ABI aligns a pointer (16 on x86_64, 12 on x32 and i386). x32's
 * clock_t is 64 bits but only 4-aligned here (glibc's __SI_CLOCK_T).
 */
#if defined(__x86_64__) && defined(__ILP32__)
typedef long long __si_clock_t __attribute__((aligned(4)));
#else
typedef long __si_clock_t;
#endif

typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	union {
		int __pad[(128 - 3 * sizeof(int)) / sizeof(int)];
		struct {
			pid_t __pid;
			uid_t __uid;
			int __status;
			__si_clock_t __utime, __stime;
		} __chld;
		struct {
			pid_t __pid;
			uid_t __uid;
			union sigval __value;
		} __kill;
		struct {
			void *__addr;
		} __fault;
	} __sifields __attribute__((aligned(sizeof(void *))));
} siginfo_t;

#define si_pid		__sifields.__kill.__pid
#define si_uid		__sifields.__kill.__uid
#define si_value	__sifields.__kill.__value
#define si_status	__sifields.__chld.__status
#define si_utime	__sifields.__chld.__utime
#define si_stime	__sifields.__chld.__stime
#define si_addr		__sifields.__fault.__addr

/* si_code */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_QUEUE	(-1)
#define SI_TIMER	(-2)
#define SI_TKILL	(-6)
#define ILL_ILLOPC	1
#define ILL_ILLOPN	2
#define FPE_INTDIV	1
#define FPE_INTOVF	2
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRALN	1
#define BUS_ADRERR	2
#define TRAP_BRKPT	1
#define TRAP_TRACE	2
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_TRAPPED	4
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

typedef void (*sighandler_t)(int);
#define SIG_ERR		((sighandler_t)-1)
#define SIG_DFL		((sighandler_t)0)
#define SIG_IGN		((sighandler_t)1)

struct sigaction {
	union {
		void (*sa_handler)(int);
		void (*sa_sigaction)(int, siginfo_t *, void *);
	} __sa_handler;
	sigset_t sa_mask;
	int sa_flags;
	void (*sa_restorer)(void);
};
#define sa_handler	__sa_handler.sa_handler
#define sa_sigaction	__sa_handler.sa_sigaction

#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_RESTORER	0x04000000
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000
#define SA_NOMASK	SA_NODEFER
#define SA_ONESHOT	SA_RESETHAND

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

typedef struct {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1U << 31)
#define MINSIGSTKSZ	2048
#define SIGSTKSZ	8192

int kill(pid_t pid, int sig);
int raise(int sig);
int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict oact);
sighandler_t signal(int sig, sighandler_t handler);
int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict oset);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigtimedwait(const sigset_t *restrict set, siginfo_t *restrict info,
		 const struct timespec *restrict timeout);
int sigwaitinfo(const sigset_t *restrict set, siginfo_t *restrict info);
int sigaltstack(const stack_t *restrict ss, stack_t *restrict oss);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

#endif
