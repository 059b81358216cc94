/* SPDX-License-Identifier: MIT */
/*
 * The kernel's signal frames as a handler sees them, per ABI (Linux's
 * uapi/asm/sigcontext.h and ucontext.h): the signal tests read and write
 * the saved registers through these, with glibc or our libc alike.
 *   x86_64: ucontext (uc_flags, uc_link, stack_t, sigcontext_64, mask)
 *   x32:    ucontext_x32 (32-bit words around sigcontext_64)
 *   i386:   ucontext_ia32 (sigcontext_32)
 * A SA_SIGINFO handler's third argument points at the ucontext.
 */
#ifndef TRIDENT_SIGFRAME_H
#define TRIDENT_SIGFRAME_H

#include <stdint.h>

#define T_UC_FP_XSTATE		1
#define T_UC_SIGCONTEXT_SS	2
#define T_UC_STRICT_RESTORE_SS	4
#define T_FP_XSTATE_MAGIC1	0x46505853u

struct t_sigcontext_64 {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t di, si, bp, bx, dx, ax, cx, sp, ip, flags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
	uint64_t fpstate;
	uint64_t reserved1[8];
};

struct t_sigcontext_32 {
	uint16_t gs, __gsh, fs, __fsh, es, __esh, ds, __dsh;
	uint32_t di, si, bp, sp, bx, dx, cx, ax;
	uint32_t trapno, err, ip;
	uint16_t cs, __csh;
	uint32_t flags, sp_at_signal;
	uint16_t ss, __ssh;
	uint32_t fpstate, oldmask, cr2;
};

#if defined(__x86_64__) && !defined(__ILP32__)
struct t_ucontext {
	uint64_t uc_flags, uc_link;
	uint64_t ss_sp;
	int32_t ss_flags, pad;
	uint64_t ss_size;
	struct t_sigcontext_64 mc;
	uint64_t uc_sigmask;
};
#define T_UC_MINUS_INFO		(-304)	/* rt_sigframe: uc at 8, info at 312 */
#define T_FRAME(uc)		((uintptr_t)(uc) - 8)	/* pretcode: the handler's RSP */
#define T_IP(uc)		((uc)->mc.ip)
#define T_SP(uc)		((uc)->mc.sp)
#define T_FLAGS(uc)		((uc)->mc.flags)
#define T_FXSAVE(uc)		((uint8_t *)(uintptr_t)(uc)->mc.fpstate)
#elif defined(__x86_64__)
struct t_ucontext {
	uint32_t uc_flags, uc_link;
	uint32_t ss_sp;
	int32_t ss_flags;
	uint32_t ss_size;
	uint32_t uc__pad0;
	struct t_sigcontext_64 mc;
	uint32_t uc_sigmask[2];
};
#define T_UC_MINUS_INFO		(-288)	/* rt_sigframe_x32: uc at 8, info at 296 */
#define T_FRAME(uc)		((uintptr_t)(uc) - 8)
#define T_IP(uc)		((uc)->mc.ip)
#define T_SP(uc)		((uc)->mc.sp)
#define T_FLAGS(uc)		((uc)->mc.flags)
#define T_FXSAVE(uc)		((uint8_t *)(uintptr_t)(uc)->mc.fpstate)
#else
struct t_ucontext {
	uint32_t uc_flags, uc_link;
	uint32_t ss_sp;
	int32_t ss_flags;
	uint32_t ss_size;
	struct t_sigcontext_32 mc;
	uint32_t uc_sigmask[2];
};
#define T_UC_MINUS_INFO		128	/* rt_sigframe_ia32: info at 16, uc at 144 */
#define T_FRAME(uc)		((uintptr_t)(uc) - 144)
#define T_IP(uc)		((uc)->mc.ip)
#define T_SP(uc)		((uc)->mc.sp)
#define T_FLAGS(uc)		((uc)->mc.flags)
/* The fsave header (112 bytes) comes first, then the FXSAVE image. */
#define T_FXSAVE(uc)		((uint8_t *)(uintptr_t)(uc)->mc.fpstate + 112)
#endif

#endif
