// SPDX-License-Identifier: MIT
/*
 * TEMPORARY: send_signal() until signals exist. kernel/signal.c (branch
 * `sig`) replaces this file; delete it at that merge.
 *
 * Every signal takes the action kill(2) gives it today (kernel/exit.c):
 * the task ends as if killed by sig when it next runs (schedule() and
 * schedule_tail() act on pending_kill); init, which has no handlers, is
 * left alone. No other case is special here: ignoring SIGINT is the
 * shell's business (sigaction SIG_IGN), which comes with kernel/signal.c.
 */
#include <trident/signal.h>
#include <trident/task.h>

int send_signal(struct task *t, int sig)
{
	if (t->pid == 1)
		return 0;
	t->pending_kill = sig;
	wake_up(t);
	return 0;
}
