// SPDX-License-Identifier: MIT
/*
 * Signals: sending, the pending set, default actions, delivery on the way
 * out to user mode and system-call restart (Linux's kernel/signal.c,
 * kernel/entry/common.c and arch/x86/kernel/signal.c's
 * arch_do_signal_or_restart()). The frames themselves are built per ABI
 * in arch/x86_64/signal.c and arch/ia32/signal_32.c; the system calls that
 * set handlers and masks are in kernel/signal_syscalls.c.
 *
 * State per task (struct task): sighand[] (handlers), blocked, pending
 * with one siginfo per signal, saved_sigmask (sigsuspend), real_blocked
 * (sigtimedwait), the alternate stack; the handlers are shared by
 * CLONE_SIGHAND (t->sighand) and the signals sent to a whole process
 * wait in its group's shared pending set (t->signal->shared_pending)
 * until a thread that does not block them takes them, as Linux's
 * per-thread and shared pending sets (docs/threads.md). A signal
 * already pending is not queued twice (Linux queues real-time signals;
 * docs/signals.md lists the differences).
 *
 * Everything here runs with interrupts off (the kernel is not preempted),
 * also when the tick sends SIGALRM: no locks.
 */
#include <trident/signal.h>
#include <trident/ptrace.h>
#include <trident/task.h>
#include <trident/errno.h>
#include <trident/printk.h>
#include <trident/string.h>
#include <trident/uaccess.h>
#include <trident/syscalls.h>
#include <asm/ptrace.h>
#include <asm/processor.h>
#include <asm/fpu.h>

#define __X32_SYSCALL_BIT	0x40000000UL
#define __NR_restart_syscall	219
#define __NR_ia32_restart_syscall 0

/* Linux's sig_kernel_*() masks: what a signal's default action is. Only
 * the classic signals (1-31) have one other than "terminate". */
#define SIG_KERNEL_IGNORE_MASK	 (sigmask(SIGCONT) | sigmask(SIGCHLD) | \
				  sigmask(SIGWINCH) | sigmask(SIGURG))
#define SIG_KERNEL_STOP_MASK	 (sigmask(SIGSTOP) | sigmask(SIGTSTP) | \
				  sigmask(SIGTTIN) | sigmask(SIGTTOU))
#define SIG_KERNEL_COREDUMP_MASK (sigmask(SIGQUIT) | sigmask(SIGILL) | sigmask(SIGTRAP) | \
				  sigmask(SIGABRT) | sigmask(SIGFPE) | sigmask(SIGSEGV) | \
				  sigmask(SIGBUS) | sigmask(SIGSYS) | sigmask(SIGXCPU) | \
				  sigmask(SIGXFSZ))
/* Faults are dequeued before anything else (Linux's SYNCHRONOUS_MASK). */
#define SYNCHRONOUS_MASK	 (sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | \
				  sigmask(SIGTRAP) | sigmask(SIGFPE) | sigmask(SIGSYS))

static bool sig_in(int sig, sigset_t mask)
{
	return sig < SIGRTMIN && (sigmask(sig) & mask);
}
#define sig_kernel_ignore(sig)	 sig_in(sig, SIG_KERNEL_IGNORE_MASK)
#define sig_kernel_stop(sig)	 sig_in(sig, SIG_KERNEL_STOP_MASK)
#define sig_kernel_only(sig)	 ((sig) == SIGKILL || (sig) == SIGSTOP)

static bool valid_signal(unsigned long sig)
{
	return sig <= _NSIG;
}

/* --- the pending flag ------------------------------------------------ */

/* TIF_SIGPENDING says "something unblocked is pending" (Linux's
 * recalc_sigpending()); it is what blocking calls and the way out test. */
static void recalc_sigpending(struct task *t)
{
	if ((t->pending | t->signal->shared_pending) & ~t->blocked)
		t->work |= TIF_SIGPENDING;
	else
		t->work &= ~TIF_SIGPENDING;
}

bool signal_pending(const struct task *t)
{
	return t->work & TIF_SIGPENDING;
}

bool fatal_signal_pending(const struct task *t)
{
	return t->pending & sigmask(SIGKILL);
}

void set_current_blocked(sigset_t set)
{
	struct task *t = current;

	t->blocked = set & ~SIG_KERNEL_ONLY_MASK;
	recalc_sigpending(t);
}

/* --- sending ---------------------------------------------------------- */

static bool sig_handler_ignored(unsigned long handler, int sig)
{
	return handler == SIG_IGN || (handler == SIG_DFL && sig_kernel_ignore(sig));
}

/*
 * Would sig be thrown away on arrival? (Linux's sig_ignored().) Blocked
 * signals are kept, the handler may change before they are unblocked.
 * init (pid 1) gets no signal it has no handler for, SIGKILL included,
 * unless the kernel forces it (a fault: then init dies, and the kernel
 * reports it).
 */
static bool sig_ignored(struct task *t, int sig, bool force)
{
	unsigned long handler = t->sighand->action[sig - 1].handler;

	if ((t->blocked | t->real_blocked) & sigmask(sig))
		return false;
	/* The tracer sees every signal, even ignored ones (SIGKILL aside). */
	if (t->ptracer && sig != SIGKILL)
		return false;
	if (t->pid == 1 && handler == SIG_DFL && !force)
		return true;
	return sig_handler_ignored(handler, sig);
}

/* Wake t for a signal: a sleeper always; a stopped task only to die; a
 * ptrace-stopped one only for SIGKILL (the caller says which). */
static void signal_wake_up(struct task *t, bool resume)
{
	t->work |= TIF_SIGPENDING;
	if (t->state == TASK_BLOCKED || (resume && (t->state == TASK_STOPPED || t->state == TASK_TRACED)))
		t->state = TASK_RUNNING;
}

/*
 * What a signal does before it is queued (Linux's prepare_signal()): a
 * stop signal cancels a pending SIGCONT, SIGCONT cancels pending stops
 * and resumes a stopped task (its parent learns it: CLD_CONTINUED).
 * Returns whether the signal is to be queued at all.
 */
static bool prepare_signal(int sig, struct task *p, bool force, bool group)
{
	/* A process lives on in its other threads after its leader's exit. */
	if (p->state == TASK_ZOMBIE && (!group || !p->signal->live))
		return false;
	/* The whole process stops and continues: every thread's pending
	 * set and the shared one. */
	if (sig_kernel_stop(sig))
		p->signal->shared_pending &= ~sigmask(SIGCONT);
	else if (sig == SIGCONT)
		p->signal->shared_pending &= ~SIG_KERNEL_STOP_MASK;
	for (struct task *t = task_list; t; t = t->next_task) {
		if (t->signal != p->signal)
			continue;
		if (sig_kernel_stop(sig)) {
			t->pending &= ~sigmask(SIGCONT);
		} else if (sig == SIGCONT) {
			t->pending &= ~SIG_KERNEL_STOP_MASK;
			if (t->state == TASK_STOPPED) {
				t->state = TASK_RUNNING;
				t->stop_code = 0;
				t->cont_report = true;
				do_notify_parent_cldstop(t, CLD_CONTINUED, SIGCONT);
			}
		}
	}
	return !sig_ignored(p, sig, force);
}

/* Would the signal kill t outright? (Linux's sig_fatal().) */
static bool sig_fatal(struct task *t, int sig)
{
	return !sig_kernel_ignore(sig) && !sig_kernel_stop(sig) &&
	       t->sighand->action[sig - 1].handler == SIG_DFL;
}

/* SIGKILL to every other live thread of t's process (Linux's
 * zap_other_threads()). */
void zap_other_threads(struct task *t)
{
	for (struct task *u = task_list; u; u = u->next_task) {
		if (u == t || u->signal != t->signal || u->state == TASK_ZOMBIE)
			continue;
		u->pending |= sigmask(SIGKILL);
		signal_wake_up(u, true);
	}
}

/* Would thread t take sig now? (Linux's wants_signal().) */
static bool wants_signal(int sig, const struct task *t)
{
	if ((t->blocked & sigmask(sig)) || t->state == TASK_ZOMBIE)
		return false;
	if (sig == SIGKILL)
		return true;
	return t->state != TASK_STOPPED && t->state != TASK_TRACED;
}

/*
 * complete_signal(): wake the thread that will act on the signal. A
 * process-directed one (group) goes to the target if it wants it, else
 * to any thread that does; a fatal one kills every thread (the group
 * exit's status is the signal). A single thread behaves as before: a
 * blocked signal waits; a stopped task wakes only to die.
 */
static void complete_signal(int sig, struct task *p, bool group, bool force)
{
	struct task *t = p;

	if (group && p->state == TASK_ZOMBIE) {
		/* The leader has gone: one of the live threads. */
		for (t = task_list; t; t = t->next_task)
			if (t->signal == p->signal && t->state != TASK_ZOMBIE)
				break;
		if (!t)
			return;
		p = t;
	}
	if (p->signal->live > 1) {
		if (!wants_signal(sig, p)) {
			if (!group)
				return;
			for (t = task_list; t; t = t->next_task)
				if (t->signal == p->signal && wants_signal(sig, t))
					break;
			if (!t)
				return;
		}
		if (sig_fatal(p, sig) && !p->signal->group_exit && !p->signal->group_exec_task &&
		    !(t->real_blocked & sigmask(sig)) && (sig == SIGKILL || !p->ptracer) &&
		    (p->tgid != 1 || force)) {
			p->signal->group_exit = true;
			p->signal->group_exit_code = sig;
			t->pending |= sigmask(SIGKILL);
			signal_wake_up(t, true);
			zap_other_threads(t);
			return;
		}
	} else if (t->blocked & sigmask(sig)) {
		return;
	}
	signal_wake_up(t, sig == SIGKILL || (!t->ptracer && sig_fatal(t, sig) &&
					     !(t->real_blocked & sigmask(sig))));
}

static int __send_signal_to(int sig, const struct kernel_siginfo *info, struct task *t, bool force,
			    bool group)
{
	sigset_t *pending = group ? &t->signal->shared_pending : &t->pending;
	struct kernel_siginfo *slot = group ? &t->signal->shared_info[sig - 1] : &t->pending_info[sig - 1];

	if (!prepare_signal(sig, t, force, group))
		return 0;
	/* A classic signal that is already pending is not queued again; we
	 * keep one instance of real-time ones too. */
	if (*pending & sigmask(sig))
		return 0;
	*pending |= sigmask(sig);
	*slot = *info;
	slot->signo = sig;
	complete_signal(sig, t, group, force);
	return 0;
}

static int __send_signal(int sig, const struct kernel_siginfo *info, struct task *t, bool force)
{
	return __send_signal_to(sig, info, t, force, false);
}

/* To the whole process t belongs to (kill, SIGCHLD, Linux's
 * group_send_sig_info()). */
int send_sig_info_group(int sig, const struct kernel_siginfo *info, struct task *t)
{
	if (!valid_signal(sig) || sig < 1)
		return -EINVAL;
	return __send_signal_to(sig, info, t->group_leader, false, true);
}

int send_sig_info(int sig, const struct kernel_siginfo *info, struct task *t)
{
	if (!valid_signal(sig) || sig < 1)
		return -EINVAL;
	return __send_signal(sig, info, t, false);
}

int send_signal(struct task *t, int sig)
{
	struct kernel_siginfo info = { .signo = sig, .code = SI_KERNEL };

	return send_sig_info(sig, &info, t);
}

/*
 * A synchronous signal the task cannot refuse (Linux's
 * force_sig_info_to_task() with HANDLER_CURRENT): if blocked or ignored,
 * it is unblocked and its handler reset to SIG_DFL, so a fault inside a
 * handler that blocks its own signal kills instead of looping.
 */
static void force_sig_info(const struct kernel_siginfo *info)
{
	struct task *t = current;
	int sig = info->signo;

	/* Callers pass a fault's signal, 1.._NSIG; said for the compiler
	 * too (the UBSAN build's -Warray-bounds saw action[-1]). */
	if (sig < 1 || sig > _NSIG)
		return;

	struct k_sigaction *ka = &t->sighand->action[sig - 1];
	bool blocked = t->blocked & sigmask(sig);

	if (blocked || ka->handler == SIG_IGN) {
		ka->handler = SIG_DFL;
		if (blocked)
			t->blocked &= ~sigmask(sig);
	}
	/* A fault is also the one signal init cannot ignore. */
	struct kernel_siginfo fi = *info;
	fi.forced = ka->handler == SIG_DFL;
	__send_signal(sig, &fi, t, fi.forced);
	recalc_sigpending(t);
}

void force_sig_fault(int sig, int code, unsigned long addr)
{
	struct kernel_siginfo info = { .signo = sig, .code = code, .addr = addr };

	force_sig_info(&info);
}

void force_sig(int sig)
{
	struct kernel_siginfo info = { .signo = sig, .code = SI_KERNEL };

	force_sig_info(&info);
}

void force_sigsegv(int sig)
{
	if (sig == SIGSEGV)
		current->sighand->action[SIGSEGV - 1].handler = SIG_DFL;
	force_sig(SIGSEGV);
}

/* --- parents ------------------------------------------------------------ */

static void fill_chld_info(struct kernel_siginfo *info, const struct task *t, int code, int status)
{
	memset(info, 0, sizeof(*info));
	info->signo = SIGCHLD;
	info->code = code;
	info->pid = t->pid;
	info->uid = t->cred.uid;	/* the child's real uid */
	info->status = status;
}

/*
 * t is exiting with wait status `status`: SIGCHLD to its parent (Linux's
 * do_notify_parent()). A parent that set SIGCHLD to SIG_IGN or asked for
 * SA_NOCLDWAIT keeps no zombie: returns true, the child reaps itself.
 */
bool do_notify_parent(struct task *t, int status)
{
	struct task *parent = t->parent;
	struct kernel_siginfo info;
	bool autoreap = false;
	int sig = SIGCHLD;

	if (!parent)
		return false;
	if (status & 0x7f)
		fill_chld_info(&info, t, (status & 0x80) ? CLD_DUMPED : CLD_KILLED, status & 0x7f);
	else
		fill_chld_info(&info, t, CLD_EXITED, (status >> 8) & 0xff);
	const struct k_sigaction *psig = &parent->sighand->action[SIGCHLD - 1];
	if (psig->handler == SIG_IGN || (psig->flags & SA_NOCLDWAIT)) {
		autoreap = true;
		if (psig->handler == SIG_IGN)
			sig = 0;
	}
	if (sig)
		__send_signal_to(sig, &info, parent, false, true);
	wake_up_parent(parent);		/* a wait4 or waitid in progress */
	return autoreap;
}

/* t stopped (CLD_STOPPED), continued (CLD_CONTINUED) or stopped for
 * its tracer (CLD_TRAPPED, to the tracer); unless that one said
 * SA_NOCLDSTOP (Linux's do_notify_parent_cldstop()). */
void do_notify_parent_cldstop(struct task *t, int why, int status)
{
	do_notify_cldstop_to(t->parent, t, why, status);
}

void do_notify_cldstop_to(struct task *parent, struct task *t, int why, int status)
{
	struct kernel_siginfo info;

	if (!parent)
		return;
	fill_chld_info(&info, t, why, status);
	const struct k_sigaction *psig = &parent->sighand->action[SIGCHLD - 1];
	if (psig->handler != SIG_IGN && !(psig->flags & SA_NOCLDSTOP))
		__send_signal_to(SIGCHLD, &info, parent, false, true);
	wake_up_parent(parent);
}

/* The parent, and any thread of its process sleeping in wait4 or waitid
 * (which sleep on their signal_struct). */
void wake_up_parent(struct task *parent)
{
	wake_up(parent);
	for (struct task *t = task_list; t; t = t->next_task)
		if (t->state == TASK_BLOCKED && t->wait_chan == parent->signal)
			wake_up(t);
}

/* --- fork and exec ------------------------------------------------------ */

void signal_fork(struct task *parent, struct task *child)
{
	child->blocked = parent->blocked;
	child->pending = 0;		/* pending signals are the parent's */
	child->sas_ss_sp = parent->sas_ss_sp;
	child->sas_ss_size = parent->sas_ss_size;
	child->sas_ss_flags = parent->sas_ss_flags;
	child->work = 0;
	/* Timers are not inherited (POSIX): it_real_* stay 0. */
}

/* Linux's flush_signal_handlers(t, 0) and the alternate stack reset of
 * exec: caught signals go back to SIG_DFL, ignored ones stay ignored;
 * every flag, mask and restorer is cleared. Blocked and pending stay. */
void signal_exec(struct task *t)
{
	for (int i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &t->sighand->action[i];
		if (ka->handler != SIG_IGN)
			ka->handler = SIG_DFL;
		ka->flags = 0;
		ka->restorer = 0;
		ka->mask = 0;
	}
	t->sas_ss_sp = 0;		/* begin_new_exec(): sp and size only */
	t->sas_ss_size = 0;
}

/* --- the alternate stack ------------------------------------------------ */

bool __on_sig_stack(unsigned long sp)
{
	struct task *t = current;

	return sp > t->sas_ss_sp && sp - t->sas_ss_sp <= t->sas_ss_size;
}

bool on_sig_stack(unsigned long sp)
{
	/* With SS_AUTODISARM the handler may switch stacks freely: never
	 * "on" it (Linux's on_sig_stack()). */
	if (current->sas_ss_flags & SS_AUTODISARM)
		return false;
	return __on_sig_stack(sp);
}

int sas_ss_flags(unsigned long sp)
{
	if (!current->sas_ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

/* Linux's do_sigaltstack(): sp is the user's stack pointer now. */
int do_sigaltstack(const struct kstack *ss, struct kstack *oss, unsigned long sp)
{
	struct task *t = current;

	if (oss) {
		oss->sp = t->sas_ss_sp;
		oss->size = t->sas_ss_size;
		oss->flags = sas_ss_flags(sp) | (t->sas_ss_flags & SS_FLAG_BITS);
	}
	if (ss) {
		unsigned int mode = ss->flags & ~SS_FLAG_BITS;
		unsigned long ss_sp = ss->sp, ss_size = ss->size;

		if (on_sig_stack(sp))
			return -EPERM;
		if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
			return -EINVAL;
		if (t->sas_ss_sp == ss_sp && t->sas_ss_size == ss_size && t->sas_ss_flags == ss->flags)
			return 0;
		if (mode == SS_DISABLE) {
			ss_size = 0;
			ss_sp = 0;
		} else if (ss_size < MINSIGSTKSZ) {
			return -ENOMEM;
		}
		t->sas_ss_sp = ss_sp;
		t->sas_ss_size = ss_size;
		t->sas_ss_flags = ss->flags;
	}
	return 0;
}

/* --- siginfo for the user ------------------------------------------------ */

/*
 * The 128-byte siginfo in the ABI's layout. si_signo, si_errno, si_code
 * first; the union follows at 16 (64-bit: pointers align it) or at 12
 * (compat_siginfo of ia32 and x32). Which union member a siginfo uses
 * follows from signo and code (Linux's siginfo_layout()).
 */
int siginfo_to_user(void __user *to, const struct kernel_siginfo *info, int abi)
{
	u8 buf[128];
	size_t u = abi == ABI_64 ? 16 : 12;
	int sig = info->signo, code = info->code;

	memset(buf, 0, sizeof(buf));
	memcpy(buf + 0, &info->signo, 4);
	memcpy(buf + 4, &info->errno_, 4);
	memcpy(buf + 8, &info->code, 4);
	bool specific = code > SI_USER && code < SI_KERNEL;
	if (specific && (sig == SIGILL || sig == SIGFPE || sig == SIGSEGV ||
			 sig == SIGBUS || sig == SIGTRAP)) {
		/* _sigfault: si_addr, a pointer of the ABI's size */
		if (abi == ABI_64)
			memcpy(buf + u, &info->addr, 8);
		else {
			u32 a = info->addr;
			memcpy(buf + u, &a, 4);
		}
	} else if (specific && sig == SIGCHLD) {
		/* _sigchld: pid, uid, status, utime, stime */
		memcpy(buf + u, &info->pid, 4);
		memcpy(buf + u + 4, &info->uid, 4);
		memcpy(buf + u + 8, &info->status, 4);
		if (abi == ABI_64) {
			memcpy(buf + u + 16, &info->utime, 8);
			memcpy(buf + u + 24, &info->stime, 8);
		} else if (abi == ABI_X32) {
			/* _sigchld_x32: 64-bit times, 4-byte aligned */
			s64 ut = info->utime, st = info->stime;
			memcpy(buf + u + 12, &ut, 8);
			memcpy(buf + u + 20, &st, 8);
		} else {
			s32 ut = info->utime, st = info->stime;
			memcpy(buf + u + 12, &ut, 4);
			memcpy(buf + u + 16, &st, 4);
		}
	} else {
		/* _kill: the sender's pid and uid (0 and 0 from the kernel) */
		memcpy(buf + u, &info->pid, 4);
		memcpy(buf + u + 4, &info->uid, 4);
	}
	return copy_to_user(to, buf, sizeof(buf)) ? -EFAULT : 0;
}

/* --- taking a signal ------------------------------------------------------ */

/* The lowest pending signal not in mask, faults first (Linux's
 * next_signal() and dequeue_signal()); 0 when none. */
int dequeue_signal(struct task *t, sigset_t mask, struct kernel_siginfo *info)
{
	/* The thread's own first, then the process's (Linux's order). */
	sigset_t *pending = &t->pending;
	struct kernel_siginfo *infos = t->pending_info;
	sigset_t x = t->pending & ~mask;
	int sig;

	if (!x) {
		pending = &t->signal->shared_pending;
		infos = t->signal->shared_info;
		x = *pending & ~mask;
	}
	if (!x)
		return 0;
	if (x & SYNCHRONOUS_MASK)
		x &= SYNCHRONOUS_MASK;
	sig = __builtin_ctzll(x) + 1;
	*info = infos[sig - 1];
	*pending &= ~sigmask(sig);
	recalc_sigpending(t);
	return sig;
}

/* A stop signal's default action: stop until SIGCONT (or SIGKILL). The
 * parent sees it in wait4(WUNTRACED) and gets CLD_STOPPED. */
static void do_signal_stop(int sig)
{
	struct task *t = current;

	t->state = TASK_STOPPED;
	t->stop_code = (sig << 8) | 0x7f;
	t->cont_report = false;
	do_notify_parent_cldstop(t, CLD_STOPPED, sig);
	schedule();
}

/*
 * The next signal to deliver to a handler, acting on the others (Linux's
 * get_signal()): ignored ones are dropped, default actions done here. A
 * fatal default ends the task: the wait status is the signal number
 * (never | 0x80: RLIMIT_CORE is 0, so no core is dumped).
 */
static bool get_signal(struct ksignal *ksig)
{
	struct task *t = current;

	for (;;) {
		struct kernel_siginfo info;
		int sig = dequeue_signal(t, t->blocked, &info);

		if (!sig)
			return false;
		/* A traced task's signals stop first for the tracer, which
		 * may cancel or change them (Linux's ptrace_signal()). */
		if (t->ptracer && sig != SIGKILL) {
			sig = ptrace_signal(sig, &info);
			if (!sig)
				continue;
		}
		struct k_sigaction *ka = &t->sighand->action[sig - 1];
		if (ka->handler == SIG_IGN)
			continue;
		if (ka->handler != SIG_DFL) {
			ksig->ka = *ka;
			ksig->info = info;
			ksig->sig = sig;
			if (ka->flags & SA_RESETHAND)
				ka->handler = SIG_DFL;
			return true;
		}
		if (sig_kernel_ignore(sig))
			continue;
		/* init: only what was forced on it (a fault) acts by default
		 * (Linux's SIGNAL_UNKILLABLE). */
		if (t->pid == 1 && !info.forced && !sig_kernel_only(sig))
			continue;
		if (sig_kernel_stop(sig)) {
			do_signal_stop(sig);
			continue;
		}
		do_group_exit(sig);
	}
}

/* --- delivery and restart ------------------------------------------------- */

/* The restart number for restart_syscall in the ABI the interrupted call
 * came through (Linux's get_nr_restart_syscall()). */
static unsigned long nr_restart_syscall(const struct pt_regs *regs)
{
	if (current->restart_block.ia32)
		return __NR_ia32_restart_syscall;
	return __NR_restart_syscall | (regs->orig_ax & __X32_SYSCALL_BIT);
}

/* Did we come from a system call, and with which error? -1 in orig_ax:
 * an exception, an interrupt, or a sigreturn (Linux's syscall_get_nr()
 * and syscall_get_error()). */
static bool from_syscall(const struct pt_regs *regs)
{
	return (long)regs->orig_ax != -1;
}

static long syscall_error(const struct pt_regs *regs)
{
	long err = (long)regs->ax;

	return err >= -4095 && err < 0 ? err : 0;
}

static void restore_saved_sigmask(void)
{
	struct task *t = current;

	if (t->work & TIF_RESTORE_SIGMASK) {
		t->work &= ~TIF_RESTORE_SIGMASK;
		set_current_blocked(t->saved_sigmask);
	}
}

/*
 * Run the handler: the restart rules first (-EINTR, or back to the
 * system call instruction for SA_RESTART), then the frame; on success
 * the handler starts with DF, RF and TF clear, a fresh x87/SSE state,
 * its sa_mask (and the signal itself unless SA_NODEFER) blocked.
 */
static void handle_signal(struct ksignal *ksig, struct pt_regs *regs)
{
	struct task *t = current;
	sigset_t saved = (t->work & TIF_RESTORE_SIGMASK) ? t->saved_sigmask : t->blocked;
	bool stepping = t->work & TIF_SINGLESTEP;
	int failed;

	/* PTRACE_SINGLESTEP: the frame saves the flags without the
	 * tracer's TF; the tracer hears of the handler below. */
	if (stepping)
		user_disable_single_step(t);
	if (from_syscall(regs)) {
		switch (syscall_error(regs)) {
		case -ERESTART_RESTARTBLOCK:
		case -ERESTARTNOHAND:
			regs->ax = -EINTR;
			break;
		case -ERESTARTSYS:
			if (!(ksig->ka.flags & SA_RESTART)) {
				regs->ax = -EINTR;
				break;
			}
			/* fall through */
		case -ERESTARTNOINTR:
			regs->ax = regs->orig_ax;
			regs->ip -= 2;
			break;
		}
	}

#ifdef CONFIG_IA32_EMULATION
	if (ksig->ka.flags & SA_IA32_ABI)
		failed = (ksig->ka.flags & SA_SIGINFO) ? ia32_setup_rt_frame(ksig, regs, saved)
						       : ia32_setup_frame(ksig, regs, saved);
	else
#endif
		failed = setup_rt_frame(ksig, regs, saved);

	if (failed) {
		force_sigsegv(ksig->sig);
		return;
	}
	regs->flags &= ~(X86_EFLAGS_DF | X86_EFLAGS_RF | X86_EFLAGS_TF);
	/* fpu__clear_user_states(): the handler's x87/SSE state is fresh. */
	fpu_init_state(&t->fpu);
	fpu_restore(&t->fpu);

	/* signal_delivered() */
	sigset_t blocked = t->blocked | ksig->ka.mask;
	if (!(ksig->ka.flags & SA_NODEFER))
		blocked |= sigmask(ksig->sig);
	set_current_blocked(blocked);
	t->work &= ~TIF_RESTORE_SIGMASK;
	if (t->sas_ss_flags & SS_AUTODISARM) {
		t->sas_ss_sp = 0;
		t->sas_ss_size = 0;
		t->sas_ss_flags = SS_DISABLE;
	}
	if (stepping)
		ptrace_notify_step();	/* stopped at the handler's first instruction */
}

/* Linux's arch_do_signal_or_restart(). */
static void do_signal(struct pt_regs *regs)
{
	struct ksignal ksig;

	if (get_signal(&ksig)) {
		handle_signal(&ksig, regs);
		return;
	}
	/* No handler: a system call interrupted by a signal that was
	 * ignored, stopped us, or went away restarts transparently. */
	if (from_syscall(regs)) {
		switch (syscall_error(regs)) {
		case -ERESTARTNOHAND:
		case -ERESTARTSYS:
		case -ERESTARTNOINTR:
			regs->ax = regs->orig_ax;
			regs->ip -= 2;
			break;
		case -ERESTART_RESTARTBLOCK:
			regs->ax = nr_restart_syscall(regs);
			regs->ip -= 2;
			break;
		}
	}
	restore_saved_sigmask();
}

/*
 * Every return to user mode passes here (entry_64.asm's SYSCALL path
 * through do_syscall_64, the three compat entries, exceptions and
 * interrupts from user mode, a new task's first return). Each delivered
 * signal builds a frame on top of the previous one (nested handlers run
 * newest first), as Linux's exit loop does.
 */
void exit_to_user_mode(struct pt_regs *regs)
{
	struct task *t = current;

	if (!user_mode(regs))
		return;
	while (t->work & (TIF_SIGPENDING | TIF_RESTORE_SIGMASK)) {
		if (t->work & TIF_SIGPENDING)
			do_signal(regs);
		else
			restore_saved_sigmask();
	}
}

/* restart_syscall (64: 219, ia32: 0): the rest of what was interrupted,
 * or -EINTR when nothing is to be resumed (Linux's
 * do_no_restart_syscall()). */
SYSCALL_DEFINE0(restart_syscall)
{
	struct restart_block *rb = &current->restart_block;
	long (*fn)(struct restart_block *) = rb->fn;

	rb->fn = NULL;
	return fn ? fn(rb) : -EINTR;
}
