// SPDX-License-Identifier: MIT
/*
 * The ia32 signal frames and their sigreturns (Linux's
 * arch/x86/kernel/signal_32.c with CONFIG_IA32_EMULATION). A handler
 * installed by an ia32 sigaction (SA_IA32_ABI) gets one of these, in
 * 32-bit mode (CS = __USER32_CS, SS = DS = ES = __USER_DS), with
 *   EAX = sig (and EDX, ECX as below, for -mregparm=3 handlers),
 *   ESP = frame, whose pretcode is the return address: sa_restorer with
 *   SA_RESTORER, else the vDSO's __kernel_sigreturn (sigframe) or
 *   __kernel_rt_sigreturn (rt_sigframe); ESP + 4 aligned to 16.
 *   sigframe (no SA_SIGINFO):  EDX = ECX = 0; sigreturn (119) undoes it
 *   rt_sigframe (SA_SIGINFO):  EDX = &info, ECX = &uc; rt_sigreturn (173)
 * retcode holds the historical `popl %eax; movl $119, %eax; int $0x80`
 * (or `movl $173, %eax; int $0x80`), which debuggers still look for.
 */
#include <trident/signal.h>
#include <trident/task.h>
#include <trident/errno.h>
#include <trident/string.h>
#include <trident/uaccess.h>
#include <trident/syscalls.h>
#include <asm/processor.h>
#include <asm/segment.h>
#include <asm/sigframe.h>
#include <asm/vdso.h>

#define __NR_ia32_sigreturn	119
#define __NR_ia32_rt_sigreturn	173

void load_gs_index(u16 sel);		/* arch/ia32/tls.c */

static u32 get_seg(int which)
{
	u32 v = 0;

	switch (which) {
	case 0: savesegment(gs, v); break;
	case 1: savesegment(fs, v); break;
	case 2: savesegment(ds, v); break;
	default: savesegment(es, v); break;
	}
	return v & 0xffff;
}

static void setup_sigcontext32(struct sigcontext_32 *sc, unsigned long fpstate,
			       const struct pt_regs *regs, u32 mask)
{
	struct task *t = current;

	memset(sc, 0, sizeof(*sc));
	sc->gs = get_seg(0);
	sc->fs = get_seg(1);
	sc->ds = get_seg(2);
	sc->es = get_seg(3);
	sc->di = regs->di;
	sc->si = regs->si;
	sc->bp = regs->bp;
	sc->sp = regs->sp;
	sc->bx = regs->bx;
	sc->dx = regs->dx;
	sc->cx = regs->cx;
	sc->ax = regs->ax;
	sc->trapno = t->trap_nr;
	sc->err = t->error_code;
	sc->ip = regs->ip;
	sc->cs = regs->cs;
	sc->flags = regs->flags;
	sc->sp_at_signal = regs->sp;
	sc->ss = regs->ss;
	sc->fpstate = fpstate;
	sc->oldmask = mask;
	sc->cr2 = t->cr2;
}

/* What the handler runs with, common to both frames. */
static void enter_handler32(struct ksignal *ksig, struct pt_regs *regs, unsigned long frame)
{
	regs->sp = frame;
	regs->ip = ksig->ka.handler;
	regs->ax = ksig->sig;		/* -mregparm=3 */
	loadsegment(ds, __USER_DS);
	loadsegment(es, __USER_DS);
	regs->cs = __USER32_CS;
	regs->ss = __USER_DS;
}

int ia32_setup_frame(struct ksignal *ksig, struct pt_regs *regs, sigset_t set)
{
	static const u8 retcode[8] = { 0x58, 0xb8, __NR_ia32_sigreturn, 0, 0, 0, 0xcd, 0x80 };
	struct sigframe_ia32 f;
	unsigned long fp, restorer;
	struct sigframe_ia32 __user *frame = get_sigframe(ksig, regs, sizeof(f), &fp);

	if (ksig->ka.flags & SA_RESTORER)
		restorer = ksig->ka.restorer;
	else if (vdso32_sigreturn(current))
		restorer = vdso32_sigreturn(current);
	else
		restorer = (unsigned long)frame->retcode;
	memset(&f, 0, sizeof(f));
	f.pretcode = restorer;
	f.sig = ksig->sig;
	setup_sigcontext32(&f.sc, fp, regs, set);
	f.extramask[0] = set >> 32;
	memcpy(f.retcode, retcode, sizeof(retcode));
	if (copy_to_user(frame, &f, sizeof(f)))
		return -EFAULT;
	enter_handler32(ksig, regs, (unsigned long)frame);
	regs->dx = 0;
	regs->cx = 0;
	return 0;
}

int ia32_setup_rt_frame(struct ksignal *ksig, struct pt_regs *regs, sigset_t set)
{
	static const u8 retcode[8] = { 0xb8, __NR_ia32_rt_sigreturn, 0, 0, 0, 0xcd, 0x80, 0 };
	struct task *t = current;
	struct rt_sigframe_ia32 f;
	unsigned long fp;
	struct rt_sigframe_ia32 __user *frame = get_sigframe(ksig, regs, sizeof(f), &fp);

	memset(&f, 0, sizeof(f));
	f.sig = ksig->sig;
	f.pinfo = (unsigned long)frame->info;
	f.puc = (unsigned long)&frame->uc;
	f.uc.uc_flags = 0;		/* UC_FP_XSTATE only with XSAVE */
	f.uc.uc_link = 0;
	f.uc.uc_stack.ss_sp = t->sas_ss_sp;
	f.uc.uc_stack.ss_flags = t->sas_ss_flags;
	f.uc.uc_stack.ss_size = t->sas_ss_size;
	f.pretcode = (ksig->ka.flags & SA_RESTORER) ? ksig->ka.restorer : vdso32_rt_sigreturn(t);
	memcpy(f.retcode, retcode, sizeof(retcode));
	setup_sigcontext32(&f.uc.uc_mcontext, fp, regs, set);
	f.uc.uc_sigmask[0] = set;
	f.uc.uc_sigmask[1] = set >> 32;
	if (copy_to_user(frame, &f, offsetof(struct rt_sigframe_ia32, info)) ||
	    copy_to_user(&frame->uc, &f.uc, sizeof(f) - offsetof(struct rt_sigframe_ia32, uc)) ||
	    siginfo_to_user(frame->info, &ksig->info, ABI_IA32))
		return -EFAULT;
	enter_handler32(ksig, regs, (unsigned long)frame);
	regs->dx = (unsigned long)frame->info;
	regs->cx = (unsigned long)&frame->uc;
	return 0;
}

/* --- sigreturn --------------------------------------------------------- */

/* Can this selector be loaded into DS, ES, FS or GS from the frame? A
 * null one always; else a present DPL-3 data or readable code segment.
 * Linux loads it and turns the fault into a null selector; we look
 * first, with the same result. */
static u16 usable_data_selector(u16 sel)
{
	u32 ar;

	if (sel < 4)
		return sel;
	__asm__ volatile("lar %[sel], %[ar]\n\t"
			 "jz 1f\n\t"
			 "xorl %[ar], %[ar]\n"
			 "1:"
			 : [ar] "=r"(ar) : [sel] "rm"(sel));
	if (!(ar & (1 << 15)) || !(ar & (1 << 12)) || ((ar >> 13) & 3) != 3)
		return 0;
	if ((ar & (1 << 11)) && !(ar & (1 << 9)))	/* code, not readable */
		return 0;
	return sel;
}

/* RPL 3 for the frame's selectors, except a null one (0-3) stays as the
 * frame says (Linux 6.12's fixup_rpl()): loading 0 | 3 would leave
 * 3 in a register that held 0, and the next signal frame would show a
 * change the program never made (sigreturn_32's "Reg 1 mismatch" on an
 * FS of 0; QEMU and Intel CPUs keep the RPL of a null selector). */
static u16 fixup_rpl(u16 sel)
{
	return sel <= 3 ? sel : sel | 3;
}

/* Linux's reload_segments(): only what the handler changed. */
static void reload_segments(const struct sigcontext_32 *sc)
{
	u16 want;

	want = usable_data_selector(fixup_rpl(sc->gs));
	if (want != get_seg(0))
		load_gs_index(want);
	want = usable_data_selector(fixup_rpl(sc->fs));
	if (want != get_seg(1))
		loadsegment(fs, want);
	want = usable_data_selector(fixup_rpl(sc->ds));
	if (want != get_seg(2))
		loadsegment(ds, want);
	want = usable_data_selector(fixup_rpl(sc->es));
	if (want != get_seg(3))
		loadsegment(es, want);
}

static bool ia32_restore_sigcontext(struct pt_regs *regs, const struct sigcontext_32 __user *usc)
{
	struct sigcontext_32 sc;

	current->restart_block.fn = NULL;
	if (copy_from_user(&sc, usc, sizeof(sc)))
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
	regs->cs = sc.cs | 3;
	regs->ss = sc.ss | 3;
	regs->flags = (regs->flags & ~FIX_EFLAGS) | (sc.flags & FIX_EFLAGS);
	regs->orig_ax = -1;
	reload_segments(&sc);
	return fpu__restore_sig(sc.fpstate, true);
}

/* sigreturn (119): the frame starts 8 below ESP (__kernel_sigreturn
 * popped pretcode and the signal number). */
SYSCALL_DEFINE0(ia32_sigreturn)
{
	struct pt_regs *regs = current->regs;
	unsigned long frame = regs->sp - 8;
	const struct sigframe_ia32 __user *f = (const void __user *)frame;
	u32 lo, hi;

	if (!access_ok(f, sizeof(*f)) || get_user(lo, &f->sc.oldmask) ||
	    get_user(hi, &f->extramask[0]))
		goto badframe;
	set_current_blocked(lo | (u64)hi << 32);
	if (!ia32_restore_sigcontext(regs, &f->sc))
		goto badframe;
	return regs->ax;
badframe:
	signal_fault(regs, frame, "32bit sigreturn");
	return 0;
}

/* rt_sigreturn (173): the frame starts 4 below ESP. */
SYSCALL_DEFINE0(ia32_rt_sigreturn)
{
	struct pt_regs *regs = current->regs;
	unsigned long frame = regs->sp - 4;
	const struct rt_sigframe_ia32 __user *f = (const void __user *)frame;
	struct compat_stack_t st;
	struct kstack ks;
	u32 set[2];

	if (!access_ok(f, sizeof(*f)) || copy_from_user(set, f->uc.uc_sigmask, 8))
		goto badframe;
	set_current_blocked(set[0] | (u64)set[1] << 32);
	if (!ia32_restore_sigcontext(regs, &f->uc.uc_mcontext))
		goto badframe;
	if (copy_from_user(&st, &f->uc.uc_stack, sizeof(st)))
		goto badframe;
	ks = (struct kstack){ st.ss_sp, st.ss_size, (unsigned int)st.ss_flags };
	(void)do_sigaltstack(&ks, NULL, regs->sp);
	return regs->ax;
badframe:
	signal_fault(regs, frame, "32bit rt_sigreturn");
	return 0;
}
