/* SPDX-License-Identifier: MIT */
/*
 * Is the ia32 emulation on? Linux 6.7's ia32_enabled()
 * (arch/x86/include/asm/ia32.h): built in with CONFIG_IA32_EMULATION and
 * not turned off on the command line with ia32_emulation=0. Everything
 * that lets 32-bit code in asks it: syscall_init() (CSTAR, SYSENTER, the
 * int $0x80 gate), exec (EM_386 programs, else ENOEXEC) and the vDSO.
 */
#ifndef _ASM_IA32_H
#define _ASM_IA32_H

#include <trident/types.h>
#include <generated/autoconf.h>

#ifdef CONFIG_IA32_EMULATION
bool ia32_enabled(void);		/* arch/ia32/ia32.c */
#else
/* Not built: arch/ia32 is not compiled at all. */
static inline bool ia32_enabled(void)
{
	return false;
}
#endif

#endif
