/* SPDX-License-Identifier: MIT */
/*
 * string.h, strerror, the strto* family and ctype against glibc's, on
 * tables of inputs chosen for their edges: empty strings, bytes above 0x7f,
 * overlapping moves, NUL padding, overflow, odd bases.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"

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

	begin("strspn and strcspn, including empty sets and bytes above 0x7f");
	for (size_t i = 0; i < NSTRS; i++)
		for (size_t j = 0; j < NSTRS; j++) {
			const char *s = strs[i], *set = strs[j];

			if (libc_strspn(s, set) != strspn(s, set))
				fail("strspn(\"%s\", \"%s\") = %zu, want %zu", show(s, strlen(s)),
				     show(set, strlen(set)), libc_strspn(s, set), strspn(s, set));
			if (libc_strcspn(s, set) != strcspn(s, set))
				fail("strcspn(\"%s\", \"%s\") = %zu, want %zu", show(s, strlen(s)),
				     show(set, strlen(set)), libc_strcspn(s, set), strcspn(s, set));
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
		static char untouched[1];
		char *ew, *eg;

#define CHECK_STRTO(fn, type, pf)						\
		errno = 0;							\
		libc_errno = 0;							\
		ew = eg = untouched;	/* an invalid base leaves *end alone */	\
		type w_##fn = fn(s, &ew, base);					\
		type g_##fn = libc_##fn(s, &eg, base);				\
		if (w_##fn != g_##fn || ew != eg || errno != libc_errno) \
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

void test_string(void)
{
	test_strlen();
	test_compare();
	test_search();
	test_copy();
	test_strerror();
	test_strtol();
	test_ctype();
}
