// SPDX-License-Identifier: MIT
/*
 * kernel/elf.c: the ABI of real static binaries built by the host's gcc;
 * their placement against where the host's Linux put them (probe.c, ASLR
 * off); the answers for malformed files, which were measured by running
 * each mutation on Linux 6.18 (ENOEXEC, EIO, or "killed by SIGSEGV" after
 * the point of no return, which we refuse with ENOEXEC); and random
 * corruptions, after which whatever elf_check() and elf_layout() accept
 * must be safe to load.
 */
#include <trident/elf.h>
#include <trident/errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ktap.h"

#define ALL_ABIS (ELF_ABI_BIT(ABI_64) | ELF_ABI_BIT(ABI_X32) | ELF_ABI_BIT(ABI_IA32))
#define ONLY_64 ELF_ABI_BIT(ABI_64)

/* What exec.c gives elf_layout() for each ABI (ASLR off). */
static const struct elf_place place64 = {
	.task_size = 0x7ffffffff000, .mmap_base = 0x7ffff7fff000,
	.et_dyn_base = 0x555555554aaa,
};
static const struct elf_place place32 = {
	.task_size = 0xffffe000, .mmap_base = 0xf7ffe000,
	.et_dyn_base = 0x56555000,
};

static const struct elf_place *place_for(enum task_abi abi)
{
	return abi == ABI_64 ? &place64 : &place32;
}

/* Runs both steps on an exact copy of buf; returns the first error. */
static int check_and_layout(const void *buf, size_t len, unsigned int mask,
			    struct elf_image *img, char *msg, size_t n)
{
	unsigned char *b = malloc(len ? len : 1);
	int rc;

	memcpy(b, buf, len);
	rc = elf_check(b, len, mask, img, msg, n);
	if (rc == 0)
		rc = elf_layout(img, place_for(img->abi), msg, n);
	/* What was accepted must be safe to load. */
	if (rc == 0) {
		struct elf_phdr ph;

		for (unsigned int i = 0; i < img->phnum; i++) {
			unsigned long long k;

			elf_get_phdr(img, i, &ph);
			if (ph.type != PT_LOAD)
				continue;
			k = img->load_bias + ph.vaddr;
			if (ph.filesz > ph.memsz || (ph.filesz && ph.offset + ph.filesz > len) ||
			    (ph.filesz && (ph.offset ^ ph.vaddr) & 4095) ||
			    k + ph.memsz > place_for(img->abi)->task_size || k + ph.memsz < k ||
			    (ph.memsz && k < 0x10000))
				ktap_fail("accepted a bad segment %u: offset %llx vaddr %llx "
					  "filesz %llx memsz %llx", i,
					  (unsigned long long)ph.offset, (unsigned long long)ph.vaddr,
					  (unsigned long long)ph.filesz, (unsigned long long)ph.memsz);
		}
		if (img->entry_addr >= place_for(img->abi)->task_size)
			ktap_fail("accepted entry %llx", (unsigned long long)img->entry_addr);
		if (img->interp && strlen(img->interp) >= 4096)
			ktap_fail("interp too long");
	}
	free(b);
	return rc;
}

/* "name hex" lines of a probe's .txt */
static int ref_value(const char *run, const char *name, unsigned long long *v)
{
	char file[256], *txt, *p;
	size_t len;

	snprintf(file, sizeof(file), "%s.bin.txt", run);
	txt = read_fixture(file, &len);
	if (!txt)
		return -1;
	txt = realloc(txt, len + 1);
	txt[len] = '\0';
	for (p = txt; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		size_t n = strlen(name);

		if (!strncmp(p, name, n) && p[n] == ' ') {
			*v = strtoull(p + n + 1, NULL, 16);
			free(txt);
			return 0;
		}
	}
	free(txt);
	return -1;
}

static void classify(const char *bin, enum task_abi abi, unsigned int type)
{
	static const char *names[] = { "x86-64", "x32", "i386" };
	struct elf_image img;
	char msg[200] = "";
	size_t len;
	void *buf = read_fixture(bin, &len);
	int rc;

	ktap_begin("elf: is %s an %s %s?", bin, names[abi],
		   type == ET_DYN ? "static PIE" : "executable");
	if (!buf) {
		ktap_skip("the host could not build %s", bin);
		return;
	}
	rc = check_and_layout(buf, len, ALL_ABIS, &img, msg, sizeof(msg));
	CHECK(rc == 0, "rc %d: %s", rc, msg);
	CHECK(img.abi == abi, "abi %d, want %d", img.abi, abi);
	CHECK(img.type == type, "e_type %u", img.type);
	CHECK(!img.interp, "a PT_INTERP in a static program?");
	CHECK(img.exstack == EXSTACK_DISABLE_X, "exstack %d", img.exstack);

	if (abi != ABI_64) {
		ktap_begin("elf: does a 64-bit-only kernel refuse %s with ENOEXEC?", bin);
		rc = check_and_layout(buf, len, ONLY_64, &img, msg, sizeof(msg));
		CHECK(rc == -ENOEXEC && strstr(msg, names[abi]), "rc %d: %s", rc, msg);
	}
	free(buf);
}

/* Where would we put it, where did Linux put it? */
static void placement(const char *bin, const char *run)
{
	unsigned long long phdr, entry, brk, lowest;
	struct elf_image img;
	char msg[200] = "";
	size_t len;
	void *buf = read_fixture(bin, &len);
	int rc;

	ktap_begin("elf: is %s placed where Linux placed it (AT_PHDR, AT_ENTRY, brk)?", bin);
	if (!buf || ref_value(run, "phdr", &phdr) || ref_value(run, "entry", &entry) ||
	    ref_value(run, "start_brk", &brk) || ref_value(run, "lowest", &lowest)) {
		ktap_skip("no %s or no reference run (setarch -R) on this host", bin);
		free(buf);
		return;
	}
	rc = check_and_layout(buf, len, ALL_ABIS, &img, msg, sizeof(msg));
	CHECK(rc == 0, "rc %d: %s", rc, msg);
	CHECK(img.phdr_addr == phdr, "AT_PHDR %llx, Linux %llx",
	      (unsigned long long)img.phdr_addr, phdr);
	CHECK(img.entry_addr == entry, "AT_ENTRY %llx, Linux %llx",
	      (unsigned long long)img.entry_addr, entry);
	CHECK(img.brk == brk, "start_brk %llx, Linux %llx", (unsigned long long)img.brk, brk);
	CHECK(img.lowest == lowest, "first mapping %llx, Linux %llx",
	      (unsigned long long)img.lowest, lowest);
	free(buf);
}

/* ---- mutations of the 64-bit static probe, answers measured on Linux ---- */

static unsigned char *base;
static size_t base_len;

static void put(unsigned char *b, size_t off, unsigned long long v, int bytes)
{
	memcpy(b + off, &v, bytes);		/* little-endian host */
}

static unsigned long long get(const unsigned char *b, size_t off, int bytes)
{
	unsigned long long v = 0;

	memcpy(&v, b + off, bytes);
	return v;
}

/* Offset of the first program header of the given type. */
static size_t phdr_of(const unsigned char *b, unsigned int type)
{
	size_t phoff = get(b, 32, 8);
	unsigned int phnum = get(b, 56, 2);

	for (unsigned int i = 0; i < phnum; i++)
		if (get(b, phoff + 56 * i, 4) == type)
			return phoff + 56 * i;
	return 0;
}

struct mutant {
	const char *what;
	int check_rc;		/* elf_check(), as Linux's pre-no-return checks */
	int layout_rc;		/* elf_layout() (Linux: SIGSEGV after no return) */
	const char *msg;
};

static void try_mutant(const struct mutant *m, const unsigned char *b, size_t len)
{
	struct elf_image img;
	char msg[200] = "";
	unsigned char *copy = malloc(len ? len : 1);
	int rc;

	ktap_begin("elf: %s", m->what);
	memcpy(copy, b, len);
	rc = elf_check(copy, len, ALL_ABIS, &img, msg, sizeof(msg));
	CHECK(rc == m->check_rc, "elf_check rc %d, want %d (%s)", rc, m->check_rc, msg);
	if (rc == 0 && m->check_rc == 0) {
		rc = elf_layout(&img, &place64, msg, sizeof(msg));
		CHECK(rc == m->layout_rc, "elf_layout rc %d, want %d (%s)", rc, m->layout_rc, msg);
	}
	CHECK(!m->msg || strstr(msg, m->msg), "message \"%s\" lacks \"%s\"", msg, m->msg);
	CHECK(rc == 0 || msg[0], "an error without a message");
	free(copy);
}

static unsigned char *mutable_copy(size_t extra)
{
	unsigned char *b = calloc(1, base_len + extra);

	memcpy(b, base, base_len);
	return b;
}

static void mutations(void)
{
	size_t len = base_len, load, stack;
	unsigned char *b;

	ktap_begin("elf: mutations of probe64");
	if (!base) {
		ktap_skip("no probe64");
		return;
	}
	load = phdr_of(base, PT_LOAD);
	stack = phdr_of(base, PT_GNU_STACK);
	CHECK(load && stack, "probe64 has no PT_LOAD or no PT_GNU_STACK");

#define MUTANT(what, crc, lrc, msg, ...) do {					\
		struct mutant m = { what, crc, lrc, msg };			\
		b = mutable_copy(0);						\
		__VA_ARGS__;							\
		try_mutant(&m, b, len);						\
		free(b);							\
	} while (0)

	/* Linux runs these: it looks at none of these fields. */
	MUTANT("does EI_CLASS=1 on a 64-bit program still run (Linux ignores it)?",
	       0, 0, NULL, b[4] = 1);
	MUTANT("does EI_DATA=2 still run (Linux ignores it)?", 0, 0, NULL, b[5] = 2);
	MUTANT("does EI_VERSION=0 still run?", 0, 0, NULL, b[6] = 0);
	MUTANT("does e_version=0 still run?", 0, 0, NULL, put(b, 20, 0, 4));
	MUTANT("does a PT_LOAD whose file bytes end exactly at EOF run?", 0, 0, NULL,
	       put(b, load + 32, len, 8); put(b, load + 40, len, 8));

	/* ENOEXEC before the point of no return, as Linux. */
	MUTANT("is ET_REL ENOEXEC?", -ENOEXEC, 0, "e_type 1", put(b, 16, ET_REL, 2));
	MUTANT("is EM_386 in a 64-bit header ENOEXEC?", -ENOEXEC, 0, NULL, put(b, 18, EM_386, 2));
	MUTANT("is EM_ARM ENOEXEC?", -ENOEXEC, 0, "e_machine 40", put(b, 18, 40, 2));
	MUTANT("is e_phentsize 32 in a 64-bit program ENOEXEC?", -ENOEXEC, 0,
	       "e_phentsize", put(b, 54, 32, 2));
	MUTANT("is e_phnum 0 ENOEXEC?", -ENOEXEC, 0, "program headers", put(b, 56, 0, 2));
	MUTANT("is e_phnum 1171 (over 64 KiB of headers) ENOEXEC?", -ENOEXEC, 0,
	       "want 1 to 1170", put(b, 56, 1171, 2));
	MUTANT("is e_phnum 0xffff ENOEXEC?", -ENOEXEC, 0, NULL, put(b, 56, 0xffff, 2));
	MUTANT("are program headers past EOF ENOEXEC (not EIO)?", -ENOEXEC, 0, "past the end",
	       put(b, 32, len + 100, 8));
	MUTANT("is e_phoff 2^63 ENOEXEC?", -ENOEXEC, 0, NULL, put(b, 32, 1ULL << 63, 8));
	MUTANT("is e_phoff 2^64-8 ENOEXEC (no overflow)?", -ENOEXEC, 0, NULL,
	       put(b, 32, ~7ULL, 8));

	/* PT_INTERP: the GNU_STACK header becomes one. */
	MUTANT("is a PT_INTERP of 1 byte ENOEXEC?", -ENOEXEC, 0, "PT_INTERP",
	       put(b, stack, PT_INTERP, 4); put(b, stack + 8, 0x200, 8);
	       put(b, stack + 32, 1, 8));
	MUTANT("is a PT_INTERP over 4096 bytes ENOEXEC?", -ENOEXEC, 0, "PT_INTERP",
	       put(b, stack, PT_INTERP, 4); put(b, stack + 8, 0x200, 8);
	       put(b, stack + 32, 4097, 8));
	MUTANT("is a PT_INTERP past EOF EIO?", -EIO, 0, "past the end",
	       put(b, stack, PT_INTERP, 4); put(b, stack + 8, len - 4, 8);
	       put(b, stack + 32, 16, 8));
	MUTANT("is a PT_INTERP at offset 2^63 EINVAL?", -EINVAL, 0, NULL,
	       put(b, stack, PT_INTERP, 4); put(b, stack + 8, 1ULL << 63, 8);
	       put(b, stack + 32, 16, 8));
	MUTANT("is a PT_INTERP without its NUL ENOEXEC?", -ENOEXEC, 0, "NUL",
	       memcpy(b + len - 8, "/lib/ldX", 8); put(b, stack, PT_INTERP, 4);
	       put(b, stack + 8, len - 8, 8); put(b, stack + 32, 8, 8));

	/* Linux gets past its checks and kills the process (SIGSEGV); we
	 * refuse them before the point of no return. */
	MUTANT("is p_filesz > p_memsz refused?", 0, -ENOEXEC, "p_filesz",
	       put(b, load + 32, get(b, load + 40, 8) + 1, 8));
	MUTANT("is a first segment at address 0 refused (mmap_min_addr)?", 0, -ENOEXEC,
	       "mmap_min_addr", put(b, load + 16, 0, 8));
	MUTANT("is a segment at 0x1000 refused (mmap_min_addr)?", 0, -ENOEXEC,
	       "mmap_min_addr", put(b, load + 16, 0x1000, 8));
	MUTANT("is a segment past EOF refused?", 0, -ENOEXEC, "past the end",
	       put(b, load + 8, len + 0x10000, 8));
	MUTANT("is p_offset not congruent to p_vaddr refused?", 0, -ENOEXEC, "modulo",
	       put(b, load + 8, 0x10, 8));
	MUTANT("is a segment at TASK_SIZE refused?", 0, -ENOEXEC, "outside",
	       put(b, load + 16, 0x7ffffffff000, 8));
	MUTANT("is p_vaddr + p_memsz overflowing refused?", 0, -ENOEXEC, "overflows",
	       put(b, load + 16, ~0xfffULL, 8); put(b, load + 40, 0x2000, 8);
	       put(b, load + 32, 0x1000, 8); put(b, load + 8, 0, 8));
	MUTANT("is an entry point at 2^47 refused?", 0, -ENOEXEC, "entry point",
	       put(b, 24, 0x800000000000, 8));
	MUTANT("is an ELF without PT_LOAD refused?", 0, -ENOEXEC, "no PT_LOAD",
	       for (unsigned int i = 0; i < get(b, 56, 2); i++)
		       if (get(b, get(b, 32, 8) + 56 * i, 4) == PT_LOAD)
			       put(b, get(b, 32, 8) + 56 * i, PT_NULL, 4));

	/* Not ELF at all. */
	{
		struct mutant m = { "is an empty file ENOEXEC?", -ENOEXEC, 0, "not an ELF" };

		try_mutant(&m, (const unsigned char *)"", 0);
	}
	{
		struct mutant m = { "is a #! script ENOEXEC (no binfmt_script yet)?",
				    -ENOEXEC, 0, "script" };

		try_mutant(&m, (const unsigned char *)"#!/bin/sh\n", 10);
	}
	{
		struct mutant m = { "are the first 100 bytes of a program ENOEXEC?",
				    -ENOEXEC, 0, "past the end" };

		try_mutant(&m, base, 100);
	}
	{
		struct mutant m = { "is a 4-byte \\177ELF file ENOEXEC?", -ENOEXEC, 0, "e_type 0" };

		try_mutant(&m, (const unsigned char *)"\177ELF", 4);
	}

	/* A bigger program header table, still under 64 KiB: Linux 6.18
	 * reads it (the old one-page limit is gone). */
	{
		unsigned int n = 1170, phnum = get(base, 56, 2);
		size_t table = (base_len + 7) & ~7UL;
		struct mutant m = { "are 1170 program headers (65520 bytes) read?", 0, 0, NULL };

		b = calloc(1, table + 56 * n);
		memcpy(b, base, base_len);
		memcpy(b + table, base + get(base, 32, 8), 56 * phnum);
		put(b, 32, table, 8);
		put(b, 56, n, 2);
		try_mutant(&m, b, table + 56 * n);
		free(b);
	}
#undef MUTANT
}

/* Every cut of the headers, and one cut per page after them. */
static void truncations(void)
{
	struct elf_image img;
	char msg[200];
	int bad = 0;

	ktap_begin("elf: is every truncation of probe64 refused or safe?");
	if (!base) {
		ktap_skip("no probe64");
		return;
	}
	for (size_t cut = 0; cut < base_len; cut += cut < 8192 ? 1 : 4093) {
		int rc = check_and_layout(base, cut, ALL_ABIS, &img, msg, sizeof(msg));

		if (rc != 0 && rc != -ENOEXEC && bad++ < 5)
			ktap_fail("cut at %zu: rc %d (%s)", cut, rc, msg);
		/* The last segment's bytes reach almost to the end. */
		if (rc == 0 && cut < base_len / 2 && bad++ < 5)
			ktap_fail("cut at %zu accepted", cut);
	}
}

/* Random corruption of the headers: any answer but a crash or an unsafe
 * acceptance (check_and_layout() checks what it accepts). */
static void fuzz(void)
{
	static const unsigned long long values[] = {
		0, 1, 2, 3, 0xfff, 0x1000, 0x10000, 0x400000, 0x7ffffffff000,
		0x800000000000, 1ULL << 63, ~0ULL, ~0xfffULL, 0xffffffff,
	};
	struct elf_image img;
	char msg[200];
	int bad = 0, accepted = 0, rounds = 3000;
	size_t hdrs;

	ktap_begin("elf: do %d random corruptions of the headers stay safe?", rounds);
	if (!base) {
		ktap_skip("no probe64");
		return;
	}
	hdrs = get(base, 32, 8) + 56 * get(base, 56, 2);
	for (int r = 0; r < rounds; r++) {
		unsigned char *b = mutable_copy(0);
		int changes = 1 + test_rand() % 4, rc;

		for (int c = 0; c < changes; c++) {
			size_t at = test_rand() % hdrs;

			if (test_rand() % 2) {
				b[at] = test_rand();
			} else {
				at &= ~7UL;
				if (at + 8 <= hdrs)
					put(b, at, test_rand() % 3 ? values[test_rand() % 14]
						      : test_rand(), 8);
			}
		}
		rc = check_and_layout(b, base_len, ALL_ABIS, &img, msg, sizeof(msg));
		if (rc != 0 && rc != -ENOEXEC && rc != -EIO && rc != -EINVAL && bad++ < 5)
			ktap_fail("rc %d", rc);
		accepted += rc == 0;
		free(b);
	}
	CHECK(bad == 0, "%d unexpected answers", bad);
	ktap_note("%d of %d corruptions were accepted (and checked safe)", accepted, rounds);
}

void test_elf(void)
{
	base = read_fixture("probe64", &base_len);
	classify("probe64", ABI_64, ET_EXEC);
	classify("probepie", ABI_64, ET_DYN);
	classify("probe32", ABI_IA32, ET_EXEC);
	classify("probepie32", ABI_IA32, ET_DYN);
	classify("probex32", ABI_X32, ET_EXEC);
	placement("probe64", "run64a");
	placement("probepie", "runpie");
	placement("probe32", "run32a");
	placement("probepie32", "runpie32");
	mutations();
	truncations();
	fuzz();
	free(base);
}
