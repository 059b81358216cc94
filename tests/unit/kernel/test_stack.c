// SPDX-License-Identifier: MIT
/*
 * The initial stack (elf_stack_layout/elf_stack_build) against the stacks
 * the host's Linux built for the probe (run.sh, ASLR off): from the probe's
 * bytes we take argv, envp, the file name, the auxiliary vector and the
 * 16 random bytes, build our image from them, and want the same bytes at
 * the same addresses, padding included. Then the layout rules on their
 * own, for many lengths and both word sizes.
 */
#include <trident/elf.h>
#include <trident/errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ktap.h"

static unsigned long long word_at(const unsigned char *b, size_t off, unsigned int word)
{
	unsigned long long v = 0;

	memcpy(&v, b + off, word);
	return v;
}

static void versus_linux(const char *run, unsigned int word, const char *platform)
{
	char file[64], *txt;
	unsigned char *real, *ours = NULL;
	unsigned long long top = 0, sp = 0, strings_start, v;
	size_t len, tlen, off;
	unsigned int argc, envc = 0, auxc = 0;
	static struct elf_auxv auxv[64];
	const unsigned char *random = NULL;
	struct elf_stack st;
	int rc;

	ktap_begin("stack: is our stack for %s byte for byte Linux's?", run);
	snprintf(file, sizeof(file), "%s.bin", run);
	real = read_fixture(file, &len);
	snprintf(file, sizeof(file), "%s.bin.txt", run);
	txt = read_fixture(file, &tlen);
	if (!real || !txt) {
		ktap_skip("no reference run %s on this host", run);
		free(real);
		free(txt);
		return;
	}
	txt = realloc(txt, tlen + 1);
	txt[tlen] = '\0';
	sscanf(txt, "top %llx\nsp %llx", &top, &sp);
	free(txt);
	if (top - sp != len) {
		ktap_fail("%s: %zu bytes for [%llx, %llx)", run, len, sp, top);
		return;
	}

	/* Read Linux's image: argc, argv, envp, auxv. */
	argc = word_at(real, 0, word);
	strings_start = word_at(real, word, word);
	off = word * (1 + argc + 1);
	while (word_at(real, off, word))
		off += word, envc++;
	off += word;
	for (; (v = word_at(real, off, word)) != AT_NULL; off += 2 * word, auxc++) {
		auxv[auxc].type = v;
		auxv[auxc].val = word_at(real, off + word, word);
		if (v == AT_RANDOM)
			random = real + (auxv[auxc].val - sp);
		/* Ours must find these addresses itself. */
		if (v == AT_RANDOM || v == AT_EXECFN || v == AT_PLATFORM)
			auxv[auxc].val = 0xdead;
	}
	if (!random || strings_start <= sp || strings_start >= top - 8) {
		ktap_fail("%s: no AT_RANDOM or strings out of place", run);
		return;
	}

	st = (struct elf_stack){
		.top = top, .word = word,
		.strings = (const char *)real + (strings_start - sp),
		.strings_len = top - 8 - strings_start,
		.argc = argc, .envc = envc, .platform = platform,
		.random = random, .auxv = auxv, .auxc = auxc,
	};
	rc = elf_stack_layout(&st);
	CHECK(rc == 0, "layout rc %d", rc);
	CHECK(st.sp == sp, "sp %llx, Linux %llx", (unsigned long long)st.sp, sp);
	if (rc == 0 && st.sp == sp) {
		ours = malloc(len);
		rc = elf_stack_build(&st, ours, len);
		CHECK(rc == 0, "build rc %d", rc);
		for (size_t i = 0; rc == 0 && i < len; i++) {
			if (ours[i] != real[i]) {
				ktap_fail("first difference at %llx (sp + %zu): ours %02x, Linux %02x",
					  sp + i, i, ours[i], real[i]);
				break;
			}
		}
	}
	ktap_note("argc %u, envc %u, %u auxv entries, %zu bytes", argc, envc, auxc, len);
	free(ours);
	free(real);
}

/* The rules, checked on our own images. */
static void rules(void)
{
	static char strings[4096];
	static unsigned char buf[8192];
	static const unsigned char rnd[16] = "0123456789abcdef";
	int bad = 0, cases = 0;

	ktap_begin("stack: do the layout rules hold for every length and word size?");
	for (unsigned int word = 4; word <= 8; word += 4)
	for (unsigned int argc = 0; argc <= 3; argc++)
	for (unsigned int envc = 0; envc <= 2; envc++)
	for (unsigned int slen = 0; slen < 40; slen++)
	for (int plat = 0; plat < 2; plat++) {
		struct elf_auxv auxv[4] = {
			{ AT_PAGESZ, 4096 }, { AT_RANDOM, 0 }, { AT_EXECFN, 0 },
			{ AT_PLATFORM, 0 },
		};
		unsigned int n = argc + envc + 1, auxc = plat ? 4 : 3;
		unsigned long long top = word == 8 ? 0x7ffffffff000ULL : 0xffffe000ULL;
		size_t len = 0;
		struct elf_stack st;
		const unsigned char *b;
		int rc;

		/* n strings of varying lengths, the file name last. */
		for (unsigned int i = 0; i < n; i++) {
			unsigned int l = (slen * (i + 1) + i) % 23;

			memset(strings + len, 'a' + i, l);
			len += l;
			strings[len++] = '\0';
		}
		st = (struct elf_stack){
			.top = top, .word = word, .strings = strings, .strings_len = len,
			.argc = argc, .envc = envc, .platform = plat ? "x86_64" : NULL,
			.random = rnd, .auxv = auxv, .auxc = auxc,
		};
		cases++;
		rc = elf_stack_layout(&st);
		if (rc || top - st.sp > sizeof(buf)) {
			if (bad++ < 5)
				ktap_fail("layout rc %d", rc);
			continue;
		}
		rc = elf_stack_build(&st, buf, top - st.sp);
		b = buf;
#define AT(addr) (b + ((addr) - st.sp))
#define FAIL(...) do { if (bad++ < 5) ktap_fail(__VA_ARGS__); } while (0)
		if (rc || st.sp % 16)
			FAIL("word %u: rc %d, sp %llx not 16-aligned", word, rc,
			     (unsigned long long)st.sp);
		if (word_at(b, 0, word) != argc)
			FAIL("argc");
		if (st.strings_start + len != top - 8 || memcmp(AT(st.strings_start), strings, len))
			FAIL("strings must end 8 bytes below the top");
		if (word_at(AT(top - 8), 0, 8) != 0)
			FAIL("the top 8 bytes must be zero");
		if (st.random_addr + 16 > (plat ? st.platform_addr : st.strings_start & ~15ULL) ||
		    memcmp(AT(st.random_addr), rnd, 16))
			FAIL("random bytes misplaced");
		if (plat && (st.platform_addr + 7 > (st.strings_start & ~15ULL) ||
			     strcmp((const char *)AT(st.platform_addr), "x86_64")))
			FAIL("platform string misplaced");
		/* The pointers, the NULLs, the auxv and AT_NULL. */
		{
			size_t off = word, s = st.strings_start;

			for (unsigned int list = 0; list < 2; list++) {
				unsigned int cnt = list ? envc : argc;

				for (unsigned int i = 0; i < cnt; i++, off += word) {
					if (word_at(b, off, word) != s ||
					    strcmp((const char *)AT(s), strings + (s - st.strings_start)))
						FAIL("pointer %u of list %u", i, list);
					s += strlen((const char *)AT(s)) + 1;
				}
				if (word_at(b, off, word))
					FAIL("no NULL after list %u", list);
				off += word;
			}
			for (unsigned int i = 0; i < auxc; i++, off += 2 * word) {
				unsigned long long t = word_at(b, off, word), v = word_at(b, off + word, word);

				if (t != auxv[i].type ||
				    (t == AT_RANDOM && v != st.random_addr) ||
				    (t == AT_EXECFN && v != s) ||
				    (t == AT_PLATFORM && v != st.platform_addr))
					FAIL("auxv %u: %llx=%llx", i, t, v);
			}
			if (word_at(b, off, word) || word_at(b, off + word, word))
				FAIL("AT_NULL");
			off += 2 * word;
			if (st.sp + off > st.random_addr || st.random_addr - (st.sp + off) > 15)
				FAIL("%llu bytes between the auxv and the random bytes",
				     (unsigned long long)(st.random_addr - (st.sp + off)));
		}
#undef AT
#undef FAIL
	}
	CHECK(bad == 0, "%d of %d layouts broke a rule", bad, cases);

	ktap_begin("stack: are strings that do not match argc + envc + 1 refused?");
	{
		struct elf_stack st = {
			.top = 0x7ffffffff000ULL, .word = 8, .strings = "a\0b\0c", .strings_len = 5,
			.argc = 1, .envc = 1, .random = rnd,
		};

		CHECK(elf_stack_layout(&st) == -EINVAL, "no NUL at the end accepted");
		st.strings_len = 6;
		CHECK(elf_stack_layout(&st) == 0, "three strings refused");
		st.argc = 2;
		CHECK(elf_stack_layout(&st) == -EINVAL, "four strings expected, three accepted");
		st.argc = 1;
		st.word = 2;
		CHECK(elf_stack_layout(&st) == -EINVAL, "a word of 2 accepted");
		st.word = 8;
		st.top = 64;
		CHECK(elf_stack_layout(&st) == -EINVAL, "a stack below address 64 accepted");
	}
}

void test_stack(void)
{
	versus_linux("run64a", 8, "x86_64");
	versus_linux("run64b", 8, "x86_64");
	versus_linux("run64c", 8, "x86_64");
	versus_linux("runpie", 8, "x86_64");
	versus_linux("run32a", 4, "i686");
	versus_linux("run32b", 4, "i686");
	versus_linux("runpie32", 4, "i686");
	rules();
}
