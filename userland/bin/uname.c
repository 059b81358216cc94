/* SPDX-License-Identifier: MIT */
/*
 * uname [-asnrvm]: fields of uname(2), in coreutils' order; -s alone by
 * default. Run uname_32 to see that an ia32 program is told "x86_64" too,
 * as on Linux without the `linux32` personality.
 */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

int main(int argc, char **argv)
{
	struct utsname u;
	const char *want = argc > 1 ? argv[1] : "-s";
	const char *fields[] = { u.sysname, u.nodename, u.release, u.version, u.machine };
	const char *letters = "snrvm";
	int printed = 0;

	if (uname(&u) < 0) {
		fprintf(stderr, "uname: failed\n");
		return 1;
	}
	if (want[0] != '-') {
		fprintf(stderr, "usage: uname [-asnrvm]\n");
		return 1;
	}
	for (int i = 0; i < 5; i++)
		if (strchr(want, 'a') || strchr(want, letters[i]))
			printf("%s%s", printed++ ? " " : "", fields[i]);
	putchar('\n');
	return 0;
}
