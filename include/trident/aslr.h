/* SPDX-License-Identifier: MIT */
/*
 * Address-space layout randomization at exec (kernel/aslr.c), as Linux's
 * randomize_va_space=2 default: the stack top, the stack pointer below
 * the strings, and mmap_base move by a random amount in each new image.
 * Off for every exec with the boot parameter `norandmaps`, and for a
 * process whose personality has ADDR_NO_RANDOMIZE (`setarch -R`).
 */
#ifndef _TRIDENT_ASLR_H
#define _TRIDENT_ASLR_H

#include <trident/types.h>

/* personality(2)'s bits that matter here (include/uapi/linux/personality.h). */
#define ADDR_NO_RANDOMIZE	0x0040000

/* /proc/sys/kernel/randomize_va_space: 2, or 0 after `norandmaps`. */
extern int randomize_va_space;

/* Does the exec being made now randomize (Linux's PF_RANDOMIZE)? */
bool exec_randomize(void);
/* randomize_stack_top(): top less STACK_RND_MASK pages at random (22 bits
 * of pages for 64-bit tasks, 11 for ia32 and x32). */
unsigned long randomize_stack_top(unsigned long top, bool compat);
/* Linux's arch_align_stack(): up to 8 KiB lower, 16-byte aligned. */
unsigned long arch_align_stack(unsigned long sp);
/* The largest amount randomize_stack_top() takes off (stack_maxrandom_size). */
unsigned long stack_maxrandom_size(bool compat);
/* arch_mmap_rnd(): 28 bits of pages for 64-bit tasks, 8 for 32-bit ones. */
unsigned long arch_mmap_rnd(bool compat);

#endif
