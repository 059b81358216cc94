// SPDX-License-Identifier: MIT
/*
 * brk: the classic heap after the program's last segment (mm/mmap.c).
 * brk(0) and any failure return the current break; success returns the
 * new one. Shrinking unmaps; growing records the range, whose zeroed
 * pages come on first touch (Linux's do_brk_flags: no page is allocated
 * unless mlockall asked). A growth bigger than all of memory is refused,
 * as Linux's default overcommit heuristic refuses it (__vm_enough_memory,
 * OVERCOMMIT_GUESS: pages > totalram + swap, and we have no swap).
 * Allocating at once made brk(3 GiB) zero every free page before
 * failing: the fuzzer's slowest call by far (docs/security.md).
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
		if ((new_end - old_end) / PAGE_SIZE > pages_total())
			return mm->brk;
		if (vm_map_lazy(mm, old_end, new_end - old_end, VM_READ | VM_WRITE) < 0) {
			vm_unmap(mm, old_end, new_end - old_end);
			return mm->brk;
		}
	}
	mm->brk = brk;
	return brk;
}
