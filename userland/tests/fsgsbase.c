/* SPDX-License-Identifier: MIT */
/*
 * fsgsbase: can a 64-bit program move its own FS and GS bases?
 *
 * Linux 5.9+ sets CR4.FSGSBASE when the CPU has it (CPUID.7.0:EBX bit 0)
 * and says so with HWCAP2_FSGSBASE in AT_HWCAP2; then RDFSBASE, WRFSBASE,
 * RDGSBASE and WRGSBASE work in user mode, and the kernel must take the
 * bases from the CPU, not from what arch_prctl() last set:
 *  - round trips, and %fs:0 / %gs:0 read through the new base;
 *  - arch_prctl(ARCH_GET_FS/GS) sees what WRFSBASE/WRGSBASE wrote, and
 *    RDGSBASE what ARCH_SET_GS wrote;
 *  - the bases survive sched_yield and timer preemption while another
 *    process with other bases runs, and a forked child inherits them;
 *  - a kernel-half GS base (0xffffffffffff0000, as the selftest
 *    syscall_arg_fault) harms nothing: SYSCALL, int $0x80, a page fault,
 *    a SIGSEGV and SYSENTER with TF set (#DB in the kernel before its
 *    SWAPGS) all leave the kernel running.
 *
 * Without HWCAP2_FSGSBASE (qemu64, "nofsgsbase") the program checks that
 * RDFSBASE raises SIGILL and skips the rest as a whole ("1..0 # SKIP"), so
 * a CPU with and one without the feature are not compared line by line.
 * x32 and i386 builds skip: the instructions are 64-bit ones and the
 * checks use 64-bit bases.
 *
 * glibc keeps its thread pointer in the FS base: FS is only changed inside
 * asm blocks that call nothing. GS is unused by both libcs.
 */
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "ktap.h"

#define PLAN		12

#if defined(__x86_64__) && !defined(__ILP32__)

#define HWCAP2_FSGSBASE		(1UL << 1)
#define ARCH_SET_GS		0x1001
#define ARCH_GET_FS		0x1003
#define ARCH_GET_GS		0x1004
#define SIGILL			4
#define SIGSEGV			11
#define KERNEL_HALF		0xffffffffffff0000UL
/* Two processes x 500 rounds x 20000 pauses: about 60 M guest
 * instructions, many timer ticks under QEMU TCG; 2000 rounds took most of
 * a boot's 60 s on a loaded machine. */
#define SWITCH_ROUNDS		500

static volatile unsigned long magic_a = 0x4141414141414141UL;
static volatile unsigned long magic_b = 0x4242424242424242UL;
static volatile unsigned long magic_c = 0x4343434343434343UL;

static unsigned long rdfsbase(void)
{
	unsigned long v;

	__asm__ volatile("rdfsbase %0" : "=r"(v));
	return v;
}

static unsigned long rdgsbase(void)
{
	unsigned long v;

	__asm__ volatile("rdgsbase %0" : "=r"(v));
	return v;
}

static void wrgsbase(unsigned long v)
{
	__asm__ volatile("wrgsbase %0" : : "r"(v) : "memory");
}

static unsigned long gs_load(void)
{
	unsigned long v;

	__asm__ volatile("movq %%gs:0, %0" : "=r"(v) : : "memory");
	return v;
}

/* Raw system calls for the asm-free parts (no errno, no TLS). */
static long sys2(long nr, long a, long b)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b)
			 : "rcx", "r11", "memory");
	return ret;
}

/* wait4 for pid: "exit N" or "signal N" into what, and the raw status. */
static int wait_child(long pid, char *what, size_t size)
{
	int status = 0;

	syscall(SYS_wait4, pid, &status, 0, NULL);
	if ((status & 0x7f) == 0)
		snprintf(what, size, "exit %d", (status >> 8) & 0xff);
	else
		snprintf(what, size, "signal %d", status & 0x7f);
	return status;
}

static int exited_0(int status)
{
	return (status & 0x7f) == 0 && ((status >> 8) & 0xff) == 0;
}

/* ---------------------------------------------------- without FSGSBASE */

static void check_sigill(void)
{
	char what[32];
	long pid = syscall(SYS_fork);

	if (pid == 0) {
		rdfsbase();
		_exit(0);
	}
	int status = wait_child(pid, what, sizeof(what));
	if ((status & 0x7f) == SIGILL) {
		printf("1..0 # SKIP FSGSBASE not enabled: no HWCAP2_FSGSBASE, rdfsbase raises SIGILL\n");
		exit(0);
	}
	ktap_set_plan(1);
	ktap_print_msg("rdfsbase without HWCAP2_FSGSBASE: %s", what);
	ktap_test_fail("rdfsbase raises SIGILL without HWCAP2_FSGSBASE");
	ktap_finished();
}

/* ----------------------------------------------------------- FS base */

static void test_fs(void)
{
	unsigned long got, seen, base = (unsigned long)&magic_a;
	unsigned long got_prctl = 0;
	long ret;

	/* wrfsbase, rdfsbase, %fs:0, glibc's base back: no call between. */
	__asm__ volatile("rdfsbase %%r8\n\t"
			 "wrfsbase %[base]\n\t"
			 "rdfsbase %[got]\n\t"
			 "movq %%fs:0, %[seen]\n\t"
			 "wrfsbase %%r8"
			 : [got] "=&r"(got), [seen] "=&r"(seen)
			 : [base] "r"(base) : "r8", "memory");
	ktap_test_result(got == base && seen == magic_a,
			 "wrfsbase/rdfsbase round trip, %%fs:0 reads through the base");

	/* arch_prctl(ARCH_GET_FS) with the base wrfsbase wrote. */
	__asm__ volatile("rdfsbase %%r8\n\t"
			 "wrfsbase %[base]\n\t"
			 "syscall\n\t"
			 "wrfsbase %%r8"
			 : "=a"(ret)
			 : "a"((long)SYS_arch_prctl), "D"((long)ARCH_GET_FS), "S"(&got_prctl),
			   [base] "r"(base)
			 : "rcx", "r11", "r8", "memory");
	if (ret != 0 || got_prctl != base)
		ktap_print_msg("arch_prctl(ARCH_GET_FS) = %ld, base %s", ret,
			       got_prctl == base ? "right" : "wrong");
	ktap_test_result(ret == 0 && got_prctl == base,
			 "arch_prctl(ARCH_GET_FS) returns the base wrfsbase wrote");
}

/* ----------------------------------------------------------- GS base */

static void test_gs(void)
{
	unsigned long got = 0;
	long ret;

	wrgsbase((unsigned long)&magic_b);
	ktap_test_result(rdgsbase() == (unsigned long)&magic_b && gs_load() == magic_b,
			 "wrgsbase/rdgsbase round trip, %%gs:0 reads through the base");
	ret = syscall(SYS_arch_prctl, ARCH_GET_GS, &got);
	ktap_test_result(ret == 0 && got == (unsigned long)&magic_b,
			 "arch_prctl(ARCH_GET_GS) returns the base wrgsbase wrote");
	ret = syscall(SYS_arch_prctl, ARCH_SET_GS, (unsigned long)&magic_c);
	ktap_test_result(ret == 0 && rdgsbase() == (unsigned long)&magic_c &&
			 gs_load() == magic_c,
			 "rdgsbase sees the base arch_prctl(ARCH_SET_GS) set");
	wrgsbase(0);
}

/* ---------------------------------------------- context switch, fork */

/* The FS and GS bases across SWITCH_ROUNDS sched_yields, with a short
 * spin after each (timer ticks): the rounds where a base or %fs:0/%gs:0
 * was not what was written. Only raw system calls while FS is ours. */
static unsigned long spin_bases(unsigned long fs, unsigned long gs, unsigned long expect_gs)
{
	unsigned long bad = 0, rounds = SWITCH_ROUNDS;

	__asm__ volatile("rdfsbase %%r8\n\t"
			 "wrfsbase %[fs]\n\t"
			 "wrgsbase %[gs]\n"
			 "1:\n\t"
			 "movl $%c[yield], %%eax\n\t"
			 "syscall\n\t"
			 "movl $20000, %%ecx\n"
			 "2:\n\t"
			 "pause\n\t"
			 "decl %%ecx\n\t"
			 "jnz 2b\n\t"
			 "rdfsbase %%rax\n\t"
			 "cmpq %[fs], %%rax\n\t"
			 "jne 3f\n\t"
			 "rdgsbase %%rax\n\t"
			 "cmpq %[gs], %%rax\n\t"
			 "jne 3f\n\t"
			 "movq %%gs:0, %%rax\n\t"
			 "cmpq %[exp], %%rax\n\t"
			 "je 4f\n"
			 "3:\n\t"
			 "incq %[bad]\n"
			 "4:\n\t"
			 "decq %[n]\n\t"
			 "jnz 1b\n\t"
			 "wrfsbase %%r8"
			 : [bad] "+r"(bad), [n] "+r"(rounds)
			 : [fs] "r"(fs), [gs] "r"(gs), [exp] "r"(expect_gs),
			   [yield] "i"(SYS_sched_yield)
			 : "rax", "rcx", "r8", "r11", "memory", "cc");
	wrgsbase(0);
	return bad;
}

static void test_switch(void)
{
	char what[32];
	long pid = syscall(SYS_fork);

	if (pid == 0) {
		/* The other process: other bases, the same rounds. */
		unsigned long bad = spin_bases((unsigned long)&magic_b,
					       (unsigned long)&magic_c, magic_c);
		_exit(bad ? 1 : 0);
	}
	unsigned long bad = spin_bases((unsigned long)&magic_c, (unsigned long)&magic_a,
				       magic_a);
	int status = wait_child(pid, what, sizeof(what));

	if (bad)
		ktap_print_msg("%lu of %d rounds saw another base", bad, SWITCH_ROUNDS);
	ktap_test_result(!bad, "FS and GS bases survive sched_yield and preemption");
	if (!exited_0(status))
		ktap_print_msg("the other process: %s", what);
	ktap_test_result(exited_0(status), "so do the other process's bases");
}

/* fork by a raw SYSCALL while FS is ours; the child checks both bases
 * and leaves by exit_group without returning to C. */
static void test_fork_inherits(void)
{
	char what[32];
	unsigned long fs = (unsigned long)&magic_a, gs = (unsigned long)&magic_b;
	long pid;

	__asm__ volatile("rdfsbase %%r8\n\t"
			 "wrfsbase %[fs]\n\t"
			 "wrgsbase %[gs]\n\t"
			 "syscall\n\t"
			 "testq %%rax, %%rax\n\t"
			 "jnz 2f\n\t"
			 /* the child: exit status 0 when both bases came along */
			 "xorl %%edi, %%edi\n\t"
			 "rdfsbase %%rdx\n\t"
			 "cmpq %[fs], %%rdx\n\t"
			 "setne %%dil\n\t"
			 "rdgsbase %%rdx\n\t"
			 "cmpq %[gs], %%rdx\n\t"
			 "je 1f\n\t"
			 "orl $2, %%edi\n"
			 "1:\n\t"
			 "movl $%c[exit], %%eax\n\t"
			 "syscall\n\t"
			 "ud2\n"
			 "2:\n\t"
			 "wrfsbase %%r8"
			 : "=a"(pid)
			 : "a"((long)SYS_fork), [fs] "r"(fs), [gs] "r"(gs),
			   [exit] "i"(SYS_exit_group)
			 : "rcx", "rdx", "rdi", "r8", "r11", "memory", "cc");
	int parent_ok = rdgsbase() == gs;
	wrgsbase(0);
	if (pid < 0) {
		ktap_test_fail("fork: %ld", pid);
		return;
	}
	int status = wait_child(pid, what, sizeof(what));
	if (!exited_0(status))
		ktap_print_msg("child: %s (1: FS base, 2: GS base differed)", what);
	ktap_test_result(exited_0(status) && parent_ok,
			 "a forked child inherits the FS and GS bases wrfsbase/wrgsbase wrote");
}

/* ---------------------------------------- a kernel-half GS base */

static void test_kernel_half(void)
{
	char what[32];
	long pid, ret, want = sys2(SYS_getpid, 0, 0);
	int status;

	/* SYSCALL: the entry's SWAPGS hides the user's base. */
	wrgsbase(KERNEL_HALF);
	ret = sys2(SYS_getpid, 0, 0);
	unsigned long after = rdgsbase();
	wrgsbase(0);
	ktap_test_result(ret == want && after == KERNEL_HALF,
			 "getpid by SYSCALL with GS base 0xffffffffffff0000, which stays");

	/* int $0x80 (no gate with ia32_emulation=0: SIGSEGV, as Linux). */
	pid = syscall(SYS_fork);
	if (pid == 0) {
		long id = sys2(SYS_getpid, 0, 0);
		long r;

		wrgsbase(KERNEL_HALF);
		__asm__ volatile("int $0x80" : "=a"(r) : "a"(20L /* i386 getpid */)
				 : "memory");
		_exit(r == id && rdgsbase() == KERNEL_HALF ? 0 : 1);
	}
	status = wait_child(pid, what, sizeof(what));
	ktap_print_msg("int $0x80 child: %s", what);
	ktap_test_result(exited_0(status) || (status & 0x7f) == SIGSEGV,
			 "int $0x80 getpid with a kernel-half GS base: right or SIGSEGV");

	/* A page fault the kernel resolves, then one it turns into SIGSEGV. */
	pid = syscall(SYS_fork);
	if (pid == 0) {
		volatile unsigned long *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
						 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			_exit(2);
		wrgsbase(KERNEL_HALF);
		*p = 1;
		if (*p != 1 || rdgsbase() != KERNEL_HALF)
			_exit(1);
		*(volatile int *)0 = 1;
		_exit(3);
	}
	status = wait_child(pid, what, sizeof(what));
	if ((status & 0x7f) != SIGSEGV)
		ktap_print_msg("page-fault child: %s", what);
	ktap_test_result((status & 0x7f) == SIGSEGV,
			 "page faults with a kernel-half GS base: one resolved, then SIGSEGV");

	/* SYSENTER with TF set and nonsense in every register: Intel enters
	 * entry_SYSENTER_compat with the single-step #DB pending on its
	 * first instruction, before SWAPGS (AMD: #UD). Whatever signal the
	 * process gets, the kernel must go on. */
	pid = syscall(SYS_fork);
	if (pid == 0) {
		wrgsbase(KERNEL_HALF);
		__asm__ volatile("pushfq\n\t"
				 "orq $0x100, (%%rsp)\n\t"
				 "popfq\n\t"
				 "movl $-1, %%eax\n\t"
				 "movl $-1, %%ebx\n\t"
				 "movl $-1, %%ecx\n\t"
				 "movl $-1, %%edx\n\t"
				 "movl $-1, %%esi\n\t"
				 "movl $-1, %%edi\n\t"
				 "movl $-1, %%ebp\n\t"
				 "movl $-1, %%esp\n\t"
				 "sysenter"
				 : : : "memory", "cc");
		_exit(0);
	}
	status = wait_child(pid, what, sizeof(what));
	ktap_print_msg("SYSENTER child: %s", what);
	ktap_test_result((status & 0x7f) != 0,
			 "SYSENTER with TF and a kernel-half GS base: a signal, the kernel goes on");
}

static void run(void)
{
	if (!(getauxval(AT_HWCAP2) & HWCAP2_FSGSBASE))
		check_sigill();		/* does not return */
	ktap_set_plan(PLAN);
	test_fs();
	test_gs();
	test_switch();
	test_fork_inherits();
	test_kernel_half();
}

#endif

int main(void)
{
	ktap_print_header();
#if defined(__x86_64__) && !defined(__ILP32__)
	run();
#else
	printf("1..0 # SKIP not a 64-bit program: RDFSBASE and friends are 64-bit ones\n");
	exit(0);
#endif
	ktap_finished();
}
