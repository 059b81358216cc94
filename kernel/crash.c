// SPDX-License-Identifier: MIT
/*
 * trident.crash=WHAT: break the kernel on purpose, so a test boot can see
 * each protection catch its bug (Linux's lkdtm). Every one must end in an
 * oops or a panic that names the cause; tests/harness/configs.py has one
 * boot per case with the lines it expects.
 *
 *   null            write to address 0                       page fault oops
 *   write-text      write to the kernel's own code           read-only text
 *   exec-data       call a `ret` placed in a data buffer      NX
 *   stack-overflow  unbounded recursion on a task stack       guard page, double fault
 *   stack-overflow-df, -nmi, -db   the same on that IST stack  its guard page, double fault
 *   stack-overflow-boot            on the boot stack (kmain's) its guard page, double fault
 *   stack-protector overrun a local array over the canary     __stack_chk_fail
 *   ubsan           a signed overflow (CONFIG_UBSAN builds)   UBSAN report, panic
 * after init's exec (its address space exists):
 *   read-user       read init's stack without STAC            SMAP
 *   exec-user       call init's entry point                   SMEP
 */
#include <trident/boot.h>
#include <trident/printk.h>
#include <trident/string.h>
#include <trident/task.h>
#include <asm/desc.h>
#include <asm/harden.h>
#include <asm/ptrace.h>
#include <generated/autoconf.h>

static bool crash_is(const char *what)
{
	return boot_params.crash && !strcmp(boot_params.crash, what);
}

#pragma GCC diagnostic ignored "-Winfinite-recursion"
/* noinline and a result that depends on the recursion: no tail call, no
 * loop, a real frame per level. */
static __attribute__((noinline)) unsigned long recurse(volatile unsigned long depth)
{
	volatile char pad[256];

	pad[0] = (char)depth;
	return recurse(depth + 1) + pad[0];
}

/* Run fn on the stack that ends at top (a task stack or an IST stack,
 * each with its guard page below). Never returns here. */
static void on_stack(unsigned long top, unsigned long (*fn)(volatile unsigned long))
{
	__asm__ volatile("mov %0, %%rsp\n\t"
			 "xor %%edi, %%edi\n\t"
			 "call *%1\n\t"
			 "ud2"
			 : : "r"(top), "r"(fn) : "memory");
}

static __attribute__((noinline)) void smash(const char *src, size_t n)
{
	char buf[16];

	memcpy(buf, src, n);		/* n > 16: past the canary */
	__asm__ volatile("" : : "r"(buf) : "memory");
}

static u8 data_code[16] __aligned(16);

void crash_early(void)
{
	if (!boot_params.crash)
		return;
	if (crash_is("null")) {
		printk("trident.crash=null: writing to address 0 in kernel mode\n");
		*(volatile int *)0 = 1;
	} else if (crash_is("write-text")) {
		printk("trident.crash=write-text: writing to kernel text at %p\n", (void *)crash_early);
		*(volatile u8 *)crash_early = 0xcc;
	} else if (crash_is("exec-data")) {
		data_code[0] = 0xc3;		/* ret */
		printk("trident.crash=exec-data: calling a data buffer at %p\n", (void *)data_code);
		((void (*)(void))(void *)data_code)();
	} else if (crash_is("stack-overflow")) {
		void *stack = kstack_alloc();

		printk("trident.crash=stack-overflow: unbounded recursion on a task stack\n");
		if (stack)
			on_stack((unsigned long)stack + KSTACK_SIZE, recurse);
	} else if (crash_is("stack-overflow-df") || crash_is("stack-overflow-nmi") ||
		   crash_is("stack-overflow-db")) {
		int ist = crash_is("stack-overflow-df") ? IST_DOUBLE_FAULT :
			  crash_is("stack-overflow-nmi") ? IST_NMI : IST_DEBUG;

		printk("%s: unbounded recursion on IST stack %d\n", boot_params.crash, ist);
		on_stack(ist_stack_top(ist), recurse);
	} else if (crash_is("stack-overflow-boot")) {
		printk("trident.crash=stack-overflow-boot: unbounded recursion on the boot stack\n");
		recurse(0);
	} else if (crash_is("stack-protector")) {
		static const char junk[64] = "0123456789abcdef0123456789abcdef0123456789abcdef";

		printk("trident.crash=stack-protector: overrunning a 16-byte local array\n");
		smash(junk, sizeof(junk));
	} else if (crash_is("ubsan")) {
		volatile int big = 0x7fffffff;

		printk("trident.crash=ubsan: a signed integer overflow\n");
		big = big + 1;
#ifndef CONFIG_UBSAN
		printk("trident.crash=ubsan: this kernel has no CONFIG_UBSAN\n");
#endif
	} else if (!crash_is("read-user") && !crash_is("exec-user")) {
		printk("trident.crash=%s: unknown\n", boot_params.crash);
		return;
	} else {
		return;
	}
	printk("trident.crash=%s: the kernel survived\n", boot_params.crash);
}

void crash_after_exec(struct pt_regs *regs)
{
	if (crash_is("read-user")) {
		printk("trident.crash=read-user: reading init's stack at %lx without STAC\n", regs->sp);
		printk("trident.crash=read-user: read %lx: SMAP is off\n",
		       *(volatile unsigned long *)regs->sp);
	} else if (crash_is("exec-user")) {
		/* Without SMEP the kernel would really run user code in
		 * ring 0: say so instead. */
		if (!harden.smep) {
			printk("trident.crash=exec-user: SMEP is off\n");
			return;
		}
		printk("trident.crash=exec-user: calling init's entry point %lx\n", regs->ip);
		((void (*)(void))regs->ip)();
	}
}
