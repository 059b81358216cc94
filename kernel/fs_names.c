// SPDX-License-Identifier: MIT
/*
 * Making and removing names: mkdir, rmdir, unlink, symlink, link and
 * their *at() forms (Linux's fs/namei.c, second half; rename is in
 * fs_rename.c).
 *
 * ramfs does the work and gives Linux's errors for the last component;
 * here are the user paths, the *at() bases, the umask, the times of the
 * directories that change, and the flags of the *at() calls.
 */
#include <trident/fs.h>
#include <trident/syscalls.h>
#include <trident/errno.h>
#include <trident/string.h>
#include <trident/mm.h>

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
			err = fs_dir_removing(victim, &marker);
		if (err)
			goto out;
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
