// SPDX-License-Identifier: MIT
/*
 * The system calls of signals (Linux's kernel/signal.c and
 * kernel/compat.c): handlers (rt_sigaction; ia32's sigaction and signal),
 * masks (rt_sigprocmask; ia32's sigprocmask), pending (rt_sigpending,
 * sigpending), waiting (rt_sigsuspend, sigsuspend, pause,
 * rt_sigtimedwait), sigaltstack, and sending (kill, tkill, tgkill).
 *
 * Layouts per ABI:
 *   struct sigaction  64-bit: handler, flags, restorer, mask (8 bytes each)
 *   compat_sigaction  ia32 and x32 rt_sigaction: u32 handler, flags,
 *                     restorer, then the 8-byte mask
 *   old_sigaction     ia32 sigaction (67): handler, u32 mask, flags, restorer
 *   stack_t           64-bit: sp, int flags (+4), size = 24 bytes;
 *                     compat (ia32, x32): u32 sp, flags, size = 12 bytes
 * sigset_t is 8 bytes in every ABI (compat_sigset_t's two words are the
 * same bytes), so the common calls serve them all.
 */
#include <trident/signal.h>
#include <trident/task.h>
#include <trident/errno.h>
#include <trident/string.h>
#include <trident/uaccess.h>
#include <trident/syscalls.h>
#include <trident/time.h>
#include <asm/ptrace.h>

int dequeue_signal(struct task *t, sigset_t mask, struct kernel_siginfo *info);

/* in_ia32_syscall(), in_x32_syscall(): include/trident/syscalls.h. */

/* The siginfo layout of the current call's ABI. */
static int syscall_si_abi(void)
{
	return in_x32_syscall() ? ABI_X32 : in_ia32_syscall() ? ABI_IA32 : ABI_64;
}

/* --- handlers ----------------------------------------------------------- */

/* Linux's do_sigaction(): sig 1..64 but not SIGKILL or SIGSTOP for a new
 * action; unknown flag bits are dropped both ways; the ABI of the call is
 * remembered in the (hidden) flags for the frame. */
static int do_sigaction(int sig, struct k_sigaction *act, struct k_sigaction *oact)
{
	struct task *t = current;
	struct k_sigaction *k;

	if (sig < 1 || sig > _NSIG || (act && (sig == SIGKILL || sig == SIGSTOP)))
		return -EINVAL;
	k = &t->sighand->action[sig - 1];
	if (oact) {
		*oact = *k;
		oact->flags &= UAPI_SA_FLAGS;
	}
	if (act) {
		act->flags &= UAPI_SA_FLAGS;
		if (in_ia32_syscall())
			act->flags |= SA_IA32_ABI;
		if (in_x32_syscall())
			act->flags |= SA_X32_ABI;
		act->mask &= ~SIG_KERNEL_ONLY_MASK;
		*k = *act;
		/* POSIX: setting SIG_IGN (or a default that ignores) discards
		 * the pending signal, blocked or not. */
		if (k->handler == SIG_IGN ||
		    (k->handler == SIG_DFL && (sig == SIGCONT || sig == SIGCHLD ||
					       sig == SIGWINCH || sig == SIGURG))) {
			t->signal->shared_pending &= ~sigmask(sig);
			for (struct task *u = task_list; u; u = u->next_task)
				if (u->signal == t->signal)
					u->pending &= ~sigmask(sig);
			set_current_blocked(t->blocked);
		}
	}
	return 0;
}

struct sigaction64 {
	unsigned long handler, flags, restorer;
	sigset_t mask;
};

SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct sigaction64 __user *, act,
		struct sigaction64 __user *, oact, size_t, sigsetsize)
{
	struct k_sigaction new_ka, old_ka;
	struct sigaction64 a;
	int ret;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (act) {
		if (copy_from_user(&a, act, sizeof(a)))
			return -EFAULT;
		new_ka = (struct k_sigaction){ a.handler, a.flags, a.restorer, a.mask };
	}
	ret = do_sigaction(sig, act ? &new_ka : NULL, oact ? &old_ka : NULL);
	if (!ret && oact) {
		a = (struct sigaction64){ old_ka.handler, old_ka.flags, old_ka.restorer, old_ka.mask };
		if (copy_to_user(oact, &a, sizeof(a)))
			return -EFAULT;
	}
	return ret;
}

struct compat_sigaction {
	u32 handler, flags, restorer;
	u32 mask[2];
} __attribute__((packed));

/* ia32's rt_sigaction (174) and x32's (512). */
COMPAT_SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct compat_sigaction __user *, act,
		       struct compat_sigaction __user *, oact, u32, sigsetsize)
{
	struct k_sigaction new_ka, old_ka;
	struct compat_sigaction a;
	int ret;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (act) {
		if (copy_from_user(&a, act, sizeof(a)))
			return -EFAULT;
		new_ka = (struct k_sigaction){ a.handler, a.flags, a.restorer,
					       a.mask[0] | (u64)a.mask[1] << 32 };
	}
	ret = do_sigaction(sig, act ? &new_ka : NULL, oact ? &old_ka : NULL);
	if (!ret && oact) {
		a = (struct compat_sigaction){ old_ka.handler, old_ka.flags, old_ka.restorer,
					       { (u32)old_ka.mask, (u32)(old_ka.mask >> 32) } };
		if (copy_to_user(oact, &a, sizeof(a)))
			return -EFAULT;
	}
	return ret;
}

struct compat_old_sigaction {
	u32 handler, mask, flags, restorer;
};

/* ia32 sigaction (67): the old structure, a 32-bit mask. */
COMPAT_SYSCALL_DEFINE3(sigaction, int, sig, const struct compat_old_sigaction __user *, act,
		       struct compat_old_sigaction __user *, oact)
{
	struct k_sigaction new_ka, old_ka;
	struct compat_old_sigaction a;
	int ret;

	if (act) {
		if (copy_from_user(&a, act, sizeof(a)))
			return -EFAULT;
		new_ka = (struct k_sigaction){ a.handler, a.flags, a.restorer, a.mask };
	}
	ret = do_sigaction(sig, act ? &new_ka : NULL, oact ? &old_ka : NULL);
	if (!ret && oact) {
		a = (struct compat_old_sigaction){ old_ka.handler, (u32)old_ka.mask,
						   old_ka.flags, old_ka.restorer };
		if (copy_to_user(oact, &a, sizeof(a)))
			return -EFAULT;
	}
	return ret;
}

/* ia32 signal (48): System V semantics, the handler resets itself and
 * does not block its signal; returns the old handler. */
SYSCALL_DEFINE2(signal, int, sig, unsigned long, handler)
{
	struct k_sigaction new_ka = { handler, SA_RESETHAND | SA_NODEFER, 0, 0 }, old_ka;
	int ret = do_sigaction(sig, &new_ka, &old_ka);

	return ret ? ret : (long)old_ka.handler;
}

/* --- masks --------------------------------------------------------------- */

static int sigprocmask(int how, sigset_t set)
{
	struct task *t = current;

	switch (how) {
	case SIG_BLOCK:
		set_current_blocked(t->blocked | set);
		return 0;
	case SIG_UNBLOCK:
		set_current_blocked(t->blocked & ~set);
		return 0;
	case SIG_SETMASK:
		set_current_blocked(set);
		return 0;
	}
	return -EINVAL;
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, const sigset_t __user *, nset,
		sigset_t __user *, oset, size_t, sigsetsize)
{
	sigset_t old = current->blocked, set;
	int err;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (nset) {
		if (copy_from_user(&set, nset, sizeof(set)))
			return -EFAULT;
		err = sigprocmask(how, set & ~SIG_KERNEL_ONLY_MASK);
		if (err)
			return err;
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* ia32 sigprocmask (126): a 32-bit set; SIG_SETMASK replaces the whole
 * first word of the kernel's set, real-time bits included. */
COMPAT_SYSCALL_DEFINE3(sigprocmask, int, how, const u32 __user *, nset, u32 __user *, oset)
{
	u32 old = (u32)current->blocked, set;
	int err;

	if (nset) {
		if (get_user(set, nset))
			return -EFAULT;
		err = sigprocmask(how, (sigset_t)set & ~SIG_KERNEL_ONLY_MASK);
		if (err)
			return err;
	}
	if (oset && put_user(old, oset))
		return -EFAULT;
	return 0;
}

/* Pending and blocked: what waits for an unblock (Linux's do_sigpending()). */
SYSCALL_DEFINE2(rt_sigpending, sigset_t __user *, uset, size_t, sigsetsize)
{
	sigset_t set = (current->pending | current->signal->shared_pending) & current->blocked;

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}

COMPAT_SYSCALL_DEFINE2(rt_sigpending, u32 __user *, uset, u32, sigsetsize)
{
	sigset_t set = (current->pending | current->signal->shared_pending) & current->blocked;

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}

SYSCALL_DEFINE1(sigpending, u32 __user *, uset)
{
	u32 set = (current->pending | current->signal->shared_pending) & current->blocked;

	return put_user(set, uset);
}

/* --- waiting ------------------------------------------------------------- */

/* Sleep with `set` blocked until a signal comes; the old mask returns
 * after the handler ran (TIF_RESTORE_SIGMASK: the frame saves the old
 * mask, so sigreturn restores it). */
static long sigsuspend(sigset_t set)
{
	struct task *t = current;

	t->saved_sigmask = t->blocked;
	set_current_blocked(set);
	while (!signal_pending(t)) {
		t->state = TASK_BLOCKED;
		schedule();
	}
	t->work |= TIF_RESTORE_SIGMASK;
	return -ERESTARTNOHAND;
}

SYSCALL_DEFINE2(rt_sigsuspend, const sigset_t __user *, unewset, size_t, sigsetsize)
{
	sigset_t set;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&set, unewset, sizeof(set)))
		return -EFAULT;
	return sigsuspend(set);
}

/* ia32 sigsuspend (72): the mask is the third argument. */
SYSCALL_DEFINE3(sigsuspend, int, unused1, int, unused2, u32, mask)
{
	(void)unused1;
	(void)unused2;
	return sigsuspend(mask);
}

SYSCALL_DEFINE0(pause)
{
	struct task *t = current;

	while (!signal_pending(t)) {
		t->state = TASK_BLOCKED;
		schedule();
	}
	return -ERESTARTNOHAND;
}

/*
 * Wait for one of `these` (Linux's do_sigtimedwait()): take it if it is
 * pending, else unblock them while sleeping until one comes or the
 * timeout (NULL: none) ends. The signal number, -EAGAIN on timeout,
 * -EINTR when another signal came.
 */
static long do_sigtimedwait(sigset_t these, struct kernel_siginfo *info,
			    const struct timespec64 *ts)
{
	struct task *t = current;
	sigset_t mask = ~(these & ~SIG_KERNEL_ONLY_MASK);
	u64 timeout = ~0ULL;
	int sig;

	if (ts) {
		if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= (long)NSEC_PER_SEC)
			return -EINVAL;
		timeout = (u64)ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
	}
	sig = dequeue_signal(t, mask, info);
	if (!sig && timeout) {
		u64 until = timeout == ~0ULL ? 0 : ktime_get_ns() + timeout;
		bool timed_out = false;

		t->real_blocked = t->blocked;
		t->blocked &= mask;
		set_current_blocked(t->blocked);
		while (!signal_pending(t)) {
			if (until && ktime_get_ns() >= until) {
				timed_out = true;
				break;
			}
			t->wake_at_ns = until;
			t->state = TASK_BLOCKED;
			schedule();
		}
		t->wake_at_ns = 0;
		set_current_blocked(t->real_blocked);
		t->real_blocked = 0;
		sig = dequeue_signal(t, mask, info);
		if (!sig && !timed_out)
			return -EINTR;
	}
	return sig ? sig : -EAGAIN;
}

static long sigtimedwait_common(const sigset_t __user *uthese, void __user *uinfo,
				const struct timespec64 *ts, size_t sigsetsize)
{
	struct kernel_siginfo info;
	sigset_t these;
	long ret;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	ret = do_sigtimedwait(these, &info, ts);
	if (ret > 0 && uinfo && siginfo_to_user(uinfo, &info, syscall_si_abi()))
		ret = -EFAULT;
	return ret;
}

/* 64-bit (128), x32 (523) and ia32's rt_sigtimedwait_time64 (421): a
 * 64-bit timespec; the siginfo in the caller's layout. */
SYSCALL_DEFINE4(rt_sigtimedwait, const sigset_t __user *, uthese, void __user *, uinfo,
		const struct timespec64 __user *, uts, size_t, sigsetsize)
{
	struct timespec64 ts;

	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (in_compat_syscall())
			ts.tv_nsec = (u32)ts.tv_nsec;	/* get_timespec64(): 32-bit tv_nsec */
	}
	return sigtimedwait_common(uthese, uinfo, uts ? &ts : NULL, sigsetsize);
}

/* ia32 rt_sigtimedwait (177): an old_timespec32. */
SYSCALL_DEFINE4(rt_sigtimedwait_time32, const sigset_t __user *, uthese, void __user *, uinfo,
		const s32 __user *, uts, u32, sigsetsize)
{
	struct timespec64 ts;
	s32 t32[2];

	if (uts) {
		if (copy_from_user(t32, uts, sizeof(t32)))
			return -EFAULT;
		ts.tv_sec = t32[0];
		ts.tv_nsec = t32[1];
	}
	return sigtimedwait_common(uthese, uinfo, uts ? &ts : NULL, sigsetsize);
}

/* --- the alternate stack -------------------------------------------------- */

struct stack64 {
	unsigned long sp;
	int flags;
	int pad;
	unsigned long size;
};

SYSCALL_DEFINE2(sigaltstack, const struct stack64 __user *, uss, struct stack64 __user *, uoss)
{
	struct stack64 n, o;
	struct kstack ks, oks;
	int err;

	if (uss) {
		if (copy_from_user(&n, uss, sizeof(n)))
			return -EFAULT;
		ks = (struct kstack){ n.sp, n.size, (unsigned int)n.flags };
	}
	err = do_sigaltstack(uss ? &ks : NULL, uoss ? &oks : NULL, current->regs->sp);
	if (!err && uoss) {
		memset(&o, 0, sizeof(o));
		o.sp = oks.sp;
		o.flags = oks.flags;
		o.size = oks.size;
		if (copy_to_user(uoss, &o, sizeof(o)))
			err = -EFAULT;
	}
	return err;
}

struct compat_stack {
	u32 sp;
	s32 flags;
	u32 size;
};

/* ia32 (186) and x32 (525). */
COMPAT_SYSCALL_DEFINE2(sigaltstack, const struct compat_stack __user *, uss,
		       struct compat_stack __user *, uoss)
{
	struct compat_stack n, o;
	struct kstack ks, oks;
	int err;

	if (uss) {
		if (copy_from_user(&n, uss, sizeof(n)))
			return -EFAULT;
		ks = (struct kstack){ n.sp, n.size, (unsigned int)n.flags };
	}
	err = do_sigaltstack(uss ? &ks : NULL, uoss ? &oks : NULL, current->regs->sp);
	if (!err && uoss) {
		o = (struct compat_stack){ (u32)oks.sp, (s32)oks.flags, (u32)oks.size };
		if (copy_to_user(uoss, &o, sizeof(o)))
			err = -EFAULT;
	}
	return err;
}

/* --- sending ------------------------------------------------------------- */

static bool valid_signal_nr(int sig)
{
	return (unsigned int)sig <= _NSIG;
}

static struct task *find_task(int pid)
{
	for (struct task *t = task_list; t; t = t->next_task)
		if (t->pid == pid)
			return t;
	return NULL;
}

/* check_kill_permission(): the sender's real or effective uid is the
 * target's real or saved uid, or the sender has CAP_KILL (euid 0); SIGCONT
 * goes to anyone of the sender's session. A process may always signal
 * itself. */
static bool kill_ok_by_cred(const struct task *t)
{
	const struct cred *c = &current->cred, *tc = &t->cred;

	return t == current || capable_root() ||
	       c->euid == tc->suid || c->euid == tc->uid ||
	       c->uid == tc->suid || c->uid == tc->uid;
}

/* One target (Linux's group_send_sig_info()): the number is checked per
 * target, so kill(no_such_pid, 99) is ESRCH and kill(pid, 99) EINVAL. A
 * zombie still exists (its pid is taken) but nothing happens to it. */
static int send_one(int sig, const struct kernel_siginfo *info, struct task *t, bool group)
{
	if (!valid_signal_nr(sig))
		return -EINVAL;
	if (!kill_ok_by_cred(t) && !(sig == SIGCONT && t->sid == current->sid))
		return -EPERM;
	if (!sig || (t->state == TASK_ZOMBIE && (!group || !t->signal->live)))
		return 0;
	return group ? send_sig_info_group(sig, info, t) : send_sig_info(sig, info, t);
}

SYSCALL_DEFINE2(kill, int, pid, int, sig)
{
	struct task *self = current;
	struct kernel_siginfo info = { .signo = sig, .code = SI_USER, .pid = self->tgid,
				       .uid = self->cred.uid };

	/* A pid names a process; a thread's tid names its process too. */
	if (pid > 0) {
		struct task *t = find_task(pid);
		return t ? send_one(sig, &info, t, true) : -ESRCH;
	}
	if (pid == (int)0x80000000)
		return -ESRCH;
	/* 0: our process group; < -1: group -pid (kernel/pgrp.c); -1:
	 * everyone but init and ourselves. */
	int ret = -ESRCH, count = 0;
	for (struct task *t = task_list; t; t = t->next_task) {
		if (!thread_group_leader(t))
			continue;	/* once per process */
		if (pid == -1 ? (t->tgid == 1 || t->signal == self->signal) :
		    t->pgid != (pid ? -pid : self->pgid))
			continue;
		int err = send_one(sig, &info, t, true);
		count++;
		if (err != -EPERM)
			ret = err;
	}
	return count ? ret : -ESRCH;
}

static long do_tkill(int tgid, int pid, int sig)
{
	struct kernel_siginfo info = { .signo = sig, .code = SI_TKILL, .pid = current->tgid,
				       .uid = current->cred.uid };
	struct task *t = find_task(pid);

	/* That thread, which must belong to process tgid (tgkill). A
	 * thread that has exited is gone for tkill (its zombie waits only
	 * to be freed). */
	if (!t || (tgid > 0 && tgid != t->tgid) || (t->state == TASK_ZOMBIE && !thread_group_leader(t)))
		return -ESRCH;
	return send_one(sig, &info, t, false);
}

SYSCALL_DEFINE3(tgkill, int, tgid, int, pid, int, sig)
{
	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	return do_tkill(tgid, pid, sig);
}

SYSCALL_DEFINE2(tkill, int, pid, int, sig)
{
	if (pid <= 0)
		return -EINVAL;
	return do_tkill(0, pid, sig);
}
