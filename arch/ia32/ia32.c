// SPDX-License-Identifier: MIT
/*
 * The ia32 emulation's boot switch. This file is built only with
 * CONFIG_IA32_EMULATION=y; without it, asm/ia32.h answers false itself.
 *
 * Linux 6.7 added ia32_emulation=0|1 (Nikolay Borisov, "x86: Make
 * IA32_EMULATION boot time configurable"): a kernel built with the emulation
 * can refuse 32-bit programs, as distributions that want to shrink the
 * attack surface do, without a rebuild. Its default is
 * CONFIG_IA32_EMULATION_DEFAULT_DISABLED=n, so "not given" means on, as
 * here.
 */
#include <asm/ia32.h>
#include <trident/boot.h>

/* boot_params.ia32_emulation: -1 when not given (on), 0 or 1. Before
 * parse_cmdline() runs it is still -1: ask only after it. */
bool ia32_enabled(void)
{
	return boot_params.ia32_emulation != 0;
}
