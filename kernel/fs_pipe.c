// SPDX-License-Identifier: MIT
/*
 * Pipes: pipe and pipe2 (Linux's fs/pipe.c).
 *
 * A pipe is a 64 KiB ring (Linux's default of 16 pages) with two ends,
 * each a struct file: the read end O_RDONLY, the write end O_WRONLY.
 *
 *  - read waits while the ring is empty and a writer exists; with no
 *    writer left an empty pipe reads 0 (end of file).
 *  - write waits while the ring is full and a reader exists. A write of
 *    at most PIPE_BUF (4096) bytes goes in whole or not at all, so the
 *    writes of several writers never interleave; a longer one may be
 *    split. With no reader: SIGPIPE and EPIPE.
 *  - A signal interrupts a wait: -ERESTARTSYS (EINTR, or a restart with
 *    SA_RESTART), or the bytes already moved.
 *  - O_NONBLOCK: EAGAIN instead of waiting.
 *
 * Waiting is xv6's sleep/wakeup: a blocked task records what it waits
 * for in current->wait_chan, and a wake scans the tasks for that channel.
 */
#include <trident/fs.h>
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/mm.h>
#include <trident/signal.h>

#define PIPE_SIZE		65536
#define PIPE_BUF		4096
#define FIONREAD		0x541B
#define O_NOTIFICATION_PIPE	O_EXCL

struct pipe {
	struct inode inode;	/* what fstat shows: S_IFIFO | 0600 */
	u8 *ring;
	size_t head;		/* the oldest byte */
	size_t len;		/* bytes in the ring */
	int readers, writers;	/* open files of each end */
};

static unsigned long next_pipe_ino = 1;

/* Sleeps until pipe_wake(p) or a signal; -ERESTARTSYS when a signal is
 * pending (before sleeping: the caller rechecks its condition after each
 * wake-up, as wait_event_interruptible()). */
static int pipe_wait(struct pipe *p)
{
	struct task *t = current;

	if (signal_pending(t))
		return -ERESTARTSYS;
	t->wait_chan = p;
	t->state = TASK_BLOCKED;
	schedule();
	t->wait_chan = NULL;
	return 0;
}

static void pipe_wake(struct pipe *p)
{
	for (struct task *t = task_list; t; t = t->next_task)
		if (t->state == TASK_BLOCKED && t->wait_chan == p)
			wake_up(t);
}

static ssize_t pipe_read(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	struct pipe *p = f->priv;
	size_t done = 0;

	(void)pos;
	if (!fs_readable(f))
		return -EBADF;
	while (p->len == 0) {
		if (!p->writers)
			return 0;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (pipe_wait(p))
			return -ERESTARTSYS;
	}
	/* At most two pieces: up to the end of the ring, then from its start.
	 * A piece that faults is not consumed (pipe_read() does the same
	 * per page). */
	n = MIN(n, p->len);
	while (done < n) {
		size_t piece = MIN(n - done, PIPE_SIZE - p->head);

		if (copy_to_user(buf + done, p->ring + p->head, piece))
			break;
		p->head = (p->head + piece) % PIPE_SIZE;
		p->len -= piece;
		done += piece;
	}
	pipe_wake(p);
	return done ? (ssize_t)done : -EFAULT;
}

static ssize_t pipe_write(struct file *f, const char __user *buf, size_t n, loff_t *pos)
{
	struct pipe *p = f->priv;
	size_t done = 0;

	(void)pos;
	if (!fs_writable(f))
		return -EBADF;
	while (done < n) {
		size_t room = PIPE_SIZE - p->len;
		/* An atomic write needs room for all of it. */
		size_t need = n <= PIPE_BUF ? n : 1;

		if (!p->readers) {
			/* Linux's send_sig(SIGPIPE, current, 0): SI_USER from us. */
			struct kernel_siginfo info = { .signo = SIGPIPE, .code = SI_USER,
						       .pid = current->pid };
			send_sig_info(SIGPIPE, &info, current);
			return done ? (ssize_t)done : -EPIPE;
		}
		if (room < need) {
			if (f->flags & O_NONBLOCK)
				return done ? (ssize_t)done : -EAGAIN;
			if (pipe_wait(p))
				return done ? (ssize_t)done : -ERESTARTSYS;
			continue;
		}
		size_t chunk = MIN(n - done, room);
		size_t tail = (p->head + p->len) % PIPE_SIZE;
		size_t piece = MIN(chunk, PIPE_SIZE - tail);

		if (copy_from_user(p->ring + tail, buf + done, piece) ||
		    copy_from_user(p->ring, buf + done + piece, chunk - piece))
			return done ? (ssize_t)done : -EFAULT;
		p->len += chunk;
		done += chunk;
		p->inode.mtime = p->inode.ctime = fs_now();
		pipe_wake(p);
	}
	return done;
}

static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe *p = f->priv;

	if (cmd == FIONREAD)
		return put_user((int)p->len, (int __user *)arg);
	return -ENOTTY;
}

static void pipe_release(struct file *f)
{
	struct pipe *p = f->priv;

	if ((f->flags & O_ACCMODE) == O_RDONLY)
		p->readers--;
	else
		p->writers--;
	pipe_wake(p);			/* a reader sees EOF, a writer EPIPE */
	if (!p->readers && !p->writers) {
		kfree(p->ring);
		kfree(p);
	}
}

const struct fs_ops fs_pipe_ops = {
	.ops = { .read = pipe_read, .write = pipe_write, .ioctl = pipe_ioctl,
		 .release = pipe_release },
	.seek = FS_SEEK_NONE,
};

static struct file *pipe_end(struct pipe *p, unsigned int flags)
{
	struct file *f = file_alloc(&fs_pipe_ops.ops);

	if (f) {
		f->flags = flags;
		f->inode = &p->inode;
		f->priv = p;
	}
	return f;
}

/* do_pipe2(): both files, then both descriptors (EMFILE), then the
 * user's array (EFAULT); only then are the descriptors installed. */
static long do_pipe2(int __user *fildes, int flags)
{
	struct pipe *p;
	struct file *rd, *wr;
	int fd[2];

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT | O_NOTIFICATION_PIPE))
		return -EINVAL;
	if (flags & O_NOTIFICATION_PIPE)
		return -ENOPKG;			/* Linux without CONFIG_WATCH_QUEUE */

	p = kzalloc(sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->ring = kmalloc(PIPE_SIZE);
	/* O_DIRECT (packet mode) is accepted and ignored: every pipe here is
	 * a byte stream. */
	rd = pipe_end(p, O_RDONLY | (flags & O_NONBLOCK));
	wr = pipe_end(p, O_WRONLY | (flags & (O_NONBLOCK | O_DIRECT)));
	if (!p->ring || !rd || !wr) {
		kfree(p->ring);
		kfree(rd);
		kfree(wr);
		kfree(p);
		return -ENFILE;
	}
	p->readers = p->writers = 1;
	p->inode.ino = next_pipe_ino++;
	p->inode.mode = S_IFIFO | 0600;
	p->inode.nlink = 1;
	p->inode.atime = p->inode.mtime = p->inode.ctime = fs_now();

	fd[0] = fs_fd_find(0);
	fd[1] = fd[0] < 0 ? fd[0] : fs_fd_find(fd[0] + 1);
	if (fd[1] < 0 || copy_to_user(fildes, fd, sizeof(fd))) {
		file_put(rd);
		file_put(wr);
		return fd[1] < 0 ? fd[1] : -EFAULT;
	}
	fs_fd_install(fd[0], rd, flags & O_CLOEXEC);
	fs_fd_install(fd[1], wr, flags & O_CLOEXEC);
	return 0;
}

SYSCALL_DEFINE2(pipe2, int __user *, fildes, int, flags)
{
	return do_pipe2(fildes, flags);
}

SYSCALL_DEFINE1(pipe, int __user *, fildes)
{
	return do_pipe2(fildes, 0);
}
