/* SPDX-License-Identifier: MIT */
/*
 * Processes: who we are, making children, waiting for them, signalling.
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "syscall.h"

/* Linux's never fail; a kernel without them gets -1 and errno ENOSYS, the
 * same convention as every other wrapper, rather than a pid of -38. */
pid_t getpid(void)	{ return __syscall_ret(__syscall(SYS_getpid)); }
pid_t getppid(void)	{ return __syscall_ret(__syscall(SYS_getppid)); }
uid_t getuid(void)	{ return __syscall_ret(__syscall(SYS_getuid)); }
uid_t geteuid(void)	{ return __syscall_ret(__syscall(SYS_geteuid)); }
gid_t getgid(void)	{ return __syscall_ret(__syscall(SYS_getgid)); }
gid_t getegid(void)	{ return __syscall_ret(__syscall(SYS_getegid)); }

/*
 * fork(2) itself (57 on x86_64), not clone(SIGCHLD) as glibc does: the
 * simplest way to make a child is also the first one a kernel implements.
 * Unflushed stdio output is copied into the child, as with any libc.
 */
pid_t fork(void)
{
	return __syscall_ret(__syscall(SYS_fork));
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return __syscall_ret(__syscall(SYS_execve, path, argv, envp));
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru)
{
	return __syscall_ret(__syscall(SYS_wait4, pid, status, options, ru));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, NULL);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, NULL);
}

int kill(pid_t pid, int sig)
{
	return __syscall_ret(__syscall(SYS_kill, pid, sig));
}

/* With one thread per process, the process is the thread to signal. */
/* As glibc: to this thread, tgkill(pid, tid, sig) (si_code SI_TKILL). */
int raise(int sig)
{
	pid_t pid = __syscall(SYS_getpid);

	return __syscall_ret(__syscall(SYS_tgkill, pid, __syscall(SYS_gettid), sig));
}
