// SPDX-License-Identifier: MIT
/*
 * The PS/2 keyboard: IRQ 1 from the i8042 controller, one scancode byte
 * per interrupt at port 0x60, in set 1 (the controller translates the
 * keyboard's set 2, as a PC BIOS leaves it and Linux's atkbd expects).
 *
 * A key's press is its code, its release the code | 0x80; 0xe0 starts
 * a two-byte code (right Ctrl, the arrows). What a key sends follows
 * Linux's default US keymap: Enter is CR (ICRNL makes it NL), Backspace
 * DEL (VERASE), Ctrl+letter the control character (^C is 3), the arrows
 * ESC [ A..D. Each character goes to the TTY (kernel/tty.c).
 */
#include <asm/io.h>
#include <trident/tty.h>

#define KBD_DATA    0x60
#define KBD_STATUS  0x64		/* read: status; write: command */
#define KBD_CMD     0x64
#define STATUS_OBF  0x01		/* a byte waits at KBD_DATA */
#define STATUS_IBF  0x02		/* the controller has not taken our last byte */
#define CMD_READ_CONFIG  0x20
#define CMD_WRITE_CONFIG 0x60
#define CONFIG_IRQ1      0x01		/* interrupt on keyboard data */
#define CONFIG_XLATE     0x40		/* translate to scancode set 1 */

#define SC_LCTRL   0x1d
#define SC_LSHIFT  0x2a
#define SC_RSHIFT  0x36
#define SC_CAPS    0x3a
#define SC_EXTENDED 0xe0

/* Set 1 codes 0x00-0x39, without and with Shift; 0: no character. */
static const char keymap[2][0x3a] = {
	{ 0, 27, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', 127, '\t',
	  'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\r', 0,
	  'a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`', 0, '\\',
	  'z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '/', 0, '*', 0, ' ' },
	{ 0, 27, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', 127, '\t',
	  'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\r', 0,
	  'A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~', 0, '|',
	  'Z', 'X', 'C', 'V', 'B', 'N', 'M', '<', '>', '?', 0, '*', 0, ' ' },
};

static bool shift, ctrl, caps, extended;

static void kbd_wait_write(void)
{
	for (int i = 0; i < 100000 && (inb(KBD_STATUS) & STATUS_IBF); i++)
		;
}

void keyboard_init(void)
{
	u8 config;

	/* Drop what the firmware left, then make sure IRQ 1 is on and the
	 * translation to set 1 too (GRUB and SeaBIOS leave both on). */
	for (int i = 0; i < 64 && (inb(KBD_STATUS) & STATUS_OBF); i++)
		(void)inb(KBD_DATA);
	kbd_wait_write();
	outb(KBD_CMD, CMD_READ_CONFIG);
	for (int i = 0; i < 100000 && !(inb(KBD_STATUS) & STATUS_OBF); i++)
		;
	config = inb(KBD_DATA);
	kbd_wait_write();
	outb(KBD_CMD, CMD_WRITE_CONFIG);
	kbd_wait_write();
	outb(KBD_DATA, config | CONFIG_IRQ1 | CONFIG_XLATE);
	pic_unmask(1);
}

static void send_arrow(u8 code)
{
	char c = code == 0x48 ? 'A' : code == 0x50 ? 'B' : code == 0x4d ? 'C' : 'D';

	tty_receive(27);
	tty_receive('[');
	tty_receive((u8)c);
}

void keyboard_irq(void)
{
	u8 sc = inb(KBD_DATA);
	bool release = sc & 0x80, was_extended = extended;
	u8 code = sc & 0x7f;
	char c;

	if (sc == SC_EXTENDED) {
		extended = true;
		return;
	}
	extended = false;
	if (code == SC_LCTRL) {			/* left, or right after 0xe0 */
		ctrl = !release;
		return;
	}
	if (was_extended) {
		if (!release && (code == 0x48 || code == 0x50 || code == 0x4b || code == 0x4d))
			send_arrow(code);
		return;
	}
	if (code == SC_LSHIFT || code == SC_RSHIFT) {
		shift = !release;
		return;
	}
	if (release)
		return;
	if (code == SC_CAPS) {
		caps = !caps;
		return;
	}
	if (code >= sizeof(keymap[0]) || !(c = keymap[shift][code]))
		return;
	if (caps && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
		c ^= 0x20;
	if (ctrl) {
		if (c == '?')				/* ^? is DEL */
			c = 127;
		else if (c >= '@' && c <= '~')		/* ^A is 1, ^C 3, ^\ 28 */
			c &= 0x1f;
		else if (c == ' ')			/* ^@ (^space) is NUL */
			c = 0;
	}
	tty_receive((u8)c);
}
