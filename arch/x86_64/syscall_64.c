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
#include <trident/ptrace.h>
#include <trident/task.h>

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
				{ regs->di, regs->si, regs->dx, regs->r10, regs->r8, regs->r9 }, "" };
	long ret;

	if (fn == __x64_sys_exit || fn == __x64_sys_exit_group)
		trace_syscall_enter(&c);
	trace_syscall_begin(&c);
	ret = fn(regs);
	trace_syscall_exit(&c, ret);
	return ret;
}

#ifdef CONFIG_X86_X32_ABI
void do_syscall_x32(struct pt_regs *regs, int nr);	/* syscall_x32.c */
#else
static inline void do_syscall_x32(struct pt_regs *regs, int nr)
{
	(void)regs;
	(void)nr;
}
#endif

/*
 * Returns true when SYSRET may return this frame, false for IRET.
 * SYSRET loads RIP from RCX and RFLAGS from R11 and fixed selectors, so it
 * can only return a frame where those already agree. The RIP check also
 * guards against the Intel SYSRET flaw (CVE-2012-0217): SYSRET to a
 * non-canonical RIP faults in ring 0 with the user's RSP. Everything below
 * TASK_SIZE_64 (0x7ffffffff000) is canonical; the page just below the hole
 * is never mapped, so no legitimate return lands at or above it.
 */
static inline __attribute__((always_inline)) bool sysret_allowed(const struct pt_regs *regs)
{
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

/* A traced call, out of line: the tracer is off in the common case. */
static __attribute__((noinline)) long trace_syscall_64(struct pt_regs *regs, int nr)
{
	return trace_call_64(regs, "64", nr, sys_call_table[nr]);
}

/*
 * nr is RAX's low 32 bits as an int, sign-extended to 64 bits by
 * entry_64.asm (movsxd): current Linux ignores bits 32-63, so
 * 0x1_00000027 is getpid. Taken as a long, it indexes the table without
 * another extension. Compared unsigned, -1 and every negative number are
 * out of range of the 64-bit
 * table; then the x32 table (syscall_x32.c, nr - 0x40000000), else
 * -ENOSYS, which regs->ax already holds (the entry pushed it; -1
 * included, which Linux leaves alone the same way). The common case, a
 * 64-bit number untraced, is one test of the work word (ptrace), one
 * bounds check, one test of the tracer switch and the table's indirect
 * call (docs/performance.md counts the instructions).
 */
/*
 * Under PTRACE_SYSCALL / PTRACE_SYSEMU (Linux's syscall_trace_enter()
 * and syscall_exit_work()): the entry stop, then the call the tracer
 * left in orig_ax (its low 32 bits, as do_syscall_x64() reads it; -1:
 * none, RAX stays what the tracer set, anything else out of range
 * -ENOSYS), unless SYSEMU or SIGKILL skips it; then the exit stop.
 */
static __attribute__((noinline)) bool do_syscall_64_work(struct pt_regs *regs)
{
	if (!ptrace_syscall_enter(regs)) {
		long nr = (int)regs->orig_ax;
		unsigned long unr = nr;

		if (unr < __NR_syscalls) {
			regs->ax = likely(!trace_on()) ? sys_call_table[unr](regs)
						       : trace_syscall_64(regs, nr);
		} else if (nr != -1) {
			regs->ax = -ENOSYS;
			do_syscall_x32(regs, (int)nr);
		}
	}
	ptrace_syscall_exit(regs);
	if (current->work)
		exit_to_user_mode(regs);
	return sysret_allowed(regs);
}

bool do_syscall_64(struct pt_regs *regs, long nr);
bool do_syscall_64(struct pt_regs *regs, long nr)
{
	unsigned long unr = nr;
	unsigned long work = current->work;

	/* A tracer's system-call stops, then the console tracer: two tests
	 * of the work word, read once. */
	if (unlikely(work & TIF_SYSCALL_WORK))
		return do_syscall_64_work(regs);
	if (likely(unr < __NR_syscalls) && likely(!(work & TIF_SYSCALL_TRACEPOINT)))
		regs->ax = sys_call_table[unr](regs);
	else if (unr < __NR_syscalls)
		regs->ax = trace_syscall_64(regs, nr);
	else
		do_syscall_x32(regs, (int)nr);
	/* Signals and restarts change the frame: deliver them before the
	 * frame is judged, so a changed one goes out by IRET. One test of
	 * the work word in the common case (kernel/signal.c). */
	if (unlikely(current->work))
		exit_to_user_mode(regs);
	return sysret_allowed(regs);
}
