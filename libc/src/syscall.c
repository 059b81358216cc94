/* SPDX-License-Identifier: MIT */
/*
 * errno, the kernel-to-C error convention, and the raw syscall() door.
 */
#include <errno.h>
#include <stdarg.h>
#include <unistd.h>
#include "syscall.h"

int errno;

/*
 * The kernel returns a result or -errno in the same register. Linux never
 * returns a valid result in -4095..-1 (MAX_ERRNO is 4095, and no mapping
 * lives in the top page of the address space), so that range, and only it,
 * is an error. Anything else, even a "negative" address from mmap on x32
 * or i386, is a result.
 */
long __syscall_ret(unsigned long r)
{
	if (r > -4096UL) {
		errno = -(long)r;
		return -1;
	}
	return r;
}

/*
 * glibc's prototype is (long nr, ...): the arguments arrive as C varargs
 * and we take six of them whatever the call passed. Reading varargs that
 * were not passed is undefined in ISO C, but on the x86 ABIs it only reads
 * a stale register save slot or stack word, and the kernel ignores the
 * registers a system call does not use (glibc and musl do the same).
 *
 * __syscall_arg_t is the register: long on x86_64 and i386, long long on
 * x32, where each vararg occupies a whole 8-byte register or stack slot.
 * So on x32 a long long argument (an off_t) arrives whole, and a 32-bit
 * int or long arrives with whatever upper half the caller's register had
 * (GCC's "movl $-1" leaves 0x00000000ffffffff): pass a 64-bit value as
 * long long, as with glibc's x32 syscall(), which forwards the registers
 * unchanged.
 */
long syscall(long nr, ...)
{
	va_list ap;
	__syscall_arg_t a, b, c, d, e, f;

	va_start(ap, nr);
	a = va_arg(ap, __syscall_arg_t);
	b = va_arg(ap, __syscall_arg_t);
	c = va_arg(ap, __syscall_arg_t);
	d = va_arg(ap, __syscall_arg_t);
	e = va_arg(ap, __syscall_arg_t);
	f = va_arg(ap, __syscall_arg_t);
	va_end(ap);
	return __syscall_ret(__syscall6(nr, a, b, c, d, e, f));
}
