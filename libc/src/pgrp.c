/* SPDX-License-Identifier: MIT */
/*
 * Process groups, sessions and the terminal's foreground group: what a
 * shell with job control needs (POSIX; tcgetpgrp/tcsetpgrp are the
 * TIOCGPGRP/TIOCSPGRP ioctls, as in glibc and musl).
 */
#include <sys/ioctl.h>
#include <unistd.h>
#include "syscall.h"

int setpgid(pid_t pid, pid_t pgid) { return __syscall_ret(__syscall(SYS_setpgid, pid, pgid)); }
pid_t getpgid(pid_t pid)	{ return __syscall_ret(__syscall(SYS_getpgid, pid)); }
pid_t getpgrp(void)		{ return __syscall_ret(__syscall(SYS_getpgrp)); }
pid_t setsid(void)		{ return __syscall_ret(__syscall(SYS_setsid)); }
pid_t getsid(pid_t pid)		{ return __syscall_ret(__syscall(SYS_getsid, pid)); }

pid_t tcgetpgrp(int fd)
{
	int pgrp;

	return ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	int p = pgrp;

	return ioctl(fd, TIOCSPGRP, &p);
}
