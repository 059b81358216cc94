// SPDX-License-Identifier: MIT
/*
 * Power off, as the test harness and people expect when init exits.
 *
 * 1. QEMU's isa-debug-exit device (when the harness adds it at 0xf4):
 *    QEMU exits at once with status (value << 1) | 1, so the harness learns
 *    init's status from QEMU's. Without the device the write goes nowhere.
 * 2. ACPI S5 through the PM1a control register: SLP_TYP = 0 | SLP_EN
 *    (0x2000) at 0x604 on QEMU's PIIX4/ICH9 and 0xb004 on Bochs. A real
 *    machine would need the FADT and \_S5 from the ACPI tables.
 */
#include <asm/io.h>
#include <asm/processor.h>
#include <trident/printk.h>

#define DEBUG_EXIT_PORT 0xf4
#define QEMU_PM1A_CNT   0x604
#define BOCHS_PM1A_CNT  0xb004
#define SLP_EN          0x2000

__attribute__((noreturn)) void machine_power_off(int status);
__attribute__((noreturn)) void machine_power_off(int status)
{
	__asm__ volatile("cli");
	outl(DEBUG_EXIT_PORT, (u32)status);
	outw(QEMU_PM1A_CNT, SLP_EN);
	outw(BOCHS_PM1A_CNT, SLP_EN);
	/* The emulator acts on the request a moment later: wait before
	 * saying it failed (about 0.1 s at a few GHz). */
	for (u64 start = rdtsc(); rdtsc() - start < 500000000ULL;)
		__asm__ volatile("pause");
	printk("Power off failed: halted. You can turn the machine off.\n");
	halt_forever();
	__builtin_unreachable();
}
