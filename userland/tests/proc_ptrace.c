// SPDX-License-Identifier: MIT
/*
 * What does a tracer see? A child that asks PTRACE_TRACEME and stops
 * itself with SIGSTOP is reported to its parent as stopped (0x137f)
 * without WUNTRACED; PTRACE_SYSCALL stops it at the entry of each system
 * call (orig_ax the number, ax -ENOSYS) and at the exit (ax the result),
 * both as (SIGTRAP | 0x80) << 8 | 0x7f with PTRACE_O_TRACESYSGOOD;
 * PTRACE_SETREGS at the exit stop changes the result the child gets;
 * PTRACE_SYSEMU stops at the entry and skips the call (a kill of itself
 * with SIGKILL that never happens); PTRACE_GETSIGINFO describes each
 * stop; a signal-delivery stop resumed with 0 cancels the signal;
 * PTRACE_KILL ends a stopped tracee. Raw system calls throughout, with the
 * register layout of the build's ABI (ia32: the 17-word compat one).
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


static pid_t self_pid;		/* the child's, known before it is traced */

/* A child that is traced by us and stopped itself with SIGSTOP. */
static pid_t traced_child(void (*body)(void))
{
	pid_t pid = fork();

	if (pid == 0) {
		self_pid = getpid();
		if (syscall(SYS_ptrace, T_TRACEME, 0, 0, 0) != 0)
			_exit(100);
		syscall(SYS_kill, self_pid, SIGSTOP);
		body();
		_exit(101);
	}
	return pid;
}

/* getppid (traced), getpid (result changed to 4242), kill(self,
 * SIGKILL) (emulated, result 777): exit with a bit per expectation. */
static void syscalls_body(void)
{
	int bits = 0;

	syscall(SYS_getppid);
	if (syscall(SYS_getpid) == 4242)
		bits |= 1;
	if (syscall(SYS_kill, self_pid, SIGKILL) == 777)
		bits |= 2;
	_exit(bits);
}

/* System call 0xffffffff (-1 as the int the kernel reads: no call at
 * all; orig_ax keeps RAX as it came), its result exit's code. */
static void minus_one_body(void)
{
	long ret;

#if defined(__x86_64__)
	__asm__ volatile("syscall" : "=a"(ret) : "a"(0xffffffffUL) : "rcx", "r11", "memory");
#else
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(-1L) : "memory");
#endif
	_exit(ret == -9999 ? 9 : ret == -ENOSYS ? 38 : 1);
}

static void signal_body(void)
{
	syscall(SYS_kill, self_pid, SIGUSR1);	/* cancelled by the tracer */
	_exit(5);
}

/* exec of ourselves, which then exits 7 (main's "exec-child"). */
static void exec_body(void)
{
	char *argv[] = { "proc_ptrace", "exec-child", NULL };
	char *envp[] = { NULL };

	syscall(SYS_execve, "/proc/self/exe", argv, envp);
	_exit(102);
}

static void nothing_body(void)
{
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "exec-child"))
		return 7;

	reg_t regs[NREGS];
	struct sig_info si;
	long r, r2;
	int st;

	ktap_print_header();
	ktap_set_plan(26);

	pid_t pid = traced_child(syscalls_body);
	st = wait_status(pid);
	ktap_test_result(st == 0x137f, "TRACEME, then SIGSTOP: wait4 without WUNTRACED says 0x137f (got %#x)", st);
	memset(&si, 0xff, sizeof(si));
	r = pt(T_GETSIGINFO, pid, 0, &si);
	ktap_test_result(r == 0 && si.s_signo == SIGSTOP && si.s_code == 0 && si.s_pid == pid,
			 "GETSIGINFO: SIGSTOP, SI_USER, from the child itself (%s, code %d)",
			 errno_name(-r), si.s_code);
	r = pt(T_SETOPTIONS, pid, 0, (void *)T_O_TRACESYSGOOD);
	ktap_test_result(r == 0, "SETOPTIONS TRACESYSGOOD -> %s", errno_name(-r));

	/* getppid: entry and exit stops. */
	r = pt(T_SYSCALL, pid, 0, 0);
	st = wait_status(pid);
	ktap_test_result(r == 0 && st == 0x857f, "SYSCALL: entry stop 0x857f (got %#x)", st);
	memset(regs, 0, sizeof(regs));
	r = pt(T_GETREGS, pid, 0, regs);
	ktap_test_result(r == 0 && regs[R_ORIG_AX] == (reg_t)SYS_getppid,
			 "entry stop: orig_ax is getppid's number (%llu)", (unsigned long long)regs[R_ORIG_AX]);
	ktap_test_result(regs[R_AX] == (reg_t)-ENOSYS,
			 "entry stop: ax is -ENOSYS (%lld)", (long long)regs[R_AX]);
	memset(&si, 0, sizeof(si));
	r = pt(T_GETSIGINFO, pid, 0, &si);
	ktap_test_result(r == 0 && si.s_signo == SIGTRAP && si.s_code == (SIGTRAP | 0x80),
			 "GETSIGINFO at a system-call stop: SIGTRAP, code 0x85 (%d, %#x)",
			 si.s_signo, si.s_code);
	unsigned long long peek = 0;
	r = pt(T_PEEKUSR, pid, R_ORIG_AX * sizeof(reg_t), &peek);
#if defined(__ILP32__) && defined(__x86_64__)
	/* x32: only CS and above (Linux's x32_arch_ptrace()). */
	r2 = pt(T_PEEKUSR, pid, R_ORIG_AX * sizeof(reg_t) + 16, &peek);
	ktap_test_result(r == -EIO && r2 == 0 && (uint32_t)peek == 0x33,
			 "x32 PEEKUSER: orig_ax -> %s, cs -> %s, %#x", errno_name(-r), errno_name(-r2),
			 (unsigned)peek);
#else
	ktap_test_result(r == 0 && (uint32_t)peek == (uint32_t)SYS_getppid,
			 "PEEKUSER orig_ax at offset %u: getppid's number", (unsigned)(R_ORIG_AX * sizeof(reg_t)));
#endif
	r = pt(T_SYSCALL, pid, 0, 0);
	st = wait_status(pid);
	ktap_test_result(r == 0 && st == 0x857f, "SYSCALL: exit stop 0x857f (got %#x)", st);
	r = pt(T_GETREGS, pid, 0, regs);
	ktap_test_result(r == 0 && regs[R_AX] == (reg_t)getpid() && regs[R_ORIG_AX] == (reg_t)SYS_getppid,
			 "exit stop: ax is the result (our pid), orig_ax still the number");

	/* getpid: its result replaced at the exit stop. */
	pt(T_SYSCALL, pid, 0, 0);
	st = wait_status(pid);
	pt(T_SYSCALL, pid, 0, 0);
	st = wait_status(pid);
	r = pt(T_GETREGS, pid, 0, regs);
	ktap_test_result(st == 0x857f && r == 0 && regs[R_ORIG_AX] == (reg_t)SYS_getpid,
			 "the next call's exit stop: getpid");
	regs[R_AX] = 4242;
	r = pt(T_SETREGS, pid, 0, regs);
	ktap_test_result(r == 0, "SETREGS ax = 4242 -> %s", errno_name(-r));

	/* kill(self, SIGKILL) under SYSEMU: stopped at entry, never run. */
	r = pt(T_SYSEMU, pid, 0, 0);
	st = wait_status(pid);
	r = pt(T_GETREGS, pid, 0, regs);
	ktap_test_result(st == 0x857f && r == 0 && regs[R_ORIG_AX] == (reg_t)SYS_kill,
			 "SYSEMU: entry stop of kill (status %#x)", st);
	regs[R_AX] = 777;
	pt(T_SETREGS, pid, 0, regs);
	r = pt(T_CONT, pid, 0, 0);
	st = wait_status(pid);
	ktap_test_result(r == 0 && st == 0x300,
			 "CONT: the child got 4242 and 777, was not killed, exited 3 (status %#x)", st);

	/* System call -1: the tracer's ax set at the entry stop stays. */
	pid = traced_child(minus_one_body);
	st = wait_status(pid);
	pt(T_SYSCALL, pid, 0, 0);
	st = wait_status(pid);
	r = pt(T_GETREGS, pid, 0, regs);
	ktap_test_result(st == 0x57f && r == 0 && regs[R_ORIG_AX] == (reg_t)0xffffffffUL,
			 "system call 0xffffffff: entry stop, orig_ax 0xffffffff (status %#x)", st);
	regs[R_AX] = (reg_t)-9999;
	r = pt(T_SETREGS, pid, 0, regs);
	pt(T_SYSCALL, pid, 0, 0);
	st = wait_status(pid);
	pt(T_CONT, pid, 0, 0);
	st = wait_status(pid);
	ktap_test_result(r == 0 && st == 0x900, "... with ax = -9999 set there, the child gets -9999 (status %#x)", st);

	/* A signal-delivery stop; resumed with 0, the signal is gone. */
	pid = traced_child(signal_body);
	st = wait_status(pid);
	r = pt(T_CONT, pid, 0, 0);
	st = wait_status(pid);
	ktap_test_result(r == 0 && st == 0x0a7f, "the child's SIGUSR1 stops it first: 0xa7f (got %#x)", st);
	memset(&si, 0, sizeof(si));
	r = pt(T_GETSIGINFO, pid, 0, &si);
	ktap_test_result(r == 0 && si.s_signo == SIGUSR1 && si.s_code == 0 && si.s_pid == pid,
			 "GETSIGINFO: SIGUSR1, SI_USER, from the child");
	r = pt(T_CONT, pid, 0, 0);
	st = wait_status(pid);
	ktap_test_result(r == 0 && st == 0x500, "CONT with 0 cancels it: the child exits 5 (status %#x)", st);

	/* exec under PTRACE_TRACEME: a SIGTRAP stop after it. */
	pid = traced_child(exec_body);
	st = wait_status(pid);
	pt(T_CONT, pid, 0, 0);
	st = wait_status(pid);
	memset(&si, 0, sizeof(si));
	r = pt(T_GETSIGINFO, pid, 0, &si);
	ktap_test_result(st == 0x57f && r == 0 && si.s_signo == SIGTRAP && si.s_code == 0 && si.s_pid == pid,
			 "a traced exec stops with SIGTRAP, SI_USER, from itself (status %#x, code %d)",
			 st, si.s_code);
	pt(T_CONT, pid, 0, 0);
	st = wait_status(pid);
	ktap_test_result(st == 0x700, "... and the new image runs: exit 7 (status %#x)", st);

	/* PTRACE_ATTACH: a SIGSTOP from the kernel stops it for us. */
	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	r = pt(T_ATTACH, pid, 0, 0);
	st = wait_status(pid);
	memset(&si, 0, sizeof(si));
	r2 = pt(T_GETSIGINFO, pid, 0, &si);
	ktap_test_result(r == 0 && st == 0x137f && r2 == 0 && si.s_signo == SIGSTOP && si.s_code == 0x80,
			 "ATTACH: stopped by SIGSTOP, SI_KERNEL (status %#x, code %#x)", st, si.s_code);
	r = pt(T_DETACH, pid, 0, 0);
	r2 = pt(T_CONT, pid, 0, 0);
	syscall(SYS_kill, pid, SIGKILL);
	st = wait_status(pid);
	ktap_test_result(r == 0 && r2 == -ESRCH && st == SIGKILL,
			 "DETACH -> %s, then it is not ours (CONT -> %s), SIGKILL ends it", errno_name(-r), errno_name(-r2));

	/* PTRACE_KILL, and requests to a child we do not trace. */
	pid = traced_child(nothing_body);
	st = wait_status(pid);
	r = pt(T_KILL, pid, 0, 0);
	st = wait_status(pid);
	ktap_test_result(r == 0 && st == SIGKILL, "PTRACE_KILL: killed by SIGKILL (status %#x)", st);
	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	r = pt(T_CONT, pid, 0, 0);
	ktap_test_result(r == -ESRCH, "CONT of a child we do not trace -> %s", errno_name(-r));
	syscall(SYS_kill, pid, SIGKILL);
	st = wait_status(pid);
	pid = fork();
	if (pid == 0) {
		syscall(SYS_ptrace, T_TRACEME, 0, 0, 0);
		_exit(pt(T_TRACEME, 0, 0, 0) == -EPERM ? 7 : 8);
	}
	st = wait_status(pid);
	ktap_test_result(st == 0x700, "a second TRACEME -> EPERM (status %#x)", st);
	ktap_finished();
}
