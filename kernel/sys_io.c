// SPDX-License-Identifier: MIT
/*
 * read, write, writev and ioctl: find the file, check what Linux checks
 * (fs/read_write.c, fs/ioctl.c), and call the file's operation.
 */
#include <trident/syscalls.h>
#include <trident/file.h>
#include <trident/task.h>
#include <trident/fs.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/mm.h>

/* Linux clamps every single transfer to INT_MAX rounded down to a page. */
#define MAX_RW_COUNT (0x7fffffff & PAGE_MASK)
#define UIO_MAXIOV   1024

struct iovec {
	void __user *iov_base;
	size_t iov_len;
};

ssize_t file_write(struct file *f, const char __user *buf, size_t count)
{
	if (!fs_writable(f))
		return -EBADF;
	if (!f->ops->write)
		return -EINVAL;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	if (!access_ok(buf, count))
		return -EFAULT;
	if (!count)
		return 0;
	return f->ops->write(f, buf, count, &f->pos);
}

ssize_t file_read(struct file *f, char __user *buf, size_t count)
{
	if (!fs_readable(f))
		return -EBADF;
	if (!f->ops->read)
		return -EINVAL;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	if (!access_ok(buf, count))
		return -EFAULT;
	if (!count)
		return 0;
	return f->ops->read(f, buf, count, &f->pos);
}

SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)
{
	struct file *f = fd_lookup(fd);

	return f ? file_read(f, buf, count) : -EBADF;
}

SYSCALL_DEFINE3(write, unsigned int, fd, const char __user *, buf, size_t, count)
{
	struct file *f = fd_lookup(fd);

	return f ? file_write(f, buf, count) : -EBADF;
}

/* struct compat_iovec: what ia32 and x32 programs pass (32-bit pointer
 * and length). */
struct compat_iovec {
	u32 iov_base;
	u32 iov_len;
};

ssize_t ksys_pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos);
ssize_t ksys_pwrite64(unsigned int fd, const char __user *buf, size_t count, loff_t pos);

/* Read iovec number i of the user's array, in the layout of the current
 * system call's ABI. 0 or -EFAULT. */
static int get_iovec(const void __user *vec, unsigned long i, struct iovec *iov)
{
	if (in_compat_syscall()) {
		struct compat_iovec c;
		if (copy_from_user(&c, (const struct compat_iovec __user *)vec + i, sizeof(c)))
			return -EFAULT;
		iov->iov_base = (void __user *)(unsigned long)c.iov_base;
		/* A compat_ssize_t: 2 GiB and more is negative, EINVAL
		 * below (copy_compat_iovec_from_user()). */
		iov->iov_len = (size_t)(s32)c.iov_len;
		return 0;
	}
	return copy_from_user(iov, (const struct iovec __user *)vec + i, sizeof(*iov)) ? -EFAULT : 0;
}

/*
 * readv, writev, preadv, pwritev (fs/read_write.c, lib/iov_iter.c): the
 * vector is checked whole first (count at most UIO_MAXIOV, every length
 * non-negative, every range a user range, a total that fits ssize_t),
 * then transferred segment by segment; a short or failed segment ends the
 * call with what was done so far. pos < 0: the file offset.
 */
static ssize_t do_iter(unsigned long fd, const void __user *vec, unsigned long vlen,
		       loff_t pos, bool write)
{
	struct file *f = fd_lookup(fd);
	struct iovec iov;
	size_t total = 0;
	ssize_t done = 0;

	if (!f)
		return -EBADF;
	if (write ? !fs_writable(f) : !fs_readable(f))
		return -EBADF;
	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	if (!vlen)
		return 0;
	for (unsigned long i = 0; i < vlen; i++) {
		if (get_iovec(vec, i, &iov))
			return -EFAULT;
		if ((ssize_t)iov.iov_len < 0)
			return -EINVAL;
		if (!access_ok(iov.iov_base, iov.iov_len))
			return -EFAULT;
		total += iov.iov_len;
		if ((ssize_t)total < 0)
			return -EINVAL;
	}
	for (unsigned long i = 0; i < vlen; i++) {
		ssize_t r;
		if (get_iovec(vec, i, &iov))
			return done ? done : -EFAULT;
		if (!iov.iov_len)
			continue;
		if (pos >= 0)
			r = write ? ksys_pwrite64(fd, iov.iov_base, iov.iov_len, pos + done)
				  : ksys_pread64(fd, iov.iov_base, iov.iov_len, pos + done);
		else
			r = write ? file_write(f, iov.iov_base, iov.iov_len)
				  : file_read(f, iov.iov_base, iov.iov_len);
		if (r < 0)
			return done ? done : r;
		done += r;
		if ((size_t)r < iov.iov_len)
			break;
	}
	return done;
}

SYSCALL_DEFINE3(readv, unsigned long, fd, const struct iovec __user *, vec, unsigned long, vlen)
{
	return do_iter(fd, vec, vlen, -1, false);
}

SYSCALL_DEFINE3(writev, unsigned long, fd, const struct iovec __user *, vec, unsigned long, vlen)
{
	return do_iter(fd, vec, vlen, -1, true);
}

/* preadv/pwritev: the 64-bit offset arrives split in two registers (low,
 * high) on every ABI's generic entry; x32's 534/535 pass it whole. */
SYSCALL_DEFINE5(preadv, unsigned long, fd, const struct iovec __user *, vec, unsigned long, vlen,
		unsigned long, pos_l, unsigned long, pos_h)
{
	loff_t pos = (loff_t)(((u64)pos_h << 32) << 32 | pos_l);	/* pos_h is 0 here on 64-bit */

	if (pos < 0)
		return -EINVAL;
	return do_iter(fd, vec, vlen, pos, false);
}

SYSCALL_DEFINE5(pwritev, unsigned long, fd, const struct iovec __user *, vec, unsigned long, vlen,
		unsigned long, pos_l, unsigned long, pos_h)
{
	loff_t pos = (loff_t)(((u64)pos_h << 32) << 32 | pos_l);

	if (pos < 0)
		return -EINVAL;
	return do_iter(fd, vec, vlen, pos, true);
}

/* x32's preadv64/pwritev64: one 64-bit register for the offset. */
COMPAT_SYSCALL_DEFINE4(preadv64, unsigned long, fd, const struct iovec __user *, vec,
		       unsigned long, vlen, loff_t, pos)
{
	if (pos < 0)
		return -EINVAL;
	return do_iter(fd, vec, vlen, pos, false);
}

COMPAT_SYSCALL_DEFINE4(pwritev64, unsigned long, fd, const struct iovec __user *, vec,
		       unsigned long, vlen, loff_t, pos)
{
	if (pos < 0)
		return -EINVAL;
	return do_iter(fd, vec, vlen, pos, true);
}

/* ia32's preadv/pwritev (333, 334): the offset in two 32-bit registers,
 * low half first (the native handler above would drop the high one). */
COMPAT_SYSCALL_DEFINE5(preadv, u32, fd, const struct iovec __user *, vec, u32, vlen,
		       u32, pos_low, u32, pos_high)
{
	loff_t pos = (loff_t)(((u64)pos_high << 32) | pos_low);

	if (pos < 0)
		return -EINVAL;
	return do_iter(fd, vec, vlen, pos, false);
}

COMPAT_SYSCALL_DEFINE5(pwritev, u32, fd, const struct iovec __user *, vec, u32, vlen,
		       u32, pos_low, u32, pos_high)
{
	loff_t pos = (loff_t)(((u64)pos_high << 32) | pos_low);

	if (pos < 0)
		return -EINVAL;
	return do_iter(fd, vec, vlen, pos, true);
}

static long do_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg);

SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	return do_ioctl(fd, cmd, arg);
}

/* The terminal ioctls we answer have one layout for every ABI (struct
 * termios and struct winsize hold no pointers or longs), so the compat
 * entry (x32's 514, ia32's 54) is the same call with a 32-bit argument. */
COMPAT_SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, u32, arg)
{
	return do_ioctl(fd, cmd, arg);
}

static long do_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fd_lookup(fd);

	if (!f)
		return -EBADF;
	if (!f->ops->ioctl)
		return -ENOTTY;
	return f->ops->ioctl(f, cmd, arg);
}
