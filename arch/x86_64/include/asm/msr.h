/* SPDX-License-Identifier: MIT */
/* Model-specific registers (Intel SDM vol. 4; names as Linux's msr-index.h). */
#ifndef _ASM_MSR_H
#define _ASM_MSR_H

#define MSR_EFER            0xc0000080
#define MSR_STAR            0xc0000081	/* SYSCALL/SYSRET selectors */
#define MSR_LSTAR           0xc0000082	/* 64-bit SYSCALL target */
#define MSR_CSTAR           0xc0000083	/* compat-mode SYSCALL target */
#define MSR_SYSCALL_MASK    0xc0000084	/* RFLAGS bits SYSCALL clears */
#define MSR_FS_BASE         0xc0000100
#define MSR_GS_BASE         0xc0000101
#define MSR_KERNEL_GS_BASE  0xc0000102	/* swapped with GS_BASE by swapgs */
#define MSR_IA32_SYSENTER_CS  0x174
#define MSR_IA32_SYSENTER_ESP 0x175
#define MSR_IA32_SYSENTER_EIP 0x176

#define EFER_SCE  (1 << 0)		/* SYSCALL enable */
#define EFER_LME  (1 << 8)
#define EFER_NXE  (1 << 11)

#ifndef __ASSEMBLER__
#include <trident/types.h>

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)) : "memory");
}
#endif

#endif
