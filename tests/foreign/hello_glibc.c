// SPDX-License-Identifier: MIT
// build: gcc -static -O2 -Wall
/*
 * A static Linux program built with the host's C library (glibc here,
 * musl for hello_musl.c, which includes this file): stdio, argv, the
 * environment, floating point in printf, and exit status 3, compared with
 * the same binary's run on Linux.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __GLIBC__
#define LIBC "glibc"
#else
#define LIBC "musl"		/* the only other one built here */
#endif

int main(int argc, char **argv)
{
	const char *base = argv[0] ? strrchr(argv[0], '/') : NULL;
	const char *home = getenv("HOME");

	base = base ? base + 1 : argv[0] ? argv[0] : "(null)";
	printf("hello from a static program built with %s\n", LIBC);
	printf("argv[0] basename: %s\n", base);
	printf("argc: %d\n", argc);
	printf("numbers: %d %#x %lld %.3f\n", -42, 0xbeef, 1LL << 40, 2.0 / 3.0);
	printf("HOME: %s\n", home ? home : "(unset)");
	/* The exit status is compared too: not 0, so a lost status shows. */
	return 3;
}
