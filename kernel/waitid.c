// SPDX-License-Identifier: MIT
/*
 * waitid (kernel/exit.c in Linux): wait for a child chosen by (idtype, id)
 * and describe it in a siginfo_t instead of a status word. Unlike wait4 it
 * can leave the child waitable (WNOWAIT) and must be told which changes to
 * wait for (WEXITED; stopped and continued children do not exist yet).
 *
 * One handler for every ABI: the siginfo layouts differ only in where the
 * union starts (after 3 ints, padded to 8 bytes on 64-bit), which is what
 * Linux's copy_siginfo_to_user32() takes care of.
 */
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/signal.h>
#include <trident/string.h>

#define P_ALL   0
#define P_PID   1
#define P_PGID  2
#define P_PIDFD 3

#define WNOHANG     0x00000001
#define WSTOPPED    0x00000002
#define WEXITED     0x00000004
#define WCONTINUED  0x00000008
#define WNOWAIT     0x01000000
#define __WNOTHREAD 0x20000000
#define __WALL      0x40000000
#define __WCLONE    0x80000000


/* The part of siginfo_t a SIGCHLD fills; the rest of the 128 bytes is 0. */
struct child_info {
	int signo, code, pid, status;
	u32 uid;			/* the child's real uid */
};

static int put_siginfo(void __user *infop, const struct child_info *ci)
{
	u8 buf[128];
	/* 64-bit: the union after si_signo, si_errno, si_code and padding to
	 * 8 bytes; ia32 and x32 (compat_siginfo): right after the 3 ints. */
	size_t u = in_compat_syscall() ? 12 : 16;

	memset(buf, 0, sizeof(buf));
	memcpy(buf + 0, &ci->signo, 4);		/* si_signo */
	memcpy(buf + 8, &ci->code, 4);		/* si_code */
	memcpy(buf + u, &ci->pid, 4);		/* si_pid */
	memcpy(buf + u + 4, &ci->uid, 4);	/* si_uid */
	memcpy(buf + u + 8, &ci->status, 4);	/* si_status */
	return copy_to_user(infop, buf, sizeof(buf)) ? -EFAULT : 0;
}

static long do_waitid(int which, int upid, void __user *infop, int options, void __user *ru)
{
	struct task *self = current;
	struct child_info ci = { 0 };

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED |
			__WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (which) {
	case P_ALL:
		break;
	case P_PID:
		if (upid <= 0)
			return -EINVAL;
		break;
	case P_PGID:
		if (upid < 0)
			return -EINVAL;
		if (!upid)		/* since Linux 5.4: the caller's group */
			upid = self->pgid;
		break;
	case P_PIDFD:
		return -EBADF;	/* no pidfds exist */
	default:
		return -EINVAL;
	}

	for (;;) {
		bool have_child = false;

		for (struct task *c = task_list; c; c = c->next_task) {
			if ((!wait_child_of(c, self, options & __WNOTHREAD) && c->ptracer != self) ||
			    (which == P_PID && c->pid != upid) ||
			    (which == P_PGID && c->pgid != upid) || c->autoreap)
				continue;
			have_child = true;
			/* A ptrace stop: CLD_TRAPPED to the tracer, with any of
			 * the event flags (Linux's wait_task_stopped(ptrace)). */
			if (c->ptracer == self && c->state == TASK_TRACED && c->stop_code) {
				ci = (struct child_info){ SIGCHLD, CLD_TRAPPED, c->pid, c->stop_code >> 8, c->cred.uid };
				if (!(options & WNOWAIT))
					c->stop_code = 0;
				goto found;
			}
			if (!wait_child_of(c, self, options & __WNOTHREAD))
				continue;
			if (c->state == TASK_STOPPED && c->stop_code && (options & WSTOPPED)) {
				ci = (struct child_info){ SIGCHLD, CLD_STOPPED, c->pid, c->stop_code >> 8, c->cred.uid };
				if (!(options & WNOWAIT))
					c->stop_code = 0;
				goto found;
			}
			if (c->cont_report && (options & WCONTINUED)) {
				ci = (struct child_info){ SIGCHLD, CLD_CONTINUED, c->pid, SIGCONT, c->cred.uid };
				if (!(options & WNOWAIT))
					c->cont_report = false;
				goto found;
			}
			if (!wait_zombie_ready(c) || !(options & WEXITED))
				continue;
			int st = c->exit_code;
			ci.signo = SIGCHLD;
			ci.pid = c->pid;
			ci.uid = c->cred.uid;
			if (st & 0x7f) {
				ci.code = (st & 0x80) ? CLD_DUMPED : CLD_KILLED;
				ci.status = st & 0x7f;
			} else {
				ci.code = CLD_EXITED;
				ci.status = (st >> 8) & 0xff;
			}
			if (!(options & WNOWAIT))
				task_free(c);
			goto found;
		}
		if (!have_child)
			return -ECHILD;
		if (options & WNOHANG)
			goto found;	/* nothing yet: an all-zero siginfo */
		if (signal_pending(self))
			return -ERESTARTSYS;
		self->state = TASK_BLOCKED;
		self->wait_chan = self->signal;	/* any thread's child wakes us */
		schedule();
		self->wait_chan = NULL;
	}
found:
	if (infop && put_siginfo(infop, &ci))
		return -EFAULT;
	/* No resource accounting yet: a zero struct rusage in the ABI's size. */
	if (ru && clear_user(ru, in_compat_syscall() ? 72 : 144))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE5(waitid, int, which, int, upid, void __user *, infop, int, options,
		void __user *, ru)
{
	return do_waitid(which, upid, infop, options, ru);
}

COMPAT_SYSCALL_DEFINE5(waitid, int, which, int, upid, void __user *, infop, int, options,
		       void __user *, ru)
{
	return do_waitid(which, upid, infop, options, ru);
}
