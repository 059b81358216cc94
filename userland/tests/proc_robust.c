// SPDX-License-Identifier: MIT
/*
 * set_robust_list / get_robust_list: the kernel keeps, per thread, where
 * its list of robust futexes starts (used when the thread dies). The size
 * argument must be that of struct robust_list_head in the caller's ABI:
 * three pointers, 24 bytes for 64-bit programs, 12 for ia32 and x32 ones
 * (x32 reaches compat_sys_set_robust_list, 530 with the x32 bit).
 */
#include <stdint.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "ktap.h"
#include "errname.h"

struct robust_head {
	void *list, *futex_offset, *pending;	/* three pointers, as Linux's */
};

static long sys3(long nr, long a, long b, long c)
{
	long r = syscall(nr, a, b, c);
	return r < 0 ? -errno : r;
}

int main(void)
{
	static struct robust_head head;
	void *got = NULL;
	size_t len = 0;

	ktap_print_header();
	ktap_set_plan(5);
	long r = sys3(SYS_set_robust_list, (long)&head, sizeof(head), 0);
	ktap_test_result(r == 0, "set_robust_list(&head, sizeof head = %u) -> %s",
			 (unsigned)sizeof(head), r ? errno_name(-r) : "0");
	r = sys3(SYS_get_robust_list, 0, (long)&got, (long)&len);
	ktap_test_result(r == 0 && got == &head && len == sizeof(head),
			 "get_robust_list(0) gives it back with its size");
	r = sys3(SYS_set_robust_list, (long)&head, sizeof(head) + 1, 0);
	ktap_test_result(r == -EINVAL, "set_robust_list with a wrong size -> %s", errno_name(-r));
	r = sys3(SYS_get_robust_list, 0x7fffffff, (long)&got, (long)&len);
	ktap_test_result(r == -ESRCH, "get_robust_list of no such pid -> %s", errno_name(-r));
	r = sys3(SYS_get_robust_list, 0, (long)&got, 0);
	ktap_test_result(r == -EFAULT, "get_robust_list with a NULL length pointer -> %s",
			 errno_name(-r));
	ktap_finished();
}
