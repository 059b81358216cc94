// SPDX-License-Identifier: MIT
/*
 * Constants for the assembly, computed by the compiler from the C
 * definitions (Linux's arch/x86/kernel/asm-offsets.c). The build compiles
 * this file to assembly text only and turns each "->NAME value" marker into
 * `%define NAME value` in $(O)/include/generated/asm-offsets.inc, so the
 * NASM entry code and the C structs cannot disagree. Not linked.
 */
#include <trident/types.h>
#include <trident/errno.h>
#include <asm/ptrace.h>
#include <asm/percpu.h>
#include <asm/segment.h>
#include <asm/desc.h>
#include <asm/sigframe.h>
#include <generated/autoconf.h>
#ifdef CONFIG_BENCH_ENTRY_FLOOR
#include <trident/task.h>
#include <trident/vm.h>
#endif

#define DEFINE(sym, val) \
	__asm__ volatile("\n.ascii \"->" #sym " %c0\"" : : "i"((long)(val)))
#define OFFSET(sym, str, mem) DEFINE(sym, __builtin_offsetof(struct str, mem))

void asm_offsets(void);
void asm_offsets(void)
{
	/* struct pt_regs: the frame every entry builds. */
	OFFSET(PT_R15, pt_regs, r15);
	OFFSET(PT_R14, pt_regs, r14);
	OFFSET(PT_R13, pt_regs, r13);
	OFFSET(PT_R12, pt_regs, r12);
	OFFSET(PT_RBP, pt_regs, bp);
	OFFSET(PT_RBX, pt_regs, bx);
	OFFSET(PT_R11, pt_regs, r11);
	OFFSET(PT_R10, pt_regs, r10);
	OFFSET(PT_R9, pt_regs, r9);
	OFFSET(PT_R8, pt_regs, r8);
	OFFSET(PT_RAX, pt_regs, ax);
	OFFSET(PT_RCX, pt_regs, cx);
	OFFSET(PT_RDX, pt_regs, dx);
	OFFSET(PT_RSI, pt_regs, si);
	OFFSET(PT_RDI, pt_regs, di);
	OFFSET(PT_ORIG_RAX, pt_regs, orig_ax);
	OFFSET(PT_RIP, pt_regs, ip);
	OFFSET(PT_CS, pt_regs, cs);
	OFFSET(PT_EFLAGS, pt_regs, flags);
	OFFSET(PT_RSP, pt_regs, sp);
	OFFSET(PT_SS, pt_regs, ss);
	DEFINE(PT_REGS_SIZE, sizeof(struct pt_regs));

	/* struct percpu, at GS:0 in the kernel. */
	OFFSET(PERCPU_RSP_SCRATCH, percpu, rsp_scratch);
	OFFSET(PERCPU_TOP_OF_STACK, percpu, cpu_current_top_of_stack);
	OFFSET(PERCPU_CURRENT, percpu, current_task);
	OFFSET(PERCPU_ENTRY_STACK, percpu, entry_stack_top);
	OFFSET(TSS_RSP0, tss, rsp0);

	/* Selectors (asm/segment.h) and error numbers the stubs return. */
	DEFINE(__KERNEL_CS, __KERNEL_CS);
	DEFINE(__KERNEL_DS, __KERNEL_DS);
	DEFINE(__USER32_CS, __USER32_CS);
	DEFINE(__USER_DS, __USER_DS);
	DEFINE(__USER_CS, __USER_CS);
	DEFINE(ENOSYS, ENOSYS);
	DEFINE(EFAULT, EFAULT);

	/* The ia32 signal frames, for the unwind tables of the 32-bit
	 * vDSO's trampolines (arch/ia32/vdso/vdso32/sigreturn.asm; Linux's
	 * IA32_SIGCONTEXT_* and IA32_RT_SIGFRAME_sigcontext). */
	OFFSET(IA32_SIGCONTEXT_ax, sigcontext_32, ax);
	OFFSET(IA32_SIGCONTEXT_bx, sigcontext_32, bx);
	OFFSET(IA32_SIGCONTEXT_cx, sigcontext_32, cx);
	OFFSET(IA32_SIGCONTEXT_dx, sigcontext_32, dx);
	OFFSET(IA32_SIGCONTEXT_si, sigcontext_32, si);
	OFFSET(IA32_SIGCONTEXT_di, sigcontext_32, di);
	OFFSET(IA32_SIGCONTEXT_bp, sigcontext_32, bp);
	OFFSET(IA32_SIGCONTEXT_sp, sigcontext_32, sp);
	OFFSET(IA32_SIGCONTEXT_ip, sigcontext_32, ip);
	OFFSET(IA32_SIGFRAME_sigcontext, sigframe_ia32, sc);
	DEFINE(IA32_RT_SIGFRAME_sigcontext, __builtin_offsetof(struct rt_sigframe_ia32, uc.uc_mcontext));

	/* The configuration, for %ifdef in NASM. */
#ifdef CONFIG_IA32_EMULATION
	DEFINE(CONFIG_IA32_EMULATION, 1);
#endif
#ifdef CONFIG_X86_X32_ABI
	DEFINE(CONFIG_X86_X32_ABI, 1);
#endif
#ifdef CONFIG_BENCH_ENTRY_FLOOR
	/* make bench's floor kernel: the number its stubs answer themselves
	 * (userland/bench/bench.h has the same), and what the SYSENTER and
	 * compat SYSCALL floors read to find the vDSO's landing pad. */
	DEFINE(CONFIG_BENCH_ENTRY_FLOOR, 1);
	DEFINE(BENCH_FLOOR_NR, 0x42e0);
	OFFSET(TASK_MM, task, mm);
	OFFSET(MM_VDSO, mm, vdso);
#endif
}
