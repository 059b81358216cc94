// SPDX-License-Identifier: MIT
/*
 * ioperm and iopl: I/O port access for user programs (Linux's
 * arch/x86/kernel/ioport.c, CONFIG_X86_IOPL_IOPERM), for every ABI.
 *
 * The CPU lets ring 3 use IN/OUT on a port when IOPL >= CPL or when the
 * port's bit in the TSS's I/O permission bitmap is 0 (Intel SDM vol. 1,
 * 19.5). Linux never raises IOPL: both calls work through the bitmap.
 *
 *   ioperm(from, num, turn_on): ports [from, from + num) allowed (turn_on)
 *       or denied again; -EINVAL when the range wraps, is empty or goes
 *       past port 0xffff. The task gets its own bitmap (8 KiB, 1 = denied)
 *       at its first grant; dropping the last permission frees it.
 *   iopl(level): level > 3 is -EINVAL. Since Linux 5.5 it is emulated:
 *       level 3 allows every port (a bitmap of zeros), EFLAGS.IOPL stays 0,
 *       so IF stays out of reach: CLI and STI raise #GP, which the kernel
 *       turns into a NOP for an iopl(3) task (fixup_iopl_exception, Linux
 *       5.18: old programs run on, with a warning once); levels 1 and 2
 *       give nothing beyond ioperm's ports.
 *   Granting ports (turn_on) and raising the level above the current one
 *   need CAP_SYS_RAWIO (euid 0 here: trident/cred.h), else -EPERM, after
 *   the EINVAL checks; dropping, or iopl to the same level, needs nothing.
 *
 * The TSS's bitmap (arch/x86_64/gdt.c) is the running task's: loaded on
 * each switch (io_bitmap_switch_to) and after each change, copied only
 * when another map than the one already there is needed (a sequence
 * number per map content, as Linux's io_bitmap_sequence). Both survive
 * exec and are inherited by fork (copy_thread's io_bitmap_share; here a
 * copy).
 */
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/mm.h>
#include <trident/errno.h>
#include <trident/string.h>
#include <trident/uaccess.h>
#include <trident/printk.h>
#include <trident/cred.h>
#include <asm/desc.h>

struct io_bitmap {
	u64 sequence;			/* which content this is */
	u8 map[IO_BITMAP_BYTES];	/* bit set: port denied */
};

#define SEQ_ALL_PORTS	1		/* the sequence of all_ports */
static u64 io_bitmap_sequence = SEQ_ALL_PORTS;
static const u8 all_ports[IO_BITMAP_BYTES];	/* iopl(3): every port */

void io_bitmap_switch_to(const struct task *t)
{
	if (t->iopl_emul == 3)
		tss_update_io_bitmap(all_ports, SEQ_ALL_PORTS);
	else if (t->io_bitmap)
		tss_update_io_bitmap(t->io_bitmap->map, t->io_bitmap->sequence);
	else
		tss_update_io_bitmap(NULL, 0);
}

int io_bitmap_fork(const struct task *parent, struct task *child)
{
	child->iopl_emul = parent->iopl_emul;
	if (!parent->io_bitmap)
		return 0;
	if (!(child->io_bitmap = kmalloc(sizeof(*child->io_bitmap))))
		return -ENOMEM;
	memcpy(child->io_bitmap, parent->io_bitmap, sizeof(*child->io_bitmap));
	return 0;
}

void io_bitmap_exit(struct task *t)
{
	kfree(t->io_bitmap);
	t->io_bitmap = NULL;
}

/*
 * A #GP from user mode: was it CLI (0xfa) or STI (0xfb) of an iopl(3)
 * task? Then step over it (true). The byte is read at the flat address
 * RIP: code segments of ours and of modify_ldt have base 0 in practice.
 */
bool fixup_iopl_exception(struct pt_regs *regs)
{
	struct task *t = current;
	unsigned char byte;

	if (t->iopl_emul != 3 || copy_from_user(&byte, (const void __user *)regs->ip, 1))
		return false;
	if (byte != 0xfa && byte != 0xfb)
		return false;
	if (!t->iopl_warn) {
		printk("%s[%d] attempts to use CLI/STI, pretending it's a NOP, ip:%lx\n",
		       t->comm, t->pid, regs->ip);
		t->iopl_warn = 1;
	}
	regs->ip += 1;
	return true;
}

SYSCALL_DEFINE3(ioperm, unsigned long, from, unsigned long, num, int, turn_on)
{
	struct io_bitmap *iobm = current->io_bitmap;
	bool any = false;

	if (from + num <= from || from + num > IO_BITMAP_BITS)
		return -EINVAL;
	if (turn_on && !capable_root())
		return -EPERM;
	if (!iobm) {
		if (!turn_on)
			return 0;	/* nothing to take away */
		if (!(iobm = kmalloc(sizeof(*iobm))))
			return -ENOMEM;
		memset(iobm->map, 0xff, sizeof(iobm->map));
		current->io_bitmap = iobm;
	}
	for (unsigned long port = from; port < from + num; port++) {
		if (turn_on)
			iobm->map[port / 8] &= ~(1 << (port % 8));
		else
			iobm->map[port / 8] |= 1 << (port % 8);
	}
	for (unsigned int i = 0; i < IO_BITMAP_BYTES && !any; i++)
		any = iobm->map[i] != 0xff;
	if (!any)
		io_bitmap_exit(current);	/* every permission dropped */
	else
		iobm->sequence = ++io_bitmap_sequence;
	io_bitmap_switch_to(current);
	return 0;
}

SYSCALL_DEFINE1(iopl, unsigned int, level)
{
	if (level > 3)
		return -EINVAL;
	if (level == current->iopl_emul)
		return 0;
	if (level > current->iopl_emul && !capable_root())
		return -EPERM;		/* trying to gain more privileges */
	current->iopl_emul = level;
	io_bitmap_switch_to(current);
	return 0;
}
