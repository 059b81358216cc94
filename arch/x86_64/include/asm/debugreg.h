/* SPDX-License-Identifier: MIT */
/*
 * The debug registers DR0-DR7 (Intel SDM vol. 3, 18.2; Linux's
 * asm/debugreg.h and uapi/asm/debugreg.h) and a task's user breakpoints,
 * set by its tracer through PTRACE_POKEUSER of u_debugreg[]
 * (arch/x86_64/hw_breakpoint.c).
 */
#ifndef _ASM_DEBUGREG_H
#define _ASM_DEBUGREG_H

#include <trident/types.h>

#define HBP_NUM			4	/* DR0-DR3 */

/* DR6, in "positive polarity" as Linux keeps it since 6.2: the raw
 * register XOR DR6_RESERVED, so a set bit means "this happened". */
#define DR_TRAP0		0x1
#define DR_TRAP_BITS		0xf	/* B0-B3: breakpoint n hit */
#define DR_STEP			0x4000	/* BS: single step (TF) */
#define DR6_RESERVED		0xffff0ff0UL	/* the raw DR6 after a clear */

/* DR7: two enable bits (local, global) per breakpoint in bits 0-7, then
 * for breakpoint n the type (R/W) in bits 16 + 4n and the length in bits
 * 18 + 4n. Linux's encoding of type | len, as one 4-bit field shifted
 * into bits 0-3: */
#define DR_CONTROL_SHIFT	16
#define DR_CONTROL_SIZE		4
#define DR_ENABLE_SIZE		2
#define DR_GLOBAL_ENABLE	0x2
#define DR_GLOBAL_SLOWDOWN	0x200	/* GE */
#define DR_CONTROL_RESERVED	0xffffffff0000fc00UL	/* dropped by a write */

#define X86_BREAKPOINT_LEN_1	0x40
#define X86_BREAKPOINT_LEN_2	0x44
#define X86_BREAKPOINT_LEN_4	0x4c
#define X86_BREAKPOINT_LEN_8	0x48
#define X86_BREAKPOINT_EXECUTE	0x80
#define X86_BREAKPOINT_WRITE	0x81
#define X86_BREAKPOINT_RW	0x83

/* A task's user breakpoints (Linux's thread.ptrace_bps[], ptrace_dr7,
 * virtual_dr6). A slot exists once the tracer wrote its address or
 * enabled it in DR7 (Linux registers a perf breakpoint then); len and
 * type are the X86_BREAKPOINT_* values; DR7 reads back as written. */
struct thread_debug {
	unsigned long addr[HBP_NUM];
	u8 len[HBP_NUM], type[HBP_NUM];
	u8 exists;			/* bit n: slot n registered */
	u8 enabled;			/* bit n: armed in the CPU */
	unsigned long ptrace_dr7;
	unsigned long virtual_dr6;	/* positive polarity */
};

struct task;
struct pt_regs;

/* PTRACE_PEEKUSER / POKEUSER of u_debugreg[n]: Linux's
 * ptrace_get_debugreg() and ptrace_set_debugreg(): 0, -EIO (DR4, DR5) or
 * -EINVAL (a kernel address, a misaligned or unknown length or type). */
unsigned long ptrace_get_debugreg(struct task *t, unsigned int n);
int ptrace_set_debugreg(struct task *t, unsigned int n, unsigned long val);
/* exec (Linux's flush_ptrace_hw_breakpoint): no breakpoints left. */
void debugreg_flush(struct task *t);
/* The switch to t: its armed breakpoints into DR0-DR3 and DR7, or DR7
 * cleared when it has none. */
void debugreg_switch_to(const struct task *t);
/* #DB: DR6 read and reset (positive polarity). */
unsigned long debug_read_clear_dr6(void);
/* #DB: the current task's armed breakpoints among dr6's B0-B3 are
 * taken out of *dr6; from user mode they become its virtual DR6 bits
 * (ptrace_triggered()); an instruction breakpoint sets RF in the frame
 * so that the instruction can run. */
void hw_breakpoint_handler(struct pt_regs *regs, unsigned long *dr6);

#endif
