// SPDX-License-Identifier: MIT
/*
 * Tasks: creation, the switch of "current", and the end of a task.
 * For now one task runs at a time (init); fork, wait and the scheduler
 * arrive with the processes issue and build on these pieces.
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

static int next_pid = 1;

void machine_power_off(int status) __attribute__((noreturn));

struct task *task_create(void)
{
	struct task *t = kzalloc(sizeof(*t));

	if (!t)
		return NULL;
	t->kstack = kmalloc(KSTACK_SIZE);
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
	t->state = TASK_RUNNING;
	t->abi = ABI_64;
	return t;
}

/* Make t the task this CPU runs: its kernel stack for every entry. */
void task_switch_to(struct task *t)
{
	unsigned long top = (unsigned long)t->kstack + KSTACK_SIZE;

	this_cpu()->current_task = t;
	this_cpu()->cpu_current_top_of_stack = top;
	tss_set_rsp0(top);
	mm_activate(t->mm);
}

static void close_files(struct task *t)
{
	for (int fd = 0; fd < NR_OPEN; fd++) {
		if (t->files[fd]) {
			file_put(t->files[fd]);
			t->files[fd] = NULL;
		}
	}
}

void do_exit(int status)
{
	struct task *t = current;

	close_files(t);
	t->exit_code = status;
	t->state = TASK_ZOMBIE;

	if (t->pid == 1) {
		/* Linux panics when init dies; we report and power off, which
		 * is what a test run wants. */
		mm_activate(NULL);
		mm_destroy(t->mm);
		t->mm = NULL;
		if (status & 0x7f) {
			printk("init killed: signal %d\n", status & 0x7f);
			machine_power_off(128 + (status & 0x7f));
		}
		printk("init exited: status %d\n", (status >> 8) & 0xff);
		machine_power_off((status >> 8) & 0xff);
	}
	panic("do_exit: pid %d exited and there is no other task yet", t->pid);
}

/*
 * The default action of every signal we can raise so far is to end the
 * task (SIGSEGV, SIGILL, SIGFPE, SIGBUS, SIGTRAP also dump core on Linux,
 * but RLIMIT_CORE is 0 by default, so no core flag in the status).
 * Like Linux with show_unhandled_signals, say what happened.
 */
void force_sig_fault(int sig, const struct pt_regs *regs, unsigned long addr, const char *what)
{
	struct task *t = current;

	printk("%s[%d]: %s at %lx ip %lx sp %lx error %lx (signal %d)\n",
	       t->comm, t->pid, what ? what : "fault", addr, regs->ip, regs->sp,
	       regs->orig_ax, sig);
	do_exit(sig);
}
