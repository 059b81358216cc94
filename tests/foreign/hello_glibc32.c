// SPDX-License-Identifier: MIT
// build: gcc -m32 -static -O2 -Wall
/*
 * hello_glibc.c as an i386 program built with the host's glibc: its start
 * sets up TLS with set_thread_area (a GDT entry and %gs), finds
 * __kernel_vsyscall in AT_SYSINFO and makes its calls through it; all of
 * it must work unchanged on the 64-bit kernel with the ia32 emulation.
 */
#include "hello_glibc.c"
