// SPDX-License-Identifier: MIT
/*
 * Files opened on the ramfs tree: regular files, directories and O_PATH
 * places, and the helpers every fs_*.c uses to tell files apart (the
 * file operations of Linux's mm/shmem.c and fs/libfs.c).
 *
 * A file holds its inode (f->inode, referenced), so an unlinked file
 * lives on while it is open; a directory, opened normally or with
 * O_PATH, also holds its dentry (f->priv): getdents, fchdir and the
 * *at() calls need its place in the tree.
 */
#include <trident/fs.h>
#include <trident/task.h>
#include <trident/uaccess.h>
#include <trident/errno.h>

static ssize_t reg_read(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	struct inode *inode = f->inode;
	size_t left;

	if (!fs_readable(f))
		return -EBADF;
	if (*pos < 0 || (u64)*pos >= inode->size)
		return 0;
	n = MIN(n, inode->size - *pos);
	/* ramfs's data is plain memory: copy straight out of it. Like
	 * Linux, a fault part way returns what was copied before it. */
	left = copy_to_user(buf, inode->data + *pos, n);
	if (left == n)
		return -EFAULT;
	*pos += n - left;
	return n - left;
}

static ssize_t reg_write(struct file *f, const char __user *buf, size_t n, loff_t *pos)
{
	struct inode *inode = f->inode;
	char chunk[512];
	size_t done = 0;

	if (!fs_writable(f))
		return -EBADF;
	/* O_APPEND: every write goes at the end (generic_write_checks()). */
	if (f->flags & O_APPEND)
		*pos = inode->size;
	while (done < n) {
		size_t len = MIN(n - done, sizeof(chunk));
		size_t got = len - copy_from_user(chunk, buf + done, len);
		ssize_t r = got ? ramfs_write(inode, *pos, chunk, got) : -EFAULT;

		if (r < 0)
			return done ? (ssize_t)done : r;
		*pos += r;
		done += r;
		if (got < len)
			break;
	}
	inode->mtime = inode->ctime = fs_now();
	return done;
}

static void ramfs_release(struct file *f)
{
	struct dentry *d = fs_file_dentry(f);

	if (d)
		fs_dentry_put(d);
	else
		ramfs_inode_put(f->inode);
}

static ssize_t dir_read(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	(void)f; (void)buf; (void)n; (void)pos;
	return -EISDIR;			/* generic_read_dir() */
}

/* O_PATH: a place in the tree, not an open file: no I/O at all. */
static ssize_t path_read(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	(void)f; (void)buf; (void)n; (void)pos;
	return -EBADF;
}

static ssize_t path_write(struct file *f, const char __user *buf, size_t n, loff_t *pos)
{
	(void)f; (void)buf; (void)n; (void)pos;
	return -EBADF;
}

static long path_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	(void)f; (void)cmd; (void)arg;
	return -EBADF;
}

const struct fs_ops fs_reg_ops = {
	.ops = { .read = reg_read, .write = reg_write, .release = ramfs_release },
	.seek = FS_SEEK_FILE,
};
const struct fs_ops fs_dir_ops = {
	.ops = { .read = dir_read, .write = path_write, .release = ramfs_release },
	.seek = FS_SEEK_DIR,
};
const struct fs_ops fs_path_ops = {
	.ops = { .read = path_read, .write = path_write, .ioctl = path_ioctl,
		 .release = ramfs_release },
	.seek = FS_SEEK_NONE,
};

const struct fs_ops *fs_ops_of(const struct file *f)
{
	static const struct fs_ops *const ours[] = {
		&fs_reg_ops, &fs_dir_ops, &fs_path_ops, &fs_pipe_ops,
		&fs_null_ops, &fs_zero_ops, &fs_full_ops, &fs_console_ops,
	};

	for (size_t i = 0; i < ARRAY_SIZE(ours); i++)
		if (f->ops == &ours[i]->ops)
			return ours[i];
	return NULL;
}

struct dentry *fs_file_dentry(const struct file *f)
{
	if (f->ops != &fs_dir_ops.ops && f->ops != &fs_path_ops.ops)
		return NULL;
	return f->priv;			/* NULL for O_PATH on a non-directory */
}

struct file *fs_fd_file(int fd)
{
	struct file *f = fd_lookup(fd);

	return f && !(f->flags & O_PATH) ? f : NULL;
}

struct file *fs_file_for(struct dentry *d, const struct fs_ops *ops, unsigned int flags)
{
	struct file *f = file_alloc(&ops->ops);

	if (!f)
		return NULL;
	f->flags = flags;
	f->inode = d->inode;
	if (S_ISDIR(d->inode->mode) && (ops == &fs_dir_ops || ops == &fs_path_ops)) {
		f->priv = d;
		fs_dentry_get(d);
	} else {
		ramfs_inode_get(d->inode);
	}
	return f;
}
