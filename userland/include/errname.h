/* SPDX-License-Identifier: MIT */
/*
 * errname.h: errno values as their names ("EFAULT"), so that a test's
 * description and diagnostics say what happened in words and stay the same
 * on every kernel that gets the number right.
 *
 * Only the names a libc's <errno.h> defines are listed (each is guarded), so
 * this builds with glibc and with our own libc.
 */
#ifndef TRIDENT_ERRNAME_H
#define TRIDENT_ERRNAME_H

#include <errno.h>
#include <stdio.h>

#define ERRNAME_CASE(e)	case e: return #e;

static inline const char *errno_name(int e)
{
	static char unknown[24];

	switch (e) {
	case 0: return "0";
#ifdef EPERM
	ERRNAME_CASE(EPERM)
#endif
#ifdef ENOENT
	ERRNAME_CASE(ENOENT)
#endif
#ifdef ESRCH
	ERRNAME_CASE(ESRCH)
#endif
#ifdef EINTR
	ERRNAME_CASE(EINTR)
#endif
#ifdef EIO
	ERRNAME_CASE(EIO)
#endif
#ifdef ENXIO
	ERRNAME_CASE(ENXIO)
#endif
#ifdef E2BIG
	ERRNAME_CASE(E2BIG)
#endif
#ifdef ENOEXEC
	ERRNAME_CASE(ENOEXEC)
#endif
#ifdef EBADF
	ERRNAME_CASE(EBADF)
#endif
#ifdef EAGAIN
	ERRNAME_CASE(EAGAIN)
#endif
#ifdef ENOMEM
	ERRNAME_CASE(ENOMEM)
#endif
#ifdef EACCES
	ERRNAME_CASE(EACCES)
#endif
#ifdef EFAULT
	ERRNAME_CASE(EFAULT)
#endif
#ifdef EBUSY
	ERRNAME_CASE(EBUSY)
#endif
#ifdef EEXIST
	ERRNAME_CASE(EEXIST)
#endif
#ifdef ENODEV
	ERRNAME_CASE(ENODEV)
#endif
#ifdef ENOTDIR
	ERRNAME_CASE(ENOTDIR)
#endif
#ifdef EISDIR
	ERRNAME_CASE(EISDIR)
#endif
#ifdef EINVAL
	ERRNAME_CASE(EINVAL)
#endif
#ifdef EMFILE
	ERRNAME_CASE(EMFILE)
#endif
#ifdef ENOTTY
	ERRNAME_CASE(ENOTTY)
#endif
#ifdef EFBIG
	ERRNAME_CASE(EFBIG)
#endif
#ifdef ENOSPC
	ERRNAME_CASE(ENOSPC)
#endif
#ifdef ESPIPE
	ERRNAME_CASE(ESPIPE)
#endif
#ifdef EPIPE
	ERRNAME_CASE(EPIPE)
#endif
#ifdef ERANGE
	ERRNAME_CASE(ERANGE)
#endif
#ifdef ENAMETOOLONG
	ERRNAME_CASE(ENAMETOOLONG)
#endif
#ifdef ENOSYS
	ERRNAME_CASE(ENOSYS)
#endif
#ifdef EOPNOTSUPP
	ERRNAME_CASE(EOPNOTSUPP)
#endif
	}
	snprintf(unknown, sizeof(unknown), "errno %d", e);
	return unknown;
}

/*
 * The kernel's raw return value (RAX) in words: "-EFAULT" for -4095..-1,
 * "0" for zero and "positive" for any other value, since those (pids, byte
 * counts) may vary between runs and belong in a diagnostic, not a result line.
 */
static inline const char *raw_result_name(long long ret)
{
	static char buf[32];

	if (ret == 0)
		return "0";
	if (ret < 0 && ret >= -4095) {
		snprintf(buf, sizeof(buf), "-%s", errno_name((int)-ret));
		return buf;
	}
	return ret > 0 ? "positive" : "negative non-errno";
}

#endif /* TRIDENT_ERRNAME_H */
