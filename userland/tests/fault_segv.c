/* SPDX-License-Identifier: MIT */
/*
 * fault_segv: what happens when user code writes to an unmapped page?
 *
 * A store to address 0 raises #PF (not present, user, write); no mapping can
 * satisfy it, so the kernel kills the process with SIGSEGV (11). The store
 * is written in assembly: a C NULL store may be turned into ud2 (SIGILL) by
 * the compiler (-fisolate-erroneous-paths-dereference).
 */
#include "ktap.h"

int main(void)
{
	ktap_print_header();
	ktap_set_plan(1);
	ktap_print_msg("a write to NULL raises #PF: the kernel sends SIGSEGV");
	ktap_expect_signal(11);
	__asm__ volatile("movl $1, 0" ::: "memory");
	ktap_test_fail("a write to NULL raised SIGSEGV");
	ktap_finished();
	return KSFT_FAIL;
}
