// SPDX-License-Identifier: MIT
/*
 * The scheduler: round robin over every runnable task. A task gives up the
 * CPU when it blocks (wait4, vfork, nanosleep, pause...), stops
 * (SIGSTOP), ends, or when the timer
 * interrupts it in user mode (do_irq). The kernel itself is not
 * preempted: it runs with interrupts off except while idle.
 */
#include <trident/task.h>
#include <trident/vm.h>
#include <trident/printk.h>
#include <asm/desc.h>
#include <asm/msr.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/fsgsbase.h>

void __switch_to(unsigned long *prev_sp, unsigned long next_sp);

/* Make t the task this CPU runs: its kernel stack for every entry (SYSCALL
 * reads cpu_current_top_of_stack, the CPU reads TSS.RSP0), its address
 * space, its FS/GS bases and its DS/ES selectors. */
void task_switch_to(struct task *t)
{
	unsigned long top = (unsigned long)t->kstack + KSTACK_SIZE;
	struct task *prev = this_cpu()->current_task;

	this_cpu()->current_task = t;
	this_cpu()->cpu_current_top_of_stack = top;
	tss_set_rsp0(top);
	io_bitmap_switch_to(t);		/* ioperm/iopl: arch/x86_64/ioport.c */
	debugreg_switch_to(t);		/* ptrace's DR0-DR7: hw_breakpoint.c */
	mm_activate(t->mm);
	/* With FSGSBASE prev may have moved its bases itself (WRFSBASE):
	 * keep the live ones before t's replace them (Linux's save_fsgs()). */
	if (prev)
		fsgsbase_save(prev);
	/* The user's FS and GS selectors are still prev's: the entry code
	 * never touches them. Save them, put t's TLS descriptors into the
	 * GDT and load t's selectors (arch/ia32/tls.c, as Linux's
	 * __switch_to()), before the bases: a selector load loads a base. */
	tls_switch_to(prev, t);
	wrmsr(MSR_FS_BASE, t->fs_base);
	wrmsr(MSR_KERNEL_GS_BASE, t->gs_base);
	loadsegment(ds, t->ds);
	loadsegment(es, t->es);
}

static struct task *pick_next(struct task *prev)
{
	struct task *t = prev;

	do {
		t = t->next_task ? t->next_task : task_list;
		if (t->state == TASK_RUNNING)
			return t;
	} while (t != prev);
	return NULL;
}

/* A task that exited while its parent ignores SIGCHLD: nobody will reap
 * it, so it is freed by the next task to run, once off its stack. */
static struct task *exited_unreaped;

static void reap_exited(void)
{
	struct task *t = exited_unreaped;

	if (t && t != current) {
		exited_unreaped = NULL;
		task_free(t);
	}
}

/* Runs in the context of a task that was just switched to: its x87/SSE
 * registers back. Signals that came meanwhile are delivered on its way
 * out to user mode (exit_to_user_mode()). */
void schedule_tail(void);
void schedule_tail(void)
{
	struct task *t = current;

	fpu_restore(&t->fpu);
	reap_exited();
}

void schedule(void)
{
	struct task *prev = current;
	struct task *next = pick_next(prev);

	/* Idle: nothing can run until an interrupt (the tick) wakes a
	 * sleeper. `sti; hlt` is atomic: no tick is lost in between. */
	while (!next) {
		__asm__ volatile("sti; hlt; cli" ::: "memory");
		next = pick_next(prev);
	}
	if (prev->state == TASK_ZOMBIE && prev->autoreap)
		exited_unreaped = prev;
	if (next != prev) {
		fpu_save(&prev->fpu);
		savesegment(ds, prev->ds);	/* the user may have loaded others */
		savesegment(es, prev->es);
		task_switch_to(next);
		__switch_to(&prev->thread_sp, next->thread_sp);
	}
	if (next != prev)
		schedule_tail();
}

void wake_up(struct task *t)
{
	if (t->state == TASK_BLOCKED)
		t->state = TASK_RUNNING;
}
