// SPDX-License-Identifier: MIT
/*
 * fcntl for ia32 (Linux's compat_sys_fcntl64() in fs/fcntl.c).
 *
 * What differs between the ABIs is the structures some commands point
 * to: the record locks (F_GETLK, F_SETLK, F_SETLKW with struct
 * compat_flock of 32-bit offsets; F_GETLK64 = 12, F_SETLK64 = 13,
 * F_SETLKW64 = 14 with the packed struct compat_flock64, numbers that are
 * not commands at all for a 64-bit program) and the OFD locks. We have no
 * locks yet: every command answers as for a 64-bit program, and the lock
 * commands are EINVAL for both. Both ia32 rows, fcntl (55) and fcntl64
 * (221), come here, as on Linux.
 */
#include <trident/syscalls.h>
#include <trident/compat.h>
#include <trident/fs.h>
#include <trident/errno.h>

COMPAT_SYSCALL_DEFINE3(fcntl64, unsigned int, fd, unsigned int, cmd, compat_ulong_t, arg)
{
	return do_fcntl(fd, cmd, arg);
}
