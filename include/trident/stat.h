/* SPDX-License-Identifier: MIT */
/*
 * What stat says about a file, in the kernel (kernel/fs_stat.c). The
 * kernel's form is struct statx, the one layout every ABI shares; each
 * stat call copies it into its own user structure (the x86_64 struct stat
 * in fs_stat.c, the ia32 ones in arch/ia32/compat_stat.c).
 */
#ifndef _TRIDENT_STAT_H
#define _TRIDENT_STAT_H

#include <trident/types.h>

/* struct statx of include/uapi/linux/stat.h: the same for every ABI. */
struct statx_timestamp {
	s64 tv_sec;
	u32 tv_nsec;
	s32 __reserved;
};

struct statx {
	u32 stx_mask, stx_blksize;
	u64 stx_attributes;
	u32 stx_nlink, stx_uid, stx_gid;
	u16 stx_mode, __spare0;
	u64 stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	u32 stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	u64 stx_mnt_id;
	u32 stx_dio_mem_align, stx_dio_offset_align;
	u64 __spare3[12];		/* subvol, atomic write units, ... */
};
_Static_assert(sizeof(struct statx) == 256, "struct statx is 256 bytes");
_Static_assert(__builtin_offsetof(struct statx, stx_atime) == 64, "stx_atime");
_Static_assert(__builtin_offsetof(struct statx, stx_rdev_major) == 128, "stx_rdev_major");
_Static_assert(__builtin_offsetof(struct statx, stx_mnt_id) == 144, "stx_mnt_id");

#define STATX_BASIC_STATS	0x000007ffU

/* Linux's vfs_fstatat() (a path from dfd, with AT_SYMLINK_NOFOLLOW and
 * AT_EMPTY_PATH) and vfs_fstat() (a descriptor, O_PATH ones too): 0 or
 * -errno, the answer in *sx. request is statx's mask. */
long vfs_statx(int dfd, const char __user *filename, int flags, u32 request,
	       struct statx *sx);
long vfs_fstatx(unsigned int fd, struct statx *sx);

/* new_encode_dev(): 12 bits of major, 20 of minor, in Linux's odd order
 * (the dev_t of struct stat, and of stat64 as huge_encode_dev()). */
static inline u64 new_encode_dev(u32 major, u32 minor)
{
	return (minor & 0xff) | ((u64)major << 8) | ((u64)(minor & ~0xffU) << 12);
}

#endif
