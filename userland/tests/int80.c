// SPDX-License-Identifier: MIT
/*
 * What does `int $0x80` do? It is the ia32 system call: number in EAX,
 * arguments in EBX ECX EDX ESI EDI EBP, result in EAX, through the ia32
 * table even from a 64-bit program (arguments cut to 32 bits), and every
 * register but EAX comes back unchanged, R8-R15 included (Linux 4.17+).
 * With the ia32 emulation off there is no gate at 0x80: a 64-bit program
 * then dies of SIGSEGV, which the comparison with Linux under
 * ia32_emulation=0 checks (this program reports it as its last line).
 */
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <signal.h>
#include "ktap.h"
#include "errname.h"

#define IA32_NR_write   4
#define IA32_NR_getpid  20
#define IA32_NR_max_plus 1000

#if defined(__x86_64__)
struct regs64 {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, r8, r9, r10, r11, r12, r13, r14, r15;
};

/* Where int80_all finds its operands: memory, since every register is
 * the test's to fill (64-bit words even on x32). */
static uint64_t in_addr, out_addr;

/* Load every register from *in, int $0x80, store every register to *out. */
static void int80_all(struct regs64 *in, struct regs64 *out)
{
	in_addr = (uintptr_t)in;
	out_addr = (uintptr_t)out;
	__asm__ volatile(
		"push %%rbp\n\t"
		"push %1\n\t"			/* out */
		"mov %0, %%rax\n\t"		/* in */
		"mov 8(%%rax), %%rbx\n\t"
		"mov 16(%%rax), %%rcx\n\t"
		"mov 24(%%rax), %%rdx\n\t"
		"mov 32(%%rax), %%rsi\n\t"
		"mov 40(%%rax), %%rdi\n\t"
		"mov 48(%%rax), %%rbp\n\t"
		"mov 56(%%rax), %%r8\n\t"
		"mov 64(%%rax), %%r9\n\t"
		"mov 72(%%rax), %%r10\n\t"
		"mov 80(%%rax), %%r11\n\t"
		"mov 88(%%rax), %%r12\n\t"
		"mov 96(%%rax), %%r13\n\t"
		"mov 104(%%rax), %%r14\n\t"
		"mov 112(%%rax), %%r15\n\t"
		"mov 0(%%rax), %%rax\n\t"
		"int $0x80\n\t"
		"xchg %%rax, (%%rsp)\n\t"	/* rax <-> saved out pointer */
		"mov %%rbx, 8(%%rax)\n\t"
		"mov %%rcx, 16(%%rax)\n\t"
		"mov %%rdx, 24(%%rax)\n\t"
		"mov %%rsi, 32(%%rax)\n\t"
		"mov %%rdi, 40(%%rax)\n\t"
		"mov %%rbp, 48(%%rax)\n\t"
		"mov %%r8, 56(%%rax)\n\t"
		"mov %%r9, 64(%%rax)\n\t"
		"mov %%r10, 72(%%rax)\n\t"
		"mov %%r11, 80(%%rax)\n\t"
		"mov %%r12, 88(%%rax)\n\t"
		"mov %%r13, 96(%%rax)\n\t"
		"mov %%r14, 104(%%rax)\n\t"
		"mov %%r15, 112(%%rax)\n\t"
		"pop %%rbx\n\t"			/* the result */
		"mov %%rbx, 0(%%rax)\n\t"
		"pop %%rbp\n\t"
		: : "m"(in_addr), "m"(out_addr)
		: "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
		  "r12", "r13", "r14", "r15", "memory", "cc");
}

static const char *const names[] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8", "r9", "r10", "r11",
	"r12", "r13", "r14", "r15",
};

static long int80_3(long nr, uint64_t a, uint64_t b, uint64_t c)
{
	struct regs64 in = { .rax = nr, .rbx = a, .rcx = b, .rdx = c }, out;

	int80_all(&in, &out);
	return (long)out.rax;
}
#else
static long int80_3(long nr, unsigned long a, unsigned long b, unsigned long c)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return ret;
}
#endif

static const char msg[] = "# int80 write\n";

/* Is there an ia32 emulation? Ask in a child: without one, int $0x80 is
 * a #GP and the child dies of SIGSEGV. */
static int int80_works(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		int80_3(IA32_NR_getpid, 0, 0, 0);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV)
		return 0;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int main(void)
{
	ktap_print_header();
#if defined(__x86_64__)
	ktap_set_plan(1 + 6 + 15);
#else
	ktap_set_plan(1 + 6);
#endif

	int works = int80_works();
	if (works <= 0) {
		ktap_test_result(works == 0, "int $0x80 without ia32 emulation: SIGSEGV");
		for (unsigned i = 1; i < ktap_cnt.plan; i++)
			ktap_test_skip("ia32 emulation is off", "int $0x80 case %u", i);
		ktap_finished();
	}
	ktap_test_pass("int $0x80 with ia32 emulation: a system call");

	ktap_test_result(int80_3(IA32_NR_getpid, 0, 0, 0) == getpid(),
			 "int $0x80 eax=20 is the ia32 getpid: same as getpid()");
	long r = int80_3(-1, 0, 0, 0);
	ktap_test_result(r == -ENOSYS, "int $0x80 eax=-1 -> %s", raw_result_name(r));
	r = int80_3(IA32_NR_max_plus, 0, 0, 0);
	ktap_test_result(r == -ENOSYS, "int $0x80 eax=1000 (past the ia32 table) -> %s",
			 raw_result_name(r));
	r = int80_3(IA32_NR_write, 1, (unsigned long)msg, sizeof(msg) - 1);
	ktap_test_result(r == (long)sizeof(msg) - 1, "int $0x80 write(1, msg, %u) -> %s",
			 (unsigned)sizeof(msg) - 1, r >= 0 ? "all bytes" : raw_result_name(r));
	r = int80_3(IA32_NR_write, 1, 0, 1);
	ktap_test_result(r == -EFAULT, "int $0x80 write(1, NULL, 1) -> %s", raw_result_name(r));
	r = int80_3(IA32_NR_write, 1000, (unsigned long)msg, 1);
	ktap_test_result(r == -EBADF, "int $0x80 write(1000, msg, 1) -> %s", raw_result_name(r));

#if defined(__x86_64__)
	/* Every register but RAX preserved; RAX = getpid; the number and
	 * the arguments are taken from the low 32 bits only. */
	struct regs64 in = {
		.rax = 0xdead000000000000ULL | IA32_NR_getpid,
		.rbx = 0x1111111111111111ULL, .rcx = 0x2222222222222222ULL,
		.rdx = 0x3333333333333333ULL, .rsi = 0x4444444444444444ULL,
		.rdi = 0x5555555555555555ULL, .rbp = 0x6666666666666666ULL,
		.r8 = 0x8888888888888888ULL, .r9 = 0x9999999999999999ULL,
		.r10 = 0xaaaaaaaaaaaaaaaaULL, .r11 = 0xbbbbbbbbbbbbbbbbULL,
		.r12 = 0xccccccccccccccccULL, .r13 = 0xddddddddddddddddULL,
		.r14 = 0xeeeeeeeeeeeeeeeeULL, .r15 = 0xf0f0f0f0f0f0f0f0ULL,
	}, out;
	int80_all(&in, &out);
	ktap_test_result((long)out.rax == getpid(),
			 "int $0x80 with garbage in RAX[63:32]: still getpid");
	uint64_t *a = &in.rbx, *b = &out.rbx;
	for (int i = 1; i < 15; i++, a++, b++)
		ktap_test_result(*a == *b, "int $0x80 preserves %s", names[i]);
#endif
	ktap_finished();
}
