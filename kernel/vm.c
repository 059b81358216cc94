// SPDX-License-Identifier: MIT
/*
 * User address spaces: a sorted list of vmas (what may be mapped, with
 * which protection) over the page tables (what is mapped now). Pages are
 * allocated when a range is mapped or, inside a vma, on the first touch
 * (vm_handle_fault).
 */
#include <trident/vm.h>
#include <trident/mm.h>
#include <trident/errno.h>
#include <trident/string.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/ldt.h>

static int cow_fault(unsigned long addr, u64 *pte, int prot);

struct mm *mm_create(unsigned long task_size)
{
	struct mm *mm = kzalloc(sizeof(*mm));

	if (!mm)
		return NULL;
	mm->pml4 = page_alloc();
	if (!mm->pml4) {
		kfree(mm);
		return NULL;
	}
	/* The kernel half is shared by every address space. */
	memcpy((u64 *)__va(mm->pml4) + USER_PML4_ENTRIES, kernel_pml4 + USER_PML4_ENTRIES,
	       USER_PML4_ENTRIES * sizeof(u64));
	mm->task_size = task_size;
	mm->users = 1;
	return mm;
}

struct mm *mm_get(struct mm *mm)
{
	mm->users++;
	return mm;
}

void mm_put(struct mm *mm)
{
	if (mm && --mm->users == 0)
		mm_destroy(mm);
}



void mm_destroy(struct mm *mm)
{
	if (!mm)
		return;
	if (read_cr3() == mm->pml4)
		write_cr3(__pa(kernel_pml4));
	free_user_pagetables(mm->pml4);
	page_free(mm->pml4);
	ldt_free(mm);		/* not loaded: mm_activate() of another came first */
	while (mm->vmas) {
		struct vma *v = mm->vmas;
		mm->vmas = v->next;
		kfree(v);
	}
	kfree(mm);
}

void mm_activate(struct mm *mm)
{
	write_cr3(mm ? mm->pml4 : __pa(kernel_pml4));
	ldt_load(mm);		/* its LDT, or none */
}

/* A page that stays mapped gets a new protection; a frame still shared
 * copy-on-write stays read-only until the write fault copies it. A
 * VM_SHARED frame is shared on purpose: writable wherever prot says. */
static u64 pte_remake(u64 pte, int prot)
{
	u64 n = pte_make(pte & PTE_ADDR, prot);

	return page_shared(pte & PTE_ADDR) && !(prot & VM_SHARED) ? n & ~PTE_WRITE : n;
}

struct vma *vm_find(struct mm *mm, unsigned long addr)
{
	for (struct vma *v = mm->vmas; v && v->start <= addr; v = v->next)
		if (addr < v->end)
			return v;
	return NULL;
}

bool vm_shared_phys(struct mm *mm, unsigned long uaddr, u64 *phys)
{
	struct vma *v = vm_find(mm, uaddr);
	u64 *pte;

	if (!v || !(v->prot & VM_SHARED))
		return false;
	pte = pte_lookup(mm->pml4, uaddr, false);
	if (!pte || !pte_has_page(*pte))
		return false;
	*phys = (*pte & PTE_ADDR) | (uaddr & (PAGE_SIZE - 1));
	return true;
}

/* Cut [start, end) out of the vma list, splitting vmas that straddle it.
 * -ENOMEM only when a split needs a new vma and none can be had. */
static int vma_cut(struct mm *mm, unsigned long start, unsigned long end)
{
	struct vma **pp = &mm->vmas;

	while (*pp) {
		struct vma *v = *pp;
		if (v->end <= start || v->start >= end) {
			pp = &v->next;
			continue;
		}
		if (v->start < start && v->end > end) {
			struct vma *tail = kmalloc(sizeof(*tail));
			if (!tail)
				return -ENOMEM;
			*tail = (struct vma){ end, v->end, v->prot, v->next };
			v->end = start;
			v->next = tail;
			return 0;
		}
		if (v->start < start) {
			v->end = start;
			pp = &v->next;
		} else if (v->end > end) {
			v->start = end;
			pp = &v->next;
		} else {
			*pp = v->next;
			kfree(v);
		}
	}
	return 0;
}

static int vma_insert(struct mm *mm, unsigned long start, unsigned long end, int prot)
{
	struct vma *n = kmalloc(sizeof(*n));
	struct vma **pp = &mm->vmas;

	if (!n)
		return -ENOMEM;
	while (*pp && (*pp)->start < start)
		pp = &(*pp)->next;
	*n = (struct vma){ start, end, prot, *pp };
	*pp = n;
	return 0;
}

static bool range_ok(struct mm *mm, unsigned long start, unsigned long len)
{
	return start < mm->task_size && len <= mm->task_size - start;
}

int vm_map_anon(struct mm *mm, unsigned long start, unsigned long len, int prot)
{
	unsigned long end = ALIGN_UP(start + len, PAGE_SIZE);

	start = ALIGN_DOWN(start, PAGE_SIZE);
	if (!len || !range_ok(mm, start, end - start))
		return -EINVAL;
	if (vma_cut(mm, start, end) || vma_insert(mm, start, end, prot))
		return -ENOMEM;
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		u64 *pte = pte_lookup(mm->pml4, va, true);
		if (!pte)
			return -ENOMEM;
		if (!pte_has_page(*pte)) {
			phys_addr_t pa = page_alloc();
			if (!pa)
				return -ENOMEM;
			*pte = pa;
		}
		*pte = pte_remake(*pte, prot);
		invlpg(va);
	}
	return 0;
}

int vm_map_lazy(struct mm *mm, unsigned long start, unsigned long len, int prot)
{
	unsigned long end = ALIGN_UP(start + len, PAGE_SIZE);

	start = ALIGN_DOWN(start, PAGE_SIZE);
	if (!len || !range_ok(mm, start, end - start))
		return -EINVAL;
	if (vma_cut(mm, start, end) || vma_insert(mm, start, end, prot))
		return -ENOMEM;
	return 0;
}

int vm_unmap(struct mm *mm, unsigned long start, unsigned long len)
{
	unsigned long end = ALIGN_UP(start + len, PAGE_SIZE);

	start = ALIGN_DOWN(start, PAGE_SIZE);
	if (!range_ok(mm, start, end - start))
		return -EINVAL;
	if (vma_cut(mm, start, end))
		return -ENOMEM;
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		u64 *pte = pte_lookup(mm->pml4, va, false);
		if (!pte) {			/* no page table: skip its whole range */
			va = pte_hole_end(mm->pml4, va) - PAGE_SIZE;
			continue;
		}
		if (pte_has_page(*pte)) {
			page_free(*pte & PTE_ADDR);
			*pte = 0;
			invlpg(va);
		}
	}
	return 0;
}

int vm_write(struct mm *mm, unsigned long uaddr, const void *src, size_t len)
{
	const char *s = src;

	while (len) {
		u64 *pte = pte_lookup(mm->pml4, uaddr, false);
		if (!pte || !pte_has_page(*pte))
			return -EFAULT;
		/* Never write into a frame another address space shares
		 * copy-on-write; a MAP_SHARED frame is written for all. */
		struct vma *v = vm_find(mm, uaddr);
		if (page_shared(*pte & PTE_ADDR) && !(v && (v->prot & VM_SHARED))) {
			if (cow_fault(uaddr, pte, v ? v->prot : 0))
				return -ENOMEM;
		}
		size_t off = uaddr & (PAGE_SIZE - 1);
		size_t n = MIN(len, PAGE_SIZE - off);
		memcpy((char *)__va(*pte & PTE_ADDR) + off, s, n);
		s += n;
		uaddr += n;
		len -= n;
	}
	return 0;
}

#define PF_PROT  (1 << 0)	/* the page was present: a protection fault */
#define PF_WRITE (1 << 1)
#define PF_INSTR (1 << 4)

/*
 * Another task's memory, for ptrace's PEEKTEXT/POKETEXT (Linux's
 * access_process_vm() with FOLL_FORCE): len bytes at uaddr of mm, read
 * into buf or written from it. A page not touched yet is faulted in as
 * the task would (a readable, writable or executable vma); a write goes
 * through a read-only mapping too (a debugger's breakpoint in the text),
 * into a private copy when the frame is shared (fork, the vDSO), the
 * mapping staying read-only; into a MAP_SHARED page itself (-EFAULT if
 * that mapping is read-only). -EFAULT outside the task's addresses or a
 * mapping; -ENOMEM.
 */
int vm_access(struct mm *mm, unsigned long uaddr, void *buf, size_t len, bool write)
{
	char *b = buf;

	if (uaddr >= mm->task_size || len > mm->task_size - uaddr)
		return -EFAULT;
	while (len) {
		u64 *pte = pte_lookup(mm->pml4, uaddr, false);
		if (!pte || !pte_has_page(*pte)) {
			int err = vm_handle_fault(mm, uaddr, 0);
			if (err)
				return err == -ENOMEM ? -ENOMEM : -EFAULT;
			pte = pte_lookup(mm->pml4, uaddr, false);
			if (!pte || !pte_has_page(*pte))
				return -EFAULT;
		}
		struct vma *v = vm_find(mm, uaddr);
		if (write && v && (v->prot & VM_SHARED)) {
			/* A MAP_SHARED page is written for every sharer;
			 * Linux forces no write into a read-only one
			 * (check_vma_flags: FOLL_FORCE only for COW). */
			if (!(v->prot & VM_WRITE))
				return -EFAULT;
		} else if (write && page_shared(*pte & PTE_ADDR)) {
			if (cow_fault(uaddr, pte, v ? v->prot : 0))
				return -ENOMEM;
		}
		size_t off = uaddr & (PAGE_SIZE - 1);
		size_t n = MIN(len, PAGE_SIZE - off);
		char *page = (char *)__va(*pte & PTE_ADDR) + off;
		if (write)
			memcpy(page, b, n);
		else
			memcpy(b, page, n);
		b += n;
		uaddr += n;
		len -= n;
	}
	return 0;
}

#define STACK_RLIMIT    (8UL << 20)		/* RLIMIT_STACK's default */
#define STACK_GUARD_GAP (256UL * PAGE_SIZE)	/* Linux's stack_guard_gap */

/*
 * A fault just below the stack: the stack grows down (Linux's VM_GROWSDOWN
 * vma) to at most RLIMIT_STACK, and never closer than the guard gap to the
 * mapping below it. The stack is the vma holding the initial stack pointer.
 */
static struct vma *stack_grow(struct mm *mm, unsigned long addr)
{
	struct vma *stack = vm_find(mm, mm->start_stack), *below = NULL;
	unsigned long start = ALIGN_DOWN(addr, PAGE_SIZE);

	if (!stack || addr >= stack->start || stack->end - start > STACK_RLIMIT)
		return NULL;
	for (struct vma *v = mm->vmas; v && v != stack; v = v->next)
		below = v;
	if (below && (below->end > start || start - below->end < STACK_GUARD_GAP))
		return NULL;
	stack->start = start;
	return stack;
}

int vm_handle_fault(struct mm *mm, unsigned long addr, unsigned long error_code)
{
	if (!mm || addr >= mm->task_size)
		return -EFAULT;
	struct vma *v = vm_find(mm, addr);
	if (!v)
		v = stack_grow(mm, addr);
	if (!v)
		return -EFAULT;
	if (error_code & PF_PROT) {
		/* Present: only a write to a copy-on-write page is ours to fix. */
		u64 *pte = pte_lookup(mm->pml4, addr, false);
		if ((error_code & PF_WRITE) && (v->prot & VM_WRITE) && pte &&
		    (*pte & PTE_PRESENT) && !(*pte & PTE_WRITE))
			return cow_fault(addr, pte, v->prot) ? -ENOMEM : 0;
		return -EACCES;
	}
	if ((error_code & PF_WRITE) && !(v->prot & VM_WRITE))
		return -EACCES;
	if ((error_code & PF_INSTR) && !(v->prot & VM_EXEC))
		return -EACCES;
	if (!(v->prot & (VM_READ | VM_WRITE | VM_EXEC)))
		return -EACCES;
	u64 *pte = pte_lookup(mm->pml4, addr, true);
	if (!pte)
		return -ENOMEM;		/* out of memory: Linux would OOM-kill */
	phys_addr_t pa = page_alloc();
	if (!pa)
		return -ENOMEM;
	*pte = pte_make(pa, v->prot);
	invlpg(addr & PAGE_MASK);
	return 0;
}

int vm_protect(struct mm *mm, unsigned long start, unsigned long len, int prot)
{
	unsigned long end = start + len;

	/* Every page of the range must be in some vma (else -ENOMEM). */
	for (unsigned long a = start; a < end;) {
		struct vma *v = vm_find(mm, a);
		if (!v)
			return -ENOMEM;
		a = v->end;
	}
	/* vma by vma: each keeps its VM_SHARED (mprotect changes only the
	 * protection; Linux's mprotect_fixup on each vma). */
	for (unsigned long a = start; a < end;) {
		struct vma *v = vm_find(mm, a);
		unsigned long b = MIN(v->end, end);
		int p = prot | (v->prot & VM_SHARED);

		if (vma_cut(mm, a, b) || vma_insert(mm, a, b, p))
			return -ENOMEM;
		for (unsigned long va = a; va < b; va += PAGE_SIZE) {
			u64 *pte = pte_lookup(mm->pml4, va, false);
			if (!pte) {		/* no page table: skip its whole range */
				va = pte_hole_end(mm->pml4, va) - PAGE_SIZE;
				continue;
			}
			if (pte_has_page(*pte)) {
				*pte = pte_remake(*pte, p);
				invlpg(va);
			}
		}
		a = b;
	}
	return 0;
}

bool vm_range_free(struct mm *mm, unsigned long start, unsigned long end)
{
	for (struct vma *v = mm->vmas; v && v->start < end; v = v->next)
		if (v->end > start)
			return false;
	return true;
}

unsigned long vm_find_gap(struct mm *mm, unsigned long len)
{
	/* Top-down from mmap_base, as Linux's default layout: the highest
	 * free range of len bytes whose end is at or below mmap_base. */
	unsigned long top = mm->mmap_base ? mm->mmap_base : mm->task_size;
	unsigned long best = 0;
	unsigned long prev_end = PAGE_SIZE * 16;	/* mmap_min_addr: 64 KiB */

	for (struct vma *v = mm->vmas;; v = v->next) {
		unsigned long gap_end = v ? MIN(v->start, top) : top;
		if (gap_end >= prev_end && gap_end - prev_end >= len)
			best = gap_end - len;
		if (!v || v->start >= top)
			break;
		prev_end = MAX(prev_end, v->end);
	}
	return best;
}

/*
 * A MAP_SHARED vma at fork: both address spaces map the same frames,
 * each with the vma's protection (one more user per frame: the last
 * munmap or exit frees it). Pages nobody touched yet are allocated in
 * the parent first, so that a first touch on either side after fork
 * lands in the same frame (Linux keeps them in a shmem object instead).
 */
static int dup_shared(struct mm *old, struct mm *mm, struct vma *v)
{
	for (unsigned long va = v->start; va < v->end; va += PAGE_SIZE) {
		u64 *src = pte_lookup(old->pml4, va, true);
		u64 *dst = pte_lookup(mm->pml4, va, true);

		if (!src || !dst)
			return -ENOMEM;
		if (!pte_has_page(*src)) {
			phys_addr_t pa = page_alloc();
			if (!pa)
				return -ENOMEM;
			*src = pte_make(pa, v->prot);
		}
		page_get(*src & PTE_ADDR);
		*dst = *src;
	}
	return 0;
}

struct mm *mm_dup(struct mm *old)
{
	struct mm *mm = mm_create(old->task_size);

	if (!mm)
		return NULL;
	mm->start_brk = old->start_brk;
	mm->brk = old->brk;
	mm->mmap_base = old->mmap_base;
	mm->start_stack = old->start_stack;
	mm->vdso = old->vdso;
	if (ldt_dup(old, mm))
		goto fail;
	for (struct vma *v = old->vmas; v; v = v->next) {
		if (vma_insert(mm, v->start, v->end, v->prot))
			goto fail;
		if (v->prot & VM_SHARED) {
			if (dup_shared(old, mm, v))
				goto fail;
			continue;
		}
		/*
		 * Copy-on-write: both address spaces map the same frame, read
		 * only; the first write in either takes a private copy
		 * (cow_fault). Pages not yet touched stay demand-zero.
		 */
		for (unsigned long va = v->start; va < v->end; va += PAGE_SIZE) {
			u64 *src = pte_lookup(old->pml4, va, false);
			if (!src) {		/* no page table: skip its range */
				va = pte_hole_end(old->pml4, va) - PAGE_SIZE;
				continue;
			}
			if (!pte_has_page(*src))
				continue;
			u64 *dst = pte_lookup(mm->pml4, va, true);
			if (!dst)
				goto fail;
			if (*src & PTE_WRITE) {
				*src &= ~PTE_WRITE;
				invlpg(va);
			}
			page_get(*src & PTE_ADDR);
			*dst = *src;
		}
	}
	return mm;
fail:
	mm_destroy(mm);
	return NULL;
}

/*
 * A write to a present, read-only page of a writable vma: the page is
 * shared copy-on-write (or was, and we are its last user). Give this
 * address space its own writable copy.
 */
static int cow_fault(unsigned long addr, u64 *pte, int prot)
{
	phys_addr_t old = *pte & PTE_ADDR;

	if (page_shared(old)) {
		phys_addr_t pa = page_alloc();
		if (!pa)
			return -ENOMEM;
		memcpy(__va(pa), __va(old), PAGE_SIZE);
		page_free(old);		/* one user fewer */
		old = pa;
	}
	*pte = pte_make(old, prot);
	invlpg(addr & PAGE_MASK);
	return 0;
}

/*
 * mremap's move (Linux's move_vma): the pages of [old, old + old_len) go
 * to [new, new + new_len), a free range, keeping their frames and prot;
 * the new vma spans new_len (beyond old_len: demand-zero) and the old
 * range is left unmapped. The caller checked both ranges.
 */
int vm_move(struct mm *mm, unsigned long old, unsigned long old_len,
	    unsigned long new, unsigned long new_len, int prot)
{
	if (vma_cut(mm, new, new + new_len) || vma_insert(mm, new, new + new_len, prot))
		return -ENOMEM;
	for (unsigned long off = 0; off < old_len; off += PAGE_SIZE) {
		u64 *src = pte_lookup(mm->pml4, old + off, false);
		u64 *dst;

		if (!src || !pte_has_page(*src))
			continue;
		if (!(dst = pte_lookup(mm->pml4, new + off, true)))
			return -ENOMEM;
		*dst = *src;
		*src = 0;
		invlpg(old + off);
		invlpg(new + off);
	}
	return vma_cut(mm, old, old + old_len);
}

/* The lowest free range of len bytes in [lo, hi), 0 if none (the
 * bottom-up search of MAP_32BIT). */
unsigned long vm_find_gap_up(struct mm *mm, unsigned long len, unsigned long lo, unsigned long hi)
{
	unsigned long start = lo;

	for (struct vma *v = mm->vmas; v; v = v->next) {
		if (v->end <= start)
			continue;
		if (v->start >= start + len)
			break;
		start = v->end;
	}
	return start < hi && len <= hi - start ? start : 0;
}
