// SPDX-License-Identifier: MIT
/*
 * espfix64: IRET to a 16-bit stack segment without leaking the kernel
 * stack address (Linux: arch/x86/kernel/espfix_64.c and
 * native_irq_return_ldt in entry_64.S, Linux 3.16).
 *
 * The problem. modify_ldt (arch/x86_64/ldt.c) lets a program make 16-bit
 * data segments and use one as SS. An IRETQ back to compatibility mode
 * with such an SS loads only SP, bits 0-15 of the stack pointer; bits
 * 16-63 keep what RSP held in the kernel at the IRET: the address of the
 * task's kernel stack. The program reads it back from ESP/RSP.
 *
 * The fix. Return through a stack whose address the user may see: one
 * page, mapped at every address ESPFIX_BASE_ADDR + X for X in [0, 4 GiB)
 * (all 4 KiB pages of those 4 GiB are the same physical page). The exit
 * (entry_64.asm, native_irq_return_ldt) copies the IRET frame to the top
 * of that page and sets
 *
 *	RSP = ESPFIX_BASE_ADDR | (user RSP & 0xffff0000) | frame offset
 *
 * so bits 16-31 left behind by the IRET are the user's own, and bits
 * 32-63 are ESPFIX_BASE_ADDR's, a constant of the kernel's layout (Linux
 * shows the same: its sigreturn selftest accepts a change of bits 32-63
 * for a non-64-bit CS, and bits 0-31 must be exact).
 *
 * Where Linux differs, and why. Linux shares one page among 64 CPUs'
 * 64-byte espfix stacks and maps its aliases read-only: an IRET that
 * faults there cannot push its exception frame, the CPU raises #DF, and
 * exc_double_fault turns it into the user's #GP(0). We have one CPU: the
 * whole page is this CPU's espfix stack and its aliases are writable
 * (kernel-only, never executable). A faulting IRET (#GP, #NP or #SS: a bad
 * CS from sigreturn, a not-present or wrong LDT segment) then pushes its
 * frame below the copied IRET frame, on the same page, and goes through
 * the same path as a fault of the ordinary IRET: idt_entry.asm sees the
 * iretq's address, does the swapgs and calls fixup_bad_iret
 * (arch/x86_64/traps.c) on this page (about 4 KiB of room below the
 * frame; it needs a few hundred bytes), which rebuilds the user's frame
 * at the top of the task's kernel stack from the task's pt_regs (still
 * intact there: the exit copied it, never moved it) and continues there.
 * So the task gets the signal of the real vector with its error code
 * (#NP and #SS: SIGBUS, #GP: SIGSEGV), as for every other bad IRET, where
 * Linux reports each as #GP(0), SIGSEGV (its #DF path loses the vector).
 * Nothing else can arrive on this stack: the exit runs with interrupts
 * off, and NMIs and machine checks are not used (idt_entry.asm).
 *
 * The page and its tables are static (bss): nothing is allocated, so the
 * kernel's leak check sees no change. The PML4 entry is set before any
 * address space exists, so vm.c copies it into every one with the rest
 * of the kernel half.
 */
#include <trident/mm.h>
#include <trident/printk.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/espfix.h>

/* The espfix stack: the IRET frame and the user's RAX at its top. */
u8 espfix_stack[PAGE_SIZE] __aligned(PAGE_SIZE);
/* The 4 GiB of aliases: one PDPT (4 entries used), one page directory
 * whose 512 entries all name one page table, whose 512 entries all name
 * espfix_stack. */
static u64 espfix_pud[512] __aligned(PAGE_SIZE);
static u64 espfix_pmd[512] __aligned(PAGE_SIZE);
static u64 espfix_pte[512] __aligned(PAGE_SIZE);

/* For native_irq_return_ldt (Linux's per-CPU espfix_waddr and
 * espfix_stack): where it writes the user's RAX and the IRET frame above
 * it (the page's own address in the image), and what it ORs into the
 * user's RSP bits 16-31 to get the alias of that place it returns from.
 * Constants, in .rodata: no kernel write can redirect the exit. */
u8 *const espfix_waddr = espfix_stack + ESPFIX_FRAME_OFFSET;
const unsigned long espfix_rsp = ESPFIX_BASE_ADDR + ESPFIX_FRAME_OFFSET;

/* Physical address of a static object of the image (linked at -2 GiB). */
static phys_addr_t image_pa(const void *p)
{
	return (phys_addr_t)p - KERNEL_VMA;
}

void espfix_init(void)
{
	u64 nx = nx_enabled ? PTE_NX : 0;

	if (kernel_pml4[PML4_INDEX(ESPFIX_BASE_ADDR)] & PTE_PRESENT)
		panic("espfix: PML4 entry %lu is in use", PML4_INDEX(ESPFIX_BASE_ADDR));
	for (int i = 0; i < 512; i++) {
		espfix_pte[i] = image_pa(espfix_stack) | PTE_PRESENT | PTE_WRITE | nx;
		espfix_pmd[i] = image_pa(espfix_pte) | PTE_PRESENT | PTE_WRITE;
	}
	for (int i = 0; i < 4; i++)		/* 4 x 1 GiB: address bits 0-31 */
		espfix_pud[i] = image_pa(espfix_pmd) | PTE_PRESENT | PTE_WRITE;
	kernel_pml4[PML4_INDEX(ESPFIX_BASE_ADDR)] = image_pa(espfix_pud) | PTE_PRESENT | PTE_WRITE;
}
