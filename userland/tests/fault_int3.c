/* SPDX-License-Identifier: MIT */
/*
 * fault_int3: what happens on a breakpoint instruction?
 *
 * int3 raises #BP through a DPL-3 gate (vector 3 must be reachable from
 * user mode); with no debugger and no handler the kernel sends SIGTRAP (5),
 * whose default action kills the process.
 */
#include "ktap.h"

int main(void)
{
	ktap_print_header();
	ktap_set_plan(1);
	ktap_print_msg("int3 raises #BP: the kernel sends SIGTRAP");
	ktap_expect_signal(5);
	__asm__ volatile("int3");
	ktap_test_fail("int3 raised SIGTRAP");
	ktap_finished();
	return KSFT_FAIL;
}
