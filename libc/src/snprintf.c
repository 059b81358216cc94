/* SPDX-License-Identifier: MIT */
/*
 * Formatting into a caller's buffer. snprintf never writes more than size
 * bytes, always ends the string with a NUL when size > 0, and returns the
 * length the whole output would have had, so a caller can detect
 * truncation (return value >= size) and retry with a larger buffer.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "stdio_impl.h"

struct buf_sink {
	struct __fmt_sink sink;
	char *p;		/* next byte to fill */
	size_t room;		/* bytes left, not counting the final NUL */
};

static void buf_write(struct __fmt_sink *sink, const char *s, size_t n)
{
	struct buf_sink *b = (struct buf_sink *)sink;

	if (n > b->room)
		n = b->room;	/* the rest is only counted */
	memcpy(b->p, s, n);
	b->p += n;
	b->room -= n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buf_sink b = { { buf_write }, buf, size ? size - 1 : 0 };
	int ret = __vformat(&b.sink, fmt, ap);

	if (size)
		*b.p = '\0';
	return ret;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return ret;
}

/* "Big enough", as C says sprintf's buffer is. INT_MAX, not SIZE_MAX, so
 * buf + room cannot wrap around the address space. */
int vsprintf(char *buf, const char *fmt, va_list ap)
{
	return vsnprintf(buf, INT_MAX, fmt, ap);
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vsprintf(buf, fmt, ap);
	va_end(ap);
	return ret;
}
