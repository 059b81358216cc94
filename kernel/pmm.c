// SPDX-License-Identifier: MIT
/*
 * Physical page frames: one bit per 4 KiB page of the first 4 GiB (the
 * part the direct map covers), 1 = free. Boot marks the usable ranges of
 * the multiboot2 memory map free, then takes back the kernel image, the
 * modules and the first MiB. page_alloc scans from a moving hint; runs of
 * pages (kernel stacks, big kmalloc blocks) come from page_alloc_contig.
 */
#include <trident/mm.h>
#include <trident/string.h>
#include <trident/printk.h>

#define MAX_PAGES (DIRECT_MAP_SIZE / PAGE_SIZE)

static u64 bitmap[MAX_PAGES / 64];
/* Users of each allocated page beyond the first: a page shared
 * copy-on-write by n address spaces has n - 1 here. 0 for most pages. */
static u16 extra_refs[MAX_PAGES];
static unsigned long nr_free, nr_total, hint, top;

static bool page_is_free(unsigned long pfn)
{
	return bitmap[pfn / 64] & (1ULL << (pfn % 64));
}

static void mark_free(unsigned long pfn)
{
	bitmap[pfn / 64] |= 1ULL << (pfn % 64);
}

static void mark_used(unsigned long pfn)
{
	bitmap[pfn / 64] &= ~(1ULL << (pfn % 64));
}

void pmm_add_range(phys_addr_t start, phys_addr_t end)
{
	if (end > DIRECT_MAP_SIZE)
		end = DIRECT_MAP_SIZE;
	for (unsigned long pfn = ALIGN_UP(start, PAGE_SIZE) / PAGE_SIZE;
	     pfn < end / PAGE_SIZE; pfn++) {
		if (!page_is_free(pfn)) {
			mark_free(pfn);
			nr_free++;
			nr_total++;
		}
		if (pfn + 1 > top)
			top = pfn + 1;
	}
}

void pmm_reserve_range(phys_addr_t start, phys_addr_t end)
{
	if (end > DIRECT_MAP_SIZE)
		end = DIRECT_MAP_SIZE;
	for (unsigned long pfn = start / PAGE_SIZE; pfn < ALIGN_UP(end, PAGE_SIZE) / PAGE_SIZE; pfn++) {
		if (page_is_free(pfn)) {
			mark_used(pfn);
			nr_free--;
			nr_total--;
		}
	}
}

phys_addr_t page_alloc_contig(unsigned long count)
{
	if (!count || count > nr_free)
		return 0;
	for (int pass = 0; pass < 2; pass++) {
		unsigned long start = pass ? 0 : hint;
		unsigned long run = 0;

		for (unsigned long pfn = start; pfn < top; pfn++) {
			/* Skip whole empty words quickly. */
			if (pfn % 64 == 0 && bitmap[pfn / 64] == 0 && pfn + 64 <= top) {
				pfn += 63;
				run = 0;
				continue;
			}
			run = page_is_free(pfn) ? run + 1 : 0;
			if (run == count) {
				unsigned long first = pfn + 1 - count;
				for (unsigned long p = first; p <= pfn; p++)
					mark_used(p);
				nr_free -= count;
				hint = pfn + 1;
				memset(__va(first * PAGE_SIZE), 0, count * PAGE_SIZE);
				return first * PAGE_SIZE;
			}
		}
	}
	return 0;
}

phys_addr_t page_alloc(void)
{
	return page_alloc_contig(1);
}

void page_free_contig(phys_addr_t pa, unsigned long count)
{
	for (unsigned long pfn = pa / PAGE_SIZE; count--; pfn++) {
		if (page_is_free(pfn))
			panic("page_free: page %#lx is already free", pfn * PAGE_SIZE);
		mark_free(pfn);
		nr_free++;
	}
}

void page_free(phys_addr_t pa)
{
	unsigned long pfn = pa / PAGE_SIZE;

	if (extra_refs[pfn]) {
		extra_refs[pfn]--;
		return;
	}
	page_free_contig(pa, 1);
}

void page_get(phys_addr_t pa)
{
	unsigned long pfn = pa / PAGE_SIZE;

	if (extra_refs[pfn] == 0xffff)
		panic("page_get: page %#lx has too many users", pa);
	extra_refs[pfn]++;
}

bool page_shared(phys_addr_t pa)
{
	return extra_refs[pa / PAGE_SIZE] != 0;
}

unsigned long pages_free(void)
{
	return nr_free;
}

unsigned long pages_total(void)
{
	return nr_total;
}

void memory_check_print(const char *when)
{
	kmalloc_check();		/* panics on a corrupted heap */
	printk("Memory check %s: %lu pages free or in the heap, %lu heap bytes in use\n",
	       when, pages_free() + kmalloc_pages(), (unsigned long)kmalloc_in_use());
}
