/* SPDX-License-Identifier: MIT */
/*
 * The two output streams and their buffering.
 *
 * stdout is line-buffered: output collects in its buffer and goes out with
 * one write(2) when a call has written a '\n' (or the buffer fills, or on
 * fflush/exit). stderr is unbuffered: each call's output goes out at the
 * end of that call, still as one write. So a KTAP line is one write on any
 * console, and nothing written before a crash is lost except an
 * unterminated line on stdout.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "stdio_impl.h"

static FILE stdout_file = { .fd = STDOUT_FILENO, .mode = _IOLBF };
static FILE stderr_file = { .fd = STDERR_FILENO, .mode = _IONBF };

FILE *stdout = &stdout_file;
FILE *stderr = &stderr_file;

int __write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t r = write(fd, s, n);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += r;
		n -= r;
	}
	return 0;
}

static int flush_file(FILE *f)
{
	int ret = 0;

	if (f->len && __write_all(f->fd, f->buf, f->len) < 0) {
		f->error = 1;
		ret = EOF;	/* the bytes are dropped, as nothing can take them */
	}
	f->len = 0;
	f->flush_due = 0;
	return ret;
}

void __stdio_flush_all(void)
{
	flush_file(stdout);
	flush_file(stderr);
}

int fflush(FILE *f)
{
	if (!f) {
		int ret = flush_file(stdout);
		return flush_file(stderr) ? EOF : ret;
	}
	return flush_file(f);
}

void __stdio_put(FILE *f, const char *s, size_t n)
{
	if (f->mode == _IOLBF && memchr(s, '\n', n))
		f->flush_due = 1;
	while (n) {
		size_t chunk = sizeof(f->buf) - f->len;

		if (chunk > n)
			chunk = n;
		memcpy(f->buf + f->len, s, chunk);
		f->len += chunk;
		s += chunk;
		n -= chunk;
		if (f->len == sizeof(f->buf))
			flush_file(f);
	}
}

int __stdio_end(FILE *f)
{
	if (f->mode == _IONBF || f->flush_due)
		flush_file(f);
	return f->error ? EOF : 0;
}

/* The caller's buffer is not used (ours is built in); only the mode is. */
int setvbuf(FILE *f, char *buf, int mode, size_t size)
{
	(void)buf;
	(void)size;
	if (mode != _IONBF && mode != _IOLBF && mode != _IOFBF)
		return -1;
	flush_file(f);
	f->mode = mode;
	return 0;
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *f)
{
	__stdio_put(f, p, size * n);
	return __stdio_end(f) ? 0 : n;
}

int fputs(const char *s, FILE *f)
{
	__stdio_put(f, s, strlen(s));
	return __stdio_end(f);
}

int puts(const char *s)
{
	__stdio_put(stdout, s, strlen(s));
	__stdio_put(stdout, "\n", 1);
	return __stdio_end(stdout);
}

int fputc(int c, FILE *f)
{
	char ch = c;

	__stdio_put(f, &ch, 1);
	return __stdio_end(f) ? EOF : (unsigned char)ch;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fileno(FILE *f)
{
	return f->fd;
}

int ferror(FILE *f)
{
	return f->error;
}
