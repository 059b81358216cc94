// SPDX-License-Identifier: MIT
/*
 * fuzz: a system-call fuzzer in the spirit of trinity and syzkaller's random
 * mode, built for each ABI (/sbin/fuzz_64, fuzz_x32, fuzz_32).
 *
 *   fuzz [--seed N] [--count M] [--abis 64,x32,32] [--only] [--verbose] [--profile]
 *
 * Without --only it is the driver: for each ABI it runs /sbin/fuzz_<abi>
 * --only with its share of the count and a seed derived from N, and sums
 * up. With --only it fuzzes in its own ABI: worker processes (children)
 * make the calls; one that dies (a bad pointer to its own code, a signal,
 * exit) or hangs (2 s without progress: SIGKILL) is replaced by a new one
 * that goes on with the next call. Call i is a function of (seed, i) only:
 * `fuzz --seed N --count M` makes the same calls with the same argument
 * values again (the contents of buffers the kernel wrote meanwhile may
 * differ: clocks).
 *
 * Every call goes through fz_enter() (entry.asm) with every register
 * chosen and random RFLAGS (CF..OF, DF, AC, NT, ID, IOPL 3 which the CPU
 * ignores at CPL 3, and rarely TF), through each way into the kernel this
 * ABI can take: 64-bit SYSCALL, x32 SYSCALL, int $0x80 from 64-bit and
 * 32-bit code, the vDSO's __kernel_vsyscall, raw SYSENTER and compat
 * SYSCALL from 32-bit code, and both from a 64-bit program's 32-bit code
 * segment. Numbers: mostly the implemented ones (the kernel's generated
 * tables), the rest anywhere, holes and far beyond. Arguments come from
 * "interesting" values: 0, -1, sizes, valid buffers and the last bytes
 * of a mapping, NULL, kernel-half, non-canonical, unmapped and misaligned
 * pointers, fds, paths in a scratch directory, random.
 *
 * 1 call in 16 (chosen from the seed too) is made by a second task of the
 * worker instead, with the same fz_enter machinery: a thread (a raw
 * clone with glibc's pthread_create flags, some left out at random) or a
 * separate process sharing the worker's memory (CLONE_VM without
 * CLONE_THREAD), on a stack of its own; it ends with SYS_exit and the
 * worker waits on its CLONE_CHILD_CLEARTID word, so the calls stay in
 * sequence (see run_in_task). This is what reaches the kernel's thread
 * code: clone's sharing, exit against exit_group, the CLEARTID futex
 * wake, de_thread when the call is an execve, signals to a group.
 *
 * Calls that would end the run on purpose are excluded or defused:
 * reboot; kill and friends aimed at init, the fuzzer's parents or all
 * processes (aimed at the worker itself instead); pause and sleeps; the
 * progress pipe is never closed by close_range; vfork, clone3 and
 * clone's CLONE_VM in a fuzzed clone (a child on the worker's own stack
 * corrupts the worker, on Linux too: the second task above has a stack
 * of its own). Paths are relative to the
 * scratch directory (no '/', no ".."), which the parent removes after the
 * run, so the filesystem ends as it started: the kernel's memory check at
 * init's end must then balance.
 *
 * The output is KTAP: what was run (seed, count, calls per ABI and per
 * entry path, worker deaths by signal), and checks that the kernel still
 * answers afterwards.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ktap.h"

#if defined(__x86_64__) && !defined(__ILP32__)
#define ABI_NAME "64"
#elif defined(__x86_64__)
#define ABI_NAME "x32"
#else
#define ABI_NAME "32"
#endif
#define X32_BIT 0x40000000u
#define __WALL 0x40000000

/* ---- the kernel's tables (generated from the .tbl files) ------------------ */
struct sc {
	uint32_t nr;
	const char *entry;	/* sys_xxx, compat_sys_xxx */
	uint32_t flags;
};
#define __SYSCALL(nr, entry) { nr, #entry, 0 },
#if defined(__x86_64__)
static struct sc tbl_64[] = {
#include "generated/syscalls_64.h"
};
static struct sc tbl_x32[] = {
#include "generated/syscalls_x32.h"
};
#endif
static struct sc tbl_32[] = {
#include "generated/syscalls_32.h"
};
#undef __SYSCALL
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* What a call needs from the fuzzer, from its entry point's name. */
#define F_SKIP		1	/* would end the run, or only sleep */
#define F_PID1		2	/* argument 1 is a pid to aim at ourselves */
#define F_PID12		4	/* arguments 1 and 2 (tgkill) */
#define F_FORK		8	/* returns 0 in a child: the child leaves */
#define F_CLOSE_RANGE	16	/* must spare the progress fd */
#define F_EXIT		32	/* ends the worker: rare */
#define F_PID2		64	/* argument 2 (ptrace) */
#define F_CLONE		128	/* no CLONE_VM or CLONE_VFORK (below) */

static const struct { const char *name; uint32_t flags; } rules[] = {
	{ "reboot", F_SKIP }, { "pause", F_SKIP }, { "sigsuspend", F_SKIP },
	{ "nanosleep", F_SKIP }, { "select", F_SKIP }, { "poll", F_SKIP },
	{ "vhangup", F_SKIP }, { "kexec", F_SKIP }, { "swapoff", F_SKIP },
	{ "kill", F_PID1 }, { "tkill", F_PID1 }, { "tgkill", F_PID12 },
	{ "sigqueueinfo", F_PID1 }, { "prlimit", F_PID1 }, { "pidfd", F_PID1 },
	{ "process_vm", F_PID1 }, { "kcmp", F_PID12 }, { "setpgid", F_PID1 },
	{ "ptrace", F_PID2 }, { "sys_fork", F_FORK }, { "vfork", F_SKIP },
	{ "clone3", F_SKIP }, { "clone", F_FORK | F_CLONE }, { "close_range", F_CLOSE_RANGE },
	{ "sys_exit", F_EXIT }, { "exit_group", F_EXIT },
};

static void classify(struct sc *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t r = 0; r < NELEM(rules); r++)
			if (strstr(t[i].entry, rules[r].name))
				t[i].flags |= rules[r].flags;
}

/* ---- randomness: call i's generator depends on (seed, i) only ------------- */
static uint64_t rng;

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rnd(void)
{
	return splitmix(&rng);
}

static uint32_t below(uint32_t n)
{
	return (uint32_t)(rnd() % n);
}

/* ---- the entry paths ------------------------------------------------------ */
enum path {
	P_SYSCALL64,		/* 64-bit SYSCALL, 64-bit table */
	P_SYSCALL_X32,		/* 64-bit SYSCALL with __X32_SYSCALL_BIT */
	P_INT80_64,		/* int $0x80 from 64-bit code: ia32 table */
	P_COMPAT_SYSCALL_64,	/* SYSCALL from the 32-bit segment of a 64-bit task */
	P_COMPAT_SYSENTER_64,	/* SYSENTER from there */
	P_INT80_32,		/* int $0x80 from an ia32 program */
	P_VDSO_32,		/* call __kernel_vsyscall (AT_SYSINFO) */
	P_SYSENTER_32,		/* raw SYSENTER, the vDSO's stack layout */
	P_SYSCALL_32,		/* raw compat SYSCALL, the vDSO's stack layout */
	NR_PATHS
};
static const char *const path_names[NR_PATHS] = {
	"syscall64", "syscall-x32", "int80-from-64", "compat-syscall-from-64",
	"sysenter-from-64", "int80", "vdso", "sysenter", "compat-syscall",
};
/* Which table each path's numbers come from: 0 = 64, 1 = x32, 2 = ia32. */
static const int path_table[NR_PATHS] = { 0, 1, 2, 2, 2, 2, 2, 2, 2 };
static const char *const table_names[3] = { "64", "x32", "ia32" };

/* Per mille for each path, by ABI. The compat paths of a 64-bit task end
 * the worker (no vDSO to land in) when ia32 emulation is on: kept rare. */
#if defined(__x86_64__) && !defined(__ILP32__)
static const int path_weight[NR_PATHS] = { 710, 90, 194, 3, 3, 0, 0, 0, 0 };
#elif defined(__x86_64__)
static const int path_weight[NR_PATHS] = { 194, 610, 190, 3, 3, 0, 0, 0, 0 };
#else
static const int path_weight[NR_PATHS] = { 0, 0, 0, 0, 0, 350, 350, 150, 150 };
#endif

extern uint64_t fz_in[20], fz_out[20];
long fz_enter(void);
#if defined(__x86_64__)
extern char fz_syscall_64[], fz_int80_64[], fz_syscall_compat[], fz_sysenter_compat[];
#else
extern char fz_int80_32[], fz_int80_32_badsp[], fz_vdso_32[], fz_sysenter_32[], fz_syscall_32[];
#endif
extern char fz_back[];
enum { R_AX, R_BX, R_CX, R_DX, R_SI, R_DI, R_BP, R_R8, R_R9, R_R10, R_R11,
       R_R12, R_R13, R_R14, R_R15, R_SP, R_FLAGS, R_CS, R_IP, R_TARGET };

/* ---- memory the arguments point into ---------------------------------------- */
#define BUF_SIZE	8192
static uint8_t *buf;		/* BUF_SIZE bytes, then a PROT_NONE page */
static uint8_t *unmapped;	/* a page that was unmapped */
/* A stack for the instruction (below 4 GiB: static), for 32-bit code too. */
static uint8_t insn_stack[16384] __attribute__((aligned(16)));
#if !defined(__x86_64__)
static unsigned long vsyscall;	/* AT_SYSINFO (ia32) */
#endif

static const char *const paths[] = {
	"f0", "f1", "d0", "d0/f2", "d1", ".", "", "f0/x", "d0/d2", "l0",
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
};
static char *path_copies[NELEM(paths)];	/* in the heap, writable */

static uint64_t pick_pointer(void)
{
	switch (below(14)) {
	case 0:  return 0;
	case 1:  return (uintptr_t)buf + below(BUF_SIZE);		/* valid */
	case 2:  return (uintptr_t)buf;
	case 3:  return (uintptr_t)buf + BUF_SIZE - (1u << below(6)); /* last bytes */
	case 4:  return (uintptr_t)buf + 1 + 2 * below(64);		/* misaligned */
	case 5:  return (uintptr_t)unmapped + below(4096);
	case 6:  return (uintptr_t)path_copies[below(NELEM(paths))];
	case 7: {						/* kernel half */
		static const uint64_t k[] = { 0xffffffff80000000ULL, 0xffff888000000000ULL,
			0xffffc90000000000ULL, 0xfffffffffffff000ULL, 0xffff800000000000ULL,
			0xffffffff80100000ULL };
		return k[below(NELEM(k))] + below(64);
	}
	case 8: {						/* non-canonical */
		static const uint64_t k[] = { 0x0000800000000000ULL, 0x8000000000000000ULL,
			0x1234567800000000ULL, 0xffff7ffffffff000ULL };
		return k[below(NELEM(k))] + below(64);
	}
	case 9: {					/* the ends of user space */
		static const uint64_t k[] = { 0x00007ffffffff000ULL, 0x00007fffffffffffULL,
			0x00007fffffffeff8ULL, 0xffffe000ULL, 0xfffffffcULL, 0xbffffff0ULL,
			0x7ffffffcULL, 0xffffffffULL };
		return k[below(NELEM(k))];
	}
	case 10: return (uintptr_t)insn_stack + below(sizeof(insn_stack));
	case 11: return 0x1000 * (uint64_t)below(0x400);		/* low, unmapped */
	default: return rnd();
	}
}

static uint64_t pick_value(void)
{
	static const uint64_t k[] = {
		0, 1, 2, 3, 4, 7, 8, 16, 64, 255, 256, 4095, 4096, 4097, 65536,
		0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ULL, 0x7fffffffffffffffULL,
		0x8000000000000000ULL, ~0ULL, ~0ULL - 1, (uint64_t)-100 /* AT_FDCWD */,
		0x40000000, 0x1000000, 0x800, 0x80000, 0x200, 0x40 /* O_CREAT */,
	};
	switch (below(10)) {
	case 0: case 1: case 2: return k[below(NELEM(k))];
	case 3: case 4: return below(12);		/* fds, small counts, flags */
	case 5: case 6: case 7: return pick_pointer();
	case 8: return 1ULL << below(64);
	default: return rnd();
	}
}

/* ---- one worker: calls [first, end) ------------------------------------------ */
#define PROGRESS_FD 1000

struct progress {		/* written before each call */
	uint32_t index;
	uint32_t nr;
	uint8_t path;
	uint8_t table;
	uint8_t who;		/* BY_WORKER, BY_THREAD, BY_VM_PROCESS */
	uint8_t note;		/* not a call: 1 its clone failed, 2 its task came back */
	uint64_t tsc;		/* when (--profile) */
};

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

static pid_t self_pid;

static struct sc *table_of(int t, size_t *n)
{
#if defined(__x86_64__)
	if (t == 0) { *n = NELEM(tbl_64); return tbl_64; }
	if (t == 1) { *n = NELEM(tbl_x32); return tbl_x32; }
#endif
	(void)t;
	*n = NELEM(tbl_32);
	return tbl_32;
}

static enum path pick_path(void)
{
	int w = below(1000);

	for (int p = 0; p < NR_PATHS; p++) {
		if (w < path_weight[p])
			return p;
		w -= path_weight[p];
	}
	return 0;
}

/* A pid argument aimed anywhere but at our descendants or ourselves
 * (init, the fuzzer above us, everyone with -1, a process group: there
 * is no setpgid yet, so the worker shares its parents' group) aims at us. */
static uint64_t defuse_pid(uint64_t v)
{
	int32_t pid = (int32_t)v;

	if (pid >= self_pid)		/* we, or processes made after us */
		return v;
	return (uint64_t)self_pid;
}

/* Make call number `index`: fill fz_in and say which path and table. */
static uint32_t make_call(uint64_t seed, uint32_t index, enum path *pp, uint32_t *flags)
{
	size_t n;
	struct sc *t;
	uint32_t nr;
	uint64_t a[6];
	enum path p;

	rng = seed ^ ((uint64_t)index * 0xd1342543de82ef95ULL);
	rnd();
	p = pick_path();
	t = table_of(path_table[p], &n);
	*flags = 0;
	int how = below(100);
	if (how < 88) {			/* an implemented call */
		struct sc *s = &t[below(n)];
		while (s->flags & F_SKIP || ((s->flags & F_EXIT) && below(8)))
			s = &t[below(n)];
		nr = s->nr;
		*flags = s->flags;
	} else if (how < 96) {		/* anywhere in and a little past the table */
		nr = below(t[n - 1].nr + 64);
		for (size_t i = 0; i < n; i++)
			if (t[i].nr == nr)
				*flags = t[i].flags;
		if (*flags & (F_SKIP | F_EXIT))
			nr = 0xffff;
	} else {			/* far out: -1, the x32 range, high bits */
		static const uint32_t k[] = { 0xffffffff, 0x3fffffff, 0x40000000 + 600,
					      0x80000000, 0x7fffffff, 1024, 512, 547 };
		nr = k[below(NELEM(k))];
	}
	if (path_table[p] == 1 && nr < X32_BIT)
		nr |= X32_BIT;
	for (int i = 0; i < 6; i++)
		a[i] = pick_value();
	if (*flags & (F_PID1 | F_PID12))
		a[0] = defuse_pid(a[0]);
	if (*flags & (F_PID12 | F_PID2))
		a[1] = defuse_pid(a[1]);
	/* A child sharing our memory would run on our stack (fz_back goes
	 * back to it) and overwrite the frames we return through: the
	 * fuzzer's own bug, not the kernel's. vfork and clone3 are skipped
	 * for the same reason. */
	if (*flags & F_CLONE)
		a[0] &= ~(uint64_t)(0x100 | 0x4000);	/* CLONE_VM, CLONE_VFORK */
	if ((*flags & F_CLOSE_RANGE) && (uint32_t)a[0] <= PROGRESS_FD &&
	    (uint32_t)a[1] >= PROGRESS_FD)
		a[1] = PROGRESS_FD - 1;
	/* The buffer's first bytes change with every call: fresh contents
	 * for the kernel to read, never a '/' (paths stay relative). */
	for (int i = 0; i < 32; i++) {
		uint64_t v = rnd();
		for (int j = 0; j < 8; j++) {
			uint8_t c = (uint8_t)(v >> (8 * j));
			buf[i * 8 + j] = c == '/' ? 0 : c;
		}
	}

	/* Every register random first; then the ones this path needs. */
	for (int r = R_AX; r <= R_R15; r++)
		fz_in[r] = below(4) ? rnd() : pick_value();
	/* Flags: the arithmetic ones, DF, AC, NT, ID, IOPL=3 (ignored at
	 * CPL 3) at random; TF 1 call in 512 (the worker dies of SIGTRAP). */
	uint64_t fl = 0x202 | (rnd() & (0x1 | 0x4 | 0x10 | 0x40 | 0x80 | 0x800 | 0x400 |
					0x40000 | 0x4000 | 0x200000 | 0x3000));
	if (below(512) == 0)
		fl |= 0x100;
	fz_in[R_FLAGS] = fl;

	uint64_t sp = (uintptr_t)insn_stack + sizeof(insn_stack) - 64;
	bool bad_sp = below(16) == 0 && !(fl & 0x100);
#if defined(__x86_64__)
	fz_in[R_CS] = 0x33;
	fz_in[R_SP] = bad_sp ? pick_pointer() : sp;
	switch (p) {
	case P_SYSCALL64:
	case P_SYSCALL_X32:
		fz_in[R_AX] = nr | (below(16) == 0 ? rnd() << 32 : 0);	/* bits 32-63 ignored */
		fz_in[R_DI] = a[0]; fz_in[R_SI] = a[1]; fz_in[R_DX] = a[2];
		fz_in[R_R10] = a[3]; fz_in[R_R8] = a[4]; fz_in[R_R9] = a[5];
		fz_in[R_IP] = (uintptr_t)fz_syscall_64;
		break;
	case P_INT80_64:
		fz_in[R_AX] = nr;
		fz_in[R_BX] = a[0]; fz_in[R_CX] = a[1]; fz_in[R_DX] = a[2];
		fz_in[R_SI] = a[3]; fz_in[R_DI] = a[4]; fz_in[R_BP] = a[5];
		fz_in[R_IP] = (uintptr_t)fz_int80_64;
		break;
	default: {			/* 32-bit code of a 64-bit program */
		uint32_t *s = (uint32_t *)(uintptr_t)(sp - 32);

		s[0] = (uint32_t)a[5]; s[1] = (uint32_t)a[2]; s[2] = (uint32_t)a[1];
		s[3] = 0;
		fz_in[R_AX] = nr;
		fz_in[R_BX] = a[0]; fz_in[R_CX] = a[1]; fz_in[R_DX] = a[2];
		fz_in[R_SI] = a[3]; fz_in[R_DI] = a[4];
		fz_in[R_SP] = bad_sp ? pick_pointer() : (uintptr_t)s;
		fz_in[R_BP] = p == P_COMPAT_SYSENTER_64 ? fz_in[R_SP] : a[1];
		fz_in[R_CS] = 0x23;
		fz_in[R_IP] = (uintptr_t)(p == P_COMPAT_SYSCALL_64 ? fz_syscall_compat
								 : fz_sysenter_compat);
	}
	}
#else
	fz_in[R_CS] = 0x23;
	fz_in[R_AX] = nr;
	fz_in[R_BX] = a[0]; fz_in[R_CX] = a[1]; fz_in[R_DX] = a[2];
	fz_in[R_SI] = a[3]; fz_in[R_DI] = a[4]; fz_in[R_BP] = a[5];
	fz_in[R_SP] = sp;
	switch (p) {
	case P_INT80_32:
		fz_in[R_IP] = (uintptr_t)fz_int80_32;
		if (bad_sp) {
			fz_in[R_IP] = (uintptr_t)fz_int80_32_badsp;
			fz_in[R_TARGET] = pick_pointer();
		}
		break;
	case P_VDSO_32:
		fz_in[R_TARGET] = vsyscall;
		fz_in[R_IP] = (uintptr_t)(vsyscall ? fz_vdso_32 : fz_int80_32);
		break;
	default: {		/* the stack __kernel_vsyscall would have made */
		uint32_t *s = (uint32_t *)(uintptr_t)(sp - 32);

		s[0] = (uint32_t)a[5];		/* EBP: arg 6 */
		s[1] = (uint32_t)a[2];		/* EDX */
		s[2] = (uint32_t)a[1];		/* ECX */
		s[3] = (uint32_t)(uintptr_t)fz_back;	/* the landing pad returns here */
		fz_in[R_SP] = (uintptr_t)s;
		if (p == P_SYSENTER_32) {
			fz_in[R_BP] = bad_sp ? pick_pointer() : (uintptr_t)s;
			fz_in[R_IP] = (uintptr_t)fz_sysenter_32;
		} else {
			fz_in[R_BP] = a[1];	/* arg 2: ECX is the return address */
			fz_in[R_IP] = (uintptr_t)fz_syscall_32;
		}
	}
	}
#endif
	*pp = p;
	return nr;
}

static long raw(long nr, long a, long b, long c)
{
	return syscall(nr, a, b, c);
}

/* ---- calls made by a second task of the worker ---------------------------- */
/*
 * 1 call in 16 (from the seed and the call's index, through a generator
 * of its own: make_call's values are the same either way) is made by a
 * task the worker creates for it with a raw clone (fz_clone, entry.asm):
 * 3 in 4 a thread (CLONE_VM | CLONE_SIGHAND | CLONE_THREAD, and glibc's
 * CLONE_FS, CLONE_FILES, CLONE_SYSVSEM, CLONE_SETTLS, CLONE_PARENT_SETTID,
 * each left out 1 time in 4), 1 in 4 a separate process sharing the
 * memory (CLONE_VM and SIGCHLD, with CLONE_SIGHAND, CLONE_FS, CLONE_FILES,
 * CLONE_SETTLS at random). Both have CLONE_CHILD_CLEARTID. The task runs
 * on its own stack (thread_stack) and makes the call through fz_enter
 * like the worker: fz_in, fz_out and insn_stack are the worker's, which
 * waits meanwhile in FUTEX_WAIT on the CLEARTID word and touches nothing.
 * The task ends with SYS_exit; a fatal signal in a thread ends the whole
 * worker (the parent replaces it, as for any other death); a CLONE_VM
 * process the worker reaps with wait4.
 */
enum { BY_WORKER, BY_THREAD, BY_VM_PROCESS, NR_WHO };
static const char *const who_names[NR_WHO] = { "worker", "thread", "vm-process" };

#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_THREAD		0x00010000
#define CLONE_SYSVSEM		0x00040000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000

#define THREAD_STACK	65536
static uint8_t *thread_stack;	/* its first page: the TLS block and user_desc */

long fz_clone(unsigned long flags, void *stack_top, int32_t *parent_tid, int32_t *child_tid,
	      unsigned long tls, void (*fn)(void));

static uint32_t pick_clone(uint64_t seed, uint32_t index, int *who)
{
	uint64_t s = seed ^ ((uint64_t)index * 0x9e3779b97f4a7c15ULL) ^ 0x7468726561647321ULL;
	uint64_t r = splitmix(&s);
	uint32_t f = CLONE_VM | CLONE_CHILD_CLEARTID;

	*who = BY_WORKER;
	if (r % 16)
		return 0;
	r = splitmix(&s);
	if (r % 4) {
		*who = BY_THREAD;
		f |= CLONE_SIGHAND | CLONE_THREAD;
		static const uint32_t glibc[] = { CLONE_FS, CLONE_FILES, CLONE_SYSVSEM,
						  CLONE_SETTLS, CLONE_PARENT_SETTID };
		for (size_t i = 0; i < NELEM(glibc); i++)
			if ((r >> (2 + 2 * i)) & 3)
				f |= glibc[i];
	} else {
		*who = BY_VM_PROCESS;
		f |= SIGCHLD;
		static const uint32_t some[] = { CLONE_SIGHAND, CLONE_FS, CLONE_FILES, CLONE_SETTLS };
		for (size_t i = 0; i < NELEM(some); i++)
			if ((r >> (2 + i)) & 1)
				f |= some[i];
	}
	return f;
}

static uint32_t task_flags;		/* the call's F_* rules, for the task */
static volatile int32_t task_tid;	/* CLONE_CHILD_CLEARTID: 0 when it is gone */
static int32_t task_ptid;		/* CLONE_PARENT_SETTID */

/* The rules after a call, for the worker and the task alike: a child of
 * fork or clone that came back here leaves; one that exists is reaped at
 * once (any exit signal: __WALL), or a worker that dies later would leave
 * it to init, after the memory check. */
static void after_call(long r, uint32_t flags, pid_t me)
{
	if ((flags & F_FORK) && r == 0 && getpid() != me)
		syscall(SYS_exit, 0);
	if ((flags & F_FORK) && r > 0 && r < 0x400000)
		syscall(SYS_wait4, r, 0, __WALL, 0);
}

static struct progress task_pr;	/* the call's record, for the task's note */

static void task_main(void)
{
	pid_t me = getpid();	/* the worker's for a thread, its own otherwise */
	long r = fz_enter();

	if ((task_flags & F_FORK) && r == 0 && getpid() != me)
		syscall(SYS_exit, 0);	/* a child of fork or clone: leaves */
	task_pr.note = 2;	/* it did run the call and came back */
	syscall(SYS_write, PROGRESS_FD, (long)&task_pr, sizeof(task_pr));
	after_call(r, task_flags, me);
}

/* The TLS argument: a base (64-bit, x32) or a struct user_desc (ia32),
 * pointing into the task's own page; the fuzzer uses no TLS itself. */
static unsigned long task_tls(void)
{
#if defined(__x86_64__)
	return (uintptr_t)thread_stack + 256;
#else
	uint32_t *d = (uint32_t *)thread_stack;

	d[0] = 12;			/* GDT_ENTRY_TLS_MIN: clone cannot allocate */
	d[1] = (uintptr_t)thread_stack + 256;	/* base */
	d[2] = 0xfffff;			/* limit, in pages */
	d[3] = 0x51;			/* seg_32bit, limit_in_pages, useable */
	return (uintptr_t)d;
#endif
}

/* Call i by a second task; back when it is gone (or killed after 1.5 s).
 * A clone that fails (a fuzzed call lowered RLIMIT_NPROC, no memory)
 * is told to the parent by a second record, a note that is not a call. */
static void run_in_task(uint32_t cflags, int who, uint32_t flags, struct progress *pr)
{
	struct timespec ts = { 0, 100 * 1000 * 1000 };

	task_flags = flags;
	task_pr = *pr;
	task_tid = -1;
	long tid = fz_clone(cflags, thread_stack + THREAD_STACK - 64, &task_ptid,
			    (int32_t *)&task_tid, task_tls(), task_main);
	if (tid <= 0) {		/* the call is not made */
		pr->note = 1;
		syscall(SYS_write, PROGRESS_FD, (long)pr, sizeof(*pr));
		pr->note = 0;
		return;
	}
	for (int round = 0; task_tid != 0; round++) {
		int32_t v = task_tid;

		if (v != 0)
			syscall(SYS_futex, &task_tid, 0 /* FUTEX_WAIT */, v, &ts, NULL, 0);
		if (task_tid == 0)
			break;
		/* Gone without clearing the word: it called set_tid_address,
		 * or execve (a thread's exec kills us before that). */
		if (who == BY_THREAD ? syscall(SYS_tgkill, self_pid, tid, 0) < 0 :
		    syscall(SYS_wait4, tid, 0, WNOHANG | __WALL, 0) == tid)
			return;
		if (round == 15) {	/* asleep in its call: end it */
			if (who == BY_THREAD)
				syscall(SYS_tgkill, self_pid, tid, SIGKILL);	/* and us */
			else
				syscall(SYS_kill, tid, SIGKILL);
			break;
		}
	}
	if (who == BY_VM_PROCESS)
		syscall(SYS_wait4, tid, 0, __WALL, 0);
}

static __attribute__((noreturn)) void worker(uint64_t seed, uint32_t first, uint32_t end)
{
	struct progress pr = { 0 };
	enum path p;
	uint32_t flags, cflags;
	int who;

	self_pid = getpid();
	for (uint32_t i = first; i < end; i++) {
		pr.nr = make_call(seed, i, &p, &flags);
		cflags = pick_clone(seed, i, &who);
		pr.index = i;
		pr.path = p;
		pr.table = path_table[p];
		pr.who = who;
		pr.tsc = rdtsc();
		if (raw(SYS_write, PROGRESS_FD, (long)&pr, sizeof(pr)) != sizeof(pr))
			_exit(3);	/* the pipe is gone: a fuzzed call closed it */
		/* The write used its own registers: fz_in, buf and the
		 * instruction stack are still call i's (make_call once). */
		if (who != BY_WORKER)
			run_in_task(cflags, who, flags, &pr);
		else
			after_call(fz_enter(), flags, self_pid);
	}
	_exit(0);
}

/* ---- the parent of the workers ------------------------------------------------ */
struct stats {
	unsigned long path[NR_PATHS], table[3], who[NR_WHO];
	unsigned long task_notes[3], calls, workers, deaths_by_signal[65], exits, hangs, stops;
	uint64_t last_tsc;	/* --profile: the last record's */
	int last_key;		/* and its call, -1 before the first */
};

/* --profile: the TSC cycles from each call's record to the next one,
 * summed per (table, number): the call, the worker's own work for the
 * next one and, when the call killed the worker, the death and the fork
 * of the next worker. Numbers past PROF_NR share the last slot. */
#define PROF_NR 1024
static uint64_t prof_cycles[3][PROF_NR];
static uint32_t prof_calls[3][PROF_NR];
static int profile;

static void profile_record(struct stats *st, const struct progress *pr)
{
	uint32_t nr = pr->nr & ~X32_BIT;
	int key = (pr->table % 3) * PROF_NR + (nr < PROF_NR ? nr : PROF_NR - 1);

	if (st->last_key >= 0) {
		prof_cycles[st->last_key / PROF_NR][st->last_key % PROF_NR] += pr->tsc - st->last_tsc;
		prof_calls[st->last_key / PROF_NR][st->last_key % PROF_NR]++;
	}
	st->last_key = key;
	st->last_tsc = pr->tsc;
}

static const char *call_name(int t, uint32_t nr)
{
	size_t n;
	struct sc *tb = table_of(t, &n);

	for (size_t i = 0; i < n; i++)
		if ((tb[i].nr & ~X32_BIT) == nr)
			return tb[i].entry;
	return "-";
}

/* The calls that took most of the time, with their share of `cycles`. */
static void profile_print(uint64_t cycles, long ms)
{
	for (int top = 0; top < 20; top++) {
		int bt = 0, bn = -1;

		for (int t = 0; t < 3; t++)
			for (int n = 0; n < PROF_NR; n++)
				if (prof_calls[t][n] && (bn < 0 || prof_cycles[t][n] > prof_cycles[bt][bn]))
					bt = t, bn = n;
		if (bn < 0 || !cycles)
			break;
		printf("# profile: %s %d %s: %u calls, %llu.%llu%% of the time, %llu us each\n",
		       table_names[bt], bn, call_name(bt, bn), prof_calls[bt][bn],
		       (unsigned long long)(prof_cycles[bt][bn] * 100 / cycles),
		       (unsigned long long)(prof_cycles[bt][bn] * 1000 / cycles % 10),
		       (unsigned long long)(prof_cycles[bt][bn] * ms * 1000 / cycles / prof_calls[bt][bn]));
		prof_calls[bt][bn] = 0;
	}
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void redirect_null(void)
{
	int fd = open("/dev/null", O_RDWR);

	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
}

/* Run the calls [0, count) in workers; fill st. */
static int verbose;

/*
 * The parent sleeps in a blocking read of the progress pipe. The kernel
 * does not switch to it at the worker's write (wake_up only makes it
 * runnable): it reads at the next tick a batch of records. A signal ends
 * the read at once (handlers without SA_RESTART): SIGCHLD when the worker
 * dies or stops, so the next one starts without waiting for a tick;
 * SIGALRM every 100 ms, to see a worker that sleeps in a call. (A 1 ms
 * nanosleep poll cost a tick, 4 ms, of idle at every worker death.)
 */
static void wake(int sig)
{
	(void)sig;
}

static void parent_signals(bool on)
{
	struct sigaction sa = { 0 };
	struct itimerval it = { { 0, on ? 100000 : 0 }, { 0, on ? 100000 : 0 } };

	sa.sa_handler = on ? wake : SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
}

static void campaign(uint64_t seed, uint32_t count, struct stats *st)
{
	uint32_t next = 0;

	parent_signals(true);
	while (next < count) {
		int fds[2];
		struct progress pr;
		static char rbuf[4096];
		long last_ms = now_ms();
		int status = 0, have = 0, ws;
		uint32_t last = next, last_nr = 0, last_table = 0;
		bool seen = false, ended = false;

		if (syscall(SYS_pipe2, fds, O_CLOEXEC) < 0) {
			printf("# pipe2: %d\n", errno);
			break;
		}
		fflush(NULL);
		pid_t pid = fork();
		if (pid == 0) {
			/* The worker starts as before the parent's handlers:
			 * SIG_DFL (the itimer is not inherited). */
			signal(SIGCHLD, SIG_DFL);
			signal(SIGALRM, SIG_DFL);
			dup2(fds[1], PROGRESS_FD);	/* not close-on-exec: exec is fuzzed too */
			close(fds[0]);
			close(fds[1]);
			redirect_null();
			worker(seed, next, count);
		}
		close(fds[1]);
		if (pid < 0) {
			printf("# fork: %d\n", errno);
			close(fds[0]);
			break;
		}
		st->workers++;
		for (;;) {
			/* Many records per read: the parent must cost the
			 * kernel less than the worker does. */
			ssize_t got = read(fds[0], rbuf + have, sizeof(rbuf) - have);
			if (got > 0) {
				long t = now_ms();
				int off = 0;

				have += got;
				for (; have - off >= (int)sizeof(pr); off += sizeof(pr)) {
					memcpy(&pr, rbuf + off, sizeof(pr));
					if (pr.note) {
						st->task_notes[pr.note % 3]++;
						continue;
					}
					/* FUZZ_VERBOSE: which calls take long. */
					if (verbose && seen && t - last_ms > 200)
						printf("# slow: call %u (%s %#x) took %ld ms\n", last,
						       table_names[last_table], last_nr, t - last_ms);
					last_nr = pr.nr;
					last_table = pr.table % 3;
					last = pr.index;
					seen = true;
					st->calls++;
					st->path[pr.path % NR_PATHS]++;
					st->table[pr.table % 3]++;
					st->who[pr.who % NR_WHO]++;
					if (profile)
						profile_record(st, &pr);
					last_ms = t;
				}
				memmove(rbuf, rbuf + off, have - off);
				have -= off;
				continue;
			}
			if (got == 0 || ended)
				break;		/* EOF, or the worker is gone and the pipe empty */
			/* EINTR: reap the worker and any orphan that came to us. */
			pid_t w;
			while ((w = waitpid(-1, &ws, WNOHANG | WUNTRACED | __WALL)) > 0) {
				/* Stopped: by a signal it sent itself (SIGSTOP,
				 * SIGTSTP...), or in a ptrace stop when it called
				 * PTRACE_TRACEME and made us its tracer. It would
				 * never go on: SIGKILL, reaped on a later round. */
				if (WIFSTOPPED(ws)) {
					kill(w, SIGKILL);
					st->stops++;
					continue;
				}
				if (w == pid) {
					ended = true;
					status = ws;
				}
			}
			if (ended) {
				/* Drain what is left, without waiting for the
				 * write ends the worker's children may hold. */
				fcntl(fds[0], F_SETFL, O_NONBLOCK);
				continue;
			}
			if (now_ms() - last_ms > 2000) {
				kill(pid, SIGKILL);
				st->hangs++;
				last_ms = now_ms();
			}
		}
		close(fds[0]);
		while (!ended) {
			pid_t w = waitpid(pid, &status, __WALL);
			if (w < 0 && errno == EINTR)
				continue;
			if (w == pid && WIFSTOPPED(status)) {
				kill(pid, SIGKILL);	/* a ptrace stop, as above */
				continue;
			}
			ended = true;
		}
		if (WIFSIGNALED(status))
			st->deaths_by_signal[WTERMSIG(status) & 63]++;
		else if (WEXITSTATUS(status) != 0 || (seen && last + 1 < count))
			st->exits++;
		next = seen ? last + 1 : next + 1;
	}
	parent_signals(false);
	/* Orphans of the workers' fork calls that are still around. */
	while (waitpid(-1, NULL, WNOHANG | __WALL) > 0)
		;
}

/* Remove the scratch directory tree: every name, depth first. */
struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static int remove_tree(const char *path, int depth)
{
	char b[2048], sub[512];
	long len;
	int fd, bad = 0;

	if (syscall(SYS_unlinkat, AT_FDCWD, path, 0) == 0)
		return 0;
	if (depth > 16 || (fd = open(path, O_RDONLY | O_DIRECTORY)) < 0)
		return syscall(SYS_unlinkat, AT_FDCWD, path, 0x200 /* AT_REMOVEDIR */) ? -1 : 0;
	/* Read, remove what was read, read again from the start, until a
	 * pass finds nothing but "." and "..", or removes nothing. */
	for (int removed = 1; removed && !bad; ) {
		removed = 0;
		lseek(fd, 0, SEEK_SET);
		while ((len = syscall(SYS_getdents64, fd, b, sizeof(b))) > 0) {
			for (long off = 0; off < len; ) {
				struct linux_dirent64 *d = (void *)(b + off);

				off += d->d_reclen;
				if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
					continue;
				snprintf(sub, sizeof(sub), "%s/%s", path, d->d_name);
				if (remove_tree(sub, depth + 1) == 0)
					removed = 1;
				else
					bad = 1;
			}
		}
	}
	close(fd);
	return syscall(SYS_unlinkat, AT_FDCWD, path, 0x200) ? -1 : 0;
}

static int setup_memory(void)
{
#if defined(__x86_64__)
	classify(tbl_64, NELEM(tbl_64));
	classify(tbl_x32, NELEM(tbl_x32));
#endif
	classify(tbl_32, NELEM(tbl_32));
	buf = mmap(NULL, BUF_SIZE + 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED)
		return -1;
	mprotect(buf + BUF_SIZE, 4096, PROT_NONE);
	unmapped = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (unmapped == MAP_FAILED)
		return -1;
	munmap(unmapped, 4096);
	thread_stack = mmap(NULL, THREAD_STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (thread_stack == MAP_FAILED)
		return -1;
	for (size_t i = 0; i < NELEM(paths); i++)
		if ((path_copies[i] = malloc(strlen(paths[i]) + 1)))
			strcpy(path_copies[i], paths[i]);
		else
			return -1;
#if !defined(__x86_64__)
	vsyscall = getauxval(AT_SYSINFO);
#endif
	return 0;
}

/* --first K: results numbered from K, inside the driver's KTAP plan. */
static unsigned int first_result;

static int only(uint64_t seed, uint32_t count)
{
	struct stats st = { 0 };
	char dir[64];
	long t0, ms;
	bool alive;

	if (first_result) {
		ktap_cnt.num = first_result - 1;
		ktap_cnt.plan = first_result - 1 + 4;
	} else {
		ktap_print_header();
		ktap_set_plan(4);
	}
	printf("# fuzz_%s: seed %llu count %u\n", ABI_NAME, (unsigned long long)seed, count);
	fflush(stdout);
	if (setup_memory() < 0) {
		printf("Bail out! fuzz: no memory\n");
		return 1;
	}
	snprintf(dir, sizeof(dir), "/tmp/fuzz-%s", ABI_NAME);
	remove_tree(dir, 0);
	mkdir(dir, 0755);
	if (chdir(dir) < 0) {
		printf("Bail out! fuzz: chdir %s: %d\n", dir, errno);
		return 1;
	}

	t0 = now_ms();
	st.last_key = -1;
	uint64_t tsc0 = rdtsc();
	campaign(seed, count, &st);
	ms = now_ms() - t0;
	if (profile)
		profile_print(rdtsc() - tsc0, ms);

	printf("# calls %lu in %ld ms (%lu/s), %lu workers, %lu hangs killed, %lu stopped killed, "
	       "%lu early exits\n", st.calls, ms, ms ? st.calls * 1000 / ms : 0, st.workers,
	       st.hangs, st.stops, st.exits);
	printf("# per ABI:");
	for (int t = 0; t < 3; t++)
		if (st.table[t])
			printf(" %s=%lu", table_names[t], st.table[t]);
	printf("\n# per entry path:");
	for (int p = 0; p < NR_PATHS; p++)
		if (path_weight[p])
			printf(" %s=%lu", path_names[p], st.path[p]);
	printf("\n# fuzz_%s: calls from threads %lu, from CLONE_VM processes %lu (%lu came back, "
	       "%lu clones failed)\n", ABI_NAME, st.who[BY_THREAD], st.who[BY_VM_PROCESS],
	       st.task_notes[2], st.task_notes[1]);
	printf("# workers killed by signal:");
	for (int s = 1; s < 65; s++)
		if (st.deaths_by_signal[s])
			printf(" %d=%lu", s, st.deaths_by_signal[s]);
	printf("\n");
	ktap_test_result(st.calls >= count / 2, "fuzz_%s: the calls were made (at least half reached the kernel)", ABI_NAME);

	/* The kernel still answers: a pipe round trip and a fork + wait. */
	int fds[2];
	char c = 0;
	alive = pipe(fds) == 0 && write(fds[1], "k", 1) == 1 && read(fds[0], &c, 1) == 1 && c == 'k';
	pid_t pid = fork();
	int status = -1;
	if (pid == 0)
		_exit(42);
	alive = alive && pid > 0 && waitpid(pid, &status, 0) == pid &&
		WIFEXITED(status) && WEXITSTATUS(status) == 42;
	ktap_test_result(alive, "fuzz_%s: the kernel answers after the run", ABI_NAME);
	ktap_test_result(waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD,
			 "fuzz_%s: every worker and orphan was reaped", ABI_NAME);
	ktap_test_result(chdir("/tmp") == 0 && remove_tree(dir, 0) == 0,
			 "fuzz_%s: the scratch directory was removed", ABI_NAME);
	if (first_result)
		exit(ktap_cnt.fail ? KSFT_FAIL : KSFT_PASS);
	ktap_finished();
}

/* --dry-run: print the calls a run would make, make none. */
static int list_calls(uint64_t seed, uint32_t count)
{
	enum path p;
	uint32_t flags;
	int who;

	if (setup_memory() < 0)
		return 1;
	for (uint32_t i = 0; i < count; i++) {
		uint32_t nr = make_call(seed, i, &p, &flags);
		uint32_t cflags = pick_clone(seed, i, &who);

		printf("%u %s nr=%#x flags=%#llx sp=%#llx ip=%#llx cs=%#llx by=%s clone=%#x\n", i,
		       path_names[p], nr, (unsigned long long)fz_in[R_FLAGS],
		       (unsigned long long)fz_in[R_SP], (unsigned long long)fz_in[R_IP],
		       (unsigned long long)fz_in[R_CS], who_names[who], cflags);
	}
	return 0;
}

/* The driver: each ABI's fuzzer in turn, with its share of the calls. */
static int driver(uint64_t seed, uint32_t count, const char *abis)
{
	char list[64], *names[8], seedarg[32], countarg[16];
	int n = 0, failed = 0;

	/* "64,x32,32" into names[] */
	snprintf(list, sizeof(list), "%s", abis);
	for (char *a = list; *a && n < 8; ) {
		names[n++] = a;
		char *comma = strchr(a, ',');
		if (!comma)
			break;
		*comma = '\0';
		a = comma + 1;
	}
	/* One KTAP plan for all: each ABI's fuzzer numbers its 4 results. */
	printf("KTAP version 1\n1..%d\n", 4 * n);
	printf("# fuzz: seed %llu count %u abis %s\n", (unsigned long long)seed, count, abis);
	for (int i = 0; i < n; i++) {
		const char *a = names[i];
		char path[64], firstarg[16];
		/* Each ABI's seed from (seed, i), 8 apart per seed: the runs of
		 * seeds S and S+1 (make fuzz JOBS=2) share no ABI seed. */
		uint64_t s = seed * 8 + (uint64_t)i + 1;
		int status = 0;

		snprintf(path, sizeof(path), "/sbin/fuzz_%s", a);
		snprintf(seedarg, sizeof(seedarg), "%llu", (unsigned long long)splitmix(&s));
		snprintf(countarg, sizeof(countarg), "%u", count / n + (i < (int)(count % n)));
		snprintf(firstarg, sizeof(firstarg), "%d", 4 * i + 1);
		fflush(NULL);
		pid_t pid = fork();
		if (pid == 0) {
			char *argv[] = { path, "--only", "--seed", seedarg, "--count", countarg,
					 "--first", firstarg, NULL };
			execve(path, argv, environ);
			_exit(errno == ENOEXEC ? 4 : 127);
		}
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 4) {
			for (int k = 1; k <= 4; k++)
				printf("ok %d fuzz_%s # SKIP the kernel does not run this ABI\n",
				       4 * i + k, a);
		} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			printf("# fuzz_%s ended with status %#x\n", a, status);
			failed = 1;
		}
		fflush(NULL);
	}
	return failed;
}

/*
 * A run must repeat exactly: a fixed layout, as `setarch -R` gives. A
 * random call (MAP_FIXED, munmap, mremap at a random address) hits the
 * stack or not depending on where exec put it, so the fuzzer sets
 * ADDR_NO_RANDOMIZE and runs itself again (the layout is chosen by exec);
 * fork and exec pass the personality on to every ABI's fuzzer.
 */
#define ADDR_NO_RANDOMIZE	0x0040000

static void no_randomize(char **argv)
{
	long pers = syscall(SYS_personality, 0xffffffffUL);

	if (pers < 0 || (pers & ADDR_NO_RANDOMIZE))
		return;
	if (syscall(SYS_personality, (unsigned long)pers | ADDR_NO_RANDOMIZE) < 0)
		return;
	fflush(NULL);
	execve("/proc/self/exe", argv, environ);
	execve(argv[0], argv, environ);
	printf("# fuzz: could not run again with ADDR_NO_RANDOMIZE; the layout is random\n");
}

int main(int argc, char **argv)
{
	uint64_t seed = 0;
	uint32_t count = 10000;
	const char *abis = "64,x32,32", *e;
	int is_only = 0, have_seed = 0, dry_run = 0;

	/* The kernel command line's FUZZ_SEED= and FUZZ_COUNT= reach init's
	 * environment, and so ours when init runs us without arguments. */
	if ((e = getenv("FUZZ_SEED")))
		seed = strtoull(e, NULL, 0), have_seed = 1;
	if ((e = getenv("FUZZ_COUNT")))
		count = strtoul(e, NULL, 0);
	if ((e = getenv("FUZZ_ABIS")))
		abis = e;
	if (getenv("FUZZ_VERBOSE"))
		verbose = 1;
	if (getenv("FUZZ_PROFILE"))
		profile = 1;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 0), have_seed = 1;
		else if (!strcmp(argv[i], "--count") && i + 1 < argc)
			count = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--abis") && i + 1 < argc)
			abis = argv[++i];
		else if (!strcmp(argv[i], "--only"))
			is_only = 1;
		else if (!strcmp(argv[i], "--verbose"))
			verbose = 1;
		else if (!strcmp(argv[i], "--profile"))
			profile = 1;
		else if (!strcmp(argv[i], "--first") && i + 1 < argc)
			first_result = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--dry-run"))
			dry_run = 1;
		else {
			printf("usage: fuzz [--seed N] [--count M] [--abis 64,x32,32] [--only] [--profile]\n");
			return 2;
		}
	}
	/* Never on the machine that builds us: random calls with kill and
	 * friends are no way to treat a host. Trident says "-trident". */
	struct utsname u;
	if (uname(&u) < 0 || (!strstr(u.release, "trident") && !getenv("FUZZ_ANY_KERNEL"))) {
		printf("Bail out! fuzz runs only on Trident (FUZZ_ANY_KERNEL=1 to insist)\n");
		return 2;
	}
	if (!have_seed) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		seed = (uint64_t)ts.tv_sec * 1000000007ULL ^ (uint64_t)ts.tv_nsec;
	}
	if (dry_run)
		return list_calls(seed, count);
	no_randomize(argv);
	return is_only ? only(seed, count) : driver(seed, count, abis);
}
