/* SPDX-License-Identifier: MIT */
/*
 * The printf engine against glibc's: every format of a table through our
 * snprintf and the host's, compared byte for byte with the return value;
 * then truncation, many mixed arguments and vsnprintf.
 */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include "unit.h"

enum argtype { A_NONE, A_INT, A_UINT, A_LONG, A_ULONG, A_LLONG, A_ULLONG,
	       A_SIZE, A_SSIZE, A_INTMAX, A_PTRDIFF, A_PTR, A_STR, A_WIDTH_INT,
	       A_PREC_INT, A_WIDTH_PREC_INT, A_WIDTH_STR };

struct fcase {
	const char *fmt;
	enum argtype type;
	long long i;		/* the integer argument, or the width */
	const void *p;		/* the pointer or string argument */
	long long j, k;		/* further ints: precision, value */
};

static const struct fcase fcases[] = {
	{ "plain text", A_NONE },
	{ "%%", A_NONE },
	{ "100%% sure", A_NONE },
	{ "%d", A_INT, 0 },
	{ "%d", A_INT, 42 },
	{ "%d", A_INT, -42 },
	{ "%d", A_INT, INT_MAX },
	{ "%d", A_INT, INT_MIN },
	{ "%i", A_INT, -7 },
	{ "%u", A_UINT, 0 },
	{ "%u", A_UINT, UINT_MAX },
	{ "%x", A_UINT, 0xdeadbeef },
	{ "%X", A_UINT, 0xdeadbeef },
	{ "%o", A_UINT, 0 },
	{ "%o", A_UINT, 8 },
	{ "%o", A_UINT, 0777 },
	{ "%5d|", A_INT, 42 },
	{ "%-5d|", A_INT, 42 },
	{ "%05d", A_INT, 42 },
	{ "%05d", A_INT, -42 },
	{ "%+d", A_INT, 42 },
	{ "%+d", A_INT, -42 },
	{ "%+d", A_INT, 0 },
	{ "% d", A_INT, 42 },
	{ "% d", A_INT, -42 },
	{ "%+ d", A_INT, 42 },
	{ "% 05d", A_INT, 42 },
	{ "%+05d", A_INT, 42 },
	{ "%-+6d|", A_INT, 42 },
	{ "%-05d|", A_INT, 42 },
	{ "%.3d", A_INT, 7 },
	{ "%.3d", A_INT, -7 },
	{ "%.0d", A_INT, 0 },
	{ "%+.0d", A_INT, 0 },
	{ "%5.0d|", A_INT, 0 },
	{ "%05.3d", A_INT, 42 },
	{ "%8.3x|", A_UINT, 0xab },
	{ "%-8.3x|", A_UINT, 0xab },
	{ "%.40d", A_INT, 1 },
	{ "%100d", A_INT, -1 },
	{ "%u", A_INT, -1 },
	{ "%#x", A_UINT, 0 },
	{ "%#x", A_UINT, 255 },
	{ "%#X", A_UINT, 255 },
	{ "%#o", A_UINT, 0 },
	{ "%#o", A_UINT, 8 },
	{ "%#.0o", A_UINT, 0 },
	{ "%#.3o", A_UINT, 8 },
	{ "%#5o|", A_UINT, 8 },
	{ "%#08x", A_UINT, 255 },
	{ "%#-8x|", A_UINT, 255 },
	{ "%#.5x", A_UINT, 0x1f },
	{ "%#.0x", A_UINT, 0 },
	{ "%+u", A_UINT, 5 },
	{ "% x", A_UINT, 5 },
	{ "%ld", A_LONG, LONG_MIN },
	{ "%ld", A_LONG, LONG_MAX },
	{ "%li", A_LONG, -123456789012L },
	{ "%lu", A_ULONG, ULONG_MAX },
	{ "%lx", A_LONG, -1L },
	{ "%lX", A_ULONG, 0xfedcba9876543210UL },
	{ "%lo", A_ULONG, ULONG_MAX },
	{ "%#lo", A_ULONG, ULONG_MAX },
	{ "%#lx", A_ULONG, ULONG_MAX },
	{ "%lld", A_LLONG, LLONG_MIN },
	{ "%lld", A_LLONG, LLONG_MAX },
	{ "%lli", A_LLONG, -1 },
	{ "%llu", A_ULLONG, (long long)ULLONG_MAX },
	{ "%llx", A_ULLONG, 0x123456789abcdef0LL },
	{ "%020llx", A_ULLONG, 0xabcLL },
	{ "%hhd", A_INT, 300 },
	{ "%hhd", A_INT, 200 },
	{ "%hhu", A_INT, 256 + 255 },
	{ "%hhx", A_INT, -1 },
	{ "%hd", A_INT, 70000 },
	{ "%hd", A_INT, 40000 },
	{ "%hu", A_INT, 70000 },
	{ "%hx", A_INT, -1 },
	{ "%zu", A_SIZE, (long long)SIZE_MAX },
	{ "%zx", A_SIZE, 0x1000 },
	{ "%zd", A_SSIZE, -5 },
	{ "%zd", A_SSIZE, SSIZE_MAX },
	{ "%jd", A_INTMAX, INTMAX_MIN },
	{ "%ju", A_INTMAX, -1 },
	{ "%td", A_PTRDIFF, -3 },
	{ "%tx", A_PTRDIFF, 0x77 },
	{ "%c", A_INT, 'A' },
	{ "%c", A_INT, 0 },
	{ "%c", A_INT, 0x1e9 },
	{ "%3c|", A_INT, 'x' },
	{ "%-3c|", A_INT, 'x' },
	{ "%s", A_STR, 0, "hello" },
	{ "%s", A_STR, 0, "" },
	{ "%10s|", A_STR, 0, "hello" },
	{ "%-10s|", A_STR, 0, "hello" },
	{ "%.3s", A_STR, 0, "hello" },
	{ "%10.3s|", A_STR, 0, "hello" },
	{ "%-10.3s|", A_STR, 0, "hello" },
	{ "%.0s", A_STR, 0, "hello" },
	{ "%.10s", A_STR, 0, "abc" },
	{ "%5s|", A_STR, 0, "" },
	{ "%-70s|", A_STR, 0, "padded well past one pad chunk" },
	{ "%s", A_STR, 0, NULL },
	{ "%.3s|", A_STR, 0, NULL },
	{ "%8s|", A_STR, 0, NULL },
	{ "%p", A_PTR, 0, (void *)0x1234 },
	{ "%p", A_PTR, 0, (void *)-1 },
	{ "%p", A_PTR, 0, NULL },
	{ "%10p|", A_PTR, 0, NULL },
	{ "%-10p|", A_PTR, 0, NULL },
	{ "%20p|", A_PTR, 0, (void *)0x1234 },
	{ "%-20p|", A_PTR, 0, (void *)0x1234 },
	{ "%020p", A_PTR, 0, (void *)0x1234 },
	{ "%.8p", A_PTR, 0, (void *)0x1234 },
	{ "%+p", A_PTR, 0, (void *)0x1234 },
	{ "%*d|", A_WIDTH_INT, 6, NULL, 42 },
	{ "%-*d|", A_WIDTH_INT, 6, NULL, 42 },
	{ "%*d|", A_WIDTH_INT, -6, NULL, 42 },
	{ "%.*d", A_PREC_INT, 4, NULL, 42 },
	{ "%.*d", A_PREC_INT, -1, NULL, 42 },
	{ "%.*d", A_PREC_INT, 0, NULL, 0 },
	{ "%*.*d|", A_WIDTH_PREC_INT, 8, NULL, 4, 42 },
	{ "%*s|", A_WIDTH_STR, 5, "ab" },
	{ "%-*s|", A_WIDTH_STR, 5, "ab" },
	{ "%y", A_NONE },
	{ "%5%", A_NONE },
	{ "trailing %", A_NONE },
};

/* Call f (ours or the host's) with fcase c's arguments. */
#define CALL_WITH_ARGS(f, buf, n, c) ({						\
	int r_;									\
	switch ((c)->type) {							\
	case A_NONE:	r_ = f(buf, n, (c)->fmt); break;			\
	case A_INT:	r_ = f(buf, n, (c)->fmt, (int)(c)->i); break;		\
	case A_UINT:	r_ = f(buf, n, (c)->fmt, (unsigned)(c)->i); break;	\
	case A_LONG:	r_ = f(buf, n, (c)->fmt, (long)(c)->i); break;		\
	case A_ULONG:	r_ = f(buf, n, (c)->fmt, (unsigned long)(c)->i); break;	\
	case A_LLONG:	r_ = f(buf, n, (c)->fmt, (long long)(c)->i); break;	\
	case A_ULLONG:	r_ = f(buf, n, (c)->fmt, (unsigned long long)(c)->i); break; \
	case A_SIZE:	r_ = f(buf, n, (c)->fmt, (size_t)(c)->i); break;	\
	case A_SSIZE:	r_ = f(buf, n, (c)->fmt, (ssize_t)(c)->i); break;	\
	case A_INTMAX:	r_ = f(buf, n, (c)->fmt, (intmax_t)(c)->i); break;	\
	case A_PTRDIFF:	r_ = f(buf, n, (c)->fmt, (ptrdiff_t)(c)->i); break;	\
	case A_PTR:	r_ = f(buf, n, (c)->fmt, (c)->p); break;		\
	case A_STR:	r_ = f(buf, n, (c)->fmt, (const char *)(c)->p); break;	\
	case A_WIDTH_INT:						\
	case A_PREC_INT: r_ = f(buf, n, (c)->fmt, (int)(c)->i, (int)(c)->j); break; \
	case A_WIDTH_PREC_INT:							\
		r_ = f(buf, n, (c)->fmt, (int)(c)->i, (int)(c)->j, (int)(c)->k); break; \
	case A_WIDTH_STR: r_ = f(buf, n, (c)->fmt, (int)(c)->i, (const char *)(c)->p); break; \
	default:	r_ = -999; break;					\
	}									\
	r_;									\
})

/* The format strings are data here, on purpose. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"

static void test_printf_table(void)
{
	for (size_t i = 0; i < sizeof(fcases) / sizeof(fcases[0]); i++) {
		const struct fcase *c = &fcases[i];
		char want[256], got[256];
		int rw, rg;

		begin("snprintf \"%s\" case %zu", c->fmt, i);
		memset(want, 'W', sizeof(want));
		memset(got, 'G', sizeof(got));
		rw = CALL_WITH_ARGS(snprintf, want, sizeof(want), c);
		rg = CALL_WITH_ARGS(libc_snprintf, got, sizeof(got), c);
		/* Both failing (-1) is agreement; the buffer is then unspecified. */
		if (rw != rg || (rw >= 0 && memcmp(want, got, rw + 1)))
			fail("format \"%s\": got %d \"%s\", want %d \"%s\"",
			     show(c->fmt, strlen(c->fmt)),
			     rg, show(got, rg > 0 ? rg : 0),
			     rw, show(want, rw > 0 ? rw : 0));
	}
}

/* Truncation: never more than size bytes, NUL-terminated, full length returned. */
static void test_snprintf_truncation(void)
{
	static const size_t sizes[] = { 0, 1, 2, 5, 6, 7, 11, 12, 13, 40 };

	begin("snprintf truncates to size and returns the full length");
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t n = sizes[i];
		char want[64], got[64];
		int rw, rg;

		memset(want, 'X', sizeof(want));
		memset(got, 'X', sizeof(got));
		rw = snprintf(n ? want : NULL, n, "%s=%d", "answer", 42);
		rg = libc_snprintf(n ? got : NULL, n, "%s=%d", "answer", 42);
		if (rw != rg || memcmp(want, got, sizeof(want)))
			fail("size %zu: got %d \"%s\", want %d \"%s\"", n,
			     rg, show(got, n + 2), rw, show(want, n + 2));
	}
}

static int call_vsnprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = libc_vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

static void test_mixed(void)
{
	char want[256], got[256];
	int rw, rg;
	const char *fmt = "[%s|%d|%c|%lx|%p|%5.2s|%-4u|%%|%llo]";

	begin("vsnprintf with many arguments of mixed types");
	rw = snprintf(want, sizeof(want), fmt, "str", -17, 'q', 0xabcdefUL,
		      (void *)want, "xyz", 9u, 01234567LL);
	rg = call_vsnprintf(got, sizeof(got), fmt, "str", -17, 'q', 0xabcdefUL,
			    (void *)want, "xyz", 9u, 01234567LL);
	if (rw != rg || strcmp(want, got))
		fail("got %d \"%s\", want %d \"%s\"", rg, got, rw, want);

	begin("sprintf writes the whole string");
	rw = sprintf(want, "%s and %d and %x", "one", 2, 3);
	rg = libc_sprintf(got, "%s and %d and %x", "one", 2, 3);
	if (rw != rg || strcmp(want, got))
		fail("got %d \"%s\", want %d \"%s\"", rg, got, rw, want);
}


void test_printf(void)
{
	test_printf_table();
	test_snprintf_truncation();
	test_mixed();
}
