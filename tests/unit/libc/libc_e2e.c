/* SPDX-License-Identifier: MIT */
/*
 * End-to-end check of the libc on a real kernel: start-up (argv, envp,
 * auxv, stack alignment), the system-call wrappers and errno, the heap,
 * fork/exit/wait and stdio flushing at exit.
 *
 * Standard headers only: e2e.sh builds this once with our libc and once
 * with the host's glibc, and both must pass, so the expectations are
 * Linux's and not merely ours. Prints KTAP; the process facts (pid, uname,
 * auxv) appear as "#" diagnostics.
 *
 * Environment, both optional: E2E_PPID (the pid that started us),
 * E2E_SYSNAME (what uname should say, e.g. Linux).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

extern void _start(void);
extern char **environ;	/* POSIX: the program declares it */

#define PLANNED 32	/* the number of check() calls below */

static int ntests, nfailed;

static void check(int ok, const char *name)
{
	ntests++;
	nfailed += !ok;
	printf("%sok %d %s\n", ok ? "" : "not ", ntests, name);
}

/* Run fn in a child; return its wait status. */
static int in_child(void (*fn)(void))
{
	int status = -1;
	pid_t pid;

	fflush(stdout);		/* or the child would print our buffer again */
	pid = fork();
	if (pid == 0) {
		fn();
		_exit(99);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void child_exit_42(void)	{ _exit(42); }
static void child_segv(void)	{ raise(SIGSEGV); }
static void child_abort(void)	{ abort(); }

static int pipe_fds[2];

/* exit() must flush a stdout line that has no newline yet. */
static void child_unflushed(void)
{
	dup2(pipe_fds[1], STDOUT_FILENO);
	printf("no newline, %d", 7);
	exit(3);
}

int main(int argc, char **argv, char **envp)
{
	/* If the stack was misaligned at main, this 16-aligned local is not. */
	char aligned[16] __attribute__((aligned(16)));
	struct utsname u;
	char buf[256];

	uintptr_t where = (uintptr_t)aligned;

	/* Hide where from the optimiser, which knows aligned is aligned. */
	__asm__("" : "+r"(where));
	printf("KTAP version 1\n1..%d\n", PLANNED);

	printf("# argc %d:", argc);
	for (int i = 0; i < argc; i++)
		printf(" \"%s\"", argv[i]);
	{
		int n = 0;

		while (envp[n])
			n++;
		printf("\n# %d environment strings, the first %s\n", n,
		       n ? envp[0] : "(none)");
	}
	check((where & 15) == 0, "is the stack 16-byte aligned in main?");
	check(argc >= 1 && argv[argc] == NULL, "is argv argc long and NULL-terminated?");
	check(environ == envp, "is environ the envp main received?");
	printf("# E2E_PPID=%s\n", getenv("E2E_PPID") ? getenv("E2E_PPID") : "(unset)");
	check(getenv("") == NULL && getenv("NO_SUCH_VARIABLE_HERE") == NULL,
	      "does getenv say NULL for absent names?");

	/* Who we are. */
	printf("# getpid() %d, getppid() %d, uid %u\n", getpid(), getppid(), getuid());
	check(getpid() > 0 && getpid() == syscall(SYS_getpid),
	      "does getpid() agree with syscall(SYS_getpid)?");
	check(!getenv("E2E_PPID") || getppid() == atoi(getenv("E2E_PPID")),
	      "is getppid() the pid that started us?");
	check(uname(&u) == 0 && u.sysname[0] &&
	      (!getenv("E2E_SYSNAME") || !strcmp(u.sysname, getenv("E2E_SYSNAME"))),
	      "does uname() fill in sysname?");
	printf("# uname: %s %s %s %s %s\n", u.sysname, u.nodename, u.release,
	       u.version, u.machine);

	/* The auxiliary vector. */
	printf("# AT_PAGESZ %lu, AT_ENTRY %#lx, AT_PHDR %#lx, AT_PHNUM %lu, AT_RANDOM %#lx\n",
	       getauxval(AT_PAGESZ), getauxval(AT_ENTRY), getauxval(AT_PHDR),
	       getauxval(AT_PHNUM), getauxval(AT_RANDOM));
	check(getauxval(AT_PAGESZ) == 4096, "is AT_PAGESZ 4096?");
	check(getauxval(AT_ENTRY) == (unsigned long)&_start, "is AT_ENTRY our _start?");
	check(getauxval(AT_RANDOM) != 0 && getauxval(AT_PHDR) != 0,
	      "are AT_RANDOM and AT_PHDR present?");
	errno = 0;
	check(getauxval(12345) == 0 && errno == ENOENT,
	      "does getauxval of an absent type give 0 and ENOENT?");

	/* errno from the kernel. */
	errno = 0;
	check(close(-1) == -1 && errno == EBADF, "does close(-1) fail with EBADF?");
	errno = 0;
	check(syscall(-1) == -1 && errno == ENOSYS, "does system call -1 fail with ENOSYS?");

	/* The heap. */
	{
		char *a = malloc(10), *b = malloc(10), *big = malloc(1 << 20);
		int *z = calloc(1000, sizeof(int)), zero = 1;

		for (int i = 0; z && i < 1000; i++)
			zero &= z[i] == 0;
		check(a && b && a != b && !((uintptr_t)a & 15) && !((uintptr_t)b & 15) &&
		      big && !((uintptr_t)big & 15) && zero,
		      "do malloc and calloc give distinct, aligned, zeroed blocks?");
		memset(big, 0x5a, 1 << 20);
		strcpy(a, "keep me");
		a = realloc(a, 100000);
		check(a && !strcmp(a, "keep me") && big[(1 << 20) - 1] == 0x5a,
		      "does realloc keep the contents?");
		free(a);
		free(b);
		free(big);
		free(z);
		for (int i = 0; i < 1000; i++)
			free(malloc(i * 37));
		a = malloc(64);
		check(a != NULL, "does the heap survive many malloc/free cycles?");
		free(a);
	}
	{
		void *old = sbrk(0), *got = sbrk(4096);

		check(old != (void *)-1 && got == old && sbrk(0) == (char *)old + 4096,
		      "does sbrk move the break and return the old one?");
	}
	{
		char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		int ok = m != MAP_FAILED;

		if (ok) {
			m[0] = m[8191] = 1;
			ok = mprotect(m, 4096, PROT_READ) == 0 && munmap(m, 8192) == 0;
		}
		check(ok, "do mmap, mprotect and munmap work on an anonymous mapping?");
	}

	/* Descriptors. */
	{
		struct iovec iov[2] = { { "ab", 2 }, { "cde", 3 } };
		char x[3] = "", y[3] = "";
		struct iovec rv[2] = { { x, 2 }, { y, 3 } };
		struct termios t;

		check(pipe(pipe_fds) == 0 && writev(pipe_fds[1], iov, 2) == 5 &&
		      readv(pipe_fds[0], rv, 2) == 5 && !memcmp(x, "ab", 2) &&
		      !memcmp(y, "cde", 3), "do writev and readv move data through a pipe?");
		check(dprintf(pipe_fds[1], "%s-%d", "fd", 5) == 4 &&
		      read(pipe_fds[0], buf, sizeof(buf)) == 4 && !memcmp(buf, "fd-5", 4),
		      "does dprintf write exactly its output?");
		errno = 0;
		check(isatty(pipe_fds[0]) == 0 && tcgetattr(pipe_fds[0], &t) == -1 &&
		      errno == ENOTTY, "is a pipe not a terminal (TCGETS gives ENOTTY)?");
	}
	{
		struct stat st, fst;
		int fd = open(argv[0], O_RDONLY);
		char magic[4];

		check(fd >= 0 && read(fd, magic, 4) == 4 && !memcmp(magic, "\177ELF", 4) &&
		      stat(argv[0], &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
		      fstat(fd, &fst) == 0 && fst.st_ino == st.st_ino &&
		      lseek(fd, 0, SEEK_END) == st.st_size && close(fd) == 0,
		      "can we open, read, stat and seek our own executable?");
		errno = 0;
		check(open("/no/such/file", O_RDONLY) == -1 && errno == ENOENT,
		      "does opening a missing file fail with ENOENT?");
	}
	check(chdir("/") == 0 && getcwd(buf, sizeof(buf)) == buf && !strcmp(buf, "/"),
	      "after chdir(\"/\"), is getcwd \"/\"?");

	/* Time. */
	{
		struct timespec a, b, nap = { 0, 1000000 };

		check(clock_gettime(CLOCK_MONOTONIC, &a) == 0 && nanosleep(&nap, NULL) == 0 &&
		      clock_gettime(CLOCK_MONOTONIC, &b) == 0 &&
		      (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec) >= 1000000,
		      "does a 1 ms nanosleep take at least 1 ms of CLOCK_MONOTONIC?");
	}

	/* Children. */
	{
		int s = in_child(child_exit_42);

		check(WIFEXITED(s) && WEXITSTATUS(s) == 42, "does waitpid see _exit(42)?");
		s = in_child(child_segv);
		check(WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV,
		      "does waitpid see death by raise(SIGSEGV)?");
		s = in_child(child_abort);
		check(WIFSIGNALED(s) && WTERMSIG(s) == SIGABRT,
		      "does waitpid see death by abort()?");
		s = in_child(child_unflushed);
		ssize_t n = read(pipe_fds[0], buf, sizeof(buf) - 1);
		buf[n > 0 ? n : 0] = '\0';
		check(WIFEXITED(s) && WEXITSTATUS(s) == 3 && !strcmp(buf, "no newline, 7"),
		      "does exit() flush a pending stdout line?");
	}

	/* stdio. */
	{
		int n = printf("# printf counts its output\n");
		check(n == 27, "does printf return the number of characters?");
		check(fprintf(stderr, "%s", "") == 0 && fflush(stdout) == 0,
		      "do fprintf(stderr) and fflush succeed?");
#pragma GCC diagnostic ignored "-Wformat-truncation"	/* on purpose */
		check(snprintf(buf, 4, "%s", "overflow") == 8 && !strcmp(buf, "ove"),
		      "does snprintf truncate and report the full length?");
	}

	if (ntests != PLANNED) {
		printf("# ran %d tests, planned %d: fix PLANNED\n", ntests, PLANNED);
		nfailed++;
	}
	printf("# %d passed, %d failed\n", ntests - nfailed, nfailed);
	return nfailed ? 1 : 0;
}
