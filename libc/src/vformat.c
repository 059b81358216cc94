/* SPDX-License-Identifier: MIT */
/*
 * The printf engine, shared by every printf-family function. It has no
 * system calls and no buffers of its own: it parses each conversion and
 * hands pieces of text to a sink (see stdio_impl.h), which makes it easy to
 * test on the host against glibc (tests/unit/libc).
 *
 * Supported: %d %i %u %o %x %X %c %s %p %%; flags - + space # 0; width and
 * precision, both also as *; length modifiers hh h l ll z t j. No floating
 * point and no %n. Where C leaves a case undefined we do what glibc does
 * ("(nil)" for a null %p, "(null)" for a null %s, an unknown conversion
 * printed as written), so our programs' output can be compared with Linux's.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include "stdio_impl.h"

enum {
	FL_MINUS = 1 << 0,	/* left-justify in the field */
	FL_PLUS  = 1 << 1,	/* always a sign */
	FL_SPACE = 1 << 2,	/* a space where a '+' would go */
	FL_HASH  = 1 << 3,	/* "alternate form": 0 for %o, 0x for %x */
	FL_ZERO  = 1 << 4,	/* pad numbers with zeros, not spaces */
};

enum length { LEN_INT, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J };

struct spec {
	int flags;
	int width;		/* 0: none */
	int prec;		/* -1: none */
	enum length len;
	char conv;
};

struct out {
	struct __fmt_sink *sink;
	size_t count;		/* characters produced so far */
};

static void emit(struct out *o, const char *s, size_t n)
{
	if (n) {
		o->sink->write(o->sink, s, n);
		o->count += n;
	}
}

static void pad(struct out *o, char c, int n)
{
	char fill[32];

	memset(fill, c, sizeof(fill));
	for (; n > 0; n -= sizeof(fill))
		emit(o, fill, n < (int)sizeof(fill) ? (size_t)n : sizeof(fill));
}

/* Fetch the next argument with the type the length modifier names. Types
 * narrower than int were promoted to int by the call and are cut back here. */
static long long arg_signed(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_HH:	return (signed char)va_arg(*ap, int);
	case LEN_H:	return (short)va_arg(*ap, int);
	case LEN_L:	return va_arg(*ap, long);
	case LEN_LL:	return va_arg(*ap, long long);
	case LEN_Z:	return va_arg(*ap, ssize_t);
	case LEN_T:	return va_arg(*ap, ptrdiff_t);
	case LEN_J:	return va_arg(*ap, intmax_t);
	default:	return va_arg(*ap, int);
	}
}

static unsigned long long arg_unsigned(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_HH:	return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:	return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:	return va_arg(*ap, unsigned long);
	case LEN_LL:	return va_arg(*ap, unsigned long long);
	case LEN_Z:	return va_arg(*ap, size_t);
	case LEN_T:	return (size_t)va_arg(*ap, ptrdiff_t);
	case LEN_J:	return va_arg(*ap, uintmax_t);
	default:	return va_arg(*ap, unsigned int);
	}
}

/*
 * A number is laid out as  [spaces] [sign or 0x] [zeros] digits [spaces].
 * The precision is the minimum number of digits (so "%.0d" of 0 is empty);
 * the '0' flag fills the width with zeros instead of leading spaces, but
 * only when there is no precision.
 */
static void format_int(struct out *o, const struct spec *sp,
		       unsigned long long mag, int negative)
{
	const char *xdigits = sp->conv == 'X' ? "0123456789ABCDEF"
					       : "0123456789abcdef";
	unsigned base = sp->conv == 'o' ? 8 :
			(sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p') ? 16 : 10;
	char digits[24];	/* 2^64 in octal has 22 digits */
	char *d = digits + sizeof(digits);
	char prefix[2];
	int nprefix = 0, ndigits, zeros, len;

	for (; mag; mag /= base)
		*--d = xdigits[mag % base];
	if (d == digits + sizeof(digits) && sp->prec != 0)
		*--d = '0';
	ndigits = digits + sizeof(digits) - d;
	zeros = sp->prec > ndigits ? sp->prec - ndigits : 0;

	/* Signs for signed conversions and, as in glibc, for %p. */
	if (sp->conv == 'd' || sp->conv == 'i' || sp->conv == 'p') {
		if (negative)
			prefix[nprefix++] = '-';
		else if (sp->flags & FL_PLUS)
			prefix[nprefix++] = '+';
		else if (sp->flags & FL_SPACE)
			prefix[nprefix++] = ' ';
	}
	/* %#o: the first digit must be 0; %#x: 0x, unless the value is 0. */
	if ((sp->flags & FL_HASH) && base == 8 && zeros == 0 &&
	    (ndigits == 0 || *d != '0'))
		zeros = 1;
	int hex_prefix = sp->conv == 'p' ||
		((sp->flags & FL_HASH) && base == 16 && ndigits && *d != '0');

	len = nprefix + 2 * hex_prefix + zeros + ndigits;
	if (!(sp->flags & FL_MINUS)) {
		if ((sp->flags & FL_ZERO) && sp->prec < 0)
			zeros += sp->width > len ? sp->width - len : 0;
		else
			pad(o, ' ', sp->width - len);
	}
	emit(o, prefix, nprefix);
	if (hex_prefix)
		emit(o, sp->conv == 'X' ? "0X" : "0x", 2);
	pad(o, '0', zeros);
	emit(o, d, ndigits);
	if (sp->flags & FL_MINUS)
		pad(o, ' ', sp->width - len);
}

/* Strings and characters: precision cuts, width pads with spaces only. */
static void format_str(struct out *o, const struct spec *sp, const char *s,
		       size_t n)
{
	int padding = sp->width > (int)n ? sp->width - (int)n : 0;

	if (!(sp->flags & FL_MINUS))
		pad(o, ' ', padding);
	emit(o, s, n);
	if (sp->flags & FL_MINUS)
		pad(o, ' ', padding);
}

/* Read "[flags][width][.precision][length]" after a '%'. */
static const char *parse_spec(const char *p, struct spec *sp, va_list *ap)
{
	sp->flags = 0;
	for (;; p++) {
		if (*p == '-')		sp->flags |= FL_MINUS;
		else if (*p == '+')	sp->flags |= FL_PLUS;
		else if (*p == ' ')	sp->flags |= FL_SPACE;
		else if (*p == '#')	sp->flags |= FL_HASH;
		else if (*p == '0')	sp->flags |= FL_ZERO;
		else			break;
	}

	sp->width = 0;
	if (*p == '*') {
		/* A negative width argument means '-' and its magnitude. */
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->flags |= FL_MINUS;
			sp->width = -sp->width;
		}
		p++;
	} else {
		while (*p >= '0' && *p <= '9')
			sp->width = sp->width * 10 + (*p++ - '0');
	}

	sp->prec = -1;
	if (*p == '.') {
		p++;
		sp->prec = 0;
		if (*p == '*') {
			/* A negative precision argument means "none". */
			sp->prec = va_arg(*ap, int);
			if (sp->prec < 0)
				sp->prec = -1;
			p++;
		} else {
			while (*p >= '0' && *p <= '9')
				sp->prec = sp->prec * 10 + (*p++ - '0');
		}
	}

	switch (*p) {
	case 'h':
		sp->len = p[1] == 'h' ? (p++, LEN_HH) : LEN_H;
		p++;
		break;
	case 'l':
		sp->len = p[1] == 'l' ? (p++, LEN_LL) : LEN_L;
		p++;
		break;
	case 'z': sp->len = LEN_Z; p++; break;
	case 't': sp->len = LEN_T; p++; break;
	case 'j': sp->len = LEN_J; p++; break;
	default:  sp->len = LEN_INT; break;
	}

	sp->conv = *p;
	return p;
}

int __vformat(struct __fmt_sink *sink, const char *fmt, va_list ap_in)
{
	struct out o = { sink, 0 };
	struct spec sp;
	va_list ap;

	/* A copy we can pass by address: va_list is an array type on x86_64,
	 * so a va_list parameter cannot be handed on as "va_list *". */
	va_copy(ap, ap_in);
	while (*fmt) {
		const char *start = fmt;

		/* Literal text up to the next '%' in one piece. */
		while (*fmt && *fmt != '%')
			fmt++;
		emit(&o, start, fmt - start);
		if (!*fmt)
			break;

		start = fmt;
		fmt = parse_spec(fmt + 1, &sp, &ap);
		switch (sp.conv) {
		case 'd':
		case 'i': {
			long long v = arg_signed(&ap, sp.len);
			/* The magnitude in unsigned arithmetic: -LLONG_MIN overflows. */
			format_int(&o, &sp, v < 0 ? -(unsigned long long)v : (unsigned long long)v,
				   v < 0);
			break;
		}
		case 'u':
		case 'o':
		case 'x':
		case 'X':
			format_int(&o, &sp, arg_unsigned(&ap, sp.len), 0);
			break;
		case 'p': {
			void *ptr = va_arg(ap, void *);
			if (ptr) {
				format_int(&o, &sp, (uintptr_t)ptr, 0);
			} else {
				sp.prec = -1;
				format_str(&o, &sp, "(nil)", 5);
			}
			break;
		}
		case 'c': {
			char c = (unsigned char)va_arg(ap, int);
			format_str(&o, &sp, &c, 1);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			/* glibc prints "(null)", or nothing if it would not fit. */
			if (!s)
				s = sp.prec < 0 || sp.prec >= 6 ? "(null)" : "";
			format_str(&o, &sp, s, sp.prec < 0 ? strlen(s) :
						strnlen(s, sp.prec));
			break;
		}
		case '%':
			emit(&o, "%", 1);
			break;
		case '\0':
			/* A '%' that ends the format is an incomplete directive:
			 * glibc fails the whole call, and so do we. */
			va_end(ap);
			errno = EINVAL;
			return -1;
		default:
			/* Unknown: print the whole directive as written. */
			emit(&o, start, fmt + 1 - start);
			break;
		}
		fmt++;
	}
	va_end(ap);

	if (o.count > INT_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (int)o.count;
}
