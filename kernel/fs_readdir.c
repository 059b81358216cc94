// SPDX-License-Identifier: MIT
/*
 * Reading directories: getdents64 and the older getdents (Linux's
 * fs/readdir.c, with the offsets of tmpfs's fs/libfs.c offset_readdir()).
 *
 * A directory reads as ".", "..", then its entries newest first, as tmpfs
 * lists them on Linux 6.15 and later (and before 6.6). The file offset is
 * an entry's position: 0 is ".", 1 is "..", the entry created k-th
 * (counting from 0 among those present) is at k + 3, and the end is
 * INT_MAX. Each record's d_off is the position of the record after it, so
 * lseek(fd, d_off, SEEK_SET) resumes there. Reading newest first also
 * keeps positions valid while a program removes what it has read (rm -r):
 * only younger entries go, and positions count from the oldest.
 */
#include <trident/fs.h>
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/string.h>
#include <trident/mm.h>

#define DIR_OFFSET_FIRST	3
#define DIR_OFFSET_EOD		0x7fffffffLL

/* include/linux/dirent.h: the name starts at byte 19. */
struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;
	u16 d_reclen;
	u8 d_type;
	char d_name[];
} __packed;

/* fs/readdir.c: the name at byte 18; d_type is the record's last byte. */
struct linux_dirent {
	unsigned long d_ino;
	unsigned long d_off;
	u16 d_reclen;
	char d_name[];
} __packed;

/* Copies a record the filler built: 0, or -EINVAL when it does not fit
 * (the caller reports it only if no record was written before), -EFAULT. */
int getdents_put(struct getdents_buf *b, const void *rec, size_t reclen)
{
	if (reclen > b->count)
		return -EINVAL;
	if (copy_to_user(b->dirent, rec, reclen))
		return -EFAULT;
	b->dirent += reclen;
	b->count -= reclen;
	b->used += reclen;
	return 0;
}

/* filldir64(): 8-byte aligned records. */
static int filldir64(struct getdents_buf *b, const char *name, size_t len, u64 ino,
		     loff_t next, unsigned int type)
{
	char rec[sizeof(struct linux_dirent64) + NAME_MAX + 1 + 8];
	struct linux_dirent64 *de = (void *)rec;
	size_t reclen = ALIGN_UP(sizeof(*de) + len + 1, sizeof(u64));

	memset(rec, 0, reclen);
	de->d_ino = ino;
	de->d_off = next;
	de->d_reclen = reclen;
	de->d_type = type;
	memcpy(de->d_name, name, len);
	return getdents_put(b, rec, reclen);
}

/* filldir(): records aligned to a long, d_type in the last byte. */
static int filldir(struct getdents_buf *b, const char *name, size_t len, u64 ino,
		   loff_t next, unsigned int type)
{
	char rec[sizeof(struct linux_dirent) + NAME_MAX + 2 + 8];
	struct linux_dirent *de = (void *)rec;
	size_t reclen = ALIGN_UP(sizeof(*de) + len + 2, sizeof(long));

	memset(rec, 0, reclen);
	de->d_ino = ino;
	de->d_off = next;
	de->d_reclen = reclen;
	memcpy(de->d_name, name, len);
	rec[reclen - 1] = type;
	return getdents_put(b, rec, reclen);
}

static unsigned int dtype(const struct inode *inode)
{
	return (inode->mode & S_IFMT) >> 12;	/* DT_REG is S_IFREG >> 12, ... */
}

/*
 * The records from the file offset on, each written by fill (one per
 * format: getdents64, getdents, and the ia32 getdents of
 * arch/ia32/compat_getdents.c), until the buffer is full or the
 * directory ends.
 */
long do_getdents(unsigned int fd, void __user *dirent, unsigned int count, filldir_t fill)
{
	struct getdents_buf b = { dirent, count, 0 };
	struct dentry *dir, **kids = NULL, *c;
	struct file *f = fs_fd_file(fd);
	loff_t pos;
	long n = 0;
	int err = 0;

	if (!f)
		return -EBADF;
	if (fs_ops_of(f) != &fs_dir_ops)
		return -ENOTDIR;
	dir = f->priv;
	if (fs_dir_dead(dir))
		return -ENOENT;			/* IS_DEADDIR() */

	/* The entries by position: kids[k] is the k-th oldest. */
	for (c = dir->children; c; c = c->next)
		n++;
	if (n) {
		kids = kmalloc(n * sizeof(*kids));
		if (!kids)
			return -ENOMEM;
		n = 0;
		for (c = dir->children; c; c = c->next)
			kids[n++] = c;
	}

	for (pos = f->pos; !err; ) {
		loff_t newest = n ? n - 1 + DIR_OFFSET_FIRST : DIR_OFFSET_EOD;

		if (pos == 0) {
			err = fill(&b, ".", 1, dir->inode->ino, 1, dtype(dir->inode));
			if (!err)
				pos = 1;
		} else if (pos == 1) {
			err = fill(&b, "..", 2, dir->parent->inode->ino, newest,
				   dtype(dir->parent->inode));
			if (!err)
				pos = newest;
		} else if (pos >= DIR_OFFSET_FIRST && pos < DIR_OFFSET_EOD && n) {
			/* Entries removed since the last call: go on with the
			 * newest of those older than pos. */
			long k = MIN(pos - DIR_OFFSET_FIRST, n - 1);
			loff_t next = k ? k - 1 + DIR_OFFSET_FIRST : DIR_OFFSET_EOD;

			c = kids[k];
			err = fill(&b, c->name, c->len, c->inode->ino, next, dtype(c->inode));
			if (!err)
				pos = next;
		} else {
			break;			/* the end */
		}
	}
	kfree(kids);
	f->pos = pos;
	if (b.used)
		return b.used;
	return err;
}

SYSCALL_DEFINE3(getdents64, unsigned int, fd, void __user *, dirent, unsigned int, count)
{
	return do_getdents(fd, dirent, count, filldir64);
}

SYSCALL_DEFINE3(getdents, unsigned int, fd, void __user *, dirent, unsigned int, count)
{
	return do_getdents(fd, dirent, count, filldir);
}
