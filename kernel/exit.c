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

static void close_files(struct task *t)
{
	for (int fd = 0; fd < NR_OPEN; fd++) {
		if (t->files[fd]) {
			file_put(t->files[fd]);
			t->files[fd] = NULL;
		}
	}
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

	mm_activate(NULL);
	mm_put(t->mm);
	t->mm = NULL;
	if (t->pid == 1)
		init_died(status);	/* with its files still open, for the memory check */
	close_files(t);
	fs_exit(t);			/* the working directory */
	if (t->vfork_parent)
		vfork_done(t);
	t->exit_code = status;

	/* Our tracees run free; our tracer forgets us (kernel/ptrace.c). */
	ptrace_exit(t);

	/* No more SIGALRM for us. */
	t->it_real_expires = 0;

	/* Orphans go to init, which reaps them. */
	struct task *init = NULL;
	for (struct task *c = task_list; c; c = c->next_task) {
		if (c->pid == 1)
			init = c;
	}
	for (struct task *c = task_list; c; c = c->next_task) {
		if (c->parent == t) {
			c->parent = init;
			if (c->state == TASK_ZOMBIE)
				wake_up(init);
		}
	}
	/* SIGCHLD to the parent; one that ignores it keeps no zombie: the
	 * scheduler frees us once we are off our stack (sched.c). */
	t->autoreap = do_notify_parent(t, status);
	t->state = TASK_ZOMBIE;
	schedule();
	panic("do_exit: zombie %d was scheduled", t->pid);
}

SYSCALL_DEFINE1(exit, int, error_code)
{
	do_exit((error_code & 0xff) << 8);
}

/* exit ends the thread and exit_group the process; with one thread per
 * process they are the same. */
SYSCALL_DEFINE1(exit_group, int, error_code)
{
	do_exit((error_code & 0xff) << 8);
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
			if ((c->parent != self && c->ptracer != self) || !wait_matches(c, upid) || c->autoreap)
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
			if (c->parent != self)
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
			if (c->state != TASK_ZOMBIE)
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
		schedule();
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
