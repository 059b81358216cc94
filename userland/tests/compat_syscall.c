// SPDX-License-Identifier: MIT
/*
 * What happens when a 64-bit program switches to 32-bit code (far return
 * to __USER32_CS, 0x23) and executes SYSCALL there?
 *
 * The CPU goes to MSR_CSTAR. Without the ia32 emulation (built out, or
 * ia32_emulation=0) that is ignore_sysret: EAX = -ENOSYS, back by SYSRETL
 * to the next instruction, no signal. With the emulation it is
 * entry_SYSCALL_compat, which returns to the 32-bit vDSO's landing pad:
 * a 64-bit program has none there (on Linux, a spot in the 64-bit vDSO),
 * so that case is not asked here: the answer is an accident.
 *
 * The 32-bit part needs a stack below 4 GiB (ESP is RSP's low half):
 * a static buffer, since static programs load at 0x400000.
 */
#include <stdint.h>
#include <unistd.h>
#include <signal.h>
#include <sys/wait.h>
#include "ktap.h"
#include "errname.h"

#define IA32_NR_getpid 20

#if defined(__x86_64__) && !defined(__ILP32__)
static uint8_t low_stack[8192] __attribute__((aligned(16)));
static uint64_t saved_rsp, low_stack_top;

/* Far-return into 32-bit code, run `insn` with EAX = nr, come back to
 * 64-bit code with a 32-bit far return; returns EAX. */
#define COMPAT_CALL(name, insn_bytes)						\
static uint32_t compat_##name(uint32_t nr)					\
{										\
	uint32_t eax = nr;							\
	__asm__ volatile(							\
		"mov %%rsp, %[saved]\n\t"					\
		"mov %[top], %%rsp\n\t"						\
		"pushq $0x23\n\t"		/* __USER32_CS */		\
		"lea 1f(%%rip), %%rcx\n\t"					\
		"pushq %%rcx\n\t"						\
		"lretq\n\t"							\
		".code32\n"							\
		"1:\n\t"							\
		insn_bytes "\n\t"						\
		"pushl $0x33\n\t"		/* __USER_CS */			\
		"pushl $2f\n\t"							\
		"lret\n\t"							\
		".code64\n"							\
		"2:\n\t"							\
		"mov %[saved], %%rsp\n\t"					\
		: "+a"(eax), [saved] "=m"(saved_rsp)				\
		: [top] "m"(low_stack_top)					\
		: "rcx", "rdx", "r11", "memory", "cc");				\
	return eax;								\
}

COMPAT_CALL(syscall, "syscall")
COMPAT_CALL(sysenter, "sysenter")
COMPAT_CALL(int80, "int $0x80")

/* Run one compat-mode instruction in a child; its wait status. */
static int in_child(uint32_t (*fn)(uint32_t))
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		low_stack_top = (uintptr_t)low_stack + sizeof(low_stack);
		fn(IA32_NR_getpid);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return status;
}
#endif

int main(void)
{
	ktap_print_header();
	ktap_set_plan(4);
#if defined(__x86_64__) && !defined(__ILP32__)
	/* Probe the emulation in a child: int $0x80 from 32-bit code is a
	 * #GP (SIGSEGV) without it. */
	pid_t pid = fork();
	int status = 0;
	if (pid == 0) {
		__asm__ volatile("int $0x80" : : "a"(IA32_NR_getpid) : "memory");
		_exit(0);
	}
	waitpid(pid, &status, 0);
	int off = WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;

	if (!off) {
		ktap_test_skip("the ia32 emulation is on", "compat SYSCALL without ia32 emulation -> -ENOSYS");
		ktap_test_skip("the ia32 emulation is on", "execution goes on after it");
		ktap_test_skip("the ia32 emulation is on", "compat SYSENTER without ia32 emulation: killed");
		ktap_test_skip("the ia32 emulation is on", "compat int $0x80 without ia32 emulation: SIGSEGV");
		ktap_finished();
	}
	/* Intel CPUs have no SYSCALL in 32-bit code (#UD: SIGILL), as Bochs's
	 * Intel models show; AMD ones, and QEMU's every model, go to CSTAR.
	 * So the instruction runs in a child, and SIGILL counts only on an
	 * Intel CPU. */
	uint32_t a, b, c, d;
	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0));
	int intel = b == 0x756e6547;	/* "Genu" */
	int fds[2];
	int32_t r = 1;
	if (pipe(fds) == 0) {
		pid = fork();
		if (pid == 0) {
			low_stack_top = (uintptr_t)low_stack + sizeof(low_stack);
			r = (int32_t)compat_syscall(IA32_NR_getpid);
			write(fds[1], &r, sizeof(r));
			_exit(0);
		}
		close(fds[1]);		/* so a child that died without writing gives EOF */
		waitpid(pid, &status, 0);
		if (read(fds[0], &r, sizeof(r)) != sizeof(r))
			r = 1;
		close(fds[0]);
	}
	int sigill = WIFSIGNALED(status) && WTERMSIG(status) == SIGILL;
	ktap_test_result(r == -ENOSYS || (intel && sigill),
			 "compat SYSCALL without ia32 emulation -> -ENOSYS (SIGILL on Intel CPUs)");
	ktap_print_msg("compat SYSCALL: %s", sigill ? "SIGILL" : raw_result_name(r));
	ktap_test_result(r == -ENOSYS ? WIFEXITED(status) && WEXITSTATUS(status) == 0 : sigill,
			 "execution goes on after it, back in 64-bit mode (or the program dies of SIGILL)");

	/* SYSENTER: SYSENTER_CS is 0, so it raises #GP (SIGSEGV); a CPU
	 * that has no SYSENTER in long mode (AMD) raises #UD (SIGILL). */
	status = in_child(compat_sysenter);
	ktap_test_result(WIFSIGNALED(status) && (WTERMSIG(status) == SIGSEGV || WTERMSIG(status) == SIGILL),
			 "compat SYSENTER without ia32 emulation: killed by SIGSEGV or SIGILL");
	status = in_child(compat_int80);
	ktap_test_result(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
			 "compat int $0x80 without ia32 emulation: SIGSEGV");
#else
	ktap_test_skip("64-bit programs only", "compat SYSCALL without ia32 emulation -> -ENOSYS");
	ktap_test_skip("64-bit programs only", "execution goes on after it");
	ktap_test_skip("64-bit programs only", "compat SYSENTER without ia32 emulation: killed");
	ktap_test_skip("64-bit programs only", "compat int $0x80 without ia32 emulation: SIGSEGV");
#endif
	ktap_finished();
}
