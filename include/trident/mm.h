/* SPDX-License-Identifier: MIT */
/*
 * Physical memory and the kernel heap.
 *
 * Virtual layout of the upper half (as Linux's Documentation/arch/x86/x86_64/mm.rst):
 *   0xffff888000000000  direct map of physical memory (PAGE_OFFSET), first 4 GiB
 *   0xffffffff80000000  the kernel image (-2 GiB, -mcmodel=kernel)
 * The lower half (below 0x0000800000000000) belongs to the current process.
 */
#ifndef _TRIDENT_MM_H
#define _TRIDENT_MM_H

#include <trident/types.h>

#define PAGE_SHIFT   12
#define PAGE_SIZE    4096UL
#define PAGE_MASK    (~(PAGE_SIZE - 1))
#define PAGE_OFFSET  0xffff888000000000UL
#define KERNEL_VMA   0xffffffff80000000UL
#define DIRECT_MAP_SIZE (4UL << 30)

#define __va(pa) ((void *)((phys_addr_t)(pa) + PAGE_OFFSET))
/* Only for addresses in the direct map (heap, page tables, page frames). */
#define __pa(va) ((phys_addr_t)(va) - PAGE_OFFSET)

/* Page frames (kernel/pmm.c), from the multiboot2 memory map minus the
 * kernel image, the modules and the first MiB. */
void pmm_add_range(phys_addr_t start, phys_addr_t end);
void pmm_reserve_range(phys_addr_t start, phys_addr_t end);
phys_addr_t page_alloc(void);		/* a zeroed page, or 0 when none is left */
/* Drops one user of the page; the last one frees it. */
void page_free(phys_addr_t pa);
void page_get(phys_addr_t pa);		/* one more user (copy-on-write sharing) */
bool page_shared(phys_addr_t pa);	/* more than one user? */
/* count physically contiguous zeroed pages, or 0. */
phys_addr_t page_alloc_contig(unsigned long count);
void page_free_contig(phys_addr_t pa, unsigned long count);
unsigned long pages_free(void);
unsigned long pages_total(void);

/* Kernel heap (kernel/kmalloc.c): size classes of 16..2048 bytes carved
 * from pages; bigger requests take whole contiguous-in-virtual pages.
 * kmalloc returns NULL when memory is exhausted; callers say -ENOMEM. */
void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(void *p);
size_t kmalloc_in_use(void);		/* bytes handed out and not freed */
unsigned long kmalloc_pages(void);	/* pages the heap holds (slabs keep theirs) */

/*
 * The leak check: free pages plus the heap's pages is constant while
 * nothing leaks user pages or page tables (slab pages stay with the heap
 * once taken), and the heap's bytes in use return to their value when
 * every object made since is freed. The kernel prints both when init
 * starts and when it ends (`Memory check: ...`); the harness compares.
 */
void memory_check_print(const char *when);
/* Walks the heap's free lists; panics if one is corrupted. */
void kmalloc_check(void);

#endif
