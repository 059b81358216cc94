// SPDX-License-Identifier: MIT
/*
 * kernel/cpio.c against archives made by the real cpio, then against
 * every truncation of one, thousands of random corruptions, and crafted
 * malformed headers. The buffers are malloc'd to their exact length, so
 * AddressSanitizer stops the test at the first byte read out of bounds.
 */
#include <trident/cpio.h>
#include <trident/errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ktap.h"
#include "host.h"

#define MAX_ENTRIES 256

struct seen {
	int n, trailers;
	struct cpio_entry e[MAX_ENTRIES];
	unsigned int sums[MAX_ENTRIES];
	int stop_at, stop_value;	/* return stop_value at entry stop_at */
};

/* Records every entry and reads every byte it points at (name, data), so
 * that a bad pointer is an ASan error right here. */
static int record(const struct cpio_entry *e, void *arg)
{
	struct seen *s = arg;
	const unsigned char *d = e->data;
	unsigned int sum = 0;

	for (size_t i = 0; i < e->filesize; i++)
		sum += d[i];
	if (strlen(e->name) + 1 > e->namesize)
		ktap_fail("entry at %zu: name longer than namesize", e->offset);
	if (s->n < MAX_ENTRIES) {
		s->e[s->n] = *e;
		s->sums[s->n] = sum;
	}
	s->n++;
	s->trailers += e->trailer;
	if (s->stop_at && s->n == s->stop_at)
		return s->stop_value;
	return 0;
}

static int parse(const void *buf, size_t len, struct seen *s, char *msg, size_t n)
{
	memset(s, 0, sizeof(*s));
	return cpio_parse(buf, len, record, s, msg, n);
}

/* A copy with no slack: reading past len touches ASan's redzone. */
static unsigned char *exact(const void *src, size_t len)
{
	unsigned char *p = malloc(len ? len : 1);

	memcpy(p, src, len);
	return p;
}

static char *fixture_path(const char *dir, const char *name)
{
	static char path[8192];

	snprintf(path, sizeof(path), "%s/%s/%s", fixtures, dir, name);
	return path;
}

/* Every entry of the real archive matches the file it came from. */
static void real_archive(void)
{
	size_t len, names_len;
	char *buf = read_fixture("tree.cpio", &len);
	char *names = read_fixture("tree.names", &names_len);
	static struct seen s;
	char msg[200], *line;
	int rc, i = 0;

	ktap_begin("cpio: does an archive made by cpio -H newc parse entry for entry?");
	if (!buf || !names) {
		ktap_fail("fixtures missing");
		return;
	}
	rc = parse(buf, len, &s, msg, sizeof(msg));
	CHECK(rc == 0, "rc %d: %s", rc, msg);
	names = realloc(names, names_len + 1);
	names[names_len] = '\0';
	for (line = strtok(names, "\n"); line; line = strtok(NULL, "\n"), i++) {
		if (i >= s.n || strcmp(s.e[i].name, line) != 0) {
			ktap_fail("entry %d: got \"%s\", cpio -t says \"%s\"", i,
				  i < s.n ? s.e[i].name : "(none)", line);
			break;
		}
	}
	CHECK(i == s.n - 1 && s.n > 0 && s.e[s.n - 1].trailer,
	      "%d names from cpio -t, %d entries (the last should be the trailer)", i, s.n);

	ktap_begin("cpio: do mode, owner, links, times, sizes and data match lstat?");
	for (i = 0; i < s.n - 1 && i < MAX_ENTRIES; i++) {
		const struct cpio_entry *e = &s.e[i];
		struct host_stat st;
		char *path = fixture_path("tree", e->name);
		static char data[1 << 16];
		long n;

		if (host_lstat(path, &st)) {
			ktap_fail("%s: not on the host", e->name);
			continue;
		}
		CHECK(e->mode == st.mode, "%s: mode %o, lstat %o", e->name, e->mode, st.mode);
		CHECK(e->uid == st.uid && e->gid == st.gid, "%s: owner %u:%u, lstat %u:%u",
		      e->name, e->uid, e->gid, st.uid, st.gid);
		CHECK(e->nlink == st.nlink, "%s: nlink %u, lstat %u", e->name, e->nlink, st.nlink);
		CHECK(e->mtime == st.mtime, "%s: mtime %u, lstat %lld", e->name, e->mtime, st.mtime);
		CHECK(e->rdevmajor == st.rdev_major && e->rdevminor == st.rdev_minor,
		      "%s: rdev %u:%u, lstat %u:%u", e->name, e->rdevmajor, e->rdevminor,
		      st.rdev_major, st.rdev_minor);
		if ((st.mode & 0170000) == 0120000) {
			n = host_readlink(path, data, sizeof(data));
			CHECK(n == (long)e->filesize && !memcmp(data, e->data, n),
			      "%s: symlink data differs from readlink", e->name);
		} else if ((st.mode & 0170000) == 0100000) {
			/* GNU cpio stores a hard-linked file's data once, with
			 * its last name; the others have none. */
			if (st.nlink > 1 && e->filesize == 0)
				continue;
			n = host_read_file(path, data, sizeof(data));
			CHECK(e->filesize == st.size && n == st.size &&
			      (n == 0 || !memcmp(data, e->data, n)),
			      "%s: %u bytes of data, the file has %lld", e->name,
			      e->filesize, st.size);
		} else {
			CHECK(e->filesize == 0, "%s: %u bytes of data", e->name, e->filesize);
		}
	}
	free(buf);
	free(names);
}

static void crc_and_odc(void)
{
	size_t len;
	char *buf = read_fixture("tree-crc.cpio", &len);
	static struct seen s;
	char msg[200];
	int rc, bad = 0;

	ktap_begin("cpio: does a cpio -H crc archive (070702) parse with its checksums?");
	if (!buf) {
		ktap_fail("fixture missing");
		return;
	}
	rc = parse(buf, len, &s, msg, sizeof(msg));
	CHECK(rc == 0, "rc %d: %s", rc, msg);
	for (int i = 0; i < s.n && i < MAX_ENTRIES; i++)
		if (!s.e[i].crc || ((s.e[i].mode & 0170000) == 0100000 && s.e[i].check != s.sums[i]))
			bad++;
	CHECK(s.n > 10 && bad == 0, "%d entries, %d without crc or with a bad sum", s.n, bad);

	ktap_begin("cpio: is a corrupted data byte in a 070702 archive a bad checksum?");
	for (int i = 0; i < s.n && i < MAX_ENTRIES; i++) {
		if ((s.e[i].mode & 0170000) != 0100000 || s.e[i].filesize == 0)
			continue;
		size_t at = (const char *)s.e[i].data - buf;

		buf[at] ^= 0x20;
		rc = parse(buf, len, &s, msg, sizeof(msg));
		CHECK(rc == -EINVAL && strstr(msg, "checksum"), "rc %d: %s", rc, msg);
		break;
	}
	free(buf);

	ktap_begin("cpio: does an odc archive (070707) say to use -H newc?");
	buf = read_fixture("tree-odc.cpio", &len);
	rc = buf ? parse(buf, len, &s, msg, sizeof(msg)) : 0;
	CHECK(rc == -EINVAL && strstr(msg, "-H newc") && strstr(msg, "offset 0"),
	      "rc %d: %s", rc, msg);
	free(buf);
}

/* Every truncation: entries delivered are a prefix of the real ones, and
 * a cut inside an entry is an error, a cut in its padding is not. */
static void truncations(void)
{
	size_t len;
	unsigned char *full = read_fixture("small.cpio", &len);
	static struct seen ref, s;
	char msg[200];
	int wrong = 0;

	ktap_begin("cpio: is every truncation of an archive an error or a clean prefix?");
	if (!full || parse(full, len, &ref, msg, sizeof(msg)) != 0) {
		ktap_fail("small.cpio: %s", full ? msg : "missing");
		return;
	}
	for (size_t cut = 0; cut <= len; cut++) {
		unsigned char *b = exact(full, cut);
		int rc = parse(b, cut, &s, msg, sizeof(msg));
		int inside = 0;

		for (int i = 0; i < ref.n; i++) {
			const struct cpio_entry *e = &ref.e[i];
			size_t end = e->filesize
				? (size_t)((const unsigned char *)e->data - full) + e->filesize
				: e->offset + CPIO_HDR_LEN + e->namesize;

			if (cut > e->offset && cut < end)
				inside = 1;
		}
		if (inside ? (rc != -EINVAL || !strstr(msg, "offset")) : rc != 0) {
			if (wrong++ < 5)
				ktap_fail("cut at %zu (inside an entry: %d): rc %d: %s",
					  cut, inside, rc, msg);
		}
		for (int i = 0; i < s.n && i < ref.n; i++) {
			if (s.e[i].offset != ref.e[i].offset || s.e[i].filesize != ref.e[i].filesize ||
			    strcmp(s.e[i].name, ref.e[i].name) || s.sums[i] != ref.sums[i]) {
				if (wrong++ < 5)
					ktap_fail("cut at %zu: entry %d differs", cut, i);
			}
		}
		free(b);
	}
	CHECK(wrong == 0, "%d wrong answers", wrong);
	free(full);
}

/* Random corruptions: the parser must answer 0 or -EINVAL with a message,
 * never crash or read outside the buffer (ASan). */
static void fuzz(const char *fixture, int rounds)
{
	static const char interesting[] = "0123456789abcdefABCDEFgxX \n\377";
	size_t len;
	unsigned char *orig = read_fixture(fixture, &len);
	static struct seen s;
	char msg[200];
	int bad = 0, errors = 0;

	ktap_begin("cpio: do %d random corruptions of %s stay in bounds?", rounds, fixture);
	if (!orig) {
		ktap_fail("fixture missing");
		return;
	}
	for (int r = 0; r < rounds; r++) {
		size_t n = len;
		unsigned char *b;
		int rc, flips = 1 + test_rand() % 6;

		if (test_rand() % 4 == 0)
			n = test_rand() % (len + 1);	/* and truncated */
		b = exact(orig, n);
		for (int f = 0; f < flips && n; f++) {
			size_t at = test_rand() % n;

			/* Most flips hit the first headers, where they matter. */
			if (test_rand() % 2)
				at %= (n < 512 ? n : 512);
			b[at] = test_rand() % 3 ? interesting[test_rand() % (sizeof(interesting) - 1)]
						: (unsigned char)test_rand();
		}
		msg[0] = 'x';
		rc = parse(b, n, &s, msg, sizeof(msg));
		if (rc == -EINVAL) {
			errors++;
			if (!msg[0] || !strstr(msg, "cpio: offset"))
				bad++;
		} else if (rc != 0) {
			bad++;
		}
		free(b);
	}
	CHECK(bad == 0, "%d answers that were neither 0 nor -EINVAL with a message", bad);
	ktap_note("%d of %d corruptions were errors", errors, rounds);
	free(orig);
}

/* ---- crafted archives ---- */

struct arc {
	unsigned char buf[8192];
	size_t len;
};

static void pad4(struct arc *a)
{
	while (a->len & 3)
		a->buf[a->len++] = 0;
}

/* Appends one newc entry; namesize < 0 means strlen(name) + 1. */
static void add(struct arc *a, const char *magic, unsigned int mode, const char *name,
		long namesize, const void *data, unsigned int size, unsigned int check)
{
	char hdr[256];
	size_t nlen = strlen(name) + 1;

	snprintf(hdr, sizeof(hdr), "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08lX%08X",
		 magic, 1u, mode, 0u, 0u, 1u, 0u, size, 0u, 0u, 0u, 0u,
		 namesize < 0 ? (unsigned long)nlen : (unsigned long)namesize, check);
	memcpy(a->buf + a->len, hdr, CPIO_HDR_LEN);
	a->len += CPIO_HDR_LEN;
	memcpy(a->buf + a->len, name, nlen);
	a->len += nlen;
	pad4(a);
	memcpy(a->buf + a->len, data, size);
	a->len += size;
	pad4(a);
}

static void trailer(struct arc *a)
{
	add(a, "070701", 0, CPIO_TRAILER, -1, "", 0, 0);
}

static int parse_arc(struct arc *a, struct seen *s, char *msg, size_t n)
{
	unsigned char *b = exact(a->buf, a->len);
	int rc = parse(b, a->len, s, msg, n);

	free(b);
	return rc;
}

static void expect(struct arc *a, int want_rc, const char *want_msg, int want_n,
		   const char *what)
{
	static struct seen s;
	char msg[200] = "";
	int rc = parse_arc(a, &s, msg, sizeof(msg));

	ktap_begin("cpio: %s", what);
	CHECK(rc == want_rc, "rc %d, want %d (%s)", rc, want_rc, msg);
	CHECK(!want_msg || strstr(msg, want_msg), "message \"%s\" lacks \"%s\"", msg, want_msg);
	CHECK(want_n < 0 || s.n == want_n, "%d entries delivered, want %d", s.n, want_n);
}

static void crafted(void)
{
	static struct arc a;
	static struct seen s;
	char msg[200];
	int rc;

	memset(&a, 0, sizeof(a));
	add(&a, "070701", 0100644, "f", -1, "data", 4, 0);
	add(&a, "070701", 040755, "d", -1, "", 0, 0);
	trailer(&a);
	expect(&a, 0, NULL, 3, "does a crafted archive parse?");

	a.len = 0;
	add(&a, "070701", 0100644, "f", -1, "data", 4, 0);
	expect(&a, 0, NULL, 1, "is a missing trailer at the very end fine (as Linux 6.x)?");

	a.len = 0;
	add(&a, "070703", 0100644, "f", -1, "data", 4, 0);
	expect(&a, -EINVAL, "no cpio magic", 0, "is \"070703\" no cpio magic?");

	a.len = 0;
	add(&a, "070701", 0100644, "f", -1, "data", 4, 0);
	a.buf[6 + 8 * 6 + 3] = 'g';		/* in filesize */
	expect(&a, -EINVAL, "filesize", 0, "is a non-hex digit in filesize named?");

	a.len = 0;
	add(&a, "070701", 0100644, "f", -1, "data", 4, 0);
	memcpy(a.buf + 6 + 8 * 1, "000081a4", 8);	/* lower case */
	expect(&a, 0, NULL, 1, "are lower-case hex digits fine?");

	a.len = 0;
	add(&a, "070701", 0100644, "f", 0, "data", 4, 0);
	expect(&a, -EINVAL, "name size is 0", 0, "is a name size of 0 refused?");

	a.len = 0;
	add(&a, "070701", 0100644, "ff", 2, "data", 4, 0);	/* "ff" without its NUL */
	expect(&a, -EINVAL, "not NUL-terminated", 0, "is a name without its NUL refused?");

	a.len = 0;
	add(&a, "070701", 0100644, "f", 5000, "", 0, 0);
	expect(&a, -EINVAL, "name (5000 bytes) runs past", 0, "is a name past the end refused?");

	a.len = 0;
	add(&a, "070701", 0100644, "f", -1, "data", 4, 0);
	memcpy(a.buf + 6 + 8 * 6, "00010000", 8);	/* filesize 64 KiB */
	expect(&a, -EINVAL, "runs past the end", 0, "is data past the end refused?");

	a.len = 0;
	add(&a, "070701", 0100644, "f", -1, "data", 4, 0);
	memset(a.buf + a.len, 0, 8);
	a.len += 8;
	add(&a, "070701", 0100644, "g", -1, "x", 1, 0);
	trailer(&a);
	memset(a.buf + a.len, 0, 512);
	a.len += 512;
	expect(&a, 0, NULL, 3, "are NUL bytes between entries and after the trailer skipped?");

	a.len = 0;
	add(&a, "070701", 0100644, "f", -1, "data", 4, 0);
	memset(a.buf + a.len, 0, 3);
	a.len += 3;
	add(&a, "070701", 0100644, "g", -1, "x", 1, 0);
	expect(&a, -EINVAL, "broken padding", 1, "is a header after 3 NULs broken padding?");

	a.len = 0;
	add(&a, "070701", 0100644, "f", -1, "data", 4, 0);
	trailer(&a);
	add(&a, "070701", 0100644, "g", -1, "x", 1, 0);
	trailer(&a);
	rc = parse_arc(&a, &s, msg, sizeof(msg));
	ktap_begin("cpio: are two archives one after the other both read (as Linux)?");
	CHECK(rc == 0 && s.n == 4 && s.trailers == 2, "rc %d, %d entries, %d trailers",
	      rc, s.n, s.trailers);

	a.len = 0;
	add(&a, "070701", 0100644, "f", -1, "data", 4, 0);
	trailer(&a);
	memcpy(a.buf + a.len, "\x1f\x8b\x08\x00", 4);
	a.len += 4;
	expect(&a, -EINVAL, "gzip", 2, "does gzip data after an archive say gzip?");

	a.len = 0;
	memcpy(a.buf, "\xfd" "7zXZ\0\0\0", 8);
	a.len = 8;
	expect(&a, -EINVAL, "xz-compressed", 0, "does an xz initramfs say so?");

	a.len = 0;
	trailer(&a);
	memcpy(a.buf + a.len, "junkjunk", 8);
	a.len += 8;
	expect(&a, -EINVAL, "junk", 1, "is junk after the trailer an error?");

	a.len = 0;
	add(&a, "070702", 0100644, "f", -1, "abc", 3, 'a' + 'b' + 'c');
	expect(&a, 0, NULL, 1, "is a right 070702 checksum accepted?");
	a.len = 0;
	add(&a, "070702", 0100644, "f", -1, "abc", 3, 7);
	expect(&a, -EINVAL, "bad data checksum", 0, "is a wrong 070702 checksum refused?");
	a.len = 0;
	add(&a, "070702", 0120777, "l", -1, "abc", 3, 7);
	expect(&a, 0, NULL, 1, "is a symlink's 070702 checksum ignored (Linux sums files only)?");

	a.len = 0;
	add(&a, "070701", 0100644, "f", -1, "data", 4, 0);
	add(&a, "070701", 0100644, "g", -1, "x", 1, 0);
	trailer(&a);
	memset(&s, 0, sizeof(s));
	s.stop_at = 2;
	s.stop_value = 7;
	{
		unsigned char *b = exact(a.buf, a.len);

		rc = cpio_parse(b, a.len, record, &s, msg, sizeof(msg));
		free(b);
	}
	ktap_begin("cpio: does the callback's nonzero value stop the walk?");
	CHECK(rc == 7 && s.n == 2, "rc %d after %d entries", rc, s.n);

	a.len = 0;
	add(&a, "070701", 0100644, "f", -1, "abc", 3, 0);
	a.len -= 1;			/* the data's padding byte */
	expect(&a, 0, NULL, 1, "is a final entry whose padding is cut off fine?");

	ktap_begin("cpio: is an empty buffer an empty archive?");
	rc = cpio_parse("", 0, record, &s, msg, sizeof(msg));
	CHECK(rc == 0, "rc %d", rc);
}

void test_cpio(void)
{
	real_archive();
	crc_and_odc();
	truncations();
	fuzz("small.cpio", 4000);
	fuzz("tree.cpio", 1000);
	crafted();
}
