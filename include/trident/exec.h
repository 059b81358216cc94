/* SPDX-License-Identifier: MIT */
/*
 * execve: replacing the current task's program with an ELF file from
 * ramfs, as Linux's fs/exec.c and fs/binfmt_elf.c do it.
 */
#ifndef _TRIDENT_EXEC_H
#define _TRIDENT_EXEC_H

#include <trident/types.h>
#include <trident/task.h>

/* Linux's limits on arguments (include/uapi/linux/binfmts.h, fs/exec.c). */
#define MAX_ARG_STRLEN		131072		/* one string, its NUL included */
#define MAX_ARG_STRINGS		0x7fffffff
#define ARG_MAX			131072		/* the least room for strings */
#define EXEC_STACK_RLIMIT	(8UL << 20)	/* RLIMIT_STACK's default, _STK_LIM */
/* setup_arg_pages() maps this much stack below the strings. */
#define EXEC_STACK_EXPAND	(128UL << 10)

/*
 * What differs between the three ABIs at exec time. ABI_64 and ABI_IA32
 * run (ia32 when ia32_enabled(), with its vDSO: asm/vdso.h); x32 comes
 * with its issue and opens exec_abi_mask() then.
 */
struct exec_abi {
	const char *name;
	unsigned long task_size;	/* TASK_SIZE: user addresses are below */
	unsigned long stack_top;	/* STACK_TOP: the top of the first stack */
	unsigned long et_dyn_base;	/* ELF_ET_DYN_BASE: a static PIE's brk */
	unsigned int word;		/* bytes in a pointer, argc and auxv words */
	const char *platform;		/* AT_PLATFORM */
	u16 user_cs;			/* code segment the program runs in */
	u16 user_ds;			/* its DS and ES (start_thread_common()) */
	/* No PT_GNU_STACK means an executable stack and readable memory
	 * executable (READ_IMPLIES_EXEC): 32-bit address spaces only. */
	bool read_implies_exec;
};
extern const struct exec_abi exec_abis[];

/*
 * Runs the program at path (kernel strings; argv and envp NULL-terminated,
 * either may be NULL). Used by kmain for init and by sys_execve once it
 * has copied the user's strings. Returns only on failure, with Linux's
 * errno and the old program intact; on success the current task's
 * registers (current->regs) start the new program when it returns to
 * user mode.
 */
int do_execve(const char *path, const char *const argv[], const char *const envp[]);

/* arch/x86_64/process.c: the user FS base, in the task and in the MSR. */
void arch_set_fs_base(unsigned long base);
/* arch/x86_64/process.c: the user DS and ES, in the task and loaded. */
void arch_set_data_segments(u16 sel);

#endif
