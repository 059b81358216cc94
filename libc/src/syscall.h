/* SPDX-License-Identifier: MIT */
/*
 * Internal: how the C library makes system calls.
 *
 *   __syscall(SYS_write, fd, buf, n)     the raw kernel result (-errno on
 *                                        failure), any number of arguments
 *                                        from 0 to 6
 *   __syscall_ret(r)                     -4095..-1 -> errno = -r, return -1
 *
 * so a wrapper is one line:
 *
 *   return __syscall_ret(__syscall(SYS_write, fd, buf, n));
 *
 * The instruction itself (SYSCALL, or int $0x80 / the vDSO on i386) is in
 * the architecture's syscall_arch.h. The compiler, not a -I flag, picks it,
 * so the project's include path stays the public one.
 */
#ifndef _LIBC_SYSCALL_H
#define _LIBC_SYSCALL_H

#include <sys/syscall.h>

#if defined(__x86_64__) && defined(__ILP32__)
#include "../arch/x32/syscall_arch.h"
#elif defined(__x86_64__)
#include "../arch/x86_64/syscall_arch.h"
#elif defined(__i386__)
#include "../arch/i386/syscall_arch.h"
#else
#error "unsupported architecture"
#endif

long __syscall_ret(unsigned long r);

/*
 * Where an ABI gives a system call a different name for the same job, the
 * wrappers use one name and these pick the ABI's call (musl does the same).
 * i386 kept the 16-bit-uid calls and the 32-bit-off_t fcntl under the old
 * names; x86_64 and x32 call fstatat "newfstatat".
 */
#ifdef SYS_getuid32
#undef SYS_getuid
#undef SYS_geteuid
#undef SYS_getgid
#undef SYS_getegid
#define SYS_getuid	SYS_getuid32
#define SYS_geteuid	SYS_geteuid32
#define SYS_getgid	SYS_getgid32
#define SYS_getegid	SYS_getegid32
#endif
#ifdef SYS_fcntl64
#undef SYS_fcntl
#define SYS_fcntl	SYS_fcntl64
#endif
#ifdef SYS_fstat64
#undef SYS_fstat
#define SYS_fstat	SYS_fstat64
#endif
#ifdef SYS_newfstatat
#define SYS_fstatat	SYS_newfstatat
#else
#define SYS_fstatat	SYS_fstatat64
#endif

/*
 * __syscall(nr, a, b, c) counts its arguments and becomes
 * __syscall3(nr, __scc(a), __scc(b), __scc(c)): each argument widened to a
 * full register by the architecture's rule (musl's trick).
 */
#define __sc0(n)			__syscall0(n)
#define __sc1(n, a)			__syscall1(n, __scc(a))
#define __sc2(n, a, b)			__syscall2(n, __scc(a), __scc(b))
#define __sc3(n, a, b, c)		__syscall3(n, __scc(a), __scc(b), \
						   __scc(c))
#define __sc4(n, a, b, c, d)		__syscall4(n, __scc(a), __scc(b), \
						   __scc(c), __scc(d))
#define __sc5(n, a, b, c, d, e)		__syscall5(n, __scc(a), __scc(b), \
						   __scc(c), __scc(d), __scc(e))
#define __sc6(n, a, b, c, d, e, f)	__syscall6(n, __scc(a), __scc(b), \
						   __scc(c), __scc(d), __scc(e), \
						   __scc(f))

#define __sc_nargs_(a, b, c, d, e, f, g, n, ...)	n
#define __sc_nargs(...)	__sc_nargs_(__VA_ARGS__, 6, 5, 4, 3, 2, 1, 0, )
#define __sc_cat_(a, b)	a##b
#define __sc_cat(a, b)	__sc_cat_(a, b)
#define __syscall(...)	__sc_cat(__sc, __sc_nargs(__VA_ARGS__))(__VA_ARGS__)

#endif
