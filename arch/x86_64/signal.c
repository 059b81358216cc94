// SPDX-License-Identifier: MIT
/*
 * The 64-bit and x32 signal frames and their sigreturns (Linux's
 * arch/x86/kernel/signal.c get_sigframe() and signal_64.c). The ia32
 * frames are in arch/ia32/signal_32.c; kernel/signal.c decides which.
 *
 * A 64-bit handler starts with
 *   RDI = sig, RSI = &frame->info, RDX = &frame->uc, RAX = 0,
 *   RSP = frame (frame->pretcode, the sa_restorer, is its return address),
 *   RSP + 8 aligned to 16 as after a call, CS = __USER_CS;
 * x32 the same without RAX = 0, with DS = ES = __USER_DS. Both need
 * SA_RESTORER (libc's restorer does rt_sigreturn: 15, x32 513|0x40000000).
 */
#include <trident/signal.h>
#include <trident/task.h>
#include <trident/errno.h>
#include <trident/printk.h>
#include <trident/string.h>
#include <trident/uaccess.h>
#include <trident/syscalls.h>
#include <asm/processor.h>
#include <asm/segment.h>
#include <asm/sigframe.h>

#define FRAME_ALIGNMENT 16

/* Descriptor access rights as LAR returns them. */
#define AR_TYPE_RWDATA		(1 << 9)
#define AR_TYPE_RWDATA_EXPDOWN	(3 << 9)
#define AR_TYPE_MASK		(7 << 9)
#define AR_S			(1 << 12)
#define AR_DPL3			(3 << 13)
#define AR_DPL_MASK		(3 << 13)
#define AR_P			(1 << 15)

static bool user_64bit_mode(const struct pt_regs *regs)
{
	return regs->cs == __USER_CS;
}

/*
 * If regs->ss would make IRET fault, use __USER_DS (Linux's
 * force_valid_ss()): a 64-bit context needs a present, writable DPL-3
 * data segment or none at all.
 */
static void force_valid_ss(struct pt_regs *regs)
{
	u32 ar;

	__asm__ volatile("lar %[old_ss], %[ar]\n\t"
			 "jz 1f\n\t"
			 "xorl %[ar], %[ar]\n"
			 "1:"
			 : [ar] "=r"(ar)
			 : [old_ss] "rm"((u16)regs->ss));
	ar &= AR_DPL_MASK | AR_S | AR_P | AR_TYPE_MASK;
	if (ar != (AR_DPL3 | AR_S | AR_P | AR_TYPE_RWDATA) &&
	    ar != (AR_DPL3 | AR_S | AR_P | AR_TYPE_RWDATA_EXPDOWN))
		regs->ss = __USER_DS;
}

/*
 * Where the frame goes (Linux's get_sigframe()): below the 128-byte red
 * zone of 64-bit code; on the alternate stack for SA_ONSTACK when we are
 * not on it yet; below the x87/SSE area (saved here); aligned so that the
 * handler sees its stack as right after a call (64: RSP + 8 on 16; ia32:
 * ESP + 4 on 16). A frame that would leave the alternate stack it is on
 * gives -1: the task dies of SIGSEGV.
 */
void __user *get_sigframe(struct ksignal *ksig, struct pt_regs *regs, size_t frame_size,
			  unsigned long *fpstate)
{
	struct task *t = current;
	const struct k_sigaction *ka = &ksig->ka;
	bool ia32_frame = ka->flags & SA_IA32_ABI;
	bool nested_altstack = on_sig_stack(regs->sp);
	bool entering_altstack = false;
	unsigned long sp = regs->sp, buf_fx, math_size;

	if (!ia32_frame)
		sp -= 128;
	if (ka->flags & SA_ONSTACK) {
		if (sas_ss_flags(sp) == 0) {
			sp = t->sas_ss_sp + t->sas_ss_size;
			entering_altstack = true;
		}
	} else if (ia32_frame && !nested_altstack && regs->ss != __USER_DS &&
		   !(ka->flags & SA_RESTORER) && ka->restorer) {
		/* The legacy stack switch of old 32-bit programs. */
		sp = ka->restorer;
		entering_altstack = true;
	}
	sp = fpu__alloc_mathframe(sp, ia32_frame, &buf_fx, &math_size);
	*fpstate = sp;
	sp -= frame_size;
	if (ia32_frame)
		sp = ((sp + 4) & -(unsigned long)FRAME_ALIGNMENT) - 4;
	else
		sp = (sp & -(unsigned long)FRAME_ALIGNMENT) - 8;

	if ((nested_altstack || entering_altstack) && !__on_sig_stack(sp)) {
		printk("%s[%d] overflowed sigaltstack\n", t->comm, t->pid);
		return (void __user *)-1L;
	}
	if (!copy_fpstate_to_sigframe(*fpstate, buf_fx, ia32_frame))
		return (void __user *)-1L;
	return (void __user *)sp;
}

void signal_fault(struct pt_regs *regs, unsigned long frame, const char *where)
{
	struct task *t = current;

	if (printk_ratelimit())		/* as Linux's signal_fault() */
		printk("%s[%d] bad frame in %s frame:%lx ip:%lx sp:%lx orax:%lx\n",
		       t->comm, t->pid, where, frame, regs->ip, regs->sp, regs->orig_ax);
	force_sig(SIGSEGV);
}

static unsigned long frame_uc_flags(const struct pt_regs *regs)
{
	/* UC_FP_XSTATE only with XSAVE, which we do not use. */
	unsigned long flags = UC_SIGCONTEXT_SS;

	if (user_64bit_mode(regs))
		flags |= UC_STRICT_RESTORE_SS;
	return flags;
}

/* The 64-bit sigcontext, used by the x32 frame too (Linux's
 * __unsafe_setup_sigcontext()). */
static void setup_sigcontext(struct sigcontext_64 *sc, unsigned long fpstate,
			     const struct pt_regs *regs, sigset_t mask)
{
	struct task *t = current;

	memset(sc, 0, sizeof(*sc));
	sc->di = regs->di;
	sc->si = regs->si;
	sc->bp = regs->bp;
	sc->sp = regs->sp;
	sc->bx = regs->bx;
	sc->dx = regs->dx;
	sc->cx = regs->cx;
	sc->ax = regs->ax;
	sc->r8 = regs->r8;
	sc->r9 = regs->r9;
	sc->r10 = regs->r10;
	sc->r11 = regs->r11;
	sc->r12 = regs->r12;
	sc->r13 = regs->r13;
	sc->r14 = regs->r14;
	sc->r15 = regs->r15;
	sc->trapno = t->trap_nr;
	sc->err = t->error_code;
	sc->ip = regs->ip;
	sc->flags = regs->flags;
	sc->cs = regs->cs;
	sc->gs = 0;
	sc->fs = 0;
	sc->ss = regs->ss;
	sc->fpstate = fpstate;
	sc->oldmask = mask;
	sc->cr2 = t->cr2;
}

static int x64_setup_rt_frame(struct ksignal *ksig, struct pt_regs *regs, sigset_t set)
{
	struct task *t = current;
	struct rt_sigframe_64 f;
	unsigned long fp;
	struct rt_sigframe_64 __user *frame;

	/* x86-64 should always use SA_RESTORER. */
	if (!(ksig->ka.flags & SA_RESTORER))
		return -EFAULT;
	frame = get_sigframe(ksig, regs, sizeof(f), &fp);
	memset(&f, 0, sizeof(f));
	f.pretcode = ksig->ka.restorer;
	f.uc.uc_flags = frame_uc_flags(regs);
	f.uc.uc_link = 0;
	f.uc.uc_stack.ss_sp = t->sas_ss_sp;
	f.uc.uc_stack.ss_flags = t->sas_ss_flags;
	f.uc.uc_stack.ss_size = t->sas_ss_size;
	setup_sigcontext(&f.uc.uc_mcontext, fp, regs, set);
	f.uc.uc_sigmask = set;
	/* The siginfo only for SA_SIGINFO, as Linux. */
	if (copy_to_user(frame, &f, offsetof(struct rt_sigframe_64, info)))
		return -EFAULT;
	if ((ksig->ka.flags & SA_SIGINFO) && siginfo_to_user(&frame->info, &ksig->info, ABI_64))
		return -EFAULT;

	regs->di = ksig->sig;
	regs->ax = 0;			/* for handlers declared without prototypes */
	regs->si = (unsigned long)&frame->info;
	regs->dx = (unsigned long)&frame->uc;
	regs->ip = ksig->ka.handler;
	regs->sp = (unsigned long)frame;
	/* The handler runs in 64-bit mode whatever was interrupted; SS is
	 * kept if it is usable (DOSEMU relies on it), else __USER_DS. */
	regs->cs = __USER_CS;
	if (regs->ss != __USER_DS)
		force_valid_ss(regs);
	return 0;
}

static int x32_setup_rt_frame(struct ksignal *ksig, struct pt_regs *regs, sigset_t set)
{
#ifdef CONFIG_X86_X32_ABI
	struct task *t = current;
	struct rt_sigframe_x32 f;
	unsigned long fp;
	struct rt_sigframe_x32 __user *frame;

	if (!(ksig->ka.flags & SA_RESTORER))
		return -EFAULT;
	frame = get_sigframe(ksig, regs, sizeof(f), &fp);
	memset(&f, 0, sizeof(f));
	f.pretcode = ksig->ka.restorer;
	f.uc.uc_flags = frame_uc_flags(regs);
	f.uc.uc_stack.ss_sp = t->sas_ss_sp;
	f.uc.uc_stack.ss_flags = t->sas_ss_flags;
	f.uc.uc_stack.ss_size = t->sas_ss_size;
	setup_sigcontext(&f.uc.uc_mcontext, fp, regs, set);
	f.uc.uc_sigmask[0] = set;
	f.uc.uc_sigmask[1] = set >> 32;
	if (copy_to_user(frame, &f, offsetof(struct rt_sigframe_x32, info)))
		return -EFAULT;
	if ((ksig->ka.flags & SA_SIGINFO) && siginfo_to_user(&frame->info, &ksig->info, ABI_X32))
		return -EFAULT;

	regs->sp = (unsigned long)frame;
	regs->ip = ksig->ka.handler;
	regs->di = ksig->sig;
	regs->si = (unsigned long)&frame->info;
	regs->dx = (unsigned long)&frame->uc;
	loadsegment(ds, __USER_DS);
	loadsegment(es, __USER_DS);
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	return 0;
#else
	(void)ksig;
	(void)regs;
	(void)set;
	return -EFAULT;
#endif
}

/* The 64-bit and x32 frames (ia32's go through kernel/signal.c to
 * arch/ia32/signal_32.c). */
int setup_rt_frame(struct ksignal *ksig, struct pt_regs *regs, sigset_t saved)
{
	if (ksig->ka.flags & SA_X32_ABI)
		return x32_setup_rt_frame(ksig, regs, saved);
	return x64_setup_rt_frame(ksig, regs, saved);
}

/* --- sigreturn --------------------------------------------------------- */

/*
 * Put the saved registers back (Linux's restore_sigcontext()). CS and SS
 * get RPL 3 whatever the frame says, only the FIX_EFLAGS bits of RFLAGS
 * come from it, and orig_ax = -1 so no restart logic touches the result.
 * The frame may still name a state SYSRET cannot return to (a
 * non-canonical RIP, other selectors, TF): do_syscall_64 then returns by
 * IRET, and a fault of IRET itself becomes a SIGSEGV (idt_entry.asm).
 */
static bool restore_sigcontext(struct pt_regs *regs, const struct sigcontext_64 __user *usc,
			       unsigned long uc_flags)
{
	struct sigcontext_64 sc;

	current->restart_block.fn = NULL;
	if (copy_from_user(&sc, usc, offsetof(struct sigcontext_64, reserved1)))
		return false;
	regs->bx = sc.bx;
	regs->cx = sc.cx;
	regs->dx = sc.dx;
	regs->si = sc.si;
	regs->di = sc.di;
	regs->bp = sc.bp;
	regs->ax = sc.ax;
	regs->sp = sc.sp;
	regs->ip = sc.ip;
	regs->r8 = sc.r8;
	regs->r9 = sc.r9;
	regs->r10 = sc.r10;
	regs->r11 = sc.r11;
	regs->r12 = sc.r12;
	regs->r13 = sc.r13;
	regs->r14 = sc.r14;
	regs->r15 = sc.r15;
	regs->cs = sc.cs | 3;
	regs->ss = sc.ss | 3;
	regs->flags = (regs->flags & ~FIX_EFLAGS) | (sc.flags & FIX_EFLAGS);
	regs->orig_ax = -1;
	/* Old programs (DOSEMU, CRIU) that do not ask for the exact SS. */
	if (!(uc_flags & UC_STRICT_RESTORE_SS) && user_64bit_mode(regs))
		force_valid_ss(regs);
	return fpu__restore_sig(sc.fpstate, false);
}

static int restore_altstack64(const struct stack_64 __user *uss)
{
	struct stack_64 s;
	struct kstack ks;

	if (copy_from_user(&s, uss, sizeof(s)))
		return -EFAULT;
	ks = (struct kstack){ s.ss_sp, s.ss_size, (unsigned int)s.ss_flags };
	(void)do_sigaltstack(&ks, NULL, current->regs->sp);	/* only EFAULT counts */
	return 0;
}

/* rt_sigreturn (15): the frame starts 8 below RSP (the restorer's ret
 * popped pretcode). Returns the restored RAX. */
SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *regs = current->regs;
	unsigned long frame = regs->sp - 8;
	const struct rt_sigframe_64 __user *f = (const void __user *)frame;
	u64 set, uc_flags;

	if (!access_ok(f, sizeof(*f)) || get_user(set, &f->uc.uc_sigmask) ||
	    get_user(uc_flags, &f->uc.uc_flags))
		goto badframe;
	set_current_blocked(set);
	/* The alternate stack first, while RSP is still the handler's (since
	 * Linux 6.12, "x86/pkeys: Restore altstack access in sigreturn()"):
	 * so a handler that left SS_AUTODISARM's stack in place keeps it;
	 * x32 and ia32 still restore it after the registers. */
	if (restore_altstack64(&f->uc.uc_stack))
		goto badframe;
	if (!restore_sigcontext(regs, &f->uc.uc_mcontext, uc_flags))
		goto badframe;
	return regs->ax;
badframe:
	signal_fault(regs, frame, "rt_sigreturn");
	return 0;
}

#ifdef CONFIG_X86_X32_ABI
static int restore_altstack32(const struct compat_stack_t __user *uss)
{
	struct compat_stack_t s;
	struct kstack ks;

	if (copy_from_user(&s, uss, sizeof(s)))
		return -EFAULT;
	ks = (struct kstack){ s.ss_sp, s.ss_size, (unsigned int)s.ss_flags };
	(void)do_sigaltstack(&ks, NULL, current->regs->sp);
	return 0;
}

/* x32's rt_sigreturn (513 | __X32_SYSCALL_BIT). */
COMPAT_SYSCALL_DEFINE0(x32_rt_sigreturn)
{
	struct pt_regs *regs = current->regs;
	unsigned long frame = regs->sp - 8;
	const struct rt_sigframe_x32 __user *f = (const void __user *)frame;
	u32 set[2], uc_flags;

	if (!access_ok(f, sizeof(*f)) || copy_from_user(set, f->uc.uc_sigmask, 8) ||
	    get_user(uc_flags, &f->uc.uc_flags))
		goto badframe;
	set_current_blocked(set[0] | (u64)set[1] << 32);
	if (!restore_sigcontext(regs, &f->uc.uc_mcontext, uc_flags))
		goto badframe;
	if (restore_altstack32(&f->uc.uc_stack))
		goto badframe;
	return regs->ax;
badframe:
	signal_fault(regs, frame, "x32 rt_sigreturn");
	return 0;
}
#endif
