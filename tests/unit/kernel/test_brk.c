// SPDX-License-Identifier: MIT
/*
 * kernel/sys_mm.c (brk) on the host, over a fake address space that
 * records what brk asked of it. Growing must only record the range
 * (vm_map_lazy: the pages come on first touch, as Linux's do_brk_flags
 * leaves them), never allocate every page at once (vm_map_anon: a
 * brk(3 GiB) then zeroed all of memory before failing, the fuzzer's
 * slowest call); a growth larger than all of memory is refused without
 * touching the mm (Linux's OVERCOMMIT_GUESS); shrinking unmaps.
 *
 * sys_mm.c is included, its per-CPU access and the vm functions it calls
 * pointed at fakes first.
 */
#include <asm/percpu.h>
#undef this_cpu_read_ptr
#define this_cpu_read_ptr(field) (brk_percpu.field)
static struct percpu brk_percpu;
#define vm_map_lazy fake_brk_map_lazy
#define vm_map_anon fake_brk_map_anon
#define vm_unmap fake_brk_unmap
#define pages_total fake_brk_pages_total

#include "sys_mm.c"

#include "ktap.h"

static int lazy, anon, unmapped;
static unsigned long last_start, last_len;

int vm_map_lazy(struct mm *mm, unsigned long start, unsigned long len, int prot)
{
	(void)mm, (void)prot;
	lazy++, last_start = start, last_len = len;
	return 0;
}

int vm_map_anon(struct mm *mm, unsigned long start, unsigned long len, int prot)
{
	(void)mm, (void)start, (void)len, (void)prot;
	anon++;
	return 0;
}

int vm_unmap(struct mm *mm, unsigned long start, unsigned long len)
{
	(void)mm;
	unmapped++, last_start = start, last_len = len;
	return 0;
}

unsigned long pages_total(void)
{
	return 1000;		/* a 4 MB machine */
}

void test_brk(void)
{
	static struct task t;
	static struct mm mm = { .task_size = 0x7ffffffff000UL, .start_brk = 0x500000,
				.brk = 0x500000 };
	long r;

	t.mm = &mm;
	brk_percpu.current_task = &t;

	ktap_begin("brk: growing records the range, allocates no page");
	r = __x64_sys_brk(&(struct pt_regs){ .di = 0x500000 + 100 * 4096 + 5 });
	CHECK(r == 0x500000 + 100 * 4096 + 5, "brk returned %#lx", r);
	CHECK(lazy == 1 && anon == 0, "vm_map_lazy %d times, vm_map_anon %d times", lazy, anon);
	CHECK(last_start == 0x500000 && last_len == 101 * 4096,
	      "mapped [%#lx, +%#lx)", last_start, last_len);

	ktap_begin("brk: a growth beyond all of memory is refused, the mm untouched");
	lazy = 0;
	r = __x64_sys_brk(&(struct pt_regs){ .di = 0x500000 + 2000 * 4096UL });
	CHECK(r == 0x500000 + 100 * 4096 + 5, "brk returned %#lx", r);
	CHECK(lazy == 0 && anon == 0, "vm_map_lazy %d times, vm_map_anon %d times", lazy, anon);

	ktap_begin("brk: shrinking unmaps the pages above the new break");
	r = __x64_sys_brk(&(struct pt_regs){ .di = 0x500000 + 4096 });
	CHECK(r == 0x500000 + 4096, "brk returned %#lx", r);
	CHECK(unmapped == 1 && last_start == 0x501000 && last_len == 100 * 4096,
	      "vm_unmap %d times, [%#lx, +%#lx)", unmapped, last_start, last_len);
}
