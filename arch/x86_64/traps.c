// SPDX-License-Identifier: MIT
/*
 * What happens after an exception: in user mode the task gets the signal
 * Linux would send (and, without handlers yet, dies of it); in kernel mode a
 * fault on a user access is fixed up through the exception table, and any
 * other fault is a kernel bug: dump the registers and stop.
 */
#include <trident/printk.h>
#include <trident/signal.h>
#include <trident/task.h>
#include <trident/vm.h>
#include <asm/extable.h>
#include <asm/harden.h>
#include <asm/processor.h>
#include <asm/ptrace.h>

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "int3", "overflow", "bounds",
	"invalid opcode", "device not available", "double fault",
	"coprocessor segment overrun", "invalid TSS", "segment not present",
	"stack segment", "general protection fault", "page fault", "reserved",
	"x87 floating point", "alignment check", "machine check",
	"SIMD floating point", "virtualization", "control protection",
};

/* The signal Linux sends for each exception from user mode
 * (arch/x86/kernel/traps.c). 0: not a user's doing. */
static const int exception_signals[32] = {
	[0] = SIGFPE,  [1] = SIGTRAP, [3] = SIGTRAP, [4] = SIGSEGV,
	[5] = SIGSEGV, [6] = SIGILL,  [7] = SIGSEGV, [9] = SIGFPE,
	[10] = SIGSEGV, [11] = SIGBUS, [12] = SIGBUS, [13] = SIGSEGV,
	[14] = SIGSEGV, [16] = SIGFPE, [17] = SIGBUS, [19] = SIGFPE,
	[21] = SIGSEGV,
};

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

bool fixup_exception(struct pt_regs *regs)
{
	for (const struct exception_table_entry *e = __start___ex_table;
	     e < __stop___ex_table; e++) {
		if (e->insn == regs->ip) {
			regs->ip = e->fixup;
			return true;
		}
	}
	return false;
}

static void show_regs(const struct pt_regs *r)
{
	printk("RIP: %04lx:%016lx RFLAGS: %08lx\n", r->cs, r->ip, r->flags);
	printk("RSP: %04lx:%016lx ORIG_RAX: %016lx\n", r->ss, r->sp, r->orig_ax);
	printk("RAX: %016lx RBX: %016lx RCX: %016lx\n", r->ax, r->bx, r->cx);
	printk("RDX: %016lx RSI: %016lx RDI: %016lx\n", r->dx, r->si, r->di);
	printk("RBP: %016lx R08: %016lx R09: %016lx\n", r->bp, r->r8, r->r9);
	printk("R10: %016lx R11: %016lx R12: %016lx\n", r->r10, r->r11, r->r12);
	printk("R13: %016lx R14: %016lx R15: %016lx\n", r->r13, r->r14, r->r15);
	printk("CR2: %016lx CR3: %016lx\n", read_cr2(), read_cr3());
}

static __attribute__((noreturn)) void die(const struct pt_regs *regs, int vector)
{
	harden_explain_fault(regs, vector, read_cr2());
	printk("Oops: %s (vector %d) error %#lx in kernel mode\n",
	       vector < 32 && exception_names[vector] ? exception_names[vector] : "exception",
	       vector, regs->orig_ax);
	show_regs(regs);
	panic("fatal exception in kernel mode");
}

/* Called from exception_common with the complete frame. */
void do_exception(struct pt_regs *regs, int vector);
void do_exception(struct pt_regs *regs, int vector)
{
	unsigned long addr = vector == 14 ? read_cr2() : 0;

	if (!user_mode(regs)) {
		/* SMEP and SMAP violations are kernel bugs, never demand
		 * paging: resolving them would fault again for ever. */
		if (vector == 14 && harden_bad_user_access(regs, addr))
			die(regs, vector);
		/* copy_{from,to}_user touched a user page that is not there
		 * yet or is copy-on-write: the same demand paging as for the
		 * user. Otherwise the access fails: its fix-up returns the
		 * error from there. */
		if (vector == 14 && current && vm_handle_fault(current->mm, addr, regs->orig_ax) == 0)
			return;
		if ((vector == 14 || vector == 13) && fixup_exception(regs))
			return;
		die(regs, vector);
	}

	if (vector == 14 && vm_handle_fault(current->mm, addr, regs->orig_ax) == 0)
		return;		/* demand paging resolved it */

	int sig = exception_signals[vector & 31];
	if (!sig) {
		printk("unexpected %s (vector %d) from user mode\n",
		       exception_names[vector & 31] ? exception_names[vector & 31] : "exception", vector);
		sig = SIGSEGV;
	}
	force_sig_fault(sig, regs, addr, exception_names[vector & 31]);
}
