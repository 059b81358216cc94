/* SPDX-License-Identifier: MIT */
/*
 * Terminal attributes. struct termios is the kernel's own (what TCGETS
 * copies out): 36 bytes with NCCS 19, include/uapi/asm-generic/termbits.h.
 * glibc's struct termios is larger (NCCS 32 and two speed fields) and its
 * tcgetattr() converts; ours needs no conversion, and a glibc program that
 * calls ioctl(fd, TCGETS, &t) directly still works because its struct is a
 * superset.
 */
#ifndef _TERMIOS_H
#define _TERMIOS_H

#include <sys/ioctl.h>

typedef unsigned char	cc_t;
typedef unsigned int	speed_t;
typedef unsigned int	tcflag_t;

#define NCCS 19

struct termios {
	tcflag_t c_iflag;	/*  0: input modes */
	tcflag_t c_oflag;	/*  4: output modes */
	tcflag_t c_cflag;	/*  8: control modes */
	tcflag_t c_lflag;	/* 12: local modes */
	cc_t c_line;		/* 16: line discipline */
	cc_t c_cc[NCCS];	/* 17: control characters */
};				/* 36 */

/* c_cc indices */
#define VINTR		0
#define VQUIT		1
#define VERASE		2
#define VKILL		3
#define VEOF		4
#define VTIME		5
#define VMIN		6
#define VSWTC		7
#define VSTART		8
#define VSTOP		9
#define VSUSP		10
#define VEOL		11
#define VREPRINT	12
#define VDISCARD	13
#define VWERASE		14
#define VLNEXT		15
#define VEOL2		16

/* c_iflag */
#define IGNBRK	0x001
#define BRKINT	0x002
#define IGNPAR	0x004
#define PARMRK	0x008
#define INPCK	0x010
#define ISTRIP	0x020
#define INLCR	0x040
#define IGNCR	0x080
#define ICRNL	0x100
#define IUCLC	0x0200
#define IXON	0x0400
#define IXANY	0x0800
#define IXOFF	0x1000
#define IMAXBEL	0x2000
#define IUTF8	0x4000

/* c_oflag */
#define OPOST	0x01
#define OLCUC	0x02
#define ONLCR	0x04
#define OCRNL	0x08
#define ONOCR	0x10
#define ONLRET	0x20
#define OFILL	0x40
#define OFDEL	0x80

/* c_cflag */
#define CBAUD	0x0000100f
#define B0	0x00000000
#define B9600	0x0000000d
#define B19200	0x0000000e
#define B38400	0x0000000f
#define B57600	0x00001001
#define B115200	0x00001002
#define CSIZE	0x00000030
#define CS5	0x00000000
#define CS6	0x00000010
#define CS7	0x00000020
#define CS8	0x00000030
#define CSTOPB	0x00000040
#define CREAD	0x00000080
#define PARENB	0x00000100
#define PARODD	0x00000200
#define HUPCL	0x00000400
#define CLOCAL	0x00000800
#define CRTSCTS	0x80000000

/* c_lflag */
#define ISIG	0x00001
#define ICANON	0x00002
#define ECHO	0x00008
#define ECHOE	0x00010
#define ECHOK	0x00020
#define ECHONL	0x00040
#define NOFLSH	0x00080
#define TOSTOP	0x00100
#define ECHOCTL	0x00200
#define ECHOPRT	0x00400
#define ECHOKE	0x00800
#define IEXTEN	0x08000

/* tcsetattr() actions: TCSETS + action is TCSETS, TCSETSW or TCSETSF. */
#define TCSANOW		0
#define TCSADRAIN	1
#define TCSAFLUSH	2

int tcgetattr(int fd, struct termios *t);
int tcsetattr(int fd, int action, const struct termios *t);

#endif
