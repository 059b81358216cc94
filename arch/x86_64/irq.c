// SPDX-License-Identifier: MIT
/*
 * The legacy 8259 PICs. Their power-on vectors (8-15) collide with CPU
 * exceptions, so they are remapped to 32-47; every line but IRQ 0 (the
 * PIT tick) stays masked. A spurious IRQ 7 or 15 can still arrive;
 * do_irq acknowledges and drops it.
 */
#include <asm/io.h>
#include <asm/ptrace.h>
#include <trident/printk.h>
#include <trident/task.h>
#include <trident/time.h>
#include <trident/tty.h>
#include <trident/signal.h>

#define PIC1_CMD  0x20
#define PIC1_DATA 0x21
#define PIC2_CMD  0xa0
#define PIC2_DATA 0xa1
#define PIC_EOI   0x20
#define IRQ_BASE  32

void pic_init(void);
void pic_init(void)
{
	outb(PIC1_CMD, 0x11);		/* ICW1: init, expect ICW4 */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, IRQ_BASE);	/* ICW2: vector base */
	outb(PIC2_DATA, IRQ_BASE + 8);
	outb(PIC1_DATA, 4);		/* ICW3: slave on IRQ 2 */
	outb(PIC2_DATA, 2);
	outb(PIC1_DATA, 1);		/* ICW4: 8086 mode */
	outb(PIC2_DATA, 1);
	outb(PIC1_DATA, 0xfe);		/* mask everything but IRQ 0 */
	outb(PIC2_DATA, 0xff);
}

void pic_unmask(int irq)
{
	u16 port = irq < 8 ? PIC1_DATA : PIC2_DATA;

	outb(port, inb(port) & ~(1 << (irq & 7)));
	if (irq >= 8)			/* the slave's line into the master */
		outb(PIC1_DATA, inb(PIC1_DATA) & ~(1 << 2));
}

void do_irq(struct pt_regs *regs, int vector);
void do_irq(struct pt_regs *regs, int vector)
{
	int irq = vector - IRQ_BASE;

	if (irq >= 8)
		outb(PIC2_CMD, PIC_EOI);
	outb(PIC1_CMD, PIC_EOI);
	if (irq == 0)
		timer_tick();
	else if (irq == 1)
		keyboard_irq();
	else if (irq == 4)
		serial_irq();
	/* Preempt only user mode: the kernel runs to its next block. A
	 * reader the input woke, or a ^C for the running program, gets its
	 * turn now. */
	if (user_mode(regs) && current && (irq == 0 || irq == 1 || irq == 4))
		schedule();
	/* Back to user mode: a signal (SIGALRM from this tick, a SIGINT from
	 * the terminal, or one sent while we waited for the CPU) is
	 * delivered now. */
	if (user_mode(regs) && current)
		exit_to_user_mode(regs);
}
