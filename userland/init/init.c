/* SPDX-License-Identifier: MIT */
/*
 * /sbin/init: Trident's first process is a test runner in the style of
 * Linux's kselftest runner (tools/testing/selftests/kselftest/runner.sh).
 *
 *   init [--dir DIR] [--timeout SECONDS] [--skip-enoexec] [--skip NAME]... [PROGRAM...]
 *
 * It runs each PROGRAM (the words after "--" on the kernel command line) or,
 * without any, every regular file of DIR (default /tests) in name order,
 * one process each, and prints TAP around their own KTAP output. The
 * programs write to init's console themselves: init only frames them. It
 * exits 0 when nothing failed, 1 otherwise; the kernel then powers off.
 *
 * --skip-enoexec: a program the kernel refuses with ENOEXEC is skipped,
 * not failed. The boots without the ia32 emulation or without x32 say it:
 * their kernels refuse the _32 or _x32 programs, as Linux does. Elsewhere
 * an ENOEXEC is a failure, so a broken loader cannot hide as skips.
 *
 * --skip NAME (repeatable): the program named NAME is not run but reported
 * as skipped; a boot on an emulator that cannot run it says so
 * (tests/harness/configs.py gives the reason).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "errname.h"
#include "fault_signals.h"

#define KSFT_SKIP	4

static long timeout_s = 60;
static int passed, failed, skipped;

static int skip_enoexec;	/* --skip-enoexec */
static const char *skip_names[16];	/* --skip NAME */
static int nskip;

static int skipped_by_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;

	for (int i = 0; i < nskip; i++)
		if (strcmp(skip_names[i], name) == 0)
			return 1;
	return 0;
}
enum result { PASS, FAIL, SKIP };

/* One result line, counted: "ok K selftests: trident: NAME # NOTE". */
__attribute__((format(printf, 4, 5)))
static void report(enum result r, int k, const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("%s %d selftests: trident: %s", r == FAIL ? "not ok" : "ok", k, name);
	if (fmt) {
		fputs(" # ", stdout);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
	}
	putchar('\n');
	*(r == PASS ? &passed : r == FAIL ? &failed : &skipped) += 1;
}

static void *xrealloc(void *p, size_t size)
{
	if (!(p = realloc(p, size))) {
		printf("Bail out! init: out of memory\n");
		exit(1);
	}
	return p;
}

/*
 * Our libc has no <dirent.h> yet: getdents64(2) fills the buffer with the
 * kernel's struct linux_dirent64 records.
 */
struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};
#define DT_UNKNOWN	0
#define DT_REG		8

/* The regular files of dir ("dir/name"), sorted by name; -1 and errno on error. */
static int list_dir(const char *dir, char ***out)
{
	char buf[4096], **v = NULL;
	int fd, n = 0;
	long len;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -1;
	while ((len = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < len; ) {
			struct linux_dirent64 *d = (void *)(buf + off);
			struct stat st;
			char *path;

			off += d->d_reclen;
			if (d->d_name[0] == '.')
				continue;
			path = xrealloc(NULL, strlen(dir) + strlen(d->d_name) + 2);
			sprintf(path, "%s/%s", dir, d->d_name);
			/* Not every filesystem fills d_type: ask stat then. */
			if (d->d_type != DT_REG && !(d->d_type == DT_UNKNOWN &&
			    stat(path, &st) == 0 && S_ISREG(st.st_mode))) {
				free(path);
				continue;
			}
			v = xrealloc(v, (n + 1) * sizeof(*v));
			v[n++] = path;
		}
	}
	close(fd);
	if (len < 0)
		return -1;
	/* Insertion sort: a few dozen names, byte order as LC_ALL=C ls. */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
			char *t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	*out = v;
	return n;
}

/*
 * Wait for pid, at most timeout_s seconds, then SIGKILL it. Every other child
 * that ends meanwhile (orphans reparented to init) is reaped and forgotten.
 * Polls with WNOHANG, sleeping 1 ms at first and up to 64 ms, so quick
 * programs cost little and slow ones little CPU.
 */
static int wait_for(pid_t pid, int *status, int *timed_out)
{
	struct timespec start, now, nap = { 0, 1000000 };
	long slept_ms = 0, elapsed_ms;
	int have_clock = clock_gettime(CLOCK_MONOTONIC, &start) == 0;
	pid_t got;

	*timed_out = 0;
	for (;;) {
		while ((got = waitpid(-1, status, WNOHANG)) > 0)
			if (got == pid)
				return 0;
		if (got < 0 && errno != EINTR)
			return -1;
		/* Without a clock, the sleeps requested are the measure. */
		if (have_clock && clock_gettime(CLOCK_MONOTONIC, &now) == 0)
			elapsed_ms = (now.tv_sec - start.tv_sec) * 1000 +
				     (now.tv_nsec - start.tv_nsec) / 1000000;
		else
			elapsed_ms = slept_ms;
		if (!*timed_out && elapsed_ms >= timeout_s * 1000) {
			kill(pid, SIGKILL);	/* then reaped like any end */
			*timed_out = 1;
		}
		nanosleep(&nap, NULL);
		slept_ms += nap.tv_nsec / 1000000;
		if (nap.tv_nsec < 64000000)
			nap.tv_nsec *= 2;
	}
}

/* Run program number k and report how it ended. */
static void run(int k, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	int want = expected_signal(name);
	int fds[2], exec_err = 0, status, timed_out;
	pid_t pid;

	printf("# selftests: trident: %s\n", name);
	fflush(NULL);	/* or the child inherits, and repeats, what is buffered */

	/*
	 * The child reports a failed execve through a close-on-exec pipe: a
	 * successful exec closes it and the parent reads 0 bytes. Without
	 * pipe2, an exec failure shows only as exit=127.
	 */
	if (syscall(SYS_pipe2, fds, O_CLOEXEC) < 0)
		fds[0] = fds[1] = -1;
	pid = fork();
	if (pid == 0) {
		char *argv[] = { (char *)path, NULL };

		execve(path, argv, environ);
		exec_err = errno;
		if (fds[1] >= 0)
			write(fds[1], &exec_err, sizeof(exec_err));
		_exit(127);
	}
	if (fds[1] >= 0)
		close(fds[1]);
	if (pid < 0) {
		report(FAIL, k, name, "fork failed: %s", errno_name(errno));
		if (fds[0] >= 0)
			close(fds[0]);
		return;
	}
	if (fds[0] >= 0) {
		if (read(fds[0], &exec_err, sizeof(exec_err)) != sizeof(exec_err))
			exec_err = 0;
		close(fds[0]);
	}

	if (wait_for(pid, &status, &timed_out) < 0)
		report(FAIL, k, name, "wait failed: %s", errno_name(errno));
	else if (exec_err == ENOEXEC && skip_enoexec)
		report(SKIP, k, name, "SKIP the kernel does not run this ABI (exec: ENOEXEC)");
	else if (exec_err)
		report(FAIL, k, name, "exec failed: %s", errno_name(exec_err));
	else if (timed_out)
		report(FAIL, k, name, "timeout");
	else if (WIFSIGNALED(status) && WTERMSIG(status) == want)
		report(PASS, k, name, "killed by signal %d as expected", want);
	else if (WIFSIGNALED(status) && want)
		report(FAIL, k, name, "killed by signal %d, expected %d", WTERMSIG(status), want);
	else if (WIFSIGNALED(status))
		report(FAIL, k, name, "killed by signal %d", WTERMSIG(status));
	else if (WEXITSTATUS(status) == KSFT_SKIP)
		report(SKIP, k, name, "SKIP");
	else if (WEXITSTATUS(status) == 0 && !want)
		report(PASS, k, name, NULL);
	else if (want)
		report(FAIL, k, name, "exit=%d, expected signal %d", WEXITSTATUS(status), want);
	else
		report(FAIL, k, name, "exit=%d", WEXITSTATUS(status));
}

int main(int argc, char **argv)
{
	const char *dir = "/tests";
	char **progs = argv + 1, *end;
	int n = 0;

	/* Options out, program paths compacted to the front of argv + 1. */
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc) {
			dir = argv[++i];
		} else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc) {
			timeout_s = strtol(argv[++i], &end, 10);
			if (*end || timeout_s <= 0) {
				printf("Bail out! init: bad --timeout '%s'\n", argv[i]);
				return 2;
			}
		} else if (strcmp(argv[i], "--skip-enoexec") == 0) {
			skip_enoexec = 1;
		} else if (strcmp(argv[i], "--skip") == 0 && i + 1 < argc &&
			   nskip < (int)(sizeof(skip_names) / sizeof(skip_names[0]))) {
			skip_names[nskip++] = argv[++i];
		} else if (strncmp(argv[i], "--", 2) == 0) {
			printf("Bail out! usage: init [--dir DIR] [--timeout SECONDS] [--skip-enoexec] [--skip NAME]... [PROGRAM...]\n");
			return 2;
		} else {
			progs[n++] = argv[i];
		}
	}

	printf("TAP version 13\n");
	if (n == 0 && (n = list_dir(dir, &progs)) < 0) {
		printf("Bail out! init: cannot list %s: %s\n", dir, errno_name(errno));
		return 1;
	}
	printf("1..%d\n", n);
	for (int k = 1; k <= n; k++) {
		if (skipped_by_name(progs[k - 1])) {
			const char *slash = strrchr(progs[k - 1], '/');
			report(SKIP, k, slash ? slash + 1 : progs[k - 1], "SKIP --skip");
			continue;
		}
		run(k, progs[k - 1]);
	}
	/* Orphans that ended after the last program (a fuzzer's, say): reap
	 * them, so the kernel's memory check at our end sees them gone. */
	while (waitpid(-1, NULL, WNOHANG | 0x40000000 /* __WALL */) > 0)
		;
	printf("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:%d error:0\n",
	       passed, failed, skipped);
	return failed ? 1 : 0;
}
