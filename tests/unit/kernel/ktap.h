/* SPDX-License-Identifier: MIT */
/*
 * What every file of the kernel unit test shares. Only plain C types here:
 * the test files that include the kernel's headers (whose types clash with
 * glibc's <sys/types.h>) and the ones that call the host's POSIX functions
 * both include it.
 */
#ifndef KTAP_H
#define KTAP_H

#include <stdarg.h>
#include <stddef.h>

#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))

/* Start a test case: it passes unless ktap_fail() is called. */
void ktap_begin(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* Fail the current case, keeping the message as a KTAP diagnostic. */
void ktap_fail(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* Skip the current case (a fixture the host could not build). */
void ktap_skip(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* A diagnostic line for the current case that does not fail it. */
void ktap_note(const char *fmt, ...) PRINTF_LIKE(1, 2);
int ktap_failed(void);		/* has the current case failed? */

#define CHECK(cond, ...) do { if (!(cond)) ktap_fail(__VA_ARGS__); } while (0)

/* The directory run.sh built the fixtures in. */
extern const char *fixtures;
/* Reads fixtures/name into a malloc'd buffer (NULL if missing). */
void *read_fixture(const char *name, size_t *len);

/* A deterministic pseudo-random sequence for the fuzz cases. */
unsigned long long test_rand(void);

/* The messages printk() wrote since the last clear (shim.c). */
const char *printk_log(void);
void printk_clear(void);

/* The test groups. */
void test_cpio(void);
void test_elf(void);
void test_stack(void);
void test_ramfs(void);
void test_exec(void);
void test_brk(void);

#endif
