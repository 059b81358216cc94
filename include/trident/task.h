/* SPDX-License-Identifier: MIT */
/*
 * A task is a process (threads come later): its address space, its kernel
 * stack with the user register frame at the top, and its open files.
 */
#ifndef _TRIDENT_TASK_H
#define _TRIDENT_TASK_H

#include <trident/types.h>
#include <asm/ptrace.h>
#include <asm/percpu.h>
#include <asm/fpu.h>

#define KSTACK_SIZE  (16 * 1024)
#define NR_OPEN      1024	/* descriptors per task: RLIMIT_NOFILE's soft default */
#define NR_OPEN_MAX  4096	/* its hard default (Linux INR_OPEN_MAX) */
#define MAX_TASKS    256	/* fork beyond this: EAGAIN (RLIMIT_NPROC) */
#define TASK_COMM_LEN 16

struct mm;
struct file;
struct dentry;

/* Which system-call ABI the task's image speaks: set by exec from the ELF
 * header; decides the task size, auxv layout and the int $0x80 table. */
enum task_abi {
	ABI_64,
	ABI_X32,
	ABI_IA32,
};

enum task_state {
	TASK_RUNNING,
	TASK_BLOCKED,
	TASK_ZOMBIE,
};

struct task {
	int pid;
	enum task_state state;
	unsigned long thread_sp;	/* kernel RSP saved by __switch_to */
	struct task *next_task;		/* every task, in creation order */
	int pending_kill;		/* a fatal signal to act on when it next runs */
	u64 wake_at_ns;			/* a sleeping task's alarm (ktime), 0 if none */
	struct task *vfork_parent;	/* parent waiting for our exec or exit */
	enum task_abi abi;
	struct task *parent;
	struct mm *mm;
	void *kstack;			/* KSTACK_SIZE bytes, lowest address */
	struct pt_regs *regs;		/* user frame at the top of kstack */
	unsigned long fs_base;		/* MSR_FS_BASE while the task runs */
	unsigned long gs_base;		/* user GS base (MSR_KERNEL_GS_BASE in the kernel) */
	unsigned long clear_child_tid;	/* set_tid_address */
	unsigned long robust_list;	/* set_robust_list */
	struct file *files[NR_OPEN];
	int exit_code;			/* wait status: (code << 8) or signal */
	char comm[TASK_COMM_LEN];	/* basename of the program */
	char exe[256];			/* path for /proc/self/exe */
	struct fpu_state fpu;		/* x87/SSE registers while switched out */
	/* kernel/fs_*.c: the close-on-exec bit of each descriptor (Linux's
	 * fdtable close_on_exec), the working directory and umask (Linux's
	 * fs_struct; cwd NULL: not set yet, the root and umask 0022), and
	 * what a TASK_BLOCKED task sleeps on (xv6's chan; pipes use it). */
	unsigned long close_on_exec[(NR_OPEN + 63) / 64];
	struct dentry *cwd;
	unsigned int umask;
	void *wait_chan;
};

/* The task this CPU runs (per-CPU, through GS: no global "current"). */
static inline struct task *get_current(void)
{
	return this_cpu_read_ptr(current_task);
}
#define current get_current()

struct task *task_create(void);		/* pid, kernel stack, empty files */
void task_free(struct task *t);		/* a reaped zombie: stack and struct */
extern struct task *task_list;

/* The scheduler (kernel/sched.c): run another runnable task, if any. */
void schedule(void);
void wake_up(struct task *t);
void task_switch_to(struct task *t);	/* make t current on this CPU */
void vfork_done(struct task *t);	/* the vfork child exec'd or exited */
/* Ends the current task: status is a wait(2) status word. Never returns. */
__attribute__((noreturn)) void do_exit(int status);

/* Enters user mode with current->regs (entry_64.asm). */
__attribute__((noreturn)) void ret_to_user(struct pt_regs *regs);

#endif
