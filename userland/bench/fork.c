/* SPDX-License-Identifier: MIT */
/*
 * fork + exit + wait: the parent forks, the child calls _exit(0) at once,
 * the parent reaps it with waitpid. One operation is the whole round:
 * both processes, the copy of the address space and its teardown.
 */
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

#define N 16

int main(void)
{
	uint64_t op, empty;
	int status;

	BENCH_MIN(op, N, {
		pid_t pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid < 0 || waitpid(pid, &status, 0) != pid) {
			printf("bench: fork/waitpid failed\n");
			return 1;
		}
	});
	BENCH_MIN(empty, N, __asm__ volatile("" ::: "memory"));
	bench_print("fork+exit+wait", "64", N, op, empty);
	return 0;
}
