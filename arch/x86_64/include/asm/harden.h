/* SPDX-License-Identifier: MIT */
/* What the kernel turned on to protect itself (arch/x86_64/harden.c). */
#ifndef _ASM_HARDEN_H
#define _ASM_HARDEN_H

#include <trident/types.h>

struct harden_state {
	bool smep, smap, umip;		/* CR4 bits set (CPUID leaf 7 has them) */
	bool strict_rwx;		/* kernel text r-x, rodata r--, data rw- NX */
	bool stack_protector;		/* -fstack-protector-strong canary set */
	bool stack_guard;		/* kernel stacks above an unmapped page */
	bool ubsan;			/* CONFIG_UBSAN handlers built in */
};
extern struct harden_state harden;

/* After paging_init(): page protections of the image, then CR4. */
void harden_init(void);
/* One line of the boot banner: what is on. */
void harden_banner(void);

/* Kernel stacks above unmapped guard pages (kernel/kstack.c). */
void kstack_init(void);
void *kstack_alloc(void);		/* KSTACK_SIZE bytes, or NULL */
void kstack_free(void *stack);
bool kstack_guard_page(unsigned long addr);

/* Guard pages under the IST stacks and the boot stack (stack_guard.c). */
unsigned long ist_stack_top(int ist);	/* IST_* of asm/desc.h */
void stack_guards_init(void);		/* from harden_init(): unmaps them */
const char *stack_guard_name(unsigned long addr);	/* "the #DF IST stack", or NULL */
void harden_unmap_image_page(void *page);	/* a page of the image's .bss */

struct pt_regs;
/* A kernel-mode page fault at addr that SMEP or SMAP raised (the kernel
 * executing a user page, or touching one outside a STAC window). */
bool harden_bad_user_access(const struct pt_regs *regs, unsigned long addr);
/* Before an oops: one line saying which protection caught it, if any. */
void harden_explain_fault(const struct pt_regs *regs, int vector, unsigned long cr2);

#endif
