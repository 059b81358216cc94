// SPDX-License-Identifier: MIT
/*
 * prctl(2): operations on the calling process (Linux's kernel/sys.c).
 *
 *   PR_SET_DUMPABLE (4)   0 or 1; accepted, nothing to do: no core dumps
 *   PR_GET_DUMPABLE (3)   1 (what a fresh Linux process says; a
 *                         PR_SET_DUMPABLE(0) is not remembered)
 *   PR_SET_NAME (15)      the task's comm from a user string, cut to 15 bytes
 *   PR_GET_NAME (16)      comm into a 16-byte user buffer, NUL-terminated
 *
 * and one operation of Trident's own, NOT Linux (Linux answers EINVAL):
 *
 *   PR_TRIDENT_SET_TRACE (0x54524301, "TRC" + 1), arg2 0 or 1: trace this
 *   process's system calls on the console, as syscall.trace=1 does for
 *   every process (kernel/trace.c). fork inherits it and exec keeps it, so
 *   `trace CMD` (userland/bin/trace.c) sets it and execs CMD, as strace
 *   would follow its child. The number is far from Linux's options (1 to
 *   about 80, and the Yama 0x59616d61) so it cannot collide.
 *
 * Every other option: EINVAL, as Linux says for options it does not know.
 */
#include <trident/trace.h>
#include <trident/syscalls.h>
#include <trident/task.h>
#include <trident/uaccess.h>
#include <trident/errno.h>
#include <trident/string.h>

#define PR_GET_DUMPABLE		3
#define PR_SET_DUMPABLE		4
#define PR_SET_NAME		15
#define PR_GET_NAME		16
#define PR_TRIDENT_SET_TRACE	0x54524301

SYSCALL_DEFINE5(prctl, int, option, unsigned long, arg2, unsigned long, arg3,
		unsigned long, arg4, unsigned long, arg5)
{
	struct task *t = current;
	char comm[TASK_COMM_LEN];

	(void)arg3;
	(void)arg4;
	(void)arg5;
	switch (option) {
	case PR_GET_DUMPABLE:
		return 1;
	case PR_SET_DUMPABLE:
		return arg2 <= 1 ? 0 : -EINVAL;
	case PR_SET_NAME:
		/* strncpy_from_user of 15 bytes: a longer name is cut. */
		memset(comm, 0, sizeof(comm));
		for (int i = 0; i < TASK_COMM_LEN - 1; i++) {
			if (copy_from_user(&comm[i], (const char __user *)(arg2 + i), 1))
				return -EFAULT;
			if (!comm[i])
				break;
		}
		memcpy(t->comm, comm, sizeof(comm));
		return 0;
	case PR_GET_NAME:
		memcpy(comm, t->comm, sizeof(comm));
		comm[TASK_COMM_LEN - 1] = 0;
		return copy_to_user((void __user *)arg2, comm, sizeof(comm)) ? -EFAULT : 0;
	case PR_TRIDENT_SET_TRACE:
		if (arg2 > 1)
			return -EINVAL;
		t->trace_syscalls = arg2;
		trace_task_update(t);
		return 0;
	}
	return -EINVAL;
}
