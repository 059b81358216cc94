// SPDX-License-Identifier: MIT
/*
 * kmain: from boot/head.asm (long mode, higher half, boot page tables) to
 * the first user program. The order matters: consoles first so that every
 * later step can report; the CPU tables before anything can fault; memory
 * before anything allocates.
 */
#include <trident/tty.h>
#include <trident/boot.h>
#include <trident/printk.h>
#include <trident/mm.h>
#include <trident/task.h>
#include <trident/file.h>
#include <trident/ramfs.h>
#include <trident/exec.h>
#include <trident/fs.h>
#include <trident/errno.h>
#include <trident/string.h>
#include <trident/time.h>
#include <trident/trace.h>
#include <asm/console.h>
#include <asm/desc.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/msr.h>
#include <asm/ia32.h>
#include <asm/fpu.h>
#include <asm/fsgsbase.h>
#include <asm/vdso.h>
#include <asm/harden.h>
#include <asm/espfix.h>
#include <generated/autoconf.h>

void pic_init(void);
void syscall_init(void);
void task_switch_to(struct task *t);
void machine_power_off(int status) __attribute__((noreturn));
void stackprotector_init(void);
#ifdef CONFIG_UBSAN
void ubsan_init(void);
#endif

#ifdef CONFIG_IA32_EMULATION
#define IS_ENABLED_IA32 1
#else
#define IS_ENABLED_IA32 0
#endif
#ifdef CONFIG_X86_X32_ABI
#define IS_ENABLED_X32 1
#else
#define IS_ENABLED_X32 0
#endif

#ifndef TRIDENT_VERSION
#define TRIDENT_VERSION "0.1"
#endif

static const char *vendor_name(void)
{
	switch (boot_cpu.vendor) {
	case X86_VENDOR_INTEL: return "Intel";
	case X86_VENDOR_AMD: return "AMD";
	default: return "unknown vendor";
	}
}

/* The name of an entry address, for the banner (the symbols are ours). */
static const char *entry_name(u64 addr)
{
	extern char entry_SYSCALL_64[], ignore_sysret[];
#ifdef CONFIG_IA32_EMULATION
	extern char entry_SYSCALL_compat[], entry_SYSENTER_compat[];

	if (addr == (u64)entry_SYSCALL_compat)
		return "entry_SYSCALL_compat";
	if (addr == (u64)entry_SYSENTER_compat)
		return "entry_SYSENTER_compat";
#endif
	if (addr == (u64)entry_SYSCALL_64)
		return "entry_SYSCALL_64";
	if (addr == (u64)ignore_sysret)
		return "ignore_sysret";
	return addr ? "?" : "0";
}

static void banner(void)
{
	u64 lstar = rdmsr(MSR_LSTAR), cstar = rdmsr(MSR_CSTAR);
	u64 sysenter_eip = rdmsr(MSR_IA32_SYSENTER_EIP);

	pr_info("Trident %s: Linux system-call entry for 64-bit, x32 and ia32 programs\n",
		TRIDENT_VERSION);
	pr_info("Command line: %s\n", boot_info.cmdline);
	pr_info("Config: CONFIG_IA32_EMULATION=%s CONFIG_X86_X32_ABI=%s; booted: ia32 %s, x32 %s%s\n",
		IS_ENABLED_IA32 ? "y" : "n", IS_ENABLED_X32 ? "y" : "n",
		ia32_enabled() ? "on" : "off", x32_enabled() ? "on" : "off",
		syscall_trace_all ? ", syscall.trace=1" : "");
	pr_info("CPU: %s (%s), NX %s\n", boot_cpu.vendor_id, vendor_name(),
		nx_enabled ? "on" : "off");
	pr_info("CPU: FSGSBASE %s\n", fsgsbase_enabled ? "on" : "off");
	pr_info("Memory: %lu KiB usable, %lu pages free\n", boot_info.mem_usable / 1024,
		pages_free());
	pr_info("Entry: LSTAR=%lx (%s) CSTAR=%lx (%s)\n", lstar, entry_name(lstar),
		cstar, entry_name(cstar));
	pr_info("Entry: SYSENTER_CS=%lx SYSENTER_EIP=%lx (%s), int $0x80 gate %s\n",
		rdmsr(MSR_IA32_SYSENTER_CS), sysenter_eip, entry_name(sysenter_eip),
		idt_gate_present(0x80) ? "entry_INT80_compat (DPL 3)" : "absent");
	pr_info("Boot: kernel entered at TSC %lu\n", boot_tsc);
}

/*
 * /proc/cmdline (Linux's format: the command line and a newline) and
 * /proc/trident, Trident's own (not Linux): the banner's facts as
 * KEY=VALUE lines for programs (userland/bin/abi.c). Plain ramfs files
 * written once at boot: there is no procfs, and none of this changes.
 */
static void proc_file(const char *path, const char *text)
{
	struct dentry *d;

	if (ramfs_mknod(NULL, path, S_IFREG | 0444, 0, 0, &d) == 0)
		ramfs_write(d->inode, 0, text, strlen(text));
}

static void proc_files_init(void)
{
	static char text[512];
	u64 lstar = rdmsr(MSR_LSTAR), cstar = rdmsr(MSR_CSTAR);
	u64 sysenter_eip = rdmsr(MSR_IA32_SYSENTER_EIP);

	int err = ramfs_mkdir(NULL, "/proc", 0555, NULL);

	if (err && err != -EEXIST)
		return;
	snprintf(text, sizeof(text), "%s\n", boot_info.cmdline);
	proc_file("/proc/cmdline", text);
	snprintf(text, sizeof(text),
		 "version=%s\nCONFIG_IA32_EMULATION=%s\nCONFIG_X86_X32_ABI=%s\n"
		 "ia32_emulation=%d\nsyscall.x32=%s\nsyscall.trace=%d\ncpu_vendor=%s\n"
		 "LSTAR=%s\nCSTAR=%s\nSYSENTER_EIP=%s\nint80_gate=%s\n",
		 TRIDENT_VERSION, IS_ENABLED_IA32 ? "y" : "n", IS_ENABLED_X32 ? "y" : "n",
		 ia32_enabled(), x32_enabled() ? "y" : "n", syscall_trace_all,
		 boot_cpu.vendor_id, entry_name(lstar), entry_name(cstar),
		 entry_name(sysenter_eip),
		 idt_gate_present(0x80) ? "entry_INT80_compat" : "absent");
	proc_file("/proc/trident", text);
}

static void start_init(void)
{
	struct task *t = task_create();

	if (!t || task_init_process(t))
		panic("no memory for init");
	task_switch_to(t);
	/* fds 0, 1 and 2: the console, as Linux's console_on_rootfs(). */
	struct file *con = console_open();
	if (!con)
		panic("no memory for the console");
	con->flags = O_RDWR | O_LARGEFILE;	/* as Linux opens /dev/console for init */
	for (int fd = 0; fd < 3; fd++)
		fd_install(fd ? file_get(con) : con, fd);
	/* Everything init will hold at its end exists now: from here to
	 * init's end, memory must balance. */
	memory_check_print("at init start");

	int err = do_execve(boot_params.init, boot_params.argv_init, boot_params.envp_init);
	if (err) {
		printk("Failed to execute %s (error %d).\n", boot_params.init, -err);
		printk("Kernel panic - not syncing: No working init found.\n");
		machine_power_off(127);
	}
	crash_after_exec(t->regs);
	ret_to_user(t->regs);
}

void kmain(phys_addr_t mbi);
void kmain(phys_addr_t mbi)
{
	serial_init();
	vga_init();
	cpu_detect();
	fpu_init();
	gdt_init();
	percpu_init();
	idt_init();
	pic_init();
	paging_init();
	harden_init();			/* W^X kernel image, SMEP, SMAP, UMIP */
	stackprotector_init();		/* kmain never returns: safe here */
#ifdef CONFIG_UBSAN
	ubsan_init();
#endif
	parse_multiboot2(mbi);
	kstack_init();			/* memory known; before any task or address space */
	espfix_init();			/* before any address space: its PML4 entry is shared */
	/* parse_cmdline cuts its copy into words; the banner shows the original. */
	static char cmdline_words[CMDLINE_MAX];
	strlcpy(cmdline_words, boot_info.cmdline, sizeof(cmdline_words));
	parse_cmdline(cmdline_words);
	fsgsbase_init(boot_params.nofsgsbase);	/* CR4.FSGSBASE, AT_HWCAP2 */
	syscall_init();
	timer_init();
	banner();
	harden_banner();
	crash_early();			/* trident.crash=...: kernel/crash.c */
#ifdef CONFIG_IA32_EMULATION
	/* After parse_cmdline(): it says whether ia32_emulation=0 left the
	 * vDSO unused; its line follows the banner. */
	vdso32_init();
#endif

	if (boot_info.nr_modules == 0)
		panic("no initramfs: GRUB must load it with module2");
	struct boot_module *m = &boot_info.modules[0];
	int err = initramfs_unpack(__va(m->start), m->end - m->start);
	if (err)
		printk("initramfs: unpacking failed (error %d): continuing with what was unpacked\n", -err);
	fs_devices_init();		/* /dev/null, zero, full, console */
	tty_init();			/* keyboard and COM1 input */
	proc_files_init();		/* /proc/cmdline, /proc/trident */

	start_init();
}
