/* SPDX-License-Identifier: MIT */
/*
 * Segment descriptors a program may ask for: struct user_desc (uapi
 * asm/ldt.h), read by set_thread_area (arch/ia32/tls.c, GDT slots 12-14)
 * and modify_ldt (arch/x86_64/ldt.c, the task's LDT), and turned into a
 * descriptor by the same fill_ldt() as Linux's asm/desc.h.
 */
#ifndef _ASM_LDT_H
#define _ASM_LDT_H

#include <trident/types.h>

#define LDT_ENTRIES	8192	/* the most an LDT can hold (13-bit index) */
#define LDT_ENTRY_SIZE	8

/* include/uapi/asm/ldt.h: 16 bytes for both ABIs. A 64-bit kernel also
 * reads bit 7 (lm), which is padding for an ia32 program. */
struct user_desc {
	u32 entry_number;
	u32 base_addr;
	u32 limit;
	u32 seg_32bit:1;
	u32 contents:2;
	u32 read_exec_only:1;
	u32 limit_in_pages:1;
	u32 seg_not_present:1;
	u32 useable:1;
	u32 lm:1;
};
_Static_assert(sizeof(struct user_desc) == 16, "struct user_desc is 16 bytes");

/* Fields of a segment descriptor (Intel SDM vol. 3, 3.4.5). */
#define DESC_TYPE_SHIFT	40	/* 4 bits: accessed, writable, expand-down, code */
#define DESC_S		(1ULL << 44)	/* code or data, not a system segment */
#define DESC_DPL3	(3ULL << 45)
#define DESC_P		(1ULL << 47)	/* present */
#define DESC_AVL	(1ULL << 52)
#define DESC_L		(1ULL << 53)
#define DESC_D		(1ULL << 54)	/* 32-bit segment */
#define DESC_G		(1ULL << 55)	/* limit in 4 KiB pages */

#define SEGMENT_RPL_USER	3
#define SEGMENT_LDT		4	/* TI: a selector into the LDT */

/* LDT_empty(): the "no segment" pattern (not present, read-only, all 0). */
static inline bool ldt_empty(const struct user_desc *u)
{
	return !u->base_addr && !u->limit && !u->contents && u->read_exec_only &&
	       !u->seg_32bit && !u->limit_in_pages && u->seg_not_present &&
	       !u->useable && !u->lm;
}

/* fill_ldt(): a DPL-3 descriptor, accessed already (so the CPU never
 * writes the table), never a 64-bit one (L stays 0). */
static inline u64 fill_ldt(const struct user_desc *u)
{
	u64 type = ((u64)(u->read_exec_only ^ 1) << 1) | ((u64)u->contents << 2) | 1;

	return (u->limit & 0xffffULL) | ((u64)(u->base_addr & 0xffffff) << 16) |
	       (type << DESC_TYPE_SHIFT) | DESC_S | DESC_DPL3 |
	       (u->seg_not_present ? 0 : DESC_P) |
	       ((u64)((u->limit >> 16) & 0xf) << 48) |
	       (u->useable ? DESC_AVL : 0) | (u->seg_32bit ? DESC_D : 0) |
	       (u->limit_in_pages ? DESC_G : 0) |
	       ((u64)(u->base_addr >> 24) << 56);
}

/* A process's LDT (Linux's struct ldt_struct, in mm->context.ldt). */
struct ldt {
	unsigned int nr_entries;
	u64 *entries;
};

struct mm;
struct task;
/* LDTR for mm: its LDT, or none (mm_activate() calls it). */
void ldt_load(const struct mm *mm);
/* fork: a copy of the parent's LDT (ldt_dup_context); 0 or -ENOMEM. */
int ldt_dup(struct mm *old, struct mm *mm);
void ldt_free(struct mm *mm);
/* Can sel be loaded into a data segment register of a task of mm without
 * a fault? Else the null selector (Linux's loadsegment() fixup). */
u16 ldt_usable_selector(const struct mm *mm, u16 sel);
/* gdt.c: the GDT's LDT descriptor. */
void gdt_set_ldt(unsigned long base, unsigned long limit);

#endif
