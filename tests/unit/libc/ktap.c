/* SPDX-License-Identifier: MIT */
/*
 * Host unit test of the libc's pure parts: the printf engine, the string
 * functions, strerror, strtol and ctype, each compared with the host's
 * glibc on a table of inputs.
 *
 * The objects under test are built by run.sh with the project's own flags
 * and headers, then renamed by "objcopy --prefix-symbols=libc_", so they
 * link beside glibc: our snprintf is libc_snprintf, our errno libc_errno.
 * What is tested is exactly the code that goes into libc.a.
 *
 * Prints KTAP (one test per printf case, one per other function) and exits
 * non-zero if any test failed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"

/* The libc's errno, which run.sh renamed: the libc objects refer to it. */
int libc_errno;

/* ---- KTAP bookkeeping: results are kept and printed after the plan. ---- */

struct result {
	int ok;
	char name[96];
	char diag[600];
};

static struct result results[400];
static int nresults;
static struct result *cur;

void begin(const char *fmt, ...)
{
	char raw[sizeof(cur->name)];
	size_t n = 0;
	va_list ap;

	if (nresults == (int)(sizeof(results) / sizeof(results[0]))) {
		fprintf(stderr, "too many tests\n");
		exit(2);
	}
	cur = &results[nresults++];
	cur->ok = 1;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	/* One printable line; and '#' starts a directive in KTAP
	 * ("ok 1 name # SKIP"), so it is spelled out. */
	for (const char *p = raw; *p && n + 7 < sizeof(cur->name); p++) {
		if (*p == '#') {
			memcpy(cur->name + n, "<hash>", 6);
			n += 6;
		} else {
			cur->name[n++] = (*p < ' ' || *p > '~') ? '?' : *p;
		}
	}
	cur->name[n] = '\0';
}

/* Record a failure (the first few details are kept as diagnostics). */
void fail(const char *fmt, ...)
{
	size_t used = strlen(cur->diag);
	va_list ap;

	cur->ok = 0;
	if (used + 80 >= sizeof(cur->diag))
		return;
	used += snprintf(cur->diag + used, sizeof(cur->diag) - used, "# ");
	va_start(ap, fmt);
	used += vsnprintf(cur->diag + used, sizeof(cur->diag) - used, fmt, ap);
	va_end(ap);
	if (used < sizeof(cur->diag) - 1)
		strcat(cur->diag, "\n");
}

/* Show a string with its unprintable bytes escaped, for diagnostics. */
const char *show(const char *s, size_t n)
{
	static char bufs[4][200];
	static int which;
	char *b = bufs[which++ % 4], *p = b;

	for (size_t i = 0; i < n && p < b + sizeof(bufs[0]) - 5; i++) {
		unsigned char c = s[i];
		if (c >= ' ' && c <= '~' && c != '\\')
			*p++ = c;
		else
			p += sprintf(p, "\\x%02x", c);
	}
	*p = '\0';
	return b;
}

int main(void)
{
	int failed = 0;

	test_printf();
	test_string();

	printf("KTAP version 1\n1..%d\n", nresults);
	for (int i = 0; i < nresults; i++) {
		fputs(results[i].diag, stdout);
		printf("%sok %d %s\n", results[i].ok ? "" : "not ", i + 1,
		       results[i].name);
		failed += !results[i].ok;
	}
	printf("# libc unit: %d passed, %d failed\n", nresults - failed, failed);
	return failed ? 1 : 0;
}
