// SPDX-License-Identifier: MIT
/*
 * Process groups and sessions: setpgid, getpgid, getpgrp, setsid, getsid
 * (Linux's kernel/sys.c), and the group walks the terminal needs.
 *
 * A session is a set of process groups; a process group is the unit a
 * terminal signals (^C) and lets read (the foreground group). Every task
 * carries both ids (struct task's pgid and sid): init starts in group 0
 * and session 0, as on Linux (init_struct_pid: `getpgid(1)` is 0 until
 * init calls setsid); fork copies the parent's (pgrp_fork); a shell then
 * moves each job into a group of its own.
 */
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/signal.h>
#include <trident/pgrp.h>
#include <trident/errno.h>

/* A live task by pid (zombies have left their groups' business). */
static struct task *find_task(int pid)
{
	for (struct task *t = task_list; t; t = t->next_task)
		if (t->pid == pid && t->state != TASK_ZOMBIE)
			return t;
	return NULL;
}

/* Does a process group pgid exist in session sid? */
bool pgrp_in_session(int pgid, int sid)
{
	for (struct task *t = task_list; t; t = t->next_task)
		if (t->pgid == pgid && t->sid == sid && t->state != TASK_ZOMBIE)
			return true;
	return false;
}

/* Send sig to every process of group pgid (Linux's kill_pgrp()). */
void pgrp_signal(int pgid, int sig)
{
	struct kernel_siginfo info = { .signo = sig, .code = SI_KERNEL };

	for (struct task *t = task_list; t; t = t->next_task)
		if (thread_group_leader(t) && t->pgid == pgid && t->signal->live)
			send_sig_info_group(sig, &info, t);
}

/* The group and session are the process's: every thread's copy. */
static void pgrp_set(struct task *p, int pgid, int sid)
{
	for (struct task *t = task_list; t; t = t->next_task) {
		if (t->signal == p->signal) {
			t->pgid = pgid;
			t->sid = sid;
		}
	}
}

void pgrp_fork(struct task *parent, struct task *child)
{
	child->pgid = parent->pgid;
	child->sid = parent->sid;
}

/*
 * setpgid(pid, pgid): pid 0 is the caller, pgid 0 the target's pid.
 * Linux's rules, in its order: EINVAL for pgid < 0; ESRCH unless the
 * target is the caller or its child; EACCES for a child that has exec'd;
 * EPERM for a session leader, a child of another session, or a group
 * that does not exist in the caller's session.
 */
SYSCALL_DEFINE2(setpgid, int, pid, int, pgid)
{
	struct task *self = current, *t;

	if (!pid)
		pid = self->tgid;
	if (!pgid)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	t = find_task(pid);
	if (t && t->signal == self->signal)
		t = self;		/* any thread names the caller's process */
	if (!t || (t != self && t->parent != self))
		return -ESRCH;
	if (t != self) {
		if (t->sid != self->sid)
			return -EPERM;
		if (t->did_exec)
			return -EACCES;
	}
	if (t->sid == t->tgid)
		return -EPERM;
	if (pgid != t->tgid && !pgrp_in_session(pgid, self->sid))
		return -EPERM;
	pgrp_set(t, pgid, t->sid);
	return 0;
}

SYSCALL_DEFINE1(getpgid, int, pid)
{
	struct task *t = pid ? find_task(pid) : current;

	return t ? t->pgid : -ESRCH;
}

SYSCALL_DEFINE0(getpgrp)
{
	return current->pgid;
}

/* A group leader cannot start a session: its group would straddle two. */
SYSCALL_DEFINE0(setsid)
{
	struct task *self = current;

	for (struct task *t = task_list; t; t = t->next_task)
		if (t->pgid == self->tgid && t->state != TASK_ZOMBIE)
			return -EPERM;
	pgrp_set(self, self->tgid, self->tgid);
	return self->sid;
}

SYSCALL_DEFINE1(getsid, int, pid)
{
	struct task *t = pid ? find_task(pid) : current;

	return t ? t->sid : -ESRCH;
}
