// SPDX-License-Identifier: MIT
/*
 * open, openat, creat and close (Linux's fs/open.c and do_filp_open() in
 * fs/namei.c).
 *
 * The order of the checks is Linux's, since a program can see it:
 *   1. the flags (EINVAL);
 *   2. the path is copied in (EFAULT, ENAMETOOLONG, ENOENT for "");
 *   3. a descriptor is reserved (EMFILE) - before the lookup, so a full
 *      table says EMFILE even for a missing file;
 *   4. the lookup and the open itself (ENOENT, ENOTDIR, EISDIR, ELOOP, ...).
 */
#include <trident/fs.h>
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/string.h>
#include <trident/mm.h>

/* What open() keeps of unknown bits: nothing (VALID_OPEN_FLAGS). */
#define VALID_OPEN_FLAGS (O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | \
	O_APPEND | O_NONBLOCK | O_DSYNC | FASYNC | O_DIRECT | O_LARGEFILE | \
	O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC | __O_SYNC | O_PATH | \
	__O_TMPFILE)
/* What an O_PATH open looks at; everything else is ignored. */
#define O_PATH_FLAGS (O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC)

/*
 * "dir/", "x/" or "/" with O_CREAT: once the directories before the last
 * name are found, a trailing slash makes it EISDIR, whatever the last name
 * is (open_last_lookups()).
 */
static int trailing_slash(struct dentry *base, char *path)
{
	size_t end = strlen(path);
	struct dentry *dir;
	int err;

	while (end > 1 && path[end - 1] == '/')
		end--;
	while (end > 0 && path[end - 1] != '/')
		end--;
	if (end == 0)
		return -EISDIR;			/* "x/": the parent is base */
	char save = path[end];
	path[end] = '\0';			/* "a/b/x/" -> "a/b/" */
	err = ramfs_lookup_at(base, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &dir);
	path[end] = save;
	return err ? err : -EISDIR;
}

/*
 * O_CREAT: the last component is created if missing, in its parent
 * directory. An existing symlink is followed (unless O_EXCL or
 * O_NOFOLLOW), and a dangling one creates its target, as on Linux.
 */
static int open_create(int dfd, char *name, int flags, mode_t mode, struct dentry **res)
{
	struct dentry *base, *d;
	char *path = name;
	int err;

	err = fs_create_base(dfd, name, &base);
	for (int links = 0; !err; links++) {
		if (path[strlen(path) - 1] == '/')
			return trailing_slash(base, path);
		err = ramfs_lookup_at(base, path, 0, &d);
		if (err == -ENOENT) {
			err = ramfs_mknod(base, path, S_IFREG | (mode & ~fs_umask() & 07777),
					  0, 0, res);
			if (!err) {
				(*res)->inode->atime = (*res)->inode->mtime =
					(*res)->inode->ctime = fs_now();
				fs_dir_touch((*res)->parent->inode);
			}
			return err ? err : 1;		/* 1: created */
		}
		if (err)
			return err;
		if (flags & O_EXCL)
			return -EEXIST;
		if (!S_ISLNK(d->inode->mode)) {
			*res = d;
			return S_ISDIR(d->inode->mode) ? -EISDIR : 0;
		}
		if (flags & O_NOFOLLOW)
			return -ELOOP;
		if (links == MAXSYMLINKS)
			return -ELOOP;
		/* Continue with the target, from the symlink's directory. */
		path = (char *)d->inode->data;
		base = d->parent;
	}
	return err;
}

static int do_open(int dfd, char *name, int flags, mode_t mode, struct file **out)
{
	const struct fs_ops *ops;
	struct dentry *d;
	struct inode *inode;
	bool created = false;
	int err;

	if (flags & O_CREAT) {
		err = open_create(dfd, name, flags, mode, &d);
		created = err == 1;
		if (err < 0)
			return err;
	} else {
		unsigned int lookup = (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;

		if (flags & O_DIRECTORY)
			lookup |= LOOKUP_DIRECTORY;
		err = fs_lookup(dfd, name, lookup, &d);
		if (err)
			return err;
	}
	inode = d->inode;

	/* may_open() */
	if (flags & O_PATH) {
		ops = &fs_path_ops;
	} else if (S_ISLNK(inode->mode)) {
		return -ELOOP;			/* O_NOFOLLOW met a symlink */
	} else if (S_ISDIR(inode->mode)) {
		/* Writing, truncating, or access mode 3 (which asks for both). */
		if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
			return -EISDIR;
		ops = &fs_dir_ops;
	} else if (S_ISREG(inode->mode)) {
		if ((flags & O_TRUNC) && !created && inode->size) {
			err = ramfs_truncate(inode, 0);
			if (err)
				return err;
			inode->mtime = inode->ctime = fs_now();
		}
		ops = &fs_reg_ops;
	} else {
		/* Devices; FIFOs and sockets say ENXIO (a FIFO would block on
		 * Linux until the other end opens: not there yet). */
		*out = fs_dev_open(d, flags, &err);
		return err;
	}
	*out = fs_file_for(d, ops, flags);
	return *out ? 0 : -ENOMEM;
}

/* The flags F_GETFL will show: the flags that only steered the open are
 * gone. */
static unsigned int file_flags(int flags)
{
	if (flags & O_PATH)
		return flags & (O_PATH | O_DIRECTORY | O_NOFOLLOW);
	return flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
}

long do_sys_open(int dfd, const char __user *filename, int flags, mode_t mode)
{
	struct file *f = NULL;
	char *name;
	int fd, err;

	/* build_open_flags() */
	flags &= VALID_OPEN_FLAGS;
	if (flags & O_PATH)
		flags &= O_PATH_FLAGS;
	if ((flags & (O_DIRECTORY | O_CREAT)) == (O_DIRECTORY | O_CREAT))
		return -EINVAL;			/* since Linux 6.4 */
	if (flags & __O_TMPFILE) {
		if ((flags & (__O_TMPFILE | O_DIRECTORY | O_CREAT)) != (__O_TMPFILE | O_DIRECTORY))
			return -EINVAL;
		if (!(flags & (O_WRONLY | O_RDWR)))
			return -EINVAL;
		return -EOPNOTSUPP;		/* no unnamed files yet */
	}

	err = fs_getname(filename, false, &name);
	if (err)
		return err;
	fd = fs_fd_find(0);
	if (fd >= 0) {
		err = do_open(dfd, name, flags, mode, &f);
		if (err)
			fd = err;
		else {
			f->flags = file_flags(flags);
			fs_fd_install(fd, f, flags & O_CLOEXEC);
		}
	}
	fs_putname(name);
	return fd;
}

/*
 * A 64-bit kernel opens every file with O_LARGEFILE for its native calls
 * and for creat, whoever calls (Linux's force_o_largefile(), true without
 * CONFIG_ARCH_32BIT_OFF_T); the ia32 open and openat do not
 * (arch/ia32/compat_open.c), so an ia32 program's F_GETFL shows whether it
 * asked for large files. O_PATH drops the flag again.
 */
SYSCALL_DEFINE3(open, const char __user *, filename, int, flags, unsigned int, mode)
{
	return do_sys_open(AT_FDCWD, filename, flags | O_LARGEFILE, mode);
}

SYSCALL_DEFINE4(openat, int, dfd, const char __user *, filename, int, flags,
		unsigned int, mode)
{
	return do_sys_open(dfd, filename, flags | O_LARGEFILE, mode);
}

SYSCALL_DEFINE2(creat, const char __user *, pathname, unsigned int, mode)
{
	return do_sys_open(AT_FDCWD, pathname, O_CREAT | O_WRONLY | O_TRUNC | O_LARGEFILE, mode);
}

SYSCALL_DEFINE1(close, unsigned int, fd)
{
	struct file *f = fd_lookup(fd);

	if (!f)
		return -EBADF;
	current->files->fd[fd] = NULL;
	fs_set_cloexec(fd, false);
	file_put(f);
	return 0;
}
