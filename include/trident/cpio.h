/* SPDX-License-Identifier: MIT */
/*
 * The cpio "newc" archive format, as Linux's initramfs reads it
 * (init/initramfs.c, Documentation/driver-api/early-userspace/buffer-format.rst).
 *
 * Every entry is a 110-byte ASCII header, the name, the data:
 *
 *   offset  size  field                      (each field: 8 hex digits)
 *        0     6  magic "070701" (newc) or "070702" (newc with a data checksum)
 *        6     8  ino          the inode number on the machine that made it
 *       14     8  mode         S_IFMT type and permission bits
 *       22     8  uid
 *       30     8  gid
 *       38     8  nlink        >= 2: a hard link to an earlier entry may follow
 *       46     8  mtime        seconds since the epoch
 *       54     8  filesize     bytes of data (a symlink's data is its target)
 *       62     8  devmajor     device of the file system it came from
 *       70     8  devminor
 *       78     8  rdevmajor    for character and block devices
 *       86     8  rdevminor
 *       94     8  namesize     including the terminating NUL
 *      102     8  check        "070702": the sum of the data bytes
 *      110        name, NUL-terminated, padded so that the data starts 4-aligned
 *                 data, padded so that the next header starts 4-aligned
 *
 * An archive ends with an entry named "TRAILER!!!". Like Linux, the parser
 * also accepts NUL padding between entries and several archives one after
 * the other (the trailer only ends the scope of hard links).
 *
 * Pure code: no allocation, no kernel state, so the host unit tests run it
 * under AddressSanitizer on arbitrary bytes.
 */
#ifndef _TRIDENT_CPIO_H
#define _TRIDENT_CPIO_H

#include <trident/types.h>

#define CPIO_HDR_LEN	110
#define CPIO_TRAILER	"TRAILER!!!"

struct cpio_entry {
	size_t offset;		/* of the header, from the start of the buffer */
	bool crc;		/* "070702": check holds the data's byte sum */
	bool trailer;		/* the "TRAILER!!!" entry: an archive ends here */
	u32 ino, mode, uid, gid, nlink, mtime;
	u32 filesize;
	u32 devmajor, devminor;
	u32 rdevmajor, rdevminor;
	u32 namesize;		/* as in the header: strlen(name) + 1 at least */
	u32 check;
	const char *name;	/* in the buffer; name[namesize - 1] is NUL */
	const void *data;	/* in the buffer: filesize bytes */
};

/* Called for every entry, the trailer included, in archive order. A
 * nonzero return stops the walk and becomes cpio_parse()'s result. */
typedef int (*cpio_entry_fn)(const struct cpio_entry *e, void *arg);

/*
 * Walks the archive(s) in buf[0..len). Returns 0 when every byte was
 * understood, the callback's nonzero value when it stopped the walk, or
 * -EINVAL for malformed input, with a message naming the offset in errbuf
 * (entries before the bad one have been delivered, as Linux unpacks them
 * too). Never reads outside buf.
 */
int cpio_parse(const void *buf, size_t len, cpio_entry_fn fn, void *arg,
	       char *errbuf, size_t errlen);

#endif
