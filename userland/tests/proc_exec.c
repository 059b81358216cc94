/* SPDX-License-Identifier: MIT */
/*
 * proc_exec: what does execve hand the new image, what does it refuse, and
 * what does vfork's parent see?
 *
 *  - argv and envp arrive string for string (an empty string too), argv and
 *    envp NULL-terminated, nothing added to the environment.
 *  - the auxiliary vector: AT_PAGESZ, AT_ENTRY (our _start), AT_PHDR/PHENT/
 *    PHNUM (our program headers, the entry point inside an executable
 *    PT_LOAD), AT_EXECFN (the path given to execve, not argv[0]),
 *    AT_RANDOM, the ids and AT_SECURE.
 *  - fds survive exec, except those marked FD_CLOEXEC.
 *  - errors: ENOENT, EACCES (a directory, a file without an exec bit),
 *    ENOEXEC (not an ELF file), EFAULT (the path, argv, an argv string or
 *    envp unreadable).
 *  - vfork: the child runs in the parent's memory while the parent waits
 *    until the child exits or execs.
 *
 * The program re-executes itself (argv[0]): the exec'd copy is told by
 * argv[1] what to check and answers through its exit code or a pipe, and
 * the parent turns the answer into result lines. Every execve that must
 * fail runs in a child, so a kernel that wrongly succeeds (the copy then
 * exits 100) or dies half-way cannot take the test with it.
 *
 * Registers at entry (all 0 but RSP) cannot be seen from C behind a libc's
 * _start; the auxiliary vector stands in for "what exec set up".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "ktap.h"
#include "errname.h"

extern char **environ;	/* POSIX; glibc declares it only for _GNU_SOURCE */
extern char _start[];	/* crt1's entry point, in glibc's and ours */

/* Exit codes of the exec'd copy. */
#define OK_MARK		0x80	/* "I ran and checked": failures in bits 0-6 */
#define EXEC_SUCCEEDED	100	/* an execve that had to fail did not */

/* In the unmapped first page; volatile, so gcc sees no constant to warn about. */
static volatile uintptr_t bad_addr = 0x10;
#define BAD_PTR		((void *)bad_addr)
#define SHOULD_FAIL_ENV	"TRIDENT_EXEC_SHOULD_FAIL=1"

/* An ELF program header of our own class (x32 programs are ELFCLASS32). */
#if defined(__x86_64__) && !defined(__ILP32__)
struct phdr {
	uint32_t p_type, p_flags;
	uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};
#else
struct phdr {
	uint32_t p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz;
	uint32_t p_flags, p_align;
};
#endif
#define ELF_PT_LOAD	1	/* p_type of a loadable segment */
#define ELF_PF_X	1	/* p_flags: executable */

static char *self_path;

static void describe_status(int status)
{
	if (WIFEXITED(status))
		ktap_print_msg("status 0x%04x: exited, code %d (0x%02x)", status,
			       WEXITSTATUS(status), WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		ktap_print_msg("status 0x%04x: killed by signal %d", status,
			       WTERMSIG(status));
	else
		ktap_print_msg("status 0x%04x", status);
}

/* Wait for pid: its status, or -1 when waitpid did not return pid. */
static int reap(pid_t pid)
{
	int status = 0;

	if (pid <= 0 || waitpid(pid, &status, 0) != pid) {
		ktap_print_msg("no child to wait for (%s)", errno_name(errno));
		return -1;
	}
	describe_status(status);
	return status;
}

/* The exit code when the exec'd copy ran its checks, else -1. */
static int checked_code(int status)
{
	if (status < 0 || !WIFEXITED(status) || !(WEXITSTATUS(status) & OK_MARK))
		return -1;
	return WEXITSTATUS(status);
}

static pid_t fork_exec(char *const argv[], char *const envp[])
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execve(self_path, argv, envp);
		_exit(127);
	}
	return pid;
}

/* ---- the exec'd copy ---------------------------------------------------- */

static const char *const round_trip_argv[] = {
	"args", "two words", "", "last",
};
static const char *const round_trip_envp[] = {
	"TRIDENT_A=alpha", "TRIDENT_EMPTY=",
};
#define N_RT_ARGV	(1 + (int)(sizeof(round_trip_argv) / sizeof(char *)))
#define N_RT_ENVP	((int)(sizeof(round_trip_envp) / sizeof(char *)))

static int child_args(int argc, char **argv)
{
	int code = OK_MARK, n = 0;
	const char *a = getenv("TRIDENT_A"), *e = getenv("TRIDENT_EMPTY");

	if (argc != N_RT_ARGV)
		code |= 1;
	for (int i = 1; i < argc && i < N_RT_ARGV; i++)
		if (strcmp(argv[i], round_trip_argv[i - 1]) != 0)
			code |= 2;
	if (argv[argc] != NULL)
		code |= 4;
	if (!a || strcmp(a, "alpha") != 0 || !e || *e != '\0')
		code |= 8;
	for (char **p = environ; *p; p++)
		n++;
	if (n != N_RT_ENVP)
		code |= 16;
	return code;
}

/* argv: "renamed", "auxv", the path given to execve. */
static int child_auxv(int argc, char **argv)
{
	int code = OK_MARK, ok = 0;
	unsigned long entry = getauxval(AT_ENTRY);
	unsigned long phnum = getauxval(AT_PHNUM);
	const struct phdr *ph = (const struct phdr *)getauxval(AT_PHDR);
	const char *execfn = (const char *)getauxval(AT_EXECFN);

	if (getauxval(AT_PAGESZ) != 4096)
		code |= 1;
	if (entry != (unsigned long)_start)
		code |= 2;
	if (getauxval(AT_PHENT) != sizeof(struct phdr) || !ph || !phnum)
		code |= 4;
	else {
		for (unsigned long i = 0; i < phnum; i++)
			if (ph[i].p_type == ELF_PT_LOAD && (ph[i].p_flags & ELF_PF_X) &&
			    entry >= ph[i].p_vaddr &&
			    entry - ph[i].p_vaddr < ph[i].p_memsz)
				ok = 1;
		if (!ok)
			code |= 4;
	}
	if (argc < 3 || !execfn || strcmp(execfn, argv[2]) != 0)
		code |= 8;
	if (!getauxval(AT_RANDOM))
		code |= 16;
	errno = 0;
	if (getauxval(AT_UID) != getauxval(AT_EUID) ||
	    getauxval(AT_GID) != getauxval(AT_EGID) ||
	    getauxval(AT_SECURE) != 0 || errno != 0)
		code |= 32;
	if (strcmp(argv[0], "renamed") != 0)
		code |= 64;
	return code;
}

/* argv: "fds", the fd to write to, the FD_CLOEXEC fd. */
static int child_fds(int argc, char **argv)
{
	char msg[64];
	int out, closed, len;

	if (argc != 4)
		return 1;
	out = atoi(argv[2]);
	closed = atoi(argv[3]);
	len = snprintf(msg, sizeof(msg), "new image: cloexec fd %s",
		       fcntl(closed, F_GETFD) < 0 ? errno_name(errno) : "open");
	return write(out, msg, len) == len ? 0 : 2;
}

/* ---- the parent ----------------------------------------------------------- */

static void test_args_envp(void)
{
	char *argv[N_RT_ARGV + 1], *envp[N_RT_ENVP + 1];
	int code;

	argv[0] = self_path;
	for (int i = 1; i < N_RT_ARGV; i++)
		argv[i] = (char *)round_trip_argv[i - 1];
	argv[N_RT_ARGV] = NULL;
	for (int i = 0; i < N_RT_ENVP; i++)
		envp[i] = (char *)round_trip_envp[i];
	envp[N_RT_ENVP] = NULL;

	code = checked_code(reap(fork_exec(argv, envp)));
	ktap_test_result(code >= 0 && !(code & 1), "exec'd image: argc == 5");
	ktap_test_result(code >= 0 && !(code & 2),
			 "exec'd image: argv strings as passed (one empty, one with a space)");
	ktap_test_result(code >= 0 && !(code & 4), "exec'd image: argv[argc] == NULL");
	ktap_test_result(code >= 0 && !(code & 8),
			 "exec'd image: getenv finds both variables (one empty)");
	ktap_test_result(code >= 0 && !(code & 16),
			 "exec'd image: environ holds exactly the 2 strings passed");
}

static void test_auxv(void)
{
	char *argv[] = { "renamed", "auxv", self_path, NULL };
	char *envp[] = { NULL };
	int code = checked_code(reap(fork_exec(argv, envp)));

	ktap_test_result(code >= 0 && !(code & 1), "auxv: AT_PAGESZ == 4096");
	ktap_test_result(code >= 0 && !(code & 2), "auxv: AT_ENTRY == _start");
	ktap_test_result(code >= 0 && !(code & 4),
			 "auxv: AT_PHDR/PHENT/PHNUM: an executable PT_LOAD holds AT_ENTRY");
	ktap_test_result(code >= 0 && !(code & 8),
			 "auxv: AT_EXECFN is the path given to execve");
	ktap_test_result(code >= 0 && !(code & 16), "auxv: AT_RANDOM is set");
	ktap_test_result(code >= 0 && !(code & 32),
			 "auxv: AT_UID == AT_EUID, AT_GID == AT_EGID, AT_SECURE 0");
	ktap_test_result(code >= 0 && !(code & 64),
			 "exec'd image: argv[0] is the caller's, not the path");
}

static void test_fds(void)
{
	int out[2], cl[2], status;
	char buf[80], num_out[16], num_cl[16];
	char *argv[] = { self_path, "fds", num_out, num_cl, NULL };
	long n = 0;
	pid_t pid;

	if (pipe(out) < 0 || pipe(cl) < 0) {
		ktap_print_msg("pipe: %s", errno_name(errno));
		ktap_test_fail("a pipe fd survives exec: the new image writes to it");
		ktap_test_fail("an FD_CLOEXEC fd is closed by exec (F_GETFD -> EBADF)");
		return;
	}
	if (fcntl(cl[0], F_SETFD, FD_CLOEXEC) < 0)
		ktap_print_msg("F_SETFD: %s", errno_name(errno));
	snprintf(num_out, sizeof(num_out), "%d", out[1]);
	snprintf(num_cl, sizeof(num_cl), "%d", cl[0]);
	pid = fork_exec(argv, environ);
	close(out[1]);
	close(cl[0]);
	close(cl[1]);
	memset(buf, 0, sizeof(buf));
	if (pid > 0)
		n = read(out[0], buf, sizeof(buf) - 1);
	close(out[0]);
	status = reap(pid);
	ktap_print_msg("read %ld bytes: \"%s\"", n, buf);
	ktap_test_result(status == 0 && strncmp(buf, "new image: ", 11) == 0,
			 "a pipe fd survives exec: the new image writes to it");
	ktap_test_result(strcmp(buf, "new image: cloexec fd EBADF") == 0,
			 "an FD_CLOEXEC fd is closed by exec (F_GETFD -> EBADF)");
}

/*
 * execve(path, argv, envp) that must fail, in a child that exits with the
 * errno; the copy exits EXEC_SUCCEEDED if the kernel ran it anyway.
 */
static void expect_exec_err(const char *path, char *const argv[],
			    char *const envp[], int err, const char *what)
{
	int status, got = -1;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execve(path, argv, envp);
		_exit(errno);
	}
	status = reap(pid);
	if (status >= 0 && WIFEXITED(status))
		got = WEXITSTATUS(status);
	if (got == EXEC_SUCCEEDED)
		ktap_print_msg("execve succeeded");
	else if (got != err && got >= 0)
		ktap_print_msg("got %s", errno_name(got));
	ktap_test_result(got == err, "execve(%s) -> %s", what, errno_name(err));
}

static int make_file(const char *path, int mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0) {
		ktap_print_msg("open(%s): %s", path, errno_name(errno));
		return -1;
	}
	/* Five bytes, not an ELF header, no "#!". */
	if (write(fd, "hello", 5) != 5)
		ktap_print_msg("write: %s", errno_name(errno));
	close(fd);
	return 0;
}

static void test_errors(void)
{
	char *should_fail_env[] = { SHOULD_FAIL_ENV, NULL };
	char *args[] = { self_path, "should-fail", NULL };
	char *bad_str[] = { self_path, BAD_PTR, NULL };
	char text[64], noexec[64];

	expect_exec_err("/nonexistent/proc_exec", args, should_fail_env, ENOENT,
			"\"/nonexistent/proc_exec\"");
	expect_exec_err("", args, should_fail_env, ENOENT, "\"\"");
	expect_exec_err("/tmp", args, should_fail_env, EACCES, "\"/tmp\", a directory");

	/* Mode 0755 from creat: no chmod needed (Trident has none yet). */
	snprintf(text, sizeof(text), "/tmp/proc_exec_text.%d", (int)getpid());
	snprintf(noexec, sizeof(noexec), "/tmp/proc_exec_noexec.%d", (int)getpid());
	if (make_file(text, 0755) == 0) {
		expect_exec_err(text, args, should_fail_env, ENOEXEC,
				"a 5-byte text file, mode 0755");
		unlink(text);
	} else {
		ktap_test_fail("execve(a 5-byte text file, mode 0755) -> ENOEXEC");
	}
	/* Even root needs one exec bit to run a file. */
	if (make_file(noexec, 0644) == 0) {
		expect_exec_err(noexec, args, should_fail_env, EACCES,
				"a file of mode 0644");
		unlink(noexec);
	} else {
		ktap_test_fail("execve(a file of mode 0644) -> EACCES");
	}

	expect_exec_err(NULL, args, should_fail_env, EFAULT, "NULL path");
	expect_exec_err(self_path, BAD_PTR, should_fail_env, EFAULT,
			"self, argv unmapped");
	expect_exec_err(self_path, bad_str, should_fail_env, EFAULT,
			"self, argv[1] unmapped");
	expect_exec_err(self_path, args, BAD_PTR, EFAULT, "self, envp unmapped");
}

#if defined(__x86_64__)
/*
 * vfork's child borrows the parent's memory and stack until it exits or
 * execs, so it must not return, call or push anything: each child here is
 * straight-line assembly doing raw system calls. The parent is suspended
 * meanwhile and resumes with the child's pid.
 */
static volatile int vfork_flag;
static const struct timespec vfork_nap = { 0, 20 * 1000 * 1000 };

/* Child: sleep 20 ms, store 1 to vfork_flag, exit 42. */
static long vfork_store_exit(void)
{
	long ret = SYS_vfork;

	__asm__ volatile(
		"syscall\n\t"
		"test %%rax, %%rax\n\t"
		"jnz 1f\n\t"
		"mov %[nanosleep], %%eax\n\t"
		"lea %[nap], %%rdi\n\t"
		"xor %%esi, %%esi\n\t"
		"syscall\n\t"
		"movl $1, %[flag]\n\t"
		"mov %[exit], %%eax\n\t"
		"mov $42, %%edi\n\t"
		"syscall\n\t"
		"ud2\n"
		"1:"
		: "+a"(ret), [flag] "=m"(vfork_flag)
		: [nanosleep] "i"(SYS_nanosleep), [nap] "m"(vfork_nap),
		  [exit] "i"(SYS_exit_group)
		: "rcx", "r11", "rdi", "rsi", "memory");
	return ret;
}

/* Child: execve(path, argv, envp), or exit 127. */
static long vfork_exec(const char *path, char *const argv[], char *const envp[])
{
	long ret = SYS_vfork;
	register uint64_t rdi __asm__("rdi") = (uint64_t)(uintptr_t)path;
	register uint64_t rsi __asm__("rsi") = (uint64_t)(uintptr_t)argv;
	register uint64_t rdx __asm__("rdx") = (uint64_t)(uintptr_t)envp;

	__asm__ volatile(
		"syscall\n\t"
		"test %%rax, %%rax\n\t"
		"jnz 1f\n\t"
		"mov %[execve], %%eax\n\t"
		"syscall\n\t"
		"mov %[exit], %%eax\n\t"
		"mov $127, %%edi\n\t"
		"syscall\n\t"
		"ud2\n"
		"1:"
		: "+a"(ret), "+r"(rdi), "+r"(rsi), "+r"(rdx)
		: [execve] "i"(SYS_execve), [exit] "i"(SYS_exit_group)
		: "rcx", "r11", "memory");
	return ret;
}

static long elapsed_ms(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1000 + (b->tv_nsec - a->tv_nsec) / 1000000;
}

static void test_vfork(void)
{
	char *args[] = { self_path, "exit7", NULL };
	struct timespec t0, t1;
	long pid, ms;
	int flag, status;

	vfork_flag = 0;
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = vfork_store_exit();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	flag = vfork_flag;
	ms = elapsed_ms(&t0, &t1);
	ktap_print_msg("vfork -> %s; flag %d; the parent waited %ld ms",
		       pid > 0 ? "a pid" : raw_result_name(pid), flag, ms);
	ktap_test_result(pid > 0 && flag == 1,
			 "vfork: the parent sees the child's store (shared memory)");
	ktap_test_result(pid > 0 && ms >= 20,
			 "vfork: the parent resumes after the child's exit (20 ms sleep)");
	status = pid > 0 ? reap(pid) : -1;
	ktap_test_result(status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 42,
			 "vfork: waitpid reaps the child, exit code 42");

	pid = vfork_exec(self_path, args, environ);
	status = pid > 0 ? reap(pid) : -1;
	ktap_test_result(status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 7,
			 "vfork then execve: the parent resumes, the image exits 7");
}
#else
static void test_vfork(void)
{
	ktap_test_skip("not a 64-bit build",
		       "vfork: the parent sees the child's store (shared memory)");
	ktap_test_skip("not a 64-bit build",
		       "vfork: the parent resumes after the child's exit (20 ms sleep)");
	ktap_test_skip("not a 64-bit build",
		       "vfork: waitpid reaps the child, exit code 42");
	ktap_test_skip("not a 64-bit build",
		       "vfork then execve: the parent resumes, the image exits 7");
}
#endif

int main(int argc, char **argv)
{
	const char *should_fail = getenv("TRIDENT_EXEC_SHOULD_FAIL");

	if (should_fail || (argc >= 2 && strcmp(argv[1], "should-fail") == 0))
		_exit(EXEC_SUCCEEDED);
	if (argc >= 2 && strcmp(argv[1], "args") == 0)
		_exit(child_args(argc, argv));
	if (argc >= 2 && strcmp(argv[1], "auxv") == 0)
		_exit(child_auxv(argc, argv));
	if (argc >= 2 && strcmp(argv[1], "fds") == 0)
		_exit(child_fds(argc, argv));
	if (argc >= 2 && strcmp(argv[1], "exit7") == 0)
		_exit(7);
	self_path = argv[0];

	ktap_print_header();
	ktap_set_plan(5 + 7 + 2 + 9 + 4);
	test_args_envp();
	test_auxv();
	test_fds();
	test_errors();
	test_vfork();
	ktap_finished();
	return KSFT_FAIL;	/* not reached */
}
