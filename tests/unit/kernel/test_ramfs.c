// SPDX-License-Identifier: MIT
/*
 * kernel/ramfs.c: the archive of run.sh's tree unpacked and compared with
 * the tree (lstat, contents, link targets); path lookups compared with the
 * host's own answer on the same tree (openat2 with RESOLVE_IN_ROOT, which
 * treats the tree as "/"); operations compared with the same operations on
 * a copy of the tree; then what the initramfs does with duplicate names,
 * hard links, device nodes and missing directories, and file contents.
 *
 * ramfs.c is included, not linked, so that each case can start from an
 * empty root (its statics are reset below).
 */
#include "ramfs.c"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ktap.h"
#include "host.h"

static char tree[4096], tree_ops[4096];

static void free_tree(struct dentry *d)
{
	struct dentry *c = d->children, *next;

	for (; c; c = next) {
		next = c->next;
		free_tree(c);
	}
	if (S_ISDIR(d->inode->mode) || --d->inode->nlink == 0) {
		if (d->inode->capacity)
			kfree(d->inode->data);
		kfree(d->inode);
	}
	kfree(d);
}

static void reset(void)
{
	if (root)
		free_tree(root);
	root = NULL;
	next_ino = 1;
	ramfs_init();
}

static int unpack_fixture(const char *name)
{
	static void *bufs[8];
	static int nbufs;
	size_t len;
	void *buf = read_fixture(name, &len);

	if (!buf)
		return -1;
	/* The file data stays in the archive: keep it, as the kernel keeps
	 * the module (freed at exit by the leak-free path below). */
	if (nbufs == 8) {
		free(bufs[0]);
		memmove(bufs, bufs + 1, 7 * sizeof(bufs[0]));
		nbufs--;
	}
	bufs[nbufs++] = buf;
	return initramfs_unpack(buf, len);
}

/* ---- the tree ---- */

static int count;

static void compare_entry(struct dentry *d, const char *path)
{
	struct inode *in = d->inode;
	struct host_stat st;
	char host[8192], data[1 << 16];
	long n;

	count++;
	snprintf(host, sizeof(host), "%s%s", tree, path);
	if (host_lstat(host, &st)) {
		ktap_fail("%s: only in ramfs", path);
		return;
	}
	CHECK(in->mode == st.mode, "%s: mode %o, host %o", path, in->mode, st.mode);
	CHECK(in->uid == st.uid && in->gid == st.gid, "%s: owner %u:%u, host %u:%u",
	      path, in->uid, in->gid, st.uid, st.gid);
	CHECK(in->mtime == st.mtime, "%s: mtime %lld, host %lld", path,
	      (long long)in->mtime, st.mtime);
	/* Some host file systems count directory links differently. */
	CHECK(in->nlink == st.nlink || (S_ISDIR(in->mode) && st.nlink < 2),
	      "%s: nlink %u, host %u", path, in->nlink, st.nlink);
	if (S_ISREG(in->mode)) {
		n = host_read_file(host, data, sizeof(data));
		CHECK(in->size == (u64)st.size && n == st.size &&
		      (n == 0 || !memcmp(in->data, data, n)), "%s: contents differ", path);
	} else if (S_ISLNK(in->mode)) {
		n = host_readlink(host, data, sizeof(data));
		CHECK(n >= 0 && in->size == (u64)n && !strcmp((char *)in->data, data),
		      "%s: symlink to \"%s\", host \"%s\"", path, (char *)in->data, data);
	} else if (S_ISCHR(in->mode) || S_ISBLK(in->mode)) {
		CHECK(in->rdev_major == st.rdev_major && in->rdev_minor == st.rdev_minor,
		      "%s: rdev %u:%u, host %u:%u", path, in->rdev_major, in->rdev_minor,
		      st.rdev_major, st.rdev_minor);
	} else if (S_ISDIR(in->mode)) {
		unsigned int entries = 0, subdirs = 0;

		for (struct dentry *c = d->children; c; c = c->next) {
			entries++;
			subdirs += S_ISDIR(c->inode->mode);
		}
		CHECK(in->size == 40 + 20 * entries && in->nlink == 2 + subdirs,
		      "%s: size %llu nlink %u for %u entries (%u directories)", path,
		      (unsigned long long)in->size, in->nlink, entries, subdirs);
	}
}

static void compare_tree(struct dentry *dir, const char *path)
{
	char child[8192];

	for (struct dentry *c = dir->children; c; c = c->next) {
		snprintf(child, sizeof(child), "%s/%s", path, c->name);
		compare_entry(c, child);
		if (S_ISDIR(c->inode->mode))
			compare_tree(c, child);
	}
}

static void unpack_tree(void)
{
	struct host_stat st;
	size_t len;
	char *names = read_fixture("tree.names", &len);
	int rc, lines = 0;

	ktap_begin("ramfs: does the unpacked archive match the tree it was made from?");
	reset();
	rc = unpack_fixture("tree.cpio");
	CHECK(rc == 0, "unpack rc %d: %s", rc, printk_log());
	count = 0;
	compare_tree(root, "");
	for (size_t i = 0; names && i < len; i++)
		lines += names[i] == '\n';
	CHECK(count == lines - 1, "%d names in ramfs, %d in the archive besides \".\"",
	      count, lines - 1);
	CHECK(host_lstat(tree, &st) == 0 && root->inode->mode == st.mode,
	      "root mode %o, the \".\" entry says %o", root->inode->mode, st.mode);
	CHECK(!strstr(printk_log(), "initramfs"), "messages: %s", printk_log());
	free(names);

	ktap_begin("ramfs: do hard links from the archive share one inode?");
	{
		struct dentry *a, *b, *c;

		CHECK(ramfs_lookup("/hl1", 0, &a) == 0 && ramfs_lookup("/hl2", 0, &b) == 0 &&
		      ramfs_lookup("/dir/hl3", 0, &c) == 0, "hl1, hl2, dir/hl3 missing");
		CHECK(!ktap_failed() && a->inode == b->inode && b->inode == c->inode &&
		      a->inode->nlink == 3 && a->inode->size == 7,
		      "three names, one inode of 7 bytes with nlink 3");
	}
	ktap_begin("ramfs: does a regular file point into the archive, unchanged?");
	{
		struct dentry *d;

		CHECK(ramfs_lookup("/bin/blob", 0, &d) == 0 && d->inode->capacity == 0 &&
		      d->inode->size > 10000, "bin/blob should borrow the archive's bytes");
	}
}

/* ---- lookups, ours and the host's ---- */

static char *long_name(int n)
{
	char *s = malloc(n + 1);

	memset(s, 'L', n);
	s[n] = '\0';
	return s;
}

static void lookups(void)
{
	static const char *fixed[] = {
		"", "/", "//", ".", "..", "/..", "/../..", "./.", "dir", "/dir", "dir/",
		"dir//file", "dir/file", "dir/file/", "dir/file/.", "dir/file/..",
		"dir/./file", "dir/../dir/file", "dir/sub/../file", "dir/nope", "nope/x",
		"dir/file/x", "link", "link/", "link/file", "link/..", "link/../dir",
		"abslink", "abslink/", "dangling", "dangling/", "dangling2", "loop1",
		"loop1/", "loop1/x", "selfloop", "selfloop/", "filelink", "filelink/",
		"filelinkslash", "filelinkslash/", "dotlink", "dotlink/", "dotlink/dir/file",
		"dotdotlink", "dotdotlink/dir", "trailing", "trailing/", "trailing/file",
		"updown", "dir/sub/rel", "linklink", "linklink/deep/x", "c1", "c1/", "c2",
		"c2/", "c2/file", "c40", "c41/file", "fifo", "fifo/", "dev/console",
		"empty", "empty/", "empty/.", "a b", "sticky", "emptydir/.", "emptydir/..",
		"bin/setuid", "hl1", "dir/hl3", "/dir/sub/deep/x", "dir/sub/deep/x/..",
		"///dir///sub///", "link/sub/../../link/file", "dir/locked",
	};
	char *l255 = long_name(255), *l256 = long_name(256), *p;
	char *extra[16];
	int nextra = 0, bad = 0, cases = 0, skipped = 0;

	extra[nextra++] = l255;
	p = malloc(300); sprintf(p, "%s/", l255); extra[nextra++] = p;
	extra[nextra++] = l256;
	p = malloc(300); sprintf(p, "dir/%s", l256); extra[nextra++] = p;
	p = malloc(300); sprintf(p, "nope/%s", l256); extra[nextra++] = p;
	p = malloc(300); sprintf(p, "empty/%s", l256); extra[nextra++] = p;
	p = malloc(300); sprintf(p, "%s/x", l256); extra[nextra++] = p;
	p = malloc(300); sprintf(p, "link/%s/..", l256); extra[nextra++] = p;
	/* 4095 bytes, the longest path; 4096, one too many. */
	p = malloc(4200); strcpy(p, "/");
	for (int i = 0; i < 2044; i++) strcat(p, "./");
	strcat(p, "/empty"); extra[nextra++] = p;
	p = malloc(4200); strcpy(p, "/");
	for (int i = 0; i < 2045; i++) strcat(p, "./");
	strcat(p, "empty"); extra[nextra++] = p;

	ktap_begin("ramfs: does every lookup answer as Linux's does on the same tree?");
	reset();
	unpack_fixture("tree.cpio");
	for (int i = 0; i < (int)(sizeof(fixed) / sizeof(fixed[0])) + nextra; i++) {
		const char *path = i < (int)(sizeof(fixed) / sizeof(fixed[0]))
			? fixed[i] : extra[i - sizeof(fixed) / sizeof(fixed[0])];

		for (int follow = 0; follow < 2; follow++) {
			struct host_stat st;
			struct dentry *d;
			char canon[8192], ours[8192];
			int hrc = host_lookup(tree, path, follow, canon, sizeof(canon), &st);
			int rc = ramfs_lookup(path, follow ? LOOKUP_FOLLOW : 0, &d);

			if (hrc == -ENOSYS) {
				skipped++;
				continue;
			}
			cases++;
			if (rc != hrc) {
				if (bad++ < 10)
					ktap_fail("\"%.60s\"%s (%zu bytes): ours %d, Linux %d", path,
						  follow ? " followed" : "", strlen(path), rc, hrc);
				continue;
			}
			if (rc)
				continue;
			ramfs_path(d, ours, sizeof(ours));
			if (strcmp(ours, canon) || d->inode->mode != st.mode) {
				if (bad++ < 10)
					ktap_fail("\"%.60s\"%s: ours %s (%o), Linux %s (%o)", path,
						  follow ? " followed" : "", ours, d->inode->mode,
						  canon, st.mode);
			}
		}
	}
	if (skipped && !cases)
		ktap_skip("the host has no openat2");
	CHECK(bad == 0, "%d of %d lookups differ", bad, cases);
	for (int i = 0; i < nextra; i++)
		free(extra[i]);		/* l256 is extra[2] */
}

/* ---- operations, ours and the host's ---- */

struct op {
	const char *op, *a, *b;
	unsigned int mode, maj, min;
};

static int our_op(const struct op *o)
{
	if (!strcmp(o->op, "mkdir"))
		return ramfs_mkdir(NULL, o->a, o->mode, NULL);
	if (!strcmp(o->op, "mknod"))
		return ramfs_mknod(NULL, o->a, o->mode, o->maj, o->min, NULL);
	if (!strcmp(o->op, "symlink"))
		return ramfs_symlink(NULL, o->a, o->b);
	if (!strcmp(o->op, "link"))
		return ramfs_link(NULL, o->a, o->b);
	if (!strcmp(o->op, "unlink"))
		return ramfs_unlink(NULL, o->a);
	if (!strcmp(o->op, "rmdir"))
		return ramfs_rmdir(NULL, o->a);
	return -1000;
}

static void operations(void)
{
	static char l256[257];
	static const struct op ops[] = {
		{ "mkdir", "newdir", 0, 0755 }, { "mkdir", "newdir", 0, 0755 },
		{ "mkdir", "newdir2/", 0, 0700 }, { "mkdir", "dir/file/x", 0, 0755 },
		{ "mkdir", "nope/x", 0, 0755 }, { "mkdir", ".", 0, 0755 },
		{ "mkdir", "dir/..", 0, 0755 }, { "mkdir", "link", 0, 0755 },
		{ "mkdir", "dangling", 0, 0755 }, { "mkdir", l256, 0, 0755 },
		{ "mkdir", "link/newsub", 0, 01777 }, { "mkdir", "sticky/s", 0, 02755 },
		{ "mknod", "f1", 0, 0100644 }, { "mknod", "f1", 0, 0100644 },
		{ "mknod", "f2/", 0, 0100644 }, { "mknod", "dir/", 0, 0100644 },
		{ "mknod", "d3", 0, 040755 }, { "mknod", "bad", 0, 0170644 },
		{ "mknod", "zero", 0, 0644 }, { "mknod", "ff", 0, 010600 },
		{ "mknod", "sock", 0, 0140600 }, { "mknod", "link/f3", 0, 0104755 },
		{ "symlink", "", "s0" }, { "symlink", "target", "s1" },
		{ "symlink", "t", "s1" }, { "symlink", "t", "link/" },
		{ "symlink", "t", "newlink/" }, { "symlink", "t", "dir/file/x" },
		{ "link", "dir/file", "hlnew" }, { "link", "dir", "dl" },
		{ "link", "nope", "x" }, { "link", "dangling", "dl2" },
		{ "link", "dir/file", "hl1" }, { "link", "dir/file/", "x2" },
		{ "link", "link/file", "viasym" }, { "link", "filelink", "hlsym" },
		{ "unlink", "dir" }, { "unlink", "dir/file/" }, { "unlink", "nope" },
		{ "unlink", "." }, { "unlink", "hlnew" }, { "unlink", "link/" },
		{ "unlink", "link" }, { "unlink", "empty" }, { "unlink", "hl2" },
		{ "unlink", "dir/.." }, { "unlink", "empty/" },
		{ "rmdir", "dir" }, { "rmdir", "." }, { "rmdir", "dir/.." },
		{ "rmdir", "newdir" }, { "rmdir", "newdir2/" }, { "rmdir", "hl1" },
		{ "rmdir", "trailing" }, { "rmdir", "trailing/" }, { "rmdir", "nope" },
		{ "rmdir", "emptydir" }, { "rmdir", "emptydir" }, { "rmdir", l256 },
		{ "rmdir", "dir/sub/deep/x/.." },
	};
	static const char *after[] = {
		"newdir", "newdir2", "dir/newsub", "sticky/s", "f1", "zero", "ff", "sock",
		"dir/f3", "s1", "dl2", "viasym", "hlsym", "hlnew", "link", "empty", "hl1",
		"hl2", "dir/hl3", "emptydir", "dir/file", "dangling", "filelink",
	};
	int bad = 0;

	memset(l256, 'L', 256);
	ktap_begin("ramfs: does every operation answer as Linux's on the same tree?");
	reset();
	unpack_fixture("tree.cpio");
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		int hrc = host_op(tree_ops, ops[i].op, ops[i].a, ops[i].b, ops[i].mode,
				  ops[i].maj, ops[i].min);
		int rc = our_op(&ops[i]);

		if (rc != hrc && bad++ < 10)
			ktap_fail("%s(\"%.40s\"%s%s): ours %d, Linux %d", ops[i].op, ops[i].a,
				  ops[i].b ? ", " : "", ops[i].b ? ops[i].b : "", rc, hrc);
	}
	CHECK(bad == 0, "%d operations differ", bad);

	ktap_begin("ramfs: is the tree the same as the host's after the operations?");
	for (size_t i = 0; i < sizeof(after) / sizeof(after[0]); i++) {
		struct host_stat st;
		struct dentry *d;
		char canon[8192];
		int hrc = host_lookup(tree_ops, after[i], 0, canon, sizeof(canon), &st);
		int rc = ramfs_lookup(after[i], 0, &d);

		if (hrc == -ENOSYS) {
			ktap_skip("the host has no openat2");
			break;
		}
		CHECK(rc == hrc, "%s: ours %d, Linux %d", after[i], rc, hrc);
		if (rc || hrc)
			continue;
		CHECK(d->inode->mode == st.mode && d->inode->nlink == st.nlink,
		      "%s: ours %o nlink %u, Linux %o nlink %u", after[i], d->inode->mode,
		      d->inode->nlink, st.mode, st.nlink);
	}
}

/* ---- what the initramfs does ---- */

struct arc {
	unsigned char *buf;
	size_t len, cap;
};

static void arc_add(struct arc *a, unsigned int mode, const char *name, const char *data,
		    unsigned int nlink, unsigned int ino, unsigned int rmaj, unsigned int rmin)
{
	size_t nlen = strlen(name) + 1, dlen = data ? strlen(data) : 0;
	char hdr[256];

	if (a->len + CPIO_HDR_LEN + nlen + dlen + 8 > a->cap) {
		a->cap = 2 * (a->cap + CPIO_HDR_LEN + nlen + dlen + 8);
		a->buf = realloc(a->buf, a->cap);
	}
	snprintf(hdr, sizeof(hdr), "070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X",
		 ino, mode, 0u, 0u, nlink, 1500000000u, dlen, 0u, 0u, rmaj, rmin, nlen, 0u);
	memcpy(a->buf + a->len, hdr, CPIO_HDR_LEN);
	a->len += CPIO_HDR_LEN;
	memcpy(a->buf + a->len, name, nlen);
	a->len += nlen;
	while (a->len & 3)
		a->buf[a->len++] = 0;
	if (dlen)
		memcpy(a->buf + a->len, data, dlen);
	a->len += dlen;
	while (a->len & 3)
		a->buf[a->len++] = 0;
}

/* Files point into their archive: an old buffer must outlive the test. */
static void *graveyard[32];
static int ngraves;

static void arc_new(struct arc *a)
{
	if (a->buf && ngraves < 32)
		graveyard[ngraves++] = a->buf;
	a->buf = NULL;
	a->len = a->cap = 0;
}

static struct inode *at(const char *path, unsigned int flags)
{
	struct dentry *d;

	return ramfs_lookup(path, flags, &d) ? NULL : d->inode;
}

static int contents(const char *path, const char *want)
{
	struct inode *in = at(path, LOOKUP_FOLLOW);

	return in && in->size == strlen(want) && !memcmp(in->data, want, in->size);
}

static void initramfs(void)
{
	static struct arc a;
	struct inode *in, *in2;
	int rc;

	ktap_begin("initramfs: does a later entry of the same name replace a file?");
	reset();
	arc_new(&a);
	arc_add(&a, 0100644, "x", "one", 1, 1, 0, 0);
	arc_add(&a, 0100600, "x", "second", 1, 2, 0, 0);
	rc = initramfs_unpack(a.buf, a.len);
	CHECK(rc == 0 && contents("/x", "second") && at("/x", 0)->mode == 0100600,
	      "rc %d, /x should hold \"second\" with mode 600", rc);

	ktap_begin("initramfs: do a directory, then a file, then a symlink replace each other?");
	arc_new(&a);
	arc_add(&a, 040755, "y", NULL, 2, 3, 0, 0);
	arc_add(&a, 0100644, "y", "file", 1, 4, 0, 0);
	arc_add(&a, 0120777, "z", "y", 1, 5, 0, 0);
	arc_add(&a, 0100644, "z", "file2", 1, 6, 0, 0);
	arc_add(&a, 0120777, "y", "z", 1, 7, 0, 0);
	rc = initramfs_unpack(a.buf, a.len);
	in = at("/y", 0);
	CHECK(rc == 0 && in && S_ISLNK(in->mode) && !strcmp((char *)in->data, "z") &&
	      contents("/y", "file2"), "rc %d: /y -> z, z a file", rc);

	ktap_begin("initramfs: does a file not replace a directory that has entries?");
	arc_new(&a);
	arc_add(&a, 040755, "full", NULL, 2, 8, 0, 0);
	arc_add(&a, 0100644, "full/child", "c", 1, 9, 0, 0);
	arc_add(&a, 0100644, "full", "f", 1, 10, 0, 0);
	printk_clear();
	rc = initramfs_unpack(a.buf, a.len);
	in = at("/full", 0);
	CHECK(rc == 0 && in && S_ISDIR(in->mode) && contents("/full/child", "c"),
	      "rc %d: /full must stay a directory (Linux's rmdir fails)", rc);
	CHECK(strstr(printk_log(), "full"), "no message about /full: %s", printk_log());

	ktap_begin("initramfs: do entries with the same ino and nlink >= 2 become hard links?");
	reset();
	arc_new(&a);
	arc_add(&a, 0100644, "h2", "in the way", 1, 41, 0, 0);	/* clean_path() removes it */
	arc_add(&a, 0100755, "h1", NULL, 2, 42, 0, 0);		/* data comes last */
	arc_add(&a, 0100755, "h2", "shared", 2, 42, 0, 0);
	arc_add(&a, 0, CPIO_TRAILER, NULL, 1, 0, 0, 0);
	arc_add(&a, 0100755, "h3", "other", 2, 42, 0, 0);	/* a new archive */
	rc = initramfs_unpack(a.buf, a.len);
	in = at("/h1", 0);
	in2 = at("/h2", 0);
	CHECK(rc == 0 && in && in == in2 && in->nlink == 2 && contents("/h1", "shared"),
	      "rc %d: h1 and h2 one inode with \"shared\"", rc);
	CHECK(at("/h3", 0) && at("/h3", 0) != in && contents("/h3", "other"),
	      "h3 is after a trailer: a file of its own");

	ktap_begin("initramfs: are device nodes, FIFOs and sockets made with their rdev?");
	arc_new(&a);
	arc_add(&a, 040755, "dev", NULL, 2, 50, 0, 0);
	arc_add(&a, 020600, "dev/console", NULL, 1, 51, 5, 1);
	arc_add(&a, 060660, "dev/sda", NULL, 1, 52, 8, 0);
	arc_add(&a, 010644, "dev/fifo", NULL, 1, 53, 0, 0);
	arc_add(&a, 0140755, "dev/sock", NULL, 1, 54, 0, 0);
	arc_add(&a, 020600, "dev/big", NULL, 1, 55, 0x1234, 0x123456);
	rc = initramfs_unpack(a.buf, a.len);
	in = at("/dev/console", 0);
	CHECK(rc == 0 && in && in->mode == 020600 && in->rdev_major == 5 && in->rdev_minor == 1,
	      "/dev/console: %o %u:%u", in ? in->mode : 0, in ? in->rdev_major : 0,
	      in ? in->rdev_minor : 0);
	in = at("/dev/sda", 0);
	CHECK(in && S_ISBLK(in->mode) && in->rdev_major == 8, "/dev/sda");
	CHECK(at("/dev/fifo", 0) && S_ISFIFO(at("/dev/fifo", 0)->mode), "/dev/fifo");
	CHECK(at("/dev/sock", 0) && S_ISSOCK(at("/dev/sock", 0)->mode), "/dev/sock");
	/* MKDEV() keeps 12 bits of major; the minor's bit 20 spills into it. */
	in = at("/dev/big", 0);
	CHECK(in && in->rdev_major == (((u32)0x1234 << 20) | 0x123456) >> 20 &&
	      in->rdev_minor == (0x123456 & 0xfffff), "/dev/big: %x:%x",
	      in ? in->rdev_major : 0, in ? in->rdev_minor : 0);

	ktap_begin("initramfs: does \".\" set the root's mode and \"./a\" mean /a?");
	reset();
	arc_new(&a);
	arc_add(&a, 040700, ".", NULL, 2, 60, 0, 0);
	arc_add(&a, 0100644, "./a", "a", 1, 61, 0, 0);
	arc_add(&a, 040755, "/abs", NULL, 2, 62, 0, 0);
	arc_add(&a, 0100644, "abs//b", "b", 1, 63, 0, 0);
	rc = initramfs_unpack(a.buf, a.len);
	CHECK(rc == 0 && root->inode->mode == 040700 && contents("/a", "a") &&
	      contents("/abs/b", "b"), "rc %d, root %o", rc, root->inode->mode);

	ktap_begin("initramfs: are missing parent directories made, with a warning?");
	reset();
	printk_clear();
	rc = unpack_fixture("noparents.cpio");
	in = at("/dir/sub", 0);
	CHECK(rc == 0 && contents("/dir/sub/deep/x", "x\n") && in && in->mode == 040755,
	      "rc %d: dir/sub/deep/x and its directories", rc);
	CHECK(strstr(printk_log(), "Linux would skip"), "no warning: %s", printk_log());

	ktap_begin("initramfs: are names over PATH_MAX and directories with data skipped?");
	reset();
	arc_new(&a);
	{
		char *big = long_name(4096);

		arc_add(&a, 0100644, big, "x", 1, 70, 0, 0);
		free(big);
	}
	arc_add(&a, 040755, "withdata", "data", 2, 71, 0, 0);
	arc_add(&a, 0120777, "emptylink", NULL, 1, 72, 0, 0);
	arc_add(&a, 0100644, "after", "ok", 1, 73, 0, 0);
	printk_clear();
	rc = initramfs_unpack(a.buf, a.len);
	CHECK(rc == 0 && !at("/withdata", 0) && !at("/emptylink", 0) && contents("/after", "ok"),
	      "rc %d", rc);
	CHECK(strstr(printk_log(), "PATH_MAX") && strstr(printk_log(), "withdata"),
	      "messages: %s", printk_log());

	ktap_begin("initramfs: does a malformed archive fail with Linux's message, keeping what came before?");
	reset();
	arc_new(&a);
	arc_add(&a, 0100644, "good", "g", 1, 80, 0, 0);
	arc_add(&a, 0100644, "bad", NULL, 1, 81, 0, 0);
	{
		char want[80];
		size_t off = a.len - CPIO_HDR_LEN - 6;	/* "bad", NUL, padding */

		memcpy(a.buf + off + 6, "zz", 2);
		snprintf(want, sizeof(want), "Initramfs unpacking failed: cpio: offset %zu", off);
		printk_clear();
		rc = initramfs_unpack(a.buf, a.len);
		CHECK(rc == -EINVAL && contents("/good", "g") && strstr(printk_log(), want),
		      "rc %d: %s", rc, printk_log());
	}
	arc_new(&a);
}

/* ---- contents ---- */

static void file_contents(void)
{
	static const char archive_bytes[] = "borrowed!";
	struct dentry *d;
	struct inode *in;
	char buf[64];

	ktap_begin("ramfs: does writing a borrowed file copy it first?");
	reset();
	ramfs_mknod(NULL, "/f", S_IFREG | 0644, 0, 0, &d);
	in = d->inode;
	ramfs_set_borrowed(in, archive_bytes, 9);
	CHECK(ramfs_write(in, 0, "B", 1) == 1 && in->capacity >= 9 &&
	      !memcmp(in->data, "Borrowed!", 9) && !strcmp(archive_bytes, "borrowed!"),
	      "the archive's bytes must not change");

	ktap_begin("ramfs: do reads stop at the end and writes past it fill with zeros?");
	CHECK(ramfs_read(in, 9, buf, 10) == 0 && ramfs_read(in, 100, buf, 10) == 0,
	      "reads at or past the end give 0");
	CHECK(ramfs_read(in, 5, buf, 10) == 4 && !memcmp(buf, "wed!", 4), "a short read");
	CHECK(ramfs_write(in, 12, "end", 3) == 3 && in->size == 15 &&
	      !memcmp(in->data + 9, "\0\0\0end", 6), "the hole reads as zeros");

	ktap_begin("ramfs: does truncate shrink and grow with zeros?");
	CHECK(ramfs_truncate(in, 2) == 0 && in->size == 2, "shrink");
	CHECK(ramfs_truncate(in, 5) == 0 && in->size == 5 && !memcmp(in->data, "Bo\0\0\0", 5),
	      "grow");
	ramfs_set_borrowed(in, archive_bytes, 9);
	CHECK(ramfs_truncate(in, 3) == 0 && in->capacity == 0 && in->size == 3,
	      "shrinking borrowed bytes copies nothing");

	ktap_begin("ramfs: are directories and symlinks refused as files?");
	ramfs_mkdir(NULL, "/dd", 0755, NULL);
	ramfs_symlink(NULL, "f", "/sl");
	CHECK(ramfs_read(at("/dd", 0), 0, buf, 1) == -EISDIR, "read a directory");
	CHECK(ramfs_write(at("/dd", 0), 0, buf, 1) == -EISDIR, "write a directory");
	CHECK(ramfs_truncate(at("/sl", 0), 0) == -EINVAL, "truncate a symlink");

	ktap_begin("ramfs: does an unlinked file live while it is open?");
	ramfs_mknod(NULL, "/open", S_IFREG | 0644, 0, 0, &d);
	in = d->inode;
	ramfs_write(in, 0, "still here", 10);
	ramfs_inode_get(in);
	CHECK(ramfs_unlink(NULL, "/open") == 0 && !at("/open", 0), "unlink");
	CHECK(ramfs_read(in, 0, buf, 10) == 10 && !memcmp(buf, "still here", 10),
	      "read after unlink");
	ramfs_inode_put(in);		/* frees it: ASan would see a leak if not */

	ktap_begin("ramfs: does ramfs_path give the absolute path?");
	ramfs_mkdir(NULL, "/p", 0755, NULL);
	ramfs_mkdir(NULL, "/p/q", 0755, NULL);
	ramfs_mknod(NULL, "/p/q/r", S_IFREG, 0, 0, &d);
	CHECK(ramfs_path(d, buf, sizeof(buf)) == 6 && !strcmp(buf, "/p/q/r"), "got %s", buf);
	CHECK(ramfs_path(root, buf, sizeof(buf)) == 1 && !strcmp(buf, "/"), "got %s", buf);
	CHECK(ramfs_path(d, buf, 6) == -ENAMETOOLONG, "a short buffer");

	ktap_begin("ramfs: do inode numbers start at 1 for the root and count up?");
	CHECK(root->inode->ino == 1 && d->inode->ino > 1, "root %lu", root->inode->ino);
}

void test_ramfs(void)
{
	snprintf(tree, sizeof(tree), "%s/tree", fixtures);
	snprintf(tree_ops, sizeof(tree_ops), "%s/tree-ops", fixtures);
	unpack_tree();
	lookups();
	operations();
	initramfs();
	file_contents();
	if (root)
		free_tree(root);
	root = NULL;
	for (int i = 0; i < ngraves; i++)
		free(graveyard[i]);
}
