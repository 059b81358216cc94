/* SPDX-License-Identifier: MIT */
/*
 * Per-CPU data, reached through the GS base while in the kernel.
 *
 * In user mode GS_BASE holds the user's value and MSR_KERNEL_GS_BASE points
 * here; every entry from user mode starts with `swapgs` to exchange them
 * and every exit to user mode ends with one. The entry code reads the
 * fields by the PERCPU_* offsets that asm-offsets.c computes from this
 * struct. One CPU for now, written so that each CPU could have its own.
 */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#include <trident/types.h>

struct tss;
struct task;

struct percpu {
	struct percpu *self;		/* for C: one load gives the struct */
	unsigned long rsp_scratch;	/* user RSP during SYSCALL entry */
	unsigned long cpu_current_top_of_stack;	/* kernel RSP of the current task */
	struct task *current_task;
	unsigned long entry_stack_top;	/* SYSENTER's stack (MSR_IA32_SYSENTER_ESP) */
	struct tss *tss;
	int cpu;
};

static inline struct percpu *this_cpu(void)
{
	struct percpu *p;
	__asm__ volatile("mov %%gs:0, %0" : "=r"(p));
	return p;
}
#define this_cpu_read_ptr(field) (this_cpu()->field)

void percpu_init(void);

#endif
