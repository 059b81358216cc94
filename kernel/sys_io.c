// SPDX-License-Identifier: MIT
/*
 * read, write, writev and ioctl: find the file, check what Linux checks
 * (fs/read_write.c, fs/ioctl.c), and call the file's operation.
 */
#include <trident/syscalls.h>
#include <trident/file.h>
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

static ssize_t file_write(struct file *f, const char __user *buf, size_t count)
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

static ssize_t file_read(struct file *f, char __user *buf, size_t count)
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

/*
 * writev: the vector is checked whole before anything is written (count
 * range, readable array, total length), then written segment by segment;
 * a short or failed segment ends the call with what was written so far.
 */
SYSCALL_DEFINE3(writev, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen)
{
	struct iovec iov[UIO_MAXIOV > 64 ? 64 : UIO_MAXIOV];
	struct file *f = fd_lookup(fd);
	size_t total = 0;
	ssize_t done = 0;

	if (!f)
		return -EBADF;
	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	if (!vlen)
		return 0;
	/* Validate the lengths over the whole array first, in chunks. */
	for (unsigned long i = 0; i < vlen; i += ARRAY_SIZE(iov)) {
		unsigned long n = MIN(vlen - i, ARRAY_SIZE(iov));
		if (copy_from_user(iov, vec + i, n * sizeof(iov[0])))
			return -EFAULT;
		for (unsigned long j = 0; j < n; j++) {
			if ((ssize_t)iov[j].iov_len < 0)
				return -EINVAL;
			if (!access_ok(iov[j].iov_base, iov[j].iov_len))
				return -EFAULT;
			total += iov[j].iov_len;
			if ((ssize_t)total < 0)
				return -EINVAL;
		}
	}
	for (unsigned long i = 0; i < vlen; i += ARRAY_SIZE(iov)) {
		unsigned long n = MIN(vlen - i, ARRAY_SIZE(iov));
		if (copy_from_user(iov, vec + i, n * sizeof(iov[0])))
			return done ? done : -EFAULT;
		for (unsigned long j = 0; j < n; j++) {
			ssize_t r = file_write(f, iov[j].iov_base, iov[j].iov_len);
			if (r < 0)
				return done ? done : r;
			done += r;
			if ((size_t)r < iov[j].iov_len)
				return done;
		}
	}
	return done;
}

SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fd_lookup(fd);

	if (!f)
		return -EBADF;
	if (!f->ops->ioctl)
		return -ENOTTY;
	return f->ops->ioctl(f, cmd, arg);
}
