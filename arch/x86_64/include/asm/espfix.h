/* SPDX-License-Identifier: MIT */
/* espfix64: the stack IRET returns through to a 16-bit SS (arch/x86_64/espfix.c). */
#ifndef _ASM_ESPFIX_H
#define _ASM_ESPFIX_H

/* PML4 entry 510, as Linux's ESPFIX_PGD_ENTRY (-2): 4 GiB of aliases of
 * one page from here. Bits 16-31 are zero, for the user's RSP bits. */
#define ESPFIX_BASE_ADDR	0xffffff0000000000UL
/* Where the exit puts the user's RAX, with the 5-word IRET frame
 * (RIP, CS, RFLAGS, RSP, SS) above it up to the end of the page. */
#define ESPFIX_FRAME_OFFSET	(PAGE_SIZE - 6 * 8)

#ifndef __ASSEMBLER__
#include <trident/types.h>
extern u8 espfix_stack[];
extern u8 *const espfix_waddr;
extern const unsigned long espfix_rsp;
/* Before any address space is created (the PML4 entry is copied). */
void espfix_init(void);
#endif

#endif
