// SPDX-License-Identifier: MIT
/*
 * Address-space layout randomization of a new image (Linux's
 * mm/util.c randomize_stack_top, arch/x86/kernel/process.c
 * arch_align_stack, arch/x86/mm/mmap.c arch_mmap_rnd), decided once per
 * exec as load_elf_binary() sets PF_RANDOMIZE: unless `norandmaps` was
 * on the command line or the personality has ADDR_NO_RANDOMIZE.
 *
 *   stack top     STACK_TOP - (random & STACK_RND_MASK) pages: 0x3fffff
 *                 (16 GiB) for 64-bit tasks, 0x7ff (8 MiB) for ia32 and
 *                 x32 (TIF_ADDR32: mmap_is_ia32())
 *   stack pointer the strings' end less 0..8191 bytes, 16-byte aligned
 *   mmap_base     below the stack's largest random range, less 28 bits
 *                 (64-bit) or 8 bits (32-bit) of pages
 *
 * The numbers come from kernel/random.c. The brk start and the load
 * address of a PIE are not randomized (docs/differences.md).
 */
#include <trident/aslr.h>
#include <trident/random.h>
#include <trident/task.h>
#include <trident/mm.h>

#define STACK_RND_MASK_64	0x3fffffUL
#define STACK_RND_MASK_32	0x7ffUL
#define MMAP64_RND_BITS		28	/* CONFIG_ARCH_MMAP_RND_BITS */
#define MMAP32_RND_BITS		8	/* CONFIG_ARCH_MMAP_RND_COMPAT_BITS */

int randomize_va_space = 2;

bool exec_randomize(void)
{
	return randomize_va_space && !(current->personality & ADDR_NO_RANDOMIZE);
}

unsigned long stack_maxrandom_size(bool compat)
{
	return (compat ? STACK_RND_MASK_32 : STACK_RND_MASK_64) << PAGE_SHIFT;
}

unsigned long randomize_stack_top(unsigned long top, bool compat)
{
	unsigned long rnd = get_random_u64() & (compat ? STACK_RND_MASK_32 : STACK_RND_MASK_64);

	return ALIGN_UP(top, PAGE_SIZE) - (rnd << PAGE_SHIFT);
}

unsigned long arch_align_stack(unsigned long sp)
{
	return (sp - get_random_u64() % 8192) & ~0xfUL;
}

unsigned long arch_mmap_rnd(bool compat)
{
	int bits = compat ? MMAP32_RND_BITS : MMAP64_RND_BITS;

	return (get_random_u64() & ((1UL << bits) - 1)) << PAGE_SHIFT;
}
