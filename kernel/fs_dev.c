// SPDX-License-Identifier: MIT
/*
 * Character devices: the nodes in /dev and what opening one gives
 * (Linux's drivers/char/mem.c for null, zero and full; the console's
 * operations are kernel/console.c's).
 *
 *   1:3 /dev/null     reads end of file, writes vanish
 *   1:5 /dev/zero     reads zeros, writes vanish
 *   1:7 /dev/full     reads zeros, writes say ENOSPC
 *   5:1 /dev/console  COM1 and the screen
 *
 * Any other device number says ENXIO when opened, as Linux does when no
 * driver claims it; so do FIFOs (which would wait for the other end on
 * Linux: not there yet) and sockets (exactly Linux).
 */
#include <trident/fs.h>
#include <trident/errno.h>
#include <trident/uaccess.h>
#include <trident/printk.h>

static ssize_t null_read(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	(void)buf; (void)n; (void)pos;
	return fs_readable(f) ? 0 : -EBADF;
}

static ssize_t null_write(struct file *f, const char __user *buf, size_t n, loff_t *pos)
{
	(void)buf; (void)pos;
	return fs_writable(f) ? (ssize_t)n : -EBADF;
}

static ssize_t zero_read(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	size_t left;

	(void)pos;
	if (!fs_readable(f))
		return -EBADF;
	left = clear_user(buf, n);
	return left == n ? -EFAULT : (ssize_t)(n - left);
}

static ssize_t full_write(struct file *f, const char __user *buf, size_t n, loff_t *pos)
{
	(void)buf; (void)n; (void)pos;
	return fs_writable(f) ? -ENOSPC : -EBADF;
}

static void dev_release(struct file *f)
{
	ramfs_inode_put(f->inode);
}

const struct fs_ops fs_null_ops = {
	.ops = { .read = null_read, .write = null_write, .release = dev_release },
	.seek = FS_SEEK_ZERO,
};
const struct fs_ops fs_zero_ops = {
	.ops = { .read = zero_read, .write = null_write, .release = dev_release },
	.seek = FS_SEEK_ZERO,
};
const struct fs_ops fs_full_ops = {
	.ops = { .read = zero_read, .write = full_write, .release = dev_release },
	.seek = FS_SEEK_ZERO,
};

/* /dev/console: the console's own operations, behind our release (which
 * drops the node's inode). */
static struct file *the_console;

static ssize_t con_read(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	if (!fs_readable(f))
		return -EBADF;
	return the_console->ops->read(the_console, buf, n, pos);
}

static ssize_t con_write(struct file *f, const char __user *buf, size_t n, loff_t *pos)
{
	if (!fs_writable(f))
		return -EBADF;
	return the_console->ops->write(the_console, buf, n, pos);
}

static long con_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	(void)f;
	return the_console->ops->ioctl(the_console, cmd, arg);
}

const struct fs_ops fs_console_ops = {
	.ops = { .read = con_read, .write = con_write, .ioctl = con_ioctl,
		 .release = dev_release },
	.seek = FS_SEEK_NONE,		/* a tty: ESPIPE */
};

struct file *fs_dev_open(struct dentry *d, unsigned int flags, int *err)
{
	struct inode *inode = d->inode;
	const struct fs_ops *ops = NULL;
	struct file *f;

	if (S_ISCHR(inode->mode)) {
		u32 dev = inode->rdev_major << 20 | inode->rdev_minor;

		switch (dev) {
		case 1 << 20 | 3: ops = &fs_null_ops; break;
		case 1 << 20 | 5: ops = &fs_zero_ops; break;
		case 1 << 20 | 7: ops = &fs_full_ops; break;
		case 5 << 20 | 1:
			if (!the_console)
				the_console = console_open();
			if (the_console)
				ops = &fs_console_ops;
			break;
		}
	}
	if (!ops) {
		*err = -ENXIO;
		return NULL;
	}
	f = fs_file_for(d, ops, flags);
	*err = f ? 0 : -ENOMEM;
	return f;
}

/* What fstat shows for a console file that did not come from /dev
 * (init's descriptors 0, 1 and 2): the node if there is one. */
struct inode *fs_console_inode(void)
{
	static struct inode fallback = {
		.mode = S_IFCHR | 0600, .nlink = 1, .rdev_major = 5, .rdev_minor = 1,
	};
	struct dentry *d;

	if (ramfs_lookup("/dev/console", LOOKUP_FOLLOW, &d) == 0 && S_ISCHR(d->inode->mode))
		return d->inode;
	return &fallback;
}

/* Makes /dev and the nodes above unless the initramfs brought them
 * (Linux's initramfs has at least /dev/console; devtmpfs the rest). */
void fs_devices_init(void)
{
	static const struct {
		const char *path;
		mode_t mode;
		u32 major, minor;
	} nodes[] = {
		{ "/dev/null", S_IFCHR | 0666, 1, 3 },
		{ "/dev/zero", S_IFCHR | 0666, 1, 5 },
		{ "/dev/full", S_IFCHR | 0666, 1, 7 },
		{ "/dev/console", S_IFCHR | 0600, 5, 1 },
	};
	struct dentry *d;
	int err;

	err = ramfs_mkdir(NULL, "/dev", 0755, NULL);
	if (err && err != -EEXIST)
		printk("fs: cannot make /dev (error %d)\n", -err);
	for (size_t i = 0; i < ARRAY_SIZE(nodes); i++) {
		err = ramfs_mknod(NULL, nodes[i].path, nodes[i].mode, nodes[i].major,
				  nodes[i].minor, &d);
		if (!err)
			d->inode->atime = d->inode->mtime = d->inode->ctime = fs_now();
		else if (err != -EEXIST)
			printk("fs: cannot make %s (error %d)\n", nodes[i].path, -err);
	}
}
