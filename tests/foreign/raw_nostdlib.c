// SPDX-License-Identifier: MIT
// build: gcc -static -nostdlib -fno-pie -no-pie -fno-stack-protector -O2 -Wall
/*
 * A Linux program without any C library: its own _start, and nothing but
 * syscall instructions (write, getpid, exit). It prints the same lines on
 * Linux and on Trident; the harness compares them and the exit status.
 */

#define __NR_write	1
#define __NR_getpid	39
#define __NR_exit	60

static long raw_syscall1(long nr, long a1)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a1) : "rcx", "r11", "memory");
	return ret;
}

static long raw_syscall3(long nr, long a1, long a2, long a3)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a1), "S"(a2), "d"(a3)
			 : "rcx", "r11", "memory");
	return ret;
}

/* A string literal and its length without strlen (there is no libc). */
#define say(s) raw_syscall3(__NR_write, 1, (long)(s), sizeof(s) - 1)

static void __attribute__((noreturn)) raw_exit(int status)
{
	for (;;)
		raw_syscall1(__NR_exit, status);
}

/* The kernel enters with RSP 16-byte aligned and no return address:
 * realign as a call would have left it. */
void __attribute__((noreturn, force_align_arg_pointer)) _start(void);
void _start(void)
{
	long pid = raw_syscall1(__NR_getpid, 0);

	say("raw_nostdlib: no libc, only syscall instructions\n");
	if (pid > 0)
		say("getpid>0 yes\n");
	else
		say("getpid>0 no\n");
	if (raw_syscall1(__NR_getpid, 0) == pid)
		say("getpid stable yes\n");
	else
		say("getpid stable no\n");
	if (say("") == 0)
		say("write of 0 bytes returns 0 yes\n");
	else
		say("write of 0 bytes returns 0 no\n");
	if (raw_syscall3(__NR_write, -1, (long)"x", 1) == -9)
		say("write to fd -1 is EBADF yes\n");
	else
		say("write to fd -1 is EBADF no\n");
	raw_exit(0);
}
