/* SPDX-License-Identifier: MIT */
/*
 * Signal numbers, Linux's for x86 (arch/x86/include/uapi/asm/signal.h).
 * Only sending signals for now: sigaction needs an rt_sigreturn trampoline
 * (sa_restorer), which differs per ABI and comes later.
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>

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

typedef int sig_atomic_t;

int kill(pid_t pid, int sig);
int raise(int sig);

#endif
