// SPDX-License-Identifier: MIT
/*
 * mremap(old_address, old_size, new_size, flags, new_address): resize or
 * move a mapping (Linux's mm/mremap.c), for every ABI (the ia32 entry
 * takes the same five arguments):
 *
 *   - flags other than MREMAP_MAYMOVE, MREMAP_FIXED, MREMAP_DONTUNMAP,
 *     FIXED without MAYMOVE, DONTUNMAP (not supported here: it would keep
 *     the old range mapped) , an unaligned old_address or new_size 0:
 *     -EINVAL; no mapping at old_address: -EFAULT; an old range beyond
 *     its vma: -EFAULT;
 *   - MREMAP_FIXED: new_address aligned, the ranges not overlapping
 *     (-EINVAL), whatever was at new_address unmapped, then the move;
 *   - shrinking: the tail is unmapped, old_address returned;
 *   - growing: in place when the vma ends at old + old_size and the
 *     addresses after it are free, else a move with MREMAP_MAYMOVE (to
 *     the top-down free range mmap would choose), else -ENOMEM.
 *
 * The 32-bit vDSO moves only whole (Linux's vdso_mremap: -EINVAL for any
 * other size, which test_mremap_vdso reads as "try a bigger size"); the
 * task's vDSO address follows it, so AT_SYSINFO's landing pad and the
 * signal trampolines are found at the new place, and a fast system call
 * made from the old place returns to the new one (vdso_fix_landing).
 */
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/vm.h>
#include <trident/mm.h>
#include <trident/errno.h>
#include <asm/vdso.h>

#define MREMAP_MAYMOVE		1
#define MREMAP_FIXED		2
#define MREMAP_DONTUNMAP	4

static long vdso_moved(struct mm *mm, unsigned long new)
{
#ifdef CONFIG_IA32_EMULATION
	unsigned long old_land = vdso32_landing_pad(current);

	mm->vdso = new;
	if (current->abi == ABI_IA32 && current->regs->ip == old_land)
		current->regs->ip = vdso32_landing_pad(current);
#else
	mm->vdso = new;
#endif
	return new;
}

static long do_move(struct mm *mm, struct vma *vma, unsigned long addr, unsigned long old_len,
		    unsigned long new_addr, unsigned long new_len)
{
	bool vdso = mm->vdso && vma->start == mm->vdso;
	int err;

#ifdef CONFIG_IA32_EMULATION
	if (vdso && (addr != mm->vdso || new_len != VDSO32_SIZE))
		return -EINVAL;
#endif
	err = vm_move(mm, addr, old_len, new_addr, new_len, vma->prot);
	if (err)
		return err;
	return vdso ? vdso_moved(mm, new_addr) : (long)new_addr;
}

SYSCALL_DEFINE5(mremap, unsigned long, addr, unsigned long, old_len, unsigned long, new_len,
		unsigned long, flags, unsigned long, new_addr)
{
	struct mm *mm = current->mm;
	struct vma *vma;

	if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = ALIGN_UP(old_len, PAGE_SIZE);
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	if (!new_len)
		return -EINVAL;
	if (!(vma = vm_find(mm, addr)))
		return -EFAULT;
	if (flags & MREMAP_DONTUNMAP)
		return -EINVAL;		/* not supported: see above */

	if (flags & MREMAP_FIXED) {
		if ((new_addr & ~PAGE_MASK) || new_len > mm->task_size ||
		    new_addr > mm->task_size - new_len)
			return -EINVAL;
		if (addr + old_len > new_addr && new_addr + new_len > addr)
			return -EINVAL;
		vm_unmap(mm, new_addr, new_len);
		if (old_len > new_len) {
			vm_unmap(mm, addr + new_len, old_len - new_len);
			old_len = new_len;
		}
		if (!(vma = vm_find(mm, addr)))
			return -EFAULT;
		if (!old_len || old_len > vma->end - addr)
			return !old_len ? -EINVAL : -EFAULT;
		return do_move(mm, vma, addr, old_len, new_addr, new_len);
	}

	if (old_len >= new_len) {
		if (old_len > new_len)
			vm_unmap(mm, addr + new_len, old_len - new_len);
		return addr;
	}
	if (!old_len)
		return -EINVAL;		/* a private mapping: nothing to duplicate */
	if (old_len > vma->end - addr)
		return -EFAULT;
	/* Grow in place: the vma ends here and what follows is free. */
	if (old_len == vma->end - addr && !(mm->vdso && vma->start == mm->vdso) &&
	    new_len <= mm->task_size - addr && vm_range_free(mm, vma->end, addr + new_len)) {
		vma->end = addr + new_len;
		return addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	if (!(new_addr = vm_find_gap(mm, new_len)))
		return -ENOMEM;
	return do_move(mm, vma, addr, old_len, new_addr, new_len);
}
