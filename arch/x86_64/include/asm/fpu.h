/* SPDX-License-Identifier: MIT */
/*
 * The user's x87/SSE state. The kernel itself never touches these
 * registers (-mgeneral-regs-only), so a task's state stays live in the CPU
 * while it is in the kernel and is saved with FXSAVE only when another
 * task takes the CPU (eager switching, as Linux since 4.x).
 */
#ifndef _ASM_FPU_H
#define _ASM_FPU_H

#include <trident/types.h>

#define FXSAVE_SIZE 512

/* The 512-byte FXSAVE image (Intel SDM vol. 1, 10.5.1), 16-byte aligned. */
struct fpu_state {
	u8 image[FXSAVE_SIZE];
} __attribute__((aligned(16)));

void fpu_init(void);				/* CR0/CR4 bits for SSE */
void fpu_init_state(struct fpu_state *f);	/* as after exec: FCW 0x37f, MXCSR 0x1f80 */

static inline void fpu_save(struct fpu_state *f)
{
	__asm__ volatile("fxsave64 %0" : "=m"(*f));
}

static inline void fpu_restore(const struct fpu_state *f)
{
	__asm__ volatile("fxrstor64 %0" : : "m"(*f));
}

#endif
