/* SPDX-License-Identifier: MIT */
/*
 * String to integer. All four strto* functions share one parser that reads
 * the magnitude as unsigned long long and notes overflow; each then applies
 * its own range. C's rules, which are easy to get wrong:
 *  - leading white space, then an optional sign, then for base 16 (or 0)
 *    an optional "0x"; base 0 means 8 after a "0", 16 after "0x", else 10;
 *  - *end is where parsing stopped, or s itself if no digit was read (so
 *    "0x" alone parses as 0 ending before the 'x');
 *  - a base other than 0 and 2..36: 0 and errno EINVAL;
 *  - out of range: the nearest limit and errno ERANGE. The unsigned ones
 *    accept a '-' and negate in unsigned arithmetic ("-1" is ULONG_MAX).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

static int digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 32;	/* ASCII lower case */
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	return 99;	/* not a digit in any base */
}

/* Returns the magnitude (saturated at ULLONG_MAX on overflow); sets *neg
 * and *overflow, and *end unless end is NULL. */
static unsigned long long parse(const char *s, char **end, int base,
				int *neg, int *overflow)
{
	const char *p = s;
	unsigned long long v = 0;
	int any = 0;

	*neg = 0;
	*overflow = 0;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;		/* and *end untouched, as glibc */
		return 0;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 32) == 'x' &&
	    digit_value((unsigned char)p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	for (;; p++) {
		int d = digit_value((unsigned char)*p);

		if (d >= base)
			break;
		any = 1;
		if (v > (ULLONG_MAX - d) / base)
			*overflow = 1;
		else
			v = v * base + d;
	}
	if (end)
		*end = (char *)(any ? p : s);
	return *overflow ? ULLONG_MAX : v;
}

/* A signed result in [min, max]: -min's magnitude is max + 1. */
static long long to_signed(const char *s, char **end, int base,
			   long long min, long long max)
{
	int neg, overflow;
	unsigned long long v = parse(s, end, base, &neg, &overflow);
	unsigned long long limit = neg ? (unsigned long long)max + 1 : (unsigned long long)max;

	if (overflow || v > limit) {
		errno = ERANGE;
		return neg ? min : max;
	}
	return neg ? (long long)-v : (long long)v;
}

static unsigned long long to_unsigned(const char *s, char **end, int base,
				      unsigned long long max)
{
	int neg, overflow;
	unsigned long long v = parse(s, end, base, &neg, &overflow);

	if (overflow || v > max) {
		errno = ERANGE;
		return max;
	}
	return neg ? (-v & max) : v;
}

long strtol(const char *s, char **end, int base)
{
	return to_signed(s, end, base, LONG_MIN, LONG_MAX);
}

long long strtoll(const char *s, char **end, int base)
{
	return to_signed(s, end, base, LLONG_MIN, LLONG_MAX);
}

unsigned long strtoul(const char *s, char **end, int base)
{
	return to_unsigned(s, end, base, ULONG_MAX);
}

unsigned long long strtoull(const char *s, char **end, int base)
{
	return to_unsigned(s, end, base, ULLONG_MAX);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}
