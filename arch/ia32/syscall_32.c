// SPDX-License-Identifier: MIT
/*
 * The ia32 system-call table and the C half of the three compat entries
 * (Linux's arch/x86/entry/syscall_32.c and the 32-bit parts of common.c).
 *
 * The table comes from arch/ia32/syscalls/syscall_32.tbl through
 * scripts/syscalltbl.sh; every entry is an __ia32_ stub made by
 * SYSCALL_DEFINEn / COMPAT_SYSCALL_DEFINEn, which takes EBX ECX EDX ESI
 * EDI EBP zero-extended from 32 bits. int $0x80 from a 64-bit program
 * reaches this same table, as on Linux.
 */
#include <trident/syscalls.h>
#include <trident/errno.h>
#include <trident/task.h>
#include <trident/uaccess.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/processor.h>
#include <uapi/asm/unistd_32.h>
#include <trident/trace.h>
#include <trident/vm.h>
#include <asm/vdso.h>
#include <trident/signal.h>
#include <trident/ptrace.h>

#define __SYSCALL(nr, sym) long __ia32_##sym(const struct pt_regs *);
#include <generated/syscalls_32.h>
#undef __SYSCALL

long __ia32_sys_ni_syscall(const struct pt_regs *regs);
long __ia32_sys_ni_syscall(const struct pt_regs *regs)
{
	(void)regs;
	return -ENOSYS;
}

#pragma GCC diagnostic ignored "-Woverride-init"
#define __SYSCALL(nr, sym) [nr] = __ia32_##sym,
static const sys_call_ptr_t ia32_sys_call_table[__NR_syscalls] = {
	[0 ... __NR_syscalls - 1] = __ia32_sys_ni_syscall,
#include <generated/syscalls_32.h>
};
#undef __SYSCALL

/* A traced call, out of line (the tracer is off in the common case). */
static __attribute__((noinline)) long trace_syscall_32(struct pt_regs *regs, const char *entry)
{
	int nr = (int)regs->orig_ax;
	sys_call_ptr_t fn = ia32_sys_call_table[nr];
	struct trace_call c = { "ia32", entry, nr, fn,
		{ (u32)regs->bx, (u32)regs->cx, (u32)regs->dx,
		  (u32)regs->si, (u32)regs->di, (u32)regs->bp }, "" };
	long ret;

	if (fn == __ia32_sys_exit || fn == __ia32_sys_exit_group)
		trace_syscall_enter(&c);
	trace_syscall_begin(&c);
	ret = fn(regs);
	trace_syscall_exit(&c, ret);
	return ret;
}

/* The number is EAX, zero-extended by the entry (RAX's high half
 * dropped): -1 and every "negative" int miss the table, and regs->ax keeps
 * the -ENOSYS the entry pushed (Linux leaves -1 alone the same way).
 * The task is marked as inside an ia32 call for the call's duration
 * (in_ia32_syscall(), Linux's TS_COMPAT). */
static inline __attribute__((always_inline)) void do_syscall_32(struct pt_regs *regs,
								const char *entry)
{
	unsigned long nr = regs->orig_ax;

	if (likely(nr < __NR_syscalls)) {
		/* current is read again after the call rather than kept in a
		 * saved register: one register to save, no stack realignment. */
		current->compat_syscall = true;
		if (unlikely(trace_on()))
			regs->ax = trace_syscall_32(regs, entry);
		else
			regs->ax = ia32_sys_call_table[nr](regs);
		current->compat_syscall = false;
	}
}

/* Under PTRACE_SYSCALL / PTRACE_SYSEMU: the entry stop, the call the
 * tracer left in orig_ax (sign-extended -1: none, EAX as the tracer set
 * it; out of range: -ENOSYS) unless skipped, the exit stop. */
static __attribute__((noinline)) void do_syscall_32_work(struct pt_regs *regs,
							 const char *entry)
{
	if (!ptrace_syscall_enter(regs)) {
		if ((int)regs->orig_ax != -1) {
			regs->orig_ax = (u32)regs->orig_ax;
			regs->ax = -ENOSYS;
			do_syscall_32(regs, entry);
		}
	}
	ptrace_syscall_exit(regs);
}

/* int $0x80: always returns by IRET, every register but EAX as it was. */
void do_int80_syscall_32(struct pt_regs *regs);
void do_int80_syscall_32(struct pt_regs *regs)
{
	if (unlikely(current->work & TIF_SYSCALL_WORK))
		do_syscall_32_work(regs, "int80");
	else
		do_syscall_32(regs, "int80");
	if (unlikely(current->work))
		exit_to_user_mode(regs);
}

/*
 * Arg 6 of a fast call, from the user stack: one load, with an exception
 * table entry (asm/extable.h) whose fix-up is the label fault; Linux's
 * unsafe_get_user(). No access_ok(): the address is 32 bits, so it is
 * below every kernel address, and anything unmapped faults.
 */
extern u8 smap_enabled;		/* arch/x86_64/harden.c */

static inline __attribute__((always_inline)) bool get_arg6(u32 *arg6, u32 uaddr)
{
	u32 v;

	/* Under SMAP the load needs EFLAGS.AC (asm/smap.inc): STAC before,
	 * CLAC after, on both ways out. */
	if (smap_enabled)
		__asm__ volatile("stac" ::: "memory", "cc");
	__asm__ goto("1:	movl (%q1), %0\n"
		     "	.pushsection __ex_table, \"a\"\n"
		     "	.balign 8\n"
		     "	.quad 1b, %l[fault]\n"
		     "	.popsection"
		     : "=r"(v) : "r"((unsigned long)uaddr) : "memory" : fault);
	if (smap_enabled)
		__asm__ volatile("clac" ::: "memory", "cc");
	*arg6 = v;
	return true;
fault:
	if (smap_enabled)
		__asm__ volatile("clac" ::: "memory", "cc");
	return false;
}

/*
 * SYSENTER and compat SYSCALL. Both came from __kernel_vsyscall, which
 * pushed ECX, EDX and EBP: the user's EBP (arg 6) is at 0(%esp). Return to
 * the landing pad after the vDSO's `int $0x80`, so that a restart (IP - 2)
 * would re-run that int $0x80. Returns true when SYSRETL may return.
 */
static bool fast_syscall_32(struct pt_regs *regs, const char *entry)
{
	unsigned long vdso = current->mm->vdso;
	unsigned long landing_pad = vdso ? vdso + vdso32_landing_pad_offset : 0;
	u32 arg6;

	regs->ip = landing_pad;
	if (!landing_pad) {
		/* Not from a vDSO we mapped: nowhere to return to. */
		regs->ax = -ENOSYS;
		if (unlikely(current->work))
			exit_to_user_mode(regs);
		return false;
	}
	if (!get_arg6(&arg6, regs->sp)) {
		/* The user stack is bad: the call fails, by IRET. */
		regs->ax = -EFAULT;
		if (unlikely(current->work))
			exit_to_user_mode(regs);
		return false;
	}
	/* arg 6 in EBP: also what a restart through the vDSO's int $0x80
	 * (the instruction before the landing pad) finds there. */
	regs->bp = arg6;
	if (unlikely(current->work & TIF_SYSCALL_WORK))
		do_syscall_32_work(regs, entry);
	else
		do_syscall_32(regs, entry);
	if (unlikely(current->work))
		exit_to_user_mode(regs);

	/* SYSRETL returns to regs->ip in 32-bit code with these flags; it
	 * cannot restore RF, and with TF set the trap must follow IRET. */
	return regs->cs == __USER32_CS && regs->ss == __USER_DS &&
	       regs->ip == landing_pad &&
	       !(regs->flags & (X86_EFLAGS_RF | X86_EFLAGS_TF | X86_EFLAGS_VM));
}

/* SYSENTER saved no RSP and no flags' IF: the vDSO left ESP in EBP. */
bool do_SYSENTER_32(struct pt_regs *regs);
bool do_SYSENTER_32(struct pt_regs *regs)
{
	regs->sp = regs->bp;
	regs->flags |= X86_EFLAGS_IF;
	return fast_syscall_32(regs, "sysenter");
}

/* compat SYSCALL lands here directly. */
bool do_fast_syscall_32(struct pt_regs *regs);
bool do_fast_syscall_32(struct pt_regs *regs)
{
	return fast_syscall_32(regs, "syscall32");
}
