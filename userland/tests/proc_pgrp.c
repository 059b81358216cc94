// SPDX-License-Identifier: MIT
/*
 * proc_pgrp: process groups and sessions, the ground a shell's job control
 * stands on. What do setpgid, getpgid, getpgrp, setsid and getsid answer,
 * and which errors guard them?
 *
 *  - a child starts in its parent's group and session;
 *  - setpgid(child, child) makes it a group leader, setpgid(child, ours)
 *    puts it back; a group that does not exist (in our session) is EPERM,
 *    a negative pgid EINVAL, a process that is not us or our child ESRCH;
 *  - setsid in a child: a new session and group named after it; a second
 *    setsid (now a group leader) is EPERM, and so is moving the session
 *    leader or moving it into our group from its other session;
 *  - once a child has exec'd, its parent may not move it: EACCES;
 *  - kill(-pgid) and waitpid(0), waitpid(-pgid) go by group.
 *
 * No pid is printed, only how they compare, so Linux and Trident print the
 * same lines. The exec'd child is this program again, told by argv[1].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "ktap.h"
#include "errname.h"

extern char **environ;

static long sys(long r)
{
	return r < 0 ? -errno : r;
}

/* The exec'd child: say "ready" on fd argv[2], wait for EOF on fd argv[3]. */
static int execd_child(char **argv)
{
	char c;

	if (write(atoi(argv[2]), "r", 1) != 1)
		return 2;
	while (read(atoi(argv[3]), &c, 1) > 0)
		;
	return 0;
}

/* A forked child that runs steps on the parent's cue: each byte on `cue`
 * runs the next step, whose answer (one byte) goes back on `answer`. */
static void child_steps(int cue, int answer)
{
	char c;
	pid_t me = getpid();

	while (read(cue, &c, 1) == 1) {
		char ok = 0;
		long r;

		switch (c) {
		case 's':	/* setsid: a new session and group, both named me */
			r = sys(setsid());
			ok = r == me && getsid(0) == me && getpgrp() == me;
			break;
		case 'S':	/* again: now a group leader */
			ok = sys(setsid()) == -EPERM;
			break;
		}
		if (write(answer, &ok, 1) != 1)
			_exit(2);
	}
	_exit(0);
}

static int ask(int cue, int answer, char step)
{
	char ok = 0;

	if (write(cue, &step, 1) != 1 || read(answer, &ok, 1) != 1)
		return 0;
	return ok;
}

int main(int argc, char **argv)
{
	int cue[2], answer[2], ready[2], hold[2];
	pid_t child, pgrp;
	long r;

	if (argc == 4 && !strcmp(argv[1], "execd"))
		return execd_child(argv);

	/* Lead a group of our own first: run by Linux's init we would be in
	 * group 0 (init's), which setpgid cannot name (0 means "the target's
	 * own pid"). */
	setpgid(0, 0);
	pgrp = getpgrp();

	ktap_print_header();
	ktap_set_plan(16);

	ktap_test_result(sys(getpgid(0)) == pgrp && sys(getpgid(getpid())) == pgrp,
			 "getpgid(0) and getpgid(getpid()) are getpgrp()");
	r = sys(getpgid(0x7ffffff0));
	ktap_test_result(r == -ESRCH, "getpgid of no such process -> %s", errno_name(-r));
	r = sys(getsid(0x7ffffff0));
	ktap_test_result(r == -ESRCH, "getsid of no such process -> %s", errno_name(-r));
	r = sys(setpgid(0, -1));
	ktap_test_result(r == -EINVAL, "setpgid(0, -1) -> %s", errno_name(-r));
	r = sys(setpgid(1, 1));
	ktap_test_result(r == -ESRCH, "setpgid of a process that is not our child -> %s",
			 errno_name(-r));

	if (pipe(cue) || pipe(answer)) {
		ktap_print_msg("Bail out! pipe: %s\n", errno_name(errno));
		return 1;
	}
	child = fork();
	if (child == 0) {
		close(cue[1]);
		close(answer[0]);
		child_steps(cue[0], answer[1]);
	}
	close(cue[0]);
	close(answer[1]);
	ktap_test_result(sys(getpgid(child)) == pgrp && sys(getsid(child)) == getsid(0),
			 "a child starts in its parent's group and session");
	r = sys(setpgid(child, child));
	ktap_test_result(r == 0 && getpgid(child) == child,
			 "setpgid(child, child) makes it a group leader");
	r = sys(setpgid(child, 0x7ffffff0));
	ktap_test_result(r == -EPERM, "setpgid into a group that does not exist -> %s",
			 errno_name(-r));
	r = sys(setpgid(child, pgrp));
	ktap_test_result(r == 0 && getpgid(child) == pgrp,
			 "setpgid(child, our group) puts it back");
	ktap_test_result(ask(cue[1], answer[0], 's'),
			 "setsid in the child: a session and a group of its own");
	ktap_test_result(ask(cue[1], answer[0], 'S') && getsid(child) == child,
			 "a second setsid (a group leader now) -> EPERM");
	r = sys(setpgid(child, pgrp));
	ktap_test_result(r == -EPERM, "moving a child of another session -> %s", errno_name(-r));
	close(cue[1]);
	waitpid(child, NULL, 0);

	/* Once the child has exec'd, its parent may not move it. */
	if (pipe(ready) || pipe(hold)) {
		ktap_print_msg("Bail out! pipe: %s\n", errno_name(errno));
		return 1;
	}
	child = fork();
	if (child == 0) {
		char fd_ready[12], fd_hold[12];
		char *args[] = { argv[0], "execd", fd_ready, fd_hold, NULL };

		close(ready[0]);
		close(hold[1]);
		snprintf(fd_ready, sizeof(fd_ready), "%d", ready[1]);
		snprintf(fd_hold, sizeof(fd_hold), "%d", hold[0]);
		execve(argv[0], args, environ);
		_exit(127);
	}
	close(ready[1]);
	close(hold[0]);
	char c;
	r = read(ready[0], &c, 1) == 1 ? sys(setpgid(child, child)) : -1;
	ktap_test_result(r == -EACCES, "setpgid of a child that has exec'd -> %s",
			 r == -1 ? "no exec" : errno_name(-r));
	close(hold[1]);
	waitpid(child, NULL, 0);

	/* Groups name processes for kill and waitpid. */
	if (pipe(hold)) {
		ktap_print_msg("Bail out! pipe: %s\n", errno_name(errno));
		return 1;
	}
	child = fork();
	if (child == 0) {
		close(hold[1]);
		setpgid(0, 0);
		while (read(hold[0], &c, 1) > 0)
			;
		_exit(0);
	}
	close(hold[0]);
	setpgid(child, child);
	r = sys(kill(-child, 0));
	long none = sys(kill(-0x7ffffff0, 0));
	ktap_test_result(r == 0 && none == -ESRCH,
			 "kill(-pgid, 0): 0 for the child's group, %s for no group", errno_name(-none));
	r = sys(waitpid(0, NULL, WNOHANG));
	ktap_test_result(r == -ECHILD, "waitpid(0) with the only child in another group -> %s",
			 r == -ECHILD ? "ECHILD" : errno_name(-r));
	close(hold[1]);
	r = sys(waitpid(-child, NULL, 0));
	ktap_test_result(r == child, "waitpid(-pgid) reaps the child of that group");
	ktap_finished();
}
