/* SPDX-License-Identifier: MIT */
/*
 * fault_div: what happens on an integer division by zero?
 *
 * div with a zero divisor raises #DE; the kernel sends SIGFPE (8), si_code
 * FPE_INTDIV. In assembly, so the compiler cannot fold or drop it.
 */
#include "ktap.h"

int main(void)
{
	ktap_print_header();
	ktap_set_plan(1);
	ktap_print_msg("div by zero raises #DE: the kernel sends SIGFPE");
	ktap_expect_signal(8);
	__asm__ volatile("xorl %%edx, %%edx\n\t"
			 "movl $1, %%eax\n\t"
			 "xorl %%ecx, %%ecx\n\t"
			 "divl %%ecx"
			 ::: "eax", "ecx", "edx");
	ktap_test_fail("div by zero raised SIGFPE");
	ktap_finished();
	return KSFT_FAIL;
}
