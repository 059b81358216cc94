/* SPDX-License-Identifier: MIT */
/* Signal numbers, Linux's x86 values (uapi/asm/signal.h). */
#ifndef _TRIDENT_SIGNAL_H
#define _TRIDENT_SIGNAL_H

#define SIGHUP     1
#define SIGINT     2
#define SIGQUIT    3
#define SIGILL     4
#define SIGTRAP    5
#define SIGABRT    6
#define SIGBUS     7
#define SIGFPE     8
#define SIGKILL    9
#define SIGUSR1   10
#define SIGSEGV   11
#define SIGUSR2   12
#define SIGPIPE   13
#define SIGALRM   14
#define SIGTERM   15
#define SIGSTKFLT 16
#define SIGCHLD   17
#define SIGCONT   18
#define SIGSTOP   19
#define SIGTSTP   20
#define SIGTTIN   21
#define SIGTTOU   22
#define SIGURG    23
#define SIGXCPU   24
#define SIGXFSZ   25
#define SIGVTALRM 26
#define SIGPROF   27
#define SIGWINCH  28
#define SIGIO     29
#define SIGPWR    30
#define SIGSYS    31
#define _NSIG     64

struct pt_regs;
/* Deliver sig to the current task for a fault at regs (kernel/signal.c).
 * Until handlers exist every signal takes its default action: the task
 * ends as if killed by sig. */
__attribute__((noreturn)) void force_sig_fault(int sig, const struct pt_regs *regs,
					       unsigned long addr, const char *what);

struct task;
/* Send sig to task t, as kill(2) would (kernel/signal.c; until it lands,
 * kernel/signal_stub.c). 0, or -errno. The tty's ^C and ^\ use it. */
int send_signal(struct task *t, int sig);

#endif
