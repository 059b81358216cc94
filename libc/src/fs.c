/* SPDX-License-Identifier: MIT */
/*
 * The file system name space: paths, the working directory, file status.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "syscall.h"

int chdir(const char *path)
{
	return __syscall_ret(__syscall(SYS_chdir, path));
}

/*
 * The raw getcwd(2) returns the length of the path including its NUL, not
 * a pointer. getcwd(NULL, size) allocates the buffer (a glibc extension
 * that many programs rely on).
 */
char *getcwd(char *buf, size_t size)
{
	char *mine = NULL;
	long r;

	if (!buf) {
		if (!size)
			size = PATH_MAX;
		buf = mine = malloc(size);
		if (!buf)
			return NULL;
	}
	r = __syscall_ret(__syscall(SYS_getcwd, buf, size));
	if (r < 0) {
		free(mine);
		return NULL;
	}
	return buf;
}

int access(const char *path, int mode)
{
	return __syscall_ret(__syscall(SYS_access, path, mode));
}

/* Not NUL-terminated: the result is the number of bytes placed in buf. */
ssize_t readlink(const char *restrict path, char *restrict buf, size_t size)
{
	return __syscall_ret(__syscall(SYS_readlink, path, buf, size));
}

int unlink(const char *path)
{
	return __syscall_ret(__syscall(SYS_unlink, path));
}

int rmdir(const char *path)
{
	return __syscall_ret(__syscall(SYS_rmdir, path));
}

int mkdir(const char *path, mode_t mode)
{
	return __syscall_ret(__syscall(SYS_mkdir, path, mode));
}

/*
 * stat and lstat go through fstatat (x86_64's newfstatat(2), 262), as glibc
 * 2.33 and later do, so the kernel needs one path lookup entry for all three.
 */
int fstatat(int dirfd, const char *restrict path, struct stat *restrict st,
	    int flags)
{
	return __syscall_ret(__syscall(SYS_fstatat, dirfd, path, st, flags));
}

int stat(const char *restrict path, struct stat *restrict st)
{
	return fstatat(AT_FDCWD, path, st, 0);
}

int lstat(const char *restrict path, struct stat *restrict st)
{
	return fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

int fstat(int fd, struct stat *st)
{
	return __syscall_ret(__syscall(SYS_fstat, fd, st));
}
