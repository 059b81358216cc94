/* SPDX-License-Identifier: MIT */
/* What the boot loader told us (boot/mbi.c) and the command line (kernel/cmdline.c). */
#ifndef _TRIDENT_BOOT_H
#define _TRIDENT_BOOT_H

#include <trident/types.h>

#define MAX_MODULES 8
#define CMDLINE_MAX 1024
#define MAX_INIT_ARGS 32

struct boot_module {
	phys_addr_t start, end;
	char cmdline[64];
};

struct boot_info {
	char cmdline[CMDLINE_MAX];
	char loader[64];
	struct boot_module modules[MAX_MODULES];
	int nr_modules;
	unsigned long mem_usable;	/* bytes of RAM the memory map offers */
};
extern struct boot_info boot_info;

/* Reads the multiboot2 tags at physical address mbi: command line,
 * modules, and the memory map (fed to the page allocator). */
void parse_multiboot2(phys_addr_t mbi);

/* The kernel command line, parsed as Linux does (init/main.c). */
struct boot_params {
	const char *init;			/* init=PATH, default /sbin/init */
	const char *argv_init[MAX_INIT_ARGS + 2];	/* argv[0] = init */
	const char *envp_init[MAX_INIT_ARGS + 3];	/* HOME=/ TERM=linux and a=b words */
	int ia32_emulation;			/* ia32_emulation=0|1; -1 = not given */
	int x32;				/* syscall.x32=y|n; -1 = not given */
	/* trident.crash=null: fault in the kernel on purpose after the
	 * banner, so a test can see the oops path (Linux's lkdtm). */
	bool crash_test;
	/* trident.crash=WHAT: kernel/crash.c (null sets crash_test too). */
	const char *crash;
	bool nofsgsbase;			/* nofsgsbase: CR4.FSGSBASE stays off */
};
/* kernel/crash.c: the early cases (after the banner) and the ones that
 * need init's address space (after its exec). */
void crash_early(void);
struct pt_regs;
void crash_after_exec(struct pt_regs *regs);
extern struct boot_params boot_params;
/* The TSC at the kernel's first instructions (boot/head.asm); with QEMU
 * -icount it counts the instructions since reset (make bench). */
extern u64 boot_tsc;
void parse_cmdline(char *cmdline);

#endif
