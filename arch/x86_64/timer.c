// SPDX-License-Identifier: MIT
/*
 * The clock hardware: the 8254 PIT raises IRQ 0 HZ times a second (the
 * scheduler's tick), the TSC measured against the PIT gives nanoseconds
 * between ticks, and the CMOS RTC gives the wall-clock time at boot.
 */
#include <trident/time.h>
#include <trident/printk.h>
#include <asm/io.h>
#include <asm/processor.h>

#define PIT_HZ      1193182
#define PIT_CH0     0x40
#define PIT_CH2     0x42
#define PIT_CMD     0x43
#define PIT_GATE    0x61		/* bit 0: channel 2 gate, bit 5: its output */

u64 tsc_khz;
u64 boot_realtime_sec;
static u64 tsc_at_boot;

/* Count TSC cycles over 10 ms of PIT channel 2 in one-shot mode. */
static u64 calibrate_tsc_khz(void)
{
	const u16 count = PIT_HZ / 100;

	outb(PIT_GATE, (inb(PIT_GATE) & ~0x02) | 0x01);
	outb(PIT_CMD, 0xb0);		/* channel 2, lobyte/hibyte, mode 0 */
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);
	u64 t0 = rdtsc();
	while (!(inb(PIT_GATE) & 0x20))
		;
	u64 t1 = rdtsc();
	return (t1 - t0) / 10;
}

static u8 cmos_read(u8 reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

static unsigned bcd(u8 v, bool is_bcd)
{
	return is_bcd ? (v >> 4) * 10 + (v & 15) : v;
}

/* Days from 1970-01-01 to y-m-d (Gregorian). */
static u64 days_from_civil(unsigned y, unsigned m, unsigned d)
{
	y -= m <= 2;
	u64 era = y / 400, yoe = y - era * 400;
	u64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	u64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static u64 read_rtc(void)
{
	while (cmos_read(0x0a) & 0x80)	/* update in progress */
		;
	bool is_bcd = !(cmos_read(0x0b) & 0x04);
	unsigned sec = bcd(cmos_read(0x00), is_bcd), min = bcd(cmos_read(0x02), is_bcd);
	unsigned hour = bcd(cmos_read(0x04) & 0x7f, is_bcd);
	unsigned day = bcd(cmos_read(0x07), is_bcd), mon = bcd(cmos_read(0x08), is_bcd);
	unsigned year = bcd(cmos_read(0x09), is_bcd) + 2000;

	if (mon < 1 || mon > 12 || day < 1 || day > 31)
		return 0;
	return days_from_civil(year, mon, day) * 86400 + hour * 3600 + min * 60 + sec;
}

void timer_init(void)
{
	tsc_khz = calibrate_tsc_khz();
	tsc_at_boot = rdtsc();
	boot_realtime_sec = read_rtc();

	u16 divisor = PIT_HZ / HZ;
	outb(PIT_CMD, 0x34);		/* channel 0, lobyte/hibyte, mode 2 (rate) */
	outb(PIT_CH0, divisor & 0xff);
	outb(PIT_CH0, divisor >> 8);
}

u64 ktime_get_ns(void)
{
	if (!tsc_khz)
		return jiffies * (NSEC_PER_SEC / HZ);
	u64 cycles = rdtsc() - tsc_at_boot;
	/* cycles * 1e6 / khz without overflowing for years of uptime. */
	return (cycles / tsc_khz) * 1000000 + (cycles % tsc_khz) * 1000000 / tsc_khz;
}
