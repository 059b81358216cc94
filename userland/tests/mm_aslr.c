// SPDX-License-Identifier: MIT
/*
 * mm_aslr: does exec randomize the layout, as Linux's default
 * randomize_va_space=2 does, and does personality(ADDR_NO_RANDOMIZE)
 * (`setarch -R`) turn it off?
 *
 *  - two execs of the same program with the same arguments get different
 *    stacks (randomize_stack_top: 22 bits of pages for 64-bit, 11 for
 *    ia32 and x32, and up to 8 KiB more) and different mmap areas
 *    (arch_mmap_rnd: 28 bits of pages, 8 for 32-bit tasks, so up to 3
 *    more execs where the first two agree by chance);
 *  - with ADDR_NO_RANDOMIZE, set before the execs, both are the same;
 *  - personality(0xffffffff) reads the value back without changing it;
 *    fork and exec keep it.
 *
 * The program re-executes itself ("report FD"): the exec'd copy writes the
 * address of its argv (on the first stack), of a fresh mmap, and its
 * personality into a pipe. Addresses are compared, never printed.
 */
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "ktap.h"

#define ADDR_NO_RANDOMIZE	0x0040000
#define PER_QUERY		0xffffffffUL

extern char **environ;

struct report {
	uint64_t stack, mmap, personality;
};

static char *self_path;

static long personality(unsigned long p)
{
	return syscall(SYS_personality, p);
}

/* The exec'd copy: report and exit. */
static int report(char **argv, int fd)
{
	struct report r;
	void *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	r.stack = (uintptr_t)argv;
	r.mmap = m == MAP_FAILED ? 0 : (uintptr_t)m;
	r.personality = (uint64_t)personality(PER_QUERY);
	return write(fd, &r, sizeof(r)) == sizeof(r) ? 0 : 1;
}

/* Fork, set the personality in the child (unless PER_QUERY), exec
 * ourselves "report FD"; 0 with *r filled, or -1. */
static int exec_report(unsigned long pers, struct report *r)
{
	int p[2], status;
	char fdarg[16];
	pid_t pid;

	if (pipe(p))
		return -1;
	snprintf(fdarg, sizeof(fdarg), "%d", p[1]);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { self_path, "report", fdarg, NULL };

		close(p[0]);
		if (pers != PER_QUERY && personality(pers) < 0)
			_exit(3);
		execve(self_path, argv, environ);
		_exit(127);
	}
	close(p[1]);
	ssize_t n = read(p[0], r, sizeof(*r));
	close(p[0]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0 || n != sizeof(*r))
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	struct report a, b, c, d;
	long old, now;
	int ok;

	self_path = argv[0];
	if (argc == 3 && !strcmp(argv[1], "report"))
		return report(argv, atoi(argv[2]));

	ktap_print_header();
	ktap_set_plan(6);

	old = personality(PER_QUERY);
	ktap_test_result(old >= 0 && !(old & ADDR_NO_RANDOMIZE),
			 "personality(0xffffffff): answers, without ADDR_NO_RANDOMIZE at first");
	ktap_print_msg("personality %#lx", old);

	ok = !exec_report(PER_QUERY, &a) && !exec_report(PER_QUERY, &b);
	ktap_test_result(ok && a.stack != b.stack, "two execs: different stacks");
	/* A 32-bit task's mmap base has only 8 random bits: two execs agree
	 * once in 256 runs. Up to 3 more execs: all 5 agree once in 2^32. */
	for (int i = 0; ok && a.mmap == b.mmap && i < 3; i++)
		ok = !exec_report(PER_QUERY, &b);
	ktap_test_result(ok && a.mmap != b.mmap, "two execs: different mmap areas");

	ok = !exec_report(ADDR_NO_RANDOMIZE, &c) && !exec_report(ADDR_NO_RANDOMIZE, &d);
	ktap_test_result(ok && c.stack == d.stack && c.mmap == d.mmap,
			 "two execs with ADDR_NO_RANDOMIZE: the same stack and mmap area");
	ktap_test_result(ok && c.personality == ADDR_NO_RANDOMIZE && a.personality == (uint64_t)old,
			 "the personality set before exec is the exec'd program's");

	old = personality(ADDR_NO_RANDOMIZE);
	now = personality(PER_QUERY);
	ktap_test_result(now == ADDR_NO_RANDOMIZE && personality(old) == ADDR_NO_RANDOMIZE &&
			 personality(PER_QUERY) == old,
			 "personality(x) returns the old value and sets x; 0xffffffff only reads");
	ktap_finished();
}
