/* SPDX-License-Identifier: MIT */
/*
 * The null system call through every way into the kernel this ABI has:
 * getpid (the cheapest real call), an invalid number (-ENOSYS: entry,
 * table check, exit) and BENCH_FLOOR_NR (-ENOSYS too, except on a
 * CONFIG_BENCH_ENTRY_FLOOR=y kernel, whose entry stubs return at once:
 * the floor of each path).
 *
 *   null_64   SYSCALL (64-bit table), int $0x80 from 64-bit code
 *   null_x32  SYSCALL with __X32_SYSCALL_BIT (x32 table)
 *   null_32   int $0x80, and __kernel_vsyscall (AT_SYSINFO): the vDSO
 *             enters by SYSENTER on an Intel CPU, by SYSCALL on an AMD one
 */
#include <sys/auxv.h>
#include "bench.h"

#define N 1000
#define NR_INVALID 1000		/* in no table of any ABI */

/* One measurement: INSN with EAX = nr, and the same loop without it. */
#define MEASURE(name, path, INSN, nr, ...) do {					\
	uint64_t op_, empty_;							\
	long r_;								\
	BENCH_MIN(op_, N, __asm__ volatile(INSN : "=a"(r_) : "0"((long)(nr))	\
					  __VA_ARGS__));			\
	BENCH_MIN(empty_, N, __asm__ volatile("" : "=a"(r_) : "0"((long)(nr))	\
					    __VA_ARGS__));			\
	bench_print(name, path, N, op_, empty_);				\
} while (0)

#if defined(__x86_64__) && !defined(__ILP32__)
/* SYSCALL loses RCX and R11; int $0x80 keeps every register but RAX. */
#define EACH(name, nr64, nr32) do {						\
	MEASURE(name, "syscall64", "syscall", nr64, : "rcx", "r11", "memory");	\
	MEASURE(name, "int80-64", "int $0x80", nr32, : "memory");		\
} while (0)

int main(void)
{
	EACH("getpid", 39, 20);
	EACH("enosys", NR_INVALID, NR_INVALID);
	EACH("floor", BENCH_FLOOR_NR, BENCH_FLOOR_NR);
	return 0;
}
#elif defined(__x86_64__)
#define X32(nr) (0x40000000 | (nr))

int main(void)
{
	MEASURE("getpid", "x32", "syscall", X32(39), : "rcx", "r11", "memory");
	MEASURE("enosys", "x32", "syscall", X32(NR_INVALID), : "rcx", "r11", "memory");
	MEASURE("floor", "x32", "syscall", BENCH_FLOOR_NR, : "rcx", "r11", "memory");
	return 0;
}
#else
int main(void)
{
	/* __kernel_vsyscall keeps every register but EAX. */
	unsigned long vsyscall = getauxval(AT_SYSINFO);

	MEASURE("getpid", "int80-32", "int $0x80", 20, : "memory");
	MEASURE("enosys", "int80-32", "int $0x80", NR_INVALID, : "memory");
	MEASURE("floor", "int80-32", "int $0x80", BENCH_FLOOR_NR, : "memory");
	if (!vsyscall) {
		printf("bench: no AT_SYSINFO: no vDSO\n");
		return 1;
	}
	MEASURE("getpid", "vdso32", "call *%2", 20, , "r"(vsyscall) : "memory");
	MEASURE("enosys", "vdso32", "call *%2", NR_INVALID, , "r"(vsyscall) : "memory");
	MEASURE("floor", "vdso32", "call *%2", BENCH_FLOOR_NR, , "r"(vsyscall) : "memory");
	return 0;
}
#endif
