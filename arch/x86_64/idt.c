// SPDX-License-Identifier: MIT
/*
 * The interrupt descriptor table: the 32 exceptions, the 16 legacy IRQs
 * (remapped to 32-47), and later the int $0x80 gate (arch/ia32).
 */
#include <asm/desc.h>
#include <asm/segment.h>
#include <trident/string.h>

struct idt_gate {
	u16 offset_low;
	u16 selector;
	u8  ist;		/* bits 0-2: IST slot, 0 = none */
	u8  type_attr;		/* P, DPL, type 0xe = 64-bit interrupt gate */
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __packed;
_Static_assert(sizeof(struct idt_gate) == 16, "IDT gate");

static struct idt_gate idt[256] __aligned(16);

extern void *exception_stubs[32];
extern void *irq_stubs[16];

void idt_set_gate(int vector, void *handler, int dpl, int ist)
{
	u64 a = (u64)handler;

	idt[vector] = (struct idt_gate){
		.offset_low = a & 0xffff,
		.selector = __KERNEL_CS,
		.ist = (u8)ist,
		/* Interrupt gates (not trap gates): IF is cleared on entry, so
		 * the stub runs before any interrupt can nest. */
		.type_attr = (u8)(0x80 | (dpl << 5) | 0x0e),
		.offset_mid = (a >> 16) & 0xffff,
		.offset_high = a >> 32,
	};
}

bool idt_gate_present(int vector)
{
	return idt[vector].type_attr & 0x80;
}

void idt_clear_gate(int vector)
{
	memset(&idt[vector], 0, sizeof(idt[vector]));
}

void idt_init(void)
{
	for (int v = 0; v < 32; v++) {
		/* int3 and into are instructions a user program may execute:
		 * DPL 3 so that they raise #BP/#OF (SIGTRAP/SIGSEGV), as on
		 * Linux, instead of #GP. Every other gate is DPL 0: `int $n`
		 * from user mode then raises #GP. */
		int dpl = (v == 3 || v == 4) ? 3 : 0;
		int ist = v == 8 ? IST_DOUBLE_FAULT : v == 2 ? IST_NMI : v == 1 ? IST_DEBUG : 0;
		idt_set_gate(v, exception_stubs[v], dpl, ist);
	}
	for (int i = 0; i < 16; i++)
		idt_set_gate(32 + i, irq_stubs[i], 0, 0);

	struct { u16 limit; u64 base; } __packed idtr = { sizeof(idt) - 1, (u64)idt };
	__asm__ volatile("lidt %0" : : "m"(idtr));
}
