/* SPDX-License-Identifier: MIT */
/*
 * The first touch of an anonymous page: a write to each page of a fresh
 * private anonymous mapping (the fault: a zeroed page mapped writable),
 * against the same loop over the same pages once they are present.
 */
#include <sys/mman.h>
#include "bench.h"

#define PAGES 64
#define PAGE 4096

int main(void)
{
	uint64_t op = ~0ull, empty = ~0ull;

	for (int b = 0; b < BATCHES; b++) {
		volatile char *p = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		uint64_t t0, t;

		if (p == MAP_FAILED) {
			printf("bench: mmap failed\n");
			return 1;
		}
		for (int pass = 0; pass < 2; pass++) {
			t0 = rdtsc();
			for (int i = 0; i < PAGES; i++)
				p[i * PAGE] = 1;
			t = rdtsc() - t0;
			if (pass == 0 && t < op)
				op = t;
			if (pass == 1 && t < empty)
				empty = t;
		}
		munmap((void *)p, PAGES * PAGE);
	}
	bench_print("page-fault", "64", PAGES, op, empty);
	return 0;
}
