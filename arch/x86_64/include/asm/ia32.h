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

/*
 * Is the x32 ABI on? Built in with CONFIG_X86_X32_ABI and not turned off
 * with syscall.x32=n (Debian's switch). It decides the x32 table's
 * dispatch (syscall_x32.c) and whether exec takes x32 programs.
 */
#ifdef CONFIG_X86_X32_ABI
bool x32_enabled(void);			/* arch/x86_64/syscall_x32.c */
#else
static inline bool x32_enabled(void)
{
	return false;
}
#endif

#endif
