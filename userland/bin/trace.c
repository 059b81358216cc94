/* SPDX-License-Identifier: MIT */
/*
 * trace CMD [ARG...]: run CMD with each of its system calls printed on
 * the console by the kernel, as syscall.trace=1 prints every process's:
 *     [7 ia32 sysenter] write(1, "hi\n", 3) = 3
 * (pid, the ABI of the table, the way in: syscall, int80, sysenter or
 * syscall32 for the compat SYSCALL). It switches tracing on for itself
 * with prctl(PR_TRIDENT_SET_TRACE, 1), a Trident option that is NOT
 * Linux's (docs/debugging.md), then execs CMD: tracing survives exec
 * and fork, so CMD and its children are traced, like `strace -f`. On
 * Linux the prctl fails with EINVAL and trace says so.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PR_TRIDENT_SET_TRACE 0x54524301		/* Trident only: kernel/prctl.c */

int main(int argc, char **argv)
{
	static const char *const dirs[] = { "/bin", "/tests", "/sbin" };
	char path[256];
	struct stat st;

	if (argc < 2) {
		fprintf(stderr, "usage: trace CMD [ARG...]\n");
		return 2;
	}
	/* As the shell looks: a name with a slash as it is, else the first
	 * of /bin, /tests, /sbin that has it. */
	snprintf(path, sizeof(path), "%s", argv[1]);
	for (size_t i = 0; !strchr(argv[1], '/') && i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		char try[256];

		snprintf(try, sizeof(try), "%s/%s", dirs[i], argv[1]);
		if (stat(try, &st) == 0) {
			snprintf(path, sizeof(path), "%s", try);
			break;
		}
	}
	if (syscall(SYS_prctl, PR_TRIDENT_SET_TRACE, 1, 0, 0, 0) < 0) {
		fprintf(stderr, "trace: no per-program tracing here (prctl: %s)\n", strerror(errno));
		return 1;
	}
	execve(path, argv + 1, environ);
	fprintf(stderr, "trace: %s: %s\n", path, strerror(errno));
	return 127;
}
