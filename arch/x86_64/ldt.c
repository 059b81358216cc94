// SPDX-License-Identifier: MIT
/*
 * modify_ldt: a process's own Local Descriptor Table (Linux's
 * arch/x86/kernel/ldt.c). Its entries are segments a program of any ABI
 * loads with a selector (index << 3 | 4 | 3): 16- and 32-bit code and data
 * (never 64-bit code: fill_ldt() keeps L clear), what Wine, DOSEMU and the
 * sigreturn selftests use.
 *
 *   modify_ldt(0, ptr, n)     read: min(n, 8192 * 8) bytes, the entries
 *                             then zeros; 0 without an LDT
 *   modify_ldt(1, ptr, 16)    write, old mode: base 0 and limit 0 clear an
 *                             entry, AVL is dropped, contents 3 refused
 *   modify_ldt(0x11, ptr, 16) write: LDT_empty() clears an entry;
 *                             contents 3 only not present
 *   modify_ldt(2, ptr, n)     read the default LDT: min(n, 128) zero bytes
 *   anything else             -ENOSYS
 *
 * Writes: a length other than 16 or an entry_number >= 8192 is -EINVAL,
 * an unreadable struct -EFAULT. The table grows to entry_number + 1 and
 * never shrinks. The result is an int returned as unsigned int (Linux's
 * cast: -EINVAL is 0x00000000ffffffea in RAX for a 64-bit caller).
 *
 * The LDT belongs to the address space (struct mm): fork copies it, exec
 * starts without one, and mm_activate() loads it into LDTR through the
 * GDT's LDT descriptor (entries 10-11) on every switch. After a write the
 * writer's DS and ES are loaded again (refresh_ldt_segments()), and a
 * selector that names an entry emptied since is replaced by the null
 * selector when it is next loaded (ldt_usable_selector()), where Linux's
 * loadsegment() would take the fault and load 0.
 */
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/vm.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/string.h>
#include <trident/mm.h>
#include <asm/ldt.h>
#include <asm/segment.h>
#include <asm/processor.h>


void ldt_load(const struct mm *mm)
{
	const struct ldt *ldt = mm ? mm->ldt : NULL;

	if (ldt) {
		gdt_set_ldt((unsigned long)ldt->entries, ldt->nr_entries * LDT_ENTRY_SIZE - 1);
		__asm__ volatile("lldt %w0" : : "r"(GDT_ENTRY_LDT * 8) : "memory");
	} else {
		__asm__ volatile("lldt %w0" : : "r"(0) : "memory");
	}
}

static struct ldt *ldt_alloc(unsigned int nr_entries)
{
	struct ldt *ldt = kmalloc(sizeof(*ldt));

	if (!ldt)
		return NULL;
	ldt->entries = kmalloc(nr_entries * LDT_ENTRY_SIZE);
	if (!ldt->entries) {
		kfree(ldt);
		return NULL;
	}
	memset(ldt->entries, 0, nr_entries * LDT_ENTRY_SIZE);
	ldt->nr_entries = nr_entries;
	return ldt;
}

static void ldt_put(struct ldt *ldt)
{
	if (ldt) {
		kfree(ldt->entries);
		kfree(ldt);
	}
}

int ldt_dup(struct mm *old, struct mm *mm)
{
	if (!old->ldt)
		return 0;
	if (!(mm->ldt = ldt_alloc(old->ldt->nr_entries)))
		return -ENOMEM;
	memcpy(mm->ldt->entries, old->ldt->entries, old->ldt->nr_entries * LDT_ENTRY_SIZE);
	return 0;
}

void ldt_free(struct mm *mm)
{
	ldt_put(mm->ldt);
	mm->ldt = NULL;
}

u16 ldt_usable_selector(const struct mm *mm, u16 sel)
{
	unsigned int idx = sel >> 3;

	if (!(sel & SEGMENT_LDT))
		return sel;
	if (!mm || !mm->ldt || idx >= mm->ldt->nr_entries || !(mm->ldt->entries[idx] & DESC_P))
		return 0;
	return sel;
}

static int read_ldt(void __user *ptr, unsigned long bytecount)
{
	const struct ldt *ldt = current->mm->ldt;
	unsigned long size;

	if (!ldt)
		return 0;
	if (bytecount > LDT_ENTRY_SIZE * LDT_ENTRIES)
		bytecount = LDT_ENTRY_SIZE * LDT_ENTRIES;
	size = MIN((unsigned long)ldt->nr_entries * LDT_ENTRY_SIZE, bytecount);
	if (copy_to_user(ptr, ldt->entries, size))
		return -EFAULT;
	/* Zero-fill the rest and pretend we read bytecount bytes. */
	if (size != bytecount && clear_user((char __user *)ptr + size, bytecount - size))
		return -EFAULT;
	return bytecount;
}

static int read_default_ldt(void __user *ptr, unsigned long bytecount)
{
	if (bytecount > 128)
		bytecount = 128;
	return clear_user(ptr, bytecount) ? -EFAULT : (int)bytecount;
}

/* After a change: no task of this address space may keep a selector that
 * would fault when the kernel loads it, and the writer's DS and ES are
 * loaded again so that their hidden parts match the table. */
static void refresh_ldt_segments(struct mm *mm)
{
	u16 sel;

	for (struct task *t = task_list; t; t = t->next_task) {
		if (t->mm != mm || t == current)
			continue;
		t->ds = ldt_usable_selector(mm, t->ds);
		t->es = ldt_usable_selector(mm, t->es);
		t->fsindex = ldt_usable_selector(mm, t->fsindex);
		t->gsindex = ldt_usable_selector(mm, t->gsindex);
	}
	savesegment(ds, sel);
	if (sel & SEGMENT_LDT)
		loadsegment(ds, ldt_usable_selector(mm, sel));
	savesegment(es, sel);
	if (sel & SEGMENT_LDT)
		loadsegment(es, ldt_usable_selector(mm, sel));
}

static int write_ldt(void __user *ptr, unsigned long bytecount, int oldmode)
{
	struct mm *mm = current->mm;
	struct ldt *old = mm->ldt, *new;
	struct user_desc info;
	unsigned int nr;
	u64 desc = 0;

	if (bytecount != sizeof(info))
		return -EINVAL;
	if (copy_from_user(&info, ptr, sizeof(info)))
		return -EFAULT;
	if (info.entry_number >= LDT_ENTRIES)
		return -EINVAL;
	if (info.contents == 3 && (oldmode || !info.seg_not_present))
		return -EINVAL;
	if (!((oldmode && !info.base_addr && !info.limit) || ldt_empty(&info))) {
		desc = fill_ldt(&info);
		if (oldmode)
			desc &= ~DESC_AVL;
	}
	/* A new table, the old one's entries copied, as Linux (which must
	 * not change a table another CPU may be using). */
	nr = MAX(info.entry_number + 1, old ? old->nr_entries : 0);
	if (!(new = ldt_alloc(nr)))
		return -ENOMEM;
	if (old)
		memcpy(new->entries, old->entries, old->nr_entries * LDT_ENTRY_SIZE);
	new->entries[info.entry_number] = desc;
	mm->ldt = new;
	ldt_load(mm);
	ldt_put(old);
	refresh_ldt_segments(mm);
	return 0;
}

SYSCALL_DEFINE3(modify_ldt, int, func, void __user *, ptr, unsigned long, bytecount)
{
	int ret = -ENOSYS;

	switch (func) {
	case 0:
		ret = read_ldt(ptr, bytecount);
		break;
	case 1:
		ret = write_ldt(ptr, bytecount, 1);
		break;
	case 2:
		ret = read_default_ldt(ptr, bytecount);
		break;
	case 0x11:
		ret = write_ldt(ptr, bytecount, 0);
		break;
	}
	return (unsigned int)ret;
}
