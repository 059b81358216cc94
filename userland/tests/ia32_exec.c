// SPDX-License-Identifier: MIT
/*
 * ia32_exec: does execve start a 32-bit (i386) program as Linux does, vDSO
 * included, and do programs of the two ABIs exec each other?
 *
 * As _32 (i386), about itself:
 *  - AT_SYSINFO_EHDR points at the vDSO, an ELFCLASS32 EM_386 shared
 *    object called linux-gate.so.1; AT_SYSINFO lies inside it and is its
 *    exported __kernel_vsyscall; __kernel_sigreturn and
 *    __kernel_rt_sigreturn hold Linux's exact bytes (debuggers match them).
 *  - calling AT_SYSINFO makes a system call (getpid, the same answer as
 *    int $0x80) and preserves every register but EAX.
 *  - it runs in __USER32_CS (0x23) with SS, DS and ES __USER_DS (0x2b).
 *  - its first stack pointer is 16-byte aligned, below IA32_PAGE_OFFSET
 *    (0xffffe000) and above the vDSO.
 *
 * As _64 (and _x32): execve of the _32 sibling (argv[0] with _64 -> _32).
 * With the ia32 emulation the sibling runs, checks its CS and auxiliary
 * vector, and execs this program back (64 -> 32 -> 64), which checks its
 * own and exits: the first parent reads the verdict in the exit status.
 * Without the emulation (not built, or ia32_emulation=0) the execve fails
 * with ENOEXEC. Whether the emulation is on is probed as compat_syscall
 * does: without it, int $0x80 raises SIGSEGV.
 *
 * Addresses differ from kernel to kernel: result lines state relations,
 * the values go into diagnostics.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/wait.h>

#include "ktap.h"
#include "errname.h"

#define USER32_CS		0x23
#define USER_DS			0x2b
#define USER_CS			0x33
#define IA32_PAGE_OFFSET	0xffffe000UL
#define IA32_NR_getpid		20

/* The exit status of the exec'd programs: bit 7 "ran its checks", the
 * failures in bits 0-6. */
#define RAN		0x80
#define BAD_CS32	0x01	/* the i386 program not in __USER32_CS */
#define NO_SYSINFO	0x02	/* ... without AT_SYSINFO */
#define NO_EHDR		0x04	/* ... without AT_SYSINFO_EHDR */
#define EXEC_BACK	0x08	/* ... could not exec the 64-bit program */
#define BAD_CS64	0x10	/* the 64-bit program not in __USER_CS */
#define HAS_SYSINFO	0x20	/* ... with an AT_SYSINFO (ia32 only) */

#define SEL_READER(seg)						\
	static __attribute__((unused)) unsigned int read_##seg(void) \
	{							\
		unsigned int v = 0;				\
		__asm__ volatile("mov %%" #seg ", %0" : "=r"(v));	\
		return v & 0xffff;				\
	}
SEL_READER(cs)
SEL_READER(ss)
SEL_READER(ds)
SEL_READER(es)

extern char **environ;

/* The questions, in order; a build that cannot ask one skips it. */
static const char *const q64[] = {	/* asked by the 64-bit (and x32) build */
	"execve of the i386 sibling",
	"the i386 program runs in __USER32_CS with AT_SYSINFO and AT_SYSINFO_EHDR",
	"it execs a 64-bit program back (64 -> 32 -> 64)",
	"which runs in __USER_CS without AT_SYSINFO",
};
static const char *const q32[] = {	/* asked by the i386 build */
	"AT_SYSINFO_EHDR (the vDSO) is given",
	"it is a page-aligned ELFCLASS32 EM_386 shared object",
	"its soname is linux-gate.so.1",
	"AT_SYSINFO is given, inside the vDSO",
	"AT_SYSINFO is the vDSO's __kernel_vsyscall",
	"__kernel_sigreturn and __kernel_rt_sigreturn are Linux's code",
	"calling AT_SYSINFO makes the system call (getpid as int $0x80)",
	"and preserves EBX ECX EDX ESI EDI EBP ESP",
	"CS is __USER32_CS (0x23)",
	"SS, DS and ES are __USER_DS (0x2b)",
	"the first ESP is 16-byte aligned, below 0xffffe000 and above the vDSO",
};
#define N64	(int)(sizeof(q64) / sizeof(q64[0]))
#define N32	(int)(sizeof(q32) / sizeof(q32[0]))

static void skip_from(const char *const *q, int from, int n, const char *why)
{
	for (int i = from; i < n; i++)
		ktap_test_skip(why, "%s", q[i]);
}

/* ---- the 64-bit (and x32) side ------------------------------------------ */

#if defined(__x86_64__)

/* Is the ia32 emulation on? int $0x80 in a child: SIGSEGV when off. */
static int ia32_on(void)
{
	int status = 0;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		__asm__ volatile("int $0x80" : : "a"(IA32_NR_getpid) : "memory");
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return !(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
}

/* argv[0] with its ABI suffix (_64, _x32) replaced by _32, or NULL. */
static char *sibling_32(const char *self)
{
	static char path[512];
	size_t n = strlen(self);
	const char *suffix = NULL;

	if (n > 3 && !strcmp(self + n - 3, "_64"))
		suffix = "_64";
	else if (n > 4 && !strcmp(self + n - 4, "_x32"))
		suffix = "_x32";
	if (!suffix || n + 1 > sizeof(path))
		return NULL;
	memcpy(path, self, n - strlen(suffix));
	strcpy(path + n - strlen(suffix), "_32");
	return path;
}

/* Started by the i386 sibling: argv = { self, "from32", its verdict }. */
static int back_from_32(char **argv)
{
	int code = RAN | (atoi(argv[2]) & 0x7f);

	if (read_cs() != USER_CS)
		code |= BAD_CS64;
	if (getauxval(AT_SYSINFO))
		code |= HAS_SYSINFO;
	return code;
}

static void exec_tests(char *self)
{
	char *sib = sibling_32(self);
	int on, status = 0, code = -1, err = 0;
	pid_t pid;

	if (!sib) {
		skip_from(q64, 0, N64, "argv[0] does not end in _64 or _x32");
		return;
	}
	if (access(sib, X_OK) != 0) {
		ktap_print_msg("%.200s: %s", sib, errno_name(errno));
		skip_from(q64, 0, N64, "no i386 sibling to run");
		return;
	}
	on = ia32_on();
	ktap_print_msg("the ia32 emulation is %s (int $0x80 from 64-bit code %s)",
		       on > 0 ? "on" : "off", on > 0 ? "returns" : "raises SIGSEGV");

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char *args[] = { sib, "from64", self, NULL };

		execve(sib, args, environ);
		_exit(errno & 0x7f);		/* < RAN: the exec failed */
	}
	if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status)) {
		code = WEXITSTATUS(status);
		if (!(code & RAN))
			err = code;
	}
	ktap_print_msg("the child's status 0x%04x", status);

	/* The description says what happened: the comparison with Linux
	 * (under the same ia32_emulation=) checks it. */
	if (on > 0)
		ktap_test_result(code >= 0 && (code & RAN), "%s -> runs (ia32 emulation on)",
				 q64[0]);
	else
		ktap_test_result(code == err && err == ENOEXEC, "%s -> %s (ia32 emulation off)",
				 q64[0], code < 0 ? "no exit status" : errno_name(err));
	if (on <= 0 || code < 0 || !(code & RAN)) {
		skip_from(q64, 1, N64, on <= 0 ? "no ia32 emulation" : "the i386 program did not run");
		return;
	}
	ktap_test_result(!(code & (BAD_CS32 | NO_SYSINFO | NO_EHDR)), "%s", q64[1]);
	ktap_test_result(!(code & EXEC_BACK), "%s", q64[2]);
	ktap_test_result(!(code & (BAD_CS64 | HAS_SYSINFO)), "%s", q64[3]);
}
#endif /* __x86_64__ */

/* ---- the i386 side ------------------------------------------------------- */

#if defined(__i386__)

/* The ELF32 pieces we read in the vDSO (no <elf.h> in our libc). */
struct ehdr32 {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct phdr32 {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};
struct sym32 {
	uint32_t name, value, size;
	uint8_t info, other;
	uint16_t shndx;
};
#define PT_LOAD		1
#define PT_DYNAMIC	2
#define DT_NULL		0
#define DT_HASH		4
#define DT_STRTAB	5
#define DT_SYMTAB	6
#define DT_SONAME	14

/* What the vDSO's program headers and dynamic section say. */
struct vdso {
	uintptr_t base, end;		/* the PT_LOAD, as mapped */
	const char *soname;
	const struct sym32 *syms;
	uint32_t nsyms;
	const char *strs;
};

/* Reads the vDSO as a dynamic linker does: addresses in it are relative
 * to the load bias, the base (it is linked at 0). */
static int vdso_parse(uintptr_t base, struct vdso *v)
{
	const struct ehdr32 *eh = (const struct ehdr32 *)base;
	const struct phdr32 *ph = (const struct phdr32 *)(base + eh->phoff);
	const uint32_t *dyn = NULL, *hash = NULL;
	uint32_t soname = 0;

	memset(v, 0, sizeof(*v));
	v->base = base;
	for (unsigned int i = 0; i < eh->phnum; i++) {
		if (ph[i].type == PT_LOAD)
			v->end = base + ph[i].vaddr + ph[i].memsz;
		if (ph[i].type == PT_DYNAMIC)
			dyn = (const uint32_t *)(base + ph[i].vaddr);
	}
	for (; dyn && dyn[0] != DT_NULL; dyn += 2) {
		if (dyn[0] == DT_HASH)
			hash = (const uint32_t *)(base + dyn[1]);
		else if (dyn[0] == DT_STRTAB)
			v->strs = (const char *)(base + dyn[1]);
		else if (dyn[0] == DT_SYMTAB)
			v->syms = (const struct sym32 *)(base + dyn[1]);
		else if (dyn[0] == DT_SONAME)
			soname = dyn[1];
	}
	if (!v->end || !v->strs || !v->syms || !hash)
		return -1;
	v->nsyms = hash[1];		/* nchain: one per symbol */
	v->soname = soname ? v->strs + soname : "";
	return 0;
}

/* The address of an exported symbol, or 0. */
static uintptr_t vdso_sym(const struct vdso *v, const char *name)
{
	for (uint32_t i = 1; i < v->nsyms; i++)
		if (v->syms[i].shndx && !strcmp(v->strs + v->syms[i].name, name))
			return v->base + v->syms[i].value;
	return 0;
}

/*
 * Calls __kernel_vsyscall with EAX = getpid and known values in every
 * other register; vsys_out gets EAX EBX ECX EDX ESI EDI EBP ESP after the
 * call, vsys_in the values before (ESP as it was at the call's return).
 */
uint32_t vsys_entry, vsys_in[8], vsys_out[8];
void vsys_probe(void);
__asm__(
	".text\n"
	".globl vsys_probe\n"
	".type vsys_probe, @function\n"
	"vsys_probe:\n"
	"	pushl %ebp\n	pushl %ebx\n	pushl %esi\n	pushl %edi\n"
	"	movl vsys_in+4, %ebx\n"
	"	movl vsys_in+8, %ecx\n"
	"	movl vsys_in+12, %edx\n"
	"	movl vsys_in+16, %esi\n"
	"	movl vsys_in+20, %edi\n"
	"	movl vsys_in+24, %ebp\n"
	"	movl %esp, vsys_in+28\n"
	"	movl vsys_in+0, %eax\n"
	"	call *vsys_entry\n"
	"	movl %eax, vsys_out+0\n"
	"	movl %ebx, vsys_out+4\n"
	"	movl %ecx, vsys_out+8\n"
	"	movl %edx, vsys_out+12\n"
	"	movl %esi, vsys_out+16\n"
	"	movl %edi, vsys_out+20\n"
	"	movl %ebp, vsys_out+24\n"
	"	movl %esp, vsys_out+28\n"
	"	popl %edi\n	popl %esi\n	popl %ebx\n	popl %ebp\n"
	"	ret\n"
	".size vsys_probe, .-vsys_probe\n");

static long int80_getpid(void)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(IA32_NR_getpid) : "memory");
	return ret;
}

/* Started by the 64-bit program: argv = { self, "from64", its path }. */
static int from_64(char **argv)
{
	int code = RAN;
	char verdict[8];

	if (read_cs() != USER32_CS)
		code |= BAD_CS32;
	if (!getauxval(AT_SYSINFO))
		code |= NO_SYSINFO;
	if (!getauxval(AT_SYSINFO_EHDR))
		code |= NO_EHDR;
	snprintf(verdict, sizeof(verdict), "%d", code & 0x7f);
	{
		char *args[] = { argv[2], "from32", verdict, NULL };

		execve(argv[2], args, environ);
	}
	return code | EXEC_BACK;
}

static void vdso_tests(char **argv)
{
	static const uint8_t sigreturn[] = {	/* pop %eax; mov $119,%eax; int $0x80 */
		0x58, 0xb8, 0x77, 0x00, 0x00, 0x00, 0xcd, 0x80,
	};
	static const uint8_t rt_sigreturn[] = {	/* mov $173,%eax; int $0x80 */
		0xb8, 0xad, 0x00, 0x00, 0x00, 0xcd, 0x80,
	};
	uintptr_t ehdr = getauxval(AT_SYSINFO_EHDR), entry = getauxval(AT_SYSINFO);
	uintptr_t sp = (uintptr_t)argv - sizeof(long);	/* argc's slot: the first ESP */
	const uint8_t *e = (const uint8_t *)ehdr;
	struct vdso v;
	int parsed = -1;
	int ok;

	ktap_print_msg("AT_SYSINFO_EHDR %#lx AT_SYSINFO %#lx first ESP %#lx",
		       (unsigned long)ehdr, (unsigned long)entry, (unsigned long)sp);
	ktap_test_result(ehdr != 0, "%s", q32[0]);
	ok = ehdr && !memcmp(e, "\177ELF", 4) && e[4] == 1 /* ELFCLASS32 */ &&
	     ((const struct ehdr32 *)e)->machine == 3 /* EM_386 */ &&
	     ((const struct ehdr32 *)e)->type == 3 /* ET_DYN */ && ehdr % 4096 == 0;
	ktap_test_result(ok, "%s", q32[1]);
	if (ok)
		parsed = vdso_parse(ehdr, &v);
	if (parsed == 0)
		ktap_print_msg("vDSO [%#lx, %#lx), soname %s", (unsigned long)v.base,
			       (unsigned long)v.end, v.soname);
	ktap_test_result(parsed == 0 && !strcmp(v.soname, "linux-gate.so.1"),
			 "%s", q32[2]);
	ktap_test_result(entry && parsed == 0 && entry >= v.base && entry < v.end,
			 "%s", q32[3]);
	ktap_test_result(entry && parsed == 0 && vdso_sym(&v, "__kernel_vsyscall") == entry,
			 "%s", q32[4]);
	{
		uintptr_t s = parsed ? 0 : vdso_sym(&v, "__kernel_sigreturn");
		uintptr_t rt = parsed ? 0 : vdso_sym(&v, "__kernel_rt_sigreturn");

		ktap_test_result(s && rt && !memcmp((void *)s, sigreturn, sizeof(sigreturn)) &&
				 !memcmp((void *)rt, rt_sigreturn, sizeof(rt_sigreturn)),
				 "%s", q32[5]);
	}

	if (entry) {
		static const uint32_t in[7] = {
			IA32_NR_getpid, 0x11111111, 0x22222222, 0x33333333,
			0x44444444, 0x55555555, 0x66666666,
		};
		long pid = int80_getpid();
		int same = 1;

		memcpy(vsys_in, in, sizeof(in));
		vsys_entry = entry;
		vsys_probe();
		for (int i = 1; i < 8; i++)
			if (vsys_out[i] != vsys_in[i]) {
				ktap_print_msg("register %d: %#x before, %#x after", i,
					       vsys_in[i], vsys_out[i]);
				same = 0;
			}
		ktap_test_result((long)vsys_out[0] == pid, "%s", q32[6]);
		ktap_test_result(same, "%s", q32[7]);
	} else {
		skip_from(q32, 6, 8, "no AT_SYSINFO");
	}

	ktap_print_msg("cs %#x ss %#x ds %#x es %#x", read_cs(), read_ss(), read_ds(), read_es());
	ktap_test_result(read_cs() == USER32_CS, "%s", q32[8]);
	ktap_test_result(read_ss() == USER_DS && read_ds() == USER_DS && read_es() == USER_DS,
			 "%s", q32[9]);
	ktap_test_result(sp % 16 == 0 && sp < IA32_PAGE_OFFSET && (!ehdr || sp > ehdr),
			 "%s", q32[10]);
}
#endif /* __i386__ */

int main(int argc, char **argv)
{
#if defined(__x86_64__)
	if (argc == 3 && !strcmp(argv[1], "from32"))
		return back_from_32(argv);
#elif defined(__i386__)
	if (argc == 3 && !strcmp(argv[1], "from64"))
		return from_64(argv);
#endif
	(void)argc;
	ktap_print_header();
	ktap_set_plan(N64 + N32);
#if defined(__x86_64__)
	exec_tests(argv[0]);
	skip_from(q32, 0, N32, "i386 programs only");
#elif defined(__i386__)
	skip_from(q64, 0, N64, "64-bit and x32 programs only");
	vdso_tests(argv);
#endif
	ktap_finished();
}
