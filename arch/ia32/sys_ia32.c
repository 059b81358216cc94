// SPDX-License-Identifier: MIT
/*
 * ia32 system calls whose arguments have another shape than the 64-bit
 * call's (Linux's arch/x86/kernel/sys_ia32.c, with a few neighbours from
 * fs/read_write.c and fs/open.c; kernel/uid16.c is arch/ia32/uid16.c).
 *
 * A 64-bit offset does not fit in one 32-bit register: pread64, pwrite64,
 * truncate64 and ftruncate64 take it as two, low half first (i386 is
 * little-endian and the C library passes the halves in that order), and
 * _llseek as (high, low) with the result through a pointer. The older
 * lseek, truncate and ftruncate take an offset of 32 bits, which is
 * signed: compat_off_t. clone takes its arguments in another order.
 *
 * These are SYSCALL_DEFINEs where Linux has them so (sys_ia32_pread64 is
 * what a 32-bit kernel would call too) and COMPAT_SYSCALL_DEFINEs where
 * the layout exists only for compat tasks; either way the ia32 table calls
 * the __ia32_ stub the macro made.
 */
#include <trident/syscalls.h>
#include <trident/compat.h>
#include <trident/fs.h>
#include <trident/task.h>
#include <trident/uaccess.h>
#include <trident/errno.h>

#define SEEK_MAX	4

/* Two 32-bit halves as the 64-bit value they are. */
static inline loff_t merge_64(u32 low, u32 high)
{
	return (loff_t)(((u64)high << 32) | low);
}

/* ------------------------------------------------ split 64-bit offsets */

SYSCALL_DEFINE5(ia32_pread64, unsigned int, fd, char __user *, ubuf, u32, count,
		u32, poslo, u32, poshi)
{
	return ksys_pread64(fd, ubuf, count, merge_64(poslo, poshi));
}

SYSCALL_DEFINE5(ia32_pwrite64, unsigned int, fd, const char __user *, ubuf, u32, count,
		u32, poslo, u32, poshi)
{
	return ksys_pwrite64(fd, ubuf, count, merge_64(poslo, poshi));
}

SYSCALL_DEFINE3(ia32_truncate64, const char __user *, filename, unsigned long, offset_low,
		unsigned long, offset_high)
{
	return ksys_truncate(filename, merge_64(offset_low, offset_high));
}

SYSCALL_DEFINE3(ia32_ftruncate64, unsigned int, fd, unsigned long, offset_low,
		unsigned long, offset_high)
{
	return ksys_ftruncate(fd, merge_64(offset_low, offset_high));
}

/*
 * _llseek (fs/read_write.c): the new offset goes to *result, the return
 * value is 0. The seek happens before the result is written: a bad result
 * pointer gives EFAULT with the file offset already moved.
 */
SYSCALL_DEFINE5(llseek, unsigned int, fd, unsigned long, offset_high,
		unsigned long, offset_low, loff_t __user *, result, unsigned int, whence)
{
	struct file *f = fs_fd_file(fd);
	loff_t offset;

	if (!f)
		return -EBADF;
	if (whence > SEEK_MAX)
		return -EINVAL;
	offset = vfs_llseek(f, merge_64(offset_low, offset_high), whence);
	if (offset < 0)
		return offset;
	return copy_to_user(result, &offset, sizeof(offset)) ? -EFAULT : 0;
}

/* ------------------------------------------------ 32-bit offsets */

/* The result is the new offset, of which the program sees 32 bits: an
 * offset beyond 4 GiB reads as its low half (Linux checks nothing here on
 * a 64-bit kernel). */
COMPAT_SYSCALL_DEFINE3(lseek, unsigned int, fd, compat_off_t, offset, unsigned int, whence)
{
	return ksys_lseek(fd, offset, whence);
}

COMPAT_SYSCALL_DEFINE2(truncate, const char __user *, path, compat_off_t, length)
{
	return ksys_truncate(path, length);
}

/* Signed since Linux 6.11 ("ftruncate: pass a signed offset"): -1 is
 * EINVAL, not 4 GiB - 1. */
COMPAT_SYSCALL_DEFINE2(ftruncate, unsigned int, fd, compat_off_t, length)
{
	return ksys_ftruncate(fd, length);
}

/* ------------------------------------------------ clone */

/*
 * i386 is CONFIG_CLONE_BACKWARDS: flags, newsp, parent_tidptr, tls,
 * child_tidptr (64-bit: flags, newsp, parent_tidptr, child_tidptr, tls).
 * tls is a struct user_desc for set_thread_area: the child gets that TLS
 * slot (Linux's set_new_tls() when in_ia32_syscall()). The flags are the
 * low 32 bits, as Linux's lower_32_bits() keeps them.
 */
COMPAT_SYSCALL_DEFINE5(ia32_clone, unsigned long, clone_flags, unsigned long, newsp,
		       int __user *, parent_tidptr, unsigned long, tls_val,
		       int __user *, child_tidptr)
{
	return do_fork((u32)clone_flags, newsp, parent_tidptr, child_tidptr, tls_val,
		       CLONE_TLS_USER_DESC);
}

/* ------------------------------------------------ arch_prctl */

#define ARCH_GET_CPUID	0x1011
#define ARCH_SET_CPUID	0x1012

/*
 * do_arch_prctl_common(): an ia32 program has no FS or GS base to set
 * (ARCH_SET_FS and friends are 64-bit only: EINVAL); what is common to
 * both is the CPUID faulting switch. CPUID is always allowed here
 * (ARCH_GET_CPUID: 1) and cannot be made to fault (no CPUID faulting
 * support: ENODEV, as Linux on a CPU without X86_FEATURE_CPUID_FAULT).
 */
COMPAT_SYSCALL_DEFINE2(arch_prctl, int, option, unsigned long, arg2)
{
	switch (option) {
	case ARCH_GET_CPUID:
		return 1;
	case ARCH_SET_CPUID:
		return -ENODEV;
	}
	(void)arg2;
	return -EINVAL;
}

