/* SPDX-License-Identifier: MIT */
/*
 * abi: how this system enters the kernel, as a program of each ABI sees
 * it. Built three times like every tool (abi, abi_x32, abi_32), so each
 * reports on its own ABI first:
 *
 *   - which ABI this binary is, and the instruction its calls use: SYSCALL
 *     for 64-bit and x32 (x32 sets bit 30 of the number); for ia32 the
 *     libc calls the vDSO's __kernel_vsyscall (AT_SYSINFO), whose bytes
 *     abi_32 reads to see what the kernel patched in: SYSENTER (Intel),
 *     SYSCALL (AMD) or int $0x80;
 *   - the CPU vendor (CPUID leaf 0, which user mode may execute);
 *   - the kernel's build and boot configuration and its entry points,
 *     from /proc/trident (Trident's own file, KEY=VALUE lines written at
 *     boot: not Linux) and /proc/cmdline (as on Linux).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/utsname.h>
#include <unistd.h>

#if defined(__x86_64__) && !defined(__ILP32__)
#define ABI "64-bit (x86_64, ELF64)"
#elif defined(__x86_64__)
#define ABI "x32 (ELF32 x86-64, ILP32 on the 64-bit instruction set)"
#else
#define ABI "ia32 (i386, ELF32)"
#endif

static char proc[1024];

/* The value of KEY= in /proc/trident, or "?" (four buffers in turn: a
 * printf may take several). */
static const char *fact(const char *key)
{
	static char values[4][64];
	static int turn;
	char *value = values[turn++ % 4];
	size_t len = strlen(key);

	for (const char *l = proc; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : "") {
		if (!strncmp(l, key, len) && l[len] == '=') {
			size_t n = strcspn(l + len + 1, "\n");
			if (n >= sizeof(values[0]))
				n = sizeof(values[0]) - 1;
			memcpy(value, l + len + 1, n);
			value[n] = 0;
			return value;
		}
	}
	return "?";
}

static void read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, size - 1);

	buf[n > 0 ? n : 0] = 0;
	if (fd >= 0)
		close(fd);
}

static void cpu_vendor(char out[13])
{
	unsigned int a = 0, b, c, d;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	memcpy(out, &b, 4);
	memcpy(out + 4, &d, 4);
	memcpy(out + 8, &c, 4);
	out[12] = 0;
}

/* What the ia32 vDSO's __kernel_vsyscall executes, by its bytes. */
static const char *vsyscall_instruction(void)
{
#ifdef __i386__
	const unsigned char *p = (const unsigned char *)getauxval(AT_SYSINFO);

	if (!p)
		return "int $0x80 (no AT_SYSINFO)";
	for (int i = 0; i < 16; i++) {
		if (p[i] == 0x0f && p[i + 1] == 0x34)
			return "SYSENTER (read from __kernel_vsyscall)";
		if (p[i] == 0x0f && p[i + 1] == 0x05)
			return "SYSCALL (read from __kernel_vsyscall)";
		if (p[i] == 0xcd && p[i + 1] == 0x80)
			return "int $0x80 (read from __kernel_vsyscall)";
	}
	return "? (read from __kernel_vsyscall)";
#else
	return NULL;
#endif
}

int main(void)
{
	char vendor[13], cmdline[512];
	struct utsname u;
	const char *fast = vsyscall_instruction();
	int intel, amd;

	cpu_vendor(vendor);
	intel = !strcmp(vendor, "GenuineIntel");
	amd = !strcmp(vendor, "AuthenticAMD") || !strcmp(vendor, "HygonGenuine");
	read_file("/proc/trident", proc, sizeof(proc));
	read_file("/proc/cmdline", cmdline, sizeof(cmdline));
	cmdline[strcspn(cmdline, "\n")] = 0;
	uname(&u);

	printf("this program:  %s\n", ABI);
	printf("kernel:        %s %s %s %s\n", u.sysname, u.release, u.version, u.machine);
	printf("CPU vendor:    %s\n", vendor);
	printf("built:         CONFIG_IA32_EMULATION=%s CONFIG_X86_X32_ABI=%s\n",
	       fact("CONFIG_IA32_EMULATION"), fact("CONFIG_X86_X32_ABI"));
	printf("booted:        ia32_emulation=%s syscall.x32=%s syscall.trace=%s\n",
	       fact("ia32_emulation"), fact("syscall.x32"), fact("syscall.trace"));
	printf("command line:  %s\n", cmdline);
	printf("entries:       LSTAR=%s CSTAR=%s\n", fact("LSTAR"), fact("CSTAR"));
	printf("               SYSENTER_EIP=%s int $0x80=%s\n", fact("SYSENTER_EIP"),
	       fact("int80_gate"));
	printf("how each ABI calls the kernel:\n");
	printf("  64-bit  SYSCALL, RAX = nr                 -> entry_SYSCALL_64\n");
	printf("  x32     SYSCALL, RAX = 0x40000000 | nr    -> entry_SYSCALL_64 (%s)\n",
	       !strcmp(fact("syscall.x32"), "y") ? "enabled" : "disabled: -ENOSYS");
	if (!strcmp(fact("ia32_emulation"), "0")) {
		printf("  ia32    disabled: int $0x80 and SYSENTER fault (SIGSEGV), _32 programs ENOEXEC\n");
	} else {
		printf("  ia32    int $0x80                         -> entry_INT80_compat\n");
		printf("          __kernel_vsyscall: %s\n", fast ? fast :
		       intel ? "SYSENTER on this Intel CPU (run abi_32 to read the vDSO)" :
		       amd ? "SYSCALL on this AMD CPU (run abi_32 to read the vDSO)" :
		       "int $0x80 on this CPU (run abi_32 to read the vDSO)");
	}
	return 0;
}
