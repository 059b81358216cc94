// SPDX-License-Identifier: MIT
/*
 * fork, vfork and clone: a new process that returns to user mode where its
 * parent entered the kernel, with RAX = 0.
 *
 * fork copies the address space copy-on-write (kernel/vm.c mm_dup); vfork
 * (CLONE_VM | CLONE_VFORK) lends the parent's to the child and puts the
 * parent to sleep until the child execs or exits (vfork_done).
 */
#include <trident/syscalls.h>
#include <trident/trace.h>
#include <trident/task.h>
#include <trident/vm.h>
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
#define CLONE_VFORK          0x00004000
#define CLONE_PARENT         0x00008000
#define CLONE_THREAD         0x00010000
#define CLONE_SETTLS         0x00080000
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID   0x01000000
#define CSIGNAL              0x000000ff


extern char ret_from_fork[];

static int nr_tasks(void)
{
	int n = 0;

	for (struct task *t = task_list; t; t = t->next_task)
		n++;
	return n;
}

long do_fork(unsigned long flags, unsigned long newsp, int __user *parent_tid,
	     int __user *child_tid, unsigned long tls, enum clone_tls tls_kind)
{
	struct task *parent = current, *child;

	/* Threads (a shared address space without a vfork parent waiting)
	 * need per-thread state we do not have yet. */
	if ((flags & CLONE_THREAD) || ((flags & CLONE_VM) && !(flags & CLONE_VFORK)))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if (nr_tasks() >= MAX_TASKS)
		return -EAGAIN;
	child = task_create();
	if (!child)
		return -ENOMEM;
	/* vfork: the child borrows the parent's address space until it
	 * execs or exits; the parent sleeps meanwhile. fork: a copy-on-write
	 * copy. */
	child->mm = (flags & CLONE_VM) ? mm_get(parent->mm) : mm_dup(parent->mm);
	if (!child->mm) {
		task_free(child);
		return -ENOMEM;
	}
	child->parent = (flags & CLONE_PARENT) && parent->parent ? parent->parent : parent;
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
			int err = tls_set_new(child, (const void __user *)tls);
			if (err) {
				mm_put(child->mm);
				task_free(child);
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
		mm_put(child->mm);
		task_free(child);
		return -ENOMEM;
	}
	savesegment(ds, child->ds);	/* the parent's, live in the CPU */
	savesegment(es, child->es);
	memcpy(child->comm, parent->comm, sizeof(child->comm));
	memcpy(child->exe, parent->exe, sizeof(child->exe));
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (parent->files[fd])
			child->files[fd] = file_get(parent->files[fd]);
	fs_fork(parent, child);		/* cwd, umask, close-on-exec bits */
	pgrp_fork(parent, child);	/* process group and session */
	child->trace_syscalls = parent->trace_syscalls;	/* prctl tracing */
	child->personality = parent->personality;	/* personality(2) */
	child->cred = parent->cred;	/* ids and groups */
	signal_fork(parent, child);	/* handlers, blocked mask, altstack */
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
		/* Until the child execs or exits; signals do not end this wait
		 * (Linux's is killable only, and we have no such sleep). */
		child->vfork_parent = parent;
		parent->in_vfork = true;
		while (parent->in_vfork) {
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
