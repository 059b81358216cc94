// SPDX-License-Identifier: MIT
/*
 * sig_nested: in which order do handlers run when signals meet? Two
 * signals unblocked at once each get a frame, the second on top of the
 * first, so the higher-numbered one (dequeued second) runs first, unless
 * the first one's sa_mask holds it back; a signal raised inside a handler
 * runs at once (nested, its frame below) unless blocked there, then after
 * the handler returns; SA_NODEFER lets a handler nest in itself. After
 * all of it the mask is what it was.
 */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include "ktap.h"

/* volatile: handlers change them behind the compiler's back */
static volatile char order[64];
static volatile int pos, depth, max_depth;
static volatile uintptr_t sp_outer, sp_inner;

static void note(char c)
{
	if (pos < (int)sizeof(order) - 1)
		order[pos++] = c;
	order[pos] = 0;
}

static void on_usr1(int sig)
{
	(void)sig;
	note('a');
}

static void on_usr2(int sig)
{
	(void)sig;
	note('b');
}

static void on_usr1_raising(int sig)
{
	volatile char here;

	(void)sig;
	sp_outer = (uintptr_t)&here;
	note('[');
	raise(SIGUSR2);
	note(']');
}

static void on_usr2_sp(int sig)
{
	volatile char here;

	(void)sig;
	sp_inner = (uintptr_t)&here;
	note('b');
}

static void on_self(int sig)
{
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	note('0' + depth);
	if (depth < 3)
		raise(sig);
	depth--;
}

static void set(int sig, void (*fn)(int), int flags, int also)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	if (also)
		sigaddset(&sa.sa_mask, also);
	sigaction(sig, &sa, NULL);
}

static void both_at_once(void)
{
	sigset_t set2, old;

	sigemptyset(&set2);
	sigaddset(&set2, SIGUSR1);
	sigaddset(&set2, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set2, &old);
	raise(SIGUSR1);
	raise(SIGUSR2);
	pos = 0;
	order[0] = 0;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

int main(void)
{
	sigset_t before, after;

	ktap_print_header();
	ktap_set_plan(7);
	sigprocmask(SIG_BLOCK, NULL, &before);

	set(SIGUSR1, on_usr1, 0, 0);
	set(SIGUSR2, on_usr2, 0, 0);
	both_at_once();
	ktap_test_result(!strcmp((const char *)order, "ba"), "two signals unblocked at once: the second frame's handler (SIGUSR2) runs first");

	set(SIGUSR1, on_usr1, 0, SIGUSR2);
	both_at_once();
	ktap_test_result(!strcmp((const char *)order, "ab"), "SIGUSR1's sa_mask holds SIGUSR2: SIGUSR1 first, then SIGUSR2");

	set(SIGUSR1, on_usr1_raising, 0, 0);
	set(SIGUSR2, on_usr2_sp, 0, 0);
	pos = 0;
	raise(SIGUSR1);
	ktap_test_result(!strcmp((const char *)order, "[b]"), "a signal raised in a handler runs nested, at once");
	ktap_test_result(sp_inner < sp_outer, "the nested handler's frame is below the outer one");

	set(SIGUSR1, on_usr1_raising, 0, SIGUSR2);
	pos = 0;
	raise(SIGUSR1);
	ktap_test_result(!strcmp((const char *)order, "[]b"), "blocked by sa_mask: it runs after the handler returns");

	set(SIGUSR1, on_self, SA_NODEFER, 0);
	pos = 0;
	depth = max_depth = 0;
	raise(SIGUSR1);
	ktap_test_result(!strcmp((const char *)order, "123") && max_depth == 3, "SA_NODEFER: the handler nests in itself");

	sigprocmask(SIG_BLOCK, NULL, &after);
	ktap_test_result(!memcmp(&before, &after, 8), "the mask afterwards is the mask before");
	ktap_finished();
}
