// SPDX-License-Identifier: MIT
/*
 * What happens after an exception: in user mode the task gets the signal
 * Linux would send (kernel/signal.c delivers it on the way out); in kernel mode a
 * fault on a user access is fixed up through the exception table, and any
 * other fault is a kernel bug: dump the registers and stop.
 */
#include <trident/printk.h>
#include <trident/signal.h>
#include <trident/task.h>
#include <trident/vm.h>
#include <asm/debugreg.h>
#include <asm/extable.h>
#include <asm/harden.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <trident/errno.h>
#include <trident/string.h>

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "int3", "overflow", "bounds",
	"invalid opcode", "device not available", "double fault",
	"coprocessor segment overrun", "invalid TSS", "segment not present",
	"stack segment", "general protection fault", "page fault", "reserved",
	"x87 floating point", "alignment check", "machine check",
	"SIMD floating point", "virtualization", "control protection",
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

/* #PF error code bits. */
#define X86_PF_PROT	0x1
#define X86_PF_USER	0x4

/* Linux's show_unhandled_signals: a fault that will kill says so. */
static void show_signal(const struct pt_regs *regs, int sig, int vector,
			unsigned long error_code, unsigned long addr)
{
	struct task *t = current;
	unsigned long handler = t->sighand->action[sig - 1].handler;

	if (handler != SIG_DFL && !(t->blocked & sigmask(sig)))
		return;
	if (!printk_ratelimit())
		return;
	printk("%s[%d]: %s at %lx ip %lx sp %lx error %lx\n", t->comm, t->pid,
	       exception_names[vector & 31] ? exception_names[vector & 31] : "trap",
	       addr, regs->ip, regs->sp, error_code);
}

/*
 * A fault in user mode becomes the signal Linux sends for it
 * (arch/x86/kernel/traps.c and mm/fault.c), with the trap number, error
 * code and fault address remembered for the sigcontext.
 */
static void user_fault(struct pt_regs *regs, int vector, unsigned long error_code,
		       unsigned long addr, int fault)
{
	struct task *t = current;
	int sig = SIGSEGV, code = 0;	/* 0: SI_KERNEL (force_sig) */
	unsigned long si_addr = regs->ip;

	t->trap_nr = vector;
	t->error_code = error_code;
	switch (vector) {
	case 0:  sig = SIGFPE;  code = FPE_INTDIV; break;
	case 1: {
		/* Linux's exc_debug_user(): the virtual DR6 starts with the
		 * single-step bit, the task's breakpoints add theirs; a #DB
		 * with no cause in DR6 at all is ICEBP (INT1). Nothing else
		 * (a stale bit of a slot not armed): no signal. */
		unsigned long dr6 = debug_read_clear_dr6();
		bool icebp = !dr6;

		t->debug.virtual_dr6 = dr6 & DR_STEP;
		hw_breakpoint_handler(regs, &dr6);
		dr6 |= t->debug.virtual_dr6;
		if (!(dr6 & (DR_STEP | DR_TRAP_BITS)) && !icebp)
			return;
		t->error_code = 0;	/* send_sigtrap(regs, 0, ...) */
		sig = SIGTRAP;
		code = (dr6 & DR_STEP) ? TRAP_TRACE : (dr6 & DR_TRAP_BITS) ? TRAP_HWBKPT : TRAP_BRKPT;
		break;
	}
	case 3:  sig = SIGTRAP; break;
	case 4:  sig = SIGSEGV; break;		/* into */
	case 5:  sig = SIGSEGV; break;		/* bound */
	case 6:  sig = SIGILL;  code = ILL_ILLOPN; break;
	case 9:  sig = SIGFPE;  break;
	case 10: sig = SIGSEGV; break;
	case 11: sig = SIGBUS;  break;		/* segment not present */
	case 12: sig = SIGBUS;  break;		/* stack segment */
	case 13: sig = SIGSEGV; break;
	case 14:
		/* mm/fault.c: a kernel address counts as a protection fault;
		 * no mapping at all is MAPERR, a mapping that forbids the
		 * access ACCERR. */
		if (addr >= TASK_SIZE_64)
			error_code |= X86_PF_PROT;
		t->error_code = error_code | X86_PF_USER;
		t->cr2 = addr;
		sig = SIGSEGV;
		code = fault == -EACCES ? SEGV_ACCERR : SEGV_MAPERR;
		si_addr = addr;
		break;
	case 16:
	case 19: sig = SIGFPE; code = FPE_FLTINV; break;
	case 17: sig = SIGBUS;  code = BUS_ADRALN; si_addr = 0; break;
	default:
		printk("unexpected %s (vector %d) from user mode\n",
		       exception_names[vector & 31] ? exception_names[vector & 31] : "exception", vector);
		break;
	}
	if (vector != 1)	/* Linux's exc_debug_user() says nothing */
		show_signal(regs, sig, vector, error_code, vector == 14 ? addr : 0);
	if (code)
		force_sig_fault(sig, code, si_addr);
	else
		force_sig(sig);
}

/*
 * The IRET to user mode faulted (idt_entry.asm saw the fault's RIP at the
 * iretq): a frame from sigreturn (or a corrupt one) named a state the CPU
 * refuses, a non-canonical RIP or a bad selector. The user's registers
 * were already loaded, so this exception's frame holds them; the user's
 * IRET frame is still where the failed iretq read it, at the top of the
 * kernel stack. Rebuild the task's pt_regs there as if the fault came
 * from user mode at that state (Linux's fixup_bad_iret()), and return it:
 * the exception continues as a user one, a SIGSEGV (or SIGBUS).
 */
struct pt_regs *fixup_bad_iret(struct pt_regs *bad);
struct pt_regs *fixup_bad_iret(struct pt_regs *bad)
{
	struct task *t = current;
	struct pt_regs *regs = t->regs;
	struct pt_regs tmp;

	memcpy(&tmp, bad, offsetof(struct pt_regs, ip));	/* r15 ... orig_ax (the error code) */
	tmp.ip = regs->ip;
	tmp.cs = regs->cs;
	tmp.flags = regs->flags;
	tmp.sp = regs->sp;
	tmp.ss = regs->ss;
	*regs = tmp;
	return regs;
}

/*
 * A #DB in kernel mode (idt_entry.asm's paranoid path: on the #DB IST
 * stack, with the kernel's GS base whatever GS held, interrupts off;
 * Linux's exc_debug_kernel()). Never fatal. The causes:
 *  - a single step on an entry's first instructions: SYSENTER keeps TF,
 *    and a SYSCALL with TF can trap on entry_SYSCALL_*'s first one
 *    (Bochs's AMD model). Ignored, TF left alone: the entry saves the
 *    user's flags and clears TF itself, and the user's own trap comes
 *    after the return, by IRET (Linux's is_sysenter_singlestep());
 *  - a user watchpoint hit by the kernel: a copy from or to a watched
 *    user address, or the MOV SS / POP SS shadow (CVE-2018-8897): the
 *    #DB of a watched `mov ss, [mem]` waits for the next instruction to
 *    finish, and when that is SYSCALL, SYSENTER, INT n or a faulting one
 *    it arrives on the first instruction of the kernel's entry, before
 *    its SWAPGS. Dropped, as Linux drops it (ptrace's breakpoints
 *    exclude the kernel): no signal, no virtual DR6 bit;
 *  - any other single step: it should not happen; TF is cleared so
 *    that it does not happen again.
 */
extern char entry_SYSCALL_64[];
#ifdef CONFIG_IA32_EMULATION
extern char entry_SYSCALL_compat[], entry_SYSENTER_compat[], __end_entry_SYSENTER_compat[];
#endif

static bool is_entry_singlestep(const struct pt_regs *regs)
{
	if (regs->ip == (unsigned long)entry_SYSCALL_64)
		return true;
#ifdef CONFIG_IA32_EMULATION
	if (regs->ip == (unsigned long)entry_SYSCALL_compat)
		return true;
	if (regs->ip >= (unsigned long)entry_SYSENTER_compat &&
	    regs->ip < (unsigned long)__end_entry_SYSENTER_compat)
		return true;
#endif
	return false;
}

void do_debug_kernel(struct pt_regs *regs);
void do_debug_kernel(struct pt_regs *regs)
{
	unsigned long dr6 = debug_read_clear_dr6();
	static bool warned;

	if ((dr6 & DR_STEP) && is_entry_singlestep(regs))
		dr6 &= ~DR_STEP;
	if (!dr6)
		return;
	hw_breakpoint_handler(regs, &dr6);
	if (dr6 & DR_STEP) {
		if (!warned)
			printk("#DB: single step in kernel mode at %lx, TF cleared\n", regs->ip);
		warned = true;
		regs->flags &= ~X86_EFLAGS_TF;
	}
}

/* Called from exception_common with the complete frame. */
void do_exception(struct pt_regs *regs, int vector);
void do_exception(struct pt_regs *regs, int vector)
{
	unsigned long addr = vector == 14 ? read_cr2() : 0;
	unsigned long error_code = regs->orig_ax;
	int fault = 0;

	/* The stubs push -1 where the CPU pushes no code (a real one is 32
	 * bits); Linux passes 0 then. */
	if (error_code == (unsigned long)-1)
		error_code = 0;

	/* As Linux: an exception is no system call (orig_ax -1); the code
	 * goes to the handler and, for the user, into the sigcontext. */
	regs->orig_ax = -1;
	if (!user_mode(regs)) {
		/* SMEP and SMAP violations are kernel bugs, never demand
		 * paging: resolving them would fault again for ever. */
		if (vector == 14 && harden_bad_user_access(regs, addr))
			die(regs, vector);
		/* copy_{from,to}_user touched a user page that is not there
		 * yet or is copy-on-write: the same demand paging as for the
		 * user. Otherwise the access fails: its fix-up returns the
		 * error from there. */
		if (vector == 14 && current && vm_handle_fault(current->mm, addr, error_code) == 0)
			return;
		if ((vector == 14 || vector == 13) && fixup_exception(regs))
			return;
		regs->orig_ax = error_code;
		die(regs, vector);
	}

	bool handled = false;
	if (vector == 14) {
		fault = vm_handle_fault(current->mm, addr, error_code);
		handled = !fault;	/* demand paging resolved it */
	} else if (vector == 13) {
		handled = fixup_iopl_exception(regs);	/* iopl(3)'s CLI/STI: ioport.c */
	}
	if (!handled)
		user_fault(regs, vector, error_code, addr, fault);
	exit_to_user_mode(regs);
}
