// SPDX-License-Identifier: MIT
/*
 * Guard pages under the stacks that are not task stacks: the IST stacks
 * (#DF, NMI, #DB: asm/desc.h) and the boot stack kmain runs on until init's
 * first return to user mode (boot/head.asm). Task stacks have theirs in
 * kernel/kstack.c; these live in the kernel image's .bss, so their guard is
 * a page of .bss right below each, unmapped from the image's own page
 * tables (harden.c, which maps the image with 4 KiB pages). Linux gives
 * its IST stacks guard pages in the cpu_entry_area (5.2, "x86/exceptions:
 * Add guard pages to IST stacks") and its boot stack is a task stack.
 *
 * An overflow then page-faults on the guard; the CPU cannot push that
 * fault's frame on the overflowed stack and raises a double fault, which
 * runs at the top of its own IST stack (even when the #DF stack itself
 * overflowed: IST always reloads RSP) and names the stack (harden.c).
 * The direct map's alias of a guard stays mapped: a stack is only ever
 * used through the image's addresses.
 */
#include <trident/mm.h>
#include <asm/desc.h>
#include <asm/harden.h>

#define IST_STACK_SIZE	4096

struct guarded_stack {
	u8 guard[PAGE_SIZE];		/* unmapped by stack_guards_init() */
	u8 stack[IST_STACK_SIZE];
} __aligned(PAGE_SIZE);

static struct guarded_stack ist_stacks[3];	/* IST1..IST3 */
/* boot/head.asm: a page-aligned guard page right below init_stack. */
extern u8 init_stack_guard[], init_stack[], init_stack_top[];

static const char *const ist_names[3] = {
	[IST_DOUBLE_FAULT - 1] = "the #DF IST stack",
	[IST_NMI - 1] = "the NMI IST stack",
	[IST_DEBUG - 1] = "the #DB IST stack",
};

unsigned long ist_stack_top(int ist)
{
	return (unsigned long)ist_stacks[ist - 1].stack + IST_STACK_SIZE;
}

void stack_guards_init(void)
{
	for (int i = 0; i < 3; i++)
		harden_unmap_image_page(ist_stacks[i].guard);
	harden_unmap_image_page(init_stack_guard);
}

const char *stack_guard_name(unsigned long addr)
{
	for (int i = 0; i < 3; i++)
		if (addr - (unsigned long)ist_stacks[i].guard < PAGE_SIZE)
			return ist_names[i];
	if (addr - (unsigned long)init_stack_guard < PAGE_SIZE)
		return "the boot stack";
	return NULL;
}
