// SPDX-License-Identifier: MIT
/*
 * The kernel heap. Small requests (up to 2 KiB with the header) come from
 * per-size-class free lists carved out of whole pages; larger ones take a
 * run of contiguous pages from the page allocator. Every block carries a
 * 16-byte header with a magic number, so a double or wild kfree stops the
 * kernel loudly instead of corrupting it, and kmalloc_in_use() counts what
 * is outstanding (the fuzzing issue checks that it returns to its start).
 */
#include <trident/mm.h>
#include <trident/string.h>
#include <trident/printk.h>

#define MAGIC_USED  0x6b6d616c6c6f6321ULL	/* "kmalloc!" */
#define MAGIC_FREE  0x66726565626c6f6bULL	/* "freeblok" */
#define NR_CLASSES  8				/* 32 .. 4096 bytes with header */
#define BIG_CLASS   0xff

struct header {
	u64 magic;
	u32 class;		/* index into classes, or BIG_CLASS */
	u32 pages;		/* BIG_CLASS: number of pages */
};
_Static_assert(sizeof(struct header) == 16, "kmalloc header keeps 16-byte alignment");

struct free_block {
	struct header h;
	struct free_block *next;
};

static struct free_block *free_lists[NR_CLASSES];
static size_t in_use;
static unsigned long heap_pages;	/* pages the heap holds: slabs and big blocks */

static size_t class_size(int c)
{
	return (size_t)32 << c;		/* 32, 64, ... 4096 */
}

static int size_to_class(size_t total)
{
	for (int c = 0; c < NR_CLASSES; c++)
		if (total <= class_size(c))
			return c;
	return -1;
}

/* Cut a fresh page into blocks of class c. */
static bool refill(int c)
{
	phys_addr_t pa = page_alloc();

	if (!pa)
		return false;
	heap_pages++;
	char *page = __va(pa);
	for (size_t off = 0; off + class_size(c) <= PAGE_SIZE; off += class_size(c)) {
		struct free_block *b = (struct free_block *)(page + off);
		b->h.magic = MAGIC_FREE;
		b->h.class = c;
		b->next = free_lists[c];
		free_lists[c] = b;
	}
	return true;
}

void *kmalloc(size_t size)
{
	size_t total = size + sizeof(struct header);
	int c = size_to_class(total);

	if (size > (1UL << 30))
		return NULL;
	if (c < 0) {
		unsigned long pages = ALIGN_UP(total, PAGE_SIZE) / PAGE_SIZE;
		phys_addr_t pa = page_alloc_contig(pages);
		if (!pa)
			return NULL;
		struct header *h = __va(pa);
		h->magic = MAGIC_USED;
		h->class = BIG_CLASS;
		h->pages = pages;
		in_use += pages * PAGE_SIZE;
		heap_pages += pages;
		return h + 1;
	}
	if (!free_lists[c] && !refill(c))
		return NULL;
	struct free_block *b = free_lists[c];
	if (b->h.magic != MAGIC_FREE)
		panic("kmalloc: free list of class %d corrupted at %p", c, b);
	free_lists[c] = b->next;
	b->h.magic = MAGIC_USED;
	in_use += class_size(c);
	return &b->h + 1;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(void *p)
{
	if (!p)
		return;
	struct header *h = (struct header *)p - 1;
	if (h->magic != MAGIC_USED)
		panic("kfree(%p): not an allocated block (double free?)", p);
	if (h->class == BIG_CLASS) {
		in_use -= h->pages * PAGE_SIZE;
		heap_pages -= h->pages;
		h->magic = MAGIC_FREE;
		page_free_contig(__pa(h), h->pages);
		return;
	}
	if (h->class >= NR_CLASSES)
		panic("kfree(%p): bad size class %u", p, h->class);
	struct free_block *b = (struct free_block *)h;
	b->h.magic = MAGIC_FREE;
	b->next = free_lists[h->class];
	free_lists[h->class] = b;
	in_use -= class_size(h->class);
}

size_t kmalloc_in_use(void)
{
	return in_use;
}

unsigned long kmalloc_pages(void)
{
	return heap_pages;
}

/*
 * The heap's consistency check (at init's start and end, with the memory
 * check): every free block of every size class carries MAGIC_FREE and its
 * class, lies in the direct map, and no list has a cycle (at most the
 * blocks the heap's pages can hold). A corrupted heap panics here, in a
 * test boot, rather than much later.
 */
void kmalloc_check(void)
{
	unsigned long limit = heap_pages * PAGE_SIZE / 32 + 1;

	for (int c = 0; c < NR_CLASSES; c++) {
		unsigned long n = 0;

		for (struct free_block *b = free_lists[c]; b; b = b->next) {
			if ((unsigned long)b < PAGE_OFFSET ||
			    (unsigned long)b >= PAGE_OFFSET + DIRECT_MAP_SIZE ||
			    b->h.magic != MAGIC_FREE || b->h.class != (u32)c)
				panic("kmalloc_check: class %d free list corrupted at %p", c, b);
			if (++n > limit)
				panic("kmalloc_check: class %d free list has a cycle", c);
		}
	}
}
