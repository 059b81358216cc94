/* SPDX-License-Identifier: MIT */
/*
 * execve of a small static program: this one, again and again. Each image
 * reads the TSC first thing in main() and the previous image read it just
 * before its execve(), passing the value in argv:
 *
 *     exec_64                      the first run: starts the chain
 *     exec_64 LEFT BEFORE BEST     a later one
 *
 * One operation is the execve system call (the old image's teardown, the
 * ELF load, the new stack) and the new program's start-up up to main():
 * crt1 and __libc_start_main, a few dozen instructions, the same on any
 * kernel. The best (smallest) of RUNS is printed; there is no loop, so
 * "empty" is 0.
 */
#include <stdlib.h>
#include <unistd.h>
#include "bench.h"

#define RUNS 16

int main(int argc, char **argv, char **envp)
{
	uint64_t now = rdtsc();
	unsigned long long before = 0, best = ~0ull;
	int left = RUNS;
	char a1[24], a2[24], a3[24];

	if (argc == 4) {
		left = atoi(argv[1]);
		before = strtoull(argv[2], NULL, 10);
		best = strtoull(argv[3], NULL, 10);
		if (now - before < best)
			best = now - before;
	}
	if (left == 0) {
		bench_print("execve", "64", 1, best, 0);
		return 0;
	}
	snprintf(a1, sizeof(a1), "%d", left - 1);
	snprintf(a3, sizeof(a3), "%llu", best);
	char *args[] = { argv[0], a1, a2, a3, NULL };
	/* The last thing before the call: the TSC, formatted in place. */
	snprintf(a2, sizeof(a2), "%llu", (unsigned long long)rdtsc());
	execve(argv[0], args, envp);
	printf("bench: execve %s failed\n", argv[0]);
	return 1;
}
