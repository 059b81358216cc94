/* SPDX-License-Identifier: MIT */
/*
 * /bin/sh: Trident's small shell. It reads a line, cuts it into words
 * (words.c), runs a built-in (builtins.c) or a program, and says how a
 * program ended when it did not exit 0: `[exit 3]`, `[killed: SIGSEGV]`.
 *
 *   sh               interactive on a terminal: a prompt, job control
 *   sh -c 'CMD'      one command line
 *   sh FILE          the lines of FILE
 *
 * Job control the way Linux shells do it (POSIX "Implementing a Shell",
 * glibc manual 28.6): the shell ignores SIGINT and SIGQUIT, so ^C and ^\
 * reach only the job; each job gets a process group of its own (setpgid
 * in the child and in the parent, whichever runs first) and becomes the
 * terminal's foreground group (tcsetpgrp); after the wait the shell takes
 * the terminal back. A kernel without rt_sigaction (ENOSYS) still works:
 * there the tty does not signal init, and the shell is usually init.
 *
 * A command name without a slash is looked up in /bin, /tests, /sbin.
 * End of input (^D on an empty line) ends the shell with the status of
 * the last command, as POSIX says.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include "sh.h"

#define LINE_MAX_SH 1024

int last_status;
static int interactive;
static pid_t shell_pgrp;

/*
 * Terminal modes, as bash's readline keeps them: the shell reads its lines
 * in canonical mode with echo and signals (reading_modes), whatever a
 * program left; the programs get the modes of the last `stty` (the modes
 * found before each prompt, put back after the line is read).
 */
static struct termios reading_modes, program_modes;

static void modes_for_reading(void)
{
	if (tcgetattr(0, &program_modes) == 0) {
		reading_modes = program_modes;
		reading_modes.c_lflag |= ICANON | ECHO | ECHOE | ECHOK | ISIG;
		reading_modes.c_iflag |= ICRNL;
		tcsetattr(0, TCSANOW, &reading_modes);
	}
}

static void modes_for_programs(void)
{
	tcsetattr(0, TCSANOW, &program_modes);
}

/* The kernel's struct sigaction (rt_sigaction): handler, flags, restorer,
 * mask; the natural widths of each ABI are what its table expects. No
 * handler, so no SA_RESTORER is needed. */
struct k_sigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	unsigned char mask[8];
};

#define HANDLER_DFL ((void (*)(int))0)	/* SIG_DFL */
#define HANDLER_IGN ((void (*)(int))1)	/* SIG_IGN */

static void set_signal(int sig, void (*handler)(int))
{
	struct k_sigaction sa = { .handler = handler };

	syscall(SYS_rt_sigaction, sig, &sa, 0, sizeof(sa.mask));	/* ENOSYS: fine */
}

/* The path to exec for name: itself with a slash, else the first of
 * /bin, /tests, /sbin that has it. */
static const char *find_program(const char *name, char *buf, size_t size)
{
	static const char *const dirs[] = { "/bin", "/tests", "/sbin" };
	struct stat st;

	if (strchr(name, '/'))
		return name;
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(buf, size, "%s/%s", dirs[i], name);
		if (stat(buf, &st) == 0 && S_ISREG(st.st_mode))
			return buf;
	}
	return NULL;
}

static void report(int status)
{
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);
		/* ^C and ^\ left the cursor after their echo. */
		if (interactive && (sig == SIGINT || sig == SIGQUIT))
			putchar('\n');
		printf("[killed: %s]\n", signal_name(sig));
	} else if (WEXITSTATUS(status)) {
		printf("[exit %d]\n", WEXITSTATUS(status));
	}
	fflush(stdout);
}

static int run_program(char **argv)
{
	char buf[256];
	const char *path = find_program(argv[0], buf, sizeof(buf));
	int status;
	pid_t pid, w;

	if (!path) {
		fprintf(stderr, "sh: %s: not found\n", argv[0]);
		return 127;
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "sh: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		if (interactive) {
			setpgid(0, 0);
			tcsetpgrp(0, getpid());
			set_signal(SIGINT, HANDLER_DFL);
			set_signal(SIGQUIT, HANDLER_DFL);
		}
		execve(path, argv, environ);
		fprintf(stderr, "sh: %s: %s\n", path, strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	if (interactive) {
		setpgid(pid, pid);	/* the child may not have run yet */
		tcsetpgrp(0, pid);
	}
	/* Reap whatever else ended meanwhile (as init, orphans come here). */
	while ((w = waitpid(-1, &status, 0)) != pid)
		if (w < 0 && errno != EINTR)
			return 1;
	if (interactive)
		tcsetpgrp(0, shell_pgrp);
	report(status);
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

static void run_line(char *line)
{
	char *argv[MAX_ARGS];
	int n = split_words(line, argv, MAX_ARGS);

	if (n < 0) {
		fprintf(stderr, n == -1 ? "sh: unterminated quote\n" :
			"sh: no pipes, redirections or lists here (| < > ; &): quote them\n");
		last_status = 2;
		return;
	}
	if (n == 0)
		return;
	if (!run_builtin(argv, &last_status))
		last_status = run_program(argv);
}

/* One line from fd into buf (without its newline); 0 at end of input.
 * A terminal gives a line per read; a file may give more: the rest waits
 * in `pending` for the next call. */
static int read_line(int fd, char *buf, size_t size)
{
	static char pending[LINE_MAX_SH];
	static size_t have;
	size_t len = 0;

	for (;;) {
		char *nl = memchr(pending, '\n', have);
		if (nl || have == sizeof(pending)) {
			size_t take = nl ? (size_t)(nl - pending) + 1 : have;
			len = take < size ? take : size - 1;
			memcpy(buf, pending, len);
			buf[len] = 0;
			memmove(pending, pending + take, have - take);
			have -= take;
			return 1;
		}
		ssize_t r = read(fd, pending + have, sizeof(pending) - have);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (!have)
				return 0;
			/* The last line without a newline ("ls^D^D"). */
			memcpy(buf, pending, have < size ? have : size - 1);
			buf[have < size ? have : size - 1] = 0;
			have = 0;
			return 1;
		}
		have += r;
	}
}

static void prompt(void)
{
	char cwd[256];

	if (!getcwd(cwd, sizeof(cwd)))
		strcpy(cwd, "?");
	printf("trident:%s# ", cwd);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	char line[LINE_MAX_SH];
	int fd = 0;

	if (argc > 2 && !strcmp(argv[1], "-c")) {
		strncpy(line, argv[2], sizeof(line) - 1);
		line[sizeof(line) - 1] = 0;
		run_line(line);
		return last_status;
	}
	if (argc > 1 && (fd = open(argv[1], O_RDONLY)) < 0) {
		fprintf(stderr, "sh: %s: %s\n", argv[1], strerror(errno));
		return 127;
	}
	interactive = fd == 0 && isatty(0);
	if (interactive) {
		set_signal(SIGINT, HANDLER_IGN);
		set_signal(SIGQUIT, HANDLER_IGN);
		/* Lead a group of our own (init already does) and own the
		 * terminal's foreground. */
		if (getpgrp() != getpid() && getsid(0) != getpid())
			setpgid(0, 0);
		shell_pgrp = getpgrp();
		tcsetpgrp(0, shell_pgrp);
		puts("Trident shell: `help` lists the commands, ^D ends.");
	}
	for (;;) {
		int got;

		if (interactive) {
			modes_for_reading();
			prompt();
		}
		got = read_line(fd, line, sizeof(line));
		if (interactive)
			modes_for_programs();
		if (!got)
			break;
		if (interactive && line[strspn(line, " \t\n")])
			history_add(line);
		run_line(line);
	}
	if (interactive)
		putchar('\n');
	return last_status;
}
