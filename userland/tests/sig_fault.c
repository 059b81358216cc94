// SPDX-License-Identifier: MIT
/*
 * sig_fault: which signal, si_code, si_addr, trapno and err does each
 * fault produce? As Linux's arch/x86/kernel/traps.c and mm/fault.c:
 *   store to NULL           SIGSEGV SEGV_MAPERR  addr 0      trapno 14 err 6
 *   store to a read-only page (read before)  SIGSEGV SEGV_ACCERR addr page trapno 14 err 7
 *   load from the kernel half  SIGSEGV SEGV_MAPERR addr      trapno 14 err 5 (64-bit code)
 *   ud2                     SIGILL  ILL_ILLOPN   addr the ud2  trapno 6
 *   div by 0                SIGFPE  FPE_INTDIV   addr the div  trapno 0
 *   int3                    SIGTRAP SI_KERNEL                  trapno 3
 *   hlt (privileged)        SIGSEGV SI_KERNEL                  trapno 13 err 0
 *   TF single step          SIGTRAP TRAP_TRACE   addr the next instruction, trapno 1
 * Each fault is the first instruction of a small function; the handler
 * resumes at a `ret` (fault_ret) and records what it saw. A fault whose
 * signal is blocked or ignored, or that comes inside its own handler,
 * kills (Linux's force_sig_fault()).
 */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "ktap.h"
#include "sigframe.h"

#if defined(__x86_64__)
__asm__(".text\n"
	".globl fault_ret\n fault_ret: ret\n"
	".globl f_null\n f_null: movl $1, 0\n ret\n"
	".globl f_ro\n f_ro: movl $1, (%rdi)\n ret\n"
	".globl f_kernel\n f_kernel: movabs $0xffffffff80000000, %rax\n movl (%rax), %eax\n ret\n"
	".globl f_ud2\n f_ud2: ud2\n ret\n"
	".globl f_div\n f_div: xor %eax, %eax\n xor %edx, %edx\n .globl f_div_insn\n f_div_insn: divl %eax\n ret\n"
	".globl f_int3\n f_int3: int3\n ret\n"
	".globl f_hlt\n f_hlt: hlt\n ret\n"
	".globl f_step\n f_step: pushfq\n orl $0x100, (%rsp)\n popfq\n nop\n"
	".globl f_step_after\n f_step_after: pushfq\n andl $~0x100, (%rsp)\n popfq\n ret\n");
#else
__asm__(".text\n"
	".globl fault_ret\n fault_ret: ret\n"
	".globl f_null\n f_null: movl $1, 0\n ret\n"
	".globl f_ro\n f_ro: mov 4(%esp), %eax\n movl $1, (%eax)\n ret\n"
	".globl f_kernel\n f_kernel: ret\n"
	".globl f_ud2\n f_ud2: ud2\n ret\n"
	".globl f_div\n f_div: xor %eax, %eax\n xor %edx, %edx\n .globl f_div_insn\n f_div_insn: divl %eax\n ret\n"
	".globl f_int3\n f_int3: int3\n ret\n"
	".globl f_hlt\n f_hlt: hlt\n ret\n"
	".globl f_step\n f_step: pushfl\n orl $0x100, (%esp)\n popfl\n nop\n"
	".globl f_step_after\n f_step_after: pushfl\n andl $~0x100, (%esp)\n popfl\n ret\n");
#endif

void fault_ret(void), f_null(void), f_ro(void *), f_kernel(void), f_ud2(void), f_div(void),
	f_int3(void), f_hlt(void), f_step(void);
extern char f_div_insn[], f_step_after[];

static volatile int got_sig, got_code;
static volatile uintptr_t got_addr;
static volatile uint64_t got_trapno, got_err, got_cr2;

static void on_fault(int sig, siginfo_t *si, void *ucv)
{
	struct t_ucontext *uc = ucv;

	got_sig = sig;
	got_code = si->si_code;
	got_addr = (uintptr_t)si->si_addr;
	got_trapno = uc->mc.trapno;
	got_err = uc->mc.err;
	got_cr2 = uc->mc.cr2;
	T_FLAGS(uc) &= ~0x100UL;		/* TF off, for the single step */
	T_IP(uc) = (uintptr_t)fault_ret;
}

static void handle(int sig, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | flags;
	sigaction(sig, &sa, NULL);
}

static void reset(void)
{
	got_sig = got_code = 0;
	got_addr = 0;
	got_trapno = got_err = got_cr2 = 99;
}

/* A child that faults with SIGSEGV blocked, ignored, or inside its own
 * handler: it must die of SIGSEGV. */
static void on_segv_fault_again(int sig)
{
	(void)sig;
	f_null();
}

static int child_dies_of_segv(int how)
{
	pid_t pid = fork();
	int status = 0;

	if (pid == 0) {
		struct sigaction sa;
		sigset_t set;

		memset(&sa, 0, sizeof(sa));
		if (how == 0) {
			sa.sa_sigaction = on_fault;
			sa.sa_flags = SA_SIGINFO;
			sigaction(SIGSEGV, &sa, NULL);
			sigemptyset(&set);
			sigaddset(&set, SIGSEGV);
			sigprocmask(SIG_BLOCK, &set, NULL);
		} else if (how == 1) {
			sa.sa_handler = SIG_IGN;
			sigaction(SIGSEGV, &sa, NULL);
		} else {
			sa.sa_handler = on_segv_fault_again;
			sigaction(SIGSEGV, &sa, NULL);
		}
		f_null();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) ? WTERMSIG(status) : -1;	/* a core flag may come on a host */
}

int main(void)
{
	char *ro;

	ktap_print_header();
	ktap_set_plan(11);
	handle(SIGSEGV, 0);
	handle(SIGILL, 0);
	handle(SIGFPE, 0);
	handle(SIGTRAP, 0);

	reset();
	f_null();
	ktap_test_result(got_sig == SIGSEGV && got_code == 1 && got_addr == 0 && got_trapno == 14 &&
			 got_err == 6 && got_cr2 == 0,
			 "store to NULL: SIGSEGV SEGV_MAPERR, si_addr 0, trapno 14, err 6, cr2 0");

	ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	(void)*(volatile char *)ro;		/* present now: the store is a protection fault */
	reset();
	f_ro(ro);
	ktap_test_result(got_sig == SIGSEGV && got_code == 2 && got_addr == (uintptr_t)ro &&
			 got_trapno == 14 && got_err == 7 && got_cr2 == (uintptr_t)ro,
			 "store to a read-only page: SIGSEGV SEGV_ACCERR, si_addr the page, err 7");

#if defined(__x86_64__)
	reset();
	f_kernel();
	ktap_test_result(got_sig == SIGSEGV && got_code == 1 && got_trapno == 14 && got_err == 5 &&
			 got_cr2 == 0xffffffff80000000ULL,
			 "load from the kernel half: SIGSEGV SEGV_MAPERR, err 5 (protection, user)");
#else
	(void)f_kernel;
	ktap_test_skip("64-bit addresses only", "load from the kernel half");
#endif

	reset();
	f_ud2();
	ktap_test_result(got_sig == SIGILL && got_code == 2 && got_addr == (uintptr_t)f_ud2 &&
			 got_trapno == 6 && got_err == 0,
			 "ud2: SIGILL ILL_ILLOPN, si_addr the ud2, trapno 6");

	reset();
	f_div();
	ktap_test_result(got_sig == SIGFPE && got_code == 1 && got_addr == (uintptr_t)f_div_insn &&
			 got_trapno == 0 && got_err == 0,
			 "divide by 0: SIGFPE FPE_INTDIV, si_addr the div, trapno 0");

	reset();
	f_int3();
	ktap_test_result(got_sig == SIGTRAP && got_code == 0x80 && got_addr == 0 && got_trapno == 3 &&
			 got_err == 0, "int3: SIGTRAP SI_KERNEL, trapno 3");

	reset();
	f_hlt();
	ktap_test_result(got_sig == SIGSEGV && got_code == 0x80 && got_trapno == 13 && got_err == 0,
			 "hlt in user mode: #GP, SIGSEGV SI_KERNEL, trapno 13, err 0");

	reset();
	f_step();
	ktap_test_result(got_sig == SIGTRAP && got_code == 2 && got_addr == (uintptr_t)f_step_after &&
			 got_trapno == 1 && got_err == 0,
			 "TF single step: SIGTRAP TRAP_TRACE, si_addr after the stepped instruction, trapno 1");

	ktap_test_result(child_dies_of_segv(0) == SIGSEGV, "a fault with SIGSEGV blocked kills with SIGSEGV");
	ktap_test_result(child_dies_of_segv(1) == SIGSEGV, "a fault with SIGSEGV ignored kills with SIGSEGV");
	ktap_test_result(child_dies_of_segv(2) == SIGSEGV,
			 "a fault inside the SIGSEGV handler kills with SIGSEGV");
	ktap_finished();
}
