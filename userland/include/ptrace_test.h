/* SPDX-License-Identifier: MIT */
/*
 * What the ptrace conformance programs (proc_ptrace, proc_ptrace_mem,
 * proc_singlestep, proc_debugreg) share: the request numbers, the build
 * ABI's struct user_regs_struct indices (x32 uses the 64-bit layout), a
 * view of the siginfo PTRACE_GETSIGINFO writes (128 bytes on every ABI;
 * 64-bit aligns the union to 8, ia32 and x32 take compat_siginfo's 4),
 * and raw wrappers answering -errno.
 */
#ifndef PTRACE_TEST_H
#define PTRACE_TEST_H

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/types.h>

#define T_TRACEME	0
#define T_PEEKTEXT	1
#define T_PEEKDATA	2
#define T_PEEKUSR	3
#define T_POKETEXT	4
#define T_POKEDATA	5
#define T_POKEUSR	6
#define T_CONT		7
#define T_KILL		8
#define T_SINGLESTEP	9
#define T_GETREGS	12
#define T_SETREGS	13
#define T_ATTACH	16
#define T_DETACH	17
#define T_SYSCALL	24
#define T_SYSEMU	31
#define T_SETOPTIONS	0x4200
#define T_GETSIGINFO	0x4202
#define T_O_TRACESYSGOOD 1

#if defined(__x86_64__)
typedef unsigned long long reg_t;	/* x32 too: the 64-bit layout */
#define NREGS		27
#define R_AX		10
#define R_ORIG_AX	15
#define R_IP		16
#define R_FLAGS		18
#else
typedef uint32_t reg_t;
#define NREGS		17
#define R_AX		6
#define R_ORIG_AX	11
#define R_IP		12
#define R_FLAGS		14
#endif

struct sig_info {
	int s_signo, s_errno, s_code;
#if defined(__x86_64__) && !defined(__ILP32__)
	int pad;
	int s_pid, s_uid;
	int rest[26];
#else
	int s_pid, s_uid;
	int rest[27];
#endif
};
_Static_assert(sizeof(struct sig_info) == 128, "siginfo is 128 bytes");

static inline long pt_raw(long req, long pid, unsigned long addr, unsigned long data)
{
	long r = syscall(SYS_ptrace, req, pid, addr, data);
	return r < 0 ? -errno : r;
}
/* data: a number or a pointer, as the request takes it. */
#define pt(req, pid, addr, data) pt_raw((req), (pid), (addr), (unsigned long)(data))

/* wait4's status for pid, or -errno. */
static inline int wait_status(pid_t pid)
{
	int st = -1;

	if (syscall(SYS_wait4, pid, &st, 0, NULL) != pid)
		return -errno;
	return st;
}

/* The si_code of the tracee's current stop, or -1. */
static inline int stop_code(pid_t pid)
{
	struct sig_info si;

	memset(&si, 0, sizeof(si));
	if (pt(T_GETSIGINFO, pid, 0, &si))
		return -1;
	return si.s_code;
}

#endif
