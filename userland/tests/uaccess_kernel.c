// SPDX-License-Identifier: MIT
/*
 * The kernel's half is not user memory: a system call given a pointer
 * there must answer EFAULT, never copy from or to it, even though the
 * kernel can read and write it (copy_from_user's access_ok; SMAP does not
 * help here: these are supervisor pages). Also non-canonical pointers
 * (a #GP, not a #PF, inside the copy: its fix-up must cover both).
 * Checked through copies in both directions; the addresses are the
 * direct map, the kernel image and the top page, wherever each kernel
 * put them: on Linux with KASLR some are unmapped, which is EFAULT too.
 * A copy_from_user without its access_ok check fails this test.
 */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "ktap.h"
#include "raw_syscall.h"

#if defined(__x86_64__)
static const struct { uint64_t addr; const char *name; } bad[] = {
	{ 0xffff888000100000ULL, "direct map" },
	{ 0xffffffff80100000ULL, "kernel image (Trident)" },
	{ 0xffffffff81000000ULL, "kernel image (Linux without KASLR)" },
	{ 0xfffffffffffff000ULL, "last page" },
	{ 0x8000000000000000ULL, "non-canonical" },
	{ 0x00007ffffffff000ULL, "first page above user space" },
};
#define NBAD (sizeof(bad) / sizeof(bad[0]))

int main(void)
{
	int fds[2];

	ktap_print_header();
	ktap_set_plan(4 * NBAD);
	if (pipe(fds) < 0)
		return 1;
	for (unsigned i = 0; i < NBAD; i++) {
		/* copy_from_user: write() reads the buffer */
		int64_t r = raw_syscall3(SYS_write, fds[1], bad[i].addr, 16);
		ktap_test_result(r == -EFAULT, "write() from %s -> EFAULT", bad[i].name);
		/* copy_to_user: read() from a pipe with data, and clock_gettime */
		raw_syscall3(SYS_write, fds[1], RAW_PTR("0123456789abcdef"), 16);
		r = raw_syscall3(SYS_read, fds[0], bad[i].addr, 16);
		ktap_test_result(r == -EFAULT, "read() into %s -> EFAULT", bad[i].name);
		char drain[64];
		read(fds[0], drain, sizeof(drain));
		r = raw_syscall3(SYS_clock_gettime, 1 /* CLOCK_MONOTONIC */, bad[i].addr, 0);
		ktap_test_result(r == -EFAULT, "clock_gettime() into %s -> EFAULT", bad[i].name);
		/* copy_from_user with no access_ok of its own in front (write()
		 * checks the range first, as vfs_write does): a new limit. */
		r = raw_syscall6(SYS_prlimit64, 0, 4 /* RLIMIT_CORE */, bad[i].addr, 0, 0, 0);
		ktap_test_result(r == -EFAULT, "prlimit64() new limit from %s -> EFAULT", bad[i].name);
	}
	ktap_finished();
}
#else
int main(void)
{
	ktap_print_header();
	ktap_set_plan(1);
	ktap_test_skip("32-bit pointers cannot name the kernel half", "kernel-half pointers");
	ktap_finished();
}
#endif
