/* SPDX-License-Identifier: MIT */
/*
 * From _start (arch/<arch>/crt1.asm) to main() and back out through exit().
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <unistd.h>
#include "syscall.h"

int main(int argc, char **argv, char **envp);
void __libc_start_main(int argc, char **argv, char **envp)
	__attribute__((__noreturn__));

char **environ;

/* The auxiliary vector, (type, value) pairs of longs: 8 bytes each on
 * x86_64, 4 on x32 and i386, so "unsigned long" is right on all three. */
static unsigned long *auxv;

/* The entry of that type, or NULL. */
static unsigned long *find_aux(unsigned long type)
{
	for (unsigned long *a = auxv; a && a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a;
	return NULL;
}

void __libc_start_main(int argc, char **argv, char **envp)
{
	char **p = envp;

	environ = envp;
	/* The kernel puts auxv right after the NULL that ends envp. */
	while (*p)
		p++;
	auxv = (unsigned long *)(p + 1);
#ifdef __i386__
	/* Before the first system call: enter the kernel through the vDSO's
	 * __kernel_vsyscall when there is one, else by int $0x80
	 * (arch/i386/syscall_arch.h). Not getauxval(): errno stays 0. */
	{
		unsigned long *a = find_aux(AT_SYSINFO);

		__sysinfo = a ? a[1] : 0;
	}
#endif

	exit(main(argc, argv, envp));
}

unsigned long getauxval(unsigned long type)
{
	unsigned long *a = find_aux(type);

	if (a)
		return a[1];
	errno = ENOENT;		/* glibc 2.19+: tells "absent" from a 0 value */
	return 0;
}
