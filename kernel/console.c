// SPDX-License-Identifier: MIT
/*
 * /dev/console as a file: what init's descriptors 0, 1 and 2 point at.
 * Output goes to COM1 and the VGA screen. Input is polled from COM1 (the
 * keyboard and a real line discipline arrive with the shell issue).
 * It answers the terminal ioctls a C library asks at start-up.
 */
#include <trident/file.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/printk.h>
#include <asm/io.h>

void console_write(const char *s, size_t n);

/* Linux's struct termios (asm-generic/termbits.h): what TCGETS returns. */
struct termios {
	u32 c_iflag, c_oflag, c_cflag, c_lflag;
	u8 c_line;
	u8 c_cc[19];
};
_Static_assert(sizeof(struct termios) == 36, "kernel struct termios");

struct winsize {
	u16 ws_row, ws_col, ws_xpixel, ws_ypixel;
};

#define TCGETS     0x5401
#define TCSETS     0x5402
#define TCSETSW    0x5403
#define TCSETSF    0x5404
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414

/* Linux's tty_std_termios with a serial console's c_cflag
 * (B115200 | CS8 | CREAD | HUPCL | CLOCAL). */
static struct termios console_termios = {
	.c_iflag = 0x0500,		/* ICRNL | IXON */
	.c_oflag = 0x0005,		/* OPOST | ONLCR */
	.c_cflag = 0x1cb2,
	.c_lflag = 0x8a3b,		/* ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN */
	.c_line = 0,
	.c_cc = { 3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0 },
};
static struct winsize console_winsize = { 25, 80, 0, 0 };

/*
 * As Linux's tty write (iterate_tty_write): the data goes in chunks of
 * 2048 bytes, each copied whole before any of it is written; a chunk that
 * cannot be copied whole is not written at all, and the call returns what
 * earlier chunks wrote, or -EFAULT.
 */
#define TTY_WRITE_CHUNK 2048

static ssize_t console_fwrite(struct file *f, const char __user *buf, size_t n, loff_t *pos)
{
	static char chunk[TTY_WRITE_CHUNK];	/* the kernel is not preempted */
	size_t done = 0;

	(void)f;
	(void)pos;
	while (done < n) {
		size_t len = MIN(n - done, sizeof(chunk));
		if (copy_from_user(chunk, buf + done, len))
			return done ? (ssize_t)done : -EFAULT;
		console_write(chunk, len);
		done += len;
	}
	return done;
}

#define COM1_DATA 0x3f8
#define COM1_LSR  0x3fd

/* Waits for at least one byte; returns what has arrived, up to a newline
 * (which it turns from CR into LF and echoes, as ICRNL and ECHO say). */
static ssize_t console_fread(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	size_t done = 0;

	(void)f;
	(void)pos;
	while (done < n) {
		while (!(inb(COM1_LSR) & 1))
			__asm__ volatile("pause");
		char c = inb(COM1_DATA);
		if (c == 4 && !done)		/* ^D on an empty line: end of file */
			return 0;
		if (c == '\r')
			c = '\n';
		console_write(&c, 1);
		if (copy_to_user(buf + done, &c, 1))
			return done ? (ssize_t)done : -EFAULT;
		done++;
		if (c == '\n')
			break;
	}
	return done;
}

static long console_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	void __user *p = (void __user *)arg;

	(void)f;
	switch (cmd) {
	case TCGETS:
		return copy_to_user(p, &console_termios, sizeof(console_termios)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return copy_from_user(&console_termios, p, sizeof(console_termios)) ? -EFAULT : 0;
	case TIOCGWINSZ:
		return copy_to_user(p, &console_winsize, sizeof(console_winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return copy_from_user(&console_winsize, p, sizeof(console_winsize)) ? -EFAULT : 0;
	}
	return -ENOTTY;
}

static const struct file_ops console_ops = {
	.read = console_fread,
	.write = console_fwrite,
	.ioctl = console_ioctl,
};

struct file *console_open(void)
{
	return file_alloc(&console_ops);
}
