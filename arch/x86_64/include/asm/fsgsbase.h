/* SPDX-License-Identifier: MIT */
#ifndef _ASM_FSGSBASE_H
#define _ASM_FSGSBASE_H

#include <trident/types.h>

struct task;

/*
 * CR4.FSGSBASE (arch/x86_64/fsgsbase.c): when on, user programs change
 * their FS and GS bases with WRFSBASE/WRGSBASE, without the kernel seeing
 * it, so task->fs_base and task->gs_base are only what the CPU held when
 * fsgsbase_save() last read them.
 */
extern bool fsgsbase_enabled;
extern unsigned long elf_hwcap2;	/* the ELF AT_HWCAP2: HWCAP2_FSGSBASE */

#define HWCAP2_FSGSBASE		(1UL << 1)	/* arch/x86/include/uapi/asm/hwcap2.h */

void fsgsbase_init(bool disabled);
void fsgsbase_save(struct task *t);

#endif
