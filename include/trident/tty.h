/* SPDX-License-Identifier: MIT */
/*
 * The console terminal (kernel/tty.c): one TTY fed by the PS/2 keyboard
 * (arch/x86_64/keyboard.c) and COM1's receiver (arch/x86_64/serial.c),
 * with Linux's canonical line discipline (n_tty) between them and read().
 */
#ifndef _TRIDENT_TTY_H
#define _TRIDENT_TTY_H

#include <trident/types.h>

struct file;

/* One input byte from a driver's interrupt handler (interrupts off). */
void tty_receive(u8 c);
ssize_t tty_read(char __user *buf, size_t n);
long tty_ioctl(unsigned int cmd, unsigned long arg);
void tty_init(void);			/* the keyboard and COM1 interrupts */

/* Drivers (arch/x86_64): enable their interrupt; the IRQ handlers. */
void keyboard_init(void);
void keyboard_irq(void);
void serial_rx_init(void);
void serial_irq(void);
void pic_unmask(int irq);

#endif
