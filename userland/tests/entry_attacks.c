// SPDX-License-Identifier: MIT
/*
 * Hostile user state at the system-call instruction, on every way in this
 * ABI has (docs/security.md). Each case runs in a child where it could kill
 * the program; the parent reads the child's wait status and a pipe that
 * shows whether the call's effect happened. The answers are Linux's:
 *
 *  - garbage RSP/ESP and RBP/EBP: SYSCALL and int $0x80 do not use the user
 *    stack; the call works and every register comes back (the kernel must
 *    never touch the user stack or trust RSP: CVE-2014-4699's family).
 *  - TF set: single-stepping over the instruction. The call happens, the
 *    return is by IRET (SYSRET would trap in the kernel on some CPUs), and
 *    SIGTRAP follows: the child dies of it (no handler).
 *  - NT and AC set: the kernel runs with both clear (NT would make its IRET
 *    fault, AC would switch SMAP off) and gives the user's back unchanged
 *    (Linux's syscall_nt selftest).
 *  - a SYSCALL or int $0x80 as the last instruction below 0x7ffffffff000:
 *    the return address is the first non-user address, SYSRET must not
 *    be used (CVE-2012-0217 on Intel: its #GP would run on the user's
 *    stack in ring 0); IRET returns there and the program gets SIGSEGV
 *    after the call was made.
 *  - the 32-bit fast path (the vDSO's instruction: SYSENTER on Intel,
 *    compat SYSCALL on AMD) with the user stack that holds arg 6 unmapped:
 *    the call is not made (-EFAULT), and the return through the vDSO's
 *    landing pad, which pops from that stack, ends in SIGSEGV.
 *  - SYSENTER and SYSCALL from the 32-bit code segment of a 64-bit program:
 *    where they return is an accident of the configuration, but the
 *    kernel survives and the program ends or goes on.
 */
#include <stdint.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "ktap.h"

#define FL_TF	0x100
#define FL_NT	0x4000
#define FL_AC	0x40000
#define IA32_NR_getpid	20
#define IA32_NR_write	4

static int pipefd[2];

/* Run fn in a child; the status, and whether it wrote its byte. */
static int in_child(void (*fn)(void), int *wrote)
{
	int status = 0;
	char c;

	if (pipe(pipefd) < 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		close(pipefd[0]);
		fn();
		_exit(0);
	}
	close(pipefd[1]);
	waitpid(pid, &status, 0);
	*wrote = read(pipefd[0], &c, 1) == 1 && c == 'x';
	close(pipefd[0]);
	return status;
}

static const char *how(int status)
{
	static char b[32];

	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGTRAP)
		return "SIGTRAP";
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV)
		return "SIGSEGV";
	if (WIFSIGNALED(status))
		snprintf(b, sizeof(b), "signal %d", WTERMSIG(status));
	else
		snprintf(b, sizeof(b), "exit %d", WEXITSTATUS(status));
	return b;
}

static void expect(void (*fn)(void), const char *want, int want_write, const char *what)
{
	int wrote = 0, status = in_child(fn, &wrote);

	ktap_print_msg("%s: %s, call %s", what, how(status), wrote ? "made" : "not made");
	ktap_test_result(!strcmp(how(status), want) && wrote == want_write,
			 "%s: %s, the call %s", what, want, want_write ? "made" : "not made");
}

/* Does this kernel run ia32 system calls (int $0x80)? */
static int ia32_on(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		long r = IA32_NR_getpid;
		__asm__ volatile("int $0x80" : "+a"(r) : : "memory");
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status);
}

#if defined(__x86_64__)
/* ---------------------------------------------------------- 64-bit code --- */
static uint64_t saved_rsp, saved_rbp;

/* getpid with RSP and RBP garbage; RBP and RSP must come back. */
static long syscall_bad_stack(uint64_t sp, int int80, uint64_t *rbp_after)
{
	long r = int80 ? IA32_NR_getpid : SYS_getpid;

	__asm__ volatile("mov %%rsp, %[ssp]\n\t"
			 "mov %%rbp, %[sbp]\n\t"
			 "mov %[sp], %%rsp\n\t"
			 "mov %[sp], %%rbp\n\t"
			 "test %[i80], %[i80]\n\t"
			 "jnz 1f\n\t"
			 "syscall\n\t"
			 "jmp 2f\n"
			 "1: int $0x80\n"
			 "2: mov %%rbp, %%rcx\n\t"
			 "mov %[ssp], %%rsp\n\t"
			 "mov %[sbp], %%rbp\n\t"
			 "mov %%rcx, %[bpout]\n\t"
			 : "+a"(r), [ssp] "=m"(saved_rsp), [sbp] "=m"(saved_rbp), [bpout] "=m"(*rbp_after)
			 : [sp] "r"(sp), [i80] "r"((uint64_t)int80)
			 : "rcx", "r11", "memory", "cc");
	return r;
}

/* nr with flags OR-ed in around the instruction; the flags after it. */
static long with_flags(long nr, long a1, long a2, long a3, uint64_t set, int int80, uint64_t *after)
{
	register long rdi __asm__("rdi") = a1;
	register long rsi __asm__("rsi") = a2;
	register long rdx __asm__("rdx") = a3;
	long r = nr;
	uint64_t fl = 0;

	/* int $0x80 takes EBX ECX EDX. */
	__asm__ volatile("pushfq\n\t"
			 "pushfq\n\t"
			 "or %[set], (%%rsp)\n\t"
			 "test %[i80], %[i80]\n\t"
			 "jnz 1f\n\t"
			 "popfq\n\t"
			 "syscall\n\t"
			 "jmp 2f\n"
			 "1: xchg %%rdi, %%rbx\n\t"
			 "xchg %%rsi, %%rcx\n\t"
			 "popfq\n\t"
			 "int $0x80\n\t"
			 "xchg %%rdi, %%rbx\n"
			 "2: pushfq\n\t"
			 "pop %[fl]\n\t"
			 "popfq\n\t"
			 : "+a"(r), [fl] "=&r"(fl), "+r"(rdi), "+r"(rsi), "+r"(rdx)
			 : [set] "r"(set), [i80] "r"((uint64_t)int80)
			 : "rcx", "r11", "memory", "cc");
	*after = fl;
	return r;
}

static const char xbyte = 'x';
static void tf_syscall(void)
{
	uint64_t fl;
	with_flags(SYS_write, pipefd[1], (long)(uintptr_t)&xbyte, 1, FL_TF, 0, &fl);
}
static void tf_int80(void)
{
	uint64_t fl;
	with_flags(IA32_NR_write, pipefd[1], (long)(uintptr_t)&xbyte, 1, FL_TF, 1, &fl);
}

#if !defined(__ILP32__)
/* The instruction as the last bytes below 0x7ffffffff000: a stack of our
 * own first (on Trident the first stack is right there), then the page. */
#define TOP_PAGE 0x7fffffffe000UL
static uint8_t alt_stack[65536] __attribute__((aligned(16)));
static int at_top_int80;

static void at_top_body(void)
{
	uint8_t *p = mmap((void *)TOP_PAGE, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	if (p != (void *)TOP_PAGE)
		_exit(3);
	p[4094] = at_top_int80 ? 0xcd : 0x0f;	/* int $0x80 / syscall */
	p[4095] = at_top_int80 ? 0x80 : 0x05;
	__asm__ volatile("jmp *%[at]"
			 : : [at] "r"(TOP_PAGE + 4094),
			   "a"(at_top_int80 ? IA32_NR_write : SYS_write),
			   "D"((long)pipefd[1]), "S"(&xbyte), "d"(1L),
			   "b"((long)pipefd[1]), "c"(&xbyte)
			 : "memory");
	__builtin_unreachable();
}

static void at_top(void)
{
	__asm__ volatile("mov %0, %%rsp\n\t"
			 "call *%1"
			 : : "r"(alt_stack + sizeof(alt_stack)), "r"(at_top_body) : "memory");
	__builtin_unreachable();
}
static void top_syscall(void) { at_top_int80 = 0; at_top(); }
static void top_int80(void) { at_top_int80 = 1; at_top(); }

/* Far return into __USER32_CS and the instruction there. */
static uint8_t low_stack[8192] __attribute__((aligned(16)));
static uint64_t compat_saved_rsp;
#define COMPAT(name, insn)							\
static void name(void)								\
{										\
	uint32_t eax = IA32_NR_getpid;						\
	__asm__ volatile("mov %%rsp, %[saved]\n\t"				\
			 "lea %[top], %%rsp\n\t"				\
			 "pushq $0x23\n\t"					\
			 "lea 1f(%%rip), %%rcx\n\t"				\
			 "pushq %%rcx\n\t"					\
			 "lretq\n\t"						\
			 ".code32\n1:\n\t"					\
			 insn "\n\t"						\
			 "pushl $0x33\n\t"					\
			 "pushl $2f\n\t"					\
			 "lret\n\t"						\
			 ".code64\n2:\n\t"					\
			 "mov %[saved], %%rsp\n\t"				\
			 : "+a"(eax), [saved] "=m"(compat_saved_rsp)		\
			 : [top] "m"(low_stack[sizeof(low_stack) - 16])		\
			 : "rcx", "rdx", "r11", "memory", "cc");		\
}
COMPAT(compat_syscall_64, "syscall")
COMPAT(compat_sysenter_64, "sysenter")
#endif

int main(void)
{
	static const struct { uint64_t sp; const char *name; } bad[] = {
		{ 0, "0" }, { 0x8000000000000000ULL, "non-canonical" },
		{ 0xffff888000000000ULL, "kernel-half" }, { 0x7ffffffff000ULL, "top of user space" },
	};
	int ia32 = ia32_on();
	uint64_t fl, bp;
	long pid = getpid();

	ktap_print_header();
	ktap_set_plan(2 * 4 + 2 + 4 + 4);
	for (int i = 0; i < 4; i++) {
		ktap_test_result(syscall_bad_stack(bad[i].sp, 0, &bp) == pid && bp == bad[i].sp,
				 "SYSCALL with RSP and RBP = %s: right answer, RBP kept", bad[i].name);
		if (ia32)
			ktap_test_result(syscall_bad_stack(bad[i].sp, 1, &bp) == pid && bp == bad[i].sp,
					 "int $0x80 with RSP and RBP = %s: right answer, RBP kept", bad[i].name);
		else
			ktap_test_skip("no ia32 emulation", "int $0x80 with RSP and RBP = %s", bad[i].name);
	}
	expect(tf_syscall, "SIGTRAP", 1, "SYSCALL with TF");
	if (ia32)
		expect(tf_int80, "SIGTRAP", 1, "int $0x80 with TF");
	else
		ktap_test_skip("no ia32 emulation", "int $0x80 with TF");
	for (int f = 0; f < 2; f++) {
		uint64_t set = f ? FL_AC : FL_NT;
		const char *n = f ? "AC" : "NT";

		ktap_test_result(with_flags(SYS_getpid, 0, 0, 0, set, 0, &fl) == pid && (fl & set),
				 "SYSCALL with %s: right answer, %s kept", n, n);
		if (ia32)
			ktap_test_result(with_flags(IA32_NR_getpid, 0, 0, 0, set, 1, &fl) == pid &&
					 (fl & set), "int $0x80 with %s: right answer, %s kept", n, n);
		else
			ktap_test_skip("no ia32 emulation", "int $0x80 with %s", n);
	}
#if !defined(__ILP32__)
	expect(top_syscall, "SIGSEGV", 1, "SYSCALL ending at 0x7ffffffff000");
	if (ia32)
		expect(top_int80, "SIGSEGV", 1, "int $0x80 ending at 0x7ffffffff000");
	else
		ktap_test_skip("no ia32 emulation", "int $0x80 ending at 0x7ffffffff000");
	int wrote, status = in_child(compat_syscall_64, &wrote);
	ktap_test_result(status >= 0, "SYSCALL from a 64-bit program's 32-bit code: the kernel survives");
	status = in_child(compat_sysenter_64, &wrote);
	ktap_test_result(status >= 0, "SYSENTER from a 64-bit program's 32-bit code: the kernel survives");
#else
	for (int i = 0; i < 4; i++)
		ktap_test_skip("x32 pointers cannot reach there", "the end of user space and the 32-bit code segment (%d)", i);
#endif
	ktap_finished();
}

#else
/* ------------------------------------------------------------ ia32 code --- */
#include <sys/auxv.h>
static const char xbyte = 'x';
uint32_t ea_regs[7];		/* eax ebx ecx edx esi edi ebp */
uint32_t ea_sp, ea_badsp, ea_flags, ea_flags_out, ea_saved_sp, ea_eax_out, ea_ebp_out;
uint32_t ea_kind, ea_target, ea_jmp, ea_scratch[16];
extern char ea_ret[];

/*
 * Path ea_kind, the flags set right before the instruction (POPF: TF traps
 * after the next instruction, the one under test):
 *   0 int $0x80   1 call __kernel_vsyscall   2 compat SYSCALL   3 SYSENTER
 *   (2 and 3 as the vDSO does them: they return through its landing pad,
 *   which pops EBP, EDX, ECX and returns to ea_ret, pushed by C)
 *   4 int $0x80 and 5 compat SYSCALL with ESP = ea_badsp at the instruction.
 */
__asm__(".text\n"
	"ea_table: .long 10f, 11f, 12f, 13f, 14f, 15f\n"
	"ea_enter:\n\t"
	"pushl %ebx\n\tpushl %esi\n\tpushl %edi\n\tpushl %ebp\n\t"
	"movl %esp, ea_saved_sp\n\t"
	"movl ea_kind, %eax\n\t"
	"movl ea_table(,%eax,4), %eax\n\t"
	"movl %eax, ea_jmp\n\t"
	"movl ea_sp, %esp\n\t"
	"pushl ea_flags\n\t"
	"movl ea_regs+0, %eax\n\tmovl ea_regs+4, %ebx\n\tmovl ea_regs+8, %ecx\n\t"
	"movl ea_regs+12, %edx\n\tmovl ea_regs+16, %esi\n\tmovl ea_regs+20, %edi\n\t"
	"movl ea_regs+24, %ebp\n\t"
	"jmp *ea_jmp\n"
	"10: popfl\n\tint $0x80\n\tjmp ea_ret\n"
	"11: popfl\n\tcall *ea_target\n\tjmp ea_ret\n"
	"12: popfl\n\tsyscall\n\tjmp ea_ret\n"
	"13: popfl\n\tsysenter\n\tjmp ea_ret\n"
	"14: popfl\n\tmovl ea_badsp, %esp\n\tint $0x80\n\tjmp ea_ret\n"
	"15: popfl\n\tmovl ea_badsp, %esp\n\tsyscall\n\tjmp ea_ret\n"
	".globl ea_ret\n"
	"ea_ret:\n\t"
	"movl %eax, ea_eax_out\n\t"
	"movl %ebp, ea_ebp_out\n\t"
	"movl $ea_scratch+32, %esp\n\t"	/* ESP may be anything here */
	"pushfl\n\t"
	"popl ea_flags_out\n\t"
	"movl ea_saved_sp, %esp\n\t"
	"pushl $0x202\n\tpopfl\n\t"
	"popl %ebp\n\tpopl %edi\n\tpopl %esi\n\tpopl %ebx\n\t"
	"movl ea_eax_out, %eax\n\t"
	"ret\n");
long ea_enter(void);

static uint32_t stack32[4096] __attribute__((aligned(16)));
static int fast_kind;		/* 2 on AMD (compat SYSCALL), 3 on Intel (SYSENTER) */

/* One call by path `kind`; ebp: EBP (arg 6; for SYSENTER where the user
 * stack is, 0 = ours); badsp: ESP for kinds 4 and 5. */
static long call32(int kind, uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3,
		   uint32_t ebp, uint32_t set, uint32_t badsp)
{
	uint32_t *s = &stack32[4000];

	ea_regs[0] = nr; ea_regs[1] = a1; ea_regs[2] = a2; ea_regs[3] = a3;
	ea_regs[4] = 0x5a5a5a5a; ea_regs[5] = 0xa5a5a5a5; ea_regs[6] = ebp;
	ea_kind = kind;
	ea_target = getauxval(AT_SYSINFO);
	ea_flags = 0x202 | set;
	ea_badsp = badsp;
	/* What __kernel_vsyscall pushes, under its caller's return address. */
	s[0] = ebp; s[1] = a3; s[2] = a2; s[3] = (uint32_t)(uintptr_t)ea_ret;
	if (kind == 3)
		ea_regs[6] = ebp ? ebp : (uint32_t)(uintptr_t)s;
	else if (kind == 2 || kind == 5)
		ea_regs[6] = a2;	/* compat SYSCALL: ECX is lost, EBP has arg 2 */
	ea_sp = (uint32_t)(uintptr_t)s;	/* pushl, popfl: ESP = s again */
	if (kind == 1 || kind == 0)
		ea_sp = (uint32_t)(uintptr_t)&stack32[3000];
	return ea_enter();
}

static void tf_int80(void) { call32(0, IA32_NR_write, pipefd[1], (uintptr_t)&xbyte, 1, 0, FL_TF, 0); }
static void tf_fast(void) { call32(fast_kind, IA32_NR_write, pipefd[1], (uintptr_t)&xbyte, 1, 0, FL_TF, 0); }
static uint32_t unmapped_page(void)
{
	void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	munmap(p, 4096);
	return (uint32_t)(uintptr_t)p + 64;
}
static void fast_unmapped(void)
{
	uint32_t bad = unmapped_page();

	if (fast_kind == 3)		/* SYSENTER: the user stack is EBP */
		call32(3, IA32_NR_write, pipefd[1], (uintptr_t)&xbyte, 1, bad, 0, 0);
	else				/* compat SYSCALL: the user stack is ESP */
		call32(5, IA32_NR_write, pipefd[1], (uintptr_t)&xbyte, 1, 0, 0, bad);
}
static void fast_mapped(void) { call32(fast_kind, IA32_NR_write, pipefd[1], (uintptr_t)&xbyte, 1, 0, 0, 0); }

int main(void)
{
	static const struct { uint32_t v; const char *name; } bad[] = {
		{ 0, "0" }, { 0xfffff000, "the last page" }, { 0xc0000000, "3 GiB" },
	};
	static const char *const kname[] = { "int $0x80", "__kernel_vsyscall", "the vDSO's fast instruction" };
	uint32_t a, b, c, d;
	long pid = getpid();

	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0));
	fast_kind = b == 0x756e6547 ? 3 : 2;		/* "Genu"ineIntel: SYSENTER */
	ktap_print_header();
	ktap_set_plan(3 + 3 + 2 + 6 + 2);
	(void)ia32_on;
	for (int i = 0; i < 3; i++) {
		long r = call32(4, IA32_NR_getpid, 0, 0, 0, bad[i].v, 0, bad[i].v);
		ktap_test_result(r == pid && ea_ebp_out == bad[i].v,
				 "int $0x80 with ESP and EBP = %s: right answer, EBP kept", bad[i].name);
	}
	for (int i = 0; i < 3; i++) {
		long r = call32(1, IA32_NR_getpid, 0, 0, 0, bad[i].v, 0, 0);
		ktap_test_result(r == pid && ea_ebp_out == bad[i].v,
				 "__kernel_vsyscall with EBP = %s: right answer, EBP kept", bad[i].name);
	}
	expect(tf_int80, "SIGTRAP", 1, "int $0x80 with TF");
	expect(tf_fast, "SIGTRAP", 1, "the vDSO's fast instruction with TF");
	for (int f = 0; f < 2; f++) {
		uint32_t set = f ? FL_AC : FL_NT;
		const char *n = f ? "AC" : "NT";
		static const int kinds[3] = { 0, 1, -1 };

		for (int k = 0; k < 3; k++) {
			long r = call32(kinds[k] < 0 ? fast_kind : kinds[k], IA32_NR_getpid, 0, 0, 0, 0, set, 0);
			ktap_test_result(r == pid && (ea_flags_out & set),
					 "%s with %s: right answer, %s kept", kname[k], n, n);
		}
	}
	expect(fast_mapped, "exit 0", 1, "the vDSO's fast instruction, arg 6's stack mapped");
	expect(fast_unmapped, "SIGSEGV", 0, "the vDSO's fast instruction, arg 6's stack unmapped");
	ktap_finished();
}
#endif
