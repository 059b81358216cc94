/* SPDX-License-Identifier: MIT */
/*
 * /sbin/init of the benchmark initramfs (make bench): the same program on
 * Trident and on Linux (booted with rdinit=/sbin/init).
 *
 *   init [PROGRAM...]      default: every benchmark, in BENCHES's order
 *
 * Its entry point is bench_entry below, not crt1's _start: its first
 * instruction reads the TSC, so "bench boot init" is the TSC at init's
 * first instruction (with -icount the TSC counts instructions from the
 * machine's reset). Then it runs each program (fork, execve, waitpid),
 * whose `bench ...` lines go straight to the console, and exits 0 (1 if a
 * program failed).
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdint.h>

uint32_t init_tsc_lo, init_tsc_hi;

/* rdtsc first; RDX is free: crt1 computes envp itself. */
__asm__(".globl bench_entry\n"
	"bench_entry:\n"
	"	rdtsc\n"
	"	mov %eax, init_tsc_lo(%rip)\n"
	"	mov %edx, init_tsc_hi(%rip)\n"
	"	jmp _start\n");

static char *const BENCHES[] = {
	"/bench/null_64", "/bench/null_x32", "/bench/null_32", "/bench/fork_64",
	"/bench/exec_64", "/bench/fault_64", "/bench/pipe_64", NULL
};

int main(int argc, char **argv, char **envp)
{
	char *const *list = argc > 1 ? argv + 1 : BENCHES;
	int failed = 0;

	printf("bench boot init n=1 op=%llu empty=0\n",
	       ((unsigned long long)init_tsc_hi << 32) | init_tsc_lo);
	fflush(stdout);
	for (; *list; list++) {
		char *args[] = { *list, NULL };
		int status = 0;
		pid_t pid = fork();

		if (pid == 0) {
			execve(*list, args, envp);
			printf("bench: cannot execute %s\n", *list);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0) {
			printf("bench: %s failed (status %#x)\n", *list, status);
			failed = 1;
		}
	}
	printf("bench: done\n");
	fflush(stdout);
	return failed;
}
