// SPDX-License-Identifier: MIT
/*
 * Hardware breakpoints set by a tracer (PTRACE_POKEUSER of u_debugreg[]).
 * What Linux checks (arch/x86/kernel/ptrace.c, hw_breakpoint.c): DR4 and
 * DR5 are EIO; an address must be aligned to its length and below the
 * kernel's half (EINVAL); DR7's lengths and kinds must exist (I/O: EINVAL,
 * an instruction breakpoint only with length 1), a refused DR7 leaves the
 * old one, an accepted one reads back as written, reserved bits too; DR6
 * reads back the "virtual" DR6 (0xffff0ff0 with no event).
 * What the tracee sees: writing a watched word stops it with SIGTRAP,
 * si_code TRAP_HWBKPT, DR6 with B0; calling a function under an
 * instruction breakpoint, the same with B1, and the function then runs
 * (RF); the kernel writing the watched word (uname) gives nothing.
 * And the MOV SS shadow (CVE-2018-8897): with a watchpoint on the
 * selector's memory, `mov ss, [mem]` right before SYSCALL, INT $0x80 or
 * (ia32) the CPU's fast 32-bit entry delivers the #DB in kernel mode, on
 * the entry's first instruction: the kernel must survive it and the call
 * must complete (Linux drops the kernel-mode hit: no signal; QEMU TCG
 * delivers the #DB at once in user mode instead, the tracer resumes).
 * Raw system calls, the build ABI's struct user layout.
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

#define TRAP_HWBKPT_CODE 4

/* offsetof(struct user, u_debugreg[n]) (struct user32 for ia32). */
#if defined(__x86_64__)
#define DR_OFF(n)	(848 + 8 * (n))
#else
#define DR_OFF(n)	(252 + 4 * (n))
#endif

/* DR7 fields: enable (L bit) and kind | length of slot n. */
#define DR7_L(n)		(1UL << (2 * (n)))
#define DR7_RW(n, rw)		((unsigned long)(rw) << (16 + 4 * (n)))
#define DR7_LEN(n, len)		((unsigned long)(len) << (18 + 4 * (n)))
#define RW_EXEC 0
#define RW_WRITE 1
#define RW_IO 2
#define RW_RDWR 3
#define LEN_1 0
#define LEN_2 1
#define LEN_8 2
#define LEN_4 3

static long poke_dr(pid_t pid, int n, unsigned long v)
{
	return pt(T_POKEUSR, pid, DR_OFF(n), v);
}

static unsigned long peek_dr(pid_t pid, int n)
{
	unsigned long v = 0x5a5a5a5a;

	if (pt(T_PEEKUSR, pid, DR_OFF(n), (unsigned long)&v))
		return 0xdead;
	return v;
}

/* The tracee's memory: the same addresses in the child (fork). */
static volatile uint32_t watched;
static char uts[6 * 65] __attribute__((aligned(8)));
volatile uint16_t ss_sel;		/* the asm below names it */

__attribute__((noinline)) static int target_fn(int x)
{
	__asm__ volatile("" : "+r"(x));
	return x + 1;
}

static pid_t traced_child(void (*body)(void))
{
	pid_t pid = fork();

	if (pid == 0) {
		if (syscall(SYS_ptrace, T_TRACEME, 0, 0, 0) != 0)
			_exit(100);
		syscall(SYS_kill, getpid(), SIGSTOP);
		body();
		_exit(101);
	}
	return pid;
}

static void nothing_body(void)
{
	_exit(0);
}

/* Write the watched word (stop), call target_fn (stop), let uname write
 * the watched buffer (no stop), stop itself; exit 0 if all went right. */
static void hits_body(void)
{
	watched = 42;
	if (target_fn(1) != 2)
		_exit(1);
	if (syscall(SYS_uname, uts) != 0)
		_exit(2);
	syscall(SYS_kill, getpid(), SIGSTOP);
	_exit(watched == 42 ? 0 : 3);
}

#if !defined(__x86_64__)
/* ia32's fast entries as __kernel_vsyscall makes them, with MOV SS
 * right before: the kernel returns to the vDSO's landing pad, which pops
 * EBP, EDX, ECX and returns to our caller. */
__asm__(".text\n"
	"movss_sysenter:\n"
	"	push %ecx\n	push %edx\n	push %ebp\n"
	"	mov %esp, %ebp\n"
	"	mov ss_sel, %ss\n"
	"	sysenter\n"
	"	ud2\n"
	"movss_syscall32:\n"
	"	push %ecx\n	push %edx\n	push %ebp\n"
	"	mov %ecx, %ebp\n"
	"	mov ss_sel, %ss\n"
	"	syscall\n"
	"	ud2\n");

/* 1: Intel (SYSENTER), 2: AMD or Hygon (SYSCALL), 0: neither. */
static int fast_entry_kind(void)
{
	unsigned int a = 0, b, c, d;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	if (b == 0x756e6547)		/* "Genu" */
		return 1;
	if (b == 0x68747541 || b == 0x6f677948)	/* "Auth", "Hygo" */
		return 2;
	return 0;
}
#endif

#if defined(__x86_64__)
/* Is there an ia32 emulation? Without one, int $0x80 is a #GP: a child
 * that tries dies of SIGSEGV (as userland/tests/int80.c asks). */
static int have_int80;

static int probe_int80(void)
{
	pid_t pid = fork();
	int st = 0;

	if (pid == 0) {
		long r = 20;
		__asm__ volatile("int $0x80" : "+a"(r) : : "r8", "r9", "r10", "r11", "memory");
		_exit(0);
	}
	if (syscall(SYS_wait4, pid, &st, 0, NULL) != pid)
		return 0;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}
#endif

/* Each MOV SS + entry: the call must complete with our pid. Exit code:
 * a bit per path that went wrong. */
static void movss_body(void)
{
	long pid = syscall(SYS_getpid), r;
	int bad = 0;

#if defined(__x86_64__)
	r = SYS_getpid;
	__asm__ volatile("mov ss_sel(%%rip), %%ss\n\tsyscall"
			 : "+a"(r) : : "rcx", "r11", "memory");
	bad |= (r != pid) << 0;
	r = 20;				/* ia32 getpid */
	if (have_int80)
		__asm__ volatile("mov ss_sel(%%rip), %%ss\n\tint $0x80"
				 : "+a"(r) : : "r8", "r9", "r10", "r11", "memory");
	else
		r = pid;
	bad |= (r != pid) << 1;
#else
	r = SYS_getpid;
	__asm__ volatile("mov ss_sel, %%ss\n\tint $0x80" : "+a"(r) : : "memory");
	bad |= (r != pid) << 0;
	int kind = fast_entry_kind();
	r = SYS_getpid;
	if (kind == 1)
		__asm__ volatile("call movss_sysenter" : "+a"(r) : : "memory");
	else if (kind == 2)
		__asm__ volatile("call movss_syscall32" : "+a"(r) : : "memory");
	else
		r = pid;
	bad |= (r != pid) << 1;
#endif
	_exit(bad);
}

int main(void)
{
	unsigned long w = (unsigned long)&watched, f = (unsigned long)target_fn;
	unsigned long dr7, v;
	long r, r2;
	int st;

	ktap_print_header();
	ktap_set_plan(19);

	/* The checks of POKEUSER, on a stopped child that then just exits. */
	pid_t pid = traced_child(nothing_body);
	st = wait_status(pid);
	ktap_test_result(st == 0x137f, "a traced child stopped itself (status %#x)", st);
	ktap_test_result(peek_dr(pid, 0) == 0 && peek_dr(pid, 3) == 0 && peek_dr(pid, 7) == 0 &&
			 peek_dr(pid, 4) == 0,
			 "fresh: DR0-DR3, DR4 and DR7 read 0");
	v = peek_dr(pid, 6);
	ktap_test_result(v == 0xffff0ff0UL, "fresh: DR6 reads %#lx", v);
	r = poke_dr(pid, 4, 0);
	r2 = poke_dr(pid, 5, 0);
	ktap_test_result(r == -EIO && r2 == -EIO, "POKEUSER DR4, DR5: %s, %s",
			 errno_name(-r), errno_name(-r2));
	r = poke_dr(pid, 0, w + 1);
	ktap_test_result(r == 0 && peek_dr(pid, 0) == w + 1,
			 "DR0 = an odd address (a fresh slot is 1 byte): %s, reads back", errno_name(-r));
	r = poke_dr(pid, 7, DR7_L(0) | DR7_RW(0, RW_WRITE) | DR7_LEN(0, LEN_4));
	ktap_test_result(r == -EINVAL && peek_dr(pid, 7) == 0,
			 "DR7 arming it as 4 bytes: %s, DR7 still 0", errno_name(-r));
	dr7 = DR7_L(0) | DR7_RW(0, RW_RDWR) | DR7_LEN(0, LEN_1);
	r = poke_dr(pid, 7, dr7);
	ktap_test_result(r == 0 && peek_dr(pid, 7) == dr7, "DR7 arming it as 1 byte read/write: %s",
			 errno_name(-r));
	r = poke_dr(pid, 0, w + 2);
	ktap_test_result(r == 0, "DR0 moved while armed (1 byte): %s", errno_name(-r));
	r = poke_dr(pid, 1, w);
	r2 = poke_dr(pid, 7, dr7 | DR7_L(1) | DR7_RW(1, RW_IO) | DR7_LEN(1, LEN_1));
	ktap_test_result(r == 0 && r2 == -EINVAL && peek_dr(pid, 7) == dr7,
			 "DR7 with an I/O breakpoint: %s, the old DR7 stays", errno_name(-r2));
	r = poke_dr(pid, 7, dr7 | DR7_L(1) | DR7_RW(1, RW_EXEC) | DR7_LEN(1, LEN_2));
	ktap_test_result(r == -EINVAL, "DR7 with a 2-byte instruction breakpoint: %s", errno_name(-r));
	r = poke_dr(pid, 7, dr7 | DR7_L(1) | DR7_RW(1, RW_WRITE) | DR7_LEN(1, LEN_4));
	r2 = poke_dr(pid, 1, w + 2);
	ktap_test_result(r == 0 && r2 == -EINVAL && peek_dr(pid, 1) == w,
			 "DR1 armed as 4 bytes: an address 2 bytes off is %s", errno_name(-r2));
	dr7 = 0x2c00 | DR7_L(0) | DR7_RW(0, RW_RDWR);	/* reserved bits 10, 11, 13 */
	r = poke_dr(pid, 7, dr7);
	ktap_test_result(r == 0 && peek_dr(pid, 7) == dr7,
			 "DR7 with reserved bits: %s, reads back as written", errno_name(-r));
#if defined(__x86_64__) && !defined(__ILP32__)
	r = poke_dr(pid, 2, 0xffff800000000000UL);
	ktap_test_result(r == -EINVAL, "DR2 = a kernel address: %s", errno_name(-r));
#else
	r = poke_dr(pid, 2, 0xfffffffcUL);
	ktap_test_result(r == 0, "DR2 = 0xfffffffc (a user address for a 64-bit kernel): %s",
			 errno_name(-r));
#endif
	r = poke_dr(pid, 6, 0x1234);
	ktap_test_result(r == 0 && peek_dr(pid, 6) == 0x1234, "DR6 = 0x1234: %s, reads back",
			 errno_name(-r));
	poke_dr(pid, 7, 0);
	pt(T_CONT, pid, 0, 0);
	st = wait_status(pid);
	ktap_test_result(st == 0, "the child exits 0 (status %#x)", st);

	/* The breakpoints fire. */
	pid = traced_child(hits_body);
	st = wait_status(pid);
	r = poke_dr(pid, 0, w);
	r2 = poke_dr(pid, 1, f);
	dr7 = DR7_L(0) | DR7_RW(0, RW_WRITE) | DR7_LEN(0, LEN_4) | DR7_L(1);
	if (!r && !r2)
		r = poke_dr(pid, 7, dr7);
	pt(T_CONT, pid, 0, 0);
	st = wait_status(pid);
	int code = stop_code(pid);
	v = peek_dr(pid, 6);
	ktap_test_result(r == 0 && st == 0x57f && code == TRAP_HWBKPT_CODE && v == 0xffff0ff1UL,
			 "write watchpoint: SIGTRAP stop %#x, si_code %d, DR6 %#lx", st, code, v);
	pt(T_CONT, pid, 0, 0);
	st = wait_status(pid);
	code = stop_code(pid);
	v = peek_dr(pid, 6);
	ktap_test_result(st == 0x57f && code == TRAP_HWBKPT_CODE && v == 0xffff0ff2UL,
			 "instruction breakpoint: SIGTRAP stop %#x, si_code %d, DR6 %#lx", st, code, v);
	/* Next: uname writes the watched word (the kernel hits it), then
	 * the child stops itself. */
	poke_dr(pid, 0, (unsigned long)uts);
	poke_dr(pid, 6, 0xffff0ff0UL);
	pt(T_CONT, pid, 0, 0);
	st = wait_status(pid);
	v = peek_dr(pid, 6);
	pt(T_CONT, pid, 0, 0);
	r = wait_status(pid);
	ktap_test_result(st == 0x137f && v == 0xffff0ff0UL && r == 0,
			 "the function ran; the kernel writing the watched word: no stop, DR6 %#lx; exit %#lx",
			 v, r);

	/* MOV SS with a watchpoint on the selector, then each entry. */
#if defined(__x86_64__)
	have_int80 = probe_int80();
	ktap_print_msg("int $0x80 %s", have_int80 ? "works" : "is a #GP: no ia32 emulation");
#endif
	__asm__ volatile("mov %%ss, %0" : "=m"(ss_sel));
	pid = traced_child(movss_body);
	st = wait_status(pid);
	r = poke_dr(pid, 2, (unsigned long)&ss_sel);
	if (!r)
		r = poke_dr(pid, 7, DR7_L(2) | DR7_RW(2, RW_RDWR) | DR7_LEN(2, LEN_2));
	/* A CPU delivers the #DB in kernel mode, and Linux drops it: no
	 * stop. QEMU's TCG has no MOV SS shadow for #DB and delivers it at
	 * once, in user mode: a SIGTRAP stop per path, which we resume. */
	int user_stops = 0;
	pt(T_CONT, pid, 0, 0);
	while ((st = wait_status(pid)) == 0x57f && user_stops < 10) {
		user_stops++;
		pt(T_CONT, pid, 0, 0);
	}
	ktap_print_msg("%d SIGTRAP stops in user mode on the way", user_stops);
#if defined(__x86_64__)
	ktap_test_result(r == 0 && st == 0,
			 "MOV SS from watched memory, then SYSCALL and (with an ia32 emulation) INT $0x80: the calls complete (status %#x)",
			 st);
#else
	ktap_test_result(r == 0 && st == 0,
			 "MOV SS from watched memory, then INT $0x80 and SYSENTER or SYSCALL: both complete (status %#x)",
			 st);
#endif
	ktap_finished();
}
