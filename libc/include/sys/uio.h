/* SPDX-License-Identifier: MIT */
/*
 * Scatter/gather I/O. struct iovec is a pointer and a size_t, so it is 16
 * bytes on x86_64 and 8 on x32 and i386, which is what their kernels read
 * (x32's readv/writev are the compat entries 515/516 for that reason).
 */
#ifndef _SYS_UIO_H
#define _SYS_UIO_H

#include <sys/types.h>

struct iovec {
	void	*iov_base;
	size_t	iov_len;
};

ssize_t readv(int fd, const struct iovec *iov, int iovcnt);
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);

#endif
