// SPDX-License-Identifier: MIT
/*
 * What does waitid tell? It chooses children by (idtype, id), must be told
 * which changes to wait for (WEXITED), can leave the child waitable
 * (WNOWAIT), and describes it in a siginfo_t: si_signo SIGCHLD, si_code
 * T_CLD_EXITED or T_CLD_KILLED, si_pid, si_status. With WNOHANG and nothing
 * ready it returns 0 with si_signo and si_pid 0.
 *
 * The siginfo_t is declared here for each ABI (64-bit: the union at byte
 * 16; ia32 and x32: at byte 12, as Linux's compat_siginfo).
 */
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "ktap.h"
#include "errname.h"

#define P_ALL 0
#define P_PID 1
#define T_WEXITED 4
#define T_WNOWAIT 0x01000000
#define T_WNOHANG 1
#define T_CLD_EXITED 1
#define T_CLD_KILLED 2

struct chld_info {
	int c_signo, c_errno, c_code;
#if defined(__x86_64__) && !defined(__ILP32__)
	int pad;
#endif
	int c_pid, c_uid, c_status;
	int rest[25];
};
_Static_assert(sizeof(struct chld_info) <= 128, "siginfo_t is 128 bytes");

static long waitid_(int which, int id, struct chld_info *si, int options)
{
	long r = syscall(SYS_waitid, which, id, si, options, NULL);
	return r < 0 ? -errno : r;
}

static pid_t child_exiting(int code)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(code);
	return pid;
}

int main(void)
{
	struct chld_info si;
	long r;

	ktap_print_header();
	ktap_set_plan(14);

	pid_t pid = child_exiting(7);
	memset(&si, 0xff, sizeof(si));
	r = waitid_(P_PID, pid, &si, T_WEXITED | T_WNOWAIT);
	ktap_test_result(r == 0 && si.c_signo == SIGCHLD && si.c_code == T_CLD_EXITED &&
			 si.c_status == 7 && si.c_pid == pid && si.c_uid == (int)getuid(),
			 "waitid(P_PID, WEXITED|WNOWAIT) of a child that exited 7: SIGCHLD, T_CLD_EXITED, 7, its pid");
	ktap_test_result(si.c_errno == 0, "... si_errno 0");
	memset(&si, 0, sizeof(si));
	r = waitid_(P_PID, pid, &si, T_WEXITED);
	ktap_test_result(r == 0 && si.c_pid == pid && si.c_status == 7,
			 "WNOWAIT left it waitable: a second waitid reaps it");
	r = waitid_(P_PID, pid, &si, T_WEXITED);
	ktap_test_result(r == -ECHILD, "a third waitid -> %s", errno_name(-r));

	pid = fork();
	if (pid == 0) {
		for (;;)
			sleep(100);
	}
	memset(&si, 0xff, sizeof(si));
	r = waitid_(P_ALL, 0, &si, T_WEXITED | T_WNOHANG);
	ktap_test_result(r == 0 && si.c_signo == 0 && si.c_pid == 0,
			 "WNOHANG with a running child -> 0, si_signo and si_pid 0");
	kill(pid, SIGKILL);
	r = waitid_(P_ALL, 0, &si, T_WEXITED);
	ktap_test_result(r == 0 && si.c_code == T_CLD_KILLED && si.c_status == SIGKILL &&
			 si.c_pid == pid, "a child killed by SIGKILL: T_CLD_KILLED, status 9");

	r = waitid_(P_ALL, 0, &si, T_WEXITED);
	ktap_test_result(r == -ECHILD, "no children -> %s", errno_name(-r));
	r = waitid_(P_ALL, 0, &si, 0);
	ktap_test_result(r == -EINVAL, "options without WEXITED/WSTOPPED/WCONTINUED -> %s", errno_name(-r));
	r = waitid_(P_ALL, 0, &si, T_WEXITED | 0x10);
	ktap_test_result(r == -EINVAL, "an unknown option bit -> %s", errno_name(-r));
	r = waitid_(P_PID, 0, &si, T_WEXITED);
	ktap_test_result(r == -EINVAL, "P_PID with id 0 -> %s", errno_name(-r));
	r = waitid_(7, 0, &si, T_WEXITED);
	ktap_test_result(r == -EINVAL, "idtype 7 -> %s", errno_name(-r));

	pid = child_exiting(3);
	/* Above every user address: the kernel half for 64-bit programs, the
	 * last page below 4 GiB (above TASK_SIZE 0xffffe000) for 32-bit ones. */
#if defined(__x86_64__) && !defined(__ILP32__)
	uintptr_t bad = (uintptr_t)0xffff800000000000ull;
#else
	uintptr_t bad = (uintptr_t)0xfffff000ul;
#endif
	r = waitid_(P_PID, pid, (struct chld_info *)bad, T_WEXITED);
	ktap_test_result(r == -EFAULT, "a siginfo pointer above user space -> %s", errno_name(-r));
	r = waitid_(P_PID, pid, &si, T_WEXITED | T_WNOHANG);
	ktap_test_result(r == -ECHILD,
			 "... and the child was reaped anyway (Linux copies out after reaping): %s",
			 errno_name(-r));
	pid = child_exiting(5);
	r = waitid_(P_PID, pid, NULL, T_WEXITED);
	ktap_test_result(r == 0, "a NULL siginfo pointer is allowed -> %s", r ? errno_name(-r) : "0");
	ktap_finished();
}
