/* SPDX-License-Identifier: MIT */
/*
 * fault_gp: what happens when user code runs a privileged instruction?
 *
 * hlt at CPL 3 raises #GP(0) whatever IOPL is (cli would depend on IOPL);
 * the kernel sends SIGSEGV (11), si_code SI_KERNEL.
 */
#include "ktap.h"

int main(void)
{
	ktap_print_header();
	ktap_set_plan(1);
	ktap_print_msg("hlt in user mode raises #GP: the kernel sends SIGSEGV");
	ktap_expect_signal(11);
	__asm__ volatile("hlt");
	ktap_test_fail("hlt in user mode raised SIGSEGV");
	ktap_finished();
	return KSFT_FAIL;
}
