// SPDX-License-Identifier: MIT
/*
 * What the CPU is: vendor (it decides which compat fast path works:
 * SYSENTER on Intel, SYSCALL on AMD) and the feature bits the ELF
 * auxiliary vector reports (AT_HWCAP = CPUID.1:EDX, as on Linux).
 */
#include <asm/processor.h>
#include <trident/string.h>

struct cpuinfo boot_cpu;

void cpu_detect(void)
{
	u32 a, b, c, d;

	cpuid(0, 0, &a, &b, &c, &d);
	memcpy(boot_cpu.vendor_id + 0, &b, 4);
	memcpy(boot_cpu.vendor_id + 4, &d, 4);
	memcpy(boot_cpu.vendor_id + 8, &c, 4);
	boot_cpu.vendor_id[12] = '\0';
	if (!strcmp(boot_cpu.vendor_id, "GenuineIntel"))
		boot_cpu.vendor = X86_VENDOR_INTEL;
	else if (!strcmp(boot_cpu.vendor_id, "AuthenticAMD") ||
		 !strcmp(boot_cpu.vendor_id, "HygonGenuine"))
		boot_cpu.vendor = X86_VENDOR_AMD;
	else
		boot_cpu.vendor = X86_VENDOR_UNKNOWN;

	cpuid(1, 0, &a, &b, &c, &d);
	boot_cpu.features_edx = d;
	boot_cpu.features_ecx = c;
	boot_cpu.rdrand = c & (1u << 30);

	cpuid(0x80000000, 0, &a, &b, &c, &d);
	if (a >= 0x80000001) {
		cpuid(0x80000001, 0, &a, &b, &c, &d);
		boot_cpu.nx = d & (1u << 20);
	}
}
