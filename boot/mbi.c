// SPDX-License-Identifier: MIT
/*
 * The multiboot2 boot information: a list of 8-byte aligned tags
 * (The Multiboot2 Specification, 3.6). We use the command line (1), the
 * boot loader name (2), modules (3) and the memory map (6); the page
 * allocator gets the available RAM minus the kernel, the modules, the
 * information itself and the first MiB (BIOS data, VGA memory, our boot
 * code).
 */
#include <trident/boot.h>
#include <trident/mm.h>
#include <trident/string.h>
#include <trident/printk.h>

#define MB2_TAG_END      0
#define MB2_TAG_CMDLINE  1
#define MB2_TAG_LOADER   2
#define MB2_TAG_MODULE   3
#define MB2_TAG_MMAP     6
#define MB2_MEMORY_AVAILABLE 1

struct mb2_tag {
	u32 type;
	u32 size;
};

struct mb2_module {
	struct mb2_tag tag;
	u32 mod_start, mod_end;
	char cmdline[];
};

struct mb2_mmap {
	struct mb2_tag tag;
	u32 entry_size;
	u32 entry_version;
	/* entries follow */
};

struct mb2_mmap_entry {
	u64 base, length;
	u32 type, reserved;
};

struct boot_info boot_info;

extern char _kernel_phys_start[], _kernel_phys_end[];

void parse_multiboot2(phys_addr_t mbi)
{
	u32 total = *(u32 *)__va(mbi);
	const u8 *p = (const u8 *)__va(mbi) + 8, *end = (const u8 *)__va(mbi) + total;

	/* Pass 1: the memory map, so the allocator knows what RAM exists. */
	for (const u8 *q = p; q + sizeof(struct mb2_tag) <= end;) {
		const struct mb2_tag *t = (const void *)q;
		if (t->type == MB2_TAG_END || t->size < 8)
			break;
		if (t->type == MB2_TAG_MMAP) {
			const struct mb2_mmap *m = (const void *)t;
			for (const u8 *e = q + sizeof(*m); e + m->entry_size <= q + t->size;
			     e += m->entry_size) {
				const struct mb2_mmap_entry *me = (const void *)e;
				if (me->type != MB2_MEMORY_AVAILABLE)
					continue;
				pmm_add_range(me->base, me->base + me->length);
				boot_info.mem_usable += me->length;
			}
		}
		q += ALIGN_UP(t->size, 8);
	}

	/* Pass 2: everything else; what we keep is taken back from the
	 * allocator. */
	pmm_reserve_range(0, 0x100000);
	pmm_reserve_range((phys_addr_t)_kernel_phys_start, (phys_addr_t)_kernel_phys_end);
	pmm_reserve_range(mbi, mbi + total);
	for (; p + sizeof(struct mb2_tag) <= end;) {
		const struct mb2_tag *t = (const void *)p;
		if (t->type == MB2_TAG_END || t->size < 8)
			break;
		switch (t->type) {
		case MB2_TAG_CMDLINE:
			strlcpy(boot_info.cmdline, (const char *)(t + 1),
				MIN(sizeof(boot_info.cmdline), t->size - 8));
			break;
		case MB2_TAG_LOADER:
			strlcpy(boot_info.loader, (const char *)(t + 1),
				MIN(sizeof(boot_info.loader), t->size - 8));
			break;
		case MB2_TAG_MODULE: {
			const struct mb2_module *m = (const void *)t;
			if (boot_info.nr_modules == MAX_MODULES) {
				printk("multiboot2: more than %d modules, ignoring the rest\n", MAX_MODULES);
				break;
			}
			struct boot_module *bm = &boot_info.modules[boot_info.nr_modules++];
			bm->start = m->mod_start;
			bm->end = m->mod_end;
			strlcpy(bm->cmdline, m->cmdline, MIN(sizeof(bm->cmdline), t->size - 16));
			pmm_reserve_range(m->mod_start, m->mod_end);
			break;
		}
		}
		p += ALIGN_UP(t->size, 8);
	}
}
