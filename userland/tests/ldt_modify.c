/* SPDX-License-Identifier: MIT */
/*
 * ldt_modify: modify_ldt(2), a process's own LDT, for every ABI.
 *
 *  - without an LDT, reading gives 0 bytes; the default LDT reads as at
 *    most 128 zero bytes;
 *  - writes refuse a length other than 16, entry 8192, contents 3 in the
 *    old mode and contents 3 present in the new one (EINVAL); the error
 *    is an int returned as unsigned int: in a 64-bit RAX, -EINVAL is
 *    0x00000000ffffffea;
 *  - a 32-bit code segment written to entry 2 reads back as the
 *    descriptor Linux's fill_ldt() makes (the table grows to 3 entries,
 *    the rest of the buffer zeros), LAR and LSL see it, and a far transfer
 *    to it runs 32-bit code there (from 64-bit code through LRET and back
 *    by a far JMP to __USER_CS; from 32-bit code by LCALL and LRET);
 *  - the old mode drops AVL; base 0 and limit 0 clear an entry there;
 *  - a data segment register holding an LDT selector is loaded again when
 *    its entry is emptied: it reads as the null selector;
 *  - a forked child has the same LDT; exec (of /proc/self/exe, as Linux's
 *    ldt_gdt does it) starts without one.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "ktap.h"
#include "user_desc.h"
#include "errname.h"
#include "raw_syscall.h"

#define LDT_SEL(n)	((n) << 3 | 4 | 3)
#define USER_DS		0x2b

/* modify_ldt's int result (libc would take 0xffffffea for success on 64-bit). */
static int modify_ldt(int func, void *ptr, unsigned long count)
{
#if defined(__x86_64__)
	return (int)raw_syscall3(SYS_modify_ldt, func, (uintptr_t)ptr, count);
#else
	long r = syscall(SYS_modify_ldt, func, ptr, count);
	return r == -1 ? -errno : (int)r;
#endif
}

static void expect_err(int ret, int err, const char *what)
{
	if (ret != -err)
		ktap_print_msg("got %d", ret);
	ktap_test_result(ret == -err, "%s -> %s", what, errno_name(err));
}

static struct user_desc desc(unsigned int entry, uint32_t base, uint32_t limit, int bits32,
			     int contents, int pages)
{
	struct user_desc d = {
		.entry_number = entry, .base_addr = base, .limit = limit, .seg_32bit = bits32,
		.contents = contents, .read_exec_only = 0, .limit_in_pages = pages,
		.seg_not_present = 0, .useable = 0,
	};
	return d;
}

/* LAR: access rights and whether the selector is valid (ZF). */
static int lar(uint32_t sel, uint32_t *ar)
{
	uint32_t r = 0;
	uint8_t ok;

	__asm__ volatile("lar %2, %0; setz %1" : "+r"(r), "=qm"(ok) : "r"(sel) : "cc");
	*ar = r;
	return ok;
}

static int lsl(uint32_t sel, uint32_t *limit)
{
	uint32_t r = 0;
	uint8_t ok;

	__asm__ volatile("lsl %2, %0; setz %1" : "+r"(r), "=qm"(ok) : "r"(sel) : "cc");
	*limit = r;
	return ok;
}

/*
 * call32(sel): run code32 in the 32-bit code segment sel and return its
 * EAX (42). code32 is "mov $42, %eax" then back.
 */
extern uint32_t call32(uint32_t sel);
#if defined(__x86_64__)
/*
 * From 64-bit mode: a low stack (ESP is what compatibility mode uses),
 * LRETQ to sel:code32, which jumps back far to __USER_CS (0x33). Absolute
 * addresses fit 32 bits: the program is not position-independent.
 */
__asm__(
	".pushsection .text\n"
	".globl call32\n"
	"call32:\n\t"
	"push %rbx; push %rbp; push %r12; push %r13; push %r14; push %r15\n\t"
	"movq %rsp, saved_rsp(%rip)\n\t"
	"movl $low_stack_top, %esp\n\t"
	"pushq %rdi\n\t"
	"pushq $code32\n\t"
	"lretq\n"
	".code32\n"
	"code32:\n\t"
	"movl $42, %eax\n\t"
	"ljmp $0x33, $back64\n"
	".code64\n"
	"back64:\n\t"
	"movq saved_rsp(%rip), %rsp\n\t"
	"pop %r15; pop %r14; pop %r13; pop %r12; pop %rbp; pop %rbx\n\t"
	"ret\n"
	".popsection\n"
	".pushsection .bss\n"
	".balign 16\n"
	"saved_rsp: .quad 0\n"
	"low_stack: .skip 1024\n"
	"low_stack_top:\n"
	".popsection\n");
#else
/* From 32-bit code: LCALL through a far pointer, LRET back. */
__asm__(
	".pushsection .text\n"
	".globl call32\n"
	"call32:\n\t"
	"movl 4(%esp), %eax\n\t"
	"movw %ax, farptr+4\n\t"
	"lcall *farptr\n\t"
	"ret\n"
	"code32:\n\t"
	"movl $42, %eax\n\t"
	"lret\n"
	".popsection\n"
	".pushsection .data\n"
	"farptr: .long code32\n"
	".word 0\n"
	".popsection\n");
#endif

static void test_errors(void)
{
	struct user_desc d = desc(0, 0, 0xfffff, 1, 0, 1);

	expect_err(modify_ldt(1, &d, 15), EINVAL, "write with length 15");
#if defined(__x86_64__)
	int64_t rax = raw_syscall3(SYS_modify_ldt, 1, (uintptr_t)&d, 15);
	ktap_test_result(rax == 0xffffffeaLL, "the error is an unsigned int: RAX 0x00000000ffffffea");
#else
	ktap_test_pass("the error is an unsigned int: EAX -EINVAL");
#endif
	d.entry_number = 8192;
	expect_err(modify_ldt(0x11, &d, sizeof(d)), EINVAL, "write of entry 8192");
	d = desc(1, 0, 0xfffff, 1, 3, 1);
	expect_err(modify_ldt(1, &d, sizeof(d)), EINVAL, "old-mode write of contents 3");
	expect_err(modify_ldt(0x11, &d, sizeof(d)), EINVAL, "write of contents 3, present");
	expect_err(modify_ldt(0x11, (void *)16, sizeof(d)), EFAULT, "write from address 16");
	expect_err(modify_ldt(7, &d, sizeof(d)), ENOSYS, "func 7");
}

static void test_code(void)
{
	struct user_desc d = desc(2, 0, 0xfffff, 1, 2, 1);	/* 32-bit code, 4 GiB */
	uint64_t table[8];
	uint32_t ar = 0, limit = 0;
	int r, zeros = 1;

	ktap_test_result(modify_ldt(0x11, &d, sizeof(d)) == 0, "write a 32-bit code segment to entry 2");
	memset(table, 0x55, sizeof(table));
	r = modify_ldt(0, table, sizeof(table));
	ktap_test_result(r == (int)sizeof(table), "read 64 bytes -> 64");
	ktap_test_result(table[2] == 0x00cffb000000ffffULL,
			 "entry 2 reads as fill_ldt()'s descriptor 00cffb00 0000ffff");
	for (int i = 0; i < 8; i++)
		if (i != 2 && table[i])
			zeros = 0;
	ktap_test_result(zeros, "entries 0, 1 and the bytes after the table read as zeros");
	/* Bits 8-23 less the limit's 16-19 (QEMU leaves those out). */
	ktap_test_result(lar(LDT_SEL(2), &ar) && (ar & 0x00f0ff00) == 0x00c0fb00,
			 "LAR of its selector: AR 0x00c0fb00");
	ktap_test_result(lsl(LDT_SEL(2), &limit) && limit == 0xffffffff, "LSL: limit 0xffffffff");
	ktap_test_result(!lar(LDT_SEL(100), &ar), "LAR of entry 100, beyond the table, fails");
	ktap_test_result(call32(LDT_SEL(2)) == 42, "32-bit code runs in the LDT code segment");
}

/*
 * ES = sel, then modify_ldt(1, d, 16), then ES read back and __USER_DS
 * put in it again, all in one asm statement: no library code may run
 * with another ES (32-bit string instructions write through ES).
 */
static uint16_t es_around_write(uint16_t sel, struct user_desc *d, long *ret)
{
	long r;
	uint16_t es;

#if defined(__x86_64__)
	register uint64_t rdi __asm__("rdi") = 1;
	register uint64_t rsi __asm__("rsi") = (uintptr_t)d;
	register uint64_t rdx __asm__("rdx") = sizeof(*d);

	__asm__ volatile("mov %w3, %%es\n\tsyscall\n\tmov %%es, %w1\n\tmov %w4, %%es"
			 : "=a"(r), "=&r"(es)
			 : "a"((long)SYS_modify_ldt), "r"(sel), "r"((uint16_t)USER_DS),
			   "r"(rdi), "r"(rsi), "r"(rdx)
			 : "rcx", "r11", "memory");
#else
	/* int $0x80: EBX ECX EDX the arguments; ESI (the selector, then ES
	 * read back) and EDI (__USER_DS) are preserved by the kernel. */
	uint32_t v = sel;

	__asm__ volatile("mov %w1, %%es\n\tint $0x80\n\tmov %%es, %w1\n\tmov %w2, %%es"
			 : "=a"(r), "+S"(v)
			 : "D"((uint32_t)USER_DS), "a"((long)SYS_modify_ldt),
			   "b"(1L), "c"(d), "d"(sizeof(*d))
			 : "memory");
	es = (uint16_t)v;
#endif
	*ret = r;
	return es;
}

static void test_oldmode(void)
{
	struct user_desc d = desc(3, 0x1000, 0xffff, 0, 0, 0);	/* 16-bit data */
	uint64_t table[4] = { 0 };
	uint16_t es;
	long r;

	d.useable = 1;
	ktap_test_result(modify_ldt(1, &d, sizeof(d)) == 0, "old-mode write of a 16-bit data segment");
	modify_ldt(0, table, sizeof(table));
	ktap_test_result(table[3] == 0x0000f3001000ffffULL, "its descriptor has no AVL: 0000f300 1000ffff");
	/* Written again as it is: ES keeps the selector. */
	es = es_around_write(LDT_SEL(3), &d, &r);
	ktap_test_result(r == 0 && es == LDT_SEL(3), "ES holding its selector keeps it across a write");
	d.base_addr = 0;
	d.limit = 0;
	es = es_around_write(LDT_SEL(3), &d, &r);
	ktap_test_result(r == 0, "old-mode write of base 0, limit 0");
	modify_ldt(0, table, sizeof(table));
	ktap_test_result(table[3] == 0, "clears the entry");
	ktap_test_result(es == 0, "ES, which named it, is now the null selector");
}

static void test_fork(void)
{
	int status = -1;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		uint64_t table[4] = { 0 };
		_exit(modify_ldt(0, table, sizeof(table)) == sizeof(table) &&
		      table[2] == 0x00cffb000000ffffULL && call32(LDT_SEL(2)) == 42 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	ktap_test_result(pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
			 "a forked child has the LDT and runs its code segment");
}

/* The program again, by /proc/self/exe: it has no LDT (exit 0) or has. */
static void test_exec(void)
{
	int status = -1;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { "ldt_modify", "exec-child", NULL }, *envp[] = { NULL };

		execve("/proc/self/exe", argv, envp);
		_exit(2);
	}
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		ktap_print_msg("child: status %#x", status);
	ktap_test_result(pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
			 "exec of /proc/self/exe starts without an LDT");
}

int main(int argc, char **argv)
{
	unsigned char buf[200];
	int zeros = 1;

	if (argc > 1 && strcmp(argv[1], "exec-child") == 0)
		return modify_ldt(0, buf, sizeof(buf)) == 0 ? 0 : 1;
	ktap_print_header();
	ktap_set_plan(26);
	ktap_test_result(modify_ldt(0, buf, sizeof(buf)) == 0, "read without an LDT -> 0");
	memset(buf, 0x55, sizeof(buf));
	ktap_test_result(modify_ldt(2, buf, sizeof(buf)) == 128, "read the default LDT, 200 bytes -> 128");
	for (int i = 0; i < 128; i++)
		if (buf[i])
			zeros = 0;
	ktap_test_result(zeros && buf[128] == 0x55, "128 zero bytes, nothing after them");
	test_errors();
	test_code();
	test_oldmode();
	test_fork();
	test_exec();
	ktap_finished();
}
