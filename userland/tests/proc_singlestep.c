// SPDX-License-Identifier: MIT
/*
 * PTRACE_SINGLESTEP: each resume runs one instruction and stops the
 * tracee with SIGTRAP, si_code TRAP_TRACE; stepping over a system call
 * instruction (SYSCALL, or INT $0x80 for ia32) stops right after it with
 * TRAP_BRKPT (Linux's user_single_step_report()), the call done; the TF
 * the tracer set is not in the flags it reads back; PTRACE_CONT ends the
 * stepping. Stepping into a signal (SINGLESTEP with the signal) stops at
 * the handler's first instruction, si_code SIGTRAP (ptrace_notify()).
 * Raw system calls, the build ABI's register layout.
 */
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "ktap.h"
#include "errname.h"
#include "ptrace_test.h"

#define X86_TF		0x100

static reg_t regs[NREGS];

static reg_t get_ip(pid_t pid)
{
	memset(regs, 0, sizeof(regs));
	if (pt(T_GETREGS, pid, 0, (unsigned long)regs))
		return 0;
	return regs[R_IP];
}

/* The stepped code: nop, the getpid number into EAX, the system call,
 * nop. Labels give the tracer each instruction's address. */
#if defined(__x86_64__)
#if defined(__ILP32__)
#define NR_GETPID "0x40000027"
#else
#define NR_GETPID "39"
#endif
__asm__(".text\n"
	".globl step_code, step_mov, step_sys, step_after, step_end\n"
	"step_code: nop\n"
	"step_mov: mov $" NR_GETPID ", %eax\n"
	"step_sys: syscall\n"
	"step_after: nop\n"
	"step_end: ret\n");
#else
__asm__(".text\n"
	".globl step_code, step_mov, step_sys, step_after, step_end\n"
	"step_code: nop\n"
	"step_mov: mov $20, %eax\n"
	"step_sys: int $0x80\n"
	"step_after: nop\n"
	"step_end: ret\n");
#endif
extern char step_code[], step_mov[], step_sys[], step_after[], step_end[];
void step_fn(void) __asm__("step_code");

static volatile int handled;

static void on_usr1(int sig)
{
	handled = sig;
}

static void body(void)
{
	step_fn();
	syscall(SYS_kill, getpid(), SIGUSR1);
	_exit(handled == SIGUSR1 ? 0 : 1);
}

int main(void)
{
	unsigned long code = (unsigned long)step_code;
	int st, c;
	long r;
	reg_t ip;

	ktap_print_header();
	ktap_set_plan(8);

	signal(SIGUSR1, on_usr1);
	pid_t pid = fork();
	if (pid == 0) {
		if (syscall(SYS_ptrace, T_TRACEME, 0, 0, 0) != 0)
			_exit(100);
		syscall(SYS_kill, getpid(), SIGSTOP);
		body();
	}
	st = wait_status(pid);
	ktap_test_result(st == 0x137f, "the traced child stopped itself (status %#x)", st);

	/* Step through the C library until the stepped code starts. */
	int steps = 0;
	do {
		r = pt(T_SINGLESTEP, pid, 0, 0);
		st = wait_status(pid);
		ip = get_ip(pid);
	} while (r == 0 && st == 0x57f && ip != code && ++steps < 100000);
	ktap_print_msg("%d steps to the stepped code", steps);
	c = stop_code(pid);
	ktap_test_result(r == 0 && ip == code && c == 2,
			 "SINGLESTEP stops after each instruction: SIGTRAP, TRAP_TRACE (%d)", c);

	pt(T_SINGLESTEP, pid, 0, 0);
	st = wait_status(pid);
	ip = get_ip(pid);
	c = stop_code(pid);
	ktap_print_msg("flags read back: %#llx", (unsigned long long)regs[R_FLAGS]);
	ktap_test_result(st == 0x57f && ip == (reg_t)(unsigned long)step_mov && c == 2 &&
			 !(regs[R_FLAGS] & X86_TF),
			 "one step over nop: the next instruction, TRAP_TRACE, TF not shown");
	pt(T_SINGLESTEP, pid, 0, 0);
	st = wait_status(pid);
	ip = get_ip(pid);
	ktap_test_result(st == 0x57f && ip == (reg_t)(unsigned long)step_sys, "one step over mov");
	pt(T_SINGLESTEP, pid, 0, 0);
	st = wait_status(pid);
	ip = get_ip(pid);
	c = stop_code(pid);
	ktap_test_result(st == 0x57f && ip == (reg_t)(unsigned long)step_after && c == 1 &&
			 regs[R_AX] == (reg_t)pid,
			 "a step over the system call: right after it, TRAP_BRKPT (%d), the call done", c);
	pt(T_SINGLESTEP, pid, 0, 0);
	st = wait_status(pid);
	ip = get_ip(pid);
	c = stop_code(pid);
	ktap_test_result(st == 0x57f && ip == (reg_t)(unsigned long)step_end && c == 2,
			 "and on: the nop after it, TRAP_TRACE (%d)", c);

	/* CONT: no more steps; the SIGUSR1 stop, stepped into the handler. */
	pt(T_CONT, pid, 0, 0);
	st = wait_status(pid);
	ktap_test_result(st == 0xa7f, "CONT ends the stepping: next stop is the child's SIGUSR1 (%#x)", st);
	pt(T_SINGLESTEP, pid, 0, SIGUSR1);
	st = wait_status(pid);
	ip = get_ip(pid);
	c = stop_code(pid);
	pt(T_CONT, pid, 0, 0);
	r = wait_status(pid);
	ktap_test_result(st == 0x57f && ip == (reg_t)(unsigned long)on_usr1 && c == SIGTRAP && r == 0,
			 "SINGLESTEP into the signal: a stop at the handler (si_code %d), then it runs (exit %#lx)",
			 c, r);
	ktap_finished();
}
