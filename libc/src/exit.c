/* SPDX-License-Identifier: MIT */
/*
 * Ending a process: exit() runs atexit handlers and flushes stdio, _exit()
 * goes straight to the kernel.
 */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include "stdio_impl.h"
#include "syscall.h"

/* POSIX requires room for at least 32; nothing here registers more. */
#define ATEXIT_MAX 32
static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_count;

int atexit(void (*fn)(void))
{
	if (atexit_count == ATEXIT_MAX)
		return -1;
	atexit_fns[atexit_count++] = fn;
	return 0;
}

void exit(int status)
{
	/* Last registered, first called. */
	while (atexit_count > 0)
		atexit_fns[--atexit_count]();
	__stdio_flush_all();
	_exit(status);
}

/*
 * exit_group, not exit: exit(2) ends only the calling thread, exit_group(2)
 * the whole process, which is what C's _exit means (glibc does the same).
 * The loop is for a kernel that lacks exit_group: then try exit(2), and if
 * even that returns, spin rather than fall off the end.
 */
void _exit(int status)
{
	__syscall(SYS_exit_group, status);
	for (;;)
		__syscall(SYS_exit, status);
}

void _Exit(int status)
{
	_exit(status);
}

/*
 * Die by SIGABRT, so a parent's waitpid() sees WTERMSIG == SIGABRT as with
 * glibc. Unflushed stdio output is lost, as C says. If the signal is
 * blocked or ignored (we have no sigaction to reset it yet), exit with
 * the status a shell would show for it.
 */
void abort(void)
{
	raise(SIGABRT);
	_exit(128 + SIGABRT);
}
