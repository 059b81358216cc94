/* SPDX-License-Identifier: MIT */
/*
 * A small heap: first fit on one free list kept in address order, so that
 * freeing a block can merge it with the free neighbours on either side.
 *
 * Every block starts with a 16-byte header; the caller's memory follows it
 * and is 16-byte aligned, as malloc's must be on x86_64 (max_align_t).
 *
 *   | size | next | caller's bytes (size of them) ... | next block ...
 *     header
 *
 * The heap grows by brk(2), 64 KiB or more at a time. If brk fails (a
 * kernel without it, or a brk area that ran into a mapping), the heap grows
 * by anonymous mmap(2) instead: free-list blocks need not be contiguous.
 * Requests of 128 KiB or more get a mapping of their own, given back to
 * the kernel with munmap(2) on free: glibc's M_MMAP_THRESHOLD behaviour.
 *
 * Not thread-safe: there are no threads yet.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct block {
	size_t size;		/* bytes after the header; bit 0: mmapped */
	struct block *next;	/* next free block, by address; only when free */
} __attribute__((aligned(16)));

#define HDR		sizeof(struct block)
#define MMAPPED		((size_t)1)
#define GROW_MIN	(64 * 1024)
#define MMAP_THRESHOLD	(128 * 1024)
#define PAGE_SIZE	4096

static struct block *free_list;

static size_t round_up(size_t n, size_t a)
{
	return (n + a - 1) & ~(a - 1);
}

static void *map_anon(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* Put b on the free list in address order, merging with the neighbours it
 * touches. */
static void insert_free(struct block *b)
{
	struct block *prev = NULL, *cur = free_list;

	while (cur && cur < b) {
		prev = cur;
		cur = cur->next;
	}
	b->next = cur;
	if (cur && (char *)b + HDR + b->size == (char *)cur) {
		b->size += HDR + cur->size;
		b->next = cur->next;
	}
	if (prev && (char *)prev + HDR + prev->size == (char *)b) {
		prev->size += HDR + b->size;
		prev->next = b->next;
	} else if (prev) {
		prev->next = b;
	} else {
		free_list = b;
	}
}

/* Add at least need bytes (header included) of fresh memory to the list. */
static int grow(size_t need)
{
	size_t len = round_up(need > GROW_MIN ? need : GROW_MIN, PAGE_SIZE);
	uintptr_t end = (uintptr_t)sbrk(0);
	struct block *b;

	/* Linux starts the break page-aligned; a kernel need not. Align it
	 * once so that blocks, and what we return, are 16-byte aligned. */
	if (end % 16)
		sbrk(16 - end % 16);
	b = sbrk(len);

	if (b == (void *)-1) {
		b = map_anon(len);
		if (!b)
			return -1;
	}
	b->size = len - HDR;
	insert_free(b);
	return 0;
}

void *malloc(size_t size)
{
	struct block **link, *b;

	if (size > SIZE_MAX / 2) {
		errno = ENOMEM;
		return NULL;
	}
	size = round_up(size ? size : 1, 16);

	if (size >= MMAP_THRESHOLD) {
		size_t len = round_up(size + HDR, PAGE_SIZE);

		b = map_anon(len);
		if (!b)
			return NULL;	/* mmap set errno */
		b->size = (len - HDR) | MMAPPED;
		return b + 1;
	}

	for (;;) {
		for (link = &free_list; (b = *link); link = &b->next) {
			if (b->size < size)
				continue;
			/* Split when the rest can hold a header and 16 bytes. */
			if (b->size >= size + HDR + 16) {
				struct block *rest = (struct block *)((char *)(b + 1) + size);

				rest->size = b->size - size - HDR;
				rest->next = b->next;
				b->size = size;
				*link = rest;
			} else {
				*link = b->next;
			}
			return b + 1;
		}
		if (grow(size + HDR) < 0) {
			errno = ENOMEM;
			return NULL;
		}
	}
}

void free(void *p)
{
	struct block *b;

	if (!p)
		return;
	b = (struct block *)p - 1;
	if (b->size & MMAPPED)
		munmap(b, (b->size & ~MMAPPED) + HDR);
	else
		insert_free(b);
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *p, size_t size)
{
	struct block *b;
	size_t have;
	void *q;

	if (!p)
		return malloc(size);
	if (!size) {
		free(p);
		return NULL;
	}
	b = (struct block *)p - 1;
	have = b->size & ~MMAPPED;
	if (size <= have)
		return p;	/* shrinking keeps the block as it is */
	q = malloc(size);
	if (q) {
		memcpy(q, p, have);
		free(p);
	}
	return q;
}
