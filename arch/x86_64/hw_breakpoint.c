// SPDX-License-Identifier: MIT
/*
 * User breakpoints in the debug registers, set by a tracer (Linux's
 * arch/x86/kernel/ptrace.c ptrace_set_debugreg()/ptrace_write_dr7() over
 * arch/x86/kernel/hw_breakpoint.c).
 *
 * The tracer writes u_debugreg[0..3] (addresses) and u_debugreg[7]
 * (which are enabled, their lengths and kinds) with PTRACE_POKEUSER.
 * Linux turns each slot into a perf breakpoint and checks it as
 * hw_breakpoint_parse() does; what a program can see of that:
 *
 *   - DR0-DR3: the first write of a slot registers it disabled, as a
 *     1-byte write watchpoint; a later write keeps its length and kind.
 *     The address must suit them: -EINVAL when it is not aligned to the
 *     length or any byte of it is at or above TASK_SIZE_MAX (the kernel's
 *     half: ptrace breakpoints exclude the kernel), for ia32 tasks too.
 *   - DR7: bits 10-15 and 32-63 are dropped; each slot with an enable
 *     bit (L or G) gets the length (1, 2, 8, 4 bytes for 00, 01, 10, 11)
 *     and kind (00 execute, 01 write, 11 read/write; 10, I/O, is
 *     -EINVAL; execute only with length 00) and is checked against its
 *     address; a slot already registered is checked even when the new
 *     DR7 disables it. On a failure every slot goes back to what the old
 *     DR7 said and the write fails; otherwise DR7 reads back as written.
 *   - DR4 and DR5 do not exist (-EIO); DR6 reads back the "virtual" DR6
 *     (below) and a write sets it.
 *
 * Breakpoint n of the task always sits in the CPU's DRn (Linux picks the
 * first free CPU slot, the same one while only ptrace uses them). The
 * switch to a task loads its enabled ones (global enable bits and GE, as
 * Linux's encode_dr7()); a task with none gets DR7 = 0, the debug
 * registers' state at boot. They stay armed in the kernel: a kernel
 * access to a watched user address traps too (traps.c's kernel #DB).
 *
 * Virtual DR6 (Linux's thread.virtual_dr6, "positive polarity": the raw
 * register XOR DR6_RESERVED): what the tracer reads in u_debugreg[6]. A
 * #DB from user mode starts it anew with the single-step bit of the real
 * DR6, then each hit breakpoint of the task adds its B bit. A #DB in
 * kernel mode (a watched user word read by the kernel, or the MOV SS
 * shadow that delays a #DB onto an entry's first instruction) leaves no
 * trace: Linux's ptrace breakpoints are perf events with exclude_kernel.
 * Exec forgets every breakpoint; fork does not copy them.
 */
#include <trident/errno.h>
#include <trident/task.h>
#include <trident/vm.h>
#include <asm/debugreg.h>
#include <asm/processor.h>
#include <asm/ptrace.h>

#define set_debugreg(val, n) __asm__ volatile("mov %0, %%db" #n : : "r"((unsigned long)(val)))
#define get_debugreg(var, n) __asm__ volatile("mov %%db" #n ", %0" : "=r"(var))

/* What DR7 holds now (one CPU): 0 at boot, the debug registers' reset
 * value. A switch between tasks without breakpoints writes nothing. */
static unsigned long cpu_dr7;

/* Linux's arch_bp_generic_fields() and arch_build_bp_info(): a length
 * and kind the hardware has and ptrace allows; the bytes it covers. */
static int check_fields(unsigned int len, unsigned int type, unsigned long *bytes)
{
	switch (len) {
	case X86_BREAKPOINT_LEN_1: *bytes = 1; break;
	case X86_BREAKPOINT_LEN_2: *bytes = 2; break;
	case X86_BREAKPOINT_LEN_4: *bytes = 4; break;
	case X86_BREAKPOINT_LEN_8: *bytes = 8; break;
	default: return -EINVAL;
	}
	switch (type) {
	case X86_BREAKPOINT_EXECUTE:
		/* "x86 inst breakpoints need to have a specific undefined len" */
		return len == X86_BREAKPOINT_LEN_1 ? 0 : -EINVAL;
	case X86_BREAKPOINT_WRITE:
	case X86_BREAKPOINT_RW:
		return 0;
	default:
		return -EINVAL;		/* I/O breakpoints */
	}
}

/* Linux's hw_breakpoint_parse() for an exclude_kernel breakpoint: the
 * fields, the alignment, and no byte in the kernel's half. */
static int check_bp(unsigned long addr, unsigned int len, unsigned int type)
{
	unsigned long bytes;
	int err = check_fields(len, type, &bytes);

	if (err)
		return err;
	if (addr & (bytes - 1))
		return -EINVAL;
	if (addr >= TASK_SIZE_64 || addr + bytes - 1 >= TASK_SIZE_64)
		return -EINVAL;
	return 0;
}

/* The 4-bit len | type field of slot n in DR7. */
static unsigned int dr7_field(unsigned long dr7, unsigned int n)
{
	return (dr7 >> (DR_CONTROL_SHIFT + n * DR_CONTROL_SIZE)) & 0xf;
}

/* Linux's encode_dr7(): slot n armed with its len | type, global enable. */
static unsigned long encode_dr7(const struct thread_debug *d, unsigned int n)
{
	return ((unsigned long)((d->len[n] | d->type[n]) & 0xf) << (DR_CONTROL_SHIFT + n * DR_CONTROL_SIZE)) |
	       (DR_GLOBAL_ENABLE << (n * DR_ENABLE_SIZE)) | DR_GLOBAL_SLOWDOWN;
}

/* Linux's ptrace_get_dr7(): the DR7 the armed slots make. */
static unsigned long armed_dr7(const struct thread_debug *d)
{
	unsigned long dr7 = 0;

	for (unsigned int n = 0; n < HBP_NUM; n++)
		if (d->enabled & (1u << n))
			dr7 |= encode_dr7(d, n);
	return dr7;
}

static int set_bp_addr(struct thread_debug *d, unsigned int n, unsigned long addr)
{
	unsigned int bit = 1u << n;
	int err;

	if (!(d->exists & bit)) {
		/* ptrace_register_breakpoint(LEN_1, WRITE, disabled) */
		err = check_bp(addr, X86_BREAKPOINT_LEN_1, X86_BREAKPOINT_WRITE);
		if (err)
			return err;
		d->exists |= bit;
		d->len[n] = X86_BREAKPOINT_LEN_1;
		d->type[n] = X86_BREAKPOINT_WRITE;
	} else {
		err = check_bp(addr, d->len[n], d->type[n]);
		if (err)
			return err;
	}
	d->addr[n] = addr;
	return 0;
}

/* One pass of Linux's ptrace_write_dr7() over the slots: stops at the
 * first slot that refuses its new settings. */
static int apply_dr7(struct thread_debug *d, unsigned long dr7)
{
	for (unsigned int n = 0; n < HBP_NUM; n++) {
		unsigned int bit = 1u << n;
		unsigned int f = dr7_field(dr7, n);
		unsigned int len = (f & 0xc) | 0x40, type = (f & 0x3) | 0x80;
		bool enable = (dr7 >> (n * DR_ENABLE_SIZE)) & 3;
		unsigned long addr = d->exists & bit ? d->addr[n] : 0;
		int err;

		if (!(d->exists & bit) && !enable)
			continue;
		err = check_bp(addr, len, type);
		if (err)
			return err;
		d->exists |= bit;
		d->addr[n] = addr;
		d->len[n] = len;
		d->type[n] = type;
		if (enable)
			d->enabled |= bit;
		else
			d->enabled &= ~bit;
	}
	return 0;
}

static int write_dr7(struct thread_debug *d, unsigned long val)
{
	unsigned long old = armed_dr7(d);
	int err = apply_dr7(d, val & ~DR_CONTROL_RESERVED);

	if (err)
		apply_dr7(d, old);	/* cannot fail: each slot passed before */
	return err;
}

int ptrace_set_debugreg(struct task *t, unsigned int n, unsigned long val)
{
	struct thread_debug *d = &t->debug;
	int err;

	if (n < HBP_NUM)
		return set_bp_addr(d, n, val);
	if (n == 6) {
		d->virtual_dr6 = val ^ DR6_RESERVED;
		return 0;
	}
	if (n == 7) {
		err = write_dr7(d, val);
		if (!err)
			d->ptrace_dr7 = val;
		return err;
	}
	return -EIO;			/* DR4, DR5 */
}

unsigned long ptrace_get_debugreg(struct task *t, unsigned int n)
{
	const struct thread_debug *d = &t->debug;

	if (n < HBP_NUM)
		return d->exists & (1u << n) ? d->addr[n] : 0;
	if (n == 6)
		return d->virtual_dr6 ^ DR6_RESERVED;
	if (n == 7)
		return d->ptrace_dr7;
	return 0;
}

void debugreg_flush(struct task *t)
{
	t->debug = (struct thread_debug){ 0 };
	if (t == current)
		debugreg_switch_to(t);
}

void debugreg_switch_to(const struct task *t)
{
	const struct thread_debug *d = &t->debug;
	unsigned long dr7 = armed_dr7(d);

	if (!dr7 && !cpu_dr7)
		return;
	if (cpu_dr7)
		set_debugreg(0, 7);	/* nothing armed while DR0-3 change */
	if (d->enabled & 1)
		set_debugreg(d->addr[0], 0);
	if (d->enabled & 2)
		set_debugreg(d->addr[1], 1);
	if (d->enabled & 4)
		set_debugreg(d->addr[2], 2);
	if (d->enabled & 8)
		set_debugreg(d->addr[3], 3);
	if (dr7)
		set_debugreg(dr7, 7);
	cpu_dr7 = dr7;
}

unsigned long debug_read_clear_dr6(void)
{
	unsigned long dr6;

	get_debugreg(dr6, 6);
	set_debugreg(DR6_RESERVED, 6);	/* the bits are sticky: reset them */
	return dr6 ^ DR6_RESERVED;
}

void hw_breakpoint_handler(struct pt_regs *regs, unsigned long *dr6)
{
	struct task *t = current;

	if (!t)
		return;
	for (unsigned int n = 0; n < HBP_NUM; n++) {
		unsigned long bit = DR_TRAP0 << n;

		/* B bits may be set for a matching slot that is not armed
		 * (SDM 18.2.3): only the task's armed ones count. */
		if (!(*dr6 & bit) || !(t->debug.enabled & (1u << n)))
			continue;
		*dr6 &= ~bit;
		/* ptrace's breakpoints exclude the kernel: a hit in kernel
		 * mode is dropped (perf_exclude_event()), only taken out of
		 * DR6. */
		if (user_mode(regs))
			t->debug.virtual_dr6 |= bit;
		/* An instruction breakpoint is a fault: RF lets the
		 * instruction run once we return to it. */
		if (t->debug.type[n] == X86_BREAKPOINT_EXECUTE)
			regs->flags |= X86_EFLAGS_RF;
	}
}
