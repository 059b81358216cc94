// SPDX-License-Identifier: MIT
/*
 * Tasks: creation and the list of every task. fork.c fills a new task,
 * exit.c ends and reaps it, sched.c switches between them.
 */
#include <trident/task.h>
#include <trident/mm.h>
#include <trident/vm.h>
#include <trident/file.h>
#include <trident/string.h>
#include <trident/printk.h>
#include <trident/signal.h>
#include <asm/desc.h>
#include <asm/percpu.h>
#include <asm/harden.h>

static int next_pid = 1;
struct task *task_list;

struct task *task_create(void)
{
	struct task *t = kzalloc(sizeof(*t));

	if (!t)
		return NULL;
	t->kstack = kstack_alloc();	/* above a guard page */
	if (!t->kstack) {
		kfree(t);
		return NULL;
	}
	/* The user frame sits at the very top of the kernel stack, where
	 * both SYSCALL (cpu_current_top_of_stack) and the CPU on an
	 * exception (TSS.RSP0) build it. */
	t->regs = (struct pt_regs *)((char *)t->kstack + KSTACK_SIZE) - 1;
	memset(t->regs, 0, sizeof(*t->regs));
	t->pid = next_pid++;
	/* pgid and sid stay 0: Linux's init runs in group 0 and session 0
	 * (init_struct_pid) until it calls setsid; fork copies the parent's. */
	t->state = TASK_RUNNING;
	t->abi = ABI_64;
	rlimits_init(t);		/* fork copies the parent's over these */

	struct task **pp = &task_list;
	while (*pp)
		pp = &(*pp)->next_task;
	*pp = t;
	return t;
}

void task_free(struct task *t)
{
	struct task **pp = &task_list;

	while (*pp != t)
		pp = &(*pp)->next_task;
	*pp = t->next_task;
	/* A zombie kept its handlers and its group until now (Linux's
	 * __exit_signal() at release_task()). */
	sighand_put(t->sighand);
	if (t->signal && --t->signal->count == 0)
		kfree(t->signal);
	io_bitmap_exit(t);
	kstack_free(t->kstack);
	kfree(t);
}

