/* SPDX-License-Identifier: MIT */
/*
 * The file system calls (kernel/fs_*.c): what they share.
 *
 *   fs_namei.c   user paths, the base of *at() paths, removed directories
 *   fs_cwd.c     chdir, fchdir, getcwd, umask; fork and exit
 *   fs_file.c    the file operations of regular files, directories, O_PATH
 *   fs_open.c    open, openat, creat, close
 *   fs_rw.c      lseek, pread64, pwrite64, truncate, ftruncate
 *   fs_stat.c    stat, lstat, fstat, newfstatat, statx
 *   fs_access.c  access, faccessat, faccessat2, readlink, readlinkat
 *   fs_readdir.c getdents, getdents64 (and the format of each record)
 *   fs_names.c   mkdir, rmdir, unlink, symlink, link and their *at() forms
 *   fs_rename.c  rename, renameat, renameat2
 *   fs_fcntl.c   dup, dup2, dup3, fcntl, close-on-exec
 *   fs_pipe.c    pipe, pipe2
 *   fs_dev.c     /dev/null, /dev/zero, /dev/full, /dev/console
 *
 * The objects are ramfs's (include/trident/ramfs.h): a struct file opened
 * on the tree holds a reference on its inode (f->inode), and a directory's
 * file also keeps its dentry in f->priv, which getdents, fchdir and the
 * *at() calls need.
 */
#ifndef _TRIDENT_FS_H
#define _TRIDENT_FS_H

#include <trident/types.h>
#include <trident/file.h>
#include <trident/ramfs.h>

struct task;

/* open(2) flags, Linux's octal values (include/uapi/asm-generic/fcntl.h). */
#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DSYNC		00010000
#define FASYNC		00020000
#define O_DIRECT	00040000
#define O_LARGEFILE	00100000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define __O_SYNC	04000000
#define O_PATH		010000000
#define __O_TMPFILE	020000000

/* The *at() calls (include/uapi/linux/fcntl.h). */
#define AT_FDCWD		(-100)
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_REMOVEDIR		0x200
#define AT_EACCESS		0x200
#define AT_SYMLINK_FOLLOW	0x400
#define AT_NO_AUTOMOUNT		0x800
#define AT_EMPTY_PATH		0x1000
#define AT_STATX_SYNC_TYPE	0x6000

#define FD_CLOEXEC	1

/*
 * What lseek does with a kind of file: Linux's f_op->llseek, which our
 * struct file_ops does not have (yet). Every file_ops of the fs_* files is
 * the first member of a struct fs_ops; files of other kinds (the console
 * of init's descriptors) are streams.
 */
enum fs_seek {
	FS_SEEK_NONE,		/* no_llseek: ESPIPE, no pread/pwrite (pipes, ttys) */
	FS_SEEK_FILE,		/* generic_file_llseek: regular files */
	FS_SEEK_DIR,		/* offset_dir_llseek: SEEK_SET/SEEK_CUR only */
	FS_SEEK_ZERO,		/* null_lseek: always 0 (/dev/null, /dev/zero) */
};

struct fs_ops {
	struct file_ops ops;	/* first: f->ops points here */
	enum fs_seek seek;
};

/* NULL when f is not one of ours. */
const struct fs_ops *fs_ops_of(const struct file *f);
extern const struct fs_ops fs_reg_ops, fs_dir_ops, fs_path_ops, fs_pipe_ops;
extern const struct fs_ops fs_null_ops, fs_zero_ops, fs_full_ops, fs_console_ops;

/* FMODE_READ / FMODE_WRITE of Linux, from the open flags. An O_PATH file
 * and access mode 3 (ioctl only) allow neither. */
static inline bool fs_readable(const struct file *f)
{
	unsigned int acc = f->flags & O_ACCMODE;

	return !(f->flags & O_PATH) && (acc == O_RDONLY || acc == O_RDWR);
}

static inline bool fs_writable(const struct file *f)
{
	unsigned int acc = f->flags & O_ACCMODE;

	return !(f->flags & O_PATH) && (acc == O_WRONLY || acc == O_RDWR);
}

/* The fd's file unless it is O_PATH (Linux's fdget() against fdget_raw()). */
struct file *fs_fd_file(int fd);

/* ---- fs_namei.c -------------------------------------------------- */

/* getname(): copies a user path into a new kernel buffer (fs_putname it).
 * EFAULT, ENAMETOOLONG (no NUL in PATH_MAX bytes), ENOENT for "" unless
 * empty_ok. */
int fs_getname(const char __user *upath, bool empty_ok, char **name);
void fs_putname(char *name);

/* The directory a path starts from (path_init()): the root for an
 * absolute path, the working directory for AT_FDCWD, else dfd's directory
 * (EBADF, ENOTDIR). */
int fs_path_base(int dfd, const char *name, struct dentry **base);
/* ramfs_lookup_at() from fs_path_base(), with the /proc/self/exe link. */
int fs_lookup(int dfd, const char *name, unsigned int flags, struct dentry **result);
/* The same base, for calls that create a name: a removed directory can
 * hold no new names (ENOENT, Linux's IS_DEADDIR). */
int fs_create_base(int dfd, const char *name, struct dentry **base);

/* A removed directory: open files and working directories keep it. */
static inline bool fs_dir_dead(const struct dentry *d)
{
	return d->inode->nlink == 0;
}

struct dentry *fs_cwd(void);
mode_t fs_umask(void);
/* The directory of a file (a directory opened normally or with O_PATH). */
struct dentry *fs_file_dentry(const struct file *f);
/* Seconds since the epoch, for the times of inodes. */
s64 fs_now(void);
/* The directory changed: its mtime and ctime are now (Linux's
 * inode_set_mtime_to_ts(dir, inode_set_ctime_current(dir))). */
void fs_dir_touch(struct inode *dir);

/* ---- fs_open.c --------------------------------------------------- */

/* A new file for dentry d (its inode referenced) with the given flags and
 * operations; dir files keep d in priv. */
struct file *fs_file_for(struct dentry *d, const struct fs_ops *ops, unsigned int flags);

/* ---- fs_fcntl.c: the descriptor table ---------------------------- */

/* The lowest free descriptor >= min (EMFILE), without taking it. */
int fs_fd_find(int min);
/* Puts f (the caller's reference) at fd and sets its close-on-exec bit. */
void fs_fd_install(int fd, struct file *f, bool cloexec);
bool fs_get_cloexec(int fd);
void fs_set_cloexec(int fd, bool on);

/* ---- the calls without their argument convention ----------------- */

/* Linux's ksys_*() and friends: what a native handler does once its
 * arguments are C values, shared with the ia32 handlers whose arguments
 * arrive in another shape (a 64-bit offset in two registers, a 32-bit
 * structure: arch/ia32/). Each returns a result or -errno. */
long do_sys_open(int dfd, const char __user *filename, int flags, mode_t mode);	/* fs_open.c */
long do_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg);		/* fs_fcntl.c */
loff_t vfs_llseek(struct file *f, loff_t offset, unsigned int whence);		/* fs_rw.c */
off_t ksys_lseek(unsigned int fd, off_t offset, unsigned int whence);
ssize_t ksys_pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos);
ssize_t ksys_pwrite64(unsigned int fd, const char __user *buf, size_t count, loff_t pos);
long ksys_truncate(const char __user *path, loff_t length);
long ksys_ftruncate(unsigned int fd, loff_t length);

/* fs_readdir.c: getdents with the record format of the caller. A filler
 * (Linux's filldir_t) builds one record and hands it to getdents_put();
 * a non-zero result (-EINVAL: no room, -EFAULT, -EOVERFLOW) ends the
 * listing, and is the call's result if no record was written before. */
struct getdents_buf {
	char __user *dirent;	/* where the next record goes */
	unsigned int count;	/* bytes left there */
	unsigned int used;	/* bytes written */
};
typedef int (*filldir_t)(struct getdents_buf *b, const char *name, size_t len,
			 u64 ino, loff_t next, unsigned int type);
int getdents_put(struct getdents_buf *b, const void *rec, size_t reclen);
long do_getdents(unsigned int fd, void __user *dirent, unsigned int count, filldir_t fill);

/* ---- hooks for the rest of the kernel ---------------------------- */

/* exec: closes the descriptors marked close-on-exec (Linux's do_close_on_exec). */
void fs_exec_close_on_exec(struct task *t);
/* fork: the child gets the parent's close-on-exec bits, working directory
 * and umask (Linux's dup_fd() and copy_fs()). */
int fs_fork(struct task *parent, struct task *child, bool share);
/* exit: drops the working directory (exit_fs()). */
void fs_exit(struct task *t);
/* boot, after the initramfs: /dev and its nodes if the archive lacks them. */
void fs_devices_init(void);

/* ---- internal to fs_*.c ------------------------------------------ */

/* A file or working directory starts or stops using d (and its inode). */
void fs_dentry_get(struct dentry *d);
void fs_dentry_put(struct dentry *d);
/* rmdir: before ramfs frees directory d, a marker for its users (NULL if
 * it has none; ENOMEM); afterwards, with rmdir's result, they move to it. */
int fs_dir_removing(struct dentry *d, void **marker);
void fs_dir_removed(void *marker, struct dentry *d, int err);
/* fs_dev.c: opening a device node (ENXIO for unknown ones), and the inode
 * fstat shows for init's console descriptors, which no node opened. */
struct file *fs_dev_open(struct dentry *d, unsigned int flags, int *err);
struct inode *fs_console_inode(void);

#endif
