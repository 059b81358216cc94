// SPDX-License-Identifier: MIT
/*
 * personality(2) (Linux's kernel/exec_domain.c): the calling process's
 * execution domain and flags; 0xffffffff only asks. It is inherited by
 * fork and kept across exec. Of its flags Trident acts on one:
 * ADDR_NO_RANDOMIZE, which turns off the layout randomization of the
 * next exec (kernel/aslr.c; `setarch -R` sets it and execs). The others
 * (PER_LINUX32, READ_IMPLIES_EXEC, ADDR_LIMIT_*...) are kept and
 * returned, and change nothing here (docs/differences.md).
 */
#include <trident/syscalls.h>
#include <trident/task.h>

SYSCALL_DEFINE1(personality, unsigned int, personality)
{
	unsigned int old = current->personality;

	if (personality != 0xffffffff)
		current->personality = personality;
	return old;
}
