/* SPDX-License-Identifier: MIT */
/*
 * File descriptors: opening, reading, writing, duplicating, controlling.
 * One system call each; errors come back as -1 and errno.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <unistd.h>
#include "syscall.h"

/* The mode argument exists only when the flags create a file; reading it
 * otherwise would take a garbage vararg (harmless, but glibc does not). */
static mode_t open_mode(int flags, va_list ap)
{
	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE)
		return va_arg(ap, mode_t);
	return 0;
}

/*
 * off_t is 64 bits on every ABI here. A 64-bit kernel opens every file of
 * a 64-bit or x32 caller as O_LARGEFILE by itself (force_o_largefile()),
 * but i386's open and openat are the compat entries, which do not: without
 * the flag a file of 2 GiB or more fails with EOVERFLOW. glibc with
 * _FILE_OFFSET_BITS=64 passes it on i386 too, so F_GETFL shows it there.
 */
#ifdef __i386__
#define OPEN_FLAGS	O_LARGEFILE
#else
#define OPEN_FLAGS	0
#endif

int open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	return __syscall_ret(__syscall(SYS_open, path, flags | OPEN_FLAGS,
				       mode));
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	return __syscall_ret(__syscall(SYS_openat, dirfd, path,
				       flags | OPEN_FLAGS, mode));
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

int close(int fd)
{
	return __syscall_ret(__syscall(SYS_close, fd));
}

ssize_t read(int fd, void *buf, size_t n)
{
	return __syscall_ret(__syscall(SYS_read, fd, buf, n));
}

ssize_t write(int fd, const void *buf, size_t n)
{
	return __syscall_ret(__syscall(SYS_write, fd, buf, n));
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
	return __syscall_ret(__syscall(SYS_readv, fd, iov, iovcnt));
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	return __syscall_ret(__syscall(SYS_writev, fd, iov, iovcnt));
}

/*
 * off_t is 64 bits on every ABI, a register only on x86_64 and x32.
 * i386 uses _llseek(2) (140): the offset in two registers (high, low),
 * the new position written to a 64-bit loff_t, the result register 0.
 * On x32 the 64-bit offset and result each fit one register, but the
 * result is wider than long, so it is checked here rather than by
 * __syscall_ret() (musl does the same).
 */
off_t lseek(int fd, off_t offset, int whence)
{
#ifdef SYS__llseek
	off_t pos;

	if (__syscall_ret(__syscall(SYS__llseek, fd, (long)(offset >> 32),
				    (long)offset, &pos, whence)) < 0)
		return -1;
	return pos;
#else
	long long r = __syscall(SYS_lseek, fd, offset, whence);

	if ((unsigned long long)r > -4096ULL) {
		errno = -r;
		return -1;
	}
	return r;
#endif
}

/*
 * pread/pwrite: pread64 (17/18 on x86_64 and x32, where the 64-bit offset
 * fits one register; 180/181 on i386, where it is split low, high across
 * two argument registers, Linux's ia32 pread64 order).
 */
ssize_t pread(int fd, void *buf, size_t count, off_t offset)
{
#if defined(__i386__)
	return __syscall_ret(__syscall(SYS_pread64, fd, buf, count,
				       (long)offset, (long)(offset >> 32)));
#else
	return __syscall_ret(__syscall(SYS_pread64, fd, buf, count, offset));
#endif
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)
{
#if defined(__i386__)
	return __syscall_ret(__syscall(SYS_pwrite64, fd, buf, count,
				       (long)offset, (long)(offset >> 32)));
#else
	return __syscall_ret(__syscall(SYS_pwrite64, fd, buf, count, offset));
#endif
}

int dup(int fd)
{
	return __syscall_ret(__syscall(SYS_dup, fd));
}

int dup2(int oldfd, int newfd)
{
	return __syscall_ret(__syscall(SYS_dup2, oldfd, newfd));
}

int pipe(int fds[2])
{
	return __syscall_ret(__syscall(SYS_pipe, fds));
}

/* The third argument, when there is one, is an int or a pointer: reading
 * it as an unsigned long carries either (the kernel's type for it; on x32
 * a pointer must reach the 64-bit register zero-extended). */
int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	unsigned long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, unsigned long);
	va_end(ap);
	return __syscall_ret(__syscall(SYS_fcntl, fd, cmd, arg));
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);
	return __syscall_ret(__syscall(SYS_ioctl, fd, request, arg));
}
