/* SPDX-License-Identifier: MIT */
/*
 * fault_ud: what happens on an undefined opcode?
 *
 * ud2 always raises #UD; the kernel turns it into SIGILL (4), si_code
 * ILL_ILLOPN.
 */
#include "ktap.h"

int main(void)
{
	ktap_print_header();
	ktap_set_plan(1);
	ktap_print_msg("ud2 raises #UD: the kernel sends SIGILL");
	ktap_expect_signal(4);
	__asm__ volatile("ud2");
	ktap_test_fail("ud2 raised SIGILL");
	ktap_finished();
	return KSFT_FAIL;
}
