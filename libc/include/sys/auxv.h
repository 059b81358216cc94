/* SPDX-License-Identifier: MIT */
/*
 * The auxiliary vector: (type, value) pairs the kernel puts on the initial
 * stack after envp, telling the program about itself and the machine.
 * Types from include/uapi/linux/auxvec.h and x86's asm/auxvec.h.
 */
#ifndef _SYS_AUXV_H
#define _SYS_AUXV_H

#define AT_NULL			0	/* end of vector */
#define AT_IGNORE		1
#define AT_EXECFD		2
#define AT_PHDR			3	/* program headers of the program */
#define AT_PHENT		4	/* size of one program header */
#define AT_PHNUM		5	/* number of program headers */
#define AT_PAGESZ		6
#define AT_BASE			7	/* base of the interpreter (ld.so) */
#define AT_FLAGS		8
#define AT_ENTRY		9	/* the program's entry point */
#define AT_NOTELF		10
#define AT_UID			11
#define AT_EUID			12
#define AT_GID			13
#define AT_EGID			14
#define AT_PLATFORM		15	/* "x86_64" or "i686" */
#define AT_HWCAP		16	/* CPUID 1 EDX on x86 */
#define AT_CLKTCK		17	/* times() ticks per second */
#define AT_SECURE		23	/* setuid-like: distrust the environment */
#define AT_BASE_PLATFORM	24
#define AT_RANDOM		25	/* address of 16 random bytes */
#define AT_HWCAP2		26
#define AT_RSEQ_FEATURE_SIZE	27
#define AT_RSEQ_ALIGN		28
#define AT_HWCAP3		29
#define AT_HWCAP4		30
#define AT_EXECFN		31	/* the path given to execve */
#define AT_SYSINFO		32	/* ia32: __kernel_vsyscall */
#define AT_SYSINFO_EHDR		33	/* the vDSO's ELF header */
#define AT_MINSIGSTKSZ		51

/* The value of the first entry of that type; 0 and errno ENOENT if none. */
unsigned long getauxval(unsigned long type);

#endif
