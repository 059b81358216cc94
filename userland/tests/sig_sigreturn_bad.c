// SPDX-License-Identifier: MIT
/*
 * sig_sigreturn_bad: a signal handler can write anything into its frame;
 * sigreturn must then either return to that state or kill the task, and
 * never hurt the kernel. Each case runs in a child whose SIGUSR1 handler
 * corrupts one thing:
 *   a non-canonical RIP (ia32: an unmapped EIP)  -> SIGSEGV (IRET faults)
 *   CS = the kernel's code segment               -> SIGSEGV (RPL forced to 3, IRET faults)
 *   SS = the kernel's data segment               -> SIGSEGV
 *   a reserved MXCSR bit in the FXSAVE image     -> SIGSEGV (bad frame; ia32 only here)
 *   TF set in the saved flags                    -> SIGTRAP after one instruction
 * and a sigreturn with the stack pointer on unmapped memory is SIGSEGV. A
 * SIGSEGV handler, when there is one, runs for the faulting IRET (the
 * child exits 42 from it). The parent is still here to report.
 */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "ktap.h"
#include "sigframe.h"

static int mode;

static void on_usr1(int sig, siginfo_t *si, void *ucv)
{
	struct t_ucontext *uc = ucv;

	(void)sig;
	(void)si;
	switch (mode) {
	case 0:
	case 5:
#if defined(__x86_64__)
		uc->mc.ip = 0x8000000000000000ULL;
#else
		uc->mc.ip = 0xfffff000u;
#endif
		break;
	case 1:
		uc->mc.cs = 0x10;
		break;
	case 2:
		uc->mc.ss = 0x18;
		break;
	case 3: {
		uint8_t *fx = T_FXSAVE(uc);
		uint32_t mxcsr;
		memcpy(&mxcsr, fx + 24, 4);
		mxcsr |= 0x80000000u;
		memcpy(fx + 24, &mxcsr, 4);
		break;
	}
	case 6:
		T_FLAGS(uc) |= 0x100;
		break;
	}
}

static void on_segv(int sig)
{
	(void)sig;
	_exit(42);
}

/* rt_sigreturn with the stack pointer on an unmapped page. */
static void sigreturn_on_bad_stack(void)
{
#if defined(__x86_64__)
	__asm__ volatile("mov $0x1000, %%rsp\n\t"
#if defined(__ILP32__)
			 "mov $0x40000201, %%eax\n\t"
#else
			 "mov $15, %%eax\n\t"
#endif
			 "syscall" : : : "memory");
#else
	__asm__ volatile("mov $0x1000, %%esp\n\t"
			 "mov $173, %%eax\n\t"
			 "int $0x80" : : : "memory");
#endif
}

/* What the child died of (the signal), or its exit code + 1000. */
static int run(int m)
{
	pid_t pid = fork();
	int status = 0;

	if (pid == 0) {
		struct sigaction sa;

		mode = m;
		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = on_usr1;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGUSR1, &sa, NULL);
		if (m == 5) {
			memset(&sa, 0, sizeof(sa));
			sa.sa_handler = on_segv;
			sigaction(SIGSEGV, &sa, NULL);
		}
		if (m == 4)
			sigreturn_on_bad_stack();
		raise(SIGUSR1);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status))
		return WTERMSIG(status);
	return 1000 + WEXITSTATUS(status);
}

int main(void)
{
	ktap_print_header();
	ktap_set_plan(7);
	ktap_test_result(run(0) == SIGSEGV, "sigreturn to a bad RIP/EIP: SIGSEGV");
	ktap_test_result(run(1) == SIGSEGV, "sigreturn with the kernel's CS: SIGSEGV");
	ktap_test_result(run(2) == SIGSEGV, "sigreturn with the kernel's SS: SIGSEGV");
#if defined(__i386__)
	ktap_test_result(run(3) == SIGSEGV, "sigreturn with a reserved MXCSR bit: SIGSEGV");
#else
	/* Linux checks the ia32 image itself but lets FXRSTOR/XRSTOR fault on
	 * the 64-bit one, and QEMU's TCG does not fault: there Linux returns
	 * with the bit dropped. Trident checks in software (real CPUs' result). */
	ktap_test_skip("FXRSTOR's #GP differs under emulators", "sigreturn with a reserved MXCSR bit: SIGSEGV");
#endif
	ktap_test_result(run(4) == SIGSEGV, "rt_sigreturn with the stack on an unmapped page: SIGSEGV");
	ktap_test_result(run(5) == 1042, "a SIGSEGV handler runs for the faulting return");
	ktap_test_result(run(6) == SIGTRAP, "sigreturn with TF set: SIGTRAP after one instruction");
	ktap_finished();
}
