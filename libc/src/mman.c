/* SPDX-License-Identifier: MIT */
/*
 * The program break and memory mappings.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#include "syscall.h"

/*
 * The raw brk(2) is not POSIX's brk(): it takes the wanted end of the data
 * segment and returns the break the kernel settled on, which is the old
 * one if it refused. brk(0) therefore asks where the break is. A kernel
 * without brk returns -ENOSYS, which we report as such.
 */
static uintptr_t cur_brk;

static int set_brk(uintptr_t want)
{
	long r = __syscall(SYS_brk, want);

	if ((unsigned long)r > -4096UL)
		return __syscall_ret(r);
	cur_brk = r;
	if (cur_brk != want) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

int brk(void *end)
{
	return set_brk((uintptr_t)end);
}

void *sbrk(intptr_t increment)
{
	uintptr_t old;

	if (!cur_brk) {
		long r = __syscall(SYS_brk, 0);

		if ((unsigned long)r > -4096UL)
			return (void *)__syscall_ret(r);
		cur_brk = r;
	}
	old = cur_brk;
	if (increment && set_brk(old + increment) < 0)
		return (void *)-1;
	return (void *)old;
}

/*
 * x86_64 and x32 have mmap(2) with a byte offset; i386 uses mmap2(2),
 * whose offset counts 4096-byte pages so files beyond 4 GiB can be mapped.
 */
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
#ifdef SYS_mmap2
	if (off & 4095) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	return (void *)__syscall_ret(__syscall(SYS_mmap2, addr, len, prot,
					       flags, fd, off >> 12));
#else
	return (void *)__syscall_ret(__syscall(SYS_mmap, addr, len, prot,
					       flags, fd, off));
#endif
}

int munmap(void *addr, size_t len)
{
	return __syscall_ret(__syscall(SYS_munmap, addr, len));
}

int mprotect(void *addr, size_t len, int prot)
{
	return __syscall_ret(__syscall(SYS_mprotect, addr, len, prot));
}
