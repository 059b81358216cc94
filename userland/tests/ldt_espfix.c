// SPDX-License-Identifier: MIT
/*
 * ldt_espfix: does a return to a 16-bit stack segment keep the program's
 * own ESP? An IRET to compatibility mode with a 16-bit SS loads only SP
 * (bits 0-15); without espfix64 the kernel's stack address is left in
 * bits 16-63 (a kernel address leak, docs/security.md). Linux and Trident
 * return through the espfix64 stack, so bits 0-31 are the program's; bits
 * 32-63 are the CPU's and the kernel's business (Linux's sigreturn
 * selftest ignores them too), and are never printed.
 *
 * Each case runs in a child with an LDT (modify_ldt): entry 0 a 16-bit
 * data segment, entry 1 a not-present 32-bit data segment. Its SIGUSR1
 * handler rewrites its frame so that rt_sigreturn (sigreturn for i386)
 * returns to an int3 with CS 0x23 (32-bit code, below 4 GiB in a static
 * program), SS the 16-bit segment and ESP a chosen value. The SIGTRAP
 * handler (on the alternate stack: ESP is no stack) sends the ESP and SS
 * it sees in its frame to the parent through a pipe. Then the faulting
 * returns through the same path: a kernel CS or a not-present SS kill the
 * child with SIGSEGV or SIGBUS (Linux says SIGSEGV, #GP(0), for both: its
 * espfix loses the real vector; Trident reports #SS as SIGBUS, as for a
 * GDT SS), and the kernel lives on.
 */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "ktap.h"
#include "user_desc.h"
#include "raw_syscall.h"
#include "sigframe.h"

#define LDT_SEL(n)	((n) << 3 | 4 | 3)
#define DATA16_SEL	LDT_SEL(0)
#define NPDATA32_SEL	LDT_SEL(1)
#define USER32_CS	0x23		/* the 32-bit user code segment (GDT) */
#define USER64_CS	0x33
#define KERNEL_CS	0x10		/* sigreturn makes it 0x13: IRET #GP */

/* The int3 the returns land on: valid code in 16-, 32- and 64-bit mode. */
__asm__(".pushsection .text\n"
	".globl espfix_int3\n"
	"espfix_int3:\n\t"
	"int3\n\t"
	".popsection");
extern char espfix_int3[];

static int modify_ldt(int func, void *ptr, unsigned long count)
{
#if defined(__x86_64__)
	return (int)raw_syscall3(SYS_modify_ldt, func, (uintptr_t)ptr, count);
#else
	return (int)syscall(SYS_modify_ldt, func, ptr, count);
#endif
}

/* What the child's SIGUSR1 handler puts into the frame. */
static uint16_t want_cs, want_ss;
static uint64_t want_sp;
static int report_fd;
static char altstack[65536] __attribute__((aligned(16)));

static void on_usr1(int sig, siginfo_t *si, void *ucv)
{
	struct t_ucontext *uc = ucv;

	(void)sig;
	(void)si;
	uc->mc.cs = want_cs;
	uc->mc.ss = want_ss;
	T_IP(uc) = (uintptr_t)espfix_int3;
	T_SP(uc) = want_sp;
}

/* The int3: report the stack pointer and SS it trapped with, and exit. */
static void on_trap(int sig, siginfo_t *si, void *ucv)
{
	struct t_ucontext *uc = ucv;
	uint64_t seen[2] = { (uint64_t)T_SP(uc), uc->mc.ss };

	(void)sig;
	(void)si;
	if (write(report_fd, seen, sizeof(seen)) != sizeof(seen))
		_exit(3);
	_exit(0);
}

static int setup_ldt(void)
{
	struct user_desc data16 = {
		.entry_number = 0, .base_addr = 0, .limit = 0xffff, .seg_32bit = 0,
		.contents = 0, .read_exec_only = 0, .limit_in_pages = 0,
		.seg_not_present = 0, .useable = 0,
	};
	struct user_desc npdata32 = {
		.entry_number = 1, .base_addr = 0, .limit = 0xfffff, .seg_32bit = 1,
		.contents = 0, .read_exec_only = 0, .limit_in_pages = 1,
		.seg_not_present = 1, .useable = 0,
	};

	return modify_ldt(0x11, &data16, sizeof(data16)) == 0 &&
	       modify_ldt(0x11, &npdata32, sizeof(npdata32)) == 0;
}

struct outcome {
	int sig;		/* what killed the child, 0 if it exited */
	int code;		/* its exit code */
	int got;		/* the SIGTRAP handler reported */
	uint64_t seen[2];	/* what it reported: RSP/ESP, SS */
};

static struct outcome run(uint16_t cs, uint16_t ss, uint64_t sp)
{
	struct outcome o;
	int fds[2];
	int status = 0;

	memset(&o, 0, sizeof(o));
	if (pipe(fds) < 0)
		return o;
	pid_t pid = fork();
	if (pid == 0) {
		struct sigaction sa;
		stack_t st;

		close(fds[0]);
		report_fd = fds[1];
		want_cs = cs;
		want_ss = ss;
		want_sp = sp;
		if (!setup_ldt())
			_exit(2);
		memset(&st, 0, sizeof(st));
		st.ss_sp = altstack;
		st.ss_size = sizeof(altstack);
		if (sigaltstack(&st, NULL) < 0)
			_exit(2);
		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = on_usr1;
		sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
		sigaction(SIGUSR1, &sa, NULL);
		sa.sa_sigaction = on_trap;
		sigaction(SIGTRAP, &sa, NULL);
		raise(SIGUSR1);
		_exit(1);		/* the return went somewhere else */
	}
	close(fds[1]);
	o.got = read(fds[0], o.seen, sizeof(o.seen)) == sizeof(o.seen);
	close(fds[0]);
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status))
		o.sig = WTERMSIG(status);
	else
		o.code = WEXITSTATUS(status);
	return o;
}

/* Bits 0-31 of the stack pointer after the return to a 16-bit SS. */
static void check_esp(uint32_t esp)
{
	struct outcome o = run(USER32_CS, DATA16_SEL, 0x8badf00d00000000ULL | esp);
	uint32_t got = (uint32_t)o.seen[0];
	int ok = o.got && o.code == 0 && got == esp && o.seen[1] == DATA16_SEL;

	if (!ok) {
		/* Bits 16-31 only as "differ": they may be the kernel's. */
		ktap_print_msg("got=%d exit=%d sig=%d sp bits 0-15 %#x, bits 16-31 %s, ss=%#x",
			       o.got, o.code, o.sig, got & 0xffff,
			       (got ^ esp) >> 16 ? "differ" : "match", (unsigned int)o.seen[1]);
	}
	ktap_test_result(ok, "32-bit CS, 16-bit SS, ESP %#x comes back whole", esp);
}

int main(void)
{
	ktap_print_header();
	ktap_set_plan(7);

	/* Bits 16-31 all clear, mixed, all set: without espfix each one
	 * shows the kernel stack's bits instead. */
	check_esp(0x0000c0de);
	check_esp(0x5aadc0de);
	check_esp(0xffff0ff0);
	check_esp(0xa5a50000);

#if defined(__x86_64__)
	{
		/* A 64-bit CS ignores SS's size: all 64 bits come back. */
		uint64_t sp = 0x00007ffd5aadc0deULL;
		struct outcome o = run(USER64_CS, DATA16_SEL, sp);
		int ok = o.got && o.code == 0 && o.seen[0] == sp && o.seen[1] == DATA16_SEL;

		if (!ok)
			ktap_print_msg("got=%d exit=%d sig=%d", o.got, o.code, o.sig);
		ktap_test_result(ok, "64-bit CS, 16-bit SS: RSP comes back whole");
	}
#else
	ktap_test_skip("not a 64-bit build", "64-bit CS, 16-bit SS: RSP comes back whole");
#endif

	{
		struct outcome o = run(KERNEL_CS, DATA16_SEL, 0x5aadc0de);

		ktap_print_msg("kernel CS with a 16-bit SS: signal %d", o.sig);
		ktap_test_result(o.sig == SIGSEGV, "kernel CS, 16-bit SS: the return faults, SIGSEGV");
	}
	{
		struct outcome o = run(USER32_CS, NPDATA32_SEL, 0x5aadc0de);

		ktap_print_msg("not-present LDT SS: signal %d", o.sig);
		ktap_test_result(o.sig == SIGSEGV || o.sig == SIGBUS,
				 "not-present LDT SS: the return faults, SIGSEGV or SIGBUS");
	}
	ktap_finished();
}
