// SPDX-License-Identifier: MIT
/*
 * brk: the classic heap after the program's last segment (mm/mmap.c).
 * brk(0) and any failure return the current break; success returns the
 * new one. Shrinking unmaps; growing maps zeroed pages.
 */
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/vm.h>
#include <trident/mm.h>

SYSCALL_DEFINE1(brk, unsigned long, brk)
{
	struct mm *mm = current->mm;
	unsigned long old_end = ALIGN_UP(mm->brk, PAGE_SIZE);
	unsigned long new_end = ALIGN_UP(brk, PAGE_SIZE);

	if (brk < mm->start_brk || brk >= mm->task_size)
		return mm->brk;
	if (new_end < old_end) {
		vm_unmap(mm, new_end, old_end - new_end);
	} else if (new_end > old_end) {
		/* Never grow into something already mapped (the stack). */
		for (struct vma *v = mm->vmas; v; v = v->next)
			if (v->start < new_end && v->end > old_end)
				return mm->brk;
		if (vm_map_anon(mm, old_end, new_end - old_end, VM_READ | VM_WRITE) < 0) {
			vm_unmap(mm, old_end, new_end - old_end);
			return mm->brk;
		}
	}
	mm->brk = brk;
	return brk;
}
