/* SPDX-License-Identifier: MIT */
/* sleep SECONDS: nanosleep for that long (whole seconds). ^C ends it. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	struct timespec ts = { 0, 0 };

	if (argc != 2) {
		fprintf(stderr, "usage: sleep SECONDS\n");
		return 1;
	}
	ts.tv_sec = atol(argv[1]);
	return nanosleep(&ts, NULL) ? 1 : 0;
}
