// SPDX-License-Identifier: MIT
/*
 * syscall_init: program the MSRs that decide where SYSCALL and SYSENTER
 * land, as Linux's arch/x86/kernel/cpu/common.c does. The seed text walks
 * through the Linux 5.0 version; the one difference a program can see is
 * the mask (below).
 */
#include <asm/msr.h>
#include <asm/segment.h>
#include <asm/processor.h>
#include <asm/percpu.h>
#include <trident/printk.h>
#include <trident/boot.h>
#include <asm/desc.h>
#include <asm/ia32.h>
#include <generated/autoconf.h>

extern char entry_SYSCALL_64[];
extern char entry_SYSCALL_compat[];
extern char entry_SYSENTER_compat[];
extern char ignore_sysret[];
extern char entry_INT80_compat[];

#define IA32_SYSCALL_VECTOR 0x80

/*
 * RFLAGS bits SYSCALL clears on entry. Linux 5.8 and later clear every
 * arithmetic flag too (CF PF AF ZF SF OF), plus TF (no single-step into the
 * kernel), IF (interrupts stay off until the kernel stack is in use), DF
 * (the C ABI), IOPL, NT (a stale NT would make a later IRET fault), RF, AC
 * (no user access outside copy_*_user with SMAP) and ID: 0x257fd5.
 * Linux 5.0 (the seed text) cleared only TF DF IF IOPL AC NT = 0x47700.
 * The user's own RFLAGS come back either way: R11 carries them.
 */
#define SYSCALL_MASK (X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF | X86_EFLAGS_ZF | \
		      X86_EFLAGS_SF | X86_EFLAGS_TF | X86_EFLAGS_IF | X86_EFLAGS_DF | \
		      X86_EFLAGS_OF | X86_EFLAGS_IOPL | X86_EFLAGS_NT | X86_EFLAGS_RF | \
		      X86_EFLAGS_AC | X86_EFLAGS_ID)
_Static_assert(SYSCALL_MASK == 0x257fd5, "Linux's SYSCALL_MASK");

void syscall_init(void);
void syscall_init(void)
{
	/* SYSCALL loads CS = STAR[47:32], SS = CS + 8; SYSRET loads
	 * CS = STAR[63:48] (+16 for 64-bit), SS = STAR[63:48] + 8. */
	wrmsr(MSR_STAR, ((u64)__USER32_CS << 48) | ((u64)__KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)entry_SYSCALL_64);

#ifdef CONFIG_IA32_EMULATION
	if (ia32_enabled()) {
		/* The compat entries (arch/ia32/entry_64_compat.asm). SYSENTER
		 * lands on this CPU's small entry stack and moves to the
		 * task's stack at once. */
		wrmsr(MSR_CSTAR, (u64)entry_SYSCALL_compat);
		wrmsr(MSR_IA32_SYSENTER_CS, __KERNEL_CS);
		wrmsr(MSR_IA32_SYSENTER_ESP, this_cpu()->entry_stack_top);
		wrmsr(MSR_IA32_SYSENTER_EIP, (u64)entry_SYSENTER_compat);
		/* int $0x80: a DPL-3 gate, so user mode may raise it. */
		idt_set_gate(IA32_SYSCALL_VECTOR, entry_INT80_compat, 3, 0);
	} else
#endif
	{
		/* A compat-mode SYSCALL lands in ignore_sysret and gets
		 * -ENOSYS. Linux writes CSTAR only on CPUs that honour compat
		 * SYSCALL; we write it everywhere, because QEMU's TCG honours
		 * it on any vendor and CSTAR = 0 would send the CPU to
		 * address 0 in ring 0. */
		wrmsr(MSR_CSTAR, (u64)ignore_sysret);
		/* An invalid selector makes SYSENTER raise #GP: the program
		 * gets SIGSEGV. */
		wrmsr(MSR_IA32_SYSENTER_CS, 0);
		wrmsr(MSR_IA32_SYSENTER_ESP, 0);
		wrmsr(MSR_IA32_SYSENTER_EIP, 0);
		/* No gate at 0x80: `int $0x80` raises #GP, the program gets
		 * SIGSEGV. */
		idt_clear_gate(IA32_SYSCALL_VECTOR);
	}

	wrmsr(MSR_SYSCALL_MASK, SYSCALL_MASK);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}
