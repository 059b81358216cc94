// SPDX-License-Identifier: MIT
/*
 * getdents (141) for ia32: struct compat_linux_dirent, whose d_ino and
 * d_off are 32-bit longs (Linux's compat_filldir() in fs/readdir.c). The
 * listing itself is kernel/fs_readdir.c's; this file only writes the
 * records. getdents64 (220) has one layout for every ABI.
 *
 *   0  d_ino     u32: an inode number that does not fit is EOVERFLOW
 *   4  d_off     u32: the position of the next record
 *   8  d_reclen  u16
 *   10 d_name    NUL-terminated, then padding, then d_type in the
 *                record's last byte; records are 4-byte aligned
 */
#include <trident/syscalls.h>
#include <trident/compat.h>
#include <trident/fs.h>
#include <trident/errno.h>
#include <trident/string.h>

struct compat_linux_dirent {
	compat_ulong_t d_ino;
	compat_ulong_t d_off;
	u16 d_reclen;
	char d_name[];
} __packed;
_Static_assert(__builtin_offsetof(struct compat_linux_dirent, d_name) == 10, "d_name");

static int compat_filldir(struct getdents_buf *b, const char *name, size_t len, u64 ino,
			  loff_t next, unsigned int type)
{
	char rec[sizeof(struct compat_linux_dirent) + NAME_MAX + 2 + 4];
	struct compat_linux_dirent *de = (void *)rec;
	size_t reclen = ALIGN_UP(sizeof(*de) + len + 2, sizeof(compat_long_t));

	if (reclen > b->count)
		return -EINVAL;		/* checked before the inode number, as Linux */
	if ((compat_ulong_t)ino != ino)
		return -EOVERFLOW;
	memset(rec, 0, reclen);
	de->d_ino = ino;
	de->d_off = next;
	de->d_reclen = reclen;
	memcpy(de->d_name, name, len);
	rec[reclen - 1] = type;
	return getdents_put(b, rec, reclen);
}

COMPAT_SYSCALL_DEFINE3(getdents, unsigned int, fd, void __user *, dirent, unsigned int, count)
{
	return do_getdents(fd, dirent, count, compat_filldir);
}
