// SPDX-License-Identifier: MIT
/*
 * The end of a task and what its parent learns: exit, wait4, kill, and the
 * default action of the signals faults raise (kernel/exit.c and
 * kernel/signal.c in Linux).
 *
 * Wait status words, as Linux encodes them and <sys/wait.h> decodes them:
 *   exited:  (code & 0xff) << 8
 *   killed:  signal number (| 0x80 when a core was dumped: never here,
 *            since RLIMIT_CORE is 0 by default)
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
	t->state = TASK_ZOMBIE;
	if (t->parent)
		wake_up(t->parent);
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
			if (c->parent != self || !wait_matches(c, upid))
				continue;
			have_child = true;
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
		self->state = TASK_BLOCKED;
		schedule();
		if (self->pending_kill)
			return -EINTR;
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

SYSCALL_DEFINE2(kill, int, pid, int, sig)
{
	struct task *self = current;
	int found = 0;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	for (struct task *t = task_list; t; t = t->next_task) {
		if (t->state == TASK_ZOMBIE)
			continue;
		/* pid > 0: that process; 0: our group; -1: everyone but init
		 * and us; < -1: group -pid (kernel/pgrp.c). */
		if (pid > 0 ? t->pid != pid :
		    pid == -1 ? (t->pid == 1 || t == self) :
		    t->pgid != (pid ? -pid : self->pgid))
			continue;
		found++;
		if (!sig)
			continue;
		/* Without handlers, every signal's default action that we
		 * support ends the process (SIGCHLD and friends are ignored). */
		if (sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT)
			continue;
		if (t->pid == 1 && sig != SIGKILL)
			continue;	/* init ignores signals it has no handler for */
		if (t->pid == 1)
			continue;	/* and even SIGKILL, as on Linux */
		t->pending_kill = sig;
		wake_up(t);
	}
	if (!found)
		return -ESRCH;
	if (self->pending_kill)
		do_exit(self->pending_kill);
	return 0;
}

/*
 * The default action of every signal a fault raises is to end the task
 * (SIGSEGV, SIGILL, SIGFPE, SIGBUS, SIGTRAP also dump core on Linux, but
 * RLIMIT_CORE is 0 by default, so no core flag in the status). Like Linux
 * with show_unhandled_signals, say what happened.
 */
void force_sig_fault(int sig, const struct pt_regs *regs, unsigned long addr, const char *what)
{
	struct task *t = current;

	printk("%s[%d]: %s at %lx ip %lx sp %lx error %lx\n", t->comm, t->pid,
	       what ? what : "fault", addr, regs->ip, regs->sp, regs->orig_ax);
	do_exit(sig);
}
