// SPDX-License-Identifier: MIT
/*
 * The reference for the exec tests: a static program that the host's Linux
 * starts (run.sh runs it under "setarch -R", ASLR off, as Trident has no
 * randomisation). It writes what Linux gave it:
 *
 *   $PROBE_OUT       the bytes of its initial stack, from its first RSP to
 *                    the top of the [stack] mapping, untouched (the C
 *                    runtime only writes below the first RSP)
 *   $PROBE_OUT.txt   "name hex" lines: top, sp, and where the loader put
 *                    things: AT_PHDR, AT_ENTRY, start_brk, the lowest
 *                    mapping of the executable
 *
 * Built for x86-64 and i386 (and as static PIEs) from this one source.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	const char *out = getenv("PROBE_OUT");
	unsigned long sp = (unsigned long)argv - sizeof(long);	/* argc's slot */
	unsigned long top = 0, lowest = 0, start_brk = 0;
	char line[512], exe[256], txt[512];
	FILE *f;
	ssize_t n;

	(void)argc;
	if (!out)
		return 2;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n < 0)
		return 2;
	exe[n] = '\0';

	f = fopen("/proc/self/maps", "r");
	if (!f)
		return 2;
	while (fgets(line, sizeof(line), f)) {
		unsigned long lo, hi;

		if (sscanf(line, "%lx-%lx", &lo, &hi) != 2)
			continue;
		if (strstr(line, "[stack]"))
			top = hi;
		if (strstr(line, exe) && (!lowest || lo < lowest))
			lowest = lo;
	}
	fclose(f);

	/* /proc/self/stat field 47 is start_brk; comm (field 2) may hold
	 * spaces, so count from its closing parenthesis. */
	f = fopen("/proc/self/stat", "r");
	if (!f || !fgets(line, sizeof(line), f))
		return 2;
	fclose(f);
	{
		char *p = strrchr(line, ')');
		int field = 2;

		for (; p && *p; p++) {
			if (*p == ' ' && ++field == 47) {
				start_brk = strtoul(p + 1, NULL, 10);
				break;
			}
		}
	}

	f = fopen(out, "wb");
	if (!f || fwrite((void *)sp, 1, top - sp, f) != top - sp || fclose(f))
		return 3;
	snprintf(txt, sizeof(txt), "%s.txt", out);
	f = fopen(txt, "w");
	if (!f)
		return 3;
	fprintf(f, "top %lx\nsp %lx\nphdr %lx\nentry %lx\nstart_brk %lx\nlowest %lx\n",
		top, sp, getauxval(AT_PHDR), getauxval(AT_ENTRY), start_brk, lowest);
	return fclose(f) ? 3 : 0;
}
