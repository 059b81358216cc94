/* SPDX-License-Identifier: MIT */
/*
 * fault_noncanon: what happens when user code uses a non-canonical address?
 *
 * An access to an address whose bits 63..47 are not all equal raises #GP(0),
 * not #PF: there is no page to look up and CR2 is not written. The kernel
 * must treat it like a bad pointer and send SIGSEGV (11), si_code SI_KERNEL.
 *
 * A 32-bit program cannot form such an address; its build stores above the
 * end of 32-bit user space (0xffffe000 on a 64-bit kernel) instead, which is
 * a #PF and the same SIGSEGV.
 */
#include "ktap.h"

int main(void)
{
	ktap_print_header();
	ktap_set_plan(1);
#if defined(__x86_64__)
	ktap_print_msg("a store to 0x8000000000000000 raises #GP: the kernel sends SIGSEGV");
	ktap_expect_signal(11);
	__asm__ volatile("movabsq $0x8000000000000000, %%rax\n\t"
			 "movl $1, (%%rax)"
			 ::: "rax", "memory");
#else
	ktap_print_msg("a store to 0xfffff000 raises #PF: the kernel sends SIGSEGV");
	ktap_expect_signal(11);
	__asm__ volatile("movl $1, 0xfffff000" ::: "memory");
#endif
	ktap_test_fail("a non-canonical store raised SIGSEGV");
	ktap_finished();
	return KSFT_FAIL;
}
