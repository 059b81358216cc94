/* SPDX-License-Identifier: MIT */
/*
 * A pipe round trip between two processes: the parent writes a byte into
 * one pipe, the child reads it and writes it back into another, the
 * parent reads it. One operation: four system calls and two switches
 * (each read blocks until the other process writes).
 */
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

#define N 64

int main(void)
{
	int there[2], back[2], status;
	uint64_t op, empty;
	char c = 'x';
	pid_t pid;

	if (pipe(there) || pipe(back)) {
		printf("bench: pipe failed\n");
		return 1;
	}
	pid = fork();
	if (pid == 0) {
		close(there[1]);
		close(back[0]);
		while (read(there[0], &c, 1) == 1)
			if (write(back[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(there[0]);
	close(back[1]);
	BENCH_MIN(op, N, {
		if (write(there[1], &c, 1) != 1 || read(back[0], &c, 1) != 1) {
			printf("bench: pipe round trip failed\n");
			return 1;
		}
	});
	BENCH_MIN(empty, N, __asm__ volatile("" ::: "memory"));
	close(there[1]);
	waitpid(pid, &status, 0);
	bench_print("pipe-round-trip", "64", N, op, empty);
	return 0;
}
