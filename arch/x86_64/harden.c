// SPDX-License-Identifier: MIT
/*
 * The kernel protecting itself from user programs and from its own bugs
 * (docs/security.md):
 *
 *  - CR4.SMEP: the kernel never executes a user page (Linux 3.7).
 *  - CR4.SMAP: the kernel never reads or writes a user page except inside
 *    copy_user.asm's STAC ... CLAC windows (Linux 3.7).
 *  - CR4.UMIP: SGDT, SIDT, SLDT, SMSW and STR are #GP in user mode: no
 *    kernel addresses handed out (Linux 5.0; Linux emulates a few dummy
 *    answers for old Wine programs, we just send SIGSEGV).
 *  - The kernel image mapped page by page as the ELF asks: text read-only
 *    and executable, rodata read-only, data and bss never executable; the
 *    direct map never executable and its alias of the kernel's text and
 *    rodata read-only too (Linux's CONFIG_STRICT_KERNEL_RWX).
 *
 * The boot page tables (boot/head.asm) map -2 GiB and the direct map with
 * 2 MiB read-write-executable pages, through one shared page directory.
 * harden_page_tables() gives the kernel image its own page directory and
 * 4 KiB page tables, and splits the direct map's entries that cover the
 * image. Everything here comes from static, page-aligned tables: it runs
 * before the page allocator knows any memory.
 */
#include <trident/mm.h>
#include <trident/printk.h>
#include <trident/string.h>
#include <asm/harden.h>
#include <asm/msr.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <trident/task.h>

#define X86_CR4_UMIP (1UL << 11)
#define X86_CR4_SMEP (1UL << 20)
#define X86_CR4_SMAP (1UL << 21)

/* The 2 MiB pages of the image (from 0: the boot part at 1 MiB comes first). */
#define IMAGE_PDS 8
struct harden_state harden;
/* Read by the STAC/CLAC macros of asm/smap.inc. */
u8 smap_enabled;

extern char _text[], _etext[], __end_rodata[], _kernel_end[];

static u64 image_pd[512] __aligned(4096);
static u64 image_pt[IMAGE_PDS][512] __aligned(4096);
static u64 direct_pt[IMAGE_PDS][512] __aligned(4096);

static inline unsigned long read_cr4(void)
{
	unsigned long v;
	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void write_cr4(unsigned long v)
{
	__asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

/* Physical address of a static object of the image (linked at -2 GiB). */
static phys_addr_t image_pa(const void *p)
{
	return (phys_addr_t)p - KERNEL_VMA;
}

/* The 4 KiB entry for physical page pa of the first IMAGE_PDS * 2 MiB,
 * as the image mapping (alias = false) or the direct map (true) sees it. */
static u64 image_pte(phys_addr_t pa, bool alias)
{
	phys_addr_t text = image_pa(_text), etext = image_pa(_etext);
	phys_addr_t erodata = image_pa(__end_rodata);
	u64 nx = nx_enabled ? PTE_NX : 0;

	if (pa >= text && pa < etext)			/* r-x (direct map: r--) */
		return pa | PTE_PRESENT | PTE_GLOBAL | (alias ? nx : 0);
	if (pa >= etext && pa < erodata)		/* r-- */
		return pa | PTE_PRESENT | PTE_GLOBAL | nx;
	return pa | PTE_PRESENT | PTE_WRITE | PTE_GLOBAL | nx;	/* rw- */
}

static void harden_page_tables(void)
{
	u64 nx = nx_enabled ? PTE_NX : 0;
	u64 *pdpt_high = __va(kernel_pml4[511] & PTE_ADDR);
	u64 *pdpt_low = __va(kernel_pml4[PML4_INDEX(PAGE_OFFSET)] & PTE_ADDR);
	u64 *boot_pd = __va(pdpt_low[0] & PTE_ADDR);	/* also the direct map's */

	if (image_pa(_kernel_end) > IMAGE_PDS * (2UL << 20))
		panic("harden: the kernel image is larger than %d MiB", 2 * IMAGE_PDS);
	/* The image at -2 GiB: 4 KiB pages for the first IMAGE_PDS * 2 MiB,
	 * then the rest of the first GiB as before but never executable. */
	for (int i = 0; i < 512; i++) {
		if (i < IMAGE_PDS) {
			for (int j = 0; j < 512; j++)
				image_pt[i][j] = image_pte(((u64)i << 21) + ((u64)j << 12), false);
			image_pd[i] = image_pa(image_pt[i]) | PTE_PRESENT | PTE_WRITE;
		} else {
			image_pd[i] = ((u64)i << 21) | PTE_PRESENT | PTE_WRITE | PTE_PS | nx;
		}
	}
	/* The direct map: every 2 MiB page non-executable; those that hold
	 * the image split so that its text and rodata are read-only here too. */
	for (int i = 0; i < IMAGE_PDS; i++) {
		for (int j = 0; j < 512; j++)
			direct_pt[i][j] = image_pte(((u64)i << 21) + ((u64)j << 12), true);
	}
	pdpt_high[510] = image_pa(image_pd) | PTE_PRESENT | PTE_WRITE;
	for (int i = 0; i < 4 * 512; i++) {
		if (i < IMAGE_PDS)
			boot_pd[i] = image_pa(direct_pt[i]) | PTE_PRESENT | PTE_WRITE;
		else
			boot_pd[i] |= nx;
	}
	write_cr3(read_cr3());		/* flush everything the boot tables left */
	harden.strict_rwx = true;
}

/* The image's mapping of one page gone (a guard page: stack_guard.c). */
void harden_unmap_image_page(void *page)
{
	phys_addr_t pa = image_pa(page);

	image_pt[pa >> 21][(pa >> 12) & 511] = 0;
	invlpg((unsigned long)page);
}

void harden_init(void)
{
	u32 a, b, c, d;
	unsigned long cr4;

	harden_page_tables();
	stack_guards_init();

	cpuid(0, 0, &a, &b, &c, &d);
	if (a >= 7) {
		cpuid(7, 0, &a, &b, &c, &d);
		harden.smep = b & (1u << 7);
		harden.smap = b & (1u << 20);
		harden.umip = c & (1u << 2);
	}
	cr4 = read_cr4();
	if (harden.smep)
		cr4 |= X86_CR4_SMEP;
	if (harden.smap)
		cr4 |= X86_CR4_SMAP;
	if (harden.umip)
		cr4 |= X86_CR4_UMIP;
	write_cr4(cr4);
	/* SMAP: from here on the kernel runs with EFLAGS.AC clear; only
	 * copy_user.asm sets it around its user accesses. */
	if (harden.smap) {
		__asm__ volatile("clac" ::: "memory");
		smap_enabled = 1;
	}
}

static const char *on(bool b)
{
	return b ? "on" : "off";
}

void harden_banner(void)
{
	pr_info("Hardening: NX %s, SMEP %s, SMAP %s, UMIP %s, kernel text read-only %s, "
		"stack protector %s, kernel stack guard pages %s, UBSAN %s\n",
		on(nx_enabled), on(harden.smep), on(harden.smap), on(harden.umip),
		on(harden.strict_rwx), on(harden.stack_protector), on(harden.stack_guard),
		on(harden.ubsan));
}

/* Page-fault error code bits (Linux's X86_PF_*). */
#define PF_PROT  (1UL << 0)
#define PF_WRITE (1UL << 1)
#define PF_USER  (1UL << 2)
#define PF_INSTR (1UL << 4)

static bool user_half(unsigned long addr)
{
	return addr < 0x0000800000000000UL;
}

bool harden_bad_user_access(const struct pt_regs *regs, unsigned long addr)
{
	unsigned long err = regs->orig_ax;

	if (!user_half(addr) || (err & PF_USER))
		return false;
	if (err & PF_INSTR)
		return true;			/* SMEP (or a jump to NULL) */
	return harden.smap && !(regs->flags & X86_EFLAGS_AC);
}

void harden_explain_fault(const struct pt_regs *regs, int vector, unsigned long cr2)
{
	unsigned long err = regs->orig_ax;

	const char *stack = stack_guard_name(cr2);

	if (vector == 8 && (kstack_guard_page(cr2) || stack)) {
		printk("kernel stack overflow (double-fault): guard page %016lx hit%s%s%s\n", cr2,
		       stack ? " (" : "", stack ? stack : "", stack ? ")" : "");
		return;
	}
	if (vector != 14)
		return;
	if (user_half(cr2) && (err & PF_INSTR))
		printk("SMEP: the kernel tried to execute user address %016lx\n", cr2);
	else if (user_half(cr2) && harden.smap && !(regs->flags & X86_EFLAGS_AC))
		printk("SMAP: kernel access to user address %016lx outside copy_*_user\n", cr2);
	else if (!user_half(cr2) && (err & (PF_PROT | PF_INSTR)) == (PF_PROT | PF_INSTR))
		printk("NX: the kernel tried to execute non-executable page %016lx\n", cr2);
	else if (!user_half(cr2) && (err & (PF_PROT | PF_WRITE)) == (PF_PROT | PF_WRITE))
		printk("kernel write to read-only page %016lx\n", cr2);
	else if (kstack_guard_page(cr2) || stack)
		printk("kernel stack overflow: guard page %016lx hit%s%s%s\n", cr2,
		       stack ? " (" : "", stack ? stack : "", stack ? ")" : "");
}
