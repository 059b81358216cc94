// SPDX-License-Identifier: MIT
/*
 * The kernel's string functions. gcc may also emit calls to memcpy, memset,
 * memmove and memcmp for struct copies even with -fno-builtin, so these
 * names must exist. The user-memory copies live in
 * arch/x86_64/copy_user.asm.
 *
 * memcpy and memset move 8 bytes per step (`rep movsq`, `rep stosq`) and
 * the last 0-7 bytes one at a time, as Linux's memcpy_orig/memset_orig do
 * on a CPU without ERMS. A `rep` instruction costs about one step per
 * element in an emulator, and QEMU's -icount counts each step as an
 * instruction: clearing a page by bytes was 4096 of them, by quadwords it
 * is 512 (docs/performance.md).
 */
#include <trident/string.h>

void *memcpy(void *dst, const void *src, size_t n)
{
	void *ret = dst;
	size_t words = n / 8;

	n %= 8;
	__asm__ volatile("rep movsq\n\t"
			 "mov %3, %2\n\t"
			 "rep movsb"
			 : "+D"(dst), "+S"(src), "+c"(words) : "r"(n) : "memory");
	return ret;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	void *ret = dst;
	size_t words = n / 8;
	/* The byte in all eight bytes of RAX. */
	unsigned long pattern = (unsigned char)c * 0x0101010101010101ul;

	n %= 8;
	__asm__ volatile("rep stosq\n\t"
			 "mov %3, %1\n\t"
			 "rep stosb"
			 : "+D"(dst), "+c"(words) : "a"(pattern), "r"(n) : "memory");
	return ret;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++)
		if (!strncmp(haystack, needle, n))
			return (char *)haystack;
	return n ? NULL : (char *)haystack;
}
