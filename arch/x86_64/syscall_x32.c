// SPDX-License-Identifier: MIT
/*
 * The x32 system-call table and its dispatch (Linux's
 * arch/x86/entry/syscall_x32.c and do_syscall_x32 in common.c).
 *
 * x32 programs run in 64-bit mode and enter through entry_SYSCALL_64 like
 * 64-bit ones; they mark their numbers with __X32_SYSCALL_BIT (0x40000000).
 * The table holds the "common" and "x32" rows of syscall_64.tbl at their
 * numbers without the bit: 0..462 are the common calls, 512..547 the x32
 * versions of calls whose arguments have 32-bit layouts (iovec, execve's
 * argv...). A "64" row (13 rt_sigaction, 16 ioctl, 19 readv, 20 writev,
 * 59 execve, ...) is a hole here, and x32 numbers 512..547 are holes in
 * the 64-bit table: each ABI reaches only its own versions.
 *
 * Linux 5.0 (the seed text) had one table for both: it masked the bit off
 * (`andl $__SYSCALL_MASK, %eax`) and indexed sys_call_table, so an x32
 * program could reach the 64-bit ioctl and a 64-bit program the x32
 * compat calls 512..547. Linux 5.4 split the tables; docs/x32.md tells it.
 */
#include <trident/syscalls.h>
#include <trident/errno.h>
#include <trident/boot.h>
#include <trident/task.h>
#include <asm/ptrace.h>
#include <trident/trace.h>
#include <asm/ia32.h>
#include <uapi/asm/unistd_x32.h>

#define __X32_SYSCALL_BIT 0x40000000
#define X32_NR_syscalls __NR_syscalls

#define __SYSCALL(nr, sym) long __x64_##sym(const struct pt_regs *);
#include <generated/syscalls_x32.h>
#undef __SYSCALL

#pragma GCC diagnostic ignored "-Woverride-init"
#define __SYSCALL(nr, sym) [nr] = __x64_##sym,
static const sys_call_ptr_t x32_sys_call_table[X32_NR_syscalls] = {
	[0 ... X32_NR_syscalls - 1] = __x64_sys_ni_syscall,
#include <generated/syscalls_x32.h>
};
#undef __SYSCALL

/*
 * The boot switch syscall.x32=y|n, as Debian's kernels have it
 * (CONFIG_X86_X32_DISABLED there defaults it to n; Trident's default,
 * like mainline Linux, is on when built in).
 */
bool x32_enabled(void)
{
	return boot_params.x32 != 0;
}

/*
 * An x32 call, or -ENOSYS (regs->ax holds it already): do_syscall_64
 * (syscall_64.c) comes here with every number out of the 64-bit table.
 * nr - __X32_SYSCALL_BIT, compared unsigned: numbers without the bit wrap
 * to huge values and miss, so only numbers with the bit (and below
 * 0x40000000 + 548) reach this table. No flag marks the call as x32:
 * in_compat_syscall() reads the bit in regs->orig_ax, as Linux's
 * in_x32_syscall() does.
 */
void do_syscall_x32(struct pt_regs *regs, int nr)
{
	/* In unsigned arithmetic: int nr - 0x40000000 overflows for the most
	 * negative numbers (Linux builds with -fno-strict-overflow; UBSAN
	 * caught ours). */
	unsigned int xnr = (unsigned int)nr - __X32_SYSCALL_BIT;

	if (likely(xnr < X32_NR_syscalls) && likely(x32_enabled())) {
		if (unlikely(trace_on()))
			regs->ax = trace_call_64(regs, "x32", xnr, x32_sys_call_table[xnr]);
		else
			regs->ax = x32_sys_call_table[xnr](regs);
	}
}
