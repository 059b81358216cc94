/* SPDX-License-Identifier: MIT */
/*
 * Random bytes for the kernel: AT_RANDOM (the 16 bytes every new program
 * finds on its stack, glibc's stack protector and pointer guard seed),
 * later getrandom(2).
 *
 * NOT cryptographic. RDRAND when CPUID says the CPU has it (QEMU's TCG
 * models may not); otherwise a xorshift64* generator seeded from the TSC
 * at first use, which anyone who can guess the boot time can predict.
 * Good enough for a teaching kernel; Linux mixes many entropy sources
 * into a ChaCha20 generator (drivers/char/random.c).
 */
#ifndef _TRIDENT_RANDOM_H
#define _TRIDENT_RANDOM_H

#include <trident/types.h>

void get_random_bytes(void *buf, size_t n);
u64 get_random_u64(void);

#endif
