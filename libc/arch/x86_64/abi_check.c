/* SPDX-License-Identifier: MIT */
/*
 * Compile-time checks that the structures the kernel reads and writes have
 * Linux's x86_64 sizes and offsets. No code: a wrong layout fails the build.
 * x32 and i386 get their own copy with their own numbers.
 */
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <termios.h>
#include <time.h>

#define CHECK_SIZE(type, n) \
	_Static_assert(sizeof(type) == (n), "sizeof(" #type ") != " #n)
#define CHECK_OFFSET(type, field, n) \
	_Static_assert(offsetof(type, field) == (n), \
		       "offsetof(" #type ", " #field ") != " #n)

/* arch/x86/include/uapi/asm/stat.h */
CHECK_SIZE(struct stat, 144);
CHECK_OFFSET(struct stat, st_ino, 8);
CHECK_OFFSET(struct stat, st_nlink, 16);
CHECK_OFFSET(struct stat, st_mode, 24);
CHECK_OFFSET(struct stat, st_uid, 28);
CHECK_OFFSET(struct stat, st_rdev, 40);
CHECK_OFFSET(struct stat, st_size, 48);
CHECK_OFFSET(struct stat, st_blocks, 64);
CHECK_OFFSET(struct stat, st_atim, 72);
CHECK_OFFSET(struct stat, st_mtim, 88);
CHECK_OFFSET(struct stat, st_ctim, 104);

/* include/uapi/linux/time_types.h: __kernel_timespec, and the same here */
CHECK_SIZE(struct timespec, 16);
CHECK_OFFSET(struct timespec, tv_nsec, 8);

/* include/uapi/linux/uio.h */
CHECK_SIZE(struct iovec, 16);
CHECK_OFFSET(struct iovec, iov_len, 8);

/* include/uapi/linux/utsname.h: struct new_utsname */
CHECK_SIZE(struct utsname, 6 * 65);

/* include/uapi/asm-generic/termbits.h, asm-generic/termios.h */
CHECK_SIZE(struct termios, 36);
CHECK_OFFSET(struct termios, c_line, 16);
CHECK_OFFSET(struct termios, c_cc, 17);
CHECK_SIZE(struct winsize, 8);

/* include/uapi/linux/resource.h: struct rlimit (= prlimit64's rlimit64) */
CHECK_SIZE(struct rlimit, 16);
CHECK_OFFSET(struct rlimit, rlim_max, 8);

/* The initial stack and auxv are arrays of 8-byte words. */
CHECK_SIZE(long, 8);
CHECK_SIZE(void *, 8);
