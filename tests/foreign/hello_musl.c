// SPDX-License-Identifier: MIT
// build: musl-gcc -static -O2 -Wall
/*
 * hello_glibc.c built with musl (Debian's musl-tools): the same lines,
 * but for the name of the C library, through musl's start-up code and
 * stdio (writev instead of write).
 */
#include "hello_glibc.c"
