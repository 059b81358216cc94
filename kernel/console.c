// SPDX-License-Identifier: MIT
/*
 * /dev/console as a file: what init's descriptors 0, 1 and 2 point at.
 * Output goes to COM1 and the VGA screen. Input comes from the keyboard
 * and COM1 through the TTY's line discipline (kernel/tty.c), which also
 * answers the terminal ioctls.
 */
#include <trident/file.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/printk.h>
#include <trident/tty.h>

void console_write(const char *s, size_t n);

/*
 * As Linux's tty write (iterate_tty_write): the data goes in chunks of
 * 2048 bytes, each copied whole before any of it is written; a chunk that
 * cannot be copied whole is not written at all, and the call returns what
 * earlier chunks wrote, or -EFAULT.
 */
#define TTY_WRITE_CHUNK 2048

static ssize_t console_fwrite(struct file *f, const char __user *buf, size_t n, loff_t *pos)
{
	static char chunk[TTY_WRITE_CHUNK];	/* the kernel is not preempted */
	size_t done = 0;

	(void)f;
	(void)pos;
	while (done < n) {
		size_t len = MIN(n - done, sizeof(chunk));
		if (copy_from_user(chunk, buf + done, len))
			return done ? (ssize_t)done : -EFAULT;
		console_write(chunk, len);
		done += len;
	}
	return done;
}

/* Input and the terminal ioctls are the TTY's (kernel/tty.c). */
static ssize_t console_fread(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	(void)f;
	(void)pos;
	return tty_read(buf, n);
}

static long console_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	(void)f;
	return tty_ioctl(cmd, arg);
}

static const struct file_ops console_ops = {
	.read = console_fread,
	.write = console_fwrite,
	.ioctl = console_ioctl,
};

struct file *console_open(void)
{
	return file_alloc(&console_ops);
}
