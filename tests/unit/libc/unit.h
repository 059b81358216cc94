/* SPDX-License-Identifier: MIT */
/*
 * Shared by the host unit test's files: the libc functions under test,
 * renamed libc_* by run.sh (objcopy --prefix-symbols=libc_), and the KTAP
 * helpers of ktap.c.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdarg.h>
#include <stddef.h>

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
size_t libc_strspn(const char *s, const char *accept);
size_t libc_strcspn(const char *s, const char *reject);
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
extern int libc_errno;	/* the libc's own errno, renamed with it */

/* Start a test named by the format; it passes unless fail() is called. */
void begin(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* Fail the current test, keeping the message as a KTAP diagnostic. */
void fail(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* s[0..n) with unprintable bytes escaped (a few static buffers). */
const char *show(const char *s, size_t n);

void test_printf(void);
void test_string(void);

#endif
