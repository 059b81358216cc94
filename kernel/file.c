// SPDX-License-Identifier: MIT
/*
 * Open files and the descriptor table of the current task.
 */
#include <trident/file.h>
#include <trident/task.h>
#include <trident/mm.h>
#include <trident/errno.h>

struct file *file_alloc(const struct file_ops *ops)
{
	struct file *f = kzalloc(sizeof(*f));

	if (f) {
		f->ops = ops;
		f->refcount = 1;
	}
	return f;
}

struct file *file_get(struct file *f)
{
	f->refcount++;
	return f;
}

void file_put(struct file *f)
{
	if (--f->refcount > 0)
		return;
	if (f->ops->release)
		f->ops->release(f);
	kfree(f);
}

struct file *fd_lookup(int fd)
{
	if (fd < 0 || fd >= NR_OPEN)
		return NULL;
	return current->files->fd[fd];
}

int fd_install(struct file *f, int min)
{
	struct task *t = current;

	for (int fd = min < 0 ? 0 : min; fd < NR_OPEN; fd++) {
		if (!t->files->fd[fd]) {
			t->files->fd[fd] = f;
			return fd;
		}
	}
	return -EMFILE;
}
