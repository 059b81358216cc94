// SPDX-License-Identifier: MIT
// build: gcc -static -nostdlib -ffreestanding -fno-stack-protector -fno-pie -no-pie -O2 -Wall -Wextra
/*
 * rdinit: the first program of the reference Linux boots (make check-linux,
 * tests/harness/linuxref.py). It makes Linux's root filesystem look like
 * the one Trident gives its init, then becomes our own /sbin/init:
 *
 *   - /proc is mounted (Trident answers /proc/self/exe without a /proc;
 *     on Linux that link needs procfs);
 *   - /dev/console, /dev/null, /dev/zero and /dev/full come from the cpio
 *     that the harness adds to the initramfs (Trident makes the same nodes
 *     at boot, kernel/fs_dev.c).
 *
 * Then execve("/sbin/init", argv, envp) with the arguments the kernel gave
 * (the words after "--" on its command line). Nothing is printed unless
 * something fails. Built by the harness with the host's gcc, 64-bit, no libc.
 */

#define SYS_write	1
#define SYS_execve	59
#define SYS_exit	60
#define SYS_mkdir	83
#define SYS_mount	165
#define EEXIST		17

static long sys6(long n, long a, long b, long c, long d, long e)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	long ret;

	__asm__ volatile ("syscall"
			  : "=a"(ret)
			  : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8)
			  : "rcx", "r11", "memory");
	return ret;
}

static unsigned long len(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	return n;
}

static void say(const char *what, long err)
{
	char num[24];
	int i = sizeof(num);

	num[--i] = '\n';
	do
		num[--i] = '0' + err % 10;
	while ((err /= 10) && i > 0);
	sys6(SYS_write, 2, (long)"rdinit: ", 8, 0, 0);
	sys6(SYS_write, 2, (long)what, len(what), 0, 0);
	sys6(SYS_write, 2, (long)": error ", 8, 0, 0);
	sys6(SYS_write, 2, (long)(num + i), sizeof(num) - i, 0, 0);
}

__attribute__((used)) void rdinit_main(long *sp)
{
	long argc = sp[0], err;
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;

	err = sys6(SYS_mkdir, (long)"/proc", 0555, 0, 0, 0);
	if (err < 0 && err != -EEXIST)
		say("mkdir /proc", -err);
	err = sys6(SYS_mount, (long)"proc", (long)"/proc", (long)"proc", 0, 0);
	if (err < 0)
		say("mount proc on /proc", -err);
	argv[0] = "/sbin/init";
	err = sys6(SYS_execve, (long)"/sbin/init", (long)argv, (long)envp, 0, 0);
	say("execve /sbin/init", -err);
	sys6(SYS_exit, 127, 0, 0, 0, 0);
}

__asm__(".globl _start\n"
	"_start:\n"
	"	xor %ebp, %ebp\n"
	"	mov %rsp, %rdi\n"
	"	and $-16, %rsp\n"
	"	call rdinit_main\n"
	"	hlt\n");
