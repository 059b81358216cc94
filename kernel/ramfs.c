// SPDX-License-Identifier: MIT
/*
 * ramfs: the root file system in memory (see include/trident/ramfs.h).
 *
 * Three parts:
 *  1. the tree: inodes, dentries, a path walk with Linux's semantics;
 *  2. the operations that change it (mkdir, mknod, symlink, link, unlink,
 *     rmdir) and the contents of regular files;
 *  3. unpacking the initramfs cpio archive into it, as init/initramfs.c.
 */
#include <trident/ramfs.h>
#include <trident/cpio.h>
#include <trident/compiler.h>
#include <trident/errno.h>
#include <trident/mm.h>
#include <trident/printk.h>
#include <trident/string.h>

/* tmpfs reports a directory's size as 20 bytes per entry, plus "." and "..". */
#define BOGO_DIRENT_SIZE	20

static struct dentry *root;
static unsigned long next_ino = 1;

/* ---------------------------------------------------------------- tree */

static struct inode *inode_alloc(mode_t mode)
{
	struct inode *inode = kzalloc(sizeof(*inode));

	if (!inode)
		return NULL;
	inode->ino = next_ino++;
	inode->mode = mode;
	inode->nlink = S_ISDIR(mode) ? 2 : 1;
	inode->size = S_ISDIR(mode) ? 2 * BOGO_DIRENT_SIZE : 0;
	return inode;
}

static void inode_free_if_unused(struct inode *inode)
{
	if (inode->nlink || inode->refcount)
		return;
	if (inode->capacity)
		kfree(inode->data);
	kfree(inode);
}

static struct dentry *dentry_alloc(const char *name, size_t len,
				   struct inode *inode)
{
	struct dentry *d = kmalloc(sizeof(*d) + len + 1);

	if (!d)
		return NULL;
	d->parent = d;
	d->next = NULL;
	d->children = NULL;
	d->inode = inode;
	d->len = len;
	memcpy(d->name, name, len);
	d->name[len] = '\0';
	return d;
}

/* Adds d at the end of dir's entries: readdir order is creation order. */
static void dentry_attach(struct dentry *dir, struct dentry *d)
{
	struct dentry **p = &dir->children;

	while (*p)
		p = &(*p)->next;
	*p = d;
	d->parent = dir;
	dir->inode->size += BOGO_DIRENT_SIZE;
	if (S_ISDIR(d->inode->mode))
		dir->inode->nlink++;		/* the child's ".." */
}

static void dentry_detach(struct dentry *d)
{
	struct dentry *dir = d->parent, **p = &dir->children;

	while (*p != d)
		p = &(*p)->next;
	*p = d->next;
	dir->inode->size -= BOGO_DIRENT_SIZE;
	if (S_ISDIR(d->inode->mode))
		dir->inode->nlink--;
}

static struct dentry *dentry_find(struct dentry *dir, const char *name,
				  size_t len)
{
	for (struct dentry *d = dir->children; d; d = d->next)
		if (d->len == len && memcmp(d->name, name, len) == 0)
			return d;
	return NULL;
}

int ramfs_init(void)
{
	struct inode *inode;

	if (root)
		return 0;
	/* tmpfs's default root mode; the archive's "." entry changes it. */
	inode = inode_alloc(S_IFDIR | S_ISVTX | 0777);
	if (!inode)
		return -ENOMEM;
	root = dentry_alloc("/", 1, inode);
	if (!root) {
		kfree(inode);
		return -ENOMEM;
	}
	return 0;
}

struct dentry *ramfs_root(void)
{
	return root;
}

/* ----------------------------------------------------------- path walk */

enum last_type { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };

/* What a walk in parent mode leaves for the operation that creates or
 * removes the last component (Linux's nameidata after LOOKUP_PARENT). */
struct walk_parent {
	struct dentry *dir;	/* the directory holding the last component */
	const char *last;	/* not NUL-terminated */
	size_t last_len;
	enum last_type type;
	bool trailing;		/* slashes follow the last component */
};

static bool only_slashes(const char *s)
{
	while (*s == '/')
		s++;
	return *s == '\0';
}

/*
 * Linux's link_path_walk() and lookup_last() in one loop.
 *
 * s is the text still to walk. A symlink met on the way pushes the rest of
 * the current text and continues with its target; when the target is
 * used up the pushed text resumes. A component is the last one when only
 * slashes remain in the current text and in every pushed one. Every
 * symlink followed counts against MAXSYMLINKS for the whole walk, as
 * Linux's total_link_count, which also bounds the stack.
 *
 * With parent != NULL the walk stops before the last component of the
 * path (the operations that create or remove names never follow it).
 */
static int walk(struct dentry *base, const char *path, unsigned int flags,
		struct dentry **result, struct walk_parent *parent)
{
	const char *stack[MAXSYMLINKS];
	int depth = 0, links = 0;
	struct dentry *cur;
	const char *s = path;
	size_t n;

	if (!root)
		return -ENOENT;
	/* getname(): a path is at most PATH_MAX bytes with its NUL. */
	n = strnlen(path, PATH_MAX);
	if (n == PATH_MAX)
		return -ENAMETOOLONG;
	if (n == 0)
		return -ENOENT;
	cur = (*s == '/' || !base) ? root : base;

	for (;;) {
		const char *comp;
		struct dentry *d;
		bool last, trailing, dot, dotdot;
		size_t len;

		while (*s == '/')
			s++;
		if (*s == '\0') {
			if (depth == 0)
				break;
			s = stack[--depth];	/* the symlink's target is done */
			continue;
		}
		comp = s;
		while (*s && *s != '/')
			s++;
		len = s - comp;
		last = only_slashes(s);
		for (int i = 0; last && i < depth; i++)
			last = only_slashes(stack[i]);
		trailing = last && *s == '/';
		dot = len == 1 && comp[0] == '.';
		dotdot = len == 2 && comp[0] == '.' && comp[1] == '.';

		/* Only a directory can be looked in. */
		if (!S_ISDIR(cur->inode->mode))
			return -ENOTDIR;

		if (last && parent) {
			parent->dir = cur;
			parent->last = comp;
			parent->last_len = len;
			parent->type = dot ? LAST_DOT : dotdot ? LAST_DOTDOT : LAST_NORM;
			parent->trailing = trailing;
			return 0;
		}
		/* "name/" asks for a directory: follow a symlink to find it. */
		if (trailing)
			flags |= LOOKUP_FOLLOW | LOOKUP_DIRECTORY;
		if (dot)
			continue;
		if (dotdot) {
			cur = cur->parent;	/* the root's parent is itself */
			continue;
		}
		/* simple_lookup(): a name the directory could never hold. */
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		d = dentry_find(cur, comp, len);
		if (!d)
			return -ENOENT;
		if (S_ISLNK(d->inode->mode) && (!last || (flags & LOOKUP_FOLLOW))) {
			if (links++ == MAXSYMLINKS)
				return -ELOOP;
			stack[depth++] = s;
			s = (const char *)d->inode->data;
			if (*s == '/')
				cur = root;
			continue;
		}
		cur = d;
	}

	if (parent) {
		/* No component at all: "/" or "//". */
		parent->dir = cur;
		parent->last = "";
		parent->last_len = 0;
		parent->type = LAST_ROOT;
		parent->trailing = false;
		return 0;
	}
	if ((flags & LOOKUP_DIRECTORY) && !S_ISDIR(cur->inode->mode))
		return -ENOTDIR;
	*result = cur;
	return 0;
}

int ramfs_lookup_at(struct dentry *base, const char *path, unsigned int flags,
		    struct dentry **result)
{
	return walk(base, path, flags, result, NULL);
}

/* ---------------------------------------------------- changing the tree */

/*
 * Linux's filename_create(): walks to the parent and checks that the last
 * component is a plain name that does not exist yet. A trailing slash is
 * allowed only for mkdir (want_dir); otherwise it means "a directory that
 * is not there": ENOENT.
 */
static int create_prepare(struct dentry *base, const char *path, bool want_dir,
			  struct walk_parent *w)
{
	int err = walk(base, path, 0, NULL, w);

	if (err)
		return err;
	if (w->type != LAST_NORM)		/* "/", "x/.", "x/.." */
		return -EEXIST;
	if (w->last_len > NAME_MAX)
		return -ENAMETOOLONG;
	if (dentry_find(w->dir, w->last, w->last_len))
		return -EEXIST;
	if (w->trailing && !want_dir)
		return -ENOENT;
	return 0;
}

/* Creates the name prepared by create_prepare() for a new inode. */
static int create_finish(struct walk_parent *w, mode_t mode,
			 struct dentry **result)
{
	struct inode *dir = w->dir->inode, *inode;
	struct dentry *d;

	inode = inode_alloc(mode);
	if (!inode)
		return -ENOMEM;
	/* inode_init_owner(): the caller is root; a set-group-ID directory
	 * hands down its group, and its S_ISGID to subdirectories. */
	if (dir->mode & S_ISGID) {
		inode->gid = dir->gid;
		if (S_ISDIR(mode))
			inode->mode |= S_ISGID;
	}
	d = dentry_alloc(w->last, w->last_len, inode);
	if (!d) {
		kfree(inode);
		return -ENOMEM;
	}
	dentry_attach(w->dir, d);
	if (result)
		*result = d;
	return 0;
}

int ramfs_mkdir(struct dentry *base, const char *path, mode_t mode,
		struct dentry **result)
{
	struct walk_parent w;
	int err = create_prepare(base, path, true, &w);

	if (err)
		return err;
	return create_finish(&w, S_IFDIR | (mode & (S_ISVTX | 0777)), result);
}

int ramfs_mknod(struct dentry *base, const char *path, mode_t mode,
		u32 rdev_major, u32 rdev_minor, struct dentry **result)
{
	struct walk_parent w;
	struct dentry *d;
	int err;

	/* may_mknod() comes before the walk. */
	switch (mode & S_IFMT) {
	case 0:
		mode |= S_IFREG;
		break;
	case S_IFREG: case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	err = create_prepare(base, path, false, &w);
	if (!err)
		err = create_finish(&w, mode & (S_IFMT | S_IALLUGO), &d);
	if (err)
		return err;
	if (S_ISCHR(mode) || S_ISBLK(mode)) {
		d->inode->rdev_major = rdev_major;
		d->inode->rdev_minor = rdev_minor;
	}
	if (result)
		*result = d;
	return 0;
}

int ramfs_symlink(struct dentry *base, const char *target, const char *path)
{
	struct walk_parent w;
	struct dentry *d;
	size_t len;
	u8 *copy;
	int err;

	/* The target is a path name too: getname() checks it first. */
	len = strnlen(target, PATH_MAX);
	if (len == PATH_MAX)
		return -ENAMETOOLONG;
	if (len == 0)
		return -ENOENT;
	err = create_prepare(base, path, false, &w);
	if (err)
		return err;
	copy = kmalloc(len + 1);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, target, len + 1);
	err = create_finish(&w, S_IFLNK | 0777, &d);
	if (err) {
		kfree(copy);
		return err;
	}
	d->inode->data = copy;
	d->inode->capacity = len + 1;
	d->inode->size = len;
	return 0;
}

int ramfs_link(struct dentry *base, const char *oldpath, const char *newpath)
{
	struct walk_parent w;
	struct dentry *old, *d;
	int err;

	err = walk(base, oldpath, 0, &old, NULL);	/* no AT_SYMLINK_FOLLOW */
	if (err)
		return err;
	err = create_prepare(base, newpath, false, &w);
	if (err)
		return err;
	if (S_ISDIR(old->inode->mode))
		return -EPERM;
	d = dentry_alloc(w.last, w.last_len, old->inode);
	if (!d)
		return -ENOMEM;
	old->inode->nlink++;
	dentry_attach(w.dir, d);
	return 0;
}

/* The last component of a removal, not followed (Linux's do_unlinkat and
 * do_rmdir look it up with lookup_one_qstr_excl()). */
static int remove_prepare(struct dentry *base, const char *path,
			  struct walk_parent *w, struct dentry **victim)
{
	int err = walk(base, path, 0, NULL, w);

	if (err)
		return err;
	if (w->type != LAST_NORM)
		return 1;			/* the caller decides */
	if (w->last_len > NAME_MAX)
		return -ENAMETOOLONG;
	*victim = dentry_find(w->dir, w->last, w->last_len);
	return *victim ? 0 : -ENOENT;
}

int ramfs_unlink(struct dentry *base, const char *path)
{
	struct walk_parent w;
	struct dentry *d;
	int err = remove_prepare(base, path, &w, &d);

	if (err)
		return err > 0 ? -EISDIR : err;
	if (S_ISDIR(d->inode->mode))
		return -EISDIR;
	if (w.trailing)				/* "file/" names a directory */
		return -ENOTDIR;
	dentry_detach(d);
	d->inode->nlink--;
	inode_free_if_unused(d->inode);
	kfree(d);
	return 0;
}

int ramfs_rmdir(struct dentry *base, const char *path)
{
	struct walk_parent w;
	struct dentry *d;
	int err = remove_prepare(base, path, &w, &d);

	if (err > 0)
		return w.type == LAST_DOTDOT ? -ENOTEMPTY :
		       w.type == LAST_DOT ? -EINVAL : -EBUSY;
	if (err)
		return err;
	if (!S_ISDIR(d->inode->mode))
		return -ENOTDIR;
	if (d->children)
		return -ENOTEMPTY;
	dentry_detach(d);
	d->inode->nlink = 0;
	inode_free_if_unused(d->inode);
	kfree(d);
	return 0;
}

/* ------------------------------------------------------------- contents */

/* Makes inode->data an owned buffer of at least size bytes. */
static int reserve(struct inode *inode, u64 size)
{
	size_t cap;
	u8 *p;

	if (inode->capacity && inode->capacity >= size)
		return 0;
	if (size > (1UL << 40))
		return -EFBIG;
	cap = MAX(MAX((size_t)size, 2 * inode->capacity), (size_t)64);
	p = kmalloc(cap);
	if (!p)
		return -ENOSPC;			/* what a full tmpfs says */
	if (inode->size)
		memcpy(p, inode->data, inode->size);
	if (inode->capacity)
		kfree(inode->data);
	inode->data = p;
	inode->capacity = cap;
	return 0;
}

ssize_t ramfs_read(struct inode *inode, u64 pos, void *buf, size_t n)
{
	if (S_ISDIR(inode->mode))
		return -EISDIR;
	if (!S_ISREG(inode->mode))
		return -EINVAL;
	if (pos >= inode->size)
		return 0;
	if (n > inode->size - pos)
		n = inode->size - pos;
	memcpy(buf, inode->data + pos, n);
	return n;
}

ssize_t ramfs_write(struct inode *inode, u64 pos, const void *buf, size_t n)
{
	int err;

	if (S_ISDIR(inode->mode))
		return -EISDIR;
	if (!S_ISREG(inode->mode))
		return -EINVAL;
	if (n == 0)
		return 0;
	if (pos + n < pos)
		return -EFBIG;
	err = reserve(inode, pos + n);
	if (err)
		return err;
	if (pos > inode->size)
		memset(inode->data + inode->size, 0, pos - inode->size);
	memcpy(inode->data + pos, buf, n);
	if (pos + n > inode->size)
		inode->size = pos + n;
	return n;
}

int ramfs_truncate(struct inode *inode, u64 size)
{
	int err;

	if (S_ISDIR(inode->mode))
		return -EISDIR;
	if (!S_ISREG(inode->mode))
		return -EINVAL;
	if (size > inode->size) {
		err = reserve(inode, size);
		if (err)
			return err;
		memset(inode->data + inode->size, 0, size - inode->size);
	}
	/* Shrinking borrowed bytes needs no copy: a prefix stays valid. */
	inode->size = size;
	return 0;
}

void ramfs_set_borrowed(struct inode *inode, const void *data, size_t n)
{
	if (inode->capacity)
		kfree(inode->data);
	inode->data = (u8 *)data;
	inode->capacity = 0;
	inode->size = n;
}

void ramfs_inode_get(struct inode *inode)
{
	inode->refcount++;
}

void ramfs_inode_put(struct inode *inode)
{
	inode->refcount--;
	inode_free_if_unused(inode);
}

int ramfs_path(struct dentry *d, char *buf, size_t len)
{
	size_t need = 0, pos;

	for (struct dentry *p = d; p != root; p = p->parent)
		need += p->len + 1;
	if (need == 0)
		need = 1;			/* the root is "/" */
	if (need + 1 > len)
		return -ENAMETOOLONG;
	buf[need] = '\0';
	buf[0] = '/';
	pos = need;
	for (struct dentry *p = d; p != root; p = p->parent) {
		pos -= p->len;
		memcpy(buf + pos, p->name, p->len);
		buf[--pos] = '/';
	}
	return need;
}

/* ------------------------------------------------------- the initramfs */

/* A name seen with nlink >= 2, so that later entries with the same
 * (devmajor, devminor, ino, type) become hard links to it (find_link()). */
struct hardlink {
	struct hardlink *next;
	u32 ino, major, minor;
	mode_t type;
	char name[];
};

struct unpack {
	struct hardlink *links;
	bool oom;
};

static void free_links(struct unpack *u)
{
	while (u->links) {
		struct hardlink *h = u->links;

		u->links = h->next;
		kfree(h);
	}
}

static void warn_entry(const struct cpio_entry *e, const char *what, int err)
{
	printk("initramfs: offset %zu: %.200s: %s (error %d)\n",
	       e->offset, e->name, what, -err);
}

/* Linux's clean_path(): an existing name of another type goes first. */
static void clean_path(const char *path, mode_t fmode)
{
	struct dentry *d;

	if (ramfs_lookup(path, 0, &d) == 0 && ((d->inode->mode ^ fmode) & S_IFMT)) {
		if (S_ISDIR(d->inode->mode))
			ramfs_rmdir(NULL, path);
		else
			ramfs_unlink(NULL, path);
	}
}

static void make_parents(struct unpack *u, const struct cpio_entry *e);

/* Linux's maybe_link(): 1 when the entry became a hard link to an earlier
 * name, 0 when it is new, -1 when linking failed. */
static int maybe_link(struct unpack *u, const struct cpio_entry *e)
{
	struct hardlink *h;
	size_t len;
	int err;

	if (e->nlink < 2)
		return 0;
	for (h = u->links; h; h = h->next) {
		if (h->ino != e->ino || h->minor != e->devminor ||
		    h->major != e->devmajor || ((h->type ^ e->mode) & S_IFMT))
			continue;
		clean_path(e->name, 0);
		make_parents(u, e);
		err = ramfs_link(NULL, h->name, e->name);
		if (err)
			warn_entry(e, "hard link failed", err);
		return err ? -1 : 1;
	}
	len = strlen(e->name);
	h = kmalloc(sizeof(*h) + len + 1);
	if (!h) {
		u->oom = true;
		return -1;
	}
	h->ino = e->ino;
	h->major = e->devmajor;
	h->minor = e->devminor;
	h->type = e->mode & S_IFMT;
	memcpy(h->name, e->name, len + 1);
	h->next = u->links;
	u->links = h;
	return 0;
}

/*
 * Linux drops an entry whose parent directory is missing (the open or
 * mkdir fails with ENOENT). We create the parents, 0755 and root's, so
 * that an archive listing only files still boots, and say so: such an
 * archive would not work on Linux.
 */
static void make_parents(struct unpack *u, const struct cpio_entry *e)
{
	struct dentry *d;
	size_t end = strlen(e->name);
	char *buf;

	while (end && e->name[end - 1] == '/')		/* "dir/" */
		end--;
	while (end && e->name[end - 1] != '/')		/* the last name */
		end--;
	while (end > 1 && e->name[end - 1] == '/')	/* its slashes */
		end--;
	if (end == 0 || (end == 1 && e->name[0] == '/'))
		return;					/* in the root */

	buf = kmalloc(end + 1);
	if (!buf) {
		u->oom = true;
		return;
	}
	memcpy(buf, e->name, end);
	buf[end] = '\0';
	if (ramfs_lookup(buf, LOOKUP_FOLLOW, &d) == -ENOENT) {
		printk("initramfs: %.200s: creating its missing parent directory "
		       "(Linux would skip this entry)\n", e->name);
		for (size_t i = 1; i <= end; i++) {
			if (i < end && buf[i] != '/')
				continue;
			buf[i] = '\0';
			ramfs_mkdir(NULL, buf, 0755, NULL);
			if (i < end)
				buf[i] = '/';
		}
	}
	kfree(buf);
}

/* chown (-1 keeps a value, as chown(2)), chmod, and the times of the entry. */
static void set_attrs(struct inode *inode, const struct cpio_entry *e,
		      bool chmod)
{
	if (e->uid != (u32)-1)
		inode->uid = e->uid;
	if (e->gid != (u32)-1)
		inode->gid = e->gid;
	if (chmod)
		inode->mode = (inode->mode & ~S_IALLUGO) | (e->mode & S_IALLUGO);
	inode->atime = inode->mtime = inode->ctime = e->mtime;
}

static void unpack_file(struct unpack *u, const struct cpio_entry *e)
{
	struct dentry *d;
	int ml, err;

	ml = maybe_link(u, e);
	if (ml < 0)
		return;
	/* open(O_WRONLY | O_CREAT | (ml ? 0 : O_TRUNC), mode) */
	err = ramfs_lookup(e->name, LOOKUP_FOLLOW, &d);
	if (err == -ENOENT && ml == 0) {
		make_parents(u, e);
		err = ramfs_mknod(NULL, e->name, S_IFREG | (e->mode & S_IALLUGO),
				  0, 0, &d);
	} else if (!err && !S_ISREG(d->inode->mode)) {
		err = S_ISDIR(d->inode->mode) ? -EISDIR : -EEXIST;
	} else if (!err && ml == 0) {
		ramfs_truncate(d->inode, 0);
	}
	if (err) {
		if (err == -ENOMEM)
			u->oom = true;
		warn_entry(e, "cannot create the file", err);
		return;
	}
	set_attrs(d->inode, e, true);
	if (e->filesize)
		ramfs_set_borrowed(d->inode, e->data, e->filesize);
}

static void unpack_dir(struct unpack *u, const struct cpio_entry *e)
{
	struct dentry *d;
	int err;

	make_parents(u, e);
	err = ramfs_mkdir(NULL, e->name, e->mode, NULL);
	if (err == -ENOMEM)
		u->oom = true;
	/* mkdir may say EEXIST ("." is the root): chown and chmod anyway.
	 * Linux sets a directory's times after the whole archive, since its
	 * entries change them; ours change only with a clock, so now. */
	if (ramfs_lookup(e->name, LOOKUP_FOLLOW, &d) == 0)
		set_attrs(d->inode, e, true);
	else
		warn_entry(e, "cannot create the directory", err);
}

static void unpack_special(struct unpack *u, const struct cpio_entry *e)
{
	/* new_encode_dev(MKDEV(major, minor)) and back: 12 + 20 bits. */
	u32 dev = (e->rdevmajor << 20) | e->rdevminor;
	struct dentry *d;
	int err;

	if (maybe_link(u, e) != 0)
		return;
	make_parents(u, e);
	err = ramfs_mknod(NULL, e->name, e->mode, dev >> 20, dev & 0xfffff, NULL);
	if (err == -ENOMEM)
		u->oom = true;
	if (ramfs_lookup(e->name, LOOKUP_FOLLOW, &d) == 0)
		set_attrs(d->inode, e, true);
	else
		warn_entry(e, "cannot create the node", err);
}

static void unpack_symlink(struct unpack *u, const struct cpio_entry *e)
{
	size_t len = strnlen(e->data ? e->data : "", e->filesize);
	struct dentry *d;
	char *target;
	int err;

	/* The target is the data, up to a NUL (Linux terminates it there). */
	target = kmalloc(len + 1);
	if (!target) {
		u->oom = true;
		return;
	}
	if (len)
		memcpy(target, e->data, len);
	target[len] = '\0';
	clean_path(e->name, 0);
	make_parents(u, e);
	err = ramfs_symlink(NULL, target, e->name);
	kfree(target);
	if (err == -ENOMEM)
		u->oom = true;
	if (err) {
		warn_entry(e, "cannot create the symlink", err);
		return;
	}
	if (ramfs_lookup(e->name, 0, &d) == 0)
		set_attrs(d->inode, e, false);		/* lchown, utime */
}

static int unpack_entry(const struct cpio_entry *e, void *arg)
{
	struct unpack *u = arg;

	if (e->trailer) {
		free_links(u);			/* hard links end with the archive */
		return 0;
	}
	/* Linux's do_header() skips these silently; we say why. */
	if (e->namesize > PATH_MAX) {
		warn_entry(e, "name longer than PATH_MAX, skipped", -ENAMETOOLONG);
		return 0;
	}
	if (S_ISLNK(e->mode)) {
		if (e->filesize > PATH_MAX)
			warn_entry(e, "symlink target longer than PATH_MAX, skipped",
				   -ENAMETOOLONG);
		else
			unpack_symlink(u, e);
		return u->oom ? -ENOMEM : 0;
	}
	if (!S_ISREG(e->mode) && e->filesize) {
		warn_entry(e, "only files and symlinks may have data, skipped",
			   -EINVAL);
		return 0;
	}

	clean_path(e->name, e->mode);
	if (S_ISREG(e->mode))
		unpack_file(u, e);
	else if (S_ISDIR(e->mode))
		unpack_dir(u, e);
	else if (S_ISCHR(e->mode) || S_ISBLK(e->mode) ||
		 S_ISFIFO(e->mode) || S_ISSOCK(e->mode))
		unpack_special(u, e);
	return u->oom ? -ENOMEM : 0;
}

int initramfs_unpack(const void *buf, size_t len)
{
	struct unpack u = { .links = NULL, .oom = false };
	char msg[160];
	int err;

	err = ramfs_init();
	if (!err)
		err = cpio_parse(buf, len, unpack_entry, &u, msg, sizeof(msg));
	free_links(&u);
	if (err == -ENOMEM)
		strlcpy(msg, "out of memory", sizeof(msg));
	if (err)
		printk("Initramfs unpacking failed: %s\n", msg);
	return err;
}
