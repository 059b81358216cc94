// SPDX-License-Identifier: MIT
/*
 * ptrace (Linux's kernel/ptrace.c and arch/x86/kernel/ptrace.c): a tracer
 * stops its tracee at system-call entry and exit (PTRACE_SYSCALL,
 * PTRACE_SYSEMU) and at each signal, reads and writes its registers, and
 * resumes it. One tracer per tracee (task->ptracer); the tracee's real
 * parent stays task->parent.
 *
 * A ptrace stop is TASK_TRACED with the wait status in stop_code:
 * (exit_code << 8) | 0x7f. The tracer's wait4 / waitid report it without
 * WUNTRACED (kernel/exit.c, waitid.c: CLD_TRAPPED), and the tracer gets
 * SIGCHLD. SIGCONT does not end it; the tracer's resume or SIGKILL does.
 *
 * Register views (Linux's regsets): a 64-bit or x32 tracer sees struct
 * user_regs_struct (27 longs, <sys/user.h>) for every tracee, an ia32
 * tracee's values zero-extended; an ia32 tracer sees the 17-word
 * compat layout (struct user_regs_struct32).
 */
#include <trident/ptrace.h>
#include <trident/task.h>
#include <trident/signal.h>
#include <trident/syscalls.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/string.h>
#include <trident/compat.h>
#include <trident/vm.h>
#include <asm/segment.h>
#include <asm/processor.h>

/* RFLAGS bits a tracer may change (Linux's FLAG_MASK): CF PF AF ZF SF
 * TF DF OF RF AC. */
#define FLAG_MASK 0x50dd5UL

/* --- stops ----------------------------------------------------------------- */

/*
 * Stop for the tracer with exit_code (Linux's ptrace_stop()): the tracer
 * learns it (SIGCHLD CLD_TRAPPED, its wait wakes); we sleep until it
 * resumes us or SIGKILL comes. Returns the signal the tracer resumed us
 * with. No stop when SIGKILL is already pending: we are dying.
 */
static int ptrace_stop(int exit_code, const struct kernel_siginfo *info)
{
	struct task *t = current;

	if (!t->ptracer || fatal_signal_pending(t))
		return 0;
	t->ptrace_info = *info;
	t->ptrace_resume = 0;
	t->stop_code = (exit_code << 8) | 0x7f;
	t->state = TASK_TRACED;
	do_notify_cldstop_to(t->ptracer, t, CLD_TRAPPED, exit_code);
	schedule();
	t->stop_code = 0;
	return t->ptrace_resume;
}

/* Entry or exit stop: SIGTRAP, | 0x80 with PTRACE_O_TRACESYSGOOD (Linux's
 * ptrace_report_syscall()). A signal the tracer resumes with is sent to
 * ourselves, SI_KERNEL (send_sig(sig, current, 1)). */
static void report_syscall(void)
{
	struct task *t = current;
	int code = SIGTRAP | ((t->ptrace_opts & PTRACE_O_TRACESYSGOOD) ? 0x80 : 0);
	struct kernel_siginfo info = { .signo = SIGTRAP, .code = code, .pid = t->pid };
	int sig = ptrace_stop(code, &info);

	if (sig)
		send_signal(t, sig);
}

bool ptrace_syscall_enter(struct pt_regs *regs)
{
	struct task *t = current;
	unsigned long work = t->work;

	(void)regs;
	if (!(work & (TIF_SYSCALL_TRACE | TIF_SYSCALL_EMU)))
		return fatal_signal_pending(t);	/* single-stepping only */
	report_syscall();
	/* SYSEMU: the tracer emulates the call; a dying tracee skips it. */
	return (work & TIF_SYSCALL_EMU) || fatal_signal_pending(t);
}

void ptrace_syscall_exit(struct pt_regs *regs)
{
	unsigned long work = current->work;

	/* Linux's syscall_exit_work(): a single-stepped system call ends
	 * in a SIGTRAP (TRAP_BRKPT, user_single_step_report()) instead of
	 * the exit stop, before any user instruction runs; not under
	 * SYSEMU. */
	if ((work & TIF_SINGLESTEP) && !(work & TIF_SYSCALL_EMU)) {
		current->trap_nr = 1;		/* send_sigtrap(regs, 0, TRAP_BRKPT) */
		current->error_code = 0;
		force_sig_fault(SIGTRAP, TRAP_BRKPT, regs->ip);
	} else if (work & TIF_SYSCALL_TRACE) {
		report_syscall();
	}
}

void ptrace_notify_step(void)
{
	struct kernel_siginfo info = { .signo = SIGTRAP, .code = SIGTRAP, .pid = current->pid };

	ptrace_stop(SIGTRAP, &info);
}

/*
 * PTRACE_SINGLESTEP (Linux's user_enable_single_step()): TF in the
 * tracee's flags, marked as the tracer's (TIF_FORCED_TF) unless the task
 * had set it itself, and TIF_SINGLESTEP for the system calls, whose
 * SYSCALL or INT clears TF. Every other resume, a detach, a fork and a
 * signal's delivery undo it (user_disable_single_step()): the forced TF
 * goes; a TF of the task's own stays.
 */
static void enable_single_step(struct task *t)
{
	if (!(t->regs->flags & X86_EFLAGS_TF))
		t->work |= TIF_FORCED_TF;
	t->regs->flags |= X86_EFLAGS_TF;
	t->work |= TIF_SINGLESTEP;
}

void user_disable_single_step(struct task *t)
{
	if (t->work & TIF_FORCED_TF)
		t->regs->flags &= ~X86_EFLAGS_TF;
	t->work &= ~(TIF_SINGLESTEP | TIF_FORCED_TF);
}

/* Linux's ptrace_signal(): a signal-delivery stop. The tracer may cancel
 * the signal (resume with 0) or replace it; a replacement looks sent by
 * the tracer (SI_USER, its pid), and waits if we now block it. */
int ptrace_signal(int sig, struct kernel_siginfo *info)
{
	struct task *t = current;
	struct task *tracer = t->ptracer;
	int newsig = ptrace_stop(sig, info);

	if (!newsig)
		return 0;
	if (newsig != sig) {
		*info = (struct kernel_siginfo){ .signo = newsig, .code = SI_USER,
						 .pid = tracer ? tracer->pid : 0 };
	}
	if (t->blocked & sigmask(newsig)) {
		send_sig_info(newsig, info, t);
		return 0;
	}
	return newsig;
}

void ptrace_exec(void)
{
	struct task *t = current;

	if (t->ptracer && !t->ptrace_seized) {
		struct kernel_siginfo info = { .signo = SIGTRAP, .code = SI_USER, .pid = t->pid };
		send_sig_info(SIGTRAP, &info, t);
	}
}

/* Untrace: the flags go, a stopped tracee runs on with signal sig. */
static void ptrace_detach(struct task *child, int sig)
{
	child->ptracer = NULL;
	child->ptrace_opts = 0;
	child->ptrace_seized = false;
	user_disable_single_step(child);
	child->work &= ~TIF_SYSCALL_WORK;
	if (child->state == TASK_TRACED) {
		child->ptrace_resume = sig;
		child->stop_code = 0;
		child->state = TASK_RUNNING;
	}
}

void ptrace_exit(struct task *t)
{
	for (struct task *c = task_list; c; c = c->next_task) {
		if (c->ptracer == t)
			ptrace_detach(c, 0);
	}
	if (t->ptracer) {
		struct task *tracer = t->ptracer;
		ptrace_detach(t, 0);
		wake_up(tracer);
	}
}

/* --- registers ------------------------------------------------------------- */

static bool invalid_selector(unsigned long v)
{
	return v && (v & 3) != 3;
}

/* user_regs_struct word off / 8 (Linux's getreg()). */
static unsigned long getreg(struct task *child, unsigned int off)
{
	const struct pt_regs *regs = child->regs;

	/* A TF the tracer set for PTRACE_SINGLESTEP is not shown (get_flags()). */
	if (off == offsetof(struct pt_regs, flags) && (child->work & TIF_FORCED_TF))
		return regs->flags & ~X86_EFLAGS_TF;
	if (off < offsetof(struct pt_regs, ss) + 8)
		return *(const unsigned long *)((const char *)regs + off);
	switch (off / 8) {
	case 21: return child->fs_base;
	case 22: return child->gs_base;
	case 23: return child->ds;
	case 24: return child->es;
	case 25: return child->fsindex;
	default: return child->gsindex;
	}
}

/* Linux's putreg(): 0 or -EIO for a value the CPU could not take. */
static int putreg(struct task *child, unsigned int off, unsigned long v)
{
	struct pt_regs *regs = child->regs;

	switch (off) {
	case offsetof(struct pt_regs, cs):
	case offsetof(struct pt_regs, ss):
		if (!v || invalid_selector(v))
			return -EIO;
		break;
	case offsetof(struct pt_regs, flags):
		/* set_flags(): a TF written is the task's own from now on; a
		 * forced one stays while single-stepping. */
		if (v & X86_EFLAGS_TF)
			child->work &= ~TIF_FORCED_TF;
		else if (child->work & TIF_FORCED_TF)
			v |= X86_EFLAGS_TF;
		v = (regs->flags & ~FLAG_MASK) | (v & FLAG_MASK);
		break;
	case 21 * 8:
	case 22 * 8:
		if (v >= TASK_SIZE_64)
			return -EIO;
		if (off == 21 * 8)
			child->fs_base = v;
		else
			child->gs_base = v;
		return 0;
	case 23 * 8: case 24 * 8: case 25 * 8: case 26 * 8:
		if (invalid_selector(v))
			return -EIO;
		v &= 0xffff;
		if (off == 23 * 8)
			child->ds = v;
		else if (off == 24 * 8)
			child->es = v;
		else if (off == 25 * 8)
			child->fsindex = v;
		else
			child->gsindex = v;
		return 0;
	}
	*(unsigned long *)((char *)regs + off) = v;
	return 0;
}

/* The ia32 view: struct user_regs_struct32 word i, and the pt_regs
 * offset behind it (-1: a selector kept in the task). */
static const short user32_to_pt[17] = {
	offsetof(struct pt_regs, bx), offsetof(struct pt_regs, cx),
	offsetof(struct pt_regs, dx), offsetof(struct pt_regs, si),
	offsetof(struct pt_regs, di), offsetof(struct pt_regs, bp),
	offsetof(struct pt_regs, ax), 23 * 8, 24 * 8, 25 * 8, 26 * 8,
	offsetof(struct pt_regs, orig_ax), offsetof(struct pt_regs, ip),
	offsetof(struct pt_regs, cs), offsetof(struct pt_regs, flags),
	offsetof(struct pt_regs, sp), offsetof(struct pt_regs, ss),
};

static u32 getreg32(struct task *child, unsigned int off)
{
	return getreg(child, user32_to_pt[off / 4]);
}

/* Linux's putreg32(): EAX and ORIG_EAX are sign-extended, so -1 and the
 * -ERESTART* codes mean what they mean to a 64-bit kernel. */
static int putreg32(struct task *child, unsigned int off, u32 v)
{
	unsigned int poff = user32_to_pt[off / 4];

	if (poff == offsetof(struct pt_regs, ax) || poff == offsetof(struct pt_regs, orig_ax))
		return putreg(child, poff, (unsigned long)(long)(s32)v);
	return putreg(child, poff, v);
}

/* --- the requests ---------------------------------------------------------- */

static struct task *find_task(int pid)
{
	for (struct task *t = task_list; t; t = t->next_task) {
		if (t->pid == pid && t->state != TASK_ZOMBIE)
			return t;
	}
	return NULL;
}

static long ptrace_attach(struct task *child, long request, unsigned long addr,
			  unsigned long flags)
{
	if (child == current || child->pid == 1 || child->ptracer)
		return -EPERM;
	if (request == PTRACE_SEIZE) {
		if (addr)
			return -EIO;
		if (flags & ~(unsigned long)PTRACE_O_MASK)
			return -EINVAL;
		child->ptrace_opts = flags;
		child->ptrace_seized = true;
	}
	child->ptracer = current;
	if (request == PTRACE_ATTACH && child->state == TASK_STOPPED) {
		/* Already in a job-control stop: it becomes a ptrace stop
		 * the tracer can see and end (Linux's JOBCTL_TRAP_STOP). */
		child->ptrace_info = (struct kernel_siginfo){ .signo = SIGSTOP, .code = SI_USER };
		child->stop_code = (SIGSTOP << 8) | 0x7f;
		child->state = TASK_TRACED;
		return 0;
	}
	if (request == PTRACE_ATTACH) {
		struct kernel_siginfo info = { .signo = SIGSTOP, .code = SI_KERNEL };
		send_sig_info(SIGSTOP, &info, child);
	}
	return 0;
}

static long ptrace_resume(struct task *child, long request, unsigned long data)
{
	if (data > _NSIG)
		return -EIO;
	user_disable_single_step(child);
	child->work &= ~TIF_SYSCALL_WORK;
	if (request == PTRACE_SINGLESTEP)
		enable_single_step(child);
	else if (request == PTRACE_SYSCALL)
		child->work |= TIF_SYSCALL_TRACE;
	else if (request == PTRACE_SYSEMU)
		child->work |= TIF_SYSCALL_EMU;
	child->ptrace_resume = data;
	child->state = TASK_RUNNING;
	return 0;
}

/* PEEKTEXT/PEEKDATA and POKETEXT/POKEDATA (the two names are one
 * request on x86): one word of the tracee's memory, the tracer's long
 * (4 bytes for ia32 and x32 tracers, Linux's compat_ptrace_request()),
 * stored at data or taken from data. Any failure to reach the whole
 * word is -EIO (generic_ptrace_peekdata()). */
static long ptrace_access(struct task *child, long request, unsigned long addr,
			  unsigned long data, unsigned int size)
{
	unsigned long word = 0;
	bool write = request == PTRACE_POKETEXT || request == PTRACE_POKEDATA;

	if (write)
		word = size == 4 ? (u32)data : data;
	if (vm_access(child->mm, addr, &word, size, write))
		return -EIO;
	if (write)
		return 0;
	if (size == 4)
		return put_user((u32)word, (u32 __user *)data) ? -EFAULT : 0;
	return put_user(word, (unsigned long __user *)data) ? -EFAULT : 0;
}

/* Which register layout the tracer speaks. */
enum view { VIEW_64, VIEW_X32, VIEW_IA32 };

static long ptrace_request(long request, long pid, unsigned long addr,
			   unsigned long data, enum view view)
{
	struct task *self = current, *child;

	if (request == PTRACE_TRACEME) {
		if (self->ptracer || !self->parent)
			return -EPERM;
		self->ptracer = self->parent;
		return 0;
	}
	child = find_task(pid);
	if (!child)
		return -ESRCH;
	if (request == PTRACE_ATTACH || request == PTRACE_SEIZE)
		return ptrace_attach(child, request, addr, data);
	/* ptrace_check_attach(): ours, and stopped (PTRACE_KILL: any state). */
	if (child->ptracer != self)
		return -ESRCH;
	if (request == PTRACE_KILL) {
		send_signal(child, SIGKILL);
		return 0;
	}
	if (child->state != TASK_TRACED)
		return -ESRCH;

	switch (request) {
	case PTRACE_CONT:
	case PTRACE_SYSCALL:
	case PTRACE_SYSEMU:
	case PTRACE_SINGLESTEP:
		return ptrace_resume(child, request, data);
	case PTRACE_DETACH:
		if (data > _NSIG)
			return -EIO;
		ptrace_detach(child, data);
		return 0;
	case PTRACE_SETOPTIONS:
		if (data & ~(unsigned long)PTRACE_O_MASK)
			return -EINVAL;
		child->ptrace_opts = data;
		return 0;
	case PTRACE_GETEVENTMSG:
		return view == VIEW_IA32 || view == VIEW_X32
			? (put_user((u32)0, (u32 __user *)data) ? -EFAULT : 0)
			: (put_user(0UL, (unsigned long __user *)data) ? -EFAULT : 0);
	case PTRACE_GETSIGINFO:
		return siginfo_to_user((void __user *)data, &child->ptrace_info,
				       view == VIEW_64 ? ABI_64 : view == VIEW_X32 ? ABI_X32 : ABI_IA32);
	case PTRACE_PEEKTEXT:
	case PTRACE_PEEKDATA:
	case PTRACE_POKETEXT:
	case PTRACE_POKEDATA:
		return ptrace_access(child, request, addr, data, view == VIEW_64 ? 8 : 4);
	}

	if (view == VIEW_IA32) {
		switch (request) {
		case PTRACE_PEEKUSR: {
			u32 v = 0;
			if ((addr & 3) || addr >= USER32_SIZE)
				return -EIO;
			if (addr < USER32_REGS_SIZE)
				v = getreg32(child, addr);
			else if (addr >= USER32_DEBUGREG && addr < USER32_DEBUGREG + 32)
				v = ptrace_get_debugreg(child, (addr - USER32_DEBUGREG) / 4);
			return put_user(v, (u32 __user *)data) ? -EFAULT : 0;
		}
		case PTRACE_POKEUSR:
			if ((addr & 3) || addr >= USER32_SIZE)
				return -EIO;
			if (addr < USER32_REGS_SIZE)
				return putreg32(child, addr, data);
			/* u_debugreg[]: the 32-bit value (arch/x86_64/hw_breakpoint.c) */
			if (addr >= USER32_DEBUGREG && addr < USER32_DEBUGREG + 32)
				return ptrace_set_debugreg(child, (addr - USER32_DEBUGREG) / 4, (u32)data);
			return -EIO;
		case PTRACE_GETREGS: {
			u32 buf[17];
			for (int i = 0; i < 17; i++)
				buf[i] = getreg32(child, i * 4);
			return copy_to_user((void __user *)data, buf, sizeof(buf)) ? -EFAULT : 0;
		}
		case PTRACE_SETREGS: {
			u32 buf[17];
			if (copy_from_user(buf, (const void __user *)data, sizeof(buf)))
				return -EFAULT;
			for (int i = 0; i < 17; i++) {
				int err = putreg32(child, i * 4, buf[i]);
				if (err)
					return err;
			}
			return 0;
		}
		}
		return -EIO;
	}

	/* x32 tracers reach only the segment registers, bases and debug
	 * registers by PEEKUSER / POKEUSER (Linux's x32_arch_ptrace()). */
	if (view == VIEW_X32 && (request == PTRACE_PEEKUSR || request == PTRACE_POKEUSR) &&
	    addr < offsetof(struct pt_regs, cs))
		return -EIO;
	switch (request) {
	case PTRACE_PEEKUSR: {
		unsigned long v = 0;
		if ((addr & 7) || addr >= USER64_SIZE)
			return -EIO;
		if (addr < USER64_REGS_SIZE)
			v = getreg(child, addr);
		else if (addr >= USER64_DEBUGREG && addr < USER64_DEBUGREG + 64)
			v = ptrace_get_debugreg(child, (addr - USER64_DEBUGREG) / 8);
		/* x32's long is 32 bits (x32_arch_ptrace()'s u32). */
		if (view == VIEW_X32)
			return put_user((u32)v, (u32 __user *)data) ? -EFAULT : 0;
		return put_user(v, (unsigned long __user *)data) ? -EFAULT : 0;
	}
	case PTRACE_POKEUSR:
		if ((addr & 7) || addr >= USER64_SIZE)
			return -EIO;
		if (addr < USER64_REGS_SIZE)
			return putreg(child, addr, data);
		/* u_debugreg[] (arch/x86_64/hw_breakpoint.c) */
		if (addr >= USER64_DEBUGREG && addr < USER64_DEBUGREG + 64)
			return ptrace_set_debugreg(child, (addr - USER64_DEBUGREG) / 8, data);
		return -EIO;
	case PTRACE_GETREGS: {
		unsigned long buf[27];
		for (int i = 0; i < 27; i++)
			buf[i] = getreg(child, i * 8);
		return copy_to_user((void __user *)data, buf, sizeof(buf)) ? -EFAULT : 0;
	}
	case PTRACE_SETREGS: {
		unsigned long buf[27];
		if (copy_from_user(buf, (const void __user *)data, sizeof(buf)))
			return -EFAULT;
		for (int i = 0; i < 27; i++) {
			int err = putreg(child, i * 8, buf[i]);
			if (err)
				return err;
		}
		return 0;
	}
	}
	return -EIO;
}

SYSCALL_DEFINE4(ptrace, long, request, long, pid, unsigned long, addr, unsigned long, data)
{
	return ptrace_request(request, pid, addr, data, VIEW_64);
}

/* ia32's 26 and x32's 521: the views of the tracer's ABI. */
COMPAT_SYSCALL_DEFINE4(ptrace, compat_long_t, request, compat_long_t, pid,
		       compat_ulong_t, addr, compat_ulong_t, data)
{
	return ptrace_request(request, pid, addr, data,
			      in_ia32_syscall() ? VIEW_IA32 : VIEW_X32);
}
