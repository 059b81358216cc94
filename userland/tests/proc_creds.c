// SPDX-License-Identifier: MIT
/*
 * proc_creds: a process's user and group ids and supplementary groups, as
 * Linux's kernel/sys.c and kernel/groups.c keep them (real, effective,
 * saved, filesystem), and who may change them into what.
 *
 *  - a privileged process (euid 0) sets any id; -1 leaves an id as it is;
 *    setuid(-1) and setgid(-1) are EINVAL;
 *  - setreuid sets the saved uid to the new euid when the real uid is set
 *    or the euid differs from the old real uid, and not otherwise;
 *  - with euid 0 given up but kept as saved uid, a process is
 *    unprivileged (EPERM for other ids) and may take euid 0 back; with no
 *    uid 0 left it may only move among its own ids;
 *  - setfsuid/setfsgid return the old value whether or not they changed
 *    it, and follow every change of the effective id;
 *  - setgroups sorts; getgroups(0) counts, a short buffer is EINVAL; an
 *    unprivileged setgroups is EPERM;
 *  - kill of a process of another user is EPERM; waitid's si_uid is the
 *    child's real uid; fork copies the ids;
 *  - ia32 only: the 16-bit calls of the oldest table (setuid 23, getresuid
 *    165, ...): 0xffff means -1, a uid above 65535 reads as 65534.
 *
 * The changes run in a child (the ids only go down); the child reports
 * its KTAP counts through a pipe. The 64-bit, x32 and ia32 builds call
 * the 32-bit-uid calls of their ABI (glibc's setresuid is setresuid32 on
 * ia32).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "ktap.h"
#include "errname.h"

#ifdef SYS_setresuid32		/* ia32: the 32-bit-uid calls */
#define NR_setuid	SYS_setuid32
#define NR_setgid	SYS_setgid32
#define NR_setreuid	SYS_setreuid32
#define NR_setregid	SYS_setregid32
#define NR_setresuid	SYS_setresuid32
#define NR_setresgid	SYS_setresgid32
#define NR_getresuid	SYS_getresuid32
#define NR_getresgid	SYS_getresgid32
#define NR_setfsuid	SYS_setfsuid32
#define NR_setfsgid	SYS_setfsgid32
#define NR_getgroups	SYS_getgroups32
#define NR_setgroups	SYS_setgroups32
#define NR_getuid	SYS_getuid32
#define NR_geteuid	SYS_geteuid32
#else
#define NR_setuid	SYS_setuid
#define NR_setgid	SYS_setgid
#define NR_setreuid	SYS_setreuid
#define NR_setregid	SYS_setregid
#define NR_setresuid	SYS_setresuid
#define NR_setresgid	SYS_setresgid
#define NR_getresuid	SYS_getresuid
#define NR_getresgid	SYS_getresgid
#define NR_setfsuid	SYS_setfsuid
#define NR_setfsgid	SYS_setfsgid
#define NR_getgroups	SYS_getgroups
#define NR_setgroups	SYS_setgroups
#define NR_getuid	SYS_getuid
#define NR_geteuid	SYS_geteuid
#endif

/* A system call's result, or -errno. */
static long sc(long nr, long a, long b, long c)
{
	long r = syscall(nr, a, b, c);

	return r == -1 ? -errno : r;
}

static void expect(long ret, long want, const char *what)
{
	if (ret != want)
		ktap_print_msg("got %ld (%s)", ret, ret < 0 ? errno_name((int)-ret) : "success");
	if (want < 0)
		ktap_test_result(ret == want, "%s -> %s", what, errno_name((int)-want));
	else
		ktap_test_result(ret == want, "%s -> %ld", what, want);
}

/* getresuid (or getresgid) equals r e s; fs is checked through setfs*(-1). */
static void expect_res(int gid, unsigned int r, unsigned int e, unsigned int s,
		       unsigned int fs, const char *after)
{
	unsigned int got[3] = { 7, 7, 7 };
	long ret = sc(gid ? NR_getresgid : NR_getresuid, (long)&got[0], (long)&got[1], (long)&got[2]);
	long f = sc(gid ? NR_setfsgid : NR_setfsuid, -1, 0, 0);
	int ok = ret == 0 && got[0] == r && got[1] == e && got[2] == s && (unsigned int)f == fs;

	if (!ok)
		ktap_print_msg("got %ld: %u %u %u fs %ld", ret, got[0], got[1], got[2], f);
	ktap_test_result(ok, "after %s: %s %u %u %u, fs %u", after,
			 gid ? "getresgid" : "getresuid", r, e, s, fs);
}

static void groups_privileged(void)
{
	unsigned int set[3] = { 50, 3, 20 }, got[4] = { 0 }, bad = (unsigned int)-1;

	expect(sc(NR_setgroups, 3, (long)set, 0), 0, "setgroups {50, 3, 20}");
	expect(sc(NR_getgroups, 0, 0, 0), 3, "getgroups(0, NULL) counts");
	expect(sc(NR_getgroups, 2, (long)got, 0), -EINVAL, "getgroups into 2 of 3");
	expect(sc(NR_getgroups, -1, (long)got, 0), -EINVAL, "getgroups(-1)");
	long n = sc(NR_getgroups, 4, (long)got, 0);
	ktap_test_result(n == 3 && got[0] == 3 && got[1] == 20 && got[2] == 50 && got[3] == 0,
			 "getgroups gives them sorted: 3 20 50");
	expect(sc(NR_setgroups, 1, (long)&bad, 0), -EINVAL, "setgroups {-1}");
	expect(sc(NR_setgroups, 65537, (long)set, 0), -EINVAL, "setgroups(65537)");
	expect(sc(NR_setgroups, 1, 8, 0), -EFAULT, "setgroups from a bad pointer");
	expect(sc(NR_setgroups, 0, 0, 0), 0, "setgroups(0, NULL)");
	expect(sc(NR_getgroups, 0, 0, 0), 0, "getgroups: none left");
}

#ifdef SYS_setresuid32
/* The 16-bit calls (kernel/uid16.c); privileged, in a child of their own. */
static void uid16_child(void)
{
	unsigned short r = 1, e = 1, s = 1;

	expect(sc(NR_setresuid, 70000, 0, 5), 0, "setresuid32(70000, 0, 5)");
	expect(sc(SYS_getuid, 0, 0, 0), 65534, "getuid (24) of uid 70000: the overflow uid");
	expect(sc(SYS_geteuid, 0, 0, 0), 0, "geteuid (49)");
	long ret = sc(SYS_getresuid, (long)&r, (long)&e, (long)&s);
	ktap_test_result(ret == 0 && r == 65534 && e == 0 && s == 5,
			 "getresuid (165) writes 16 bits: 65534 0 5");
	expect(sc(SYS_setresuid, 0xffff, 0xffff, 0xffff), 0, "setresuid (164) with 0xffff: no change");
	expect_res(0, 70000, 0, 5, 0, "setresuid16(-1, -1, -1)");
	expect(sc(SYS_setuid, 0x10007, 0, 0), 0, "setuid (23) of 0x10007 (16 bits: 7)");
	expect_res(0, 7, 7, 7, 7, "setuid16(7)");
	expect(sc(SYS_setfsuid, 0xffff, 0, 0), 7, "setfsuid (138) of 0xffff: the old fsuid");
	expect(sc(SYS_setuid, 0xffff, 0, 0), -EINVAL, "setuid (23) of 0xffff");
	expect(sc(SYS_setgroups, 1, 8, 0), -EPERM, "setgroups (81) unprivileged");
	expect(sc(SYS_getgroups, 0, 0, 0), 0, "getgroups (80)");
	expect(sc(SYS_setgid, 9, 0, 0), -EPERM, "setgid (46) of another gid, unprivileged");
}
#endif

static void creds_child(void)
{
	expect_res(0, 0, 0, 0, 0, "fork from root");
	expect(sc(NR_setuid, -1, 0, 0), -EINVAL, "setuid(-1)");
	expect(sc(NR_setgid, -1, 0, 0), -EINVAL, "setgid(-1)");
	groups_privileged();

	expect(sc(NR_setresgid, 100, 200, 300), 0, "setresgid(100, 200, 300)");
	expect_res(1, 100, 200, 300, 200, "setresgid");
	expect(sc(NR_setfsuid, 1234, 0, 0), 0, "setfsuid(1234) returns the old fsuid 0");
	expect(sc(NR_setfsuid, 0, 0, 0), 1234, "setfsuid(0) returns 1234");

	expect(sc(NR_setreuid, 1000, -1, 0), 0, "setreuid(1000, -1)");
	expect_res(0, 1000, 0, 0, 0, "setreuid(1000, -1)");
	expect(sc(NR_setresuid, -1, 2000, -1), 0, "setresuid(-1, 2000, -1)");
	expect_res(0, 1000, 2000, 0, 2000, "setresuid(-1, 2000, -1)");
	expect(sc(NR_getuid, 0, 0, 0), 1000, "getuid");
	expect(sc(NR_geteuid, 0, 0, 0), 2000, "geteuid");

	/* euid 2000: unprivileged, but 0 is still the saved uid. */
	expect(sc(NR_setuid, 3000, 0, 0), -EPERM, "setuid(3000) unprivileged");
	expect(sc(NR_setresuid, 3000, -1, -1), -EPERM, "setresuid(3000, -1, -1)");
	expect(sc(NR_setreuid, -1, 3000, 0), -EPERM, "setreuid(-1, 3000)");
	expect(sc(NR_setresuid, -1, -1, -1), 0, "setresuid(-1, -1, -1)");
	expect(sc(NR_setgroups, 0, 0, 0), -EPERM, "setgroups unprivileged");
	expect(sc(NR_setresgid, 7, -1, -1), -EPERM, "setresgid(7, -1, -1) unprivileged");
	expect(sc(NR_setfsuid, 5, 0, 0), 2000, "setfsuid(5) refused: returns 2000");
	expect(sc(NR_setfsuid, 0, 0, 0), 2000, "setfsuid(0), the saved uid: returns 2000");
	expect(sc(NR_setfsuid, -1, 0, 0), 0, "setfsuid(-1): fsuid is 0 now");

	expect(sc(NR_setresuid, -1, 0, -1), 0, "setresuid(-1, 0, -1): euid 0 back from the saved uid");
	expect_res(0, 1000, 0, 0, 0, "taking euid 0 back");
	expect(sc(NR_setreuid, -1, 1000, 0), 0, "setreuid(-1, 1000), the real uid");
	expect_res(0, 1000, 1000, 0, 1000, "setreuid(-1, 1000): the saved uid stays 0");
	expect(sc(NR_setreuid, -1, 0, 0), 0, "setreuid(-1, 0)");
	expect(sc(NR_setreuid, -1, 2000, 0), 0, "setreuid(-1, 2000)");
	expect_res(0, 1000, 2000, 2000, 2000, "setreuid(-1, 2000): the saved uid follows");

	/* No uid 0 left. */
	expect(sc(NR_setuid, 0, 0, 0), -EPERM, "setuid(0) without uid 0");
	expect(sc(NR_setuid, 1000, 0, 0), 0, "setuid(1000), the real uid");
	expect_res(0, 1000, 1000, 2000, 1000, "setuid(1000) unprivileged");
	expect(sc(NR_setreuid, 2000, 1000, 0), -EPERM, "setreuid(2000, 1000): 2000 is only the saved uid");
	expect(sc(NR_setresuid, 2000, 1000, 1000), 0, "setresuid(2000, 1000, 1000)");
	expect_res(0, 2000, 1000, 1000, 1000, "setresuid among its own ids");
	expect(sc(NR_setgid, 100, 0, 0), 0, "setgid(100), the real gid");
	expect_res(1, 100, 100, 300, 100, "setgid(100) unprivileged");
	expect(sc(NR_setregid, 300, -1, 0), -EPERM, "setregid(300, -1): 300 is only the saved gid");
	expect(sc(NR_setregid, -1, 300, 0), 0, "setregid(-1, 300)");
	expect_res(1, 100, 300, 300, 300, "setregid(-1, 300)");
	expect(sc(NR_setfsgid, 100, 0, 0), 300, "setfsgid(100) returns the old 300");
	expect(sc(NR_setfsgid, 9, 0, 0), 100, "setfsgid(9) refused: returns 100");

	expect(sc(SYS_kill, getppid(), 0, 0), -EPERM, "kill(parent, 0): another user's");
	expect(sc(SYS_kill, getpid(), 0, 0), 0, "kill(self, 0)");
}

/* Run fn in a child that reports its KTAP counts; returns its real uid
 * at exit as waitid's si_uid says, or -1. */
static long in_child(void (*fn)(void))
{
	int fds[2];
	siginfo_t si;

	if (pipe(fds))
		return -1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		fn();
		fflush(stdout);
		if (write(fds[1], &ktap_cnt, sizeof(ktap_cnt)) != sizeof(ktap_cnt))
			_exit(2);
		_exit(0);
	}
	close(fds[1]);
	if (pid < 0 || read(fds[0], &ktap_cnt, sizeof(ktap_cnt)) != sizeof(ktap_cnt))
		return -1;
	close(fds[0]);
	memset(&si, 0, sizeof(si));
	/* waitid(P_PID (1), pid, &si, WEXITED, NULL) */
	if (syscall(SYS_waitid, 1, pid, &si, WEXITED, NULL) || si.si_code != CLD_EXITED || si.si_status)
		return -1;
	return si.si_uid;
}

int main(void)
{
	ktap_print_header();
	if (getuid() != 0 || geteuid() != 0) {
		printf("1..0 # SKIP needs to start as root\n");
		return 4;	/* KSFT_SKIP */
	}
#ifdef SYS_setresuid32
	ktap_set_plan(70);
#else
	ktap_set_plan(56);
#endif
	long uid = in_child(creds_child);
	ktap_test_result(uid == 2000, "waitid's si_uid is the child's real uid 2000");
#ifdef SYS_setresuid32
	uid = in_child(uid16_child);
	ktap_test_result(uid == 7, "waitid's si_uid after setuid16(7)");
#endif
	expect_res(0, 0, 0, 0, 0, "the children's changes (the parent)");
	ktap_finished();
}
