// SPDX-License-Identifier: MIT
/*
 * arch_prctl: the FS and GS bases of 64-bit programs (their TLS pointer),
 * as arch/x86/kernel/process_64.c.
 */
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/vm.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/fsgsbase.h>

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

void arch_set_fs_base(unsigned long base);
void arch_set_fs_base(unsigned long base)
{
	current->fs_base = base;
	wrmsr(MSR_FS_BASE, base);
}

/* start_thread_common(): DS and ES of the new program; the scheduler
 * saves and reloads them with the task (kernel/sched.c). */
void arch_set_data_segments(u16 sel);
void arch_set_data_segments(u16 sel)
{
	current->ds = current->es = sel;
	loadsegment(ds, sel);
	loadsegment(es, sel);
}

SYSCALL_DEFINE2(arch_prctl, int, option, unsigned long, arg2)
{
	struct task *t = current;

	switch (option) {
	case ARCH_SET_FS:
		/* A base at or above TASK_SIZE_MAX would be a kernel or
		 * non-canonical address (wrmsr would #GP on the latter). */
		if (arg2 >= TASK_SIZE_64)
			return -EPERM;
		arch_set_fs_base(arg2);
		return 0;
	case ARCH_SET_GS:
		if (arg2 >= TASK_SIZE_64)
			return -EPERM;
		/* In the kernel the user's GS base waits in KERNEL_GS_BASE:
		 * the swapgs on the way out makes it live. */
		t->gs_base = arg2;
		wrmsr(MSR_KERNEL_GS_BASE, arg2);
		return 0;
	/* The bases as the CPU holds them now (Linux's
	 * x86_fsbase_read_cpu(), x86_gsbase_read_cpu_inactive()): WRFSBASE
	 * or, without FSGSBASE, a selector load may have changed them. */
	case ARCH_GET_FS:
		fsgsbase_save(t);
		if (!fsgsbase_enabled)
			t->fs_base = rdmsr(MSR_FS_BASE);
		return put_user(t->fs_base, (unsigned long __user *)arg2);
	case ARCH_GET_GS:
		fsgsbase_save(t);
		if (!fsgsbase_enabled)
			t->gs_base = rdmsr(MSR_KERNEL_GS_BASE);
		return put_user(t->gs_base, (unsigned long __user *)arg2);
	}
	return -EINVAL;
}
