// SPDX-License-Identifier: MIT
/*
 * COM1, 115200 8N1: the console the test harness reads. Polled output
 * (waiting for the transmit holding register to empty). Input by IRQ 4
 * (received data available) into the TTY (kernel/tty.c).
 * "\n" goes out as "\r\n" as a terminal expects.
 */
#include <asm/console.h>
#include <asm/io.h>
#include <trident/tty.h>

#define COM1      0x3f8
#define UART_THR  0	/* transmit holding register (DLAB=0) */
#define UART_DLL  0	/* divisor latch low (DLAB=1) */
#define UART_IER  1
#define UART_DLM  1
#define UART_FCR  2
#define UART_LCR  3
#define UART_MCR  4
#define UART_LSR  5
#define UART_RBR  0	/* receive buffer register (DLAB=0) */
#define IER_RDA   0x01	/* interrupt: received data available */
#define LSR_DR    0x01	/* a byte waits in the receive buffer */
#define LSR_THRE  0x20

static bool serial_present;

void serial_init(void)
{
	outb(COM1 + UART_IER, 0x00);	/* no interrupts */
	outb(COM1 + UART_LCR, 0x80);	/* DLAB on: set the divisor */
	outb(COM1 + UART_DLL, 1);	/* 115200 / 1 */
	outb(COM1 + UART_DLM, 0);
	outb(COM1 + UART_LCR, 0x03);	/* 8 bits, no parity, 1 stop bit */
	outb(COM1 + UART_FCR, 0xc7);	/* FIFOs on and cleared */
	outb(COM1 + UART_MCR, 0x0b);	/* DTR, RTS, OUT2 */
	/* A missing UART reads back 0xff. */
	serial_present = inb(COM1 + UART_LSR) != 0xff;
}

static void serial_putc(char c)
{
	for (int i = 0; i < 100000 && !(inb(COM1 + UART_LSR) & LSR_THRE); i++)
		;
	outb(COM1 + UART_THR, (u8)c);
}

void serial_write(const char *s, size_t n)
{
	if (!serial_present)
		return;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

/* The receive interrupt on: the TTY gets each byte (OUT2, set above,
 * connects the UART's interrupt line to the PIC on a PC). */
void serial_rx_init(void)
{
	if (!serial_present)
		return;
	while (inb(COM1 + UART_LSR) & LSR_DR)	/* drop what came before */
		(void)inb(COM1 + UART_RBR);
	outb(COM1 + UART_IER, IER_RDA);
	pic_unmask(4);
}

void serial_irq(void)
{
	for (int i = 0; i < 64 && (inb(COM1 + UART_LSR) & LSR_DR); i++)
		tty_receive(inb(COM1 + UART_RBR));
}
