// SPDX-License-Identifier: MIT
/*
 * proc_prctl: what does prctl(2) answer for the options Trident has?
 *
 *  - PR_GET_NAME after exec: the program file's name, cut to 15 bytes;
 *  - PR_SET_NAME then PR_GET_NAME: the name back, a long one cut to 15
 *    bytes plus the NUL, and the 16th byte of the buffer always NUL;
 *  - EFAULT for an unreadable name or an unwritable buffer;
 *  - PR_SET_DUMPABLE takes 0 or 1 and refuses 2 (SUID_DUMP_ROOT) with
 *    EINVAL; PR_GET_DUMPABLE is 1 for an ordinary process;
 *  - an option Linux does not know: EINVAL.
 *
 * (Trident's own option, PR_TRIDENT_SET_TRACE, is EINVAL on Linux and is
 * tested by the shell boot, where `trace` uses it.)
 */
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "ktap.h"
#include "errname.h"

#define PR_GET_DUMPABLE	3
#define PR_SET_DUMPABLE	4
#define PR_SET_NAME	15
#define PR_GET_NAME	16

static long prctl2(long option, long arg2)
{
	long r = syscall(SYS_prctl, option, arg2, 0, 0, 0);
	return r < 0 ? -errno : r;
}

int main(int argc, char **argv)
{
	char name[32], want[16];
	const char *base = strrchr(argv[0], '/');
	long r;

	(void)argc;
	base = base ? base + 1 : argv[0];
	ktap_print_header();
	ktap_set_plan(9);

	memset(name, 'x', sizeof(name));
	r = prctl2(PR_GET_NAME, (long)name);
	strncpy(want, base, 15);
	want[15] = 0;
	ktap_test_result(r == 0 && !strcmp(name, want),
			 "PR_GET_NAME after exec: the file's name, at most 15 bytes");

	r = prctl2(PR_SET_NAME, (long)"trident-test");
	memset(name, 'x', sizeof(name));
	ktap_test_result(r == 0 && prctl2(PR_GET_NAME, (long)name) == 0 &&
			 !strcmp(name, "trident-test"), "PR_SET_NAME, then PR_GET_NAME gives it back");

	r = prctl2(PR_SET_NAME, (long)"a-name-longer-than-fifteen-bytes");
	memset(name, 'x', sizeof(name));
	ktap_test_result(r == 0 && prctl2(PR_GET_NAME, (long)name) == 0 &&
			 !strcmp(name, "a-name-longer-t") && name[16] == 'x',
			 "a long name is cut to 15 bytes; PR_GET_NAME writes exactly 16");

	r = prctl2(PR_SET_NAME, 0);
	ktap_test_result(r == -EFAULT, "PR_SET_NAME(NULL) -> %s", errno_name(-r));
	r = prctl2(PR_GET_NAME, 0);
	ktap_test_result(r == -EFAULT, "PR_GET_NAME(NULL) -> %s", errno_name(-r));

	r = prctl2(PR_GET_DUMPABLE, 0);
	ktap_test_result(r == 1, "PR_GET_DUMPABLE -> %ld", r);
	r = prctl2(PR_SET_DUMPABLE, 1);
	ktap_test_result(r == 0, "PR_SET_DUMPABLE(1) -> %s", r ? errno_name(-r) : "0");
	r = prctl2(PR_SET_DUMPABLE, 2);
	ktap_test_result(r == -EINVAL, "PR_SET_DUMPABLE(2) -> %s", errno_name(-r));
	r = prctl2(0x7ffffff0, 0);
	ktap_test_result(r == -EINVAL, "an option Linux does not know -> %s", errno_name(-r));
	ktap_finished();
}
