/* SPDX-License-Identifier: MIT */
/*
 * File descriptors: opening, reading, writing, duplicating, controlling.
 * One system call each; errors come back as -1 and errno.
 */
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

int open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	return __syscall_ret(__syscall(SYS_open, path, flags, mode));
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	return __syscall_ret(__syscall(SYS_openat, dirfd, path, flags, mode));
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

off_t lseek(int fd, off_t offset, int whence)
{
	return __syscall_ret(__syscall(SYS_lseek, fd, offset, whence));
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
 * it as a long carries either. */
int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
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
