/* SPDX-License-Identifier: MIT */
/*
 * Internal: the FILE structure and the printf engine's interface.
 */
#ifndef _LIBC_STDIO_IMPL_H
#define _LIBC_STDIO_IMPL_H

#include <stdarg.h>
#include <stdio.h>

struct _FILE {
	int fd;
	int mode;		/* _IONBF, _IOLBF or _IOFBF */
	int error;		/* a write failed: ferror() */
	int flush_due;		/* line-buffered and a '\n' arrived */
	size_t len;		/* bytes waiting in buf */
	char buf[BUFSIZ];
};

/* Queue bytes on f (writing out a full buffer). */
void __stdio_put(FILE *f, const char *s, size_t n);
/* End of one stdio call: write out what the buffering mode says is due.
 * Returns 0, or EOF once a write on f has failed (the error is sticky,
 * as ferror()'s). */
int __stdio_end(FILE *f);
void __stdio_flush_all(void);
/* write(2) all n bytes, resuming after short writes and EINTR. */
int __write_all(int fd, const char *s, size_t n);

/*
 * Where the printf engine's output goes: a FILE, a file descriptor or a
 * string. Each sink embeds this as its first member and the engine calls
 * write() with every piece of output, in order.
 */
struct __fmt_sink {
	void (*write)(struct __fmt_sink *sink, const char *s, size_t n);
};

/* Format into sink; returns the number of characters produced, or -1
 * (errno EOVERFLOW) if that does not fit in an int. */
int __vformat(struct __fmt_sink *sink, const char *fmt, va_list ap);

#endif
