// SPDX-License-Identifier: MIT
/*
 * Questions about a name: access, faccessat, faccessat2 (Linux's
 * fs/open.c) and readlink, readlinkat (fs/stat.c).
 *
 * Every task is root, so permission bits decide nothing but one thing:
 * root may execute a file only if some execute bit is set (directories
 * can always be searched), as Linux's generic_permission() with
 * CAP_DAC_OVERRIDE says.
 */
#include <trident/fs.h>
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/string.h>

#define X_OK		1
#define S_IRWXO		0007

/* The inode a name of the *at() calls means, "" with AT_EMPTY_PATH
 * being dfd itself (any kind of file). */
static int inode_at(int dfd, const char *name, unsigned int lookup, struct inode **inode)
{
	struct dentry *d;
	struct file *f;
	int err;

	if (name[0]) {
		err = fs_lookup(dfd, name, lookup, &d);
		if (!err)
			*inode = d->inode;
		return err;
	}
	if (dfd == AT_FDCWD) {
		*inode = fs_cwd()->inode;
		return 0;
	}
	f = fd_lookup(dfd);
	if (!f)
		return -EBADF;
	*inode = f->inode ? f->inode : fs_console_inode();
	return 0;
}

static long do_faccessat(int dfd, const char __user *filename, int mode, int flags)
{
	struct inode *inode;
	char *name;
	long err;

	if (mode & ~S_IRWXO)
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = fs_getname(filename, flags & AT_EMPTY_PATH, &name);
	if (err)
		return err;
	err = inode_at(dfd, name, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &inode);
	if (!err && (mode & X_OK) && !S_ISDIR(inode->mode) && !(inode->mode & S_IXUGO))
		err = -EACCES;
	fs_putname(name);
	return err;
}

SYSCALL_DEFINE4(faccessat2, int, dfd, const char __user *, filename, int, mode, int, flags)
{
	return do_faccessat(dfd, filename, mode, flags);
}

SYSCALL_DEFINE3(faccessat, int, dfd, const char __user *, filename, int, mode)
{
	return do_faccessat(dfd, filename, mode, 0);
}

SYSCALL_DEFINE2(access, const char __user *, filename, int, mode)
{
	return do_faccessat(AT_FDCWD, filename, mode, 0);
}

/*
 * do_readlinkat(): the target's bytes, no NUL, at most bufsiz of them.
 * The size is checked first; a name that is not a symlink says EINVAL,
 * or ENOENT when it was "" (the fd of an O_PATH | O_NOFOLLOW open of a
 * symlink is the way to read one by descriptor).
 */
static long do_readlinkat(int dfd, const char __user *pathname, char __user *buf, int bufsiz)
{
	const char *target = NULL;
	struct inode *inode;
	char *name;
	long err;

	if (bufsiz <= 0)
		return -EINVAL;
	err = fs_getname(pathname, true, &name);
	if (err)
		return err;
	if (strcmp(name, "/proc/self/exe") == 0 && current->exe[0] == '/') {
		target = current->exe;		/* until there is a /proc */
	} else {
		err = inode_at(dfd, name, 0, &inode);
		if (!err && !S_ISLNK(inode->mode))
			err = name[0] ? -EINVAL : -ENOENT;
		if (!err)
			target = (const char *)inode->data;
	}
	if (target) {
		size_t len = MIN(strlen(target), (size_t)bufsiz);

		err = copy_to_user(buf, target, len) ? -EFAULT : (long)len;
	}
	fs_putname(name);
	return err;
}

SYSCALL_DEFINE4(readlinkat, int, dfd, const char __user *, pathname, char __user *, buf,
		int, bufsiz)
{
	return do_readlinkat(dfd, pathname, buf, bufsiz);
}

SYSCALL_DEFINE3(readlink, const char __user *, path, char __user *, buf, int, bufsiz)
{
	return do_readlinkat(AT_FDCWD, path, buf, bufsiz);
}
