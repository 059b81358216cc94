// SPDX-License-Identifier: MIT
/*
 * Page tables: the kernel half set up at boot (boot/multiboot2.asm) and the
 * walks the user address spaces need. All tables are reached through the
 * direct map, so no temporary mappings are ever needed.
 */
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/msr.h>
#include <trident/mm.h>
#include <trident/vm.h>
#include <trident/string.h>

extern u64 boot_pml4[512];	/* in .boot.bss: its physical address is its link address */

u64 *kernel_pml4;
bool nx_enabled;

void paging_init(void)
{
	kernel_pml4 = __va((phys_addr_t)boot_pml4);
	/* The identity map of the low 4 GiB was only for the jump to the
	 * higher half: from now on the lower half is user space. */
	kernel_pml4[0] = 0;
	write_cr3(read_cr3());
	nx_enabled = rdmsr(MSR_EFER) & EFER_NXE;
}

u64 pte_prot(int prot)
{
	u64 f = PTE_PRESENT | PTE_USER;

	if (prot & VM_WRITE)
		f |= PTE_WRITE;
	if (!(prot & VM_EXEC) && nx_enabled)
		f |= PTE_NX;
	return f;
}

u64 pte_make(phys_addr_t pa, int prot)
{
	if (!(prot & (VM_READ | VM_WRITE | VM_EXEC)))
		return pa | PTE_PROTNONE;
	return pa | pte_prot(prot);
}

u64 *pte_lookup(phys_addr_t pml4, unsigned long va, bool alloc)
{
	u64 *table = __va(pml4);
	const int shifts[3] = { 39, 30, 21 };

	for (int level = 0; level < 3; level++) {
		u64 *e = &table[(va >> shifts[level]) & 511];
		if (!(*e & PTE_PRESENT)) {
			if (!alloc)
				return NULL;
			phys_addr_t t = page_alloc();
			if (!t)
				return NULL;
			/* Intermediate entries allow everything; the leaf
			 * decides (permissions are the AND of all levels). */
			*e = t | PTE_PRESENT | PTE_WRITE | PTE_USER;
		}
		table = __va(*e & PTE_ADDR);
	}
	return &table[PT_INDEX(va)];
}

unsigned long pte_hole_end(phys_addr_t pml4, unsigned long va)
{
	u64 *table = __va(pml4);
	const int shifts[3] = { 39, 30, 21 };

	for (int level = 0; level < 3; level++) {
		u64 e = table[(va >> shifts[level]) & 511];
		if (!(e & PTE_PRESENT))
			return (va | ((1UL << shifts[level]) - 1)) + 1;
		table = __va(e & PTE_ADDR);
	}
	return va + PAGE_SIZE;
}

static void free_table(u64 *table, int level)
{
	int n = level == 0 ? USER_PML4_ENTRIES : 512;

	for (int i = 0; i < n; i++) {
		if (level < 3 ? !(table[i] & PTE_PRESENT) : !pte_has_page(table[i]))
			continue;
		phys_addr_t pa = table[i] & PTE_ADDR;
		if (level < 3)
			free_table(__va(pa), level + 1);
		page_free(pa);
		table[i] = 0;
	}
}

void free_user_pagetables(phys_addr_t pml4)
{
	free_table(__va(pml4), 0);
}
