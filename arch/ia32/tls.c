// SPDX-License-Identifier: MIT
/*
 * Thread-local storage of 32-bit programs: set_thread_area and
 * get_thread_area, and the user's FS and GS across context switches
 * (Linux's arch/x86/kernel/tls.c and the segment half of __switch_to() in
 * arch/x86/kernel/process_64.c).
 *
 * A 32-bit program cannot write the FS or GS base MSRs: it reaches its TLS
 * through a segment. glibc asks set_thread_area for a GDT descriptor whose
 * base is its thread control block, loads %gs with the selector
 * (entry << 3 | 3) and reads %gs:0 from then on. Each task owns three
 * such descriptors, GDT entries 12-14 (selectors 0x63, 0x6b, 0x73), kept
 * in struct task and copied into this CPU's GDT whenever the task runs.
 *
 * The selectors are user state that the kernel never touches on entry or
 * exit: SWAPGS swaps only the GS base. But loading a selector also copies
 * its descriptor's base into the register's hidden part, and the CPU has
 * only one of those. So on a switch the previous task's selectors (and the
 * bases they loaded) are saved, the next task's descriptors go into the
 * GDT and its selectors are loaded, which loads their bases from the GDT;
 * then sched.c writes the base MSRs, which for a null selector are a
 * 64-bit program's arch_prctl bases and otherwise the values just loaded.
 */
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/string.h>
#include <asm/msr.h>
#include <asm/fsgsbase.h>
#include <asm/processor.h>
#include <asm/segment.h>
#include <asm/ldt.h>

/* struct user_desc, the descriptor bits, ldt_empty() and fill_ldt() are
 * shared with modify_ldt: asm/ldt.h. */

static inline u16 tls_selector(int idx)
{
	return (idx << 3) | SEGMENT_RPL_USER;
}

/* -------------------------------------------------- descriptors */

/* LDT_empty() (asm/ldt.h) and LDT_zero(): two ways to ask for "no
 * segment". The first is what get_thread_area reports for an unused slot;
 * the second, all zero, is what many programs pass (Linux 4.0 accepted it). */
static bool ldt_zero(const struct user_desc *u)
{
	return !u->base_addr && !u->limit && !u->contents && !u->read_exec_only &&
	       !u->seg_32bit && !u->limit_in_pages && !u->seg_not_present &&
	       !u->useable;
}

/* tls_desc_okay(): only present 32-bit data segments (the espfix and
 * sandboxing concerns of Linux 3.19), or one of the two "no segment"s. */
static bool tls_desc_okay(const struct user_desc *u)
{
	if (ldt_empty(u) || ldt_zero(u))
		return true;
	return u->seg_32bit && u->contents <= 1 && !u->seg_not_present;
}

/* fill_user_desc(): the inverse, for get_thread_area. An unused slot reads
 * as the LDT_empty() pattern (not present, read-only). */
static void fill_user_desc(struct user_desc *u, int idx, u64 d)
{
	unsigned int type = (d >> DESC_TYPE_SHIFT) & 0xf;

	memset(u, 0, sizeof(*u));
	u->entry_number = idx;
	u->base_addr = ((d >> 16) & 0xffffff) | ((d >> 56) << 24);
	u->limit = (d & 0xffff) | (((d >> 48) & 0xf) << 16);
	u->seg_32bit = !!(d & DESC_D);
	u->contents = type >> 2;
	u->read_exec_only = !(type & 2);
	u->limit_in_pages = !!(d & DESC_G);
	u->seg_not_present = !(d & DESC_P);
	u->useable = !!(d & DESC_AVL);
	u->lm = !!(d & DESC_L);
}

/* This CPU's GDT, wherever gdt.c put it (Linux's get_cpu_gdt_rw()). */
static u64 *this_cpu_gdt(void)
{
	struct { u16 limit; u64 base; } __packed gdtr;

	__asm__ volatile("sgdt %0" : "=m"(gdtr));
	return (u64 *)gdtr.base;
}

/* load_TLS(): the task's descriptors into the GDT. */
static void load_tls(const struct task *t)
{
	u64 *gdt = this_cpu_gdt();

	for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		gdt[GDT_ENTRY_TLS_MIN + i] = t->tls_array[i];
}

/* -------------------------------------------------- selectors */

/*
 * A selector the user loaded names a TLS slot that has been emptied since
 * (set_thread_area of "no segment"): loading it would fault in the kernel
 * (#NP). Linux's loadsegment() catches that fault and loads the null
 * selector instead; we look first. So with an LDT selector whose entry
 * modify_ldt has emptied since. Every other selector a program can load
 * names a fixed GDT entry and stays valid.
 */
static u16 usable_selector(const struct task *t, u16 sel)
{
	unsigned int idx = sel >> 3;

	if (sel & SEGMENT_LDT)		/* modify_ldt's entries: arch/x86_64/ldt.c */
		return ldt_usable_selector(t->mm, sel);
	if (idx >= GDT_ENTRY_TLS_MIN && idx <= GDT_ENTRY_TLS_MAX &&
	    !(t->tls_array[idx - GDT_ENTRY_TLS_MIN] & DESC_P))
		return 0;
	return sel;
}

/*
 * load_gs_index(): in the kernel the GS base is the per-CPU area, and a
 * selector load would overwrite it. Between two SWAPGS the user's base is
 * the live one, so the load fills the user's hidden base, which the
 * second SWAPGS puts back into MSR_KERNEL_GS_BASE. No interrupt may come
 * in between: it would find the user's GS base in the kernel.
 */
void load_gs_index(u16 sel);
void load_gs_index(u16 sel)
{
	unsigned long flags;

	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	__asm__ volatile("swapgs; mov %0, %%gs; swapgs" : : "r"(sel) : "memory");
	if (flags & X86_EFLAGS_IF)
		__asm__ volatile("sti" : : : "memory");
}

/*
 * The segment half of Linux's __switch_to() (save_fsgs(), load_TLS(),
 * x86_fsgsbase_load()). A selector that is not null loaded its base from
 * its descriptor; that base, read back from the MSR, is what the task gets
 * again after the reload (sched.c writes fs_base and gs_base last), which
 * is what Linux does on CPUs with FSGSBASE. A null selector's base is the
 * one arch_prctl keeps in fs_base and gs_base.
 */
void tls_switch_to(struct task *prev, struct task *next)
{
	u16 prev_fs = 0, prev_gs = 0;

	if (prev) {
		savesegment(fs, prev->fsindex);
		savesegment(gs, prev->gsindex);
		if (prev->fsindex > 3)
			prev->fs_base = rdmsr(MSR_FS_BASE);
		if (prev->gsindex > 3)
			prev->gs_base = rdmsr(MSR_KERNEL_GS_BASE);
		/* A null selector with RPL 1-3: the base is 0 on CPUs that
		 * clear it, anything on others; Linux keeps none
		 * (save_base_legacy()). FSGSBASE's live bases are kept. */
		if (!fsgsbase_enabled && prev->fsindex && prev->fsindex <= 3)
			prev->fs_base = 0;
		if (!fsgsbase_enabled && prev->gsindex && prev->gsindex <= 3)
			prev->gs_base = 0;
		prev_fs = prev->fsindex;
		prev_gs = prev->gsindex;
	}
	load_tls(next);
	next->fsindex = usable_selector(next, next->fsindex);
	next->gsindex = usable_selector(next, next->gsindex);
	/* Two 64-bit programs (both selectors null) need no load. */
	if (prev_fs | next->fsindex)
		loadsegment(fs, next->fsindex);
	if (prev_gs | next->gsindex)
		load_gs_index(next->gsindex);
}

/* copy_thread(): the child starts with the parent's descriptors and with
 * FS and GS as they are now, with the bases they hold (fork copies DS and
 * ES). The caller, fork, runs as the parent. */
void tls_fork(struct task *parent, struct task *child)
{
	memcpy(child->tls_array, parent->tls_array, sizeof(child->tls_array));
	savesegment(fs, child->fsindex);
	savesegment(gs, child->gsindex);
	if (child->fsindex > 3)
		child->fs_base = rdmsr(MSR_FS_BASE);
	if (child->gsindex > 3)
		child->gs_base = rdmsr(MSR_KERNEL_GS_BASE);
}

/* exec: flush_thread() empties the TLS slots, start_thread_common() loads
 * the null selector into FS and GS (DS and ES are exec's). Exec writes
 * the base MSRs afterwards. */
void tls_exec(struct task *t)
{
	memset(t->tls_array, 0, sizeof(t->tls_array));
	load_tls(t);
	t->fsindex = t->gsindex = 0;
	loadsegment(fs, 0);
	load_gs_index(0);
}

/* ------------------------------------------- set/get_thread_area */

/* get_free_idx(): the first empty slot, or ESRCH when all three are used. */
static int get_free_idx(const struct task *t)
{
	for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		if (!t->tls_array[i])
			return GDT_ENTRY_TLS_MIN + i;
	return -ESRCH;
}

/*
 * do_set_thread_area(): idx -1 takes the entry number from the user's
 * struct; an entry number of -1 asks for a free slot (only from
 * set_thread_area itself, can_allocate), which is written back to the
 * struct. The order of the errors is Linux's: EFAULT reading, EINVAL for a
 * descriptor that is not allowed, ESRCH, EFAULT writing back, EINVAL for
 * an entry outside 12..14.
 */
static int do_set_thread_area(struct task *p, int idx, struct user_desc __user *u_info,
			      bool can_allocate)
{
	struct user_desc info;
	u16 modified_sel, sel;

	if (copy_from_user(&info, u_info, sizeof(info)))
		return -EFAULT;
	if (!tls_desc_okay(&info))
		return -EINVAL;
	if (idx == -1)
		idx = info.entry_number;
	if (idx == -1 && can_allocate) {
		idx = get_free_idx(p);
		if (idx < 0)
			return idx;
		if (put_user((u32)idx, &u_info->entry_number))
			return -EFAULT;
	}
	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return -EINVAL;

	/* set_tls_desc() */
	if (ldt_empty(&info) || ldt_zero(&info))
		p->tls_array[idx - GDT_ENTRY_TLS_MIN] = 0;
	else
		p->tls_array[idx - GDT_ENTRY_TLS_MIN] = fill_ldt(&info);
	modified_sel = tls_selector(idx);

	/* A task that is not running (clone's child) gets the new base with
	 * its selector when it next runs: the base saved for it must be the
	 * new one, since it is written after the selector's load (Linux 5.9,
	 * for FSGSBASE). */
	if (p != current) {
		if (p->fsindex == modified_sel)
			p->fs_base = info.base_addr;
		if (p->gsindex == modified_sel)
			p->gs_base = info.base_addr;
		return 0;
	}
	load_tls(p);

	/* A segment register of ours that uses the slot still holds the old
	 * base: load it again (or the null selector, if the slot is gone). */
	savesegment(ds, sel);
	if (sel == modified_sel)
		loadsegment(ds, usable_selector(p, sel));
	savesegment(es, sel);
	if (sel == modified_sel)
		loadsegment(es, usable_selector(p, sel));
	savesegment(fs, sel);
	if (sel == modified_sel) {
		loadsegment(fs, usable_selector(p, sel));
		p->fs_base = info.base_addr;	/* what a switch gives back */
	}
	savesegment(gs, sel);
	if (sel == modified_sel) {
		load_gs_index(usable_selector(p, sel));
		p->gs_base = info.base_addr;
	}
	return 0;
}

/* clone(CLONE_SETTLS) from the ia32 table: tls points to a user_desc
 * whose entry_number says the slot (Linux's set_new_tls()). */
int tls_set_new(struct task *child, const void __user *u_info)
{
	return do_set_thread_area(child, -1, (struct user_desc __user *)u_info, false);
}

SYSCALL_DEFINE1(set_thread_area, struct user_desc __user *, u_info)
{
	return do_set_thread_area(current, -1, u_info, true);
}

SYSCALL_DEFINE1(get_thread_area, struct user_desc __user *, u_info)
{
	struct user_desc info;
	int idx;

	if (get_user(idx, &u_info->entry_number))
		return -EFAULT;
	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	fill_user_desc(&info, idx, current->tls_array[idx - GDT_ENTRY_TLS_MIN]);
	return copy_to_user(u_info, &info, sizeof(info)) ? -EFAULT : 0;
}
