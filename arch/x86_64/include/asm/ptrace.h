/* SPDX-License-Identifier: MIT */
/*
 * struct pt_regs: the user register frame that every way into the kernel
 * builds on the task's kernel stack (SYSCALL, SYSENTER, int $0x80, exceptions,
 * interrupts). Layout and order are Linux's (arch/x86/include/asm/ptrace.h):
 * signal frames, ptrace and core dumps expose it, and entry_64.asm pushes it
 * in exactly this order from the bottom (ss first) to the top (r15 last).
 * The assembly uses the offsets PT_R15 ... PT_SS that asm-offsets.c
 * computes from this very struct, so there is one definition of the frame.
 */
#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H

struct pt_regs {
	/* Callee-saved in the C ABI: pushed last, so they sit lowest. */
	unsigned long r15;	/*   0 */
	unsigned long r14;	/*   8 */
	unsigned long r13;	/*  16 */
	unsigned long r12;	/*  24 */
	unsigned long bp;	/*  32 */
	unsigned long bx;	/*  40 */
	/* Caller-clobbered in the C ABI. */
	unsigned long r11;	/*  48: SYSCALL put the user RFLAGS here */
	unsigned long r10;	/*  56: 64-bit arg 4 */
	unsigned long r9;	/*  64: 64-bit arg 6 */
	unsigned long r8;	/*  72: 64-bit arg 5 */
	unsigned long ax;	/*  80: return value; -ENOSYS until dispatched */
	unsigned long cx;	/*  88: SYSCALL put the user RIP here */
	unsigned long dx;	/*  96: arg 3 */
	unsigned long si;	/* 104: arg 2 */
	unsigned long di;	/* 112: arg 1 */
	/* The system call number (RAX at entry), or -1 for exceptions and
	 * interrupts; for an exception with an error code, that code. */
	unsigned long orig_ax;	/* 120 */
	/* The hardware interrupt frame, as IRET pops it. */
	unsigned long ip;	/* 128 */
	unsigned long cs;	/* 136 */
	unsigned long flags;	/* 144 */
	unsigned long sp;	/* 152 */
	unsigned long ss;	/* 160 */
};

static inline int user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) == 3;
}

_Static_assert(sizeof(struct pt_regs) == 21 * 8, "pt_regs is 21 registers, as Linux's");

#endif
