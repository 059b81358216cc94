// SPDX-License-Identifier: MIT
/*
 * -fstack-protector-strong (GNUmakefile): every function with a local array
 * or a local whose address is taken puts __stack_chk_guard between its
 * locals and its return address on entry and compares it before returning.
 * A stack buffer overflow that reaches the return address changes the
 * copy, and the function calls __stack_chk_fail instead of returning.
 *
 * The guard is one global (-mstack-protector-guard=global: the kernel has
 * no TLS at %fs:0x28, and %gs:0x28 would be struct percpu's business); a
 * new random value each boot, from RDRAND or the TSC, so an attacker
 * cannot write the right value back. Linux: boot_init_stack_canary().
 */
#include <trident/printk.h>
#include <trident/random.h>
#include <asm/harden.h>

unsigned long __stack_chk_guard = 0x595e9fbd94fda766UL;	/* until boot sets it */

/*
 * Called by kmain, which never returns: a function that is active while the
 * guard changes would find it wrong on its return. This one has no canary.
 */
__attribute__((no_stack_protector)) void stackprotector_init(void)
{
	unsigned long v = get_random_u64();

	/* A zero low byte stops string copies at the canary, as glibc's. */
	__stack_chk_guard = v & ~0xffUL;
	harden.stack_protector = true;
}

__attribute__((noreturn)) void __stack_chk_fail(void);
__attribute__((noreturn)) void __stack_chk_fail(void)
{
	panic("stack-protector: Kernel stack is corrupted in: %p",
	      __builtin_return_address(0));
}
