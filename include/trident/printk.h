/* SPDX-License-Identifier: MIT */
#ifndef _TRIDENT_PRINTK_H
#define _TRIDENT_PRINTK_H

#include <trident/types.h>
#include <trident/compiler.h>

/* Formats like C's printf (%d %i %u %x %X %o %c %s %p %%, l/ll/z/h modifiers,
 * width, precision, '-' '0' flags) and writes to every console: COM1 and
 * the VGA text screen. */
__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list ap);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* Prints "Kernel panic - not syncing: ..." and halts this CPU for good. */
__printf(1, 2) __noreturn void panic(const char *fmt, ...);

/* `quiet` on the command line hides pr_info; errors are always shown. */
extern bool console_quiet;
#define pr_info(...)  do { if (!console_quiet) printk(__VA_ARGS__); } while (0)
#define pr_err(...)   printk(__VA_ARGS__)

/* Linux's printk_ratelimit(): true for at most 10 messages in 5 s, shared
 * by every caller (kernel/printk.c). The lines of a user fault that kills
 * use it, as Linux's show_signal_msg() and signal_fault() do: a program
 * that faults in a loop (the fuzzer's workers) cannot flood COM1. */
#define printk_ratelimit() __printk_ratelimit(__func__)
bool __printk_ratelimit(const char *func);

#define BUG_ON(c) do { if (unlikely(c)) panic("BUG at %s:%d: %s", __FILE__, __LINE__, #c); } while (0)

#endif
