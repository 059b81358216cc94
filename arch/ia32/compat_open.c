// SPDX-License-Identifier: MIT
/*
 * open and openat for ia32 (Linux's fs/open.c compat part): the same as
 * the 64-bit calls but without O_LARGEFILE forced on (force_o_largefile()
 * holds for every native call of a 64-bit kernel). An ia32 program sees
 * in F_GETFL whether it asked for O_LARGEFILE, as glibc and musl always
 * do. creat (8) is not here: Linux's sys_creat forces the flag for ia32
 * callers too.
 *
 * Still to come with files of 2 GiB and more (ramfs holds files in memory
 * and has none): Linux refuses to open one without O_LARGEFILE
 * (EOVERFLOW, generic_file_open()) and to write past 2 GiB - 1 in one
 * (EFBIG).
 */
#include <trident/syscalls.h>
#include <trident/fs.h>

COMPAT_SYSCALL_DEFINE3(open, const char __user *, filename, int, flags, unsigned int, mode)
{
	return do_sys_open(AT_FDCWD, filename, flags, mode);
}

COMPAT_SYSCALL_DEFINE4(openat, int, dfd, const char __user *, filename, int, flags,
		       unsigned int, mode)
{
	return do_sys_open(dfd, filename, flags, mode);
}
