/* SPDX-License-Identifier: MIT */
/*
 * A task is a thread: its kernel stack with the user register frame at the
 * top, its registers and signal mask. What the threads of a process share
 * is in refcounted objects the task points to (Linux's): the address space
 * (struct mm), the descriptor table (files_struct, CLONE_FILES), the
 * working directory and umask (fs_struct, CLONE_FS), the handlers
 * (sighand_struct, CLONE_SIGHAND) and the thread group itself
 * (signal_struct, CLONE_THREAD: shared pending signals, group exit).
 */
#ifndef _TRIDENT_TASK_H
#define _TRIDENT_TASK_H

#include <trident/types.h>
#include <trident/resource.h>
#include <asm/ptrace.h>
#include <asm/percpu.h>
#include <asm/fpu.h>
#include <asm/debugreg.h>
#include <asm/segment.h>
#include <trident/signal.h>
#include <trident/cred.h>
#include <generated/autoconf.h>

#define KSTACK_SIZE  (16 * 1024)
#define NR_OPEN      1024	/* descriptors per task: RLIMIT_NOFILE's soft default */
#define NR_OPEN_MAX  4096	/* its hard default (Linux INR_OPEN_MAX) */
#define MAX_TASKS    256	/* fork beyond this: EAGAIN (RLIMIT_NPROC) */
#define TASK_COMM_LEN 16
#define GDT_ENTRY_TLS_ENTRIES (GDT_ENTRY_TLS_MAX - GDT_ENTRY_TLS_MIN + 1)

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

/* The descriptor table (Linux's files_struct with its fdtable):
 * shared by CLONE_FILES, copied by fork. */
struct files_struct {
	int count;
	struct file *fd[NR_OPEN];
	/* the close-on-exec bit of each descriptor (fdtable close_on_exec) */
	unsigned long close_on_exec[(NR_OPEN + 63) / 64];
};

/* The working directory and umask (Linux's fs_struct; cwd NULL: not set
 * yet, the root and umask 0022): shared by CLONE_FS. */
struct fs_struct {
	int count;
	struct dentry *cwd;
	unsigned int umask;
};

/* The handlers (Linux's sighand_struct): shared by CLONE_SIGHAND. */
struct sighand_struct {
	int count;
	struct k_sigaction action[_NSIG];
};

/* The thread group (Linux's signal_struct): one per process, shared by
 * CLONE_THREAD. Signals sent to the process wait in shared_pending
 * until a thread that does not block them takes them. */
struct signal_struct {
	int count;			/* tasks pointing here, zombies included */
	int live;			/* threads not yet exited */
	sigset_t shared_pending;
	struct kernel_siginfo shared_info[_NSIG];
	bool group_exit;		/* exit_group or a fatal signal: all die */
	int group_exit_code;		/* ... with this wait status */
	struct task *group_exec_task;	/* a thread in execve waiting for the others */
};

enum task_state {
	TASK_RUNNING,
	TASK_BLOCKED,		/* asleep; a signal wakes it (TASK_INTERRUPTIBLE) */
	TASK_ZOMBIE,
	TASK_STOPPED,		/* SIGSTOP and friends; SIGCONT or SIGKILL wake it */
	TASK_TRACED,		/* a ptrace stop: the tracer or SIGKILL wakes it */
};

/* What restart_syscall (219 / ia32 0) resumes: the rest of an interrupted
 * nanosleep (Linux's struct restart_block). */
struct restart_block {
	long (*fn)(struct restart_block *);
	int clockid;
	u64 expires;			/* absolute, in clockid's nanoseconds */
	void __user *rmtp;		/* where the time left goes, or NULL */
	bool rmtp_time32;		/* ... as an old_timespec32 (ia32) */
	bool ia32;			/* armed by an ia32 call: restart_syscall is 0 */
	/* an interrupted FUTEX_WAIT with a timeout (kernel/futex.c) */
	u32 __user *futex_uaddr;
	u32 futex_val, futex_bitset;
	bool futex_private;
};

struct task {
	int pid;			/* the thread id (gettid) */
	int tgid;			/* the process id (getpid): the leader's pid */
	struct task *group_leader;	/* the first thread; itself for a process */
	struct signal_struct *signal;	/* the thread group */
	enum task_state state;
	unsigned long thread_sp;	/* kernel RSP saved by __switch_to */
	struct task *next_task;		/* every task, in creation order */
	unsigned long work;		/* TIF_* flags for the way out (signal.h) */
	u64 wake_at_ns;			/* a sleeping task's alarm (ktime), 0 if none */
	struct task *vfork_parent;	/* parent waiting for our exec or exit */
	bool in_vfork;			/* we are that parent, still waiting */
	enum task_abi abi;
	struct task *parent;
	struct mm *mm;
	void *kstack;			/* KSTACK_SIZE bytes, lowest address */
	struct pt_regs *regs;		/* user frame at the top of kstack */
	unsigned long fs_base;		/* MSR_FS_BASE while the task runs */
	unsigned long gs_base;		/* user GS base (MSR_KERNEL_GS_BASE in the kernel) */
	/* The user's DS and ES selectors while switched out (Linux's
	 * thread.ds/es): 0 for 64-bit programs, __USER_DS for 32-bit ones
	 * from exec on. The kernel never loads them otherwise (64-bit mode
	 * ignores them), so they hold the user's values while it runs. */
	u16 ds, es;
	unsigned long clear_child_tid;	/* set_tid_address */
	unsigned long robust_list;	/* set_robust_list */
	struct rlimit64 rlim[RLIM_NLIMITS];	/* this process's limits, inherited on fork */
	/* Inside an ia32 system call: 32-bit layouts for the arguments
	 * that differ (Linux's TS_COMPAT, in_ia32_syscall()). Set by the
	 * ia32 dispatcher around the call; an x32 call is known by its
	 * number (in_x32_syscall(), trident/syscalls.h). */
	bool compat_syscall;
	struct files_struct *files;	/* descriptors: files->fd[fd] */
	int exit_code;			/* wait status: (code << 8) or signal */
	char comm[TASK_COMM_LEN];	/* basename of the program */
	char exe[256];			/* path for /proc/self/exe */
	struct fpu_state fpu;		/* x87/SSE registers while switched out */
	/* kernel/fs_*.c: the working directory and umask, and what a
	 * TASK_BLOCKED task sleeps on (xv6's chan; pipes use it). */
	struct fs_struct *fs;
	void *wait_chan;
	/* arch/ia32/tls.c: set_thread_area's three GDT descriptors (Linux's
	 * thread.tls_array), written into this CPU's GDT whenever the task
	 * runs, and the user's FS and GS selectors while it is switched out
	 * (thread.fsindex, gsindex; DS and ES are above). */
	u64 tls_array[GDT_ENTRY_TLS_ENTRIES];
	u16 fsindex, gsindex;
	/* kernel/pgrp.c: the process group and session (Linux keeps them in
	 * signal->pids[PIDTYPE_PGID] and [PIDTYPE_SID]); fork copies both.
	 * did_exec: the task has exec'd since fork (setpgid on such a
	 * child says EACCES). */
	int pgid, sid;
	bool did_exec;
	/* kernel/prctl.c: trace this task's system calls (PR_TRIDENT_SET_TRACE,
	 * inherited by fork, kept by exec), as syscall.trace=1 does for all. */
	bool trace_syscalls;
	/* kernel/signal.c: handlers (Linux's sighand), the blocked mask,
	 * the pending set with one siginfo per signal, the mask sigsuspend
	 * and sigtimedwait put back, the alternate stack, the rest of an
	 * interrupted sleep, what the last fault was (thread.trap_nr,
	 * error_code, cr2: the sigcontext shows them), job control and
	 * ITIMER_REAL (kernel/itimer.c). */
	struct sighand_struct *sighand;
	sigset_t blocked, real_blocked, saved_sigmask;
	sigset_t pending;
	struct kernel_siginfo pending_info[_NSIG];
	unsigned long sas_ss_sp, sas_ss_size;
	unsigned int sas_ss_flags;
	struct restart_block restart_block;
	unsigned long trap_nr, error_code, cr2;
	int stop_code;			/* wait status of an unreported stop, or 0 */
	bool cont_report;		/* an unreported SIGCONT (WCONTINUED) */
	bool autoreap;			/* parent ignores SIGCHLD: nobody waits for us */
	u64 it_real_expires;		/* ktime ns; 0: ITIMER_REAL off */
	u64 it_real_incr;		/* its interval */
	u64 it_virt_value, it_virt_incr, it_prof_value, it_prof_incr; /* kept, never run */
	/* arch/x86_64/ioport.c: ioperm's bitmap (NULL: no port) and iopl's
	 * emulated level (Linux's thread.io_bitmap, thread.iopl_emul). */
	struct io_bitmap *io_bitmap;
	unsigned int iopl_emul;
	unsigned int iopl_warn;		/* said once: CLI/STI NOPped */
	/* kernel/cred.c: who the task is (Linux's task->cred); all 0, root,
	 * for init; fork copies, exec keeps. */
	struct cred cred;
	/* kernel/ptrace.c: the tracer (NULL: not traced; Linux's
	 * task->parent while real_parent stays ours), PTRACE_O_* options,
	 * the signal the tracer resumed us with (Linux's exit_code), the
	 * siginfo of the current stop (PTRACE_GETSIGINFO) and the user's
	 * debug registers DR0-DR7 (thread.ptrace_bps, ptrace_dr7,
	 * virtual_dr6: arch/x86_64/hw_breakpoint.c). */
	struct task *ptracer;
	unsigned int ptrace_opts;
	int ptrace_resume;
	bool ptrace_seized;
	struct kernel_siginfo ptrace_info;
	struct thread_debug debug;
	/* kernel/personality.c: personality(2)'s value, inherited by fork,
	 * kept by exec; ADDR_NO_RANDOMIZE turns off kernel/aslr.c. */
	unsigned int personality;
	/* kernel/futex.c: the word a FUTEX_WAIT sleeps on (Linux's
	 * futex_q: key and bitset; futex_woken: a FUTEX_WAKE chose us). */
	struct mm *futex_mm;
	unsigned long futex_uaddr;
	u32 futex_bitset;
	bool futex_woken;
};

static inline bool thread_group_leader(const struct task *t)
{
	return t->group_leader == t;
}

/* May self wait for c? Its own child, or (without __WNOTHREAD) a child
 * of another thread of its process (Linux's do_wait() walks every
 * thread's children). Threads other than a leader are never waited for;
 * a leader's zombie only once its last thread has gone
 * (delay_group_leader()). */
static inline bool wait_child_of(const struct task *c, const struct task *self, bool nothread)
{
	if (!thread_group_leader(c))
		return false;
	return c->parent == self || (!nothread && c->parent && c->parent->signal == self->signal);
}

static inline bool wait_zombie_ready(const struct task *c)
{
	return c->state == TASK_ZOMBIE && !c->signal->live;
}

/* The task this CPU runs (per-CPU, through GS: no global "current"). */
static inline struct task *get_current(void)
{
	return this_cpu_read_ptr(current_task);
}
#define current get_current()

struct task *task_create(void);		/* pid, kernel stack, empty files */
void task_free(struct task *t);		/* a reaped zombie: stack and struct */
/* arch/x86_64/ioport.c: the TSS's I/O bitmap for t; fork's copy; free. */
void io_bitmap_switch_to(const struct task *t);
int io_bitmap_fork(const struct task *parent, struct task *child);
void io_bitmap_exit(struct task *t);
/* #GP from user mode: CLI/STI of an iopl(3) task become NOPs (true). */
bool fixup_iopl_exception(struct pt_regs *regs);
extern struct task *task_list;

/* The scheduler (kernel/sched.c): run another runnable task, if any. */
void schedule(void);
void wake_up(struct task *t);
void task_switch_to(struct task *t);	/* make t current on this CPU */
void vfork_done(struct task *t);	/* the vfork child exec'd or exited */
/* Ends the current task: status is a wait(2) status word. Never returns. */
__attribute__((noreturn)) void do_exit(int status);
/* Ends every thread of the process (exit_group, a fatal signal). */
__attribute__((noreturn)) void do_group_exit(int status);
/* SIGKILL to every other thread of t's group (Linux's zap_other_threads). */
void zap_other_threads(struct task *t);
/* execve from a thread: the others end, we become the leader (exit.c). */
int de_thread(struct task *t);
/* The shared objects' references (kernel/fork.c). */
void files_put(struct files_struct *f);
struct files_struct *files_dup(struct files_struct *old);
void sighand_put(struct sighand_struct *s);
/* init's own files, fs, handlers and group (no parent to copy). */
int task_init_process(struct task *t);
/* kernel/futex.c: wake up to nr waiters on mm's uaddr; the exit's
 * clear_child_tid wake. */
int futex_wake(struct mm *mm, unsigned long uaddr, int nr, u32 bitset);

/* fork, vfork and clone (kernel/fork.c). What clone's tls argument is
 * depends on the table the call came through (Linux's set_new_tls()): the
 * FS base for a 64-bit or x32 call, a struct user_desc for
 * set_thread_area in an ia32 call (arch/ia32/sys_ia32.c). */
enum clone_tls {
	CLONE_TLS_FS_BASE,
	CLONE_TLS_USER_DESC,
};
long do_fork(unsigned long flags, unsigned long newsp, int __user *parent_tid,
	     int __user *child_tid, unsigned long tls, enum clone_tls tls_kind);
/* wait4 without its rusage (kernel/exit.c): a pid, 0 or -errno. */
long kernel_wait4(int upid, int __user *stat_addr, int options);

/* The user's segments and the ia32 TLS descriptors (arch/ia32/tls.c):
 * saved from the CPU and loaded for the next task on a switch (before
 * the FS/GS base MSRs are written), copied by fork, reset by exec. */
#ifdef CONFIG_IA32_EMULATION
void tls_switch_to(struct task *prev, struct task *next);
void tls_fork(struct task *parent, struct task *child);
void tls_exec(struct task *t);
int tls_set_new(struct task *child, const void __user *u_info);
#else
#include <trident/errno.h>
static inline void tls_switch_to(struct task *prev, struct task *next) { (void)prev; (void)next; }
static inline void tls_fork(struct task *parent, struct task *child) { (void)parent; (void)child; }
static inline void tls_exec(struct task *t) { (void)t; }
/* Only the ia32 clone asks for it, and there is none without ia32. */
static inline int tls_set_new(struct task *child, const void __user *u_info)
{
	(void)child;
	(void)u_info;
	return -EINVAL;
}
#endif

/* Enters user mode with current->regs (entry_64.asm). */
__attribute__((noreturn)) void ret_to_user(struct pt_regs *regs);

#endif
