// SPDX-License-Identifier: MIT
/*
 * Does the stack grow on demand? Linux maps only the first pages of the
 * initial stack and extends the stack vma downwards when a fault lands
 * below it, up to RLIMIT_STACK (8 MiB by default). A program that uses a
 * few MiB of stack must simply work.
 */
#include <string.h>
#include "ktap.h"

/* Touch `kib` KiB of stack, one page at a time from the top down, through
 * recursion so the compiler cannot shrink it; returns a checksum. */
static unsigned long __attribute__((noinline)) use_stack(int kib)
{
	volatile unsigned char page[4096];

	memset((void *)page, kib & 0xff, sizeof(page));
	if (kib <= 4)
		return page[100];
	return page[4095] + use_stack(kib - 4);
}

int main(void)
{
	ktap_print_header();
	ktap_set_plan(3);

	unsigned long sum = use_stack(64);
	ktap_test_result(sum != 0, "64 KiB of stack: usable");

	sum = use_stack(1024);
	ktap_test_result(sum != 0, "1 MiB of stack (beyond the first mapping): grows on demand");

	sum = use_stack(4096);
	ktap_test_result(sum != 0, "4 MiB of stack (half of RLIMIT_STACK): grows on demand");

	ktap_finished();
}
