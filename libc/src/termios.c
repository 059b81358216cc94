/* SPDX-License-Identifier: MIT */
/*
 * Terminal attributes: our struct termios is the kernel's, so these are
 * the TCGETS/TCSETS* ioctls with nothing to convert.
 */
#include <errno.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

int tcgetattr(int fd, struct termios *t)
{
	return ioctl(fd, TCGETS, t);
}

/* TCSETS, TCSETSW and TCSETSF are consecutive: now, after output drains,
 * after output drains and input is discarded. */
int tcsetattr(int fd, int action, const struct termios *t)
{
	if (action < TCSANOW || action > TCSAFLUSH) {
		errno = EINVAL;
		return -1;
	}
	return ioctl(fd, TCSETS + action, t);
}

/* A terminal is whatever answers TCGETS; glibc asks the same question. */
int isatty(int fd)
{
	struct termios t;

	return tcgetattr(fd, &t) == 0;
}
