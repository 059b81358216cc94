/* SPDX-License-Identifier: MIT */
/*
 * How an x32 program enters the kernel: the SYSCALL instruction, exactly as
 * a 64-bit program does (libc/arch/x86_64/syscall_arch.h), with two
 * differences:
 *
 *   - the number has __X32_SYSCALL_BIT (0x40000000) set: the generated
 *     <asm/unistd_x32.h> already adds it to every __NR_ name, so SYS_write
 *     is 0x40000001 and the kernel dispatches through its x32 table;
 *   - C's long and pointers have 32 bits, but the registers, and the
 *     kernel's view of them, have 64. So an argument register is a
 *     long long here, and a 64-bit value (an off_t for lseek, pread64,
 *     mmap) travels whole in one register, unlike i386's pairs.
 *
 *   RAX  system-call number in, result out (-4095..-1 is -errno)
 *   RDI RSI RDX R10 R8 R9   arguments 1-6
 *   RCX, R11                destroyed by SYSCALL/SYSRET
 *
 * The result is returned as the full 64-bit RAX (long long): callers that
 * need a value wider than long (lseek's off_t) read all of it; everyone
 * else narrows it to long, which keeps -4095..-1 intact.
 */
#ifndef _SYSCALL_ARCH_H
#define _SYSCALL_ARCH_H

#if !defined(__x86_64__) || !defined(__ILP32__)
#error "libc/arch/x32 is for the x32 ABI only"
#endif

/* One argument register, as C sees it: 64 bits, wider than long. */
typedef long long __syscall_arg_t;

/*
 * Widen one argument to a register so that the kernel, which reads the
 * whole 64 bits of a long or pointer parameter, sees the C value:
 *
 *   pointer        zero-extended (x32 addresses are 0 .. 4 GiB - 1; a cast
 *                  of a 32-bit pointer to long long would sign-extend, and
 *                  GCC warns about it)
 *   signed int,    sign-extended (AT_FDCWD = -100, a pid of -1, a
 *   long           negative offset stay negative)
 *   unsigned int,  zero-extended
 *   size_t ...
 *   long long      as it is
 *
 * i.e. the value is kept and pointers count as unsigned: musl's x32 rule.
 * The pointer test is at compile time (__builtin_classify_type 5 is
 * pointer_type_class; arrays and string literals decay to pointers and
 * count too); for integers the argument is left as it is and converted by
 * the __syscallN parameter, which preserves its value.
 */
#define __scc(x)							\
	__builtin_choose_expr(__builtin_classify_type(x) == 5,		\
			      (unsigned long)(x), (x))

static inline long long __syscall0(long long n)
{
	unsigned long long ret;
	__asm__ __volatile__ ("syscall" : "=a"(ret) : "a"(n)
			      : "rcx", "r11", "memory");
	return ret;
}

static inline long long __syscall1(long long n, long long a1)
{
	unsigned long long ret;
	__asm__ __volatile__ ("syscall" : "=a"(ret) : "a"(n), "D"(a1)
			      : "rcx", "r11", "memory");
	return ret;
}

static inline long long __syscall2(long long n, long long a1, long long a2)
{
	unsigned long long ret;
	__asm__ __volatile__ ("syscall" : "=a"(ret) : "a"(n), "D"(a1), "S"(a2)
			      : "rcx", "r11", "memory");
	return ret;
}

static inline long long __syscall3(long long n, long long a1, long long a2,
				   long long a3)
{
	unsigned long long ret;
	__asm__ __volatile__ ("syscall" : "=a"(ret)
			      : "a"(n), "D"(a1), "S"(a2), "d"(a3)
			      : "rcx", "r11", "memory");
	return ret;
}

/* GCC has no constraint letter for R8-R10: bind local register variables. */
static inline long long __syscall4(long long n, long long a1, long long a2,
				   long long a3, long long a4)
{
	unsigned long long ret;
	register long long r10 __asm__("r10") = a4;
	__asm__ __volatile__ ("syscall" : "=a"(ret)
			      : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10)
			      : "rcx", "r11", "memory");
	return ret;
}

static inline long long __syscall5(long long n, long long a1, long long a2,
				   long long a3, long long a4, long long a5)
{
	unsigned long long ret;
	register long long r10 __asm__("r10") = a4;
	register long long r8 __asm__("r8") = a5;
	__asm__ __volatile__ ("syscall" : "=a"(ret)
			      : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10),
				"r"(r8)
			      : "rcx", "r11", "memory");
	return ret;
}

static inline long long __syscall6(long long n, long long a1, long long a2,
				   long long a3, long long a4, long long a5,
				   long long a6)
{
	unsigned long long ret;
	register long long r10 __asm__("r10") = a4;
	register long long r8 __asm__("r8") = a5;
	register long long r9 __asm__("r9") = a6;
	__asm__ __volatile__ ("syscall" : "=a"(ret)
			      : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10),
				"r"(r8), "r"(r9)
			      : "rcx", "r11", "memory");
	return ret;
}

#endif
