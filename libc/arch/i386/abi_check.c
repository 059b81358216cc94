/* SPDX-License-Identifier: MIT */
/*
 * Compile-time checks that the structures the kernel reads and writes have
 * Linux's i386 sizes and offsets (what a 64-bit kernel's compat layer
 * reads and writes for an ia32 program). No code: a wrong layout fails the
 * build. The x86_64 and x32 copies have their own numbers.
 */
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <termios.h>
#include <time.h>

#define CHECK_SIZE(type, n) \
	_Static_assert(sizeof(type) == (n), "sizeof(" #type ") != " #n)
#define CHECK_OFFSET(type, field, n) \
	_Static_assert(offsetof(type, field) == (n), \
		       "offsetof(" #type ", " #field ") != " #n)

/* arch/x86/include/uapi/asm/stat.h: struct stat64 (fstat64, fstatat64) */
CHECK_SIZE(struct stat, 96);
CHECK_OFFSET(struct stat, __st_ino, 12);
CHECK_OFFSET(struct stat, st_mode, 16);
CHECK_OFFSET(struct stat, st_nlink, 20);
CHECK_OFFSET(struct stat, st_uid, 24);
CHECK_OFFSET(struct stat, st_rdev, 32);
CHECK_OFFSET(struct stat, st_size, 44);
CHECK_OFFSET(struct stat, st_blksize, 52);
CHECK_OFFSET(struct stat, st_blocks, 56);
CHECK_OFFSET(struct stat, st_atim, 64);
CHECK_OFFSET(struct stat, st_mtim, 72);
CHECK_OFFSET(struct stat, st_ctim, 80);
CHECK_OFFSET(struct stat, st_ino, 88);

/* include/uapi/linux/time_types.h: struct old_timespec32, what the time32
 * calls (clock_gettime 265, nanosleep 162) read and write */
CHECK_SIZE(struct timespec, 8);
CHECK_OFFSET(struct timespec, tv_nsec, 4);

/* include/uapi/linux/uio.h; compat_iovec on a 64-bit kernel */
CHECK_SIZE(struct iovec, 8);
CHECK_OFFSET(struct iovec, iov_len, 4);

/* include/uapi/linux/utsname.h: struct new_utsname (uname 122) */
CHECK_SIZE(struct utsname, 6 * 65);

/* include/uapi/asm-generic/termbits.h, asm-generic/termios.h */
CHECK_SIZE(struct termios, 36);
CHECK_OFFSET(struct termios, c_line, 16);
CHECK_OFFSET(struct termios, c_cc, 17);
CHECK_SIZE(struct winsize, 8);

/* include/uapi/linux/resource.h: struct rlimit64 (prlimit64 340) */
CHECK_SIZE(struct rlimit, 16);
CHECK_OFFSET(struct rlimit, rlim_max, 8);

/* The initial stack and auxv are arrays of 4-byte words; off_t is the
 * large-file one, time_t the 32-bit one. */
CHECK_SIZE(long, 4);
CHECK_SIZE(void *, 4);
CHECK_SIZE(off_t, 8);
CHECK_SIZE(time_t, 4);
CHECK_SIZE(ssize_t, 4);
