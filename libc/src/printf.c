/* SPDX-License-Identifier: MIT */
/*
 * Formatting to a FILE and to a file descriptor.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "stdio_impl.h"

struct file_sink {
	struct __fmt_sink sink;
	FILE *f;
};

static void file_write(struct __fmt_sink *sink, const char *s, size_t n)
{
	__stdio_put(((struct file_sink *)sink)->f, s, n);
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	struct file_sink fs = { { file_write }, f };
	int ret = __vformat(&fs.sink, fmt, ap);

	return __stdio_end(f) < 0 ? -1 : ret;
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vfprintf(f, fmt, ap);
	va_end(ap);
	return ret;
}

int vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return ret;
}

/*
 * dprintf writes to a descriptor without a FILE. It collects the output in
 * a small buffer on the stack, so a short message is one write(2), and
 * writes nothing of its own between calls.
 */
struct fd_sink {
	struct __fmt_sink sink;
	int fd;
	int error;
	size_t len;
	char buf[256];
};

static void fd_flush(struct fd_sink *d)
{
	if (d->len && __write_all(d->fd, d->buf, d->len) < 0)
		d->error = 1;
	d->len = 0;
}

static void fd_write(struct __fmt_sink *sink, const char *s, size_t n)
{
	struct fd_sink *d = (struct fd_sink *)sink;

	while (n) {
		size_t chunk = sizeof(d->buf) - d->len;

		if (chunk > n)
			chunk = n;
		memcpy(d->buf + d->len, s, chunk);
		d->len += chunk;
		s += chunk;
		n -= chunk;
		if (d->len == sizeof(d->buf))
			fd_flush(d);
	}
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
	struct fd_sink d;	/* not "= { ... }": that would clear buf */
	int ret;

	d.sink.write = fd_write;
	d.fd = fd;
	d.error = 0;
	d.len = 0;
	ret = __vformat(&d.sink, fmt, ap);

	fd_flush(&d);
	return d.error ? -1 : ret;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vdprintf(fd, fmt, ap);
	va_end(ap);
	return ret;
}
