// SPDX-License-Identifier: MIT
/*
 * Turn on the FPU and SSE for user programs: the x86_64 ABI assumes SSE2
 * (printf's va_list copies use MOVDQU), so without these bits the first
 * such instruction raises #UD.
 *   CR0.MP = 1, CR0.EM = 0   the FPU is present, not emulated
 *   CR4.OSFXSR = 1            FXSAVE/FXRSTOR and SSE instructions allowed
 *   CR4.OSXMMEXCPT = 1        SIMD exceptions raise #XM (SIGFPE), not #UD
 */
#include <asm/fpu.h>
#include <trident/string.h>

#define CR0_MP          (1UL << 1)
#define CR0_EM          (1UL << 2)
#define CR0_TS          (1UL << 3)
#define CR4_OSFXSR      (1UL << 9)
#define CR4_OSXMMEXCPT  (1UL << 10)

void fpu_init(void)
{
	unsigned long cr0, cr4;

	__asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
	cr0 = (cr0 | CR0_MP) & ~(CR0_EM | CR0_TS);
	__asm__ volatile("mov %0, %%cr0" : : "r"(cr0));
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	cr4 |= CR4_OSFXSR | CR4_OSXMMEXCPT;
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4));
	__asm__ volatile("fninit");
}

/* The state a new program starts with (Linux's fpstate_init_fxstate):
 * x87 control word 0x37f (all exceptions masked, 64-bit precision), MXCSR
 * 0x1f80 (all SIMD exceptions masked, round to nearest), all else zero. */
void fpu_init_state(struct fpu_state *f)
{
	memset(f, 0, sizeof(*f));
	f->image[0] = 0x7f;		/* FCW = 0x037f */
	f->image[1] = 0x03;
	f->image[24] = 0x80;		/* MXCSR = 0x1f80 */
	f->image[25] = 0x1f;
}
