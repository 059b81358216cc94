// SPDX-License-Identifier: MIT
/*
 * The descriptor table: dup, dup2, dup3, fcntl and close-on-exec
 * (Linux's fs/file.c and fs/fcntl.c).
 *
 * A descriptor is a slot of current->files pointing at a struct file;
 * dup'd descriptors share the file (its offset and status flags) but each
 * has its own close-on-exec bit, in the bitmap current->close_on_exec
 * (Linux keeps it beside the slots, in struct fdtable).
 *
 * RLIMIT_NOFILE's soft limit bounds the descriptor numbers (never more
 * than the NR_OPEN slots of the table): EMFILE when every number below it
 * is taken, EBADF (dup2, dup3) or EINVAL (F_DUPFD) for a number at or
 * beyond it.
 */
#include <trident/fs.h>
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/errno.h>

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030

#define BITS_PER_LONG	64
#define RLIMIT_NOFILE	7

/* kernel/sys_misc.c: the current soft limit (Linux's rlimit()). */
unsigned long rlimit(unsigned int resource);

static unsigned int fd_limit(void)
{
	unsigned long lim = rlimit(RLIMIT_NOFILE);

	return MIN(lim, (unsigned long)NR_OPEN);
}

/* ----------------------------------------------------------- the table */

int fs_fd_find(int min)
{
	int end = fd_limit();

	for (int fd = min; fd < end; fd++)
		if (!current->files->fd[fd])
			return fd;
	return -EMFILE;
}

bool fs_get_cloexec(int fd)
{
	return current->files->close_on_exec[fd / BITS_PER_LONG] & (1UL << (fd % BITS_PER_LONG));
}

void fs_set_cloexec(int fd, bool on)
{
	unsigned long bit = 1UL << (fd % BITS_PER_LONG);

	if (on)
		current->files->close_on_exec[fd / BITS_PER_LONG] |= bit;
	else
		current->files->close_on_exec[fd / BITS_PER_LONG] &= ~bit;
}

void fs_fd_install(int fd, struct file *f, bool cloexec)
{
	current->files->fd[fd] = f;
	fs_set_cloexec(fd, cloexec);
}

void fs_exec_close_on_exec(struct task *t)
{
	for (int fd = 0; fd < NR_OPEN; fd++) {
		unsigned long bit = 1UL << (fd % BITS_PER_LONG);

		if (!(t->files->close_on_exec[fd / BITS_PER_LONG] & bit))
			continue;
		t->files->close_on_exec[fd / BITS_PER_LONG] &= ~bit;
		if (t->files->fd[fd]) {
			file_put(t->files->fd[fd]);
			t->files->fd[fd] = NULL;
		}
	}
}

/* ------------------------------------------------------------ dup */

static long dup_from(struct file *f, int min, bool cloexec)
{
	int fd = fs_fd_find(min);

	if (fd >= 0)
		fs_fd_install(fd, file_get(f), cloexec);
	return fd;
}

SYSCALL_DEFINE1(dup, unsigned int, fildes)
{
	struct file *f = fd_lookup(fildes);

	return f ? dup_from(f, 0, false) : -EBADF;
}

/* ksys_dup3(): newfd is closed first if open; its close-on-exec bit is
 * the one asked for, whatever it was. */
static long do_dup3(unsigned int oldfd, unsigned int newfd, int flags)
{
	struct file *f, *old;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if (newfd >= fd_limit())
		return -EBADF;
	f = fd_lookup(oldfd);
	if (!f)
		return -EBADF;
	old = current->files->fd[newfd];
	fs_fd_install(newfd, file_get(f), flags & O_CLOEXEC);
	if (old)
		file_put(old);
	return newfd;
}

SYSCALL_DEFINE3(dup3, unsigned int, oldfd, unsigned int, newfd, int, flags)
{
	return do_dup3(oldfd, newfd, flags);
}

SYSCALL_DEFINE2(dup2, unsigned int, oldfd, unsigned int, newfd)
{
	/* The same descriptor: nothing to do if it is open (dup3 says EINVAL). */
	if (oldfd == newfd)
		return fd_lookup(oldfd) ? (long)newfd : -EBADF;
	return do_dup3(oldfd, newfd, 0);
}

/* ----------------------------------------------------------- fcntl */

/* F_SETFL can change only these (SETFL_MASK). O_DIRECT changes nothing
 * here: ramfs is memory, as tmpfs, which accepts it since Linux 6.6. */
#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME | FASYNC)

long do_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fd_lookup(fd);
	int argi = (int)arg;

	if (!f)
		return -EBADF;
	/* An O_PATH descriptor allows only what does not touch the file. */
	if ((f->flags & O_PATH) && cmd != F_DUPFD && cmd != F_DUPFD_CLOEXEC &&
	    cmd != F_GETFD && cmd != F_SETFD && cmd != F_GETFL)
		return -EBADF;

	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		/* f_dupfd() takes the start as an unsigned int. */
		if ((unsigned int)argi >= fd_limit())
			return -EINVAL;
		return dup_from(f, argi, cmd == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return fs_get_cloexec(fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		fs_set_cloexec(fd, argi & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return f->flags;
	case F_SETFL:
		f->flags = (argi & SETFL_MASK) | (f->flags & ~SETFL_MASK);
		return 0;
	}
	return -EINVAL;
}

SYSCALL_DEFINE3(fcntl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	return do_fcntl(fd, cmd, arg);
}
