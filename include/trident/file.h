/* SPDX-License-Identifier: MIT */
/*
 * Open files: what a file descriptor points at. Every kind of file (the
 * console, ramfs files, later pipes) supplies file_ops; the read/write
 * system calls only find the file and call through.
 */
#ifndef _TRIDENT_FILE_H
#define _TRIDENT_FILE_H

#include <trident/types.h>

struct file;
struct inode;

struct file_ops {
	/* buf is a user pointer: ops copy with copy_{to,from}_user. */
	ssize_t (*read)(struct file *f, char __user *buf, size_t n, loff_t *pos);
	ssize_t (*write)(struct file *f, const char __user *buf, size_t n, loff_t *pos);
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	void (*release)(struct file *f);
};

struct file {
	const struct file_ops *ops;
	int refcount;			/* dup'd descriptors share one file */
	unsigned int flags;		/* O_* as given to open */
	loff_t pos;
	struct inode *inode;		/* NULL for the console */
	void *priv;
};

struct file *file_alloc(const struct file_ops *ops);
struct file *file_get(struct file *f);	/* refcount++ */
void file_put(struct file *f);		/* refcount--, release at 0 */
/* The file behind fd in the current task, or NULL (the caller says -EBADF). */
struct file *fd_lookup(int fd);
/* The lowest free descriptor >= min given f (taking the reference), or -EMFILE. */
int fd_install(struct file *f, int min);
/* read(2) and write(2) on an open file at its offset (kernel/sys_io.c):
 * the access mode (EBADF), count clamped to MAX_RW_COUNT, the buffer
 * (EFAULT); then the file's operation. readv and writev call them once
 * per segment. */
ssize_t file_read(struct file *f, char __user *buf, size_t count);
ssize_t file_write(struct file *f, const char __user *buf, size_t count);

/* The console device (kernel/console.c): COM1 and VGA. */
struct file *console_open(void);

#endif
