/* SPDX-License-Identifier: MIT */
/*
 * ia32_tls: does a 32-bit program keep its thread-local storage?
 *
 * An i386 program reaches its TLS through a segment: set_thread_area(2)
 * puts a descriptor with the TLS base into one of the three GDT slots of
 * the task (entries 12-14, selectors 0x63, 0x6b, 0x73), and the program
 * loads the selector into %gs (glibc) or %fs and reads %gs:0. The kernel
 * must keep the descriptor and the selector across system calls, timer
 * preemption and switches to a process that uses the same slot with
 * another base; SWAPGS in the entry code swaps only the GS base, and the
 * register's cached base is per CPU.
 *
 *  - set_thread_area with entry_number -1 picks a free slot (12..14) and
 *    writes it back; get_thread_area reads the descriptor back; an unused
 *    slot reads as "not present, read-only"; an all-zero user_desc clears
 *    a slot again.
 *  - errors: EINVAL for entries 11 and 15, for 16-bit, code and
 *    not-present segments; EFAULT for a pointer the kernel cannot use;
 *    ESRCH when -1 finds every slot taken.
 *  - %fs:0 and %gs:0 see the base, also after sched_yield and while
 *    spinning across timer ticks with a forked child that uses the same
 *    slot with another base; the selectors themselves survive.
 *  - set_thread_area on the slot in use refreshes the loaded selector.
 *  - clone's tls argument (4th on i386) is a user_desc for the child.
 *
 * glibc keeps its own TLS in %gs (slot 12 taken before main), so %gs is
 * only changed inside asm blocks that make no libc call. Only meaningful
 * for _32; the 64-bit builds report SKIP.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "ktap.h"
#include "user_desc.h"
#include "errname.h"

#define PLAN		23

#if defined(__i386__)

#define SIGCHLD			17
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define SPIN_NS			300000000LL	/* 0.3 s: 75 ticks at HZ 250 */

/* include/uapi/asm/ldt.h */
struct k_timespec32 {
	long tv_sec, tv_nsec;
};

static volatile unsigned int magic_a = 0x41414141;	/* the parent's TLS */
static volatile unsigned int magic_b = 0x42424242;	/* the %gs probe's */
static volatile unsigned int magic_c = 0x43434343;	/* the child's */
static volatile unsigned int magic_d = 0x44444444;	/* clone's */
static volatile uintptr_t bad_addr = 0x10;

static long sys(long ret)
{
	return ret == -1 ? -errno : ret;
}

static void expect_err(long ret, int err, const char *what)
{
	if (ret != -err)
		ktap_print_msg("got %s", raw_result_name(ret));
	ktap_test_result(ret == -err, "%s -> %s", what, errno_name(err));
}

/* A flat, writable, present 32-bit data segment based at base. */
static void data_desc(struct user_desc *u, int entry, const volatile void *base)
{
	memset(u, 0, sizeof(*u));
	u->entry_number = entry;
	u->base_addr = (unsigned int)(uintptr_t)base;
	u->limit = 0xfffff;
	u->seg_32bit = 1;
	u->limit_in_pages = 1;
	u->useable = 1;
}

static long set_area(struct user_desc *u)
{
	return sys(syscall(SYS_set_thread_area, u));
}

static long get_area(struct user_desc *u)
{
	return sys(syscall(SYS_get_thread_area, u));
}

static unsigned short sel_of(int entry)
{
	return (unsigned short)(entry << 3 | 3);
}

static unsigned short get_fs(void)
{
	unsigned short s;

	__asm__ volatile("mov %%fs, %0" : "=r"(s));
	return s;
}

static void set_fs(unsigned short s)
{
	__asm__ volatile("mov %0, %%fs" : : "r"(s) : "memory");
}

static unsigned int fs_word(void)
{
	unsigned int v;

	__asm__ volatile("movl %%fs:0, %0" : "=r"(v) : : "memory");
	return v;
}

/* With %gs = sel: read %gs:0, enter the kernel with int $0x80 (nr), read
 * %gs:0 again and the selector, then give glibc its %gs back. */
static void gs_probe(unsigned short sel, long nr, unsigned int *before,
		     unsigned int *after, unsigned short *sel_after)
{
	unsigned int b, a;
	unsigned short s;

	__asm__ volatile("push %%gs\n\t"
			 "mov %w[sel], %%gs\n\t"
			 "movl %%gs:0, %[b]\n\t"
			 "int $0x80\n\t"
			 "movl %%gs:0, %[a]\n\t"
			 "mov %%gs, %w[s]\n\t"
			 "pop %%gs"
			 : [b] "=&r"(b), [a] "=&r"(a), [s] "=&r"(s), "+a"(nr)
			 : [sel] "r"(sel)
			 : "memory");
	*before = b;
	*after = a;
	*sel_after = s;
}

/* n loads of %fs:0 (or %gs:0 with sel loaded): how many were not expect. */
static unsigned int fs_spin(unsigned int expect, unsigned int n)
{
	unsigned int bad = 0;

	__asm__ volatile("1:\n\t"
			 "cmpl %%fs:0, %[exp]\n\t"
			 "je 2f\n\t"
			 "incl %[bad]\n"
			 "2:\n\t"
			 "decl %[n]\n\t"
			 "jnz 1b"
			 : [bad] "+r"(bad), [n] "+r"(n)
			 : [exp] "r"(expect)
			 : "memory", "cc");
	return bad;
}

static unsigned int gs_spin(unsigned short sel, unsigned int expect, unsigned int n)
{
	unsigned int bad = 0;

	__asm__ volatile("push %%gs\n\t"
			 "mov %w[sel], %%gs\n"
			 "1:\n\t"
			 "cmpl %%gs:0, %[exp]\n\t"
			 "je 2f\n\t"
			 "incl %[bad]\n"
			 "2:\n\t"
			 "decl %[n]\n\t"
			 "jnz 1b\n\t"
			 "pop %%gs"
			 : [bad] "+r"(bad), [n] "+r"(n)
			 : [sel] "r"(sel), [exp] "r"(expect)
			 : "memory", "cc");
	return bad;
}

static long long now_ns(void)
{
	struct k_timespec32 ts;

	syscall(SYS_clock_gettime, 1 /* CLOCK_MONOTONIC */, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Spin on %fs:0 and on %gs:0 (selector gsel, base holding expect) for
 * SPIN_NS: the loads that did not see expect. */
static unsigned int spin(unsigned short gsel, unsigned int expect)
{
	long long end = now_ns() + SPIN_NS;
	unsigned int bad = 0;

	while (now_ns() < end) {
		bad += fs_spin(expect, 100000);
		bad += gs_spin(gsel, expect, 100000);
	}
	return bad;
}

static void test_errors(int entry)
{
	struct user_desc u;

	data_desc(&u, 11, &magic_a);
	expect_err(set_area(&u), EINVAL, "set_thread_area(entry 11)");
	data_desc(&u, 15, &magic_a);
	expect_err(set_area(&u), EINVAL, "set_thread_area(entry 15)");
	data_desc(&u, entry, &magic_a);
	u.seg_32bit = 0;
	expect_err(set_area(&u), EINVAL, "set_thread_area(16-bit segment)");
	data_desc(&u, entry, &magic_a);
	u.contents = 2;			/* code */
	expect_err(set_area(&u), EINVAL, "set_thread_area(code segment)");
	data_desc(&u, entry, &magic_a);
	u.seg_not_present = 1;
	expect_err(set_area(&u), EINVAL, "set_thread_area(not-present segment)");
	expect_err(set_area((void *)bad_addr), EFAULT, "set_thread_area(bad pointer)");

	memset(&u, 0, sizeof(u));
	u.entry_number = 11;
	expect_err(get_area(&u), EINVAL, "get_thread_area(entry 11)");
	u.entry_number = 15;
	expect_err(get_area(&u), EINVAL, "get_thread_area(entry 15)");
	expect_err(get_area((void *)bad_addr), EFAULT, "get_thread_area(bad pointer)");
}

/* Take every free slot with -1, then see ESRCH; give them back with an
 * all-zero user_desc and check that the slot reads as unused. */
static void test_all_slots(void)
{
	struct user_desc u;
	int taken[3], n = 0;
	long r;

	for (;;) {
		data_desc(&u, -1, &magic_a);
		r = set_area(&u);
		if (r || n == 3)
			break;
		taken[n++] = u.entry_number;
	}
	ktap_print_msg("%d more slots were free", n);
	expect_err(r, ESRCH, "set_thread_area(-1) with every slot taken");

	int cleared = 1;
	for (int i = 0; i < n; i++) {
		memset(&u, 0, sizeof(u));
		u.entry_number = taken[i];
		if (set_area(&u))
			cleared = 0;
		memset(&u, 0xff, sizeof(u));
		u.entry_number = taken[i];
		if (get_area(&u) || u.base_addr || u.limit || !u.seg_not_present ||
		    !u.read_exec_only || u.seg_32bit || u.contents || u.useable)
			cleared = 0;
	}
	ktap_test_result(cleared && n > 0,
			 "an all-zero user_desc empties a slot: it reads as not present, read-only");
}

/* Parent and child spin on the same slot with different bases. */
static void test_fork(int entry)
{
	unsigned short sel = sel_of(entry);
	struct user_desc u;
	long pid;
	int status = -1;

	pid = sys(syscall(SYS_fork));
	if (pid == 0) {
		unsigned int bad;
		int code = 0;

		data_desc(&u, entry, &magic_c);
		if (set_area(&u))
			code |= 1;
		/* Linux refreshes a loaded selector that names the slot. */
		if (fs_word() != magic_c)
			code |= 2;
		bad = spin(sel, magic_c);
		if (bad)
			code |= 4;
		if (get_fs() != sel)
			code |= 8;
		syscall(SYS_exit_group, code);
	}
	if (pid < 0) {
		ktap_test_fail("fork: %s", errno_name(-pid));
		ktap_test_fail("parent and child keep their own base in the same slot");
		return;
	}
	unsigned int bad = spin(sel, magic_a);
	syscall(SYS_wait4, pid, &status, 0, NULL);
	ktap_print_msg("parent: %u wrong loads; child status %#x", bad, status);
	ktap_test_result(status == 0,
			 "child: set_thread_area on its loaded slot refreshes %%fs, and its base survives 0.3 s of ticks");
	ktap_test_result(bad == 0 && get_fs() == sel,
			 "parent keeps its own base in the same slot across those switches");
}

/* clone(flags, newsp, parent_tid, tls, child_tid): the child's slot gets
 * tls's descriptor; its %fs (inherited) then loads the new base. */
static void test_clone(int entry)
{
	struct user_desc u;
	int ptid = 0, status = -1;
	long pid;

	data_desc(&u, -1, &magic_d);
	pid = sys(syscall(SYS_clone, SIGCHLD | CLONE_SETTLS, 0, NULL, &u, NULL));
	if (pid == 0)
		syscall(SYS_exit_group, 99);
	expect_err(pid, EINVAL, "clone(CLONE_SETTLS, entry_number -1)");

	data_desc(&u, entry, &magic_d);
	pid = sys(syscall(SYS_clone, SIGCHLD | CLONE_SETTLS | CLONE_PARENT_SETTID, 0, &ptid, &u,
			  NULL));
	if (pid == 0) {
		struct user_desc g;

		memset(&g, 0, sizeof(g));
		g.entry_number = entry;
		get_area(&g);
		syscall(SYS_exit_group, (g.base_addr == (uintptr_t)&magic_d ? 0 : 1) |
					(fs_word() == magic_d ? 0 : 2));
	}
	if (pid > 0)
		syscall(SYS_wait4, pid, &status, 0, NULL);
	ktap_print_msg("clone -> %ld, parent_tid %d, child status %#x", pid, ptid, status);
	ktap_test_result(pid > 0 && ptid == pid && status == 0,
			 "clone(CLONE_SETTLS | CLONE_PARENT_SETTID): i386 order, the child's %%fs sees its tls");
	ktap_test_result(fs_word() == magic_a, "the parent's slot is unchanged");
}

static void run(void)
{
	struct user_desc u, g;
	unsigned int before, after;
	unsigned short sel, s;
	long r;

	/* Slot A (for %fs) and slot B (for %gs), both taken with -1. */
	data_desc(&u, -1, &magic_a);
	r = set_area(&u);
	ktap_print_msg("set_thread_area(-1) -> %s, entry %u", raw_result_name(r), u.entry_number);
	ktap_test_result(r == 0 && u.entry_number >= 12 && u.entry_number <= 14,
			 "set_thread_area(-1) picks a slot in 12..14 and writes it back");
	int entry = u.entry_number;
	sel = sel_of(entry);

	memset(&g, 0, sizeof(g));
	g.entry_number = entry;
	r = get_area(&g);
	ktap_test_result(r == 0 && g.base_addr == u.base_addr && g.limit == u.limit &&
			 g.seg_32bit && g.limit_in_pages && g.useable && !g.contents &&
			 !g.read_exec_only && !g.seg_not_present,
			 "get_thread_area reads the descriptor back");

	data_desc(&u, -1, &magic_b);
	r = set_area(&u);
	int gentry = u.entry_number;
	ktap_test_result(r == 0 && gentry != entry && gentry >= 12 && gentry <= 14,
			 "a second set_thread_area(-1) picks another slot");
	unsigned short gsel = sel_of(gentry);

	set_fs(sel);
	ktap_test_result(fs_word() == magic_a && get_fs() == sel, "%%fs:0 reads the slot's base");
	syscall(SYS_sched_yield);
	syscall(SYS_getpid);
	ktap_test_result(fs_word() == magic_a && get_fs() == sel,
			 "%%fs and its base survive sched_yield and getpid");

	gs_probe(gsel, SYS_sched_yield, &before, &after, &s);
	ktap_test_result(before == magic_b && after == magic_b && s == gsel,
			 "%%gs:0 reads its slot's base, also after int $0x80 sched_yield");

	test_errors(entry);
	test_fork(entry);
	test_clone(entry);

	/* Give slot B back, then the -1 search finds it again. */
	memset(&u, 0, sizeof(u));
	u.entry_number = gentry;
	ktap_test_result(set_area(&u) == 0, "set_thread_area(all-zero user_desc) clears a slot");
	test_all_slots();
}

#endif /* __i386__ */

int main(void)
{
	ktap_print_header();
	ktap_set_plan(PLAN);
#if defined(__i386__)
	run();
#else
	for (int i = 0; i < PLAN; i++)
		ktap_test_skip("not an i386 build", "ia32 TLS case %d", i + 1);
#endif
	ktap_finished();
}
