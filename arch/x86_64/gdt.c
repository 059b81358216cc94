// SPDX-License-Identifier: MIT
/*
 * The GDT in Linux's order (asm/segment.h explains why SYSCALL/SYSRET
 * force it), the TSS, and the per-CPU area behind GS.
 */
#include <asm/desc.h>
#include <asm/harden.h>
#include <asm/segment.h>
#include <asm/ldt.h>
#include <asm/msr.h>
#include <asm/percpu.h>
#include <trident/string.h>

/* Descriptor bits: G (4 KiB granularity), D/B, L (64-bit code), P, DPL, S, type. */
#define SEG(flags, access) (((u64)(flags) << 52) | ((u64)(access) << 40) | 0x000f00000000ffffULL)
#define CODE64_KERNEL SEG(0xa, 0x9b)	/* G L, P DPL0 code exec/read accessed */
#define CODE32_KERNEL SEG(0xc, 0x9b)	/* G D */
#define DATA_KERNEL   SEG(0xc, 0x93)	/* G B, P DPL0 data read/write accessed */
#define CODE32_USER   SEG(0xc, 0xfb)	/* DPL3 */
#define DATA_USER     SEG(0xc, 0xf3)
#define CODE64_USER   SEG(0xa, 0xfb)

static u64 gdt[GDT_ENTRIES] __aligned(16) = {
	[GDT_ENTRY_KERNEL32_CS]       = CODE32_KERNEL,
	[GDT_ENTRY_KERNEL_CS]         = CODE64_KERNEL,
	[GDT_ENTRY_KERNEL_DS]         = DATA_KERNEL,
	[GDT_ENTRY_DEFAULT_USER32_CS] = CODE32_USER,
	[GDT_ENTRY_DEFAULT_USER_DS]   = DATA_USER,
	[GDT_ENTRY_DEFAULT_USER_CS]   = CODE64_USER,
};

/*
 * The TSS and, right after it, its I/O permission bitmap and the byte of
 * ones the CPU wants past the bitmap's end (it reads two bytes per port
 * check). The limit covers both; iomap_base points at the bitmap while
 * the task has one, beyond the limit otherwise (every port denied).
 */
struct tss_io {
	struct tss tss;
	u8 io_bitmap[IO_BITMAP_BYTES];
	u8 io_bitmap_end;
} __packed;
/* Not static: idt_entry.asm's #DB reads TSS.RSP0 at tss_io + 4. */
extern struct tss_io tss_io;
struct tss_io tss_io __aligned(16);
#define cpu_tss tss_io.tss
#define IO_BITMAP_OFFSET_VALID		sizeof(struct tss)
#define IO_BITMAP_OFFSET_INVALID	(sizeof(tss_io) + 1)
static struct percpu boot_percpu;

/* Where SYSENTER lands (MSR_IA32_SYSENTER_ESP): the entry moves to the
 * task's stack at once, so a few words would do; a page is generous. */
static u8 entry_stack[4096] __aligned(16);

static void set_tss_descriptor(void)
{
	u64 base = (u64)&tss_io;
	u64 limit = sizeof(tss_io) - 1;

	/* A 16-byte system descriptor: type 9 (available 64-bit TSS), P. */
	gdt[GDT_ENTRY_TSS] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
			     (0x89ULL << 40) | (((limit >> 16) & 0xf) << 48) |
			     (((base >> 24) & 0xff) << 56);
	gdt[GDT_ENTRY_TSS + 1] = base >> 32;
}

/* The LDT descriptor (entries 10-11, 16 bytes): type 2, present, DPL 0;
 * LLDT of GDT_ENTRY_LDT * 8 then loads it (arch/x86_64/ldt.c). */
void gdt_set_ldt(unsigned long base, unsigned long limit)
{
	gdt[GDT_ENTRY_LDT] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
			     (0x82ULL << 40) | (((limit >> 16) & 0xf) << 48) |
			     (((base >> 24) & 0xff) << 56);
	gdt[GDT_ENTRY_LDT + 1] = base >> 32;
}

void tss_update_io_bitmap(const u8 *map, u64 seq)
{
	static u64 loaded;	/* the sequence of the map in the TSS, 0: none */

	if (!map) {
		cpu_tss.iomap_base = IO_BITMAP_OFFSET_INVALID;
		return;
	}
	if (seq != loaded) {
		memcpy(tss_io.io_bitmap, map, IO_BITMAP_BYTES);
		loaded = seq;
	}
	cpu_tss.iomap_base = IO_BITMAP_OFFSET_VALID;
}

void tss_set_rsp0(unsigned long rsp0)
{
	cpu_tss.rsp0 = rsp0;
}

void gdt_init(void)
{
	struct { u16 limit; u64 base; } __packed gdtr = { sizeof(gdt) - 1, (u64)gdt };

	cpu_tss.iomap_base = IO_BITMAP_OFFSET_INVALID;
	tss_io.io_bitmap_end = 0xff;
	/* The IST stacks, each above a guard page (stack_guard.c). */
	cpu_tss.ist[IST_DOUBLE_FAULT - 1] = ist_stack_top(IST_DOUBLE_FAULT);
	cpu_tss.ist[IST_NMI - 1] = ist_stack_top(IST_NMI);
	cpu_tss.ist[IST_DEBUG - 1] = ist_stack_top(IST_DEBUG);
	set_tss_descriptor();

	__asm__ volatile(
		"lgdt %0\n\t"
		"mov %1, %%ds\n\t"
		"mov %1, %%es\n\t"
		"mov %1, %%ss\n\t"
		"pushq %2\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"ltr %w3"
		: : "m"(gdtr), "r"((u64)__KERNEL_DS), "i"(__KERNEL_CS), "r"(GDT_TSS_SEL)
		: "rax", "memory");
	/* FS and GS hold the null selector in the kernel: their bases come
	 * from the MSRs. */
	__asm__ volatile("mov %0, %%fs; mov %0, %%gs" : : "r"(0));
	/* No LDT (Linux's clear_LDT at boot). Since reset LDTR has had base 0
	 * and limit 0xffff: an LDT selector in a sigreturn frame (or loaded
	 * by a program) would make the CPU read "descriptors" at linear
	 * address 0, and LAR in the kernel (force_valid_ss) page-faulted
	 * there. With the null LDTR they are simply invalid. */
	__asm__ volatile("lldt %w0" : : "r"(0));
}

/* The kernel's GS base, for the one entry that cannot tell from the
 * saved CS whether the user's GS base is live (idt_entry.asm's kernel
 * #DB path compares MSR_GS_BASE with it). */
unsigned long kernel_gs_base;

/* GS_BASE -> this CPU's struct percpu while in the kernel; user GS base 0
 * waits in KERNEL_GS_BASE until the first swapgs on the way out. */
void percpu_init(void)
{
	kernel_gs_base = (unsigned long)&boot_percpu;
	boot_percpu.self = &boot_percpu;
	boot_percpu.tss = &cpu_tss;
	boot_percpu.entry_stack_top = (unsigned long)entry_stack + sizeof(entry_stack);
	wrmsr(MSR_GS_BASE, (u64)&boot_percpu);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
}
