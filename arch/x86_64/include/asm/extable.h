/* SPDX-License-Identifier: MIT */
/*
 * Exception table (Linux's arch/x86/mm/extable.c): pairs of (address of an
 * instruction that may fault on a user address, where to continue). The
 * assembly that touches user memory adds entries to section __ex_table;
 * the linker script collects them between __start___ex_table and
 * __stop___ex_table.
 */
#ifndef _ASM_EXTABLE_H
#define _ASM_EXTABLE_H

struct pt_regs;

struct exception_table_entry {
	unsigned long insn;
	unsigned long fixup;
};

/* If regs->ip has an entry, point regs->ip at its fix-up and return true. */
bool fixup_exception(struct pt_regs *regs);

#endif
