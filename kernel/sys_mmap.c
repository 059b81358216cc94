// SPDX-License-Identifier: MIT
/*
 * mmap, munmap, mprotect, with Linux's argument rules (mm/mmap.c,
 * mm/mprotect.c). Memory is anonymous or a private copy of a ramfs file;
 * pages are allocated on first touch (vm_handle_fault), file pages when
 * mapped. A MAP_SHARED mapping (VM_SHARED) keeps the same frames in
 * the children fork makes (kernel/vm.c dup_shared); /dev/zero maps as
 * anonymous memory.
 */
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/vm.h>
#include <trident/mm.h>
#include <trident/fs.h>
#include <trident/errno.h>
#include <trident/string.h>
#include <asm/pgtable.h>

#define PROT_READ       0x1
#define PROT_WRITE      0x2
#define PROT_EXEC       0x4
#define PROT_GROWSDOWN  0x01000000
#define PROT_GROWSUP    0x02000000

#define MAP_SHARED      0x01
#define MAP_PRIVATE     0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE        0x0f
#define MAP_FIXED       0x10
#define MAP_ANONYMOUS   0x20
#define MAP_32BIT       0x40		/* 64-bit tasks: in [1 GiB, 2 GiB) */
#define MAP_FIXED_NOREPLACE 0x100000

#define MMAP_MIN_ADDR   65536UL		/* /proc/sys/vm/mmap_min_addr */
#define MAP_32BIT_START 0x40000000UL
#define MAP_32BIT_END   0x80000000UL

static int prot_to_vm(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

/* Fill [addr, addr+len) with the file's bytes from off; the rest stays 0. */
static int map_file_copy(struct mm *mm, unsigned long addr, unsigned long len,
			 struct inode *inode, u64 off)
{
	for (unsigned long done = 0; done < len && off + done < inode->size; done += PAGE_SIZE) {
		u64 *pte = pte_lookup(mm->pml4, addr + done, true);
		phys_addr_t pa = pte && !pte_has_page(*pte) ? page_alloc() : 0;
		if (!pa)
			return -ENOMEM;
		ramfs_read(inode, off + done, __va(pa), PAGE_SIZE);
		struct vma *v = vm_find(mm, addr + done);
		*pte = pte_make(pa, v ? v->prot : 0);
	}
	return 0;
}

/*
 * mmap with the offset in pages (Linux's ksys_mmap_pgoff()): the 64-bit
 * mmap below, and the ia32 mmap2 and old mmap (arch/ia32/compat_mmap.c),
 * whose 32-bit registers reach file offsets up to 2^44 this way.
 */
unsigned long ksys_mmap_pgoff(unsigned long addr, unsigned long len, unsigned long prot,
			      unsigned long flags, unsigned long fd, unsigned long pgoff)
{
	struct mm *mm = current->mm;
	struct file *f = NULL;
	unsigned long type = flags & MAP_TYPE;
	u64 off = (u64)pgoff << PAGE_SHIFT;

	if (!len)
		return -EINVAL;
	if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len || len > mm->task_size)
		return -ENOMEM;

	if (!(flags & MAP_ANONYMOUS)) {
		f = fd_lookup((int)fd);
		if (!f)
			return -EBADF;
		bool zero = f->ops == &fs_zero_ops.ops;
		if (!f->inode || (!S_ISREG(f->inode->mode) && !zero))
			return -ENODEV;
		if ((f->flags & O_ACCMODE) == O_WRONLY)
			return -EACCES;
		if (type != MAP_PRIVATE && (prot & PROT_WRITE) && (f->flags & O_ACCMODE) != O_RDWR)
			return -EACCES;
		/* drivers/char/mem.c's mmap_zero: anonymous memory, shared
		 * (shmem_zero_setup) with MAP_SHARED. */
		if (zero)
			f = NULL;
	}

	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		if (addr > mm->task_size - len)
			return -ENOMEM;
		if (addr < MMAP_MIN_ADDR)
			return -EPERM;
		if ((flags & MAP_FIXED_NOREPLACE) && !vm_range_free(mm, addr, addr + len))
			return -EEXIST;
		vm_unmap(mm, addr, len);
	} else if ((flags & MAP_32BIT) && mm->task_size > MAP_32BIT_END) {
		/* arch/x86's find_start_end(): a 64-bit task's MAP_32BIT
		 * mapping goes bottom-up in [1 GiB, 2 GiB), a hint below
		 * 2 GiB first (ldt_gdt's descriptors for int $0x80; 32-bit
		 * code that a 64-bit program calls). 32-bit and x32 tasks
		 * ignore the flag: all their memory is low. */
		addr = ALIGN_DOWN(addr, PAGE_SIZE);
		if (!addr || addr < MMAP_MIN_ADDR || len > MAP_32BIT_END || addr > MAP_32BIT_END - len ||
		    !vm_range_free(mm, addr, addr + len))
			addr = vm_find_gap_up(mm, len, MAP_32BIT_START, MAP_32BIT_END);
		if (!addr)
			return -ENOMEM;
	} else {
		/* A hint is taken when the range there is free. */
		addr = ALIGN_DOWN(addr, PAGE_SIZE);
		if (!addr || addr < MMAP_MIN_ADDR || addr > mm->task_size - len ||
		    !vm_range_free(mm, addr, addr + len))
			addr = vm_find_gap(mm, len);
		if (!addr)
			return -ENOMEM;
	}

	/* Record the range; anonymous pages come on first touch. A
	 * MAP_SHARED range stays shared with the children fork makes. */
	int vmprot = prot_to_vm(prot) | (type == MAP_PRIVATE ? 0 : VM_SHARED);
	int err = vm_map_lazy(mm, addr, len, vmprot);
	if (!err && f)
		err = map_file_copy(mm, addr, len, f->inode, off);
	if (err) {
		vm_unmap(mm, addr, len);
		return err;
	}
	return addr;
}

SYSCALL_DEFINE6(mmap, unsigned long, addr, unsigned long, len, unsigned long, prot,
		unsigned long, flags, unsigned long, fd, unsigned long, off)
{
	if (off & ~PAGE_MASK)
		return -EINVAL;
	return ksys_mmap_pgoff(addr, len, prot, flags, fd, off >> PAGE_SHIFT);
}

SYSCALL_DEFINE2(munmap, unsigned long, addr, unsigned long, len)
{
	struct mm *mm = current->mm;

	if ((addr & ~PAGE_MASK) || !len || addr > mm->task_size || len > mm->task_size - addr)
		return -EINVAL;
	return vm_unmap(mm, addr, ALIGN_UP(len, PAGE_SIZE));
}

SYSCALL_DEFINE3(mprotect, unsigned long, start, unsigned long, len, unsigned long, prot)
{
	struct mm *mm = current->mm;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (!len)
		return 0;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len || start + len < start)
		return -ENOMEM;
	if (start + len > mm->task_size)
		return -ENOMEM;
	return vm_protect(mm, start, len, prot_to_vm(prot));
}
