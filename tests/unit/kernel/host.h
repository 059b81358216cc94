/* SPDX-License-Identifier: MIT */
/*
 * The host's Linux as the reference (host.c): plain C types only, so that
 * the test files built with the kernel's headers can call it.
 */
#ifndef HOST_H
#define HOST_H

#include <stddef.h>

struct host_stat {
	unsigned int mode, nlink, uid, gid, rdev_major, rdev_minor;
	long long size, mtime;
};

/* lstat(2); 0 or -errno. */
int host_lstat(const char *path, struct host_stat *st);
/* readlink(2) with a NUL; length or -errno. */
long host_readlink(const char *path, char *buf, size_t n);
/* The first n bytes of a file; bytes read or -errno. */
long host_read_file(const char *path, void *buf, size_t n);

/*
 * Looks path up in the tree at root as if root were "/" (openat2 with
 * RESOLVE_IN_ROOT, O_PATH, O_NOFOLLOW unless follow). 0 with the object's
 * path from root ("/dir/file") and stat, or -errno; -ENOSYS if the host
 * has no openat2.
 */
int host_lookup(const char *root, const char *path, int follow,
		char *canon, size_t n, struct host_stat *st);

/* Operations relative to the directory root (no absolute paths): "mkdir"
 * (a, mode), "mknod" (a, mode, major, minor), "symlink" (target a, name b),
 * "link" (a, b), "unlink" (a), "rmdir" (a). 0 or -errno. */
int host_op(const char *root, const char *op, const char *a, const char *b,
	    unsigned int mode, unsigned int major, unsigned int minor);

/* execve(2) of path in dir by a child with an 8 MiB stack rlimit (the
 * default, which sets the room for arguments). 0 when the exec worked,
 * else -errno. */
int host_exec(const char *dir, const char *path, char *const argv[],
	      char *const envp[]);

/* n bytes below 4 GiB, for 32-bit user pointers (MAP_32BIT). */
void *host_alloc_low(size_t n);

#endif
