// SPDX-License-Identifier: MIT
// build: gcc -mx32 -static -O2 -Wall
// reference: hello_glibc
/*
 * hello_glibc.c as an x32 program built with the host's glibc
 * (libc6-dev-x32): ILP32 code in 64-bit mode, its system calls numbered
 * with __X32_SYSCALL_BIT. The host kernel has no x32, so the 64-bit build
 * of the same source, run on the host, is the reference: the lines are
 * the same.
 */
#include "hello_glibc.c"
