/* SPDX-License-Identifier: MIT */
/* Signal names for the shell's `[killed: SIGSEGV]` (Linux x86 numbers). */
#include <stdio.h>
#include "sh.h"

static const char *const names[32] = {
	[1] = "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
	"SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM",
	"SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN",
	"SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",
	"SIGIO", "SIGPWR", "SIGSYS",
};

const char *signal_name(int sig)
{
	static char buf[16];

	if (sig > 0 && sig < 32 && names[sig])
		return names[sig];
	snprintf(buf, sizeof(buf), "signal %d", sig);
	return buf;
}
