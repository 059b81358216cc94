/* SPDX-License-Identifier: MIT */
/*
 * How a system call handler is written, as Linux's SYSCALL_DEFINEn
 * (include/linux/syscalls.h and arch/x86/include/asm/syscall_wrapper.h).
 *
 *   SYSCALL_DEFINE3(write, unsigned int, fd, const char __user *, buf, size_t, count)
 *
 * defines the typed body __do_sys_write(fd, buf, count) and the entry the
 * table points at, __x64_sys_write(const struct pt_regs *), which takes the
 * arguments from the registers of the 64-bit convention (RDI RSI RDX R10 R8
 * R9) and converts each to its declared C type. x32 uses the same __x64_
 * entries, so an x32 argument is narrowed exactly as the C type says (an
 * int drops bits 32-63; a pointer keeps all 64, as on Linux).
 * With IA32 emulation the same macro also emits __ia32_sys_write, which
 * takes EBX ECX EDX ESI EDI EBP zero-extended from 32 bits.
 */
#ifndef _TRIDENT_SYSCALLS_H
#define _TRIDENT_SYSCALLS_H

#include <trident/types.h>
#include <asm/ptrace.h>
#include <generated/autoconf.h>

/* Argument lists as (type, name) pairs, walked by __MAP like Linux's. */
#define __MAP0(m, ...)
#define __MAP1(m, t, a, ...) m(t, a)
#define __MAP2(m, t, a, ...) m(t, a), __MAP1(m, __VA_ARGS__)
#define __MAP3(m, t, a, ...) m(t, a), __MAP2(m, __VA_ARGS__)
#define __MAP4(m, t, a, ...) m(t, a), __MAP3(m, __VA_ARGS__)
#define __MAP5(m, t, a, ...) m(t, a), __MAP4(m, __VA_ARGS__)
#define __MAP6(m, t, a, ...) m(t, a), __MAP5(m, __VA_ARGS__)
#define __MAP(n, ...) __MAP##n(__VA_ARGS__)

#define __SC_DECL(t, a)  t a
/* __se_ takes every argument as a full unsigned long (a register), then
 * converts it to the declared type: an int keeps bits 0-31, a pointer or
 * a long all 64 (Linux's __SC_LONG and __SC_CAST). */
#define __SC_LONG(t, a)  unsigned long a
#define __SC_PASS(t, a)  (t)a

#define __X64_ARGS0
#define __X64_ARGS1 regs->di
#define __X64_ARGS2 __X64_ARGS1, regs->si
#define __X64_ARGS3 __X64_ARGS2, regs->dx
#define __X64_ARGS4 __X64_ARGS3, regs->r10
#define __X64_ARGS5 __X64_ARGS4, regs->r8
#define __X64_ARGS6 __X64_ARGS5, regs->r9

#define __IA32_ARGS0
#define __IA32_ARGS1 (u32)regs->bx
#define __IA32_ARGS2 __IA32_ARGS1, (u32)regs->cx
#define __IA32_ARGS3 __IA32_ARGS2, (u32)regs->dx
#define __IA32_ARGS4 __IA32_ARGS3, (u32)regs->si
#define __IA32_ARGS5 __IA32_ARGS4, (u32)regs->di
#define __IA32_ARGS6 __IA32_ARGS5, (u32)regs->bp

#ifdef CONFIG_IA32_EMULATION
#define __IA32_STUB(prefix, name, n, ...)					\
	long __ia32_##prefix##name(const struct pt_regs *regs);		\
	long __ia32_##prefix##name(const struct pt_regs *regs)		\
	{ (void)regs; return __se_##prefix##name(__IA32_ARGS##n); }
#else
#define __IA32_STUB(prefix, name, n, ...)
#endif

/*
 * What the tracer knows of each handler (kernel/trace.c): its name and the
 * C types and names of its arguments, straight from the SYSCALL_DEFINE
 * line (Linux's syscall metadata, CONFIG_FTRACE_SYSCALLS). Collected in
 * section syscall_meta by the linker script.
 */
struct syscall_meta {
	const char *name;
	int nargs;
	const char *types[6];
	const char *args[6];
	long (*x64)(const struct pt_regs *);	/* the entries the tables hold */
	long (*ia32)(const struct pt_regs *);
};
#ifdef CONFIG_IA32_EMULATION
#define __META_IA32(fn) fn
#else
#define __META_IA32(fn) NULL
#endif
#define __SC_STR_T(t, a) #t
#define __SC_STR_A(t, a) #a
#define __SYSCALL_META(prefix, n, name, ...)					\
	static const struct syscall_meta __meta_##prefix##name			\
	__attribute__((used, section("syscall_meta"), aligned(8))) = {		\
		#name, n, { __MAP(n, __SC_STR_T, __VA_ARGS__) },		\
		{ __MAP(n, __SC_STR_A, __VA_ARGS__) }, __x64_##prefix##name,	\
		__META_IA32(__ia32_##prefix##name) };

#define __SYSCALL_DEFINEx(prefix, n, name, ...)					\
	static inline long __do_##prefix##name(__MAP(n, __SC_DECL, __VA_ARGS__)); \
	static long __se_##prefix##name(__MAP(n, __SC_LONG, __VA_ARGS__))	\
	{ return __do_##prefix##name(__MAP(n, __SC_PASS, __VA_ARGS__)); }	\
	long __x64_##prefix##name(const struct pt_regs *regs);			\
	long __x64_##prefix##name(const struct pt_regs *regs)			\
	{ (void)regs; return __se_##prefix##name(__X64_ARGS##n); }		\
	__IA32_STUB(prefix, name, n)						\
	__SYSCALL_META(prefix, n, name, __VA_ARGS__)				\
	static inline long __do_##prefix##name(__MAP(n, __SC_DECL, __VA_ARGS__))

#define SYSCALL_DEFINE0(name) \
	static inline long __do_sys_##name(void);			\
	static long __se_sys_##name(void) { return __do_sys_##name(); } \
	long __x64_sys_##name(const struct pt_regs *regs);		\
	long __x64_sys_##name(const struct pt_regs *regs) { (void)regs; return __se_sys_##name(); } \
	__IA32_STUB(sys_, name, 0)					\
	static const struct syscall_meta __meta_sys_##name		\
	__attribute__((used, section("syscall_meta"), aligned(8))) = {	\
		#name, 0, { 0 }, { 0 }, __x64_sys_##name,		\
		__META_IA32(__ia32_sys_##name) };			\
	static inline long __do_sys_##name(void)
#define SYSCALL_DEFINE1(name, ...) __SYSCALL_DEFINEx(sys_, 1, name, __VA_ARGS__)
#define SYSCALL_DEFINE2(name, ...) __SYSCALL_DEFINEx(sys_, 2, name, __VA_ARGS__)
#define SYSCALL_DEFINE3(name, ...) __SYSCALL_DEFINEx(sys_, 3, name, __VA_ARGS__)
#define SYSCALL_DEFINE4(name, ...) __SYSCALL_DEFINEx(sys_, 4, name, __VA_ARGS__)
#define SYSCALL_DEFINE5(name, ...) __SYSCALL_DEFINEx(sys_, 5, name, __VA_ARGS__)
#define SYSCALL_DEFINE6(name, ...) __SYSCALL_DEFINEx(sys_, 6, name, __VA_ARGS__)

/* compat_sys_*: the 32-bit-layout variants of the ia32 and x32 tables. */
#define COMPAT_SYSCALL_DEFINE0(name) \
	static inline long __do_compat_sys_##name(void);			\
	static long __se_compat_sys_##name(void) { return __do_compat_sys_##name(); } \
	long __x64_compat_sys_##name(const struct pt_regs *regs);		\
	long __x64_compat_sys_##name(const struct pt_regs *regs) { (void)regs; return __se_compat_sys_##name(); } \
	__IA32_STUB(compat_sys_, name, 0)					\
	static const struct syscall_meta __meta_compat_sys_##name		\
	__attribute__((used, section("syscall_meta"), aligned(8))) = {		\
		#name, 0, { 0 }, { 0 }, __x64_compat_sys_##name,		\
		__META_IA32(__ia32_compat_sys_##name) };			\
	static inline long __do_compat_sys_##name(void)
#define COMPAT_SYSCALL_DEFINE1(name, ...) __SYSCALL_DEFINEx(compat_sys_, 1, name, __VA_ARGS__)
#define COMPAT_SYSCALL_DEFINE2(name, ...) __SYSCALL_DEFINEx(compat_sys_, 2, name, __VA_ARGS__)
#define COMPAT_SYSCALL_DEFINE3(name, ...) __SYSCALL_DEFINEx(compat_sys_, 3, name, __VA_ARGS__)
#define COMPAT_SYSCALL_DEFINE4(name, ...) __SYSCALL_DEFINEx(compat_sys_, 4, name, __VA_ARGS__)
#define COMPAT_SYSCALL_DEFINE5(name, ...) __SYSCALL_DEFINEx(compat_sys_, 5, name, __VA_ARGS__)
#define COMPAT_SYSCALL_DEFINE6(name, ...) __SYSCALL_DEFINEx(compat_sys_, 6, name, __VA_ARGS__)

typedef long (*sys_call_ptr_t)(const struct pt_regs *);

/* Is the current system call an ia32 or x32 one? Calls like readv and
 * writev share one handler and read 32-bit layouts then, as Linux's
 * in_compat_syscall(): in_ia32_syscall() is the task's flag, set by the
 * ia32 dispatch (syscall_32.c); in_x32_syscall() is __X32_SYSCALL_BIT in
 * the number the task entered with (regs->orig_ax), as in Linux. */
#define in_ia32_syscall() (get_current()->compat_syscall)
#define in_x32_syscall() ((get_current()->regs->orig_ax & 0x40000000) != 0)
#define in_compat_syscall() (in_ia32_syscall() || in_x32_syscall())

long __x64_sys_ni_syscall(const struct pt_regs *regs);

#endif
