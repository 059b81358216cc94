/* SPDX-License-Identifier: MIT */
/*
 * A small stdio: output only. stdout is line-buffered and stderr unbuffered,
 * whatever they are connected to (glibc fully buffers a stdout that is not a
 * terminal; for test programs whose output a harness reads from a serial
 * line, whole lines in program order are worth more than fewer writes).
 * Every printf-family function formats through one engine, src/vformat.c.
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stddef.h>
#include <sys/types.h>

#define EOF	(-1)
#define BUFSIZ	1024

/* setvbuf() modes, glibc's values. */
#define _IOFBF	0
#define _IOLBF	1
#define _IONBF	2

typedef struct _FILE FILE;

extern FILE *stdout;
extern FILE *stderr;

#define __printf_like(f, a) __attribute__((__format__(__printf__, f, a)))

int printf(const char *fmt, ...) __printf_like(1, 2);
int fprintf(FILE *f, const char *fmt, ...) __printf_like(2, 3);
int dprintf(int fd, const char *fmt, ...) __printf_like(2, 3);
int sprintf(char *buf, const char *fmt, ...) __printf_like(2, 3);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf_like(3, 4);
int vprintf(const char *fmt, __builtin_va_list ap) __printf_like(1, 0);
int vfprintf(FILE *f, const char *fmt, __builtin_va_list ap) __printf_like(2, 0);
int vdprintf(int fd, const char *fmt, __builtin_va_list ap) __printf_like(2, 0);
int vsprintf(char *buf, const char *fmt, __builtin_va_list ap) __printf_like(2, 0);
int vsnprintf(char *buf, size_t size, const char *fmt, __builtin_va_list ap)
	__printf_like(3, 0);

int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *s, FILE *f);
int puts(const char *s);
size_t fwrite(const void *p, size_t size, size_t n, FILE *f);
int fflush(FILE *f);		/* fflush(NULL) flushes every stream */
int setvbuf(FILE *f, char *buf, int mode, size_t size);
int fileno(FILE *f);
int ferror(FILE *f);

#endif
