/* SPDX-License-Identifier: MIT */
/*
 * Compile-time checks that the structures the kernel reads and writes have
 * Linux's x32 sizes and offsets. No code: a wrong layout fails the build.
 *
 * x32 mixes the two others: the kernel runs most of its calls with the
 * 64-bit code, so structures of "kernel longs" (stat, timespec, rlimit)
 * have their x86_64 layout, while structures of pointers (iovec) have
 * 32-bit members and go through the x32 rows 512-547 of syscall_64.tbl
 * (readv 515, writev 516), which read them as the compat layer does.
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

/* arch/x86/include/uapi/asm/stat.h, the x86_64 struct stat */
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

/* include/uapi/linux/time_types.h: __kernel_timespec (two long longs) */
CHECK_SIZE(struct timespec, 16);
CHECK_OFFSET(struct timespec, tv_nsec, 8);

/* include/uapi/linux/uio.h with 32-bit pointers: compat_iovec */
CHECK_SIZE(struct iovec, 8);
CHECK_OFFSET(struct iovec, iov_len, 4);

/* include/uapi/linux/utsname.h: struct new_utsname */
CHECK_SIZE(struct utsname, 6 * 65);

/* include/uapi/asm-generic/termbits.h, asm-generic/termios.h */
CHECK_SIZE(struct termios, 36);
CHECK_OFFSET(struct termios, c_line, 16);
CHECK_OFFSET(struct termios, c_cc, 17);
CHECK_SIZE(struct winsize, 8);

/* include/uapi/linux/resource.h: struct rlimit of kernel longs, the same
 * as prlimit64's struct rlimit64 */
CHECK_SIZE(struct rlimit, 16);
CHECK_OFFSET(struct rlimit, rlim_max, 8);

/* The initial stack and auxv are arrays of 4-byte words (the compat ELF
 * loader); a system-call register holds 8 bytes. */
CHECK_SIZE(long, 4);
CHECK_SIZE(void *, 4);
CHECK_SIZE(off_t, 8);
CHECK_SIZE(time_t, 8);
CHECK_SIZE(ssize_t, 4);
