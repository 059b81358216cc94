/* SPDX-License-Identifier: MIT */
/*
 * User address spaces (kernel/vm.c over arch/x86_64/paging.c).
 *
 * Each process owns a PML4 whose upper 256 entries are copied from the
 * kernel's, so the kernel half is the same everywhere and a system call
 * never switches CR3. The lower half is built from struct vma ranges.
 */
#ifndef _TRIDENT_VM_H
#define _TRIDENT_VM_H

#include <trident/types.h>

#define VM_READ   0x1
#define VM_WRITE  0x2
#define VM_EXEC   0x4
/* MAP_SHARED: fork gives the child the same frames, writable in both
 * (Linux's VM_SHARED; never copy-on-write). Kept in struct vma's prot
 * beside the protection bits; pte_make() ignores it. */
#define VM_SHARED 0x8

/* Linux's TASK_SIZE_MAX for 4-level paging: the top page below the
 * canonical hole is left unmapped so that SYSRET never returns to a
 * non-canonical RIP (see entry_64.asm). */
#define TASK_SIZE_64      0x00007ffffffff000UL
/* 32-bit tasks (ia32 and x32) live below 4 GiB; ia32 stops at 0xffffe000
 * as Linux's IA32_PAGE_OFFSET. */
#define TASK_SIZE_32      0x00000000ffffe000UL

struct vma {
	unsigned long start, end;	/* [start, end), page-aligned */
	int prot;			/* VM_READ | VM_WRITE | VM_EXEC, VM_SHARED */
	struct vma *next;		/* sorted by start */
};

struct mm {
	phys_addr_t pml4;		/* physical address, for CR3 */
	int users;			/* tasks sharing it (vfork, later threads) */
	unsigned long task_size;	/* user addresses are < task_size */
	struct vma *vmas;
	unsigned long start_brk, brk;	/* heap for brk(2) */
	unsigned long mmap_base;	/* top-down mmap allocations start here */
	unsigned long start_stack;
	unsigned long vdso;		/* the vDSO's address, 0: none (Linux's
					 * mm->context.vdso; asm/vdso.h) */
	struct ldt *ldt;		/* modify_ldt's table, NULL: none
					 * (mm->context.ldt; arch/x86_64/ldt.c) */
};

struct mm *mm_create(unsigned long task_size);	/* NULL on -ENOMEM */
void mm_destroy(struct mm *mm);			/* frees pages and tables */
/* A copy of mm (fork): private pages copy-on-write, VM_SHARED ones the
 * same frames (populated first). NULL on -ENOMEM. */
struct mm *mm_dup(struct mm *mm);
struct mm *mm_get(struct mm *mm);		/* users++ */
void mm_put(struct mm *mm);			/* users--, destroyed at 0 */
void mm_activate(struct mm *mm);		/* loads CR3 */

/* Maps [start, start+len) with fresh zeroed pages (rounded out to pages).
 * Returns 0, -EINVAL (range outside the task), -ENOMEM. Ranges that are
 * already mapped are re-protected and keep their contents. */
int vm_map_anon(struct mm *mm, unsigned long start, unsigned long len, int prot);
/* Records [start, start+len) as a vma without allocating: pages come on
 * first touch (vm_handle_fault). The range must be free. */
int vm_map_lazy(struct mm *mm, unsigned long start, unsigned long len, int prot);
/* Unmaps and frees [start, start+len). */
int vm_unmap(struct mm *mm, unsigned long start, unsigned long len);
/* Copies into mapped pages of mm through the direct map, whatever their
 * protection (the ELF loader fills read-only text with it). -EFAULT when a
 * page is not mapped. */
int vm_write(struct mm *mm, unsigned long uaddr, const void *src, size_t len);
/* ptrace's access to another task's memory (PEEKTEXT/POKETEXT): reads
 * or writes len bytes at uaddr, faulting pages in, writing through
 * read-only mappings into private copies. 0, -EFAULT, -ENOMEM. */
int vm_access(struct mm *mm, unsigned long uaddr, void *buf, size_t len, bool write);
/* A user page fault at addr (error_code as the CPU pushed it): maps a
 * zeroed page when addr lies in a vma that allows the access (demand
 * paging). 0 when resolved, -EFAULT when the task must get SIGSEGV. */
int vm_handle_fault(struct mm *mm, unsigned long addr, unsigned long error_code);
/* Changes the protection of [start, start+len) (page-aligned); -ENOMEM
 * when part of it is not mapped, as mprotect says. */
int vm_protect(struct mm *mm, unsigned long start, unsigned long len, int prot);
/* Is [start, end) free of vmas? */
bool vm_range_free(struct mm *mm, unsigned long start, unsigned long end);
/* A free range of len bytes for mmap, top-down below mmap_base; 0 if none. */
unsigned long vm_find_gap(struct mm *mm, unsigned long len);
/* The vma containing addr, or NULL. */
struct vma *vm_find(struct mm *mm, unsigned long addr);
/* The physical address behind uaddr if it is in a present page of a
 * VM_SHARED mapping (a shared futex's key); false otherwise. */
bool vm_shared_phys(struct mm *mm, unsigned long uaddr, u64 *phys);
unsigned long vm_find_gap_up(struct mm *mm, unsigned long len, unsigned long lo, unsigned long hi);
int vm_move(struct mm *mm, unsigned long old, unsigned long old_len,
	    unsigned long new, unsigned long new_len, int prot);

/* mmap(2) with the file offset in pages (kernel/sys_mmap.c): the mapped
 * address or -errno. */
unsigned long ksys_mmap_pgoff(unsigned long addr, unsigned long len, unsigned long prot,
			      unsigned long flags, unsigned long fd, unsigned long pgoff);

#endif
