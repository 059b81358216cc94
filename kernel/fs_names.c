// SPDX-License-Identifier: MIT
/*
 * Making and removing names: mkdir, rmdir, unlink, symlink, link, rename
 * and their *at() forms (Linux's fs/namei.c, second half).
 *
 * ramfs does the work and gives Linux's errors for the last component;
 * here are the user paths, the *at() bases, the umask, the times of the
 * directories that change, and the flags of the *at() calls.
 */
#include <trident/fs.h>
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/errno.h>
#include <trident/string.h>
#include <trident/mm.h>

#define RENAME_NOREPLACE	(1 << 0)
#define RENAME_EXCHANGE		(1 << 1)
#define RENAME_WHITEOUT		(1 << 2)

static void created(struct dentry *d)
{
	d->inode->atime = d->inode->mtime = d->inode->ctime = fs_now();
	fs_dir_touch(d->parent->inode);
}

static long do_mkdirat(int dfd, const char __user *pathname, mode_t mode)
{
	struct dentry *base, *d;
	char *name;
	long err;

	err = fs_getname(pathname, false, &name);
	if (err)
		return err;
	err = fs_create_base(dfd, name, &base);
	if (!err)
		err = ramfs_mkdir(base, name, mode & ~fs_umask() & 01777, &d);
	if (!err)
		created(d);
	fs_putname(name);
	return err;
}

SYSCALL_DEFINE3(mkdirat, int, dfd, const char __user *, pathname, unsigned int, mode)
{
	return do_mkdirat(dfd, pathname, mode);
}

SYSCALL_DEFINE2(mkdir, const char __user *, pathname, unsigned int, mode)
{
	return do_mkdirat(AT_FDCWD, pathname, mode);
}

/* unlink and rmdir: the victim is looked up first (not following it) so
 * that its directory's times can change, and, for rmdir, so that its
 * users can move to a marker before ramfs frees it. */
static long do_remove(int dfd, const char __user *pathname, bool dir)
{
	struct dentry *base, *victim = NULL, *parent = NULL;
	void *marker = NULL;
	char *name;
	long err;

	err = fs_getname(pathname, false, &name);
	if (err)
		return err;
	err = fs_create_base(dfd, name, &base);
	if (err)
		goto out;
	if (ramfs_lookup_at(base, name, 0, &victim) == 0) {
		parent = victim->parent;
		if (dir && S_ISDIR(victim->inode->mode))
			marker = fs_dir_removing(victim);
	}
	err = dir ? ramfs_rmdir(base, name) : ramfs_unlink(base, name);
	if (dir && victim)
		fs_dir_removed(marker, victim, err);
	if (!err && parent)
		fs_dir_touch(parent->inode);
out:
	fs_putname(name);
	return err;
}

SYSCALL_DEFINE1(rmdir, const char __user *, pathname)
{
	return do_remove(AT_FDCWD, pathname, true);
}

SYSCALL_DEFINE1(unlink, const char __user *, pathname)
{
	return do_remove(AT_FDCWD, pathname, false);
}

SYSCALL_DEFINE3(unlinkat, int, dfd, const char __user *, pathname, int, flag)
{
	if (flag & ~AT_REMOVEDIR)
		return -EINVAL;
	return do_remove(dfd, pathname, flag & AT_REMOVEDIR);
}

static long do_symlinkat(const char __user *oldname, int newdfd, const char __user *newname)
{
	struct dentry *base, *d;
	char *target, *name;
	long err;

	err = fs_getname(oldname, false, &target);
	if (err)
		return err;
	err = fs_getname(newname, false, &name);
	if (!err) {
		err = fs_create_base(newdfd, name, &base);
		if (!err)
			err = ramfs_symlink(base, target, name);
		if (!err && ramfs_lookup_at(base, name, 0, &d) == 0)
			created(d);
		fs_putname(name);
	}
	fs_putname(target);
	return err;
}

SYSCALL_DEFINE3(symlinkat, const char __user *, oldname, int, newdfd,
		const char __user *, newname)
{
	return do_symlinkat(oldname, newdfd, newname);
}

SYSCALL_DEFINE2(symlink, const char __user *, oldname, const char __user *, newname)
{
	return do_symlinkat(oldname, AT_FDCWD, newname);
}

/*
 * A new name for an existing file. ramfs_link() takes both paths from one
 * base, so the old name is passed as its absolute path. AT_EMPTY_PATH
 * (linking an open file) would need the file's name: not supported, the
 * empty path then says ENOENT as without the flag.
 */
static long do_linkat(int olddfd, const char __user *oldname, int newdfd,
		      const char __user *newname, int flags)
{
	struct dentry *old, *base, *d;
	char *oldp, *newp, *abs = NULL;
	long err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = fs_getname(oldname, false, &oldp);
	if (err)
		return err;
	err = fs_getname(newname, false, &newp);
	if (err)
		goto out_old;
	err = fs_lookup(olddfd, oldp, (flags & AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0, &old);
	if (!err)
		err = fs_create_base(newdfd, newp, &base);
	if (!err && !(abs = kmalloc(PATH_MAX)))
		err = -ENOMEM;
	if (!err) {
		err = ramfs_path(old, abs, PATH_MAX);
		if (err >= 0)
			err = ramfs_link(base, abs, newp);
	}
	if (!err && ramfs_lookup_at(base, newp, 0, &d) == 0) {
		d->inode->ctime = fs_now();
		fs_dir_touch(d->parent->inode);
	}
	kfree(abs);
	fs_putname(newp);
out_old:
	fs_putname(oldp);
	return err;
}

SYSCALL_DEFINE5(linkat, int, olddfd, const char __user *, oldname, int, newdfd,
		const char __user *, newname, int, flags)
{
	return do_linkat(olddfd, oldname, newdfd, newname, flags);
}

SYSCALL_DEFINE2(link, const char __user *, oldname, const char __user *, newname)
{
	return do_linkat(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

/* ------------------------------------------------------------ rename */

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
