// SPDX-License-Identifier: MIT
/*
 * printk and panic: format into a buffer, then write to both consoles.
 */
#include <trident/printk.h>
#include <asm/console.h>
#include <asm/processor.h>

bool console_quiet;

void console_write(const char *s, size_t n)
{
	serial_write(s, n);
	vga_write(s, n);
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	console_write(buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	__asm__ volatile("cli");
	printk("Kernel panic - not syncing: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n---[ end Kernel panic ]---\n");
	halt_forever();
	__builtin_unreachable();
}
