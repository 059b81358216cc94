// SPDX-License-Identifier: MIT
/*
 * The working directory and the umask: chdir, fchdir, getcwd, umask, and
 * what fork and exit do with them (Linux's fs/open.c, fs/d_path.c
 * and fs/fs_struct.c).
 *
 * A task's working directory is current->fs->cwd, a dentry whose inode it
 * holds; NULL means "not set yet": the root, with Linux's initial umask
 * 0022 (init_fs), set on first use so that the first task needs no hook.
 */
#include <trident/fs.h>
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/string.h>
#include <trident/mm.h>

static void task_fs_init(struct task *t)
{
	if (!t->fs->cwd) {
		t->fs->cwd = ramfs_root();
		ramfs_inode_get(t->fs->cwd->inode);
		t->fs->umask = 0022;
	}
}

struct dentry *fs_cwd(void)
{
	task_fs_init(current);
	return current->fs->cwd;
}

mode_t fs_umask(void)
{
	task_fs_init(current);
	return current->fs->umask;
}

static void set_cwd(struct dentry *d)
{
	struct dentry *old = fs_cwd();

	fs_dentry_get(d);
	current->fs->cwd = d;
	fs_dentry_put(old);
}

SYSCALL_DEFINE1(chdir, const char __user *, filename)
{
	struct dentry *d;
	char *name;
	int err;

	err = fs_getname(filename, false, &name);
	if (err)
		return err;
	err = fs_lookup(AT_FDCWD, name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &d);
	if (!err)
		set_cwd(d);
	fs_putname(name);
	return err;
}

SYSCALL_DEFINE1(fchdir, unsigned int, fd)
{
	struct file *f = fd_lookup(fd);

	if (!f)
		return -EBADF;
	if (!fs_file_dentry(f))
		return -ENOTDIR;
	set_cwd(fs_file_dentry(f));
	return 0;
}

/* Returns the length with the NUL, as the system call does (libc turns
 * it into the pointer). */
SYSCALL_DEFINE2(getcwd, char __user *, buf, unsigned long, size)
{
	struct dentry *cwd = fs_cwd();
	char *path;
	int len;

	if (fs_dir_dead(cwd))
		return -ENOENT;
	path = kmalloc(PATH_MAX);
	if (!path)
		return -ENOMEM;
	len = ramfs_path(cwd, path, PATH_MAX);
	if (len >= 0) {
		len++;
		if ((unsigned long)len > size)
			len = -ERANGE;
		else if (copy_to_user(buf, path, len))
			len = -EFAULT;
	}
	kfree(path);
	return len;
}

SYSCALL_DEFINE1(umask, int, mask)
{
	mode_t old = fs_umask();

	current->fs->umask = mask & 0777;
	return old;
}

/* ------------------------------------------------------ fork and exit */

/* CLONE_FS shares the parent's (a reference); otherwise a copy. */
int fs_fork(struct task *parent, struct task *child, bool share)
{
	task_fs_init(parent);
	if (share) {
		child->fs = parent->fs;
		child->fs->count++;
		return 0;
	}
	child->fs = kzalloc(sizeof(*child->fs));
	if (!child->fs)
		return -ENOMEM;
	child->fs->count = 1;
	child->fs->cwd = parent->fs->cwd;
	fs_dentry_get(child->fs->cwd);
	child->fs->umask = parent->fs->umask;
	return 0;
}

/* The last user lets the directory go. */
void fs_exit(struct task *t)
{
	struct fs_struct *fs = t->fs;

	t->fs = NULL;
	if (!fs || --fs->count)
		return;
	if (fs->cwd)
		fs_dentry_put(fs->cwd);
	kfree(fs);
}
