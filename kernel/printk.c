// SPDX-License-Identifier: MIT
/*
 * printk and panic: format into a buffer, then write to both consoles.
 */
#include <trident/printk.h>
#include <trident/time.h>
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

/*
 * Linux's printk_ratelimit() (lib/ratelimit.c ___ratelimit with
 * printk_ratelimit_state): at most DEFAULT_RATELIMIT_BURST messages in
 * each DEFAULT_RATELIMIT_INTERVAL, shared by every caller. When a new
 * interval begins after some were refused, it says how many first.
 */
#define RATELIMIT_INTERVAL	(5 * HZ)
#define RATELIMIT_BURST		10

bool __printk_ratelimit(const char *func)
{
	static u64 begin;
	static int printed, missed;

	if (!begin)
		begin = jiffies;
	if (jiffies > begin + RATELIMIT_INTERVAL) {
		if (missed) {
			printk("%s: %d callbacks suppressed\n", func, missed);
			missed = 0;
		}
		begin = jiffies;
		printed = 0;
	}
	if (printed < RATELIMIT_BURST) {
		printed++;
		return true;
	}
	missed++;
	return false;
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
