/* SPDX-License-Identifier: MIT */
/* GDT, TSS and IDT (arch/x86_64/gdt.c, idt.c). */
#ifndef _ASM_DESC_H
#define _ASM_DESC_H

#include <trident/types.h>
#include <trident/compiler.h>

/* The 64-bit TSS: no task switching, only the stacks the CPU loads on a
 * privilege change (RSP0) and the IST stacks (Intel SDM 8.7). */
struct tss {
	u32 reserved0;
	u64 rsp0;		/* kernel stack for interrupts/exceptions from ring 3 */
	u64 rsp1;
	u64 rsp2;
	u64 reserved1;
	u64 ist[7];		/* IST1..IST7 */
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;		/* beyond the limit: no I/O bitmap, IOPL rules */
} __packed;
_Static_assert(sizeof(struct tss) == 104, "TSS size");

/* IST slots: double fault and NMI get stacks of their own, so a kernel
 * stack overflow still reaches the handler. */
#define IST_DOUBLE_FAULT 1
#define IST_NMI          2
/* #DB too (Linux's IST_INDEX_DB): a SYSCALL with TF set can trap on the
 * entry's first instruction, in ring 0 but still on the user's RSP; an
 * IST stack is the only one the CPU can push that frame on. */
#define IST_DEBUG        3

void gdt_init(void);
void idt_init(void);
void idt_set_gate(int vector, void *handler, int dpl, int ist);
void idt_clear_gate(int vector);
bool idt_gate_present(int vector);
/* Set the kernel stack the CPU uses on entry from ring 3 (TSS.RSP0). */
void tss_set_rsp0(unsigned long rsp0);

/* The I/O permission bitmap after the TSS (arch/x86_64/ioport.c): one bit
 * per port, set = denied. tss_update_io_bitmap(map, seq) puts map in
 * (copied unless seq says it is there already); NULL: no port at all. */
#define IO_BITMAP_BITS	65536
#define IO_BITMAP_BYTES	(IO_BITMAP_BITS / 8)
void tss_update_io_bitmap(const u8 *map, u64 seq);

#endif
