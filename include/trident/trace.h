/* SPDX-License-Identifier: MIT */
/*
 * System-call tracing (kernel/trace.c): with syscall.trace=1 on the
 * command line every call of every task is printed on the console when it
 * returns, decoded with its handler's SYSCALL_DEFINE line:
 *     [7 ia32 sysenter] write(1, "hi\n", 3) = 3
 */
#ifndef _TRIDENT_TRACE_H
#define _TRIDENT_TRACE_H

#include <trident/types.h>
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/signal.h>

extern bool syscall_trace_all;		/* syscall.trace=1 */

/* The arguments of the call about to run, as its ABI passes them. */
struct trace_call {
	const char *abi;		/* "64", "x32", "ia32" */
	const char *entry;		/* "syscall", "int80", "sysenter", "syscall32" */
	int nr;
	sys_call_ptr_t fn;		/* the table's entry, or NULL (-ENOSYS) */
	unsigned long args[6];
	char line[200];			/* formatted before the call (execve), or "" */
};

/* Everything (syscall.trace=1), or this task (prctl PR_TRIDENT_SET_TRACE):
 * kept as one bit of the task's work word, so the dispatchers' common
 * case tests a word they read anyway (docs/performance.md). */
static inline bool trace_on(void)
{
	return current->work & TIF_SYSCALL_TRACEPOINT;
}

/* Recompute t's bit: after prctl, fork (which clears the work word) and
 * exec (the first program's, after syscall.trace=1 was parsed). */
static inline void trace_task_update(struct task *t)
{
	if (syscall_trace_all || t->trace_syscalls)
		t->work |= TIF_SYSCALL_TRACEPOINT;
	else
		t->work &= ~TIF_SYSCALL_TRACEPOINT;
}

void trace_syscall_enter(const struct trace_call *c);	/* only for calls that never return */
/* Before every traced call: a call that replaces the memory its
 * arguments point into (execve, execveat) is decoded now, so its line
 * shows the path it was given. */
void trace_syscall_begin(struct trace_call *c);
struct pt_regs;
long trace_call_64(struct pt_regs *regs, const char *abi, int nr, sys_call_ptr_t fn);
void trace_syscall_exit(const struct trace_call *c, long ret);

#endif
