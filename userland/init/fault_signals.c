/* SPDX-License-Identifier: MIT */
/*
 * Which programs pass by dying. A fault_* program prints "# expect: signal N"
 * and then faults; it never prints its own "ok" line. init cannot read that
 * line (the program writes straight to the console), so the same knowledge
 * lives here. A fault_* program missing from this table is treated like any
 * other program, so its death shows up as "not ok" until it is added.
 */
#include <string.h>

#include "fault_signals.h"

static const struct {
	const char *name;	/* without the ABI suffix */
	int sig;
} table[] = {
	{ "fault_segv",		11 },	/* SIGSEGV: #PF on NULL */
	{ "fault_gp",		11 },	/* SIGSEGV: #GP (hlt at CPL 3) */
	{ "fault_noncanon",	11 },	/* SIGSEGV: #GP, non-canonical store */
	{ "fault_kernel_read",	11 },	/* SIGSEGV: #PF on a supervisor page */
	{ "fault_ud",		 4 },	/* SIGILL: ud2 */
	{ "fault_div",		 8 },	/* SIGFPE: #DE */
	{ "fault_int3",		 5 },	/* SIGTRAP: #BP */
};

int expected_signal(const char *name)
{
	/* One source is built as NAME_64, NAME_x32 and NAME_32: strip that. */
	static const char *const suffixes[] = { "_64", "_x32", "_32" };
	size_t len = strlen(name);

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t s = strlen(suffixes[i]);

		if (len > s && strcmp(name + len - s, suffixes[i]) == 0) {
			len -= s;
			break;
		}
	}
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (strncmp(table[i].name, name, len) == 0 && table[i].name[len] == '\0')
			return table[i].sig;
	return 0;
}
