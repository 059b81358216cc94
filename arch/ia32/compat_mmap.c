// SPDX-License-Identifier: MIT
/*
 * The two mmaps of ia32 (Linux's mm/mmap.c and arch/x86/kernel/sys_ia32.c).
 *
 *   90  mmap   old_mmap: one argument, a pointer to the six arguments
 *              (i386 once had only five argument registers); the offset
 *              in bytes, 32 bits, page-aligned
 *   192 mmap2  six arguments, the offset in pages: a 32-bit register
 *              reaches file offsets up to 2^44 (what glibc and musl use)
 *
 * Both end in ksys_mmap_pgoff() (kernel/sys_mmap.c), with the task's
 * 32-bit address space (mm->task_size) bounding where mappings go.
 */
#include <trident/syscalls.h>
#include <trident/compat.h>
#include <trident/vm.h>
#include <trident/mm.h>
#include <trident/uaccess.h>
#include <trident/errno.h>

/* The arguments of old_mmap, as the program lays them out. */
struct mmap_arg_struct32 {
	u32 addr;
	u32 len;
	u32 prot;
	u32 flags;
	u32 fd;
	u32 offset;
};

SYSCALL_DEFINE6(mmap_pgoff, unsigned long, addr, unsigned long, len, unsigned long, prot,
		unsigned long, flags, unsigned long, fd, unsigned long, pgoff)
{
	return ksys_mmap_pgoff(addr, len, prot, flags, fd, pgoff);
}

COMPAT_SYSCALL_DEFINE1(ia32_mmap, struct mmap_arg_struct32 __user *, arg)
{
	struct mmap_arg_struct32 a;

	if (copy_from_user(&a, arg, sizeof(a)))
		return -EFAULT;
	if (a.offset & ~PAGE_MASK)
		return -EINVAL;
	return ksys_mmap_pgoff(a.addr, a.len, a.prot, a.flags, a.fd, a.offset >> PAGE_SHIFT);
}
