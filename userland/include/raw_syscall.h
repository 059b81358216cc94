/* SPDX-License-Identifier: MIT */
/*
 * raw_syscall.h: the SYSCALL instruction with full 64-bit registers.
 *
 * libc's syscall(long nr, ...) cannot ask every question: on x32 a long has
 * 32 bits, so RAX's upper half and 64-bit arguments cannot be chosen, and it
 * turns -errno into -1 and errno. These helpers put exactly the given 64-bit
 * values in the registers of the 64-bit system-call convention and return
 * RAX as the kernel left it (-4095..-1 is -errno).
 *
 *	RAX = number, RDI RSI RDX R10 R8 R9 = arguments 1-6,
 *	RCX and R11 are clobbered (return RIP and RFLAGS), nothing else.
 *
 * Only for x86_64 and x32 builds (both run in 64-bit mode): guard every use
 * with #if defined(__x86_64__).
 */
#ifndef TRIDENT_RAW_SYSCALL_H
#define TRIDENT_RAW_SYSCALL_H

#if defined(__x86_64__)
#include <stdint.h>

static inline int64_t raw_syscall6(uint64_t nr, uint64_t a1, uint64_t a2,
				   uint64_t a3, uint64_t a4, uint64_t a5,
				   uint64_t a6)
{
	register uint64_t rax __asm__("rax") = nr;
	register uint64_t rdi __asm__("rdi") = a1;
	register uint64_t rsi __asm__("rsi") = a2;
	register uint64_t rdx __asm__("rdx") = a3;
	register uint64_t r10 __asm__("r10") = a4;
	register uint64_t r8 __asm__("r8") = a5;
	register uint64_t r9 __asm__("r9") = a6;

	__asm__ volatile("syscall"
			 : "+r"(rax)
			 : "r"(rdi), "r"(rsi), "r"(rdx), "r"(r10), "r"(r8),
			   "r"(r9)
			 : "rcx", "r11", "memory");
	return (int64_t)rax;
}

static inline int64_t raw_syscall3(uint64_t nr, uint64_t a1, uint64_t a2,
				   uint64_t a3)
{
	return raw_syscall6(nr, a1, a2, a3, 0, 0, 0);
}

static inline int64_t raw_syscall0(uint64_t nr)
{
	return raw_syscall6(nr, 0, 0, 0, 0, 0, 0);
}

/* A pointer as a 64-bit register value (x32 pointers have 32 bits). */
#define RAW_PTR(p)	((uint64_t)(uintptr_t)(p))
#endif /* __x86_64__ */

#endif /* TRIDENT_RAW_SYSCALL_H */
