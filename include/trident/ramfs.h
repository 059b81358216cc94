/* SPDX-License-Identifier: MIT */
/*
 * ramfs: the in-memory root file system, filled from the initramfs.
 *
 * Two kinds of object, as in Linux's VFS:
 *  - struct inode: the file itself (type, permissions, owner, size, times,
 *    contents). Hard links share one inode; it lives while it has names
 *    (nlink) or open files (refcount).
 *  - struct dentry: one name in one directory, pointing at an inode. The
 *    dentries form the tree: each has its parent and, for a directory, its
 *    children in creation order (the order getdents on tmpfs gives).
 *
 * Linux's rootfs is tmpfs when it is built in (it is on Debian), so sizes
 * and link counts follow tmpfs: a directory has nlink 2 + subdirectories
 * and size 40 + 20 per entry (BOGO_DIRENT_SIZE), a symlink's size is the
 * length of its target, the root starts as 01777 until the archive's "."
 * entry says otherwise.
 *
 * Path lookup reproduces Linux's errors (fs/namei.c): ENOENT, ENOTDIR,
 * ENAMETOOLONG (a component > NAME_MAX when it is looked up, a path of
 * PATH_MAX bytes or more), ELOOP after MAXSYMLINKS symlinks in one walk,
 * EEXIST/EISDIR/ENOTEMPTY... for the operations that change the tree.
 * There are no permission checks yet: every caller is root.
 *
 * The operations take kernel strings; a relative path starts at the base
 * dentry given (NULL: the root; later a task's working directory).
 */
#ifndef _TRIDENT_RAMFS_H
#define _TRIDENT_RAMFS_H

#include <trident/types.h>

#define NAME_MAX	255	/* bytes in a component, without the NUL */
#define PATH_MAX	4096	/* bytes in a path, with the NUL */
#define MAXSYMLINKS	40	/* symlinks followed in one lookup */

/* File types and permission bits: include/uapi/linux/stat.h. */
#define S_IFMT		0170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISUID		0004000
#define S_ISGID		0002000
#define S_ISVTX		0001000
#define S_IALLUGO	0007777	/* what chmod can change */
#define S_IXUGO		0000111

#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)

struct dentry;

struct inode {
	unsigned long ino;	/* 1 for the root, then in creation order */
	mode_t mode;		/* S_IFMT type | S_IALLUGO permissions */
	unsigned int nlink;	/* names (directories: 2 + subdirectories) */
	uid_t uid;
	gid_t gid;
	u32 rdev_major;		/* character and block devices: what they are */
	u32 rdev_minor;		/* (e.g. 5:1 for /dev/console) */
	u64 size;		/* bytes of data; directories: tmpfs's bogus size */
	s64 atime, mtime, ctime;	/* seconds since the epoch; no clock yet:
					 * ctime is set with mtime */
	/*
	 * Regular files and symlinks: size bytes at data (a symlink's target
	 * is also NUL-terminated). When capacity is 0 the bytes belong to
	 * someone else (a file unpacked from the initramfs points straight
	 * into the module, which is kept) and are copied before any write.
	 */
	u8 *data;
	size_t capacity;
	int refcount;		/* open files; freed at nlink == 0 && refcount == 0 */
};

struct dentry {
	struct dentry *parent;	/* the root's parent is the root */
	struct dentry *next;	/* next name in the same directory */
	struct dentry *children;	/* directories: first entry, creation order */
	struct inode *inode;
	unsigned int len;
	char name[];		/* len bytes and a NUL ("/" for the root) */
};

/* Creates the empty root directory; call once before anything else. */
int ramfs_init(void);
struct dentry *ramfs_root(void);

/* Lookup flags, Linux's values. */
#define LOOKUP_FOLLOW		0x0001	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY	0x0002	/* the result must be a directory */

/* Finds path from base (NULL: root) and sets *result. 0 or -errno. */
int ramfs_lookup_at(struct dentry *base, const char *path, unsigned int flags,
		    struct dentry **result);
static inline int ramfs_lookup(const char *path, unsigned int flags,
			       struct dentry **result)
{
	return ramfs_lookup_at(NULL, path, flags, result);
}

/*
 * Changing the tree, with the errors of the system calls of the same
 * name. Modes are taken as given (the caller applies the umask); the new
 * object belongs to uid 0, gid 0. ramfs_mknod makes regular files too
 * (S_IFREG, or type 0 as Linux's mknod does); *result may be NULL.
 */
int ramfs_mkdir(struct dentry *base, const char *path, mode_t mode,
		struct dentry **result);
int ramfs_mknod(struct dentry *base, const char *path, mode_t mode,
		u32 rdev_major, u32 rdev_minor, struct dentry **result);
int ramfs_symlink(struct dentry *base, const char *target, const char *path);
int ramfs_link(struct dentry *base, const char *oldpath, const char *newpath);
int ramfs_unlink(struct dentry *base, const char *path);
int ramfs_rmdir(struct dentry *base, const char *path);

/* Contents of regular files, from kernel buffers (the file_ops that copy
 * to and from user memory are built on these). pos past the end reads 0
 * bytes; a write past the end fills the gap with zeros. */
ssize_t ramfs_read(struct inode *inode, u64 pos, void *buf, size_t n);
ssize_t ramfs_write(struct inode *inode, u64 pos, const void *buf, size_t n);
int ramfs_truncate(struct inode *inode, u64 size);
/* Makes the file's contents the n bytes at data, without copying them:
 * data must stay valid (the initramfs module). */
void ramfs_set_borrowed(struct inode *inode, const void *data, size_t n);

/* Open files hold their inode: an unlinked file lives until the last put. */
void ramfs_inode_get(struct inode *inode);
void ramfs_inode_put(struct inode *inode);

/* The absolute path of d ("/bin/sh"), as Linux's d_path(): writes at most
 * len bytes with the NUL; returns the length, or -ENAMETOOLONG. */
int ramfs_path(struct dentry *d, char *buf, size_t len);

/*
 * Unpacks a cpio newc archive into the root, as Linux's initramfs does:
 * directories, files (their data stays in buf, which must be kept),
 * symlinks, device nodes, FIFOs, sockets and hard links; an existing name
 * is replaced. Unlike Linux, a missing parent directory is created (with
 * a warning: Linux would drop the entry). Returns 0, or -EINVAL/-ENOMEM
 * after printing "Initramfs unpacking failed: ..." (what was unpacked
 * before the error stays).
 */
int initramfs_unpack(const void *buf, size_t len);

#endif
