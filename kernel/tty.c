// SPDX-License-Identifier: MIT
/*
 * The console TTY: Linux's n_tty line discipline, cut to what a shell
 * and its programs use.
 *
 * Input arrives one byte at a time from an interrupt (keyboard or COM1,
 * interrupts off) through tty_receive(), which does what termios says:
 *
 *   c_iflag  ISTRIP, IGNCR, ICRNL (Enter sends CR; programs read NL), INLCR
 *   c_lflag  ISIG    ^C (VINTR) SIGINT, ^\ (VQUIT) SIGQUIT to the
 *                    foreground process group; the input is flushed
 *                    unless NOFLSH
 *            ICANON  lines: editing in `line` (VERASE DEL, VKILL ^U,
 *                    VWERASE ^W with IEXTEN); NL or VEOL ends a line,
 *                    VEOF ^D ends it without itself (^D on an empty line:
 *                    read returns 0, end of file)
 *            ECHO, ECHOE, ECHOK/ECHOKE, ECHOCTL (^C shown as "^C"), ECHONL
 *
 * Finished input waits in `ring` for read(). A ^D is kept there as the
 * mark TTY_EOF (not a byte), so that "abc^D" reads as "abc" and a lone ^D
 * as 0. Without ICANON every byte goes straight to the ring and read()
 * follows VMIN and VTIME (tenths of a second), as termios(3) describes.
 *
 * A reader blocks (TASK_BLOCKED, wait_chan = &tty); the interrupt wakes
 * it. The kernel runs with interrupts off, so no byte arrives between a
 * reader's check and its sleep.
 *
 * Job control: the terminal belongs to session 0, init's (Linux never
 * makes /dev/console a controlling terminal: docs/differences.md), and
 * its foreground group starts as init's, group 0. TIOCGPGRP and TIOCSPGRP answer
 * as Linux's tiocgpgrp()/tiocspgrp(). Not here yet: SIGTTIN/SIGTTOU for
 * background groups, ^Z (VSUSP: no stopped processes yet), VLNEXT,
 * VREPRINT, output flow control (^S/^Q).
 */
#include <trident/tty.h>
#include <trident/task.h>
#include <trident/pgrp.h>
#include <trident/signal.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/string.h>
#include <trident/time.h>

void console_write(const char *s, size_t n);

/* Linux's struct termios (asm-generic/termbits.h), every ABI's layout. */
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
#define TCFLSH     0x540B
#define TIOCGPGRP  0x540F
#define TIOCSPGRP  0x5410
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD   0x541B
#define TIOCGSID   0x5429

/* c_iflag, c_lflag bits and c_cc slots we act on. */
#define ISTRIP  0x0020
#define INLCR   0x0040
#define IGNCR   0x0080
#define ICRNL   0x0100
#define ISIG    0x0001
#define ICANON  0x0002
#define ECHO    0x0008
#define ECHOE   0x0010
#define ECHOK   0x0020
#define ECHONL  0x0040
#define NOFLSH  0x0080
#define ECHOCTL 0x0200
#define ECHOKE  0x0800
#define IEXTEN  0x8000
#define VINTR   0
#define VQUIT   1
#define VERASE  2
#define VKILL   3
#define VEOF    4
#define VTIME   5
#define VMIN    6
#define VEOL    11
#define VWERASE 14

#define TTY_BUF  4096		/* Linux's N_TTY_BUF_SIZE */
#define TTY_EOF  0x100		/* a ^D in the ring: ends a read */

static struct tty {
	struct termios termios;
	struct winsize winsize;
	u16 ring[TTY_BUF];	/* finished input: bytes and TTY_EOF marks */
	size_t head, len;
	u8 line[TTY_BUF];	/* the canonical line being edited */
	size_t line_len;
	int session;		/* the session it controls: init's, 0 */
	int pgrp;		/* the foreground process group */
} tty = {
	/* Linux's tty_std_termios with a serial console's c_cflag
	 * (B115200 | CS8 | CREAD | HUPCL | CLOCAL). */
	.termios = {
		.c_iflag = 0x0500,		/* ICRNL | IXON */
		.c_oflag = 0x0005,		/* OPOST | ONLCR */
		.c_cflag = 0x1cb2,
		.c_lflag = 0x8a3b,		/* ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN */
		.c_line = 0,
		.c_cc = { 3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0 },
	},
	.winsize = { 25, 80, 0, 0 },
	.session = 0,
	.pgrp = 0,
};

#define L(flag) (tty.termios.c_lflag & (flag))
#define I(flag) (tty.termios.c_iflag & (flag))

/* Control characters echo as ^X (DEL as ^?) with ECHOCTL; tab and
 * newline as themselves. */
static bool echoes_as_ctl(u8 c)
{
	return L(ECHOCTL) && ((c < 32 && c != '\t' && c != '\n') || c == 127);
}

static void echo_char(u8 c)
{
	if (!L(ECHO))
		return;
	if (echoes_as_ctl(c)) {
		char s[2] = { '^', (char)(c == 127 ? '?' : c + '@') };
		console_write(s, 2);
	} else {
		console_write((const char *)&c, 1);
	}
}

static void wake_readers(void)
{
	for (struct task *t = task_list; t; t = t->next_task)
		if (t->state == TASK_BLOCKED && t->wait_chan == &tty)
			wake_up(t);
}

static void ring_put(u16 v)
{
	if (tty.len < TTY_BUF)
		tty.ring[(tty.head + tty.len++) % TTY_BUF] = v;
}

static void flush_input(void)
{
	tty.head = tty.len = tty.line_len = 0;
}

/* Takes the last character of the line back, on the screen too. */
static void erase_one(void)
{
	u8 c;

	if (!tty.line_len)
		return;
	c = tty.line[--tty.line_len];
	if (L(ECHO) && L(ECHOE)) {
		for (int w = echoes_as_ctl(c) ? 2 : 1; w > 0; w--)
			console_write("\b \b", 3);
	} else {
		echo_char(tty.termios.c_cc[VERASE]);	/* without ECHOE: the ^? itself */
	}
}

/* The line so far goes to the ring, then end (a byte or TTY_EOF). */
static void finish_line(u16 end)
{
	for (size_t i = 0; i < tty.line_len; i++)
		ring_put(tty.line[i]);
	ring_put(end);
	tty.line_len = 0;
	wake_readers();
}

void tty_receive(u8 c)
{
	const u8 *cc = tty.termios.c_cc;

	if (I(ISTRIP))
		c &= 0x7f;
	if (c == '\r') {
		if (I(IGNCR))
			return;
		if (I(ICRNL))
			c = '\n';
	} else if (c == '\n' && I(INLCR)) {
		c = '\r';
	}

	if (L(ISIG) && c && (c == cc[VINTR] || c == cc[VQUIT])) {
		if (!L(NOFLSH))
			flush_input();
		echo_char(c);
		pgrp_signal(tty.pgrp, c == cc[VINTR] ? SIGINT : SIGQUIT);
		wake_readers();		/* a killed reader must see it */
		return;
	}

	if (!L(ICANON)) {
		echo_char(c);
		ring_put(c);
		wake_readers();
		return;
	}

	if (c == cc[VERASE] && c) {
		erase_one();
	} else if (c == cc[VKILL] && c) {
		/* n_tty's eraser(): rub the line out only with ECHOK, ECHOKE
		 * and ECHOE all on (the default); else show ^U (and a
		 * newline with ECHOK) and start afresh. */
		if (!L(ECHO) || !L(ECHOK) || !L(ECHOKE) || !L(ECHOE)) {
			tty.line_len = 0;
			echo_char(c);
			if (L(ECHO) && L(ECHOK))
				console_write("\n", 1);
		}
		while (tty.line_len)
			erase_one();
	} else if (L(IEXTEN) && c == cc[VWERASE] && c) {
		while (tty.line_len && tty.line[tty.line_len - 1] == ' ')
			erase_one();
		while (tty.line_len && tty.line[tty.line_len - 1] != ' ')
			erase_one();
	} else if (c == cc[VEOF] && c) {
		finish_line(TTY_EOF);
	} else if (c == '\n' || (c == cc[VEOL] && c)) {
		if (L(ECHO) || L(ECHONL))
			console_write((const char *)&c, 1);
		finish_line(c);
	} else if (tty.line_len < TTY_BUF - 1) {
		/* Linux keeps the last byte for the newline; beyond it, drops. */
		tty.line[tty.line_len++] = c;
		echo_char(c);
	}
}

/* Sleeps until input or the alarm at wake_at (0: none); -ERESTARTSYS
 * when a signal is pending, before or after the sleep (n_tty_read()). */
static int tty_wait(u64 wake_at)
{
	struct task *t = current;

	if (signal_pending(t))
		return -ERESTARTSYS;
	t->wait_chan = &tty;
	t->wake_at_ns = wake_at;
	t->state = TASK_BLOCKED;
	schedule();
	t->wait_chan = NULL;
	t->wake_at_ns = 0;
	return signal_pending(t) ? -ERESTARTSYS : 0;
}

/* Copies up to n bytes out of the ring; in canonical mode stops after a
 * line's end (and consumes a TTY_EOF without returning it). */
static ssize_t copy_out(char __user *buf, size_t n, bool canon)
{
	size_t done = 0;

	while (done < n && tty.len) {
		u16 v = tty.ring[tty.head];

		if (v == TTY_EOF) {
			if (!canon)
				break;
			tty.head = (tty.head + 1) % TTY_BUF;
			tty.len--;
			break;
		}
		char c = (char)v;
		if (copy_to_user(buf + done, &c, 1))
			return done ? (ssize_t)done : -EFAULT;
		tty.head = (tty.head + 1) % TTY_BUF;
		tty.len--;
		done++;
		if (canon && (c == '\n' || (c == (char)tty.termios.c_cc[VEOL] && c)))
			break;
	}
	return done;
}

ssize_t tty_read(char __user *buf, size_t n)
{
	const u8 *cc = tty.termios.c_cc;

	if (!n)
		return 0;
	if (L(ICANON)) {
		while (!tty.len) {
			int err = tty_wait(0);
			if (err)
				return err;
		}
		return copy_out(buf, n, true);
	}
	/* Non-canonical (termios(3)): VMIN bytes wanted, VTIME tenths of a
	 * second: with VMIN 0 a total timeout, else one between bytes. */
	size_t min = MIN((size_t)cc[VMIN], n);
	u64 tenth = NSEC_PER_SEC / 10, timeout = cc[VTIME] * tenth;

	if (!min && !timeout)
		return copy_out(buf, n, false);
	if (!min) {
		u64 until = ktime_get_ns() + timeout;
		while (!tty.len && ktime_get_ns() < until) {
			int err = tty_wait(until);
			if (err)
				return err;
		}
		return copy_out(buf, n, false);
	}
	while (tty.len < min) {
		u64 until = tty.len && timeout ? ktime_get_ns() + timeout : 0;
		size_t had = tty.len;

		int err = tty_wait(until);
		if (err)	/* what arrived so far, else restart (as Linux) */
			return tty.len ? copy_out(buf, n, false) : err;
		if (until && tty.len == had && ktime_get_ns() >= until)
			break;		/* the inter-byte timer ran out */
	}
	return copy_out(buf, n, false);
}

/* tiocgpgrp()/tiocspgrp(): only for the session the terminal controls. */
static long tty_set_pgrp(int __user *p)
{
	struct task *self = current;
	int pgrp;

	if (self->sid != tty.session)
		return -ENOTTY;
	if (get_user(pgrp, p))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	if (!pgrp_in_session(pgrp, self->sid)) {
		/* Linux: no such group at all is ESRCH, one of another
		 * session EPERM. */
		for (struct task *t = task_list; t; t = t->next_task)
			if (t->pgid == pgrp && t->state != TASK_ZOMBIE)
				return -EPERM;
		return -ESRCH;
	}
	tty.pgrp = pgrp;
	return 0;
}

static long tty_set_termios(const void __user *p, bool flush)
{
	struct termios t;
	bool was_canon = L(ICANON);

	if (copy_from_user(&t, p, sizeof(t)))
		return -EFAULT;
	if (flush)
		flush_input();
	tty.termios = t;
	/* Leaving canonical mode: the half-edited line becomes readable,
	 * as n_tty_set_termios() does. */
	if (was_canon && !L(ICANON) && tty.line_len) {
		for (size_t i = 0; i < tty.line_len; i++)
			ring_put(tty.line[i]);
		tty.line_len = 0;
	}
	wake_readers();
	return 0;
}

long tty_ioctl(unsigned int cmd, unsigned long arg)
{
	void __user *p = (void __user *)arg;
	int count;

	switch (cmd) {
	case TCGETS:
		return copy_to_user(p, &tty.termios, sizeof(tty.termios)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:		/* output is written synchronously: drained */
		return tty_set_termios(p, false);
	case TCSETSF:
		return tty_set_termios(p, true);
	case TCFLSH:
		if (arg > 2)
			return -EINVAL;
		if (arg != 1)		/* TCIFLUSH or TCIOFLUSH */
			flush_input();
		return 0;
	case TIOCGWINSZ:
		return copy_to_user(p, &tty.winsize, sizeof(tty.winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return copy_from_user(&tty.winsize, p, sizeof(tty.winsize)) ? -EFAULT : 0;
	case TIOCGPGRP:
		if (current->sid != tty.session)
			return -ENOTTY;
		return put_user(tty.pgrp, (int __user *)p) ? -EFAULT : 0;
	case TIOCSPGRP:
		return tty_set_pgrp(p);
	case TIOCGSID:
		if (current->sid != tty.session)
			return -ENOTTY;
		return put_user(tty.session, (int __user *)p) ? -EFAULT : 0;
	case FIONREAD:
		count = 0;
		for (size_t i = 0; i < tty.len; i++)
			count += tty.ring[(tty.head + i) % TTY_BUF] != TTY_EOF;
		return put_user(count, (int __user *)p) ? -EFAULT : 0;
	}
	return -ENOTTY;
}

void tty_init(void)
{
	keyboard_init();
	serial_rx_init();
}
