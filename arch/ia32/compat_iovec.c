// SPDX-License-Identifier: MIT
/*
 * readv and writev with the ia32 struct iovec: a 32-bit base and a 32-bit
 * length, 8 bytes a segment (Linux's fs/read_write.c and
 * copy_compat_iovec_from_user() in lib/iov_iter.c).
 *
 * Linux's rows name sys_readv and sys_writev: import_iovec() reads the
 * compat layout when in_compat_syscall(). Our handlers cannot ask which
 * table called them, so ia32 has compat entries, as Linux had before 5.10.
 * The x32 rows 515 and 516 take the same layout.
 *
 * The whole vector is checked before any transfer, in Linux's order: the
 * descriptor (EBADF, also for the wrong access mode), the count (EINVAL
 * above UIO_MAXIOV; 0 transfers nothing), the array (EFAULT), each length
 * (EINVAL when negative as a 32-bit ssize_t), each buffer (EFAULT). The
 * total is capped at MAX_RW_COUNT by shortening the last segments, as
 * __import_iovec() does. Then the segments go one by one through the
 * file's read or write, stopping at the first short or failed one (Linux's
 * do_loop_readv_writev(), for files without read_iter/write_iter).
 */
#include <trident/syscalls.h>
#include <trident/compat.h>
#include <trident/file.h>
#include <trident/fs.h>
#include <trident/mm.h>
#include <trident/uaccess.h>
#include <trident/errno.h>

#define UIO_MAXIOV	1024
#define MAX_RW_COUNT	(0x7fffffff & PAGE_MASK)

enum iov_dir { IOV_READ, IOV_WRITE };

/* One segment, as the checks left it. */
struct seg {
	void __user *base;
	size_t len;
};

/* Reads and checks the vector into segs (vlen entries). */
static long import_compat_iovec(const struct compat_iovec __user *uvec, unsigned long vlen,
				struct seg *segs)
{
	size_t total = 0;

	if (!access_ok(uvec, vlen * sizeof(*uvec)))
		return -EFAULT;
	for (unsigned long i = 0; i < vlen; i++) {
		struct compat_iovec v;

		if (copy_from_user(&v, uvec + i, sizeof(v)))
			return -EFAULT;
		if ((compat_ssize_t)v.iov_len < 0)
			return -EINVAL;
		segs[i].base = compat_ptr(v.iov_base);
		segs[i].len = v.iov_len;
	}
	for (unsigned long i = 0; i < vlen; i++) {
		if (!access_ok(segs[i].base, segs[i].len))
			return -EFAULT;
		if (segs[i].len > MAX_RW_COUNT - total)
			segs[i].len = MAX_RW_COUNT - total;
		total += segs[i].len;
	}
	return 0;
}

/*
 * A readv on a pipe goes segment by segment here, so it may wait for data
 * for a later segment when the pipe ran empty exactly at a segment's end;
 * Linux's pipe_read() fills the whole vector at once and would return what
 * it had. Reads that end inside a segment return at once, as on Linux.
 */
static long do_compat_rw(unsigned int fd, const struct compat_iovec __user *uvec,
			 unsigned long vlen, enum iov_dir dir)
{
	struct file *f = fd_lookup(fd);
	struct seg *segs;
	long ret, done = 0;

	if (!f)
		return -EBADF;
	if (dir == IOV_READ ? !fs_readable(f) : !fs_writable(f))
		return -EBADF;
	if (dir == IOV_READ ? !f->ops->read : !f->ops->write)
		return -EINVAL;
	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	if (!vlen)
		return 0;
	segs = kmalloc(vlen * sizeof(*segs));
	if (!segs)
		return -ENOMEM;
	ret = import_compat_iovec(uvec, vlen, segs);
	for (unsigned long i = 0; !ret && i < vlen; i++) {
		ssize_t n;

		if (!segs[i].len)
			continue;
		if (dir == IOV_READ)
			n = file_read(f, segs[i].base, segs[i].len);
		else
			n = file_write(f, segs[i].base, segs[i].len);
		if (n < 0) {
			if (!done)
				ret = n;
			break;
		}
		done += n;
		if ((size_t)n != segs[i].len)
			break;
	}
	kfree(segs);
	return ret ? ret : done;
}

COMPAT_SYSCALL_DEFINE3(readv, compat_ulong_t, fd, const struct compat_iovec __user *, vec,
		       compat_ulong_t, vlen)
{
	return do_compat_rw(fd, vec, vlen, IOV_READ);
}

COMPAT_SYSCALL_DEFINE3(writev, compat_ulong_t, fd, const struct compat_iovec __user *, vec,
		       compat_ulong_t, vlen)
{
	return do_compat_rw(fd, vec, vlen, IOV_WRITE);
}
