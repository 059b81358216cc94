// SPDX-License-Identifier: MIT
/*
 * The stat structures of ia32 programs (Linux's fs/stat.c compat part and
 * arch/x86/kernel/sys_ia32.c). Three generations, each a copy of the
 * kernel's struct statx (kernel/fs_stat.c) into another layout:
 *
 *   oldstat, oldlstat, oldfstat (18, 84, 28)  struct __old_kernel_stat:
 *       16-bit dev, ino, mode, nlink, uid, gid; 32-bit size and times
 *   stat, lstat, fstat (106, 107, 108)        struct compat_stat: 32-bit
 *       ino and size (EOVERFLOW when they do not fit), 16-bit mode, nlink,
 *       uid, gid
 *   stat64, lstat64, fstat64, fstatat64       struct stat64: 64-bit size,
 *       blocks and ino, packed to 96 bytes
 *   (195, 196, 197, 300)
 *
 * statx (383) has one layout for every ABI and needs nothing here.
 */
#include <trident/syscalls.h>
#include <trident/compat.h>
#include <trident/stat.h>
#include <trident/fs.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/string.h>

/* include/uapi/asm/stat.h "for 32bit emulation and 32 bit kernels". */
struct __old_kernel_stat {
	u16 st_dev, st_ino, st_mode, st_nlink, st_uid, st_gid, st_rdev;
	u32 st_size, st_atime, st_mtime, st_ctime;
};
_Static_assert(sizeof(struct __old_kernel_stat) == 32, "__old_kernel_stat");

/* arch/x86/include/asm/compat.h */
struct compat_stat {
	u32 st_dev;
	u32 st_ino;
	u16 st_mode, st_nlink;
	__compat_uid_t st_uid;
	__compat_gid_t st_gid;
	u32 st_rdev;
	u32 st_size, st_blksize, st_blocks;
	u32 st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	u32 __unused4, __unused5;
};
_Static_assert(sizeof(struct compat_stat) == 64, "compat_stat");

/* i386's struct stat64: packed, so st_size sits at byte 44. */
struct stat64 {
	u64 st_dev;
	u8 __pad0[4];
	u32 __st_ino;		/* the inode number, truncated */
	u32 st_mode, st_nlink, st_uid, st_gid;
	u64 st_rdev;
	u8 __pad3[4];
	s64 st_size;
	u32 st_blksize;
	u64 st_blocks;
	u32 st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	u64 st_ino;
} __packed;
_Static_assert(sizeof(struct stat64) == 96, "stat64");
_Static_assert(__builtin_offsetof(struct stat64, st_size) == 44, "stat64.st_size");
_Static_assert(__builtin_offsetof(struct stat64, st_blocks) == 56, "stat64.st_blocks");
_Static_assert(__builtin_offsetof(struct stat64, st_ino) == 88, "stat64.st_ino");

/* old_encode_dev(): 8 bits of major, 8 of minor. */
static u16 old_encode_dev(u32 major, u32 minor)
{
	return (major << 8) | (minor & 0xff);
}

/* cp_old_stat(): only the inode number and the link count are checked; a
 * size above 4 GiB is cut, as on any 64-bit kernel. */
static long cp_old_stat(const struct statx *sx, struct __old_kernel_stat __user *ubuf)
{
	struct __old_kernel_stat st;

	memset(&st, 0, sizeof(st));
	st.st_dev = old_encode_dev(sx->stx_dev_major, sx->stx_dev_minor);
	st.st_ino = sx->stx_ino;
	if (st.st_ino != sx->stx_ino)
		return -EOVERFLOW;
	st.st_mode = sx->stx_mode;
	st.st_nlink = sx->stx_nlink;
	if (st.st_nlink != sx->stx_nlink)
		return -EOVERFLOW;
	st.st_uid = high2lowuid(sx->stx_uid);
	st.st_gid = high2lowgid(sx->stx_gid);
	st.st_rdev = old_encode_dev(sx->stx_rdev_major, sx->stx_rdev_minor);
	st.st_size = sx->stx_size;
	st.st_atime = sx->stx_atime.tv_sec;
	st.st_mtime = sx->stx_mtime.tv_sec;
	st.st_ctime = sx->stx_ctime.tv_sec;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

/* cp_compat_stat(): EOVERFLOW for an inode number, link count or size
 * that does not fit (a file of 2 GiB or more needs stat64). */
static long cp_compat_stat(const struct statx *sx, struct compat_stat __user *ubuf)
{
	struct compat_stat st;

	memset(&st, 0, sizeof(st));
	st.st_dev = new_encode_dev(sx->stx_dev_major, sx->stx_dev_minor);
	st.st_ino = sx->stx_ino;
	if (st.st_ino != sx->stx_ino)
		return -EOVERFLOW;
	st.st_mode = sx->stx_mode;
	st.st_nlink = sx->stx_nlink;
	if (st.st_nlink != sx->stx_nlink)
		return -EOVERFLOW;
	st.st_uid = high2lowuid(sx->stx_uid);
	st.st_gid = high2lowgid(sx->stx_gid);
	st.st_rdev = new_encode_dev(sx->stx_rdev_major, sx->stx_rdev_minor);
	if (sx->stx_size > MAX_NON_LFS)
		return -EOVERFLOW;
	st.st_size = sx->stx_size;
	st.st_atime = sx->stx_atime.tv_sec;
	st.st_atime_nsec = sx->stx_atime.tv_nsec;
	st.st_mtime = sx->stx_mtime.tv_sec;
	st.st_mtime_nsec = sx->stx_mtime.tv_nsec;
	st.st_ctime = sx->stx_ctime.tv_sec;
	st.st_ctime_nsec = sx->stx_ctime.tv_nsec;
	st.st_blocks = sx->stx_blocks;
	st.st_blksize = sx->stx_blksize;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

/*
 * cp_stat64(): field by field, as Linux's unsafe_put_user() sequence
 * writes them; the two padding holes (__pad0, __pad3) are never written,
 * so they keep whatever the program had there.
 */
static long cp_stat64(const struct statx *sx, struct stat64 __user *ubuf)
{
	struct stat64 st;

	if (copy_from_user(&st, ubuf, sizeof(st)))	/* the padding, as it is */
		return -EFAULT;
	st.st_dev = new_encode_dev(sx->stx_dev_major, sx->stx_dev_minor);
	st.__st_ino = sx->stx_ino;
	st.st_ino = sx->stx_ino;
	st.st_mode = sx->stx_mode;
	st.st_nlink = sx->stx_nlink;
	st.st_uid = sx->stx_uid;
	st.st_gid = sx->stx_gid;
	st.st_rdev = new_encode_dev(sx->stx_rdev_major, sx->stx_rdev_minor);
	st.st_size = sx->stx_size;
	st.st_atime = sx->stx_atime.tv_sec;
	st.st_atime_nsec = sx->stx_atime.tv_nsec;
	st.st_mtime = sx->stx_mtime.tv_sec;
	st.st_mtime_nsec = sx->stx_mtime.tv_nsec;
	st.st_ctime = sx->stx_ctime.tv_sec;
	st.st_ctime_nsec = sx->stx_ctime.tv_nsec;
	st.st_blksize = sx->stx_blksize;
	st.st_blocks = sx->stx_blocks;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

/* ----------------------------------------------------------- old stat */

SYSCALL_DEFINE2(stat, const char __user *, filename, struct __old_kernel_stat __user *, statbuf)
{
	struct statx sx;
	long err = vfs_statx(AT_FDCWD, filename, 0, STATX_BASIC_STATS, &sx);

	return err ? err : cp_old_stat(&sx, statbuf);
}

SYSCALL_DEFINE2(lstat, const char __user *, filename, struct __old_kernel_stat __user *, statbuf)
{
	struct statx sx;
	long err = vfs_statx(AT_FDCWD, filename, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &sx);

	return err ? err : cp_old_stat(&sx, statbuf);
}

SYSCALL_DEFINE2(fstat, unsigned int, fd, struct __old_kernel_stat __user *, statbuf)
{
	struct statx sx;
	long err = vfs_fstatx(fd, &sx);

	return err ? err : cp_old_stat(&sx, statbuf);
}

/* ----------------------------------------------------- compat_stat */

COMPAT_SYSCALL_DEFINE2(newstat, const char __user *, filename,
		       struct compat_stat __user *, statbuf)
{
	struct statx sx;
	long err = vfs_statx(AT_FDCWD, filename, 0, STATX_BASIC_STATS, &sx);

	return err ? err : cp_compat_stat(&sx, statbuf);
}

COMPAT_SYSCALL_DEFINE2(newlstat, const char __user *, filename,
		       struct compat_stat __user *, statbuf)
{
	struct statx sx;
	long err = vfs_statx(AT_FDCWD, filename, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &sx);

	return err ? err : cp_compat_stat(&sx, statbuf);
}

COMPAT_SYSCALL_DEFINE2(newfstat, unsigned int, fd, struct compat_stat __user *, statbuf)
{
	struct statx sx;
	long err = vfs_fstatx(fd, &sx);

	return err ? err : cp_compat_stat(&sx, statbuf);
}

/* ---------------------------------------------------------- stat64 */

COMPAT_SYSCALL_DEFINE2(ia32_stat64, const char __user *, filename,
		       struct stat64 __user *, statbuf)
{
	struct statx sx;
	long err = vfs_statx(AT_FDCWD, filename, 0, STATX_BASIC_STATS, &sx);

	return err ? err : cp_stat64(&sx, statbuf);
}

COMPAT_SYSCALL_DEFINE2(ia32_lstat64, const char __user *, filename,
		       struct stat64 __user *, statbuf)
{
	struct statx sx;
	long err = vfs_statx(AT_FDCWD, filename, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &sx);

	return err ? err : cp_stat64(&sx, statbuf);
}

COMPAT_SYSCALL_DEFINE2(ia32_fstat64, unsigned int, fd, struct stat64 __user *, statbuf)
{
	struct statx sx;
	long err = vfs_fstatx(fd, &sx);

	return err ? err : cp_stat64(&sx, statbuf);
}

/* dfd is an unsigned int in Linux's prototype: AT_FDCWD (-100) arrives as
 * 0xffffff9c and is an int again below. */
COMPAT_SYSCALL_DEFINE4(ia32_fstatat64, unsigned int, dfd, const char __user *, filename,
		       struct stat64 __user *, statbuf, int, flag)
{
	struct statx sx;
	long err = vfs_statx((int)dfd, filename, flag, STATX_BASIC_STATS, &sx);

	return err ? err : cp_stat64(&sx, statbuf);
}
