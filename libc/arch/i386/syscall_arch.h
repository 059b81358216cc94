/* SPDX-License-Identifier: MIT */
/*
 * How a 32-bit (i386) program enters the kernel.
 *
 *   EAX                      system-call number in, result out
 *                            (-4095..-1 is -errno)
 *   EBX ECX EDX ESI EDI EBP  arguments 1-6
 *
 * Every register but EAX survives. Two ways in, with the same registers:
 *
 *   int $0x80             the software interrupt, always there (with
 *                         CONFIG_IA32_EMULATION); slow on real hardware
 *   call __kernel_vsyscall
 *                         the vDSO's entry, whose address the kernel passes
 *                         in the auxiliary vector as AT_SYSINFO. It uses
 *                         SYSENTER (Intel), compat SYSCALL (AMD) or
 *                         int $0x80, whichever the CPU does best, and
 *                         preserves every register but EAX, like int $0x80.
 *
 * glibc does "call *%gs:0x10" (the address is in its thread control block,
 * and points at an "int $0x80; ret" stub when there is no AT_SYSINFO). We
 * have no TCB yet, so the address lives in a plain global, __sysinfo,
 * which __libc_start_main() sets from AT_SYSINFO (src/start.c), and each
 * system call tests it:
 *
 *   __sysinfo != 0   call *__sysinfo      (AT_SYSINFO was given)
 *   __sysinfo == 0   int $0x80            (no AT_SYSINFO, or forced)
 *
 * A test may set __sysinfo itself (0, or getauxval(AT_SYSINFO)) to force
 * either path: "extern unsigned long __sysinfo;" (our libc only; glibc has
 * no such variable).
 *
 * EBP: the sixth argument goes in EBP, which the compiler may be using as
 * the frame pointer (-fno-omit-frame-pointer, -O0), so it cannot be an asm
 * operand: __syscall6 pushes the argument, saves EBP, loads it from the
 * stack and restores it afterwards (musl's way). EBX would be the PIC
 * register in position-independent code; our programs are built -fno-pie,
 * and GCC 5 and later handle "b" under -fPIC too. "m"(__sysinfo) is an
 * absolute address here; in PIC code it would need a register, and with
 * six arguments none is left (glibc avoids that with %gs).
 *
 * These return the raw kernel value; src/syscall.c's __syscall_ret() turns
 * it into the C convention (-1 and errno).
 */
#ifndef _SYSCALL_ARCH_H
#define _SYSCALL_ARCH_H

#if !defined(__i386__)
#error "libc/arch/i386 is for the i386 ABI only"
#endif

/* AT_SYSINFO (__kernel_vsyscall), or 0 for int $0x80. */
extern unsigned long __sysinfo;

/* One argument register: 32 bits, as long is. */
typedef long __syscall_arg_t;

/*
 * Widen one argument to a register. Pointers and ints are already 32 bits;
 * a 64-bit value (off_t) must be split by its caller (_llseek, mmap2), so
 * a cast to long cuts it, as the kernel's 32-bit register would.
 */
#define __scc(x) ((__syscall_arg_t)(x))

/*
 * The entry, chosen at every call: operand %[vs] is __sysinfo in memory.
 * Local labels 1 and 2 are numeric so that the asm may be inlined many
 * times in one function. The CALL pushes a return address: i386 has no red
 * zone, so the stack below ESP is free to use.
 */
#define __SYSCALL_ENTER			\
	"cmpl $0, %[vs]\n\t"		\
	"je 1f\n\t"			\
	"call *%[vs]\n\t"		\
	"jmp 2f\n"			\
	"1:\tint $0x80\n"		\
	"2:"

static inline long __syscall0(long n)
{
	unsigned long ret;
	__asm__ __volatile__ (__SYSCALL_ENTER : "=a"(ret)
			      : "a"(n), [vs] "m"(__sysinfo)
			      : "memory");
	return ret;
}

static inline long __syscall1(long n, long a1)
{
	unsigned long ret;
	__asm__ __volatile__ (__SYSCALL_ENTER : "=a"(ret)
			      : "a"(n), "b"(a1), [vs] "m"(__sysinfo)
			      : "memory");
	return ret;
}

static inline long __syscall2(long n, long a1, long a2)
{
	unsigned long ret;
	__asm__ __volatile__ (__SYSCALL_ENTER : "=a"(ret)
			      : "a"(n), "b"(a1), "c"(a2), [vs] "m"(__sysinfo)
			      : "memory");
	return ret;
}

static inline long __syscall3(long n, long a1, long a2, long a3)
{
	unsigned long ret;
	__asm__ __volatile__ (__SYSCALL_ENTER : "=a"(ret)
			      : "a"(n), "b"(a1), "c"(a2), "d"(a3),
				[vs] "m"(__sysinfo)
			      : "memory");
	return ret;
}

static inline long __syscall4(long n, long a1, long a2, long a3, long a4)
{
	unsigned long ret;
	__asm__ __volatile__ (__SYSCALL_ENTER : "=a"(ret)
			      : "a"(n), "b"(a1), "c"(a2), "d"(a3), "S"(a4),
				[vs] "m"(__sysinfo)
			      : "memory");
	return ret;
}

static inline long __syscall5(long n, long a1, long a2, long a3, long a4,
			      long a5)
{
	unsigned long ret;
	__asm__ __volatile__ (__SYSCALL_ENTER : "=a"(ret)
			      : "a"(n), "b"(a1), "c"(a2), "d"(a3), "S"(a4),
				"D"(a5), [vs] "m"(__sysinfo)
			      : "memory");
	return ret;
}

/*
 * Six arguments: a6 may be in memory relative to ESP, so it is pushed
 * before ESP moves; then EBP is saved above it and loaded from it. The
 * kernel (and __kernel_vsyscall) see a6 in EBP; the stack is put back
 * before the asm ends.
 */
static inline long __syscall6(long n, long a1, long a2, long a3, long a4,
			      long a5, long a6)
{
	unsigned long ret;
	__asm__ __volatile__ ("pushl %[a6]\n\t"
			      "pushl %%ebp\n\t"
			      "movl 4(%%esp), %%ebp\n\t"
			      __SYSCALL_ENTER "\n\t"
			      "popl %%ebp\n\t"
			      "addl $4, %%esp"
			      : "=a"(ret)
			      : "a"(n), "b"(a1), "c"(a2), "d"(a3), "S"(a4),
				"D"(a5), [a6] "g"(a6), [vs] "m"(__sysinfo)
			      : "memory");
	return ret;
}

#endif
