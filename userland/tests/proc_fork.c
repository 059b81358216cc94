/* SPDX-License-Identifier: MIT */
/*
 * proc_fork: what do fork, wait4 and kill do, and what does the parent see
 * of how a child ended?
 *
 *  - fork returns twice: 0 in the child, the child's pid in the parent; the
 *    child's parent is the caller; the child has its own copy of memory.
 *  - the wait status word: exit code in bits 8-15 (only the low 8 bits of
 *    exit()'s argument: 256 is 0), or the killing signal in bits 0-6 with
 *    bit 7 "core dumped".
 *  - wait4's errors: ECHILD without children, EINVAL for an option wait4
 *    does not take (checked before ECHILD), EFAULT for a status pointer the
 *    kernel cannot write, WNOHANG with a live child.
 *  - kill: signal 0 only asks whether the process exists (ESRCH if not),
 *    SIGKILL and SIGTERM end a child asleep in nanosleep.
 *  - the child's fd table is a copy, close-on-exec flags included.
 *  - many children at once, each replaced by exec, all reaped.
 *
 * Pids differ between runs and kernels, so results compare them ("the pid
 * the child saw == the pid fork returned") and print them only in "#" lines.
 *
 * Run with the single argument "exit7", the program exits 7 at once: the
 * exec'd image of the many-children case.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "ktap.h"
#include "errname.h"
#include "raw_syscall.h"

extern char **environ;	/* POSIX; glibc declares it only for _GNU_SOURCE */

#define PR_SET_DUMPABLE	4	/* uapi linux/prctl.h */
#define N_CHILDREN	100
/* An option wait4 does not know (WNOWAIT is waitid's alone, 0x10 unused). */
#define BAD_WAIT_OPTION	0x10

static char *self_path;

/* -errno or the result, from a libc wrapper. */
static long sys(long ret)
{
	return ret == -1 ? -errno : ret;
}

/* errname.h predates wait4's own error. */
static const char *err_name(int e)
{
	return e == ECHILD ? "ECHILD" : errno_name(e);
}

static void expect_err(long ret, int err, const char *what)
{
	if (ret != -err)
		ktap_print_msg("got %s", ret < 0 ? err_name((int)-ret) :
			       ret > 0 ? "a pid" : "0");
	ktap_test_result(ret == -err, "%s -> %s", what, err_name(err));
}

/*
 * A child about to die of a signal must not write a core file on the host
 * (nor set the status's core bit, whatever ulimit -c and core_pattern say):
 * a process that is not dumpable dumps no core. Trident has no prctl yet
 * and dumps no core anyway; its ENOSYS is ignored.
 */
static void no_core_dump(void)
{
	syscall(SYS_prctl, PR_SET_DUMPABLE, 0, 0, 0, 0);
}

static void describe_status(int status)
{
	if (WIFEXITED(status))
		ktap_print_msg("status 0x%04x: exited, code %d", status,
			       WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		ktap_print_msg("status 0x%04x: killed by signal %d%s", status,
			       WTERMSIG(status),
			       WCOREDUMP(status) ? ", core dumped" : "");
	else
		ktap_print_msg("status 0x%04x", status);
}

/* Wait for pid; the status, or -1 when waitpid did not return pid. */
static int reap(pid_t pid)
{
	int status = 0;
	long got = sys(waitpid(pid, &status, 0));

	if (got != pid) {
		ktap_print_msg("waitpid: %s", got < 0 ? err_name((int)-got) :
			       "another pid");
		return -1;
	}
	describe_status(status);
	return status;
}

static void test_no_children(void)
{
	int status = 0x5a5a;

	expect_err(sys(waitpid(-1, &status, 0)), ECHILD,
		   "waitpid(-1) with no children");
	expect_err(sys(wait4(-1, &status, WNOHANG, NULL)), ECHILD,
		   "wait4(-1, WNOHANG) with no children");
	expect_err(sys(wait4(-1, &status, BAD_WAIT_OPTION, NULL)), EINVAL,
		   "wait4(options 0x10) (options checked before ECHILD)");
	expect_err(sys(wait4(-1, &status, WNOWAIT, NULL)), EINVAL,
		   "wait4(WNOWAIT, a waitid-only option)");
	ktap_test_result(status == 0x5a5a, "failed waits leave *status alone");
}

/*
 * fork's two returns. The child sends what it saw through a pipe: fork's
 * return value, getpid() and getppid().
 */
struct child_view {
	long fork_ret, pid, ppid;
};

static void test_fork_returns(void)
{
	struct child_view v = { -1, -1, -1 };
	int fds[2], status;
	long pid, parent = getpid(), n;

	if (pipe(fds) < 0) {
		ktap_print_msg("pipe: %s", err_name(errno));
		fds[0] = fds[1] = -1;
	}
	pid = fork();
	if (pid == 0) {
		struct child_view mine;

		mine.fork_ret = 0;	/* the value this branch was taken on */
		mine.pid = getpid();
		mine.ppid = getppid();
		write(fds[1], &mine, sizeof(mine));
		_exit(0);
	}
	ktap_test_result(pid > 0, "fork() in the parent returns a pid > 0");
	if (pid < 0) {
		ktap_print_msg("fork: %s", err_name(errno));
		ktap_test_fail("fork() returns 0 in the child");
		ktap_test_fail("the child's getpid() == fork()'s return in the parent");
		ktap_test_fail("the child's getppid() == the parent's getpid()");
		ktap_test_fail("waitpid(child) returns its pid, exit code 0");
		return;
	}
	close(fds[1]);
	n = read(fds[0], &v, sizeof(v));
	close(fds[0]);
	ktap_print_msg("parent %ld, fork -> %ld; child saw getpid %ld, getppid %ld",
		       parent, pid, v.pid, v.ppid);
	ktap_test_result(n == (long)sizeof(v) && v.fork_ret == 0,
			 "fork() returns 0 in the child");
	ktap_test_result(v.pid == pid,
			 "the child's getpid() == fork()'s return in the parent");
	ktap_test_result(v.ppid == parent,
			 "the child's getppid() == the parent's getpid()");
	status = reap(pid);
	ktap_test_result(status == 0, "waitpid(child) returns its pid, exit code 0");
}

/* exit(code): the parent sees code & 0xff in bits 8-15, and 0 below. */
static void test_exit_code(int code)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(code);
	status = pid > 0 ? reap(pid) : -1;
	ktap_test_result(status >= 0 && WIFEXITED(status) &&
			 WEXITSTATUS(status) == (code & 0xff) &&
			 status == (code & 0xff) << 8,
			 "_exit(%d): WIFEXITED, WEXITSTATUS %d, status 0x%04x",
			 code, code & 0xff, (code & 0xff) << 8);
}

static void test_segv_status(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		no_core_dump();
		/* In assembly: a C store to NULL may become ud2 (SIGILL). */
		__asm__ volatile("movl $1, 0" ::: "memory");
		_exit(0);
	}
	status = pid > 0 ? reap(pid) : -1;
	ktap_test_result(status >= 0 && WIFSIGNALED(status) &&
			 WTERMSIG(status) == SIGSEGV,
			 "a child writing to NULL: WIFSIGNALED, WTERMSIG 11");
	ktap_test_result(status >= 0 && WIFSIGNALED(status) && !WCOREDUMP(status) &&
			 !WIFEXITED(status) && !WIFSTOPPED(status),
			 "... WCOREDUMP false (not dumpable), not WIFEXITED");
}

/*
 * A child that tells the parent it is about to sleep, then sleeps in
 * nanosleep for 10 s; the parent waits a little so that it really sleeps,
 * then signals it. Both signals' default action is to terminate; neither
 * dumps core.
 */
static void test_kill_sleeper(int sig)
{
	struct timespec nap = { 0, 20 * 1000 * 1000 };
	int fds[2], status;
	long ret = -1;
	char c = 0;
	pid_t pid;

	if (pipe(fds) < 0)
		fds[0] = fds[1] = -1;
	pid = fork();
	if (pid == 0) {
		struct timespec ten = { 10, 0 };

		close(fds[0]);
		write(fds[1], "s", 1);
		nanosleep(&ten, NULL);
		_exit(0);
	}
	close(fds[1]);
	if (pid > 0) {
		read(fds[0], &c, 1);
		nanosleep(&nap, NULL);
		ret = sys(kill(pid, sig));
		if (ret != 0)
			ktap_print_msg("kill: %s", err_name((int)-ret));
	}
	close(fds[0]);
	status = pid > 0 ? reap(pid) : -1;
	ktap_test_result(ret == 0 && status >= 0 && WIFSIGNALED(status) &&
			 WTERMSIG(status) == sig && !WCOREDUMP(status),
			 "kill(child in nanosleep, %s) -> 0, WTERMSIG %d",
			 sig == SIGKILL ? "SIGKILL" : "SIGTERM", sig);
}

/* A child blocked reading a pipe is alive: WNOHANG returns 0 at once. */
static void test_wnohang(void)
{
	int fds[2], status = 0x5a5a;
	long ret = -1;
	pid_t pid;
	char c;

	if (pipe(fds) < 0)
		fds[0] = fds[1] = -1;
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		/* Until the parent closes its end: EOF. */
		_exit(read(fds[0], &c, 1) == 0 ? 0 : 1);
	}
	close(fds[0]);
	if (pid > 0)
		ret = sys(waitpid(pid, &status, WNOHANG));
	if (ret != 0)
		ktap_print_msg("waitpid(WNOHANG): %s",
			       ret < 0 ? err_name((int)-ret) : "a pid");
	ktap_test_result(ret == 0 && status == 0x5a5a,
			 "waitpid(running child, WNOHANG) -> 0, *status untouched");
	close(fds[1]);
	status = pid > 0 ? reap(pid) : -1;
	ktap_test_result(status == 0, "... then EOF on its pipe: it exits 0");
}

/*
 * wait4 into a status word the kernel cannot write. Linux reaps the child
 * first and then fails to copy the status out (kernel_wait4: put_user after
 * do_wait), so the child is gone afterwards. The blocking wait4 also waits
 * for the child to become a zombie.
 */
static void test_wait_efault(void)
{
	long ret, again;
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(3);
	if (pid < 0) {
		ktap_test_fail("wait4(child, status pointer in kernel space) -> EFAULT");
		ktap_test_fail("... the child was reaped anyway: waitpid -> ECHILD");
		return;
	}
#if defined(__x86_64__)
	ret = raw_syscall6(SYS_wait4, (uint64_t)pid, 0xffff800000000000ULL, 0, 0,
			   0, 0);
#else
	ret = sys(syscall(SYS_wait4, pid, (void *)0xfffff000UL, 0, NULL));
#endif
	expect_err(ret, EFAULT, "wait4(child, status pointer in kernel space)");
	again = sys(waitpid(pid, &status, WNOHANG));
	if (again > 0)
		describe_status(status);
	else if (again == 0)
		/* Still there and not a zombie: reap it for the next cases. */
		reap(pid);
	expect_err(again, ECHILD,
		   "... the child was reaped anyway: waitpid(child, WNOHANG)");
}

static void test_kill_probe(void)
{
	long ret = sys(kill(getpid(), 0));

	ktap_test_result(ret == 0, "kill(getpid(), 0) -> 0 (I exist)");
	/* Beyond PID_MAX_LIMIT (4194304): no process can have it. */
	expect_err(sys(kill(0x7fffffff, 0)), ESRCH, "kill(0x7fffffff, 0)");
	expect_err(sys(kill(getpid(), -1)), EINVAL, "kill(getpid(), -1)");
	expect_err(sys(kill(getpid(), 65)), EINVAL, "kill(getpid(), 65 > _NSIG)");
}

/*
 * The child gets a copy of the fd table with each fd's close-on-exec flag
 * (Linux dup_fd copies the bitmap): exec in the child must close what
 * exec in the parent would.
 */
static void test_fd_flags(void)
{
	int fds[2], status, both;
	pid_t pid;

	if (pipe(fds) < 0 || fcntl(fds[0], F_SETFD, FD_CLOEXEC) < 0) {
		ktap_print_msg("pipe/F_SETFD: %s", err_name(errno));
		ktap_test_fail("the child's fd table: FD_CLOEXEC kept, plain fd plain");
		return;
	}
	pid = fork();
	if (pid == 0)
		_exit(fcntl(fds[0], F_GETFD) == FD_CLOEXEC &&
		      fcntl(fds[1], F_GETFD) == 0 ? 42 : 1);
	both = fcntl(fds[0], F_GETFD) == FD_CLOEXEC && fcntl(fds[1], F_GETFD) == 0;
	status = pid > 0 ? reap(pid) : -1;
	close(fds[0]);
	close(fds[1]);
	ktap_test_result(both && status >= 0 && WIFEXITED(status) &&
			 WEXITSTATUS(status) == 42,
			 "the child's fd table: FD_CLOEXEC kept, plain fd plain");
}

static volatile int global_value = 1;

/* The child writes a global; the parent's copy keeps its value. */
static void test_memory_separate(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		global_value = 2;
		_exit(global_value == 2 ? 42 : 1);
	}
	status = pid > 0 ? reap(pid) : -1;
	ktap_test_result(status >= 0 && WIFEXITED(status) &&
			 WEXITSTATUS(status) == 42,
			 "the child reads back its write to a global");
	ktap_print_msg("parent's global after the child: %d", global_value);
	ktap_test_result(global_value == 1,
			 "the parent's global is unchanged (copied memory)");
}

/*
 * N_CHILDREN children at once, each exec'ing this program with "exit7",
 * then all reaped: every pid fork returned comes back from wait exactly
 * once, each with exit code 7, and then there are no children left.
 */
static void test_many_children(void)
{
	static pid_t pids[N_CHILDREN];
	char *args[] = { self_path, "exit7", NULL };
	int forked = 0, reaped = 0, sevens = 0, matched = 0, fork_err = 0;
	int status;
	long got;

	for (int i = 0; i < N_CHILDREN; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			execve(self_path, args, environ);
			_exit(127);
		}
		if (pid < 0) {
			fork_err = errno;
			break;
		}
		pids[forked++] = pid;
	}
	if (fork_err)
		ktap_print_msg("fork %d failed: %s", forked + 1, err_name(fork_err));
	ktap_test_result(forked == N_CHILDREN, "fork %d children", N_CHILDREN);

	while ((got = sys(wait(&status))) > 0) {
		reaped++;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 7)
			sevens++;
		for (int i = 0; i < forked; i++)
			if (pids[i] == got) {
				pids[i] = 0;
				matched++;
				break;
			}
	}
	ktap_print_msg("forked %d, reaped %d, pids matched %d, exit 7: %d",
		       forked, reaped, matched, sevens);
	ktap_test_result(reaped == N_CHILDREN && matched == N_CHILDREN,
			 "wait() reaps each of the %d pids once", N_CHILDREN);
	ktap_test_result(sevens == N_CHILDREN,
			 "all %d exec'd children exited 7", N_CHILDREN);
	ktap_test_result(got == -ECHILD, "then wait() -> ECHILD");
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "exit7") == 0)
		_exit(7);
	self_path = argv[0];

	ktap_print_header();
	ktap_set_plan(5 + 5 + 4 + 2 + 2 + 2 + 2 + 4 + 2 + 1 + 4);
	test_no_children();
	test_fork_returns();
	test_exit_code(0);
	test_exit_code(1);
	test_exit_code(255);
	test_exit_code(256);
	test_segv_status();
	test_kill_sleeper(SIGKILL);
	test_kill_sleeper(SIGTERM);
	test_wnohang();
	test_wait_efault();
	test_kill_probe();
	test_memory_separate();
	test_fd_flags();
	test_many_children();
	ktap_finished();
	return KSFT_FAIL;	/* not reached */
}
