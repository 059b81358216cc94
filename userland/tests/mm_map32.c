/* SPDX-License-Identifier: MIT */
/*
 * mm_map32: mmap's MAP_32BIT. A 64-bit program gets memory in
 * [1 GiB, 2 GiB) (Linux's find_start_end(): what 32-bit code called from
 * 64-bit code, and int $0x80 arguments such as ldt_gdt's struct user_desc,
 * need); a hint below 2 GiB that is free is taken. 32-bit and x32 programs
 * have all their memory below 4 GiB, the flag changes nothing.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "ktap.h"
#include "errname.h"

#define MAP_32BIT	0x40
#define PAGE		4096UL

static void *map32(void *hint, size_t len)
{
	return mmap(hint, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
}

int main(void)
{
	char *p, *q;
	int ok;

	ktap_print_header();
	ktap_set_plan(4);
	p = map32(NULL, 4 * PAGE);
	ok = p != MAP_FAILED;
	if (!ok)
		ktap_print_msg("mmap: %s", errno_name(errno));
#if defined(__x86_64__) && !defined(__ILP32__)
	ktap_test_result(ok && (uintptr_t)p >= 0x40000000UL && (uintptr_t)p + 4 * PAGE <= 0x80000000UL,
			 "MAP_32BIT, 4 pages: in [1 GiB, 2 GiB)");
#else
	ktap_test_result(ok && (uintptr_t)p + 4 * PAGE - 1 <= 0xffffffffUL,
			 "MAP_32BIT, 4 pages: below 4 GiB, as all our memory");
#endif
	if (ok) {
		memset(p, 0x5a, 4 * PAGE);
		ok = p[0] == 0x5a && p[4 * PAGE - 1] == 0x5a;
	}
	ktap_test_result(ok, "the pages are usable");
	q = map32((void *)0x50000000UL, PAGE);
	ktap_test_result(q == (void *)0x50000000UL, "a free hint at 0x50000000 is taken");
	ktap_test_result(p != MAP_FAILED && munmap(p, 4 * PAGE) == 0 && munmap(q, PAGE) == 0,
			 "munmap of both -> 0");
	ktap_finished();
}
