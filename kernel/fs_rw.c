// SPDX-License-Identifier: MIT
/*
 * The file offset and positioned I/O: lseek, pread64, pwrite64, and the
 * size of a file: truncate, ftruncate (Linux's fs/read_write.c and
 * fs/open.c). read and write themselves are in sys_io.c. The ksys_*
 * functions are the calls without their argument convention, shared with
 * the ia32 handlers that take a 64-bit offset in two registers
 * (arch/ia32/sys_ia32.c).
 */
#include <trident/fs.h>
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/mm.h>

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4
#define SEEK_MAX	SEEK_HOLE

#define MAX_RW_COUNT	(0x7fffffff & PAGE_MASK)
#define LLONG_MAX	0x7fffffffffffffffLL

static enum fs_seek seek_kind(const struct file *f)
{
	const struct fs_ops *ops = fs_ops_of(f);

	return ops ? ops->seek : FS_SEEK_NONE;	/* the console is a tty */
}

/* generic_file_llseek_size() for a file of eof bytes, and vfs_setpos(). */
static loff_t file_llseek(struct file *f, loff_t offset, unsigned int whence, loff_t eof)
{
	switch (whence) {
	case SEEK_END:
		offset = (loff_t)((u64)offset + (u64)eof);
		break;
	case SEEK_CUR:
		if (offset == 0)
			return f->pos;
		offset = (loff_t)((u64)offset + (u64)f->pos);
		break;
	case SEEK_DATA:
		/* No holes: data is everywhere before the end. */
		if (offset < 0 || offset >= eof)
			return -ENXIO;
		break;
	case SEEK_HOLE:
		if (offset < 0 || offset >= eof)
			return -ENXIO;
		offset = eof;
		break;
	}
	if (offset < 0)
		return -EINVAL;
	f->pos = offset;
	return offset;
}

/* offset_dir_llseek(): a directory's offsets are entry numbers. */
static loff_t dir_llseek(struct file *f, loff_t offset, unsigned int whence)
{
	if (whence == SEEK_CUR)
		offset = (loff_t)((u64)offset + (u64)f->pos);
	else if (whence != SEEK_SET)
		return -EINVAL;
	if (offset < 0)
		return -EINVAL;
	f->pos = offset;
	return offset;
}

/* What lseek does with a file of each kind (Linux's f_op->llseek); whence
 * is checked by the callers. */
loff_t vfs_llseek(struct file *f, loff_t offset, unsigned int whence)
{
	switch (seek_kind(f)) {
	case FS_SEEK_FILE:
		return file_llseek(f, offset, whence, f->inode->size);
	case FS_SEEK_DIR:
		return dir_llseek(f, offset, whence);
	case FS_SEEK_ZERO:
		return f->pos = 0;
	case FS_SEEK_NONE:
		break;
	}
	return -ESPIPE;
}

off_t ksys_lseek(unsigned int fd, off_t offset, unsigned int whence)
{
	struct file *f = fs_fd_file(fd);

	if (!f)
		return -EBADF;
	if (whence > SEEK_MAX)
		return -EINVAL;
	return vfs_llseek(f, offset, whence);
}

SYSCALL_DEFINE3(lseek, unsigned int, fd, off_t, offset, unsigned int, whence)
{
	return ksys_lseek(fd, offset, whence);
}

/*
 * ksys_pread64() and vfs_read(): the offset, the descriptor, whether the
 * file has offsets at all, the access mode, the buffer. The file offset
 * does not move.
 */
ssize_t ksys_pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos)
{
	struct file *f;

	if (pos < 0)
		return -EINVAL;
	f = fs_fd_file(fd);
	if (!f)
		return -EBADF;
	if (seek_kind(f) == FS_SEEK_NONE)
		return -ESPIPE;
	if (!fs_readable(f))
		return -EBADF;
	if (!access_ok(buf, count))
		return -EFAULT;
	if ((ssize_t)count < 0 || (loff_t)((u64)pos + count) < 0)
		return -EINVAL;
	return f->ops->read(f, buf, MIN(count, MAX_RW_COUNT), &pos);
}

ssize_t ksys_pwrite64(unsigned int fd, const char __user *buf, size_t count, loff_t pos)
{
	struct file *f;

	if (pos < 0)
		return -EINVAL;
	f = fs_fd_file(fd);
	if (!f)
		return -EBADF;
	if (seek_kind(f) == FS_SEEK_NONE)
		return -ESPIPE;
	if (!fs_writable(f))
		return -EBADF;
	if (!access_ok(buf, count))
		return -EFAULT;
	if ((ssize_t)count < 0 || (loff_t)((u64)pos + count) < 0)
		return -EINVAL;
	if (!count)
		return 0;
	return f->ops->write(f, buf, MIN(count, MAX_RW_COUNT), &pos);
}

SYSCALL_DEFINE4(pread64, unsigned int, fd, char __user *, buf, size_t, count,
		loff_t, pos)
{
	return ksys_pread64(fd, buf, count, pos);
}

SYSCALL_DEFINE4(pwrite64, unsigned int, fd, const char __user *, buf, size_t, count,
		loff_t, pos)
{
	return ksys_pwrite64(fd, buf, count, pos);
}

/* ---------------------------------------------------------- truncate */

static long do_truncate(struct inode *inode, loff_t length)
{
	int err = ramfs_truncate(inode, length);

	if (!err)
		inode->mtime = inode->ctime = fs_now();
	return err;
}

long ksys_truncate(const char __user *path, loff_t length)
{
	struct dentry *d;
	char *name;
	long err;

	if (length < 0)
		return -EINVAL;
	err = fs_getname(path, false, &name);
	if (err)
		return err;
	err = fs_lookup(AT_FDCWD, name, LOOKUP_FOLLOW, &d);
	fs_putname(name);
	if (err)
		return err;
	if (S_ISDIR(d->inode->mode))
		return -EISDIR;
	if (!S_ISREG(d->inode->mode))
		return -EINVAL;
	return do_truncate(d->inode, length);
}

long ksys_ftruncate(unsigned int fd, loff_t length)
{
	struct file *f;

	if (length < 0)
		return -EINVAL;
	f = fs_fd_file(fd);
	if (!f)
		return -EBADF;
	if (fs_ops_of(f) != &fs_reg_ops || !fs_writable(f))
		return -EINVAL;
	return do_truncate(f->inode, length);
}

SYSCALL_DEFINE2(truncate, const char __user *, path, long, length)
{
	return ksys_truncate(path, length);
}

SYSCALL_DEFINE2(ftruncate, unsigned int, fd, unsigned long, length)
{
	return ksys_ftruncate(fd, (long)length);
}
