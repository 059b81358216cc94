/* SPDX-License-Identifier: MIT */
/* The two consoles every message goes to: COM1 and the VGA text screen. */
#ifndef _ASM_CONSOLE_H
#define _ASM_CONSOLE_H

#include <trident/types.h>

void serial_init(void);
void serial_write(const char *s, size_t n);
void vga_init(void);
void vga_write(const char *s, size_t n);

#endif
