/* SPDX-License-Identifier: MIT */
/*
 * What every benchmark program shares (userland/bench/README.md).
 *
 * Time is the TSC. Under QEMU with -icount shift=0 it advances by one per
 * guest instruction (user and kernel alike), so a figure is an instruction
 * count: the same from run to run and from machine to machine.
 *
 * A measurement is BATCHES batches of n operations; a batch's ticks are
 * the TSC after it minus the TSC before it. The program prints the
 * smallest batch (a timer interrupt or anything else that happened to
 * land in a batch only makes it bigger) and the smallest batch of the
 * same loop with the operation left out ("empty"); the harness
 * (tests/harness/bench.py) turns them into ticks per operation:
 *     (op - empty) / n
 * One line each, with nothing machine-dependent but the numbers:
 *     bench OPERATION PATH n=N op=TICKS empty=TICKS
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>
#include <stdio.h>

#define BATCHES 16

/* The magic system-call number that a CONFIG_BENCH_ENTRY_FLOOR=y kernel's
 * entry stubs answer themselves, going straight from the entry to the
 * exit (-ENOSYS, without calling C); any other kernel answers -ENOSYS
 * the usual way (no table has it). Keep equal to the kernel's
 * BENCH_FLOOR_NR (arch/x86_64/asm-offsets.c). */
#define BENCH_FLOOR_NR 0x42e0

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return ((uint64_t)hi << 32) | lo;
}

static inline void bench_print(const char *op, const char *path, int n, uint64_t best,
			       uint64_t empty)
{
	printf("bench %s %s n=%d op=%llu empty=%llu\n", op, path, n,
	       (unsigned long long)best, (unsigned long long)empty);
	fflush(stdout);
}

/*
 * BENCH_MIN(var, n, STATEMENT): var = the smallest of BATCHES batches of
 * n runs of STATEMENT. The loop is the same for the operation and its
 * empty twin, so the difference is the operation alone.
 */
#define BENCH_MIN(var, n, STATEMENT) do {				\
	var = ~0ull;							\
	for (int b_ = 0; b_ < BATCHES; b_++) {				\
		uint64_t t0_ = rdtsc();					\
		for (int i_ = 0; i_ < (n); i_++) {			\
			STATEMENT;					\
		}							\
		uint64_t t_ = rdtsc() - t0_;				\
		if (t_ < var)						\
			var = t_;					\
	}								\
} while (0)

#endif
