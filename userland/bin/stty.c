/* SPDX-License-Identifier: MIT */
/*
 * stty [SETTING...]: show or change the terminal's modes (TCGETS/TCSETS),
 * a small subset of coreutils' stty:
 *
 *   stty                 the modes below, and the speed and window size
 *   [-]icanon [-]echo [-]echoe [-]isig [-]icrnl     turn a flag on (off)
 *   min N, time N        non-canonical reads: VMIN bytes, VTIME tenths
 *   sane                 Linux's defaults (what the console starts with)
 *   raw, -raw            no line editing, signals or input mapping / sane
 *
 * The shell (userland/sh) reads its own lines in canonical mode and gives
 * each program the modes stty set, as bash's readline does, so
 * `stty -icanon min 0 time 5` then `cat` shows VTIME ending a read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>

static const struct {
	const char *name;
	int local;		/* c_lflag, else c_iflag */
	unsigned int bit;
} flags[] = {
	{ "icanon", 1, ICANON }, { "echo", 1, ECHO }, { "echoe", 1, ECHOE },
	{ "isig", 1, ISIG }, { "icrnl", 0, ICRNL },
};
#define NFLAGS (sizeof(flags) / sizeof(flags[0]))

static void sane(struct termios *t)
{
	t->c_iflag = ICRNL | IXON;
	t->c_oflag = OPOST | ONLCR;
	t->c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

static void show(const struct termios *t)
{
	struct winsize ws = { 0, 0, 0, 0 };

	ioctl(0, TIOCGWINSZ, &ws);
	printf("speed %s baud; rows %d; columns %d;\n",
	       (t->c_cflag & CBAUD) == B115200 ? "115200" : "?", ws.ws_row, ws.ws_col);
	for (size_t i = 0; i < NFLAGS; i++) {
		unsigned int v = flags[i].local ? t->c_lflag : t->c_iflag;
		printf("%s%s ", v & flags[i].bit ? "" : "-", flags[i].name);
	}
	printf("min = %d; time = %d;\n", t->c_cc[VMIN], t->c_cc[VTIME]);
}

int main(int argc, char **argv)
{
	struct termios t;

	if (tcgetattr(0, &t) < 0) {
		fprintf(stderr, "stty: standard input: not a terminal\n");
		return 1;
	}
	if (argc == 1) {
		show(&t);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int off = a[0] == '-';
		size_t f;

		if ((!strcmp(a, "min") || !strcmp(a, "time")) && i + 1 < argc) {
			t.c_cc[a[0] == 'm' ? VMIN : VTIME] = (unsigned char)atoi(argv[++i]);
			continue;
		}
		if (!strcmp(a, "sane") || !strcmp(a, "-raw")) {
			sane(&t);
			continue;
		}
		if (!strcmp(a, "raw")) {
			t.c_iflag &= ~(ICRNL | IXON);
			t.c_lflag &= ~(ICANON | ISIG | IEXTEN);
			t.c_cc[VMIN] = 1;
			t.c_cc[VTIME] = 0;
			continue;
		}
		for (f = 0; f < NFLAGS && strcmp(a + off, flags[f].name); f++)
			;
		if (f == NFLAGS) {
			fprintf(stderr, "stty: invalid argument '%s'\n", a);
			return 1;
		}
		unsigned int *v = flags[f].local ? &t.c_lflag : &t.c_iflag;
		*v = off ? *v & ~flags[f].bit : *v | flags[f].bit;
	}
	if (tcsetattr(0, TCSANOW, &t) < 0) {
		fprintf(stderr, "stty: cannot set the modes\n");
		return 1;
	}
	return 0;
}
