/* SPDX-License-Identifier: MIT */
/*
 * ptrace: one task (the tracer) stops, inspects and changes another (the
 * tracee), as Linux's kernel/ptrace.c and arch/x86/kernel/ptrace.c do.
 * Request numbers and user_regs_struct layouts are Linux's
 * (<asm/ptrace-abi.h>, <sys/user.h>); docs/ptrace.md tells the story.
 */
#ifndef _TRIDENT_PTRACE_H
#define _TRIDENT_PTRACE_H

#include <trident/types.h>
#include <asm/ptrace.h>

#define PTRACE_TRACEME		0
#define PTRACE_PEEKTEXT		1
#define PTRACE_PEEKDATA		2
#define PTRACE_PEEKUSR		3
#define PTRACE_POKETEXT		4
#define PTRACE_POKEDATA		5
#define PTRACE_POKEUSR		6
#define PTRACE_CONT		7
#define PTRACE_KILL		8
#define PTRACE_SINGLESTEP	9
#define PTRACE_GETREGS		12
#define PTRACE_SETREGS		13
#define PTRACE_ATTACH		16
#define PTRACE_DETACH		17
#define PTRACE_SYSCALL		24
#define PTRACE_SYSEMU		31
#define PTRACE_SETOPTIONS	0x4200
#define PTRACE_GETEVENTMSG	0x4201
#define PTRACE_GETSIGINFO	0x4202
#define PTRACE_SEIZE		0x4206

#define PTRACE_O_TRACESYSGOOD	1
/* The options we implement; Linux's others (event stops) say EINVAL. */
#define PTRACE_O_MASK		PTRACE_O_TRACESYSGOOD

/* struct user (<sys/user.h>): where u_debugreg[] starts and the size,
 * for the 64-bit layout and the ia32 one (struct user32). */
#define USER64_REGS_SIZE	(27 * 8)
#define USER64_DEBUGREG		848
#define USER64_SIZE		912
#define USER32_REGS_SIZE	(17 * 4)
#define USER32_DEBUGREG		252
#define USER32_SIZE		284

struct task;
struct kernel_siginfo;

/* The system-call stops (kernel/ptrace.c), called by the dispatchers
 * when task->work has TIF_SYSCALL_TRACE or TIF_SYSCALL_EMU. Entry:
 * returns true when the call is to be skipped (SYSEMU, or the tracer
 * killed us); the number is then orig_ax again (the tracer may change
 * it). Exit: the exit stop after the call. */
bool ptrace_syscall_enter(struct pt_regs *regs);
void ptrace_syscall_exit(struct pt_regs *regs);
/* A signal-delivery stop for sig (kernel/signal.c's get_signal): returns
 * the signal the tracer resumes us with (0: none), info rewritten when it
 * changed the signal. */
int ptrace_signal(int sig, struct kernel_siginfo *info);
/* A successful exec of a task traced without PTRACE_SEIZE: SIGTRAP to
 * itself (SI_USER), the legacy exec stop (exec.c). */
void ptrace_exec(void);
/* PTRACE_SINGLESTEP undone (Linux's user_disable_single_step()): the
 * tracer's forced TF cleared from t's frame, no more stepping. */
void user_disable_single_step(struct task *t);
/* A signal handler was entered while single-stepping: the tracer stops
 * us there (Linux's signal_delivered() -> ptrace_notify(SIGTRAP)). */
void ptrace_notify_step(void);
/* The tracer or tracee t goes away: untrace what it traced (exit.c). */
void ptrace_exit(struct task *t);

#endif
