/* SPDX-License-Identifier: MIT */
/*
 * Signals: numbers, flags and codes are Linux's x86 values
 * (uapi/asm/signal.h, uapi/asm-generic/siginfo.h); what the rest of the
 * kernel calls to send one is at the end. kernel/signal.c keeps the state
 * and decides; arch/x86_64/signal.c and arch/ia32/signal_32.c build the
 * frames. docs/signals.md tells the whole story.
 */
#ifndef _TRIDENT_SIGNAL_H
#define _TRIDENT_SIGNAL_H

#include <trident/types.h>

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
#define SIGRTMIN  32
#define _NSIG     64

/* One bit per signal, bit (sig - 1): Linux's sigset_t on x86_64, and the
 * same 8 bytes as the two 32-bit words of compat_sigset_t. */
typedef u64 sigset_t;
#define sigmask(sig)	(1ULL << ((sig) - 1))
#define SIG_KERNEL_ONLY_MASK	(sigmask(SIGKILL) | sigmask(SIGSTOP))

/* sa_handler values. */
#define SIG_DFL	0UL
#define SIG_IGN	1UL

/* sa_flags (uapi/asm/signal.h for x86). */
#define SA_NOCLDSTOP	0x00000001u
#define SA_NOCLDWAIT	0x00000002u
#define SA_SIGINFO	0x00000004u
#define SA_UNSUPPORTED	0x00000400u
#define SA_EXPOSE_TAGBITS 0x00000800u
#define SA_RESTORER	0x04000000u
#define SA_ONSTACK	0x08000000u
#define SA_RESTART	0x10000000u
#define SA_NODEFER	0x40000000u
#define SA_RESETHAND	0x80000000u
/* Kernel-internal: which ABI's sigaction installed the handler, so which
 * frame it gets (Linux's sigaction_compat_abi()); never shown to users. */
#define SA_X32_ABI	0x01000000u
#define SA_IA32_ABI	0x02000000u
/* What sigaction keeps and reports (Linux's UAPI_SA_FLAGS): the unknown
 * bits are dropped so a program can probe for support. */
#define UAPI_SA_FLAGS	(SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK | \
			 SA_RESTART | SA_NODEFER | SA_RESETHAND | SA_EXPOSE_TAGBITS | \
			 SA_RESTORER)

/* sigprocmask's how. */
#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

/* sigaltstack. */
#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1U << 31)
#define SS_FLAG_BITS	SS_AUTODISARM
#define MINSIGSTKSZ	2048

/* si_code values. */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_QUEUE	(-1)
#define SI_TKILL	(-6)
#define ILL_ILLOPN	2
#define FPE_INTDIV	1
#define FPE_FLTDIV	3
#define FPE_FLTOVF	4
#define FPE_FLTUND	5
#define FPE_FLTRES	6
#define FPE_FLTINV	7
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRALN	1
#define BUS_ADRERR	2
#define TRAP_BRKPT	1
#define TRAP_TRACE	2
#define TRAP_HWBKPT	4
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_TRAPPED	4
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

/*
 * A signal's information inside the kernel: the fields of every siginfo
 * layout we produce. Turned into the user's 128 bytes (64-bit, x32 or
 * ia32 layout) only when it is copied out (siginfo_to_user()).
 */
struct kernel_siginfo {
	int signo, errno_, code;
	int pid;			/* kill, tkill, SIGCHLD: the sender / the child */
	u32 uid;
	int status;			/* SIGCHLD */
	long utime, stime;		/* SIGCHLD (always 0: no accounting) */
	unsigned long addr;		/* faults */
	bool forced;			/* kernel-internal: a fault init cannot ignore */
};

/* A handler as sigaction set it (Linux's struct k_sigaction). */
struct k_sigaction {
	unsigned long handler;
	unsigned long flags;
	unsigned long restorer;
	sigset_t mask;
};

/* The user's 128-byte siginfo for the ABI: abi is ABI_64, ABI_X32 or
 * ABI_IA32 (enum task_abi). 0 or -EFAULT. */
int siginfo_to_user(void __user *to, const struct kernel_siginfo *info, int abi);

struct task;
struct pt_regs;

/*
 * Sending (kernel/signal.c). Every function is safe from interrupt
 * context (the tick sends SIGALRM) and wakes the target when the signal
 * needs it to run.
 *
 *   send_signal(t, sig)          a kernel-originated signal (si_code
 *                                SI_KERNEL): what a tty's ^C (SIGINT to each
 *                                task of its group) or a timer sends.
 *   send_sig_info(sig, info, t)  with a full siginfo.
 *   force_sig_fault(sig, code, addr)  a synchronous fault of the current
 *                                task: unblocks and un-ignores sig first
 *                                (Linux's force_sig_fault()).
 *   force_sig(sig)               the same with SI_KERNEL (e.g. #GP).
 * send_signal and send_sig_info return 0, or -EINVAL for a bad number.
 */
int send_signal(struct task *t, int sig);
int send_sig_info(int sig, const struct kernel_siginfo *info, struct task *t);
/* To t's whole process: any thread that does not block it takes it. */
int send_sig_info_group(int sig, const struct kernel_siginfo *info, struct task *t);
/* A child changed: wake its parent and the parent's threads in wait. */
void wake_up_parent(struct task *parent);
void force_sig_fault(int sig, int code, unsigned long addr);
void force_sig(int sig);
/* A frame could not be built or read back: SIGSEGV, with its handler reset
 * when sig is SIGSEGV itself (Linux's force_sigsegv()). */
void force_sigsegv(int sig);

/* Is there something for t to act on before it returns to user mode (a
 * signal it does not block)? Blocking system calls check it after each
 * wake-up and return -ERESTARTSYS (or another restart code). */
bool signal_pending(const struct task *t);
/* Has SIGKILL (or another fatal signal) been sent to t? */
bool fatal_signal_pending(const struct task *t);

/*
 * The way out to user mode (Linux's exit_to_user_mode_loop()): every entry
 * calls it with the user frame just before it returns, so any work flag
 * (task->work, below) is handled there: signals are delivered (and system
 * calls restarted). Later ptrace hooks into the same loop.
 */
void exit_to_user_mode(struct pt_regs *regs);

/* The per-task work flags word checked on the way out (task->work). */
#define TIF_SIGPENDING		(1UL << 0)	/* an unblocked signal is pending */
#define TIF_RESTORE_SIGMASK	(1UL << 1)	/* sigsuspend: put saved_sigmask back */
#define TIF_NOTIFY_RESUME	(1UL << 2)	/* reserved for ptrace and friends */
#define TIF_SYSCALL_TRACE	(1UL << 3)	/* PTRACE_SYSCALL: entry and exit stops */
#define TIF_SYSCALL_EMU		(1UL << 4)	/* PTRACE_SYSEMU: entry stop, call skipped */
#define TIF_SYSCALL_TRACEPOINT	(1UL << 5)	/* the tracer prints our calls (trace.h) */
#define TIF_SINGLESTEP		(1UL << 6)	/* PTRACE_SINGLESTEP: a SIGTRAP after each system call too */
#define TIF_FORCED_TF		(1UL << 7)	/* the tracer, not the task, set TF */
/* The work that sends a system call down the dispatchers' slow path. */
#define TIF_SYSCALL_WORK	(TIF_SYSCALL_TRACE | TIF_SYSCALL_EMU | TIF_SINGLESTEP)

/* Process life (kernel/signal.c): fork copies the handlers and mask;
 * exec resets caught signals to SIG_DFL (ignored ones stay ignored) and
 * the alternate stack; exit tells the parent (SIGCHLD). */
void signal_fork(struct task *parent, struct task *child);
void signal_exec(struct task *t);
/* Returns true when the parent asked not to keep zombies (SIGCHLD
 * SIG_IGN or SA_NOCLDWAIT): the caller reaps the task itself. */
bool do_notify_parent(struct task *t, int status);
/* SIGCHLD with CLD_STOPPED / CLD_CONTINUED to t's parent. */
void do_notify_parent_cldstop(struct task *t, int why, int status);
/* The same to another task than t's parent: its tracer (kernel/ptrace.c). */
void do_notify_cldstop_to(struct task *parent, struct task *t, int why, int status);

/* The ABI-specific half (arch/x86_64/signal.c, arch/ia32/signal_32.c). */
struct ksignal {
	struct k_sigaction ka;
	struct kernel_siginfo info;
	int sig;
};
/* Builds the frame for ksig on the user stack and points regs at the
 * handler; 0 or -EFAULT (the caller then sends SIGSEGV). */
int setup_rt_frame(struct ksignal *ksig, struct pt_regs *regs, sigset_t saved);
int ia32_setup_frame(struct ksignal *ksig, struct pt_regs *regs, sigset_t saved);
int ia32_setup_rt_frame(struct ksignal *ksig, struct pt_regs *regs, sigset_t saved);
/* Sets the blocked mask as a sigreturn does (SIGKILL and SIGSTOP stay
 * unblocked). */
void set_current_blocked(sigset_t set);
/* The sigaltstack checks, shared by the system call and sigreturn. */
struct kstack {
	unsigned long sp, size;
	unsigned int flags;
};
int do_sigaltstack(const struct kstack *ss, struct kstack *oss, unsigned long sp);
int sas_ss_flags(unsigned long sp);
bool on_sig_stack(unsigned long sp);
bool __on_sig_stack(unsigned long sp);


#endif
