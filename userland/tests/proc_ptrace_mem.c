// SPDX-License-Identifier: MIT
/*
 * A tracer reads and writes its tracee's memory: PTRACE_PEEKDATA and
 * PEEKTEXT store one word (the tracer's long: 8 bytes for a 64-bit
 * tracer, 4 for ia32 and x32) at `data`; POKEDATA and POKETEXT write one.
 * A write into read-only text works (a debugger's breakpoint) and stays
 * the tracee's own: the tracer's copy of the page is untouched. A page
 * the tracee never touched reads as zeros. Addresses with no mapping, in
 * the kernel's half, or a word that runs off the end of a mapping: EIO.
 * A MAP_SHARED page is one page for both (mapped before the fork): a
 * POKEDATA into it is seen by the tracer too; into a read-only one it is
 * EIO (Linux forces a write only into a private copy).
 * Raw system calls.
 */
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "ktap.h"
#include "errname.h"
#include "ptrace_test.h"


/* mov $1, %eax; ret (b8 01 00 00 00 c3): the tracer makes it return 2. */
__asm__(".text\n"
	".globl patch_fn\n"
	"patch_fn:\n"
	"	mov $1, %eax\n"
	"	ret\n");
int patch_fn(void);

static volatile unsigned long data_word = 0x1122334455667788ULL & (unsigned long)-1;
static volatile unsigned long poked_word;

int main(void)
{
	unsigned long v, addr;
	long r, r2;
	int st;
	char *map = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ktap_print_header();
	volatile unsigned long *shm = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
					   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	volatile unsigned long *shm_ro = mmap(NULL, 4096, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	ktap_set_plan(12);
	if (map == MAP_FAILED || shm == MAP_FAILED || shm_ro == MAP_FAILED) {
		ktap_print_msg("mmap failed");
		return 1;
	}
	/* The first page touched, the second never; the third unmapped. */
	map[0] = 7;
	munmap(map + 2 * 4096, 4096);
	munmap(map + 4096, 4096);
	mmap(map + 4096, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	pid_t pid = fork();
	if (pid == 0) {
		if (syscall(SYS_ptrace, T_TRACEME, 0, 0, 0) != 0)
			_exit(100);
		syscall(SYS_kill, getpid(), SIGSTOP);
		/* exit code: what patch_fn returns, + 10 if poked_word changed */
		_exit(patch_fn() + (poked_word == (unsigned long)0x0102030405060708ULL ? 10 : 0));
	}
	st = wait_status(pid);
	ktap_test_result(st == 0x137f, "the traced child stopped itself (status %#x)", st);

	v = 0;
	r = pt(T_PEEKDATA, pid, (unsigned long)&data_word, (unsigned long)&v);
	ktap_test_result(r == 0 && v == data_word, "PEEKDATA of a data word: %s, the child's value",
			 errno_name(-r));
	v = 1;
	r = pt(T_PEEKTEXT, pid, (unsigned long)map + 4096, (unsigned long)&v);
	ktap_test_result(r == 0 && v == 0, "PEEKTEXT of a page the child never touched: %s, zeros",
			 errno_name(-r));
	r = pt(T_POKEDATA, pid, (unsigned long)&poked_word, (unsigned long)0x0102030405060708ULL);
	ktap_test_result(r == 0 && poked_word == 0, "POKEDATA: %s; our own copy unchanged", errno_name(-r));
	r = pt(T_POKEDATA, pid, (unsigned long)shm, 0x55);
	ktap_test_result(r == 0 && shm[0] == 0x55, "POKEDATA into a MAP_SHARED page: %s; we see it too",
			 errno_name(-r));
	r = pt(T_POKEDATA, pid, (unsigned long)shm_ro, 0x66);
	ktap_test_result(r == -EIO && shm_ro[0] == 0, "POKEDATA into a read-only MAP_SHARED page: %s",
			 errno_name(-r));

	/* The text: patch `mov $1` into `mov $2` in the child. */
	addr = (unsigned long)patch_fn;
	v = 0;
	r = pt(T_PEEKTEXT, pid, addr, (unsigned long)&v);
	ktap_test_result(r == 0 && (v & 0xffff) == 0x01b8, "PEEKTEXT of code: %s, its bytes (%#lx)",
			 errno_name(-r), v & 0xffff);
	v = (v & ~0xff00UL) | 0x0200;
	r = pt(T_POKETEXT, pid, addr, v);
	ktap_test_result(r == 0 && patch_fn() == 1, "POKETEXT into read-only text: %s; ours still returns 1",
			 errno_name(-r));

	r = pt(T_PEEKDATA, pid, 0, (unsigned long)&v);
	r2 = pt(T_POKEDATA, pid, 0, 0);
	ktap_test_result(r == -EIO && r2 == -EIO, "PEEKDATA, POKEDATA at address 0: %s, %s",
			 errno_name(-r), errno_name(-r2));
	r = pt(T_PEEKDATA, pid, (unsigned long)map + 2 * 4096 - 2, (unsigned long)&v);
	ktap_test_result(r == -EIO, "a word running off the end of a mapping: %s", errno_name(-r));
#if defined(__x86_64__) && !defined(__ILP32__)
	r = pt(T_PEEKDATA, pid, 0xffffffff81000000UL, (unsigned long)&v);
	ktap_test_result(r == -EIO, "PEEKDATA of a kernel address: %s", errno_name(-r));
#else
	r = pt(T_PEEKDATA, pid, 0xfffff000UL, (unsigned long)&v);
	ktap_test_result(r == -EIO, "PEEKDATA at 0xfffff000 (nothing mapped): %s", errno_name(-r));
#endif
	pt(T_CONT, pid, 0, 0);
	st = wait_status(pid);
	ktap_test_result(st == 12 << 8, "the child runs the patched code (2) and saw the poked word (+10): status %#x",
			 st);
	ktap_finished();
}
