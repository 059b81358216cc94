// SPDX-License-Identifier: MIT
/*
 * File status: stat, lstat, fstat, newfstatat and statx (Linux's
 * fs/stat.c). One fill function makes a struct statx from an inode; struct
 * stat is a narrower copy of it.
 *
 * What tmpfs (Linux's rootfs) reports, which ramfs imitates: st_blocks
 * counts whole pages of data (8 blocks of 512 bytes each), directories and
 * short symlinks have none, st_blksize is the page size. Pipes live on
 * pipefs: a device of their own, mode 0600, size 0.
 */
#include <trident/fs.h>
#include <trident/stat.h>
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/string.h>

/* Anonymous devices ("0:N") of the two file systems; rootfs is the
 * first one mounted, pipefs's number is the one Linux 6.18 gives it. */
#define RAMFS_DEV_MINOR		1
#define PIPEFS_DEV_MINOR	15
#define RAMFS_MNT_ID		1
#define SHORT_SYMLINK_LEN	128	/* tmpfs keeps shorter targets in the inode */

/* struct stat of arch/x86/include/uapi/asm/stat.h (x86_64 and x32). */
struct kstat64 {
	u64 st_dev, st_ino, st_nlink;
	u32 st_mode, st_uid, st_gid, __pad0;
	u64 st_rdev;
	s64 st_size, st_blksize, st_blocks;
	u64 st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	s64 __unused4[3];
};
_Static_assert(sizeof(struct kstat64) == 144, "struct stat is 144 bytes");
_Static_assert(__builtin_offsetof(struct kstat64, st_rdev) == 40, "st_rdev");
_Static_assert(__builtin_offsetof(struct kstat64, st_atime) == 72, "st_atime");

#define STATX_MTIME		0x00000040U
#define STATX_CTIME		0x00000080U
#define STATX_BTIME		0x00000800U
#define STATX_MNT_ID		0x00001000U
#define STATX_MNT_ID_UNIQUE	0x00004000U
#define STATX__RESERVED		0x80000000U

#define STATX_ATTR_IMMUTABLE	0x00000010
#define STATX_ATTR_APPEND	0x00000020
#define STATX_ATTR_NODUMP	0x00000040
#define STATX_ATTR_AUTOMOUNT	0x00001000
#define STATX_ATTR_MOUNT_ROOT	0x00002000
#define STATX_ATTR_DAX		0x00200000

#define VALID_STAT_FLAGS (AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)

/* What stat says about inode; pipe: it is a pipe's (pipefs) inode. */
static void fill_statx(struct inode *inode, bool pipe, u32 request, struct statx *sx)
{
	memset(sx, 0, sizeof(*sx));
	sx->stx_mask = STATX_BASIC_STATS;
	sx->stx_attributes_mask = STATX_ATTR_AUTOMOUNT | STATX_ATTR_MOUNT_ROOT | STATX_ATTR_DAX;
	if (pipe) {
		/* pipefs answers a birth time, whatever was asked. */
		sx->stx_mask |= STATX_BTIME;
		sx->stx_btime.tv_sec = inode->ctime;
	} else {
		/* tmpfs has multigrain timestamps (Linux 6.13): mtime and
		 * ctime are reported only when asked for. */
		if (!(request & (STATX_MTIME | STATX_CTIME)))
			sx->stx_mask &= ~(STATX_MTIME | STATX_CTIME);
		sx->stx_attributes_mask |= STATX_ATTR_APPEND | STATX_ATTR_IMMUTABLE |
					   STATX_ATTR_NODUMP;
		if (inode == ramfs_root()->inode)
			sx->stx_attributes |= STATX_ATTR_MOUNT_ROOT;
	}
	if (request & STATX_MNT_ID_UNIQUE) {
		sx->stx_mask |= STATX_MNT_ID_UNIQUE;
		sx->stx_mnt_id = (1ULL << 32) + RAMFS_MNT_ID;	/* from 2^32 up */
	} else {
		sx->stx_mask |= STATX_MNT_ID;
		sx->stx_mnt_id = RAMFS_MNT_ID;
	}
	sx->stx_blksize = 4096;
	sx->stx_nlink = inode->nlink;
	sx->stx_uid = inode->uid;
	sx->stx_gid = inode->gid;
	sx->stx_mode = inode->mode;
	sx->stx_ino = inode->ino;
	sx->stx_size = inode->size;
	if (S_ISREG(inode->mode) ||
	    (S_ISLNK(inode->mode) && inode->size + 1 > SHORT_SYMLINK_LEN))
		sx->stx_blocks = ALIGN_UP(inode->size, 4096) / 512;
	sx->stx_atime.tv_sec = inode->atime;
	sx->stx_mtime.tv_sec = inode->mtime;
	sx->stx_ctime.tv_sec = inode->ctime;
	sx->stx_rdev_major = inode->rdev_major;
	sx->stx_rdev_minor = inode->rdev_minor;
	sx->stx_dev_minor = pipe ? PIPEFS_DEV_MINOR : RAMFS_DEV_MINOR;
}

static void fill_statx_file(struct file *f, u32 request, struct statx *sx)
{
	struct inode *inode = f->inode ? f->inode : fs_console_inode();

	fill_statx(inode, fs_ops_of(f) == &fs_pipe_ops, request, sx);
}

static long cp_new_stat(const struct statx *sx, struct kstat64 __user *statbuf)
{
	struct kstat64 st;

	memset(&st, 0, sizeof(st));
	st.st_dev = new_encode_dev(sx->stx_dev_major, sx->stx_dev_minor);
	st.st_ino = sx->stx_ino;
	st.st_nlink = sx->stx_nlink;
	st.st_mode = sx->stx_mode;
	st.st_uid = sx->stx_uid;
	st.st_gid = sx->stx_gid;
	st.st_rdev = new_encode_dev(sx->stx_rdev_major, sx->stx_rdev_minor);
	st.st_size = sx->stx_size;
	st.st_blksize = sx->stx_blksize;
	st.st_blocks = sx->stx_blocks;
	st.st_atime = sx->stx_atime.tv_sec;
	st.st_mtime = sx->stx_mtime.tv_sec;
	st.st_ctime = sx->stx_ctime.tv_sec;
	return copy_to_user(statbuf, &st, sizeof(st)) ? -EFAULT : 0;
}

/*
 * vfs_fstatat() and statx(): with AT_EMPTY_PATH a NULL or "" path names
 * dfd itself (an fd >= 0 goes straight to fstat, before the flags are
 * checked, as on Linux 6.13+); otherwise the flags are checked before the
 * path's own error (EFAULT, ENOENT) is reported.
 */
long vfs_statx(int dfd, const char __user *filename, int flags, u32 request,
	       struct statx *sx)
{
	struct dentry *d;
	char *name = NULL;
	bool empty = false;
	long err = 0;

	if (flags & AT_EMPTY_PATH) {
		char c;

		if (!filename)
			empty = true;
		else if (get_user(c, filename))
			err = -EFAULT;
		else
			empty = c == '\0';
	}
	if (empty && dfd >= 0) {
		struct file *f = fd_lookup(dfd);

		if (!f)
			return -EBADF;
		fill_statx_file(f, request, sx);
		return 0;
	}
	if (!err && !empty)
		err = fs_getname(filename, false, &name);
	if (flags & ~VALID_STAT_FLAGS)
		err = -EINVAL;
	if (err)
		goto out;
	if (empty) {
		if (dfd != AT_FDCWD)
			return -EBADF;
		d = fs_cwd();
	} else {
		err = fs_lookup(dfd, name, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &d);
		if (err)
			goto out;
	}
	fill_statx(d->inode, false, request, sx);
out:
	if (name)
		fs_putname(name);
	return err;
}

static long do_stat(int dfd, const char __user *filename, int flags,
		    struct kstat64 __user *statbuf)
{
	struct statx sx;
	long err = vfs_statx(dfd, filename, flags, STATX_BASIC_STATS, &sx);

	return err ? err : cp_new_stat(&sx, statbuf);
}

SYSCALL_DEFINE2(newstat, const char __user *, filename, struct kstat64 __user *, statbuf)
{
	return do_stat(AT_FDCWD, filename, 0, statbuf);
}

SYSCALL_DEFINE2(newlstat, const char __user *, filename, struct kstat64 __user *, statbuf)
{
	return do_stat(AT_FDCWD, filename, AT_SYMLINK_NOFOLLOW, statbuf);
}

SYSCALL_DEFINE4(newfstatat, int, dfd, const char __user *, filename,
		struct kstat64 __user *, statbuf, int, flag)
{
	return do_stat(dfd, filename, flag, statbuf);
}

long vfs_fstatx(unsigned int fd, struct statx *sx)
{
	struct file *f = fd_lookup(fd);		/* O_PATH too */

	if (!f)
		return -EBADF;
	fill_statx_file(f, STATX_BASIC_STATS, sx);
	return 0;
}

SYSCALL_DEFINE2(newfstat, unsigned int, fd, struct kstat64 __user *, statbuf)
{
	struct statx sx;
	long err = vfs_fstatx(fd, &sx);

	return err ? err : cp_new_stat(&sx, statbuf);
}

SYSCALL_DEFINE5(statx, int, dfd, const char __user *, filename, unsigned int, flags,
		unsigned int, mask, struct statx __user *, buffer)
{
	struct statx sx;
	long err;

	if (mask & STATX__RESERVED)
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	err = vfs_statx(dfd, filename, flags, mask, &sx);
	if (err)
		return err;
	return copy_to_user(buffer, &sx, sizeof(sx)) ? -EFAULT : 0;
}
