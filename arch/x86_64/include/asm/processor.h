/* SPDX-License-Identifier: MIT */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#include <trident/types.h>

/* RFLAGS bits (Linux's X86_EFLAGS_*). */
#define X86_EFLAGS_CF   0x00000001
#define X86_EFLAGS_FIXED 0x00000002	/* bit 1 always reads 1 */
#define X86_EFLAGS_PF   0x00000004
#define X86_EFLAGS_AF   0x00000010
#define X86_EFLAGS_ZF   0x00000040
#define X86_EFLAGS_SF   0x00000080
#define X86_EFLAGS_TF   0x00000100
#define X86_EFLAGS_IF   0x00000200
#define X86_EFLAGS_DF   0x00000400
#define X86_EFLAGS_OF   0x00000800
#define X86_EFLAGS_IOPL 0x00003000
#define X86_EFLAGS_NT   0x00004000
#define X86_EFLAGS_RF   0x00010000
#define X86_EFLAGS_VM   0x00020000
#define X86_EFLAGS_AC   0x00040000
#define X86_EFLAGS_ID   0x00200000

static inline void cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(sub));
}

static inline unsigned long read_cr2(void)
{
	unsigned long v;
	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline unsigned long read_cr3(void)
{
	unsigned long v;
	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(unsigned long v)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline void invlpg(unsigned long addr)
{
	__asm__ volatile("invlpg (%0)" : : "r"(addr) : "memory");
}

/* A segment register, read or loaded (Linux's savesegment() and
 * loadsegment()). For DS and ES: in 64-bit mode loading FS or GS would
 * also clobber their base. */
#define savesegment(seg, value) \
	__asm__ volatile("mov %%" #seg ", %0" : "=r"(value) : : "memory")
#define loadsegment(seg, value) \
	__asm__ volatile("mov %0, %%" #seg : : "r"((u16)(value)) : "memory")

static inline u64 rdtsc(void)
{
	u32 lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline void halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

/* What boot learnt about the CPU (arch/x86_64/cpu.c). */
enum x86_vendor {
	X86_VENDOR_UNKNOWN,
	X86_VENDOR_INTEL,
	X86_VENDOR_AMD,
};

struct cpuinfo {
	enum x86_vendor vendor;
	char vendor_id[13];
	u32 features_edx;	/* CPUID.1:EDX, the ELF AT_HWCAP */
	u32 features_ecx;	/* CPUID.1:ECX */
	bool nx;		/* CPUID.80000001:EDX.NX */
	bool rdrand;
};
extern struct cpuinfo boot_cpu;
void cpu_detect(void);

#endif
