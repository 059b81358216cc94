// SPDX-License-Identifier: MIT
/*
 * What does a 32-bit program get from __kernel_vsyscall (AT_SYSINFO)?
 *
 * The vDSO enters the kernel with the CPU's fast instruction: SYSENTER on
 * Intel, SYSCALL on AMD (SYSCALL from 32-bit code raises #UD on Intel,
 * SYSENTER in long mode #UD on AMD), else int $0x80. Either way it behaves
 * like int $0x80: number in EAX, arguments EBX ECX EDX ESI EDI EBP (the
 * sixth travels on the user stack: the vDSO pushed EBP), result in EAX,
 * every other register and the flags as they were. The same questions go
 * through int $0x80 for comparison.
 */
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <signal.h>
#include "ktap.h"
#include "errname.h"

#define PLAN 20

#if defined(__i386__)
#define NR_getpid 20
#define NR_mmap2  192
#define NR_munmap 91

/* Operands in memory at fixed addresses: every register is the test's. */
uint32_t g_fn, g_regs_in[7], g_regs_out[7], g_flags_in, g_flags_out;

/* Load EAX EBX ECX EDX ESI EDI EBP from g_regs_in, call through g_fn (0:
 * int $0x80), store all seven to g_regs_out; flags around it too. */
static void call_all(void)
{
	__asm__ volatile(
		"push %%ebp\n\t"
		"pushfl\n\t"
		"mov g_regs_in+4, %%ebx\n\t"
		"mov g_regs_in+8, %%ecx\n\t"
		"mov g_regs_in+12, %%edx\n\t"
		"mov g_regs_in+16, %%esi\n\t"
		"mov g_regs_in+20, %%edi\n\t"
		"mov g_regs_in+24, %%ebp\n\t"
		"mov g_regs_in, %%eax\n\t"
		"cmpl $0, g_fn\n\t"		/* flags are set after this */
		"je 1f\n\t"
		"pushl g_flags_in\n\t"
		"popfl\n\t"
		"call *g_fn\n\t"
		"jmp 2f\n"
		"1:\n\t"
		"pushl g_flags_in\n\t"
		"popfl\n\t"
		"int $0x80\n"
		"2:\n\t"
		"pushfl\n\t"
		"popl g_flags_out\n\t"
		"mov %%eax, g_regs_out\n\t"
		"mov %%ebx, g_regs_out+4\n\t"
		"mov %%ecx, g_regs_out+8\n\t"
		"mov %%edx, g_regs_out+12\n\t"
		"mov %%esi, g_regs_out+16\n\t"
		"mov %%edi, g_regs_out+20\n\t"
		"mov %%ebp, g_regs_out+24\n\t"
		"popfl\n\t"
		"pop %%ebp\n\t"
		: : : "eax", "ebx", "ecx", "edx", "esi", "edi", "memory", "cc");
}

static const char *const names[7] = { "eax", "ebx", "ecx", "edx", "esi", "edi", "ebp" };

/* One path: getpid with patterns in every register and DF set; a
 * six-argument mmap2 whose sixth argument (the page offset) decides what
 * the mapping shows. */
static void path(const char *how, uint32_t fn, int fd)
{
	static const uint32_t pattern[7] = { NR_getpid, 0x11111111, 0x22222222, 0x33333333,
					     0x44444444, 0x55555555, 0x66666666 };

	g_fn = fn;
	memcpy(g_regs_in, pattern, sizeof(pattern));
	g_flags_in = 0x202 | 0x400 | 0x40000 | 0x8d5;	/* IF DF AC, CF PF ZF SF OF */
	call_all();
	ktap_test_result(g_regs_out[0] == (uint32_t)getpid(), "%s: getpid", how);
	int same = 1;
	for (int i = 1; i < 7; i++) {
		if (g_regs_out[i] != pattern[i]) {
			ktap_print_msg("%s: %s %#x -> %#x", how, names[i], pattern[i], g_regs_out[i]);
			same = 0;
		}
	}
	ktap_test_result(same, "%s: ebx ecx edx esi edi ebp preserved", how);
	/* RF and TF aside, every flag comes back (AC included). */
	ktap_test_result((g_flags_out & 0x44fd5) == (g_flags_in & 0x44fd5),
			 "%s: flags DF AC and the status flags preserved", how);
	g_flags_in = 0x202;

	/* mmap2(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, pgoff = 1): arg 6. */
	uint32_t args[7] = { NR_mmap2, 0, 4096, PROT_READ, MAP_PRIVATE, (uint32_t)fd, 1 };
	memcpy(g_regs_in, args, sizeof(args));
	call_all();
	uint32_t addr = g_regs_out[0];
	int ok = addr < 0xfffff000u;
	if (ok) {
		unsigned char want[16];
		const volatile unsigned char *got = (const volatile unsigned char *)(uintptr_t)addr;
		ok = pread(fd, want, sizeof(want), 4096) == sizeof(want);
		for (unsigned i = 0; ok && i < sizeof(want); i++)
			ok = got[i] == want[i];
		munmap((void *)(uintptr_t)addr, 4096);
	}
	ktap_test_result(ok, "%s: mmap2 gets the sixth argument (page offset 1)", how);
	ktap_test_result(g_regs_out[6] == 1, "%s: ebp (arg 6) preserved", how);

	/* -1 and past the table. */
	g_regs_in[0] = (uint32_t)-1;
	call_all();
	ktap_test_result((int32_t)g_regs_out[0] == -ENOSYS, "%s: nr -1 -> %s", how,
			 raw_result_name((int32_t)g_regs_out[0]));
	g_regs_in[0] = 0x40000000 | NR_getpid;	/* the x32 bit means nothing here */
	call_all();
	ktap_test_result((int32_t)g_regs_out[0] == -ENOSYS, "%s: nr 0x40000014 -> %s", how,
			 raw_result_name((int32_t)g_regs_out[0]));
	g_regs_in[0] = 1000;
	call_all();
	ktap_test_result((int32_t)g_regs_out[0] == -ENOSYS, "%s: nr 1000 -> %s", how,
			 raw_result_name((int32_t)g_regs_out[0]));
}

/*
 * The fast instructions with a stack the kernel cannot read: SYSENTER with
 * EBP (where the vDSO would have left ESP) and SYSCALL with ESP pointing
 * at an unmapped page. The sixth argument cannot be fetched: the call
 * fails with -EFAULT and returns by IRET to the vDSO's landing pad, whose
 * `pop` on that stack kills the program with SIGSEGV. A CPU without the
 * instruction in 32-bit code (SYSENTER on AMD, SYSCALL on Intel) raises
 * #UD instead: SIGILL. Either way: killed, kernel alive.
 */
static int killed_by_bad_stack(int use_sysenter)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		if (use_sysenter)
			__asm__ volatile("mov $0x1000, %%ebp\n\tmov $20, %%eax\n\tsysenter"
					 : : : "eax", "ebp", "memory");
		else
			__asm__ volatile("mov %%esp, %%ebx\n\tmov $0x1000, %%esp\n\t"
					 "mov $20, %%eax\n\tsyscall\n\tmov %%ebx, %%esp"
					 : : : "eax", "ebx", "ecx", "memory");
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) &&
	       (WTERMSIG(status) == SIGSEGV || WTERMSIG(status) == SIGILL);
}

static const char *vendor(void)
{
	uint32_t a, b, c, d;
	static char v[13];

	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0));
	memcpy(v, &b, 4);
	memcpy(v + 4, &d, 4);
	memcpy(v + 8, &c, 4);
	return v;
}
#endif

int main(int argc, char **argv)
{
	(void)argc;
	ktap_print_header();
	ktap_set_plan(PLAN);
#if defined(__i386__)
	uint32_t vsys = getauxval(AT_SYSINFO);
	int fd = open(argv[0], O_RDONLY);

	ktap_test_result(vsys != 0, "AT_SYSINFO is there");
	if (!vsys || fd < 0) {
		ktap_print_msg("no vDSO or cannot open argv[0]");
		ktap_finished();
	}
	/* The fast instruction the vDSO holds: 0f 34 SYSENTER, 0f 05 SYSCALL. */
	const unsigned char *p = (const unsigned char *)(uintptr_t)vsys;
	int sysenter = 0, syscall = 0;
	for (int i = 0; i < 16; i++) {
		sysenter |= p[i] == 0x0f && p[i + 1] == 0x34;
		syscall |= p[i] == 0x0f && p[i + 1] == 0x05;
	}
	const char *v = vendor();
	int intel = !strcmp(v, "GenuineIntel"), amd = !strcmp(v, "AuthenticAMD");
	ktap_print_msg("vendor %s: the vDSO uses %s", v,
		       sysenter ? "SYSENTER" : syscall ? "SYSCALL" : "int $0x80");
	ktap_test_result(intel ? sysenter && !syscall : amd ? syscall && !sysenter : 1,
			 "the vDSO uses the vendor's fast instruction (Intel SYSENTER, AMD SYSCALL)");

	path("__kernel_vsyscall", vsys, fd);
	path("int $0x80", 0, fd);
	ktap_test_result(killed_by_bad_stack(1),
			 "SYSENTER with EBP at an unmapped page: killed by SIGSEGV or SIGILL");
	ktap_test_result(killed_by_bad_stack(0),
			 "compat SYSCALL with ESP at an unmapped page: killed by SIGSEGV or SIGILL");
	close(fd);
#else
	(void)argv;
	for (int i = 0; i < PLAN; i++)
		ktap_test_skip("ia32 programs only", "vdso32 case %d", i + 1);
#endif
	ktap_finished();
}
