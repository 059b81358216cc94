// SPDX-License-Identifier: MIT
/*
 * The VGA text screen: 80x25 cells of (character, attribute) at physical
 * 0xb8000, reached through the direct map. Scrolls by copying rows up; the
 * hardware cursor follows the text.
 */
#include <asm/console.h>
#include <asm/io.h>
#include <trident/mm.h>
#include <trident/string.h>

#define COLS 80
#define ROWS 25
#define ATTR 0x07		/* light grey on black */

static u16 *screen;
static int row, col;

static void move_cursor(void)
{
	u16 pos = (u16)(row * COLS + col);

	outb(0x3d4, 0x0f);
	outb(0x3d5, pos & 0xff);
	outb(0x3d4, 0x0e);
	outb(0x3d5, pos >> 8);
}

void vga_init(void)
{
	screen = __va(0xb8000);
	for (int i = 0; i < COLS * ROWS; i++)
		screen[i] = (ATTR << 8) | ' ';
	row = col = 0;
	move_cursor();
}

static void newline(void)
{
	col = 0;
	if (++row < ROWS)
		return;
	memmove(screen, screen + COLS, (ROWS - 1) * COLS * sizeof(*screen));
	for (int i = 0; i < COLS; i++)
		screen[(ROWS - 1) * COLS + i] = (ATTR << 8) | ' ';
	row = ROWS - 1;
}

void vga_write(const char *s, size_t n)
{
	if (!screen)
		return;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\n') {
			newline();
		} else if (c == '\r') {
			col = 0;
		} else if (c == '\b') {
			if (col)
				col--;
		} else if (c == '\t') {
			do
				screen[row * COLS + col] = (ATTR << 8) | ' ';
			while (++col % 8 && col < COLS);
			if (col >= COLS)
				newline();
		} else {
			screen[row * COLS + col] = (ATTR << 8) | (u8)c;
			if (++col == COLS)
				newline();
		}
	}
	move_cursor();
}
