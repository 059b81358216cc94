// SPDX-License-Identifier: MIT
/*
 * The end of a task and what its parent learns: exit and wait4 (Linux's
 * kernel/exit.c). Signals, kill included, are kernel/signal.c.
 *
 * Wait status words, as Linux encodes them and <sys/wait.h> decodes them:
 *   exited:    (code & 0xff) << 8
 *   killed:    signal number (| 0x80 when a core was dumped: never here,
 *              since RLIMIT_CORE is 0 by default)
 *   stopped:   (signal << 8) | 0x7f      (WUNTRACED)
 *   continued: 0xffff                    (WCONTINUED)
 */
#include <trident/task.h>
#include <trident/vm.h>
#include <trident/mm.h>
#include <trident/file.h>
#include <trident/fs.h>
#include <trident/syscalls.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/string.h>
#include <trident/printk.h>
#include <trident/signal.h>
#include <trident/ptrace.h>

void machine_power_off(int status) __attribute__((noreturn));

#define FUTEX_BITSET_MATCH_ANY 0xffffffff

/* The wait status of a whole process: exit_group's or the fatal signal's
 * when the group was killed, else its leader's own (Linux's
 * wait_task_zombie()). */
static int group_status(const struct task *leader)
{
	const struct signal_struct *sig = leader->signal;

	return sig->group_exit ? sig->group_exit_code : leader->exit_code;
}

/* Who adopts the children of an exiting thread: another live thread of
 * its process, else init (Linux's find_new_reaper() without
 * subreapers). */
static struct task *new_reaper(struct task *t)
{
	struct task *init = NULL;

	for (struct task *c = task_list; c; c = c->next_task) {
		if (c != t && c->signal == t->signal && c->state != TASK_ZOMBIE)
			return c;
		if (c->pid == 1)
			init = c;
	}
	return init;
}

static __attribute__((noreturn)) void init_died(int status)
{
	/* init's memory is gone; its task, stack and console file stay, as
	 * they were when the check started (kernel/main.c). Children that
	 * were never reaped would show here as a difference. */
	memory_check_print("at init end");
	/* Linux panics when init dies; we report and power off, which is
	 * what a test run (and a person at the end of a session) wants. */
	if (status & 0x7f) {
		printk("init killed: signal %d\n", status & 0x7f);
		machine_power_off(128 + (status & 0x7f));
	}
	printk("init exited: status %d\n", (status >> 8) & 0xff);
	machine_power_off((status >> 8) & 0xff);
}

void do_exit(int status)
{
	struct task *t = current;
	struct signal_struct *sig = t->signal;

	/* mm_release(): a thread's exit clears the word set_tid_address or
	 * CLONE_CHILD_CLEARTID named and wakes one waiter on it, when
	 * another task still uses the memory (pthread_join waits there). */
	if (t->clear_child_tid && t->mm && t->mm->users > 1 &&
	    !put_user(0, (int __user *)t->clear_child_tid))
		futex_wake(t->mm, t->clear_child_tid, 1, FUTEX_BITSET_MATCH_ANY);
	t->clear_child_tid = 0;
	mm_activate(NULL);
	mm_put(t->mm);
	t->mm = NULL;
	if (t->pid == 1)
		init_died(status);	/* with its files still open, for the memory check */
	files_put(t->files);
	t->files = NULL;
	fs_exit(t);			/* the working directory */
	if (t->vfork_parent)
		vfork_done(t);
	t->exit_code = status;

	/* Our tracees run free; our tracer forgets us (kernel/ptrace.c). */
	ptrace_exit(t);

	/* No more SIGALRM for us. */
	t->it_real_expires = 0;

	/* Orphans go to another thread of ours, else to init, which reaps
	 * them. */
	struct task *reaper = new_reaper(t);
	for (struct task *c = task_list; c; c = c->next_task) {
		if (c->parent == t) {
			c->parent = reaper;
			if (c->state == TASK_ZOMBIE && reaper)
				wake_up(reaper);
		}
	}
	sig->live--;
	if (sig->group_exec_task && sig->live == 1)
		wake_up(sig->group_exec_task);	/* de_thread() waits for this */

	/*
	 * SIGCHLD to the parent when the process is gone: now if we are its
	 * last thread, else when the last one goes (the leader stays a
	 * zombie meanwhile, Linux's delay_group_leader()). One that ignores
	 * SIGCHLD keeps no zombie: the scheduler frees us once we are off
	 * our stack (sched.c). Other threads leave no zombie at all.
	 */
	if (thread_group_leader(t)) {
		if (!sig->live)
			t->autoreap = do_notify_parent(t, group_status(t));
	} else {
		struct task *leader = t->group_leader;

		t->autoreap = true;
		if (!sig->live && leader->state == TASK_ZOMBIE) {
			leader->exit_code = group_status(leader);
			if (do_notify_parent(leader, leader->exit_code))
				task_free(leader);	/* off its stack long ago */
		}
	}
	if (thread_group_leader(t))
		t->exit_code = group_status(t);
	t->state = TASK_ZOMBIE;
	schedule();
	panic("do_exit: zombie %d was scheduled", t->pid);
}

SYSCALL_DEFINE1(exit, int, error_code)
{
	do_exit((error_code & 0xff) << 8);
}

/*
 * The whole process ends with status (Linux's do_group_exit()): the
 * first to get here decides the status, the others are sent SIGKILL and
 * end with it. A thread that another one's execve kills ends alone.
 */
void do_group_exit(int status)
{
	struct task *t = current;
	struct signal_struct *sig = t->signal;

	if (sig->group_exit)
		status = sig->group_exit_code;
	else if (sig->group_exec_task)
		status = 0;
	else {
		sig->group_exit = true;
		sig->group_exit_code = status;
		zap_other_threads(t);
	}
	do_exit(status);
}

/* exit ends the thread, exit_group the process. */
SYSCALL_DEFINE1(exit_group, int, error_code)
{
	do_group_exit((error_code & 0xff) << 8);
}

/*
 * execve in a multi-threaded process (Linux's de_thread()): every other
 * thread is killed, and once they have all gone the caller takes the
 * leader's place, pid included, so the process keeps its pid and its
 * parent sees one process exec. Then handlers and descriptors shared with
 * another process (CLONE_SIGHAND, CLONE_FILES without CLONE_THREAD) are
 * copied, as unshare_sighand() and unshare_files() do. 0 or -errno.
 */
int de_thread(struct task *t)
{
	struct signal_struct *sig = t->signal;

	if (sig->live > 1 || !thread_group_leader(t)) {
		if (sig->group_exit || sig->group_exec_task)
			return -EAGAIN;
		sig->group_exec_task = t;
		zap_other_threads(t);
		while (sig->live > 1) {
			if (fatal_signal_pending(t)) {
				sig->group_exec_task = NULL;
				return -EINTR;
			}
			t->state = TASK_BLOCKED;
			schedule();
		}
		sig->group_exec_task = NULL;
	}
	if (!thread_group_leader(t)) {
		/* The old leader is a zombie nobody will wait for: we take
		 * its pid and place, it goes (release_task()). */
		struct task *leader = t->group_leader;
		int tid = t->pid;

		t->pid = t->tgid = leader->pid;
		leader->pid = tid;
		t->parent = leader->parent;
		t->pgid = leader->pgid;
		t->sid = leader->sid;
		t->group_leader = t;
		leader->group_leader = t;
		for (struct task *c = task_list; c; c = c->next_task)
			if (c->parent == leader)
				c->parent = t;
		task_free(leader);
	}
	if (t->sighand->count > 1) {
		struct sighand_struct *s = kzalloc(sizeof(*s));

		if (!s)
			return -ENOMEM;
		s->count = 1;
		memcpy(s->action, t->sighand->action, sizeof(s->action));
		sighand_put(t->sighand);
		t->sighand = s;
	}
	if (t->files->count > 1) {
		struct files_struct *f = files_dup(t->files);

		if (!f)
			return -ENOMEM;
		files_put(t->files);
		t->files = f;
	}
	return 0;
}

#define WNOHANG    0x00000001
#define WUNTRACED  0x00000002
#define WCONTINUED 0x00000008
#define __WNOTHREAD 0x20000000
#define __WALL     0x40000000
#define __WCLONE   0x80000000

static bool wait_matches(struct task *c, int pid)
{
	/* pid > 0: that child; -1: any; 0: one of our process group; < -1:
	 * one of group -pid (kernel/pgrp.c; a zombie keeps its group). */
	if (pid > 0)
		return c->pid == pid;
	if (pid == -1)
		return true;
	return c->pgid == (pid ? -pid : current->pgid);
}

/*
 * wait4 without its struct rusage (Linux's kernel_wait4()): the reaped
 * child's pid, 0 (WNOHANG) or -errno. No resource accounting yet, so each
 * caller reports a zero rusage in its own layout after a reaping: 144
 * bytes for 64-bit and x32, 72 for ia32 (arch/ia32/compat_wait.c).
 */
long kernel_wait4(int upid, int __user *stat_addr, int options)
{
	struct task *self = current;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	for (;;) {
		bool have_child = false;

		for (struct task *c = task_list; c; c = c->next_task) {
			if ((!wait_child_of(c, self, options & __WNOTHREAD) && c->ptracer != self) || !wait_matches(c, upid) || c->autoreap)
				continue;
			have_child = true;
			/* A ptrace stop is the tracer's to see, without WUNTRACED. */
			if (c->ptracer == self && c->state == TASK_TRACED && c->stop_code) {
				int status = c->stop_code;
				c->stop_code = 0;
				if (stat_addr && put_user(status, stat_addr))
					return -EFAULT;
				return c->pid;
			}
			if (!wait_child_of(c, self, options & __WNOTHREAD))
				continue;
			if (c->state == TASK_STOPPED && c->stop_code && (options & WUNTRACED)) {
				int status = c->stop_code;
				c->stop_code = 0;
				if (stat_addr && put_user(status, stat_addr))
					return -EFAULT;
				return c->pid;
			}
			if (c->cont_report && (options & WCONTINUED)) {
				c->cont_report = false;
				if (stat_addr && put_user(0xffff, stat_addr))
					return -EFAULT;
				return c->pid;
			}
			if (!wait_zombie_ready(c))
				continue;
			int pid = c->pid, status = c->exit_code;
			/* Reaped first: like Linux, a bad pointer below loses
			 * the status but not the reaping. */
			task_free(c);
			if (stat_addr && put_user(status, stat_addr))
				return -EFAULT;
			return pid;
		}
		if (!have_child)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		/* A signal ends the wait; SA_RESTART restarts it. */
		if (signal_pending(self))
			return -ERESTARTSYS;
		self->state = TASK_BLOCKED;
		self->wait_chan = self->signal;	/* any thread's child wakes us */
		schedule();
		self->wait_chan = NULL;
	}
}

SYSCALL_DEFINE4(wait4, int, upid, int __user *, stat_addr, int, options, void __user *, ru)
{
	long ret = kernel_wait4(upid, stat_addr, options);

	/* struct rusage: all zero. */
	if (ret > 0 && ru && clear_user(ru, 144))
		return -EFAULT;
	return ret;
}
