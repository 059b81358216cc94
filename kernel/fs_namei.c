// SPDX-License-Identifier: MIT
/*
 * Paths: user paths copied in, the directory a relative path starts from
 * (Linux's fs/namei.c getname() and path_init()), and removed directories
 * that are still in use.
 */
#include <trident/fs.h>
#include <trident/task.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/string.h>
#include <trident/mm.h>
#include <trident/time.h>

int fs_getname(const char __user *upath, bool empty_ok, char **name)
{
	char *buf = kmalloc(PATH_MAX);
	long len;

	if (!buf)
		return -ENOMEM;
	len = strncpy_from_user(buf, upath, PATH_MAX);
	if (len < 0 || len == PATH_MAX || (len == 0 && !empty_ok)) {
		kfree(buf);
		return len < 0 ? -EFAULT : len ? -ENAMETOOLONG : -ENOENT;
	}
	*name = buf;
	return 0;
}

void fs_putname(char *name)
{
	kfree(name);
}

s64 fs_now(void)
{
	return boot_realtime_sec + ktime_get_ns() / NSEC_PER_SEC;
}

void fs_dir_touch(struct inode *dir)
{
	dir->mtime = dir->ctime = fs_now();
}

/*
 * Removed directories. ramfs frees a name when rmdir removes it, but on
 * Linux an open directory or a working directory outlives its name: it
 * reads as empty (getdents: ENOENT), holds no new names (ENOENT), and
 * getcwd says ENOENT. So before rmdir frees a directory that is in use,
 * each use is moved to a marker: a nameless dentry that is its own
 * parent, has no children and keeps the inode (nlink 0 after rmdir).
 * Markers are counted and freed with their last use.
 */
struct dead_dir {
	struct dead_dir *next;
	int users;
	struct dentry d;	/* last: it ends with the name */
};

static struct dead_dir *dead_dirs;

static struct dead_dir *dead_of(struct dentry *d)
{
	for (struct dead_dir *m = dead_dirs; m; m = m->next)
		if (&m->d == d)
			return m;
	return NULL;
}

void fs_dentry_get(struct dentry *d)
{
	struct dead_dir *m = dead_of(d);

	ramfs_inode_get(d->inode);
	if (m)
		m->users++;
}

void fs_dentry_put(struct dentry *d)
{
	struct dead_dir *m = dead_of(d);

	ramfs_inode_put(d->inode);
	if (m && --m->users == 0) {
		struct dead_dir **p = &dead_dirs;

		while (*p != m)
			p = &(*p)->next;
		*p = m->next;
		kfree(m);
	}
}

/* The files and working directories that use d, moved to marker (or,
 * with marker NULL, only counted). */
static int move_users(struct dentry *d, struct dentry *marker)
{
	int n = 0;

	for (struct task *t = task_list; t; t = t->next_task) {
		/* Threads share these: each table and directory once. */
		bool fs_seen = !t->fs, files_seen = !t->files;

		for (struct task *u = task_list; u != t; u = u->next_task) {
			fs_seen |= u->fs == t->fs;
			files_seen |= u->files == t->files;
		}
		if (!fs_seen && t->fs->cwd == d) {
			n++;
			if (marker)
				t->fs->cwd = marker;
		}
		for (int fd = 0; !files_seen && fd < NR_OPEN; fd++) {
			struct file *f = t->files->fd[fd];

			if (f && fs_file_dentry(f) == d) {
				n++;
				if (marker)
					f->priv = marker;
			}
		}
	}
	return n;
}

int fs_dir_removing(struct dentry *d, void **marker)
{
	struct dead_dir *m;

	*marker = NULL;
	if (!move_users(d, NULL))
		return 0;
	m = kzalloc(sizeof(*m) + 1);	/* + the empty name's NUL */
	if (!m)
		return -ENOMEM;
	m->d.parent = &m->d;
	m->d.inode = d->inode;
	*marker = m;
	return 0;
}

void fs_dir_removed(void *marker, struct dentry *d, int err)
{
	struct dead_dir *m = marker;

	if (!m)
		return;
	if (err) {
		kfree(m);			/* not removed after all */
		return;
	}
	m->users = move_users(d, &m->d);
	m->next = dead_dirs;
	dead_dirs = m;
}

/* ------------------------------------------------------------- lookup */

int fs_path_base(int dfd, const char *name, struct dentry **base)
{
	struct file *f;

	if (name[0] == '/') {
		*base = ramfs_root();
		return 0;
	}
	if (dfd == AT_FDCWD) {
		*base = fs_cwd();
		return 0;
	}
	f = fd_lookup(dfd);		/* O_PATH directories are fine */
	if (!f)
		return -EBADF;
	*base = fs_file_dentry(f);
	/* "" with AT_EMPTY_PATH names the fd itself: the callers handle it. */
	return *base ? 0 : -ENOTDIR;
}

int fs_create_base(int dfd, const char *name, struct dentry **base)
{
	int err = fs_path_base(dfd, name, base);

	/* Relative to a removed directory nothing can be found or made: it
	 * is its own parent and has no entries. */
	if (!err && fs_dir_dead(*base))
		return -ENOENT;
	return err;
}

/* Until there is a /proc, its one link that static programs read. */
static const char proc_self_exe[] = "/proc/self/exe";

int fs_lookup(int dfd, const char *name, unsigned int flags, struct dentry **result)
{
	struct dentry *base;
	int err;

	if ((flags & LOOKUP_FOLLOW) && strcmp(name, proc_self_exe) == 0 &&
	    current->exe[0] == '/')
		name = current->exe;
	err = fs_path_base(dfd, name, &base);
	if (err)
		return err;
	return ramfs_lookup_at(base, name, flags, result);
}
