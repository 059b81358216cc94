// SPDX-License-Identifier: MIT
/*
 * fork, vfork and clone: a new task that returns to user mode where its
 * parent entered the kernel, with RAX = 0.
 *
 * fork copies the address space copy-on-write (kernel/vm.c mm_dup); vfork
 * (CLONE_VM | CLONE_VFORK) lends the parent's to the child and puts the
 * parent to sleep until the child execs or exits (vfork_done).
 *
 * clone's sharing flags choose, object by object, sharing (a reference)
 * or a copy: CLONE_VM the struct mm, CLONE_FILES the descriptor table,
 * CLONE_FS the working directory and umask, CLONE_SIGHAND the handlers,
 * CLONE_THREAD the thread group (a new thread of our process, with its own
 * tid; docs/threads.md).
 */
#include <trident/syscalls.h>
#include <trident/trace.h>
#include <trident/task.h>
#include <trident/vm.h>
#include <trident/mm.h>
#include <trident/file.h>
#include <trident/fs.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/string.h>
#include <trident/signal.h>
#include <trident/pgrp.h>
#include <asm/processor.h>
#include <asm/fsgsbase.h>

#define CLONE_VM             0x00000100
#define CLONE_FS             0x00000200
#define CLONE_FILES          0x00000400
#define CLONE_SIGHAND        0x00000800
#define CLONE_PIDFD          0x00001000
#define CLONE_VFORK          0x00004000
#define CLONE_PARENT         0x00008000
#define CLONE_THREAD         0x00010000
#define CLONE_NEWNS          0x00020000
#define CLONE_SETTLS         0x00080000
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED       0x00400000
#define CLONE_CHILD_SETTID   0x01000000
#define CLONE_NEWUSER        0x10000000
#define CLONE_NEWPID         0x20000000
#define CSIGNAL              0x000000ff


extern char ret_from_fork[];

static int nr_tasks(void)
{
	int n = 0;

	for (struct task *t = task_list; t; t = t->next_task)
		n++;
	return n;
}

/* --- the shared objects ------------------------------------------------ */

/* A copy of the descriptor table: every open file gets one more
 * reference, the close-on-exec bits come along (Linux's dup_fd()). */
struct files_struct *files_dup(struct files_struct *old)
{
	struct files_struct *f = kzalloc(sizeof(*f));

	if (!f)
		return NULL;
	f->count = 1;
	for (int fd = 0; old && fd < NR_OPEN; fd++)
		if (old->fd[fd])
			f->fd[fd] = file_get(old->fd[fd]);
	if (old)
		memcpy(f->close_on_exec, old->close_on_exec, sizeof(f->close_on_exec));
	return f;
}

/* The last user closes every descriptor. */
void files_put(struct files_struct *f)
{
	if (!f || --f->count)
		return;
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (f->fd[fd])
			file_put(f->fd[fd]);
	kfree(f);
}

static struct sighand_struct *sighand_dup(const struct sighand_struct *old)
{
	struct sighand_struct *s = kzalloc(sizeof(*s));

	if (!s)
		return NULL;
	s->count = 1;
	if (old)
		memcpy(s->action, old->action, sizeof(s->action));
	return s;
}

void sighand_put(struct sighand_struct *s)
{
	if (s && --s->count == 0)
		kfree(s);
}

static struct signal_struct *signal_alloc(void)
{
	struct signal_struct *sig = kzalloc(sizeof(*sig));

	if (sig)
		sig->count = sig->live = 1;
	return sig;
}

/* A new process's own objects, for init (kernel/main.c), which has no
 * parent to copy them from: no descriptors, default handlers. */
int task_init_process(struct task *t)
{
	t->files = files_dup(NULL);
	t->fs = kzalloc(sizeof(*t->fs));
	t->sighand = sighand_dup(NULL);
	t->signal = signal_alloc();
	if (!t->files || !t->fs || !t->sighand || !t->signal)
		return -ENOMEM;
	t->fs->count = 1;
	t->tgid = t->pid;
	t->group_leader = t;
	return 0;
}

/* --- clone's rules --------------------------------------------------------- */

/*
 * The flag combinations Linux refuses before anything else
 * (copy_process()): a thread shares the handlers, shared handlers need
 * the shared memory they point into; CLONE_FS with a new mount or user
 * namespace; CLONE_PARENT from init (SIGNAL_UNKILLABLE); a thread in a
 * new user or pid namespace; a pidfd for a thread.
 */
static int clone_flags_check(unsigned long flags)
{
	if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
		return -EINVAL;
	if ((flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS))
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_PARENT) && current->tgid == 1)
		return -EINVAL;
	if ((flags & CLONE_THREAD) && (flags & (CLONE_NEWUSER | CLONE_NEWPID)))
		return -EINVAL;
	if ((flags & CLONE_PIDFD) && (flags & (CLONE_DETACHED | CLONE_THREAD)))
		return -EINVAL;
	return 0;
}

/* Undo a half-built child: what it holds a reference to goes back. */
static void fork_cleanup(struct task *child)
{
	if (child->signal)
		child->signal->live--;	/* it never ran */
	mm_put(child->mm);
	files_put(child->files);
	if (child->fs)
		fs_exit(child);
	task_free(child);		/* sighand, signal, I/O bitmap, stack */
}

long do_fork(unsigned long flags, unsigned long newsp, int __user *parent_tid,
	     int __user *child_tid, unsigned long tls, enum clone_tls tls_kind)
{
	struct task *parent = current, *child;
	int err = clone_flags_check(flags);

	if (err)
		return err;
	if (nr_tasks() >= MAX_TASKS)
		return -EAGAIN;
	/* A process that is being killed makes no more (copy_process()). */
	if (fatal_signal_pending(parent) || parent->signal->group_exit)
		return -EINTR;
	child = task_create();
	if (!child)
		return -ENOMEM;
	/* Thread or process: the group, its id and its parent (Linux's
	 * real_parent: the thread's is the process's). */
	if (flags & CLONE_THREAD) {
		child->signal = parent->signal;
		child->signal->count++;
		child->signal->live++;
		child->tgid = parent->tgid;
		child->group_leader = parent->group_leader;
		child->parent = parent->group_leader->parent;
	} else {
		child->signal = signal_alloc();
		child->tgid = child->pid;
		child->group_leader = child;
		child->parent = (flags & CLONE_PARENT) && parent->parent ? parent->parent : parent;
	}
	/* vfork: the child borrows the parent's address space until it
	 * execs or exits; the parent sleeps meanwhile. A thread (or any
	 * CLONE_VM child) shares it for good. fork: a copy-on-write copy. */
	child->mm = (flags & CLONE_VM) ? mm_get(parent->mm) : mm_dup(parent->mm);
	if (flags & CLONE_FILES) {
		child->files = parent->files;
		child->files->count++;
	} else {
		child->files = files_dup(parent->files);
	}
	if (flags & CLONE_SIGHAND) {
		child->sighand = parent->sighand;
		child->sighand->count++;
	} else {
		child->sighand = sighand_dup(parent->sighand);
	}
	err = -ENOMEM;
	if (!child->signal || !child->mm || !child->files || !child->sighand ||
	    fs_fork(parent, child, flags & CLONE_FS)) {
		fork_cleanup(child);
		return err;
	}
	child->abi = parent->abi;
	memcpy(child->rlim, parent->rlim, sizeof(child->rlim));
	fsgsbase_save(parent);		/* WRFSBASE/WRGSBASE: the live bases */
	child->fs_base = parent->fs_base;
	child->gs_base = parent->gs_base;
	/* The parent's segment selectors as they are in the CPU now, and its
	 * TLS descriptors (Linux's copy_thread()). */
	tls_fork(parent, child);
	if (flags & CLONE_SETTLS) {
		if (tls_kind == CLONE_TLS_USER_DESC) {
			err = tls_set_new(child, (const void __user *)tls);
			if (err) {
				fork_cleanup(child);
				return err;
			}
		} else {
			/* do_arch_prctl_64(ARCH_SET_FS): the base, with the
			 * null selector. */
			child->fs_base = tls;
			child->fsindex = 0;
		}
	}
	if (io_bitmap_fork(parent, child)) {	/* ioperm's ports, iopl's level */
		fork_cleanup(child);
		return -ENOMEM;
	}
	savesegment(ds, child->ds);	/* the parent's, live in the CPU */
	savesegment(es, child->es);
	memcpy(child->comm, parent->comm, sizeof(child->comm));
	memcpy(child->exe, parent->exe, sizeof(child->exe));
	pgrp_fork(parent, child);	/* process group and session */
	child->trace_syscalls = parent->trace_syscalls;	/* prctl tracing */
	child->personality = parent->personality;	/* personality(2) */
	child->cred = parent->cred;	/* ids and groups */
	signal_fork(parent, child);	/* blocked mask, altstack */
	/* A thread (CLONE_VM without CLONE_VFORK) starts without the
	 * alternate stack, which is its parent's (Linux's sas_ss_reset()). */
	if ((flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM) {
		child->sas_ss_sp = 0;
		child->sas_ss_size = 0;
		child->sas_ss_flags = SS_DISABLE;
	}
	trace_task_update(child);	/* signal_fork cleared the work word */
	child->trap_nr = parent->trap_nr;	/* the thread struct is copied */
	child->error_code = parent->error_code;
	child->cr2 = parent->cr2;

	/* The parent's x87/SSE registers are live in the CPU: copy them. */
	fpu_save(&child->fpu);

	/* The child returns from the same system call with 0. */
	*child->regs = *parent->regs;
	child->regs->ax = 0;
	/* Single-stepping is not inherited: the tracer's TF goes (Linux's
	 * copy_process() -> user_disable_single_step()). */
	if (parent->work & TIF_FORCED_TF)
		child->regs->flags &= ~X86_EFLAGS_TF;
	if (newsp)
		child->regs->sp = newsp;

	/* Its kernel stack, as __switch_to will pop it: six callee-saved
	 * registers, then ret_from_fork as the return address. */
	unsigned long *sp = (unsigned long *)child->regs;
	*--sp = (unsigned long)ret_from_fork;
	for (int i = 0; i < 6; i++)
		*--sp = 0;
	child->thread_sp = (unsigned long)sp;

	if (flags & CLONE_CHILD_CLEARTID)
		child->clear_child_tid = (unsigned long)child_tid;
	if (flags & CLONE_PARENT_SETTID)
		(void)put_user(child->pid, parent_tid);	/* Linux ignores a fault here too */
	if (flags & CLONE_CHILD_SETTID) {
		/* Written into the child's copy of memory. */
		int pid = child->pid;
		vm_write(child->mm, (unsigned long)child_tid, &pid, sizeof(pid));
	}

	int pid = child->pid;
	if (flags & CLONE_VFORK) {
		/* Until the child execs or exits; only SIGKILL ends this wait
		 * (Linux's is killable: a vfork thread's execve kills the
		 * other threads, us included, and waits for them). */
		child->vfork_parent = parent;
		parent->in_vfork = true;
		while (parent->in_vfork) {
			if (fatal_signal_pending(parent)) {
				parent->in_vfork = false;
				child->vfork_parent = NULL;	/* it lives on */
				break;
			}
			parent->state = TASK_BLOCKED;
			schedule();
		}
	}
	return pid;
}

void vfork_done(struct task *t)
{
	t->vfork_parent->in_vfork = false;
	wake_up(t->vfork_parent);
	t->vfork_parent = NULL;
}

SYSCALL_DEFINE0(fork)
{
	return do_fork(SIGCHLD, 0, NULL, NULL, 0, CLONE_TLS_FS_BASE);
}

SYSCALL_DEFINE0(vfork)
{
	return do_fork(CLONE_VFORK | CLONE_VM | SIGCHLD, 0, NULL, NULL, 0, CLONE_TLS_FS_BASE);
}

/* x86_64 argument order: flags, newsp, parent_tidptr, child_tidptr, tls
 * (ia32 has its own: arch/ia32/sys_ia32.c). */
SYSCALL_DEFINE5(clone, unsigned long, clone_flags, unsigned long, newsp,
		int __user *, parent_tidptr, int __user *, child_tidptr, unsigned long, tls)
{
	return do_fork(clone_flags, newsp, parent_tidptr, child_tidptr, tls, CLONE_TLS_FS_BASE);
}
