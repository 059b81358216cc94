/* SPDX-License-Identifier: MIT */
/*
 * GDT layout, in Linux's order (arch/x86/include/asm/segment.h). SYSCALL and
 * SYSRET derive their selectors from MSR_STAR by fixed offsets, which forces
 * this order:
 *   SYSCALL:  CS = STAR[47:32]        = __KERNEL_CS, SS = CS + 8  = __KERNEL_DS
 *   SYSRETL:  CS = STAR[63:48]        = __USER32_CS, SS = +8      = __USER_DS
 *   SYSRETQ:  CS = STAR[63:48] + 16   = __USER_CS,   SS = +8      = __USER_DS
 * Shared with NASM (only #define lines here).
 */
#ifndef _ASM_SEGMENT_H
#define _ASM_SEGMENT_H

#define GDT_ENTRY_KERNEL32_CS   1   /* 0x08: 32-bit kernel code (unused after boot) */
#define GDT_ENTRY_KERNEL_CS     2
#define GDT_ENTRY_KERNEL_DS     3
#define GDT_ENTRY_DEFAULT_USER32_CS 4
#define GDT_ENTRY_DEFAULT_USER_DS   5
#define GDT_ENTRY_DEFAULT_USER_CS   6
/* 7 is unused, as in Linux */
#define GDT_ENTRY_TSS           8   /* a 16-byte system descriptor: 8 and 9 */
#define GDT_ENTRY_LDT          10   /* 10 and 11 */
#define GDT_ENTRY_TLS_MIN      12   /* three TLS slots for set_thread_area */
#define GDT_ENTRY_TLS_MAX      14
#define GDT_ENTRIES            16

#define __KERNEL32_CS   0x08
#define __KERNEL_CS     0x10
#define __KERNEL_DS     0x18
#define __USER32_CS     0x23
#define __USER_DS       0x2b
#define __USER32_DS     __USER_DS
#define __USER_CS       0x33
#define GDT_TSS_SEL     (GDT_ENTRY_TSS * 8)

#endif
