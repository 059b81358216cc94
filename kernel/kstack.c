// SPDX-License-Identifier: MIT
/*
 * Kernel stacks with guard pages (Linux's CONFIG_VMAP_STACK). Each task's
 * KSTACK_SIZE stack is mapped page by page into its own slot of a virtual
 * area of the kernel half; the part of the slot below it stays unmapped.
 * A kernel stack overflow then faults on the guard instead of silently
 * overwriting whatever the heap put below the stack. The fault itself
 * cannot be delivered on the overflowed stack, so the CPU raises a double
 * fault, which runs on its own IST stack (arch/x86_64/gdt.c) and says
 * "kernel stack overflow" (arch/x86_64/harden.c).
 *
 * The area's page tables are all made at boot: every address space shares
 * them (vm.c copies the kernel half of the PML4 when it creates one), and
 * the leak check sees the same number of free pages before and after.
 */
#include <trident/mm.h>
#include <trident/printk.h>
#include <trident/task.h>
#include <asm/harden.h>
#include <asm/pgtable.h>
#include <asm/processor.h>

#define KSTACK_AREA	0xffffc90000000000UL	/* Linux's VMALLOC_START */
#define KSTACK_SLOT	(2 * KSTACK_SIZE)	/* guard below, stack above */
#define KSTACK_SLOTS	1024			/* > MAX_TASKS */

static u8 slot_used[KSTACK_SLOTS];

static phys_addr_t kernel_pml4_pa(void)
{
	return __pa(kernel_pml4);
}

void kstack_init(void)
{
	for (unsigned long va = KSTACK_AREA; va < KSTACK_AREA + KSTACK_SLOTS * KSTACK_SLOT;
	     va += 512 * PAGE_SIZE)
		if (!pte_lookup(kernel_pml4_pa(), va, true))
			panic("kstack: no memory for the stack area's page tables");
	harden.stack_guard = true;
}

void *kstack_alloc(void)
{
	u64 nx = nx_enabled ? PTE_NX : 0;

	for (int i = 0; i < KSTACK_SLOTS; i++) {
		if (slot_used[i])
			continue;
		unsigned long base = KSTACK_AREA + i * KSTACK_SLOT + (KSTACK_SLOT - KSTACK_SIZE);
		for (unsigned long off = 0; off < KSTACK_SIZE; off += PAGE_SIZE) {
			phys_addr_t pa = page_alloc();
			u64 *pte = pte_lookup(kernel_pml4_pa(), base + off, false);

			if (!pa) {
				while (off) {
					off -= PAGE_SIZE;
					pte = pte_lookup(kernel_pml4_pa(), base + off, false);
					page_free(*pte & PTE_ADDR);
					*pte = 0;
					invlpg(base + off);
				}
				return NULL;
			}
			*pte = pa | PTE_PRESENT | PTE_WRITE | nx;
		}
		slot_used[i] = 1;
		return (void *)base;
	}
	return NULL;
}

void kstack_free(void *stack)
{
	unsigned long base = (unsigned long)stack;
	int i = (base - KSTACK_AREA) / KSTACK_SLOT;

	if (base < KSTACK_AREA || i >= KSTACK_SLOTS || !slot_used[i])
		panic("kstack_free(%p): not a kernel stack", stack);
	for (unsigned long off = 0; off < KSTACK_SIZE; off += PAGE_SIZE) {
		u64 *pte = pte_lookup(kernel_pml4_pa(), base + off, false);

		page_free(*pte & PTE_ADDR);
		*pte = 0;
		invlpg(base + off);
	}
	slot_used[i] = 0;
}

bool kstack_guard_page(unsigned long addr)
{
	if (addr < KSTACK_AREA || addr >= KSTACK_AREA + KSTACK_SLOTS * KSTACK_SLOT)
		return false;
	return (addr - KSTACK_AREA) % KSTACK_SLOT < KSTACK_SLOT - KSTACK_SIZE;
}
