// SPDX-License-Identifier: MIT
/*
 * The 32-bit vDSO in the kernel: patching it for this CPU at boot, mapping
 * it into ia32 tasks at exec, and the addresses the entry code and exec
 * need from it (Linux: arch/x86/entry/vdso/vma.c and vdso32-setup.c).
 * What it is and where it goes: asm/vdso.h. Its source:
 * arch/ia32/vdso/vdso32/, built into vdso32.so and embedded by
 * vdso32_image.asm; generated/vdso32-syms.h gives the offsets of its
 * symbols (`nm` of the unstripped image, GNUmakefile).
 */
#include <asm/vdso.h>
#include <generated/autoconf.h>
#include <asm/ia32.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <trident/compiler.h>
#include <trident/elf.h>
#include <trident/errno.h>
#include <trident/mm.h>
#include <trident/printk.h>
#include <trident/string.h>
#include <trident/task.h>
#include <trident/vm.h>
#include <generated/vdso32-syms.h>

extern const u8 vdso32_image[], vdso32_image_end[];	/* vdso32_image.asm */

/*
 * The fast entries, as Linux's ALTERNATIVE_2 in vdso32/system_call.S
 * writes them over the NOPs at vsyscall_fast.
 */
struct fast_entry {
	const char *name;
	u8 code[4];
};
static const struct fast_entry sysenter_entry = {
	"SYSENTER", { 0x89, 0xe5, 0x0f, 0x34 },		/* mov %esp,%ebp; sysenter */
};
static const struct fast_entry syscall_entry = {
	"SYSCALL", { 0x89, 0xcd, 0x0f, 0x05 },		/* mov %ecx,%ebp; syscall */
};
_Static_assert(VDSO32_SYM_vsyscall_fast_end - VDSO32_SYM_vsyscall_fast ==
	       sizeof(sysenter_entry.code), "vsyscall_fast holds one fast entry");

/*
 * The pages every ia32 task maps, all tasks the same frames: the image,
 * patched. In the kernel image rather than from the page allocator (Linux
 * too: vdso-image-32.c's raw_data), so that it exists before memory is
 * set up. Mappings count as users of these frames (page_get() at map,
 * page_free() at unmap); the kernel image stays their owner, so the last
 * unmap never frees them. Copy-on-write protects them from a task that
 * makes its vDSO writable.
 */
static u8 vdso32_pages[VDSO32_SIZE] __aligned(PAGE_SIZE);
static const char *entry_name = "int $0x80";
static bool vdso32_ready;

/* The physical address of an object in the kernel image (Linux's
 * __pa_symbol()): the linker script loads it at its address - KERNEL_VMA. */
static phys_addr_t kernel_image_pa(const void *p)
{
	return (unsigned long)p - KERNEL_VMA;
}

static const char *vendor_name(void)
{
	if (!strcmp(boot_cpu.vendor_id, "GenuineIntel"))
		return "Intel";
	if (!strcmp(boot_cpu.vendor_id, "AuthenticAMD"))
		return "AMD";
	if (!strcmp(boot_cpu.vendor_id, "HygonGenuine"))
		return "Hygon";
	return boot_cpu.vendor_id;
}

void vdso32_init(void)
{
	size_t len = vdso32_image_end - vdso32_image;
	const struct fast_entry *fast = NULL;

	/* What the build must have made: a 32-bit ELF that fits its
	 * mapping, with NOPs where the fast entry goes. */
	if (len < sizeof(Elf32_Ehdr) || len > VDSO32_SIZE ||
	    memcmp(vdso32_image, ELFMAG, SELFMAG) || vdso32_image[EI_CLASS] != ELFCLASS32)
		panic("vDSO32: the image is not an ELF32 file of at most %lu bytes",
		      VDSO32_SIZE);
	memcpy(vdso32_pages, vdso32_image, len);
	for (size_t i = 0; i < sizeof(sysenter_entry.code); i++)
		BUG_ON(vdso32_pages[VDSO32_SYM_vsyscall_fast + i] != 0x90);

	/*
	 * Linux sets X86_FEATURE_SYSENTER32 on 64-bit Intel (also Centaur and
	 * Zhaoxin, which cpu.c does not tell apart: they get int $0x80
	 * here) and X86_FEATURE_SYSCALL32 on AMD and Hygon. Intel CPUs raise
	 * #UD for SYSCALL in compatibility mode, AMD CPUs for SYSENTER in
	 * long mode: each vendor has exactly one of the two.
	 */
	if (boot_cpu.vendor == X86_VENDOR_INTEL)
		fast = &sysenter_entry;
	else if (boot_cpu.vendor == X86_VENDOR_AMD)	/* AMD and Hygon */
		fast = &syscall_entry;
	if (fast) {
		memcpy(vdso32_pages + VDSO32_SYM_vsyscall_fast, fast->code,
		       sizeof(fast->code));
		entry_name = fast->name;
	}
	vdso32_ready = true;

	if (ia32_enabled())
		pr_info("vDSO32: __kernel_vsyscall uses %s (%s)\n", entry_name,
			vendor_name());
	else
		pr_info("vDSO32: off (ia32_emulation=0): no 32-bit programs\n");
}

const char *vdso32_entry_name(void)
{
	return entry_name;
}

/* arch_setup_additional_pages() for ia32 (Linux's map_vdso()). */
int vdso32_map(struct mm *mm)
{
	unsigned long base, addr;
	phys_addr_t pa = kernel_image_pa(vdso32_pages);
	int err;

	if (!vdso32_ready)
		return 0;
	/* Top-down below mmap_base, as get_unmapped_area() (vm_find_gap()). */
	base = vm_find_gap(mm, VDSO32_VVAR_SIZE + VDSO32_SIZE);
	if (!base)
		return -ENOMEM;
	addr = base + VDSO32_VVAR_SIZE;
	/* Linux's [vvar] and [vvar_vclock] pages: reserved, no access. */
	err = vm_map_lazy(mm, base, VDSO32_VVAR_SIZE, 0);
	if (!err)
		err = vm_map_lazy(mm, addr, VDSO32_SIZE, VM_READ | VM_EXEC);
	for (unsigned long off = 0; !err && off < VDSO32_SIZE; off += PAGE_SIZE) {
		u64 *pte = pte_lookup(mm->pml4, addr + off, true);

		if (!pte) {
			err = -ENOMEM;
			break;
		}
		page_get(pa + off);
		*pte = pte_make(pa + off, VM_READ | VM_EXEC);
	}
	if (err)
		return err;	/* the caller drops mm, and the references */
	mm->vdso = addr;
	return 0;
}

static unsigned long vdso_sym(const struct mm *mm, unsigned long offset)
{
	return mm && mm->vdso ? mm->vdso + offset : 0;
}

unsigned long vdso32_vsyscall(const struct mm *mm)
{
	return vdso_sym(mm, VDSO32_SYM___kernel_vsyscall);
}

/* The landing pad's offset in the image, for the fast ia32 entries
 * (syscall_32.c, and the floor exits of entry_64_compat.asm). */
const unsigned long vdso32_landing_pad_offset = VDSO32_SYM_int80_landing_pad;

unsigned long vdso32_landing_pad(struct task *t)
{
	return vdso_sym(t->mm, VDSO32_SYM_int80_landing_pad);
}

unsigned long vdso32_sigreturn(const struct task *t)
{
	return vdso_sym(t->mm, VDSO32_SYM___kernel_sigreturn);
}

unsigned long vdso32_rt_sigreturn(const struct task *t)
{
	return vdso_sym(t->mm, VDSO32_SYM___kernel_rt_sigreturn);
}
