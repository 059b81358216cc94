/* SPDX-License-Identifier: MIT */
/*
 * The built-in commands: what a child process cannot do for the shell
 * (cd, exit) and what is cheap to keep here (pwd, help, history).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

#define HISTORY 16		/* a small ring: the last 16 lines */

static char history[HISTORY][128];
static int history_count;

void history_add(const char *line)
{
	char *slot = history[history_count++ % HISTORY];

	strncpy(slot, line, sizeof(history[0]) - 1);
	slot[sizeof(history[0]) - 1] = 0;
	slot[strcspn(slot, "\n")] = 0;
}

static void help(void)
{
	puts("Trident's shell. Built-ins: cd [DIR], pwd, exit [N], history, help.\n"
	     "Programs are found in /bin, /tests and /sbin. Every tool exists for\n"
	     "each ABI: ls (64-bit), ls_x32, ls_32; also cat, echo, uname, sleep,\n"
	     "stty, abi, trace and sh. No pipes or redirections.\n"
	     "  abi                  how this system and each ABI enter the kernel\n"
	     "  trace CMD [ARG...]   run CMD with its system calls shown\n"
	     "  ls /tests            the conformance programs (run one: int80_32)\n"
	     "Keys: ^C interrupts, ^D at an empty prompt ends the shell, ^U kills the line.");
}

int run_builtin(char **argv, int *status)
{
	char cwd[256];

	if (!strcmp(argv[0], "cd")) {
		const char *dir = argv[1] ? argv[1] : "/";
		*status = chdir(dir) ? (fprintf(stderr, "cd: %s: %s\n", dir, strerror(errno)), 1) : 0;
	} else if (!strcmp(argv[0], "pwd")) {
		*status = getcwd(cwd, sizeof(cwd)) ? (puts(cwd), 0) : 1;
	} else if (!strcmp(argv[0], "exit")) {
		exit(argv[1] ? atoi(argv[1]) : last_status);
	} else if (!strcmp(argv[0], "help")) {
		help();
		*status = 0;
	} else if (!strcmp(argv[0], "history")) {
		int first = history_count > HISTORY ? history_count - HISTORY : 0;
		for (int i = first; i < history_count; i++)
			printf("%5d  %s\n", i + 1, history[i % HISTORY]);
		*status = 0;
	} else {
		return 0;
	}
	return 1;
}
