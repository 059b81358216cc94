// SPDX-License-Identifier: MIT
/*
 * What the kernel files under test need from the rest of the kernel, on
 * the host: kmalloc is malloc, printk keeps its output for the tests to
 * read (and shows it with KUNIT_VERBOSE=1), strlcpy is the kernel's.
 * Built with the kernel's headers, like the files under test.
 */
#include <trident/mm.h>
#include <trident/printk.h>
#include <trident/string.h>
#include <stdio.h>
#include <stdlib.h>
#include "ktap.h"

bool console_quiet;
static char log_buf[1 << 16];
static size_t log_len;

void *kmalloc(size_t size)
{
	return malloc(size ? size : 1);
}

void *kzalloc(size_t size)
{
	return calloc(1, size ? size : 1);
}

void kfree(void *p)
{
	free(p);
}

int vprintk(const char *fmt, va_list ap)
{
	char line[1024];
	int n = vsnprintf(line, sizeof(line), fmt, ap);

	if (getenv("KUNIT_VERBOSE"))
		fprintf(stderr, "printk: %s", line);
	if (n > 0 && log_len + strlen(line) < sizeof(log_buf)) {
		memcpy(log_buf + log_len, line, strlen(line) + 1);
		log_len += strlen(line);
	}
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	abort();
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);

	if (size) {
		size_t k = n < size - 1 ? n : size - 1;

		memcpy(dst, src, k);
		dst[k] = '\0';
	}
	return n;
}

const char *printk_log(void)
{
	return log_buf;
}

void printk_clear(void)
{
	log_len = 0;
	log_buf[0] = '\0';
}
