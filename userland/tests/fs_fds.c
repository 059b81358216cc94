/* SPDX-License-Identifier: MIT */
/*
 * fs_fds: descriptors, pipes and devices. What do dup, dup2, dup3 and
 * fcntl do with descriptors and their flags, what does a pipe do in one
 * process and between two, what do /dev/null, /dev/zero and /dev/full do,
 * when is the table full (EMFILE), and does exec close O_CLOEXEC
 * descriptors?
 *
 *  - dup'd descriptors share the file (its offset and status flags) but
 *    not the close-on-exec flag;
 *  - F_GETFL shows O_LARGEFILE on a 64-bit open, never O_CLOEXEC or
 *    O_CREAT; F_SETFL changes only O_APPEND, O_NONBLOCK and friends;
 *  - a pipe: a byte stream of 64 KiB, EOF when no writer is left, EPIPE
 *    when no reader is (SIGPIPE is ignored here), EAGAIN with O_NONBLOCK;
 *    a reader waits for a writer in another process and the other way
 *    round. (Linux counts a pipe's room in pages, Trident in bytes, so
 *    only writes into an empty pipe or of whole pages are compared.)
 *  - EMFILE with RLIMIT_NOFILE lowered to 64 (Trident's table has 64
 *    slots, so both systems agree), found before the path is looked up.
 *
 * The exec case runs this program again as "fs_fds cloexec-child A B",
 * which checks that A was closed and B was not.
 */
#define _GNU_SOURCE		/* glibc: O_PATH, pipe2, F_DUPFD_CLOEXEC */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "ktap.h"
#include "errname.h"
#include "raw_syscall.h"
#include "expect.h"

#define PLAN		69
#define FIONREAD	0x541B
#define RLIMIT_NOFILE	7
#define LIMIT		64

/* The kernel's O_LARGEFILE as F_GETFL shows it: 64-bit and x32 opens get
 * it forced on (force_o_largefile()); an ia32 open has it when the C
 * library passed it, which a 64-bit off_t implies (our libc, and glibc
 * with _FILE_OFFSET_BITS=64). */
#define LARGEFILE	(sizeof(off_t) == 8 ? 0100000 : 0)

static char path[64];

static void test_dup(void)
{
	char c;
	long fd, d, n;

	fd = sys(open(path, O_CREAT | O_RDWR | O_TRUNC, 0644));
	write(fd, "abcdef", 6);
	d = sys(dup(fd));
	ktap_test_result(d > fd, "dup -> a new descriptor");
	lseek(fd, 2, SEEK_SET);
	n = sys(read(d, &c, 1));
	ktap_test_result(n == 1 && c == 'c', "a dup shares the offset (seek one, read the other)");
	expect_val(sys(fcntl(d, F_GETFD)), 0, "F_GETFD of a dup");
	close(d);
	expect_err(sys(dup(-1)), EBADF, "dup(-1)");
	expect_val(sys(dup2(fd, fd)), fd, "dup2(fd, fd) -> fd");
	expect_err(sys(dup2(d, d)), EBADF, "dup2(closed, itself)");
	expect_err(sys(dup2(fd, 0x7fffffff)), EBADF, "dup2(fd, INT_MAX)");
	expect_err(sys(dup2(-1, 20)), EBADF, "dup2(-1, 20)");
	expect_err(sys(syscall(SYS_dup3, fd, fd, 0)), EINVAL, "dup3(fd, fd, 0)");
	expect_err(sys(syscall(SYS_dup3, fd, 20, 1)), EINVAL, "dup3(flags 1)");
	expect_err(sys(syscall(SYS_dup3, -1, 20, 0)), EBADF, "dup3(-1, 20, 0)");
	d = sys(syscall(SYS_dup3, fd, 20, O_CLOEXEC));
	ktap_test_result(d == 20 && sys(fcntl(20, F_GETFD)) == FD_CLOEXEC,
			 "dup3(fd, 20, O_CLOEXEC) -> 20, FD_CLOEXEC set");
	/* dup2 onto an open descriptor closes it first; the flag goes too. */
	d = sys(dup2(1, 20));
	ktap_test_result(d == 20 && sys(fcntl(20, F_GETFD)) == 0,
			 "dup2 onto an open FD_CLOEXEC descriptor: replaced, flag cleared");
	close(20);

	/* Three free descriptors from base up (a host shell may leave some
	 * open below 20). */
	int base = 10;
	while (fcntl(base, F_GETFD) >= 0 || fcntl(base + 1, F_GETFD) >= 0 ||
	       fcntl(base + 2, F_GETFD) >= 0)
		base++;
	d = sys(fcntl(fd, F_DUPFD, base));
	ktap_test_result(d == base, "F_DUPFD(n) -> n, the lowest free >= n");
	d = sys(fcntl(fd, F_DUPFD, base));
	ktap_test_result(d == base + 1, "F_DUPFD(n) again -> n + 1");
	d = sys(fcntl(fd, F_DUPFD_CLOEXEC, base));
	ktap_test_result(d == base + 2 && sys(fcntl(d, F_GETFD)) == FD_CLOEXEC,
			 "F_DUPFD_CLOEXEC(n) -> n + 2 with FD_CLOEXEC");
	close(base);
	close(base + 1);
	close(base + 2);
	expect_err(sys(fcntl(fd, F_DUPFD, 0x7fffffff)), EINVAL, "F_DUPFD(INT_MAX)");
	expect_err(sys(fcntl(fd, F_DUPFD, -1)), EINVAL, "F_DUPFD(-1)");
	expect_err(sys(fcntl(fd, 99)), EINVAL, "fcntl(cmd 99)");
	expect_err(sys(fcntl(-1, F_GETFD)), EBADF, "fcntl(-1, F_GETFD)");
	expect_val(sys(fcntl(fd, F_SETFD, 3)), 0, "F_SETFD(3)");
	expect_val(sys(fcntl(fd, F_GETFD)), FD_CLOEXEC, "F_GETFD after F_SETFD(3)");
	fcntl(fd, F_SETFD, 0);
	expect_val(sys(fcntl(fd, F_GETFL)), O_RDWR | LARGEFILE, "F_GETFL of O_RDWR | O_CREAT | O_TRUNC");
	expect_val(sys(fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK | O_WRONLY | O_CREAT)), 0,
		   "F_SETFL(O_APPEND | O_NONBLOCK | O_WRONLY | O_CREAT)");
	expect_val(sys(fcntl(fd, F_GETFL)), O_RDWR | O_APPEND | O_NONBLOCK | LARGEFILE,
		   "F_GETFL: the access mode stayed, O_CREAT was ignored");
	close(fd);

	fd = sys(open(path, O_RDONLY | O_CLOEXEC));
	expect_val(sys(fcntl(fd, F_GETFD)), FD_CLOEXEC, "F_GETFD of an O_CLOEXEC open");
	expect_val(sys(fcntl(fd, F_GETFL)), O_RDONLY | LARGEFILE, "F_GETFL of O_RDONLY | O_CLOEXEC");
	close(fd);
	fd = sys(open(path, O_PATH));
	expect_val(sys(fcntl(fd, F_GETFL)), O_PATH, "F_GETFL of an O_PATH open");
	expect_err(sys(read(fd, &c, 1)), EBADF, "read(O_PATH descriptor)");
	expect_err(sys(fcntl(fd, F_SETFL, 0)), EBADF, "F_SETFL on an O_PATH descriptor");
	expect_err(sys(lseek(fd, 0, SEEK_SET)), EBADF, "lseek(O_PATH descriptor)");
	close(fd);
}

static void test_pipe(void)
{
	int p[2] = { -1, -1 }, q[2];
	char buf[16];
	struct stat st;
	long n;
	int avail = -1;
	static char big[65536 + 1];

	expect_val(sys(pipe(p)), 0, "pipe");
	n = sys(write(p[1], "hello", 5));
	ktap_test_result(n == 5 && sys(ioctl(p[0], FIONREAD, &avail)) == 0 && avail == 5,
			 "write 5 bytes; FIONREAD says 5");
	memset(buf, 0, sizeof(buf));
	n = sys(read(p[0], buf, sizeof(buf)));
	ktap_test_result(n == 5 && !strcmp(buf, "hello"), "read -> the 5 bytes");
	expect_val(sys(fcntl(p[0], F_GETFL)), O_RDONLY, "F_GETFL of the read end");
	expect_val(sys(fcntl(p[1], F_GETFL)), O_WRONLY, "F_GETFL of the write end");
	n = sys(fstat(p[0], &st));
	ktap_test_result(n == 0 && S_ISFIFO(st.st_mode), "fstat: S_IFIFO");
	expect_err(sys(read(p[1], buf, 1)), EBADF, "read(the write end)");
	expect_err(sys(write(p[0], buf, 1)), EBADF, "write(the read end)");
	expect_err(sys(lseek(p[0], 0, SEEK_CUR)), ESPIPE, "lseek(pipe)");
	expect_err(xpread(p[0], buf, 1, 0), ESPIPE, "pread(pipe)");
	expect_err(xpwrite(p[1], buf, 1, 0), ESPIPE, "pwrite(pipe)");
	write(p[1], "xy", 2);
	close(p[1]);
	n = sys(read(p[0], buf, sizeof(buf)));
	ktap_test_result(n == 2 && sys(read(p[0], buf, sizeof(buf))) == 0,
			 "writer closed: the rest, then 0 (end of file)");
	close(p[0]);

	/* SIGPIPE ignored: rt_sigaction(SIGPIPE, { SIG_IGN }); a kernel
	 * without signals yet neither has the call nor sends the signal. */
	unsigned long act[4] = { 1, 0, 0, 0 };
	syscall(SYS_rt_sigaction, 13, act, NULL, 8);
	pipe(p);
	close(p[0]);
	expect_err(sys(write(p[1], "x", 1)), EPIPE, "write with no reader left");
	close(p[1]);

	n = sys(syscall(SYS_pipe2, q, O_NONBLOCK | O_CLOEXEC));
	ktap_test_result(n == 0 && sys(fcntl(q[0], F_GETFD)) == FD_CLOEXEC &&
			 sys(fcntl(q[1], F_GETFD)) == FD_CLOEXEC,
			 "pipe2(O_CLOEXEC): both ends FD_CLOEXEC");
	expect_val(sys(fcntl(q[0], F_GETFL)), O_RDONLY | O_NONBLOCK, "F_GETFL of a pipe2(O_NONBLOCK) end");
	expect_err(sys(read(q[0], buf, 1)), EAGAIN, "read(empty O_NONBLOCK pipe)");
	expect_val(sys(write(q[1], big, 65536)), 65536, "write 64 KiB into it");
	expect_err(sys(write(q[1], big, 1)), EAGAIN, "write(full O_NONBLOCK pipe)");
	n = sys(read(q[0], big, 4095));
	ktap_test_result(n == 4095 && sys(write(q[1], big, 4096)) == -EAGAIN,
			 "4095 bytes free: a write of PIPE_BUF (4096) is all or nothing -> EAGAIN");
	close(q[0]);
	close(q[1]);
	expect_err(sys(syscall(SYS_pipe2, q, O_RDWR)), EINVAL, "pipe2(O_RDWR)");
	expect_err(sys(syscall(SYS_pipe2, NULL, 0)), EFAULT, "pipe2(NULL)");
#if defined(__x86_64__)
	expect_err(raw_syscall3(SYS_pipe2, 0xffff800000000000ULL, 0, 0), EFAULT,
		   "pipe2(array in the kernel half)");
#else
	ktap_test_skip("not a 64-bit build", "pipe2(array in the kernel half)");
#endif
}

/* Two processes: the reader waits for the writer, the writer for room. */
static void test_pipe_fork(void)
{
	static char buf[3 * 65536];
	int p[2], status = -1;
	long pid, n, total = 0;

	pipe(p);
	pid = sys(fork());
	if (pid == 0) {
		close(p[0]);
		/* Three times what the pipe holds: this blocks until the
		 * parent has read enough. */
		_exit(write(p[1], buf, sizeof(buf)) == (long)sizeof(buf) ? 0 : 1);
	}
	close(p[1]);
	while ((n = sys(read(p[0], buf, 1000))) > 0)
		total += n;
	if (pid > 0)
		waitpid(pid, &status, 0);
	ktap_test_result(n == 0 && total == (long)sizeof(buf) && status == 0,
			 "a child writes 192 KiB, the parent reads it all, then 0");
	close(p[0]);

	pipe(p);
	pid = sys(fork());
	if (pid == 0) {
		close(p[0]);
		close(p[1]);
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	close(p[1]);
	ktap_test_result(sys(read(p[0], buf, 1)) == 0,
			 "a child's copies of both ends close with it: read -> 0");
	close(p[0]);
}

static void test_devices(void)
{
	char buf[8];
	struct stat st;
	long fd, n;

	fd = sys(open("/dev/null", O_RDWR));
	ktap_test_result(fd >= 0 && sys(write(fd, "abc", 3)) == 3 &&
			 sys(read(fd, buf, sizeof(buf))) == 0,
			 "/dev/null: writes vanish, reads end at once");
	n = sys(fstat(fd, &st));
	ktap_test_result(n == 0 && S_ISCHR(st.st_mode) && st.st_rdev == 0x103,
			 "/dev/null: character device 1:3");
	expect_val(sys(lseek(fd, 100, SEEK_SET)), 0, "lseek(/dev/null, 100)");
	expect_val(sys(fcntl(fd, F_GETFL)), O_RDWR | LARGEFILE, "F_GETFL of /dev/null");
	close(fd);
	fd = sys(open("/dev/zero", O_RDONLY));
	memset(buf, 'x', sizeof(buf));
	n = sys(read(fd, buf, sizeof(buf)));
	ktap_test_result(n == 8 && !memcmp(buf, "\0\0\0\0\0\0\0\0", 8), "/dev/zero reads zeros");
	close(fd);
	fd = sys(open("/dev/full", O_WRONLY));
	expect_err(sys(write(fd, "x", 1)), ENOSPC, "write(/dev/full)");
	close(fd);
	expect_err(sys(open("/dev/null", O_RDONLY | O_DIRECTORY)), ENOTDIR,
		   "open(/dev/null, O_DIRECTORY)");
}

static void test_emfile(void)
{
	uint64_t old[2], lim[2] = { LIMIT, LIMIT };	/* struct rlimit64 */
	long got_old, fd, last = -1, err = 0;

	/* Linux's default soft limit is 1024; Trident has 64 slots and
	 * (for now) no prlimit64. */
	got_old = sys(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, old));
	if (got_old == 0 && old[0] > LIMIT)
		syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, lim, NULL);
	while ((fd = sys(dup(0))) >= 0)
		last = fd;
	err = fd;
	ktap_test_result(err == -EMFILE && last >= 3 && fcntl(LIMIT - 1, F_GETFD) >= 0,
			 "dup until it fails: EMFILE, with descriptor 63 in use");
	expect_err(sys(open("/nonexistent", O_RDONLY)), EMFILE,
		   "open(/nonexistent) with a full table (EMFILE first)");
	expect_err(sys(pipe((int[2]){ 0, 0 })), EMFILE, "pipe with a full table");
	close(LIMIT - 1);
	expect_err(sys(pipe((int[2]){ 0, 0 })), EMFILE, "pipe with one free slot");
	expect_err(sys(dup2(0, LIMIT)), EBADF, "dup2(0, 64): beyond the limit");
	expect_err(sys(fcntl(0, F_DUPFD, LIMIT)), EINVAL, "F_DUPFD(64): beyond the limit");
	for (fd = 3; fd < LIMIT; fd++)
		close(fd);
	if (got_old == 0 && old[0] > LIMIT)
		syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, old, NULL);
}

static void test_cloexec_exec(char *argv0)
{
	char a[16], b[16];
	int status = -1;
	long fa, fb, pid;

	fa = sys(open(path, O_RDONLY | O_CLOEXEC));
	fb = sys(open(path, O_RDONLY));
	snprintf(a, sizeof(a), "%ld", fa);
	snprintf(b, sizeof(b), "%ld", fb);
	pid = sys(fork());
	if (pid == 0) {
		char *args[] = { argv0, "cloexec-child", a, b, NULL };

		execve(argv0, args, environ);
		_exit(99);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	if (status != 0)
		ktap_print_msg("child status %#x", status);
	ktap_test_result(status == 0,
			 "exec closes the O_CLOEXEC descriptor and keeps the other");
	close(fa);
	close(fb);
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "cloexec-child")) {
		/* The descriptor opened O_CLOEXEC must be gone, the other not. */
		int a = atoi(argv[2]), b = atoi(argv[3]);

		return fcntl(a, F_GETFD) == -1 && errno == EBADF && fcntl(b, F_GETFD) == 0 ? 0 : 1;
	}
	ktap_print_header();
	ktap_set_plan(PLAN);
	snprintf(path, sizeof(path), "/tmp/fs_fds.%d", (int)getpid());

	test_dup();
	test_pipe();
	test_pipe_fork();
	test_devices();
	test_emfile();
	test_cloexec_exec(argv[0]);
	unlink(path);
	ktap_finished();
	return 0;
}
