// SPDX-License-Identifier: MIT
/*
 * rename, renameat and renameat2 (Linux's do_renameat2() in fs/namei.c),
 * with Linux's checks in Linux's order: the two parent directories, "."
 * and ".." (EBUSY), the source, a directory moved into itself (EINVAL)
 * or over its own ancestor (ENOTEMPTY), RENAME_NOREPLACE (EEXIST),
 * trailing slashes on a non-directory (ENOTDIR), then the kinds of the
 * two names (EISDIR, ENOTDIR) and a non-empty target (ENOTEMPTY).
 */
#include <trident/fs.h>
#include <trident/syscalls.h>
#include <trident/errno.h>
#include <trident/string.h>
#include <trident/mm.h>

#define RENAME_NOREPLACE	(1 << 0)
#define RENAME_EXCHANGE		(1 << 1)
#define RENAME_WHITEOUT		(1 << 2)

/* filename_parentat(): the directory that holds the last component of
 * path, and that component, cut out of path (trailing slashes removed). */
struct last {
	struct dentry *dir;
	char *name;		/* NUL-terminated in the path buffer */
	bool trailing;		/* "name/" */
	bool norm;		/* not ".", "..", or no name at all ("/") */
};

static int parent_at(int dfd, char *path, struct last *l)
{
	size_t end = strlen(path), start;
	struct dentry *base;
	int err;

	err = fs_create_base(dfd, path, &base);
	if (err)
		return err;
	while (end > 0 && path[end - 1] == '/')
		end--;
	l->trailing = path[end] == '/';
	path[end] = '\0';
	for (start = end; start > 0 && path[start - 1] != '/'; start--)
		;
	l->name = path + start;
	l->norm = end > start && strcmp(l->name, ".") && strcmp(l->name, "..");
	if (start == 0) {
		l->dir = base;
		return 0;
	}
	/* "a/b/name": walk "a/b/", which must be a directory. */
	char save = path[start];
	path[start] = '\0';
	err = ramfs_lookup_at(base, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &l->dir);
	path[start] = save;
	return err;
}

static bool is_ancestor(struct dentry *a, struct dentry *d)
{
	for (;;) {
		if (d == a)
			return true;
		if (d->parent == d)
			return false;
		d = d->parent;
	}
}

/*
 * Renames of everything but directories are a link and an unlink; a
 * directory goes through Linux's checks and then says EXDEV, which makes
 * mv(1) copy and remove instead: moving a subtree needs ramfs to move a
 * dentry, which it does not offer yet. RENAME_EXCHANGE and RENAME_WHITEOUT
 * are refused with EINVAL, as by a file system without them.
 */
static long do_rename(int olddfd, char *oldp, int newdfd, char *newp, unsigned int flags)
{
	struct last o, n;
	struct dentry *old, *new = NULL;
	char *abs;
	long err;

	err = parent_at(olddfd, oldp, &o);
	if (!err)
		err = parent_at(newdfd, newp, &n);
	if (err)
		return err;
	if (!o.norm || !n.norm)
		return (!n.norm && o.norm && (flags & RENAME_NOREPLACE)) ? -EEXIST : -EBUSY;
	if (flags & (RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	err = ramfs_lookup_at(o.dir, o.name, 0, &old);
	if (err)
		return err;
	if (is_ancestor(old, n.dir))
		return -EINVAL;			/* into itself */
	err = ramfs_lookup_at(n.dir, n.name, 0, &new);
	if (err && err != -ENOENT)
		return err;
	if (err)
		new = NULL;
	if (new && is_ancestor(new, o.dir))
		return -ENOTEMPTY;		/* over its own ancestor */
	if (new && (flags & RENAME_NOREPLACE))
		return -EEXIST;
	if (!S_ISDIR(old->inode->mode) && (o.trailing || n.trailing))
		return -ENOTDIR;
	if (new && new->inode == old->inode)
		return 0;			/* two names of one file */
	if (new && S_ISDIR(old->inode->mode) != S_ISDIR(new->inode->mode))
		return S_ISDIR(old->inode->mode) ? -ENOTDIR : -EISDIR;
	if (S_ISDIR(old->inode->mode))
		return new && new->children ? -ENOTEMPTY : -EXDEV;

	abs = kmalloc(PATH_MAX);
	if (!abs)
		return -ENOMEM;
	err = ramfs_path(old, abs, PATH_MAX);
	if (err >= 0 && new)
		err = ramfs_unlink(n.dir, n.name);
	if (err >= 0)
		err = ramfs_link(n.dir, abs, n.name);
	if (!err)
		err = ramfs_unlink(o.dir, o.name);
	kfree(abs);
	if (!err) {
		fs_dir_touch(o.dir->inode);
		fs_dir_touch(n.dir->inode);
	}
	return err;
}

static long do_renameat2(int olddfd, const char __user *oldname, int newdfd,
			 const char __user *newname, unsigned int flags)
{
	char *oldp, *newp;
	long err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)) && (flags & RENAME_EXCHANGE))
		return -EINVAL;
	err = fs_getname(oldname, false, &oldp);
	if (err)
		return err;
	err = fs_getname(newname, false, &newp);
	if (!err) {
		err = do_rename(olddfd, oldp, newdfd, newp, flags);
		fs_putname(newp);
	}
	fs_putname(oldp);
	return err;
}

SYSCALL_DEFINE5(renameat2, int, olddfd, const char __user *, oldname, int, newdfd,
		const char __user *, newname, unsigned int, flags)
{
	return do_renameat2(olddfd, oldname, newdfd, newname, flags);
}

SYSCALL_DEFINE4(renameat, int, olddfd, const char __user *, oldname, int, newdfd,
		const char __user *, newname)
{
	return do_renameat2(olddfd, oldname, newdfd, newname, 0);
}

SYSCALL_DEFINE2(rename, const char __user *, oldname, const char __user *, newname)
{
	return do_renameat2(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}
