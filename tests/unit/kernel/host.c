// SPDX-License-Identifier: MIT
/*
 * The host's Linux answers the questions the tests ask ramfs and the cpio
 * parser (see host.h). Built without the kernel's headers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <linux/openat2.h>
#include "host.h"

static void fill(struct host_stat *h, const struct stat *st)
{
	h->mode = st->st_mode;
	h->nlink = st->st_nlink;
	h->uid = st->st_uid;
	h->gid = st->st_gid;
	h->rdev_major = major(st->st_rdev);
	h->rdev_minor = minor(st->st_rdev);
	h->size = st->st_size;
	h->mtime = st->st_mtime;
}

int host_lstat(const char *path, struct host_stat *h)
{
	struct stat st;

	if (lstat(path, &st))
		return -errno;
	fill(h, &st);
	return 0;
}

long host_readlink(const char *path, char *buf, size_t n)
{
	ssize_t r = readlink(path, buf, n - 1);

	if (r < 0)
		return -errno;
	buf[r] = '\0';
	return r;
}

long host_read_file(const char *path, void *buf, size_t n)
{
	int fd = open(path, O_RDONLY);
	size_t got = 0;

	if (fd < 0)
		return -errno;
	while (got < n) {
		ssize_t r = read(fd, (char *)buf + got, n - got);

		if (r <= 0)
			break;
		got += r;
	}
	close(fd);
	return got;
}

int host_lookup(const char *root, const char *path, int follow,
		char *canon, size_t n, struct host_stat *h)
{
	struct open_how how = {
		.flags = O_PATH | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW),
		.resolve = RESOLVE_IN_ROOT,
	};
	char proc[64], real[PATH_MAX + 1];
	struct stat st;
	int rootfd, fd, err = 0;
	ssize_t len;
	size_t rlen;

	rootfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		return -errno;
	fd = syscall(SYS_openat2, rootfd, path, &how, sizeof(how));
	if (fd < 0) {
		err = -errno;
		close(rootfd);
		return err;
	}
	if (fstat(fd, &st))
		err = -errno;
	else
		fill(h, &st);
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	len = readlink(proc, real, sizeof(real) - 1);
	if (!err && len < 0)
		err = -errno;
	if (!err) {
		real[len] = '\0';
		rlen = strlen(root);
		if (strncmp(real, root, rlen) != 0 || (real[rlen] && real[rlen] != '/'))
			snprintf(canon, n, "?outside:%s", real);
		else
			snprintf(canon, n, "%s", real[rlen] ? real + rlen : "/");
	}
	close(fd);
	close(rootfd);
	return err;
}

int host_op(const char *root, const char *op, const char *a, const char *b,
	    unsigned int mode, unsigned int maj, unsigned int min)
{
	int fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC), r = -1;

	umask(0);		/* ramfs takes modes as given */
	if (fd < 0)
		return -errno;
	if (!strcmp(op, "mkdir"))
		r = mkdirat(fd, a, mode);
	else if (!strcmp(op, "mknod"))
		r = mknodat(fd, a, mode, makedev(maj, min));
	else if (!strcmp(op, "symlink"))
		r = symlinkat(a, fd, b);
	else if (!strcmp(op, "link"))
		r = linkat(fd, a, fd, b, 0);
	else if (!strcmp(op, "unlink"))
		r = unlinkat(fd, a, 0);
	else if (!strcmp(op, "rmdir"))
		r = unlinkat(fd, a, AT_REMOVEDIR);
	else
		errno = EINVAL;
	r = r < 0 ? -errno : 0;
	close(fd);
	return r;
}

int host_exec(const char *dir, const char *path, char *const argv[],
	      char *const envp[])
{
	struct rlimit stack = { 8UL << 20, 8UL << 20 };
	int fds[2], err = 0, status;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC))
		return -errno;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		close(fds[0]);
		if (chdir(dir) == 0 && setrlimit(RLIMIT_STACK, &stack) == 0)
			execve(path, argv, envp);
		err = errno;
		if (write(fds[1], &err, sizeof(err)) != sizeof(err))
			_exit(126);
		_exit(127);
	}
	close(fds[1]);
	if (read(fds[0], &err, sizeof(err)) != sizeof(err))
		err = 0;			/* the pipe closed on exec */
	close(fds[0]);
	waitpid(pid, &status, 0);
	return -err;
}

void *host_alloc_low(size_t n)
{
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}
