// SPDX-License-Identifier: MIT
/*
 * Kernel random numbers: RDRAND or a TSC-seeded xorshift64* (see
 * include/trident/random.h; neither is fit for cryptography here).
 */
#include <trident/random.h>
#include <trident/string.h>
#include <asm/processor.h>

#define RDRAND_RETRIES		10	/* Intel's advice for a transient failure */

static bool seeded;
static u64 xorshift_state;

/* RDRAND sets CF when it delivered a number. */
static bool rdrand64(u64 *v)
{
	for (int i = 0; i < RDRAND_RETRIES; i++) {
		bool ok;

		__asm__ volatile("rdrand %0" : "=r"(*v), "=@ccc"(ok));
		if (ok)
			return true;
	}
	return false;
}

/* splitmix64 of the TSC: any seed but 0 works for xorshift. */
static void seed(void)
{
	u64 x = rdtsc() + 0x9e3779b97f4a7c15ULL;

	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	x ^= x >> 31;
	xorshift_state = x ? x : 1;
	seeded = true;
}

/* xorshift64* (Vigna), stirred with the TSC on every call. */
static u64 xorshift64star(void)
{
	u64 x = xorshift_state ^ rdtsc();

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	if (!x)
		x = 1;
	xorshift_state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

u64 get_random_u64(void)
{
	u64 v;

	/* boot_cpu comes from cpu_detect(), early in kmain. */
	if (boot_cpu.rdrand && rdrand64(&v))
		return v;
	if (!seeded)
		seed();
	return xorshift64star();
}

void get_random_bytes(void *buf, size_t n)
{
	u8 *p = buf;

	while (n) {
		u64 v = get_random_u64();
		size_t k = n < sizeof(v) ? n : sizeof(v);

		memcpy(p, &v, k);
		p += k;
		n -= k;
	}
}
