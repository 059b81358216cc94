// SPDX-License-Identifier: MIT
/*
 * FSGSBASE: RDFSBASE, WRFSBASE, RDGSBASE and WRGSBASE in user mode, as
 * Linux 5.9+ (arch/x86/kernel/cpu/common.c, process_64.c).
 *
 * The CPU has them when CPUID.(EAX=7,ECX=0):EBX bit 0 is set (QEMU's
 * Haswell model: yes; qemu64: no); the kernel allows them by setting
 * CR4.FSGSBASE (bit 16), else they raise #UD (SIGILL). Linux sets the bit
 * unless the command line says "nofsgsbase", and tells programs with
 * HWCAP2_FSGSBASE in AT_HWCAP2 (the same value for ia32 programs, which
 * cannot use the instructions: they exist only in 64-bit mode).
 *
 * What changes for the kernel: the user's FS and GS bases are no longer
 * only what arch_prctl() and the selectors set. A program may write any
 * canonical value, kernel-half ones too, at any time. So:
 *  - whoever needs the bases of the running task reads them from the CPU
 *    first (fsgsbase_save(): Linux's save_fsgs()): the context switch
 *    (arch/ia32/tls.c), fork and arch_prctl(ARCH_GET_FS/GS). The switch
 *    then loads the selectors and writes the saved bases over what the
 *    selector loads put there (Linux's x86_fsgsbase_load()).
 *  - the entry code never trusts the GS base's value to tell the user's
 *    from the kernel's: it decides by the saved CS (idt_entry.asm, whose
 *    header says why that is enough here).
 */
#include <asm/fsgsbase.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <trident/printk.h>
#include <trident/task.h>

#define X86_CR4_FSGSBASE	(1UL << 16)
#define CPUID_7_EBX_FSGSBASE	(1u << 0)

bool fsgsbase_enabled;
unsigned long elf_hwcap2;

static bool cpu_has_fsgsbase(void)
{
	u32 a, b, c, d;

	cpuid(0, 0, &a, &b, &c, &d);
	if (a < 7)
		return false;
	cpuid(7, 0, &a, &b, &c, &d);
	return b & CPUID_7_EBX_FSGSBASE;
}

/* Boot, after the command line: disabled is "nofsgsbase" (Linux prints its
 * line only when the CPU had the feature). */
void fsgsbase_init(bool disabled)
{
	unsigned long cr4;

	if (!cpu_has_fsgsbase())
		return;
	if (disabled) {
		pr_info("FSGSBASE disabled via kernel command line\n");
		return;
	}
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4 | X86_CR4_FSGSBASE) : "memory");
	fsgsbase_enabled = true;
	elf_hwcap2 |= HWCAP2_FSGSBASE;
}

/*
 * t is the running task: copy its live FS and GS bases into the task.
 * In the kernel the user's GS base waits in MSR_KERNEL_GS_BASE (the entry's
 * SWAPGS put it there), so it is read from the MSR; Linux does SWAPGS,
 * RDGSBASE, SWAPGS with interrupts off, the same value. The FS base is the
 * user's as it is: RDFSBASE, allowed in ring 0 once CR4.FSGSBASE is set.
 * Without FSGSBASE the task's fields are always right: nothing to do.
 */
void fsgsbase_save(struct task *t)
{
	unsigned long fs;

	if (!fsgsbase_enabled)
		return;
	__asm__ volatile("rdfsbase %0" : "=r"(fs));
	t->fs_base = fs;
	t->gs_base = rdmsr(MSR_KERNEL_GS_BASE);
}
