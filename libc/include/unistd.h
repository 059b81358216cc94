/* SPDX-License-Identifier: MIT */
/*
 * POSIX process and file-descriptor calls. Each is a thin wrapper around
 * one system call: when the kernel lacks it, the caller sees -1 and errno
 * ENOSYS, exactly what the kernel said.
 */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <sys/types.h>

#define STDIN_FILENO	0
#define STDOUT_FILENO	1
#define STDERR_FILENO	2

/* access() modes */
#define F_OK	0
#define X_OK	1
#define W_OK	2
#define R_OK	4

/* lseek() whence */
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

extern char **environ;

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);
ssize_t pread(int fd, void *buf, size_t count, off_t offset);
ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset);
int dup(int fd);
int dup2(int oldfd, int newfd);
int pipe(int fds[2]);
int isatty(int fd);

pid_t getpid(void);
pid_t getppid(void);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
void _exit(int status) __attribute__((__noreturn__));

int chdir(const char *path);
char *getcwd(char *buf, size_t size);
int access(const char *path, int mode);
ssize_t readlink(const char *restrict path, char *restrict buf, size_t size);
int unlink(const char *path);
int rmdir(const char *path);

int brk(void *end);
void *sbrk(intptr_t increment);

unsigned int sleep(unsigned int seconds);
unsigned int alarm(unsigned int seconds);
int pause(void);

/*
 * The raw door: syscall(SYS_getpid) and friends, with up to six arguments
 * taken as longs. Returns what the kernel returned, mapped to -1 and errno.
 */
long syscall(long nr, ...);

/* Process groups, sessions, the terminal's foreground group (src/pgrp.c). */
int setpgid(pid_t pid, pid_t pgid);
pid_t getpgid(pid_t pid);
pid_t getpgrp(void);
pid_t setsid(void);
pid_t getsid(pid_t pid);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);

#endif
