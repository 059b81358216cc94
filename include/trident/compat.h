/* SPDX-License-Identifier: MIT */
/*
 * The 32-bit view of the kernel's types (Linux's include/linux/compat.h and
 * arch/x86/include/asm/compat.h), for the compat_sys_* handlers of
 * arch/ia32/compat_*.c.
 *
 * An ia32 program's long and pointers have 32 bits, so every structure
 * with a long, a pointer, a size_t or a time_t in it has a second layout.
 * A compat handler reads the 32-bit layout from user memory, converts it
 * to the kernel's own and calls the same code as the native handler (or
 * the other way round for results). Structures made of fixed-width fields
 * only (struct statx, struct rlimit64, linux_dirent64, termios) have one
 * layout, and the native handler serves both ABIs.
 *
 * Arguments need no conversion here: the __ia32_ stubs of SYSCALL_DEFINEn
 * zero-extend each 32-bit register and cast it to the declared type, so a
 * compat_off_t (s32) argument arrives sign-extended and a compat_ulong_t
 * zero-extended, exactly as declared.
 */
#ifndef _TRIDENT_COMPAT_H
#define _TRIDENT_COMPAT_H

#include <trident/types.h>

typedef u32 compat_uptr_t;	/* a user pointer as stored in a structure */
typedef u32 compat_ulong_t;
typedef s32 compat_long_t;
typedef u32 compat_size_t;
typedef s32 compat_ssize_t;
typedef s32 compat_off_t;
typedef s32 compat_time_t;	/* old_time32_t */
typedef s32 compat_pid_t;
typedef u16 __compat_uid_t;	/* the 16-bit ids of the oldest calls */
typedef u16 __compat_gid_t;

/* A 32-bit user pointer as the kernel's pointer (zero-extended). */
static inline void __user *compat_ptr(compat_uptr_t uptr)
{
	return (void __user *)(unsigned long)uptr;
}

/* struct old_timespec32 and old_timeval32: time_t and long of 32 bits. */
struct old_timespec32 {
	compat_time_t tv_sec;
	s32 tv_nsec;
};

struct old_timeval32 {
	compat_time_t tv_sec;
	s32 tv_usec;
};

/* struct compat_iovec: the segments of readv and writev. */
struct compat_iovec {
	compat_uptr_t iov_base;
	compat_size_t iov_len;
};

/* struct compat_rlimit: getrlimit's, with RLIM_INFINITY of 32 bits. */
struct compat_rlimit {
	compat_ulong_t rlim_cur;
	compat_ulong_t rlim_max;
};
#define COMPAT_RLIM_INFINITY	0xffffffffU

/* uid16.h: an id that does not fit in 16 bits shows as overflowuid. */
#define DEFAULT_OVERFLOWUID	65534
#define high2lowuid(uid)	((uid) & ~0xffffU ? (u16)DEFAULT_OVERFLOWUID : (u16)(uid))
#define high2lowgid(gid)	high2lowuid(gid)

/* The largest offset a program without O_LARGEFILE may see (2^31 - 1). */
#define MAX_NON_LFS		0x7fffffffLL

#endif
