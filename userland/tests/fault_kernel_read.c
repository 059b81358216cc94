/* SPDX-License-Identifier: MIT */
/*
 * fault_kernel_read: can user code read kernel memory?
 *
 * The kernel half is mapped in every address space (Trident copies the
 * upper PML4 entries into each process), so its pages must be
 * supervisor-only: a user load from them raises #PF with the U/S and P bits
 * set in the error code, and the kernel sends SIGSEGV (11). The address is
 * PAGE_OFFSET, where both Linux (without KASLR) and Trident put the direct
 * map of physical memory: on Trident it is certainly mapped, so a page
 * table entry with the user bit would let the load succeed and this
 * program report "not ok". On Linux it faults whether mapped or not.
 *
 * A 32-bit program cannot form the address; its build loads from above the
 * end of 32-bit user space instead (0xfffff000), the same SIGSEGV.
 */
#include "ktap.h"

int main(void)
{
	ktap_print_header();
	ktap_set_plan(1);
#if defined(__x86_64__)
	ktap_print_msg("a load from 0xffff888000000000 (direct map) raises #PF: the kernel sends SIGSEGV");
	ktap_expect_signal(11);
	__asm__ volatile("movabsq $0xffff888000000000, %%rax\n\t"
			 "movl (%%rax), %%eax"
			 ::: "rax", "memory");
#else
	ktap_print_msg("a load from 0xfffff000 raises #PF: the kernel sends SIGSEGV");
	ktap_expect_signal(11);
	__asm__ volatile("movl 0xfffff000, %%eax" ::: "eax", "memory");
#endif
	ktap_test_fail("a user load from kernel memory raised SIGSEGV");
	ktap_finished();
	return KSFT_FAIL;
}
