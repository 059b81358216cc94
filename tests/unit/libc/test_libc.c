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
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))

int libc_snprintf(char *buf, size_t n, const char *fmt, ...) PRINTF_LIKE(3, 4);
int libc_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
int libc_sprintf(char *buf, const char *fmt, ...) PRINTF_LIKE(2, 3);
void *libc_memcpy(void *dst, const void *src, size_t n);
void *libc_memmove(void *dst, const void *src, size_t n);
void *libc_memset(void *dst, int c, size_t n);
int libc_memcmp(const void *a, const void *b, size_t n);
void *libc_memchr(const void *s, int c, size_t n);
size_t libc_strlen(const char *s);
size_t libc_strnlen(const char *s, size_t n);
int libc_strcmp(const char *a, const char *b);
int libc_strncmp(const char *a, const char *b, size_t n);
char *libc_strcpy(char *dst, const char *src);
char *libc_stpcpy(char *dst, const char *src);
char *libc_strncpy(char *dst, const char *src, size_t n);
char *libc_strcat(char *dst, const char *src);
char *libc_strchr(const char *s, int c);
char *libc_strrchr(const char *s, int c);
char *libc_strstr(const char *h, const char *n);
char *libc_strerror(int e);
long libc_strtol(const char *s, char **end, int base);
unsigned long libc_strtoul(const char *s, char **end, int base);
long long libc_strtoll(const char *s, char **end, int base);
unsigned long long libc_strtoull(const char *s, char **end, int base);
int libc_atoi(const char *s);
int libc_isdigit(int), libc_isxdigit(int), libc_isalpha(int), libc_isalnum(int),
    libc_isupper(int), libc_islower(int), libc_isspace(int), libc_isprint(int),
    libc_ispunct(int), libc_toupper(int), libc_tolower(int);

/* The libc's own errno, renamed with everything else. */
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

static void begin(const char *fmt, ...)
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
PRINTF_LIKE(1, 2)
static void fail(const char *fmt, ...)
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
static const char *show(const char *s, size_t n)
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

/* ---- printf: each format compared with the host's ---- */

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
		if (rw != rg || rw < 0 || memcmp(want, got, rw + 1))
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

/* ---- string functions against the host's ---- */

static const char *const strs[] = {
	"", "a", "b", "ab", "abc", "abd", "abcd", "hello", "hello world",
	"hello hello", "lo", "llo w", "world", "aaaaab", "aab", "\x80", "\x7f",
	"\x80" "a", "abc\xff", "Z",
};
#define NSTRS (sizeof(strs) / sizeof(strs[0]))

static int sign(long v)
{
	return (v > 0) - (v < 0);
}

static void test_strlen(void)
{
	static const size_t maxes[] = { 0, 1, 2, 3, 5, 100 };

	begin("strlen and strnlen");
	for (size_t i = 0; i < NSTRS; i++) {
		if (libc_strlen(strs[i]) != strlen(strs[i]))
			fail("strlen(\"%s\") = %zu, want %zu", show(strs[i], strlen(strs[i])),
			     libc_strlen(strs[i]), strlen(strs[i]));
		for (size_t m = 0; m < sizeof(maxes) / sizeof(maxes[0]); m++)
			if (libc_strnlen(strs[i], maxes[m]) != strnlen(strs[i], maxes[m]))
				fail("strnlen(\"%s\", %zu) = %zu, want %zu",
				     show(strs[i], strlen(strs[i])), maxes[m],
				     libc_strnlen(strs[i], maxes[m]),
				     strnlen(strs[i], maxes[m]));
	}
}

/* Only the sign of a comparison is specified. */
static void test_compare(void)
{
	begin("strcmp, strncmp and memcmp order bytes as unsigned char");
	for (size_t i = 0; i < NSTRS; i++) {
		for (size_t j = 0; j < NSTRS; j++) {
			const char *a = strs[i], *b = strs[j];
			size_t la = strlen(a), lb = strlen(b);
			size_t common = (la < lb ? la : lb) + 1;

			if (sign(libc_strcmp(a, b)) != sign(strcmp(a, b)))
				fail("strcmp(\"%s\", \"%s\") sign %d, want %d",
				     show(a, la), show(b, lb),
				     sign(libc_strcmp(a, b)), sign(strcmp(a, b)));
			for (size_t n = 0; n < 6; n++)
				if (sign(libc_strncmp(a, b, n)) != sign(strncmp(a, b, n)))
					fail("strncmp(\"%s\", \"%s\", %zu) sign %d, want %d",
					     show(a, la), show(b, lb), n,
					     sign(libc_strncmp(a, b, n)),
					     sign(strncmp(a, b, n)));
			for (size_t n = 0; n <= common; n++) {
				if (n > la + 1 || n > lb + 1)
					break;
				if (sign(libc_memcmp(a, b, n)) != sign(memcmp(a, b, n)))
					fail("memcmp(\"%s\", \"%s\", %zu) sign %d, want %d",
					     show(a, la), show(b, lb), n,
					     sign(libc_memcmp(a, b, n)),
					     sign(memcmp(a, b, n)));
			}
		}
	}
}

/* Found positions are compared as offsets into the same string. */
static long offset(const char *base, const void *found)
{
	return found ? (const char *)found - base : -1;
}

static void test_search(void)
{
	static const int chars[] = { 'a', 'b', 'l', 'o', 'h', ' ', 0x80, 0xff,
				     -1, 0, 'z' + 256 };

	begin("strchr, strrchr and memchr, including the terminating NUL");
	for (size_t i = 0; i < NSTRS; i++) {
		const char *s = strs[i];
		size_t len = strlen(s);

		for (size_t k = 0; k < sizeof(chars) / sizeof(chars[0]); k++) {
			int c = chars[k];

			if (offset(s, libc_strchr(s, c)) != offset(s, strchr(s, c)))
				fail("strchr(\"%s\", %d) at %ld, want %ld", show(s, len), c,
				     offset(s, libc_strchr(s, c)), offset(s, strchr(s, c)));
			if (offset(s, libc_strrchr(s, c)) != offset(s, strrchr(s, c)))
				fail("strrchr(\"%s\", %d) at %ld, want %ld", show(s, len), c,
				     offset(s, libc_strrchr(s, c)), offset(s, strrchr(s, c)));
			if (offset(s, libc_memchr(s, c, len + 1)) != offset(s, memchr(s, c, len + 1)))
				fail("memchr(\"%s\", %d, %zu) at %ld, want %ld", show(s, len),
				     c, len + 1, offset(s, libc_memchr(s, c, len + 1)),
				     offset(s, memchr(s, c, len + 1)));
		}
	}

	begin("strstr, including empty needles and haystacks");
	for (size_t i = 0; i < NSTRS; i++)
		for (size_t j = 0; j < NSTRS; j++) {
			const char *h = strs[i], *n = strs[j];

			if (offset(h, libc_strstr(h, n)) != offset(h, strstr(h, n)))
				fail("strstr(\"%s\", \"%s\") at %ld, want %ld",
				     show(h, strlen(h)), show(n, strlen(n)),
				     offset(h, libc_strstr(h, n)), offset(h, strstr(h, n)));
		}
}

static void fill_pattern(unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(i * 7 + 3);
}

static void test_copy(void)
{
	unsigned char want[64], got[64];

	begin("memcpy and memset touch exactly n bytes");
	for (size_t n = 0; n < 40; n++) {
		unsigned char src[40];

		fill_pattern(src, sizeof(src));
		memset(want, 0xee, sizeof(want));
		memset(got, 0xee, sizeof(got));
		memcpy(want + 3, src, n);
		if (libc_memcpy(got + 3, src, n) != got + 3)
			fail("memcpy returned the wrong pointer");
		if (memcmp(want, got, sizeof(want)))
			fail("memcpy of %zu bytes differs", n);
		memset(want + 5, 0x1ab, n);
		if (libc_memset(got + 5, 0x1ab, n) != got + 5)
			fail("memset returned the wrong pointer");
		if (memcmp(want, got, sizeof(want)))
			fail("memset of %zu bytes differs", n);
	}

	begin("memmove handles every overlap, forwards and backwards");
	for (int shift = -9; shift <= 9; shift++)
		for (size_t n = 0; n < 24; n++) {
			fill_pattern(want, sizeof(want));
			fill_pattern(got, sizeof(got));
			memmove(want + 20 + shift, want + 20, n);
			if (libc_memmove(got + 20 + shift, got + 20, n) != got + 20 + shift)
				fail("memmove returned the wrong pointer");
			if (memcmp(want, got, sizeof(want)))
				fail("memmove(dst = src %+d, n = %zu) differs", shift, n);
		}

	begin("strcpy, stpcpy, strcat and strncpy (with its NUL padding)");
	for (size_t i = 0; i < NSTRS; i++) {
		const char *s = strs[i];
		char *rw, *rg;

		memset(want, 0xee, sizeof(want));
		memset(got, 0xee, sizeof(got));
		if (libc_strcpy((char *)got, s) != (char *)got ||
		    strcmp((char *)got, s) || got[strlen(s) + 1] != 0xee)
			fail("strcpy(\"%s\")", show(s, strlen(s)));
		rw = stpcpy((char *)want, s);
		rg = libc_stpcpy((char *)got, s);
		if (rg - (char *)got != rw - (char *)want)
			fail("stpcpy(\"%s\") returned offset %ld, want %ld", show(s, strlen(s)),
			     (long)(rg - (char *)got), (long)(rw - (char *)want));
		strcat((char *)want, "+tail");
		if (libc_strcat((char *)got, "+tail") != (char *)got ||
		    memcmp(want, got, sizeof(want)))
			fail("strcat(\"%s\", \"+tail\")", show(s, strlen(s)));
		for (size_t n = 0; n < 16; n++) {
			memset(want, 0xee, sizeof(want));
			memset(got, 0xee, sizeof(got));
			strncpy((char *)want, s, n);
			if (libc_strncpy((char *)got, s, n) != (char *)got ||
			    memcmp(want, got, sizeof(want)))
				fail("strncpy(\"%s\", %zu) differs", show(s, strlen(s)), n);
		}
	}
}

/* ---- strerror: glibc's messages ---- */

static void test_strerror(void)
{
	begin("strerror has glibc's message for every errno 0..134 and -1");
	for (int e = -1; e <= 134; e++) {
		char want[128];

		snprintf(want, sizeof(want), "%s", strerror(e));
		if (strcmp(libc_strerror(e), want))
			fail("strerror(%d) = \"%s\", want \"%s\"", e, libc_strerror(e), want);
	}
}

/* ---- strtol family: value, end position and errno ---- */

struct tcase {
	const char *s;
	int base;
};

static const struct tcase tcases[] = {
	{ "0", 10 }, { "42", 10 }, { "-42", 10 }, { "+42", 10 }, { "  \t\n 42x", 10 },
	{ "", 10 }, { "   ", 10 }, { "-", 10 }, { "+", 10 }, { "x", 10 },
	{ "0x1f", 16 }, { "0X1F", 16 }, { "1f", 16 }, { "0x", 16 }, { "0xg", 16 },
	{ "0x1f", 0 }, { "017", 0 }, { "08", 0 }, { "0", 0 }, { "123", 0 },
	{ "-0x10", 0 }, { "0x", 0 }, { "z", 36 }, { "Zz", 36 }, { "101", 2 },
	{ "102", 2 }, { "777", 8 }, { "12", 1 }, { "12", 37 }, { "12", -1 },
	{ "9223372036854775807", 10 }, { "9223372036854775808", 10 },
	{ "-9223372036854775808", 10 }, { "-9223372036854775809", 10 },
	{ "18446744073709551615", 10 }, { "18446744073709551616", 10 },
	{ "-18446744073709551615", 10 }, { "-18446744073709551616", 10 },
	{ "99999999999999999999999999", 10 }, { "-1", 10 }, { "4294967295", 10 },
	{ "4294967296", 10 }, { "2147483648", 10 }, { "-2147483649", 10 },
	{ "0xffffffffffffffff", 16 }, { "0x10000000000000000", 16 },
};

static void test_strtol(void)
{
	begin("strtol, strtoul, strtoll, strtoull and atoi: value, end, errno");
	for (size_t i = 0; i < sizeof(tcases) / sizeof(tcases[0]); i++) {
		const char *s = tcases[i].s;
		int base = tcases[i].base;
		char *ew, *eg;

#define CHECK_STRTO(fn, type, pf)						\
		errno = 0;							\
		libc_errno = 0;							\
		type w_##fn = fn(s, &ew, base);					\
		type g_##fn = libc_##fn(s, &eg, base);				\
		if (w_##fn != g_##fn || ew - s != eg - s || errno != libc_errno) \
			fail(#fn "(\"%s\", %d) = " pf " end %ld errno %d, want "	\
			     pf " end %ld errno %d", s, base, g_##fn, (long)(eg - s), \
			     libc_errno, w_##fn, (long)(ew - s), errno);

		CHECK_STRTO(strtol, long, "%ld")
		CHECK_STRTO(strtoul, unsigned long, "%lu")
		CHECK_STRTO(strtoll, long long, "%lld")
		CHECK_STRTO(strtoull, unsigned long long, "%llu")
		if (base == 10 && atoi(s) != libc_atoi(s) && strlen(s) < 11)
			fail("atoi(\"%s\") = %d, want %d", s, libc_atoi(s), atoi(s));
	}
}

/* ---- ctype in the C locale ---- */

static void test_ctype(void)
{
	begin("ctype classes and case mapping for EOF and 0..255");
	for (int c = -1; c < 256; c++) {
#define CHECK_CTYPE(fn)								\
		if (!!fn(c) != !!libc_##fn(c))					\
			fail(#fn "(%d) = %d, want %d", c, !!libc_##fn(c), !!fn(c));
		CHECK_CTYPE(isdigit) CHECK_CTYPE(isxdigit) CHECK_CTYPE(isalpha)
		CHECK_CTYPE(isalnum) CHECK_CTYPE(isupper) CHECK_CTYPE(islower)
		CHECK_CTYPE(isspace) CHECK_CTYPE(isprint) CHECK_CTYPE(ispunct)
		if (toupper(c) != libc_toupper(c) || tolower(c) != libc_tolower(c))
			fail("toupper/tolower(%d) = %d/%d, want %d/%d", c,
			     libc_toupper(c), libc_tolower(c), toupper(c), tolower(c));
	}
}

int main(void)
{
	int failed = 0;

	test_printf_table();
	test_snprintf_truncation();
	test_mixed();
	test_strlen();
	test_compare();
	test_search();
	test_copy();
	test_strerror();
	test_strtol();
	test_ctype();

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
