// SPDX-License-Identifier: MIT
/*
 * The cpio newc parser for the initramfs (the format is described in
 * include/trident/cpio.h).
 *
 * Linux parses the archive with a state machine fed by a decompressor
 * (init/initramfs.c); we have the whole archive in memory, so one loop
 * does it. What we keep from Linux: "070701" and "070702", NUL bytes
 * between entries are skipped and the next header must then be 4-aligned
 * ("broken padding" otherwise), the trailer does not end the walk (archives
 * may be concatenated), and a missing trailer at the very end is fine
 * ("optional TRAILER!!!" in Linux 6.x). Where Linux is lenient with a
 * malformed header (simple_strntoul stops at a non-hex digit; a truncated
 * archive is silently cut short), we stop with a message instead: the
 * archive is ours, and a clear error beats a half-populated root.
 *
 * The input is untrusted: every length is checked against the buffer
 * before it is used, in 64-bit arithmetic that cannot overflow (offsets
 * are below len, fields below 2^32).
 */
#include <trident/cpio.h>
#include <trident/errno.h>
#include <trident/printk.h>
#include <trident/string.h>

#define ALIGN4(x)	(((x) + 3) & ~(size_t)3)

static int fail(char *errbuf, size_t errlen, const char *fmt, ...)
	__printf(3, 4);

static int fail(char *errbuf, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (errbuf && errlen) {
		int n = snprintf(errbuf, errlen, "cpio: ");

		if (n >= 0 && (size_t)n < errlen) {
			va_start(ap, fmt);
			vsnprintf(errbuf + n, errlen - n, fmt, ap);
			va_end(ap);
		}
	}
	return -EINVAL;
}

/* The header's 13 fields, in order, for messages and for parsing. */
static const char *const field_names[13] = {
	"ino", "mode", "uid", "gid", "nlink", "mtime", "filesize",
	"devmajor", "devminor", "rdevmajor", "rdevminor", "namesize", "check",
};

/* 8 hex digits (either case) into *out; false on anything else. */
static bool parse_hex8(const u8 *p, u32 *out)
{
	u32 v = 0;

	for (int i = 0; i < 8; i++) {
		u8 c = p[i];
		u32 d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return false;
		v = (v << 4) | d;
	}
	*out = v;
	return true;
}

/* Names the compression formats Linux's decompress_method() knows, so
 * that a compressed initramfs gets a useful message rather than "junk". */
static const char *compression_name(const u8 *p, size_t n)
{
	static const struct { u8 len; u8 magic[6]; const char *name; } m[] = {
		{ 2, { 0x1f, 0x8b }, "gzip" },
		{ 2, { 0x1f, 0x9e }, "gzip" },
		{ 3, { 'B', 'Z', 'h' }, "bzip2" },
		{ 3, { 0x5d, 0x00, 0x00 }, "lzma" },
		{ 6, { 0xfd, '7', 'z', 'X', 'Z', 0x00 }, "xz" },
		{ 4, { 0x89, 'L', 'Z', 'O' }, "lzo" },
		{ 4, { 0x02, 0x21, 0x4c, 0x18 }, "lz4" },
		{ 4, { 0x28, 0xb5, 0x2f, 0xfd }, "zstd" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(m); i++)
		if (n >= m[i].len && memcmp(p, m[i].magic, m[i].len) == 0)
			return m[i].name;
	return NULL;
}

/*
 * Parses the entry whose header starts at pos (4-aligned, < len) into *e
 * and sets *next to where the following entry may start.
 */
static int parse_entry(const u8 *b, size_t len, size_t pos,
		       struct cpio_entry *e, size_t *next,
		       char *errbuf, size_t errlen)
{
	u32 f[13];
	size_t name_off, data_off, end;

	if (len - pos < CPIO_HDR_LEN)
		return fail(errbuf, errlen,
			    "offset %zu: header truncated: %zu of %d bytes",
			    pos, len - pos, CPIO_HDR_LEN);
	if (memcmp(b + pos, "070707", 6) == 0)
		return fail(errbuf, errlen,
			    "offset %zu: old portable (odc) cpio header: "
			    "make the archive with cpio -H newc", pos);
	if (memcmp(b + pos, "07070", 5) != 0 ||
	    (b[pos + 5] != '1' && b[pos + 5] != '2'))
		return fail(errbuf, errlen,
			    "offset %zu: no cpio magic (%02x %02x %02x %02x %02x %02x, "
			    "want \"070701\" or \"070702\")", pos,
			    b[pos], b[pos + 1], b[pos + 2], b[pos + 3],
			    b[pos + 4], b[pos + 5]);

	for (int i = 0; i < 13; i++)
		if (!parse_hex8(b + pos + 6 + 8 * i, &f[i]))
			return fail(errbuf, errlen,
				    "offset %zu: header field %s (at offset %zu) "
				    "is not 8 hex digits", pos, field_names[i],
				    pos + 6 + 8 * i);

	memset(e, 0, sizeof(*e));
	e->offset = pos;
	e->crc = b[pos + 5] == '2';
	e->ino = f[0];
	e->mode = f[1];
	e->uid = f[2];
	e->gid = f[3];
	e->nlink = f[4];
	e->mtime = f[5];
	e->filesize = f[6];
	e->devmajor = f[7];
	e->devminor = f[8];
	e->rdevmajor = f[9];
	e->rdevminor = f[10];
	e->namesize = f[11];
	e->check = f[12];

	/* The name: namesize bytes right after the header, NUL last. */
	name_off = pos + CPIO_HDR_LEN;
	if (e->namesize == 0)
		return fail(errbuf, errlen, "offset %zu: name size is 0", pos);
	if (e->namesize > len - name_off)
		return fail(errbuf, errlen,
			    "offset %zu: name (%u bytes) runs past the end of "
			    "the archive (%zu bytes)", pos, e->namesize, len);
	if (b[name_off + e->namesize - 1] != '\0')
		return fail(errbuf, errlen,
			    "offset %zu: name is not NUL-terminated "
			    "(malformed archive)", pos);
	e->name = (const char *)b + name_off;
	e->trailer = strcmp(e->name, CPIO_TRAILER) == 0;

	/* The data starts at the next 4-aligned offset. The padding after the
	 * last entry may be missing when the buffer ends right there. */
	data_off = ALIGN4(name_off + e->namesize);
	if (e->filesize && (data_off > len || e->filesize > len - data_off))
		return fail(errbuf, errlen,
			    "offset %zu (%.100s): data (%u bytes at offset %zu) "
			    "runs past the end of the archive (%zu bytes)",
			    pos, e->name, e->filesize, data_off, len);
	e->data = e->filesize ? b + data_off : NULL;

	/* newc-crc: Linux sums the bytes it writes to regular files. */
	if (e->crc && (e->mode & 0170000) == 0100000 /* S_IFREG */) {
		u32 sum = 0;

		for (u32 i = 0; i < e->filesize; i++)
			sum += b[data_off + i];
		if (sum != e->check)
			return fail(errbuf, errlen,
				    "offset %zu (%.100s): bad data checksum: "
				    "header says %08x, data sums to %08x",
				    pos, e->name, e->check, sum);
	}

	end = e->filesize ? ALIGN4(data_off + e->filesize) : data_off;
	*next = end < len ? end : len;
	return 0;
}

int cpio_parse(const void *buf, size_t len, cpio_entry_fn fn, void *arg,
	       char *errbuf, size_t errlen)
{
	const u8 *b = buf;
	size_t pos = 0;

	if (errbuf && errlen)
		errbuf[0] = '\0';

	while (pos < len) {
		struct cpio_entry e;
		const char *comp;
		size_t next = len;
		int rc;

		/* Linux's Reset state: NUL padding before the next header. */
		if (b[pos] == '\0') {
			pos++;
			continue;
		}
		if (pos & 3)
			return fail(errbuf, errlen,
				    "offset %zu: broken padding (the next header "
				    "must start 4-byte aligned)", pos);
		if (b[pos] != '0') {
			comp = compression_name(b + pos, len - pos);
			if (comp)
				return fail(errbuf, errlen,
					    "offset %zu: %s-compressed data: this "
					    "kernel reads only uncompressed cpio "
					    "(build the initramfs without compression)",
					    pos, comp);
			return fail(errbuf, errlen,
				    "offset %zu: junk (byte %02x) where a cpio "
				    "header should start", pos, b[pos]);
		}

		rc = parse_entry(b, len, pos, &e, &next, errbuf, errlen);
		if (rc)
			return rc;
		rc = fn(&e, arg);
		if (rc)
			return rc;
		pos = next;
	}
	return 0;
}
