/* SPDX-License-Identifier: MIT */
/*
 * What a signal handler finds on its stack, per ABI: Linux's
 * arch/x86/include/asm/sigframe.h, uapi/asm/sigcontext.h and
 * uapi/asm/ucontext.h, byte for byte (the sizes are asserted below;
 * AT_MINSIGSTKSZ in kernel/exec.c is computed from them).
 *
 *   64-bit  rt_sigframe:      pretcode, ucontext (sigcontext_64), siginfo
 *   x32     rt_sigframe_x32:  pretcode (8), ucontext_x32 (32-bit words
 *                             around the 64-bit sigcontext), compat siginfo
 *   ia32    sigframe_ia32:    pretcode, sig, sigcontext_32, an unused
 *                             fpstate, extramask, retcode
 *   ia32    rt_sigframe_ia32: pretcode, sig, pinfo, puc, compat siginfo,
 *                             ucontext_ia32, retcode
 * The x87/SSE state lies above each frame (fpu_signal.c).
 */
#ifndef _ASM_SIGFRAME_H
#define _ASM_SIGFRAME_H

#include <trident/types.h>
#include <trident/signal.h>
#include <asm/ptrace.h>

/* uc_flags */
#define UC_FP_XSTATE		0x1
#define UC_SIGCONTEXT_SS	0x2
#define UC_STRICT_RESTORE_SS	0x4

struct sigcontext_64 {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 di, si, bp, bx, dx, ax, cx, sp, ip, flags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2;
	u64 fpstate;			/* the fxsave area, 0 when none */
	u64 reserved1[8];
};

struct stack_64 {
	u64 ss_sp;
	s32 ss_flags;
	s32 pad;
	u64 ss_size;
};

struct ucontext_64 {
	u64 uc_flags;
	u64 uc_link;
	struct stack_64 uc_stack;
	struct sigcontext_64 uc_mcontext;
	u64 uc_sigmask;
};

struct rt_sigframe_64 {
	u64 pretcode;
	struct ucontext_64 uc;
	u8 info[128];
};

struct compat_stack_t {
	u32 ss_sp;
	s32 ss_flags;
	u32 ss_size;
};

struct ucontext_x32 {
	u32 uc_flags;
	u32 uc_link;
	struct compat_stack_t uc_stack;
	u32 uc__pad0;
	struct sigcontext_64 uc_mcontext;
	u32 uc_sigmask[2];
};

struct rt_sigframe_x32 {
	u64 pretcode;
	struct ucontext_x32 uc;
	u8 info[128];
};

struct sigcontext_32 {
	u16 gs, __gsh, fs, __fsh, es, __esh, ds, __dsh;
	u32 di, si, bp, sp, bx, dx, cx, ax;
	u32 trapno, err, ip;
	u16 cs, __csh;
	u32 flags, sp_at_signal;
	u16 ss, __ssh;
	u32 fpstate;			/* the fsave header, 0 when none */
	u32 oldmask, cr2;
};

struct ucontext_ia32 {
	u32 uc_flags;
	u32 uc_link;
	struct compat_stack_t uc_stack;
	struct sigcontext_32 uc_mcontext;
	u32 uc_sigmask[2];
};

/* struct _fpstate_32: the 112-byte fsave header, then the fxsave image. */
#define FREGS_SIZE		112
#define FPSTATE_32_SIZE		(FREGS_SIZE + 512)

struct sigframe_ia32 {
	u32 pretcode;
	s32 sig;
	struct sigcontext_32 sc;
	u8 fpstate_unused[FPSTATE_32_SIZE];
	u32 extramask[1];
	u8 retcode[8];
};

struct rt_sigframe_ia32 {
	u32 pretcode;
	s32 sig;
	u32 pinfo;
	u32 puc;
	u8 info[128];
	struct ucontext_ia32 uc;
	u8 retcode[8];
};

_Static_assert(sizeof(struct sigcontext_64) == 256, "sigcontext_64");
_Static_assert(sizeof(struct ucontext_64) == 304, "ucontext");
_Static_assert(sizeof(struct rt_sigframe_64) == 440, "rt_sigframe");
_Static_assert(sizeof(struct ucontext_x32) == 288, "ucontext_x32");
_Static_assert(sizeof(struct rt_sigframe_x32) == 424, "rt_sigframe_x32");
_Static_assert(sizeof(struct sigcontext_32) == 88, "sigcontext_32");
_Static_assert(sizeof(struct ucontext_ia32) == 116, "ucontext_ia32");
_Static_assert(sizeof(struct sigframe_ia32) == 732, "sigframe_ia32");
_Static_assert(sizeof(struct rt_sigframe_ia32) == 268, "rt_sigframe_ia32");

/* Bits of RFLAGS a sigreturn may change (Linux's FIX_EFLAGS). */
#define FIX_EFLAGS	(X86_EFLAGS_AC | X86_EFLAGS_OF | X86_EFLAGS_DF | X86_EFLAGS_TF | \
			 X86_EFLAGS_SF | X86_EFLAGS_ZF | X86_EFLAGS_AF | X86_EFLAGS_PF | \
			 X86_EFLAGS_CF | X86_EFLAGS_RF)

/* arch/x86_64/signal.c: where the frame goes (the alternate stack, the
 * red zone, the FPU area above it, the alignment), with the x87/SSE state
 * already saved at *fpstate; (void __user *)-1 when it cannot go. */
void __user *get_sigframe(struct ksignal *ksig, struct pt_regs *regs, size_t frame_size,
			  unsigned long *fpstate);
/* A sigreturn found a bad frame: say so, SIGSEGV (Linux's signal_fault()). */
void signal_fault(struct pt_regs *regs, unsigned long frame, const char *where);

/* arch/x86_64/fpu_signal.c (Linux's fpu/signal.c). */
unsigned long fpu__alloc_mathframe(unsigned long sp, bool ia32_frame,
				   unsigned long *buf_fx, unsigned long *size);
bool copy_fpstate_to_sigframe(unsigned long buf, unsigned long buf_fx, bool ia32_fxstate);
bool fpu__restore_sig(unsigned long buf, bool ia32_frame);
void fpu__clear_user_states(void);

#endif
