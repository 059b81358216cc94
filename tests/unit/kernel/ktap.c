// SPDX-License-Identifier: MIT
/*
 * Host unit test of the kernel's pure parts: the cpio parser, ramfs, the
 * ELF checks and placement, the initial stack image. kernel/cpio.c,
 * kernel/elf.c, kernel/ramfs.c and kernel/exec.c are compiled by run.sh from the tree as
 * they are, with AddressSanitizer and UBSan, beside a small shim for
 * kmalloc and printk (shim.c).
 *
 * The reference is the host's Linux wherever it can be: archives made by
 * the real cpio, binaries made by the host's gcc, path lookups answered by
 * openat2(RESOLVE_IN_ROOT) on the same tree, stacks and load addresses of
 * programs the host ran (probe.c).
 *
 * Usage: kernel_unit FIXTURE_DIR. Prints KTAP; exits 1 if a case failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ktap.h"

struct result {
	int ok, skip;
	char name[120];
	char *diag;		/* malloc'd, lines without the "# " */
	size_t diag_len;
};

static struct result *results;
static int nresults, capacity;
static struct result *cur;
const char *fixtures;

static void add_diag(const char *fmt, va_list ap)
{
	char line[600];
	int n = vsnprintf(line, sizeof(line), fmt, ap);

	if (n < 0 || !cur || cur->diag_len > 20000)
		return;
	cur->diag = realloc(cur->diag, cur->diag_len + strlen(line) + 2);
	memcpy(cur->diag + cur->diag_len, line, strlen(line));
	cur->diag_len += strlen(line);
	cur->diag[cur->diag_len++] = '\n';
	cur->diag[cur->diag_len] = '\0';
}

void ktap_begin(const char *fmt, ...)
{
	char raw[sizeof(cur->name)];
	size_t n = 0;
	va_list ap;

	if (nresults == capacity) {
		capacity = capacity ? 2 * capacity : 256;
		results = realloc(results, capacity * sizeof(*results));
	}
	cur = &results[nresults++];
	memset(cur, 0, sizeof(*cur));
	cur->ok = 1;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	/* One printable line, and no '#': it starts a KTAP directive. */
	for (const char *p = raw; *p && n + 1 < sizeof(cur->name); p++)
		cur->name[n++] = (*p < ' ' || *p > '~' || *p == '#') ? '?' : *p;
	cur->name[n] = '\0';
}

void ktap_fail(const char *fmt, ...)
{
	va_list ap;

	if (!cur)
		ktap_begin("setup");
	cur->ok = 0;
	va_start(ap, fmt);
	add_diag(fmt, ap);
	va_end(ap);
}

void ktap_skip(const char *fmt, ...)
{
	va_list ap;

	cur->skip = 1;
	va_start(ap, fmt);
	add_diag(fmt, ap);
	va_end(ap);
}

void ktap_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_diag(fmt, ap);
	va_end(ap);
}

int ktap_failed(void)
{
	return cur && !cur->ok;
}

void *read_fixture(const char *name, size_t *len)
{
	char path[4096];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", fixtures, name);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n ? n : 1);
	if (fread(buf, 1, n, f) != (size_t)n) {
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

unsigned long long test_rand(void)
{
	static unsigned long long x = 0x2545f4914f6cdd1dULL;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	return x * 0x2545f4914f6cdd1dULL;
}

int main(int argc, char **argv)
{
	int failed = 0, passed = 0, skipped = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FIXTURE_DIR\n", argv[0]);
		return 2;
	}
	fixtures = argv[1];
	test_cpio();
	test_elf();
	test_stack();
	test_ramfs();
	test_exec();
	test_brk();

	printf("KTAP version 1\n1..%d\n", nresults);
	for (int i = 0; i < nresults; i++) {
		struct result *r = &results[i];

		if (r->diag) {
			for (char *line = strtok(r->diag, "\n"); line; line = strtok(NULL, "\n"))
				printf("# %s\n", line);
		}
		if (r->skip && r->ok) {
			printf("ok %d %s # SKIP\n", i + 1, r->name);
			skipped++;
		} else {
			printf("%s %d %s\n", r->ok ? "ok" : "not ok", i + 1, r->name);
			r->ok ? passed++ : failed++;
		}
	}
	printf("# Totals: pass:%d fail:%d skip:%d\n", passed, failed, skipped);
	return failed ? 1 : 0;
}
