/* SPDX-License-Identifier: MIT */
/*
 * Which system-call numbers this ABI uses. The build generates
 * <asm/unistd_64.h> from arch/x86_64/syscalls/syscall_64.tbl in exactly the
 * format of Linux's (one "#define __NR_read 0" line per row), so the kernel's
 * table and the numbers our programs use have one source of truth.
 * x32 includes <asm/unistd_x32.h> (numbers with __X32_SYSCALL_BIT set),
 * i386 <asm/unistd_32.h>.
 */
#ifndef _BITS_SYSCALL_NR_H
#define _BITS_SYSCALL_NR_H

#include <asm/unistd_64.h>

#endif
