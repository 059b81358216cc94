// SPDX-License-Identifier: MIT
/*
 * The 64-bit system-call table and the C half of entry_SYSCALL_64
 * (Linux's arch/x86/entry/syscall_64.c and common.c).
 *
 * The table is generated: scripts/syscalltbl.sh turns the "common" and
 * "64" rows of syscall_64.tbl into __SYSCALL(nr, entry) lines, included
 * twice below with __SYSCALL defined two ways (declarations, then the
 * table's initialisers), as Linux does.
 *
 * Why a table and not Linux 6.9's generated switch: a switch avoids the
 * indirect call that Branch History Injection (CVE-2024-2201) abuses; a
 * table keeps the mechanism the seed text teaches visible. The indirect
 * call's target is bounded by the array index check, and we have no
 * untrusted neighbours on the same core to fear yet.
 */
#include <trident/syscalls.h>
#include <trident/errno.h>
#include <trident/vm.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/processor.h>
#include <uapi/asm/unistd_64.h>
#include <trident/trace.h>
#include <trident/signal.h>

#define __SYSCALL(nr, sym) long __x64_##sym(const struct pt_regs *);
#include <generated/syscalls_64.h>
#undef __SYSCALL

/* Every slot answers -ENOSYS unless the .tbl names an entry point; the
 * entries then override the range default on purpose (Linux builds these
 * files with -Wno-override-init too). */
#pragma GCC diagnostic ignored "-Woverride-init"
#define __SYSCALL(nr, sym) [nr] = __x64_##sym,
static const sys_call_ptr_t sys_call_table[__NR_syscalls] = {
	[0 ... __NR_syscalls - 1] = __x64_sys_ni_syscall,
#include <generated/syscalls_64.h>
};
#undef __SYSCALL

long __x64_sys_ni_syscall(const struct pt_regs *regs)
{
	(void)regs;
	return -ENOSYS;
}

/* A traced call through a 64-bit-convention table (64-bit and x32):
 * the arguments are captured first, since the call may change regs
 * (execve does). exit and exit_group never return: shown before. */
long trace_call_64(struct pt_regs *regs, const char *abi, int nr, sys_call_ptr_t fn)
{
	struct trace_call c = { abi, "syscall", nr, fn,
				{ regs->di, regs->si, regs->dx, regs->r10, regs->r8, regs->r9 } };
	long ret;

	if (fn == __x64_sys_exit || fn == __x64_sys_exit_group)
		trace_syscall_enter(&c);
	ret = fn(regs);
	trace_syscall_exit(&c, ret);
	return ret;
}

/*
 * nr is RAX's low 32 bits as an int (entry_64.asm sign-extends EAX):
 * current Linux ignores bits 32-63, so 0x1_00000027 is getpid. Compared
 * unsigned, -1 and every negative number are out of range.
 */
static bool do_syscall_x64(struct pt_regs *regs, int nr)
{
	unsigned int unr = nr;

	if (unr < __NR_syscalls) {
		if (unlikely(trace_on()))
			regs->ax = trace_call_64(regs, "64", nr, sys_call_table[unr]);
		else
			regs->ax = sys_call_table[unr](regs);
		return true;
	}
	return false;
}

/*
 * Returns true when SYSRET may return this frame, false for IRET.
 * SYSRET loads RIP from RCX and RFLAGS from R11 and fixed selectors, so it
 * can only return a frame where those already agree. The RIP check also
 * guards against the Intel SYSRET flaw (CVE-2012-0217): SYSRET to a
 * non-canonical RIP faults in ring 0 with the user's RSP. Everything below
 * TASK_SIZE_64 (0x7ffffffff000) is canonical; the page just below the hole
 * is never mapped, so no legitimate return lands at or above it.
 */
#ifdef CONFIG_X86_X32_ABI
bool do_syscall_x32(struct pt_regs *regs, int nr);	/* syscall_x32.c */
#else
static bool do_syscall_x32(struct pt_regs *regs, int nr)
{
	(void)regs;
	(void)nr;
	return false;
}
#endif

bool do_syscall_64(struct pt_regs *regs, int nr);
bool do_syscall_64(struct pt_regs *regs, int nr)
{
	/* The 64-bit table by nr, else the x32 table by nr - 0x40000000,
	 * else -ENOSYS (-1 is left alone: regs->ax already says -ENOSYS). */
	if (!do_syscall_x64(regs, nr) && !do_syscall_x32(regs, nr) && nr != -1)
		regs->ax = __x64_sys_ni_syscall(regs);
	/* Signals and restarts change the frame: deliver them before the
	 * frame is judged, so a changed one goes out by IRET. */
	exit_to_user_mode(regs);

	if (regs->cx != regs->ip || regs->r11 != regs->flags)
		return false;
	if (regs->cs != __USER_CS || regs->ss != __USER_DS)
		return false;
	if (regs->ip >= TASK_SIZE_64)
		return false;
	/* SYSRET cannot restore RF, and with TF set Linux returns by IRET so
	 * the single-step trap lands after the SYSCALL instruction. */
	if (regs->flags & (X86_EFLAGS_RF | X86_EFLAGS_TF))
		return false;
	return true;
}
