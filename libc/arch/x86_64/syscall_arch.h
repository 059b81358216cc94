/* SPDX-License-Identifier: MIT */
/*
 * How a 64-bit program enters the kernel: the SYSCALL instruction.
 *
 *   RAX  system-call number in, result out (-4095..-1 is -errno)
 *   RDI RSI RDX R10 R8 R9   arguments 1-6
 *   RCX, R11                destroyed: the CPU saves the return RIP in RCX
 *                           and RFLAGS in R11, and SYSRET restores from them
 *
 * The fourth argument is in R10, not RCX as in the C calling convention,
 * precisely because SYSCALL overwrites RCX. Every other register survives, so
 * the asm names only RCX and R11 as clobbered, plus "memory" because the
 * kernel reads and writes user memory behind the compiler's back.
 *
 * These return the raw kernel value; src/syscall.c's __syscall_ret() turns
 * it into the C convention (-1 and errno).
 */
#ifndef _SYSCALL_ARCH_H
#define _SYSCALL_ARCH_H

#if !defined(__x86_64__) || defined(__ILP32__)
#error "libc/arch/x86_64 is for the 64-bit ABI only"
#endif

/*
 * One argument register, as C sees it. On x86_64 a long fills a register.
 * (x32 makes this long long: its longs are 32 bits but its registers,
 * and the kernel's view of them, are 64.)
 */
typedef long __syscall_arg_t;

/*
 * Widen one argument to a register. A pointer or an unsigned value must be
 * zero-extended and a negative int sign-extended; the cast to long does both.
 */
#define __scc(x) ((__syscall_arg_t)(x))

static inline long __syscall0(long n)
{
	unsigned long ret;
	__asm__ __volatile__ ("syscall" : "=a"(ret) : "a"(n)
			      : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall1(long n, long a1)
{
	unsigned long ret;
	__asm__ __volatile__ ("syscall" : "=a"(ret) : "a"(n), "D"(a1)
			      : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall2(long n, long a1, long a2)
{
	unsigned long ret;
	__asm__ __volatile__ ("syscall" : "=a"(ret) : "a"(n), "D"(a1), "S"(a2)
			      : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall3(long n, long a1, long a2, long a3)
{
	unsigned long ret;
	__asm__ __volatile__ ("syscall" : "=a"(ret)
			      : "a"(n), "D"(a1), "S"(a2), "d"(a3)
			      : "rcx", "r11", "memory");
	return ret;
}

/* GCC has no constraint letter for R8-R10: bind local register variables. */
static inline long __syscall4(long n, long a1, long a2, long a3, long a4)
{
	unsigned long ret;
	register long r10 __asm__("r10") = a4;
	__asm__ __volatile__ ("syscall" : "=a"(ret)
			      : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10)
			      : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall5(long n, long a1, long a2, long a3, long a4,
			      long a5)
{
	unsigned long ret;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	__asm__ __volatile__ ("syscall" : "=a"(ret)
			      : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10),
				"r"(r8)
			      : "rcx", "r11", "memory");
	return ret;
}

static inline long __syscall6(long n, long a1, long a2, long a3, long a4,
			      long a5, long a6)
{
	unsigned long ret;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	__asm__ __volatile__ ("syscall" : "=a"(ret)
			      : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10),
				"r"(r8), "r"(r9)
			      : "rcx", "r11", "memory");
	return ret;
}

#endif
