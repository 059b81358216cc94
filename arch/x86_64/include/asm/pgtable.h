/* SPDX-License-Identifier: MIT */
/* 4-level page tables (Intel SDM vol. 3, 4.5). */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <trident/types.h>

#define PTE_PRESENT  (1ULL << 0)
#define PTE_WRITE    (1ULL << 1)
#define PTE_USER     (1ULL << 2)	/* U/S: ring 3 may use it */
#define PTE_ACCESSED (1ULL << 5)
#define PTE_DIRTY    (1ULL << 6)
#define PTE_PS       (1ULL << 7)	/* a 2 MiB/1 GiB page, not a table */
#define PTE_GLOBAL   (1ULL << 8)
/* Software bit (ignored by the CPU): a page frame is here, but the vma is
 * PROT_NONE, so the entry is not present. Linux's _PAGE_PROTNONE idea. */
#define PTE_PROTNONE (1ULL << 9)
#define PTE_NX       (1ULL << 63)	/* no execute (needs EFER.NXE) */
#define PTE_ADDR     0x000ffffffffff000ULL

#define PML4_INDEX(va) (((va) >> 39) & 511)
#define PDPT_INDEX(va) (((va) >> 30) & 511)
#define PD_INDEX(va)   (((va) >> 21) & 511)
#define PT_INDEX(va)   (((va) >> 12) & 511)
#define USER_PML4_ENTRIES 256		/* the lower half */

/* The kernel's own PML4 (boot_pml4): its upper half is copied into every
 * process's PML4. */
extern u64 *kernel_pml4;
void paging_init(void);

/* The 4 KiB PTE for va in the tree rooted at pml4 (physical), creating
 * missing user-accessible tables when alloc is set. NULL when absent or
 * out of memory. */
u64 *pte_lookup(phys_addr_t pml4, unsigned long va, bool alloc);
/* Where the hole of missing tables around va ends (pte_lookup(va, false)
 * is NULL up to there): range walks skip whole empty 2 MiB..512 GiB
 * regions instead of looking up each of their pages (a munmap or
 * mprotect of 2^47 bytes would otherwise take seconds; the fuzzer). */
unsigned long pte_hole_end(phys_addr_t pml4, unsigned long va);
/* Frees every table and every mapped page of the lower half. */
void free_user_pagetables(phys_addr_t pml4);
/* PTE bits for a user mapping with VM_* protection. */
u64 pte_prot(int prot);
/* The leaf entry for frame pa with VM_* protection (PROT_NONE: not present). */
u64 pte_make(phys_addr_t pa, int prot);
/* Does this leaf entry hold a page frame (accessible or not)? */
static inline bool pte_has_page(u64 pte)
{
	return pte & (PTE_PRESENT | PTE_PROTNONE);
}
extern bool nx_enabled;

#endif
