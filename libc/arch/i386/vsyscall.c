/* SPDX-License-Identifier: MIT */
/*
 * Where i386 system calls enter the kernel (arch/i386/syscall_arch.h):
 * AT_SYSINFO, the address of the vDSO's __kernel_vsyscall, or 0 for
 * int $0x80. __libc_start_main() sets it before the first system call
 * (src/start.c); when the kernel gives no AT_SYSINFO it stays 0.
 */
#include "../../src/syscall.h"

unsigned long __sysinfo;
