// SPDX-License-Identifier: MIT
/*
 * execve(2): replace the current task's program, as Linux does it
 * (fs/exec.c do_execveat_common(), fs/binfmt_elf.c load_elf_binary()).
 *
 *  1. open: look the path up in ramfs, following symlinks; it must be a
 *     regular file with an execute bit (else EACCES). Since Linux 6.8 this
 *     comes first, before the arguments are looked at.
 *  2. arguments: count argv and envp, check the room they may take, copy
 *     the file name, the environment and the arguments, each list from its
 *     last string to its first, as copy_strings() does: the strings end up
 *     in stack order, argv[0] lowest.
 *  3. the ELF checks (elf.c), the interpreter, placement.
 *  4. the new address space: every segment, the stack with argc, argv,
 *     envp and the auxiliary vector (elf_stack_build()).
 *  5. point of no return: the new mm replaces the old one, the registers
 *     are reset. Linux passes this point before it maps the segments and
 *     kills the process when something fails after it; we allocate and
 *     fill everything first, so nothing can fail after it and a failed
 *     exec always returns its error to the old program.
 */
#include <trident/trace.h>
#include <trident/exec.h>
#include <asm/fpu.h>
#include <trident/signal.h>
#include <trident/ptrace.h>
#include <asm/sigframe.h>
#include <trident/compiler.h>
#include <trident/elf.h>
#include <trident/errno.h>
#include <trident/fs.h>
#include <trident/mm.h>
#include <trident/printk.h>
#include <trident/ramfs.h>
#include <trident/random.h>
#include <trident/aslr.h>
#include <trident/string.h>
#include <trident/syscalls.h>
#include <trident/uaccess.h>
#include <trident/vm.h>
#include <asm/ia32.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/fsgsbase.h>
#include <asm/segment.h>
#include <asm/vdso.h>

#define ELF_ET_DYN_BASE_64	(TASK_SIZE_64 / 3 * 2)	/* 0x555555554aaa */
/* compat_binfmt_elf uses COMPAT_ELF_ET_DYN_BASE: TASK_UNMAPPED_BASE
 * (a third of the 32-bit task size, page-aligned) + 16 MiB. */
#define ELF_ET_DYN_BASE_32	(ALIGN_UP(TASK_SIZE_32 / 3, PAGE_SIZE) + (16UL << 20))
#define STACK_GUARD_GAP		(256UL << PAGE_SHIFT)	/* stack_guard_gap */
#define MMAP_GAP_MIN		(128UL << 20)		/* SIZE_128M in mmap.c */
#define USER_HZ			100			/* AT_CLKTCK */
#define CPUID_1_ECX_OSXSAVE	(1u << 27)
#define MAX_AUXV		24
#define STK_LIM			(8UL << 20)		/* _STK_LIM */

/*
 * start_thread() gives a 64-bit program DS = ES = 0, compat_start_thread()
 * gives ia32 and x32 programs __USER_DS (in 32-bit code a null DS would
 * fault on every memory access). The ia32 task's TASK_SIZE, STACK_TOP and
 * mmap_base (0xf7ffe000) are those of a 64-bit kernel's compat task,
 * IA32_PAGE_OFFSET = 0xffffe000: measured on the host, `setarch -R`.
 */
const struct exec_abi exec_abis[] = {
	[ABI_64] = {
		.name = "x86-64", .task_size = TASK_SIZE_64,
		.stack_top = TASK_SIZE_64, .et_dyn_base = ELF_ET_DYN_BASE_64,
		.word = 8, .platform = "x86_64", .user_cs = __USER_CS,
		.user_ds = 0,
	},
	/* compat_binfmt_elf gives both 32-bit ABIs COMPAT_ELF_PLATFORM. */
	[ABI_X32] = {
		.name = "x32", .task_size = TASK_SIZE_32,
		.stack_top = TASK_SIZE_32, .et_dyn_base = ELF_ET_DYN_BASE_32,
		.word = 4, .platform = "i686", .user_cs = __USER_CS,
		.user_ds = __USER_DS, .read_implies_exec = true,
	},
	[ABI_IA32] = {
		.name = "i386", .task_size = TASK_SIZE_32,
		.stack_top = TASK_SIZE_32, .et_dyn_base = ELF_ET_DYN_BASE_32,
		.word = 4, .platform = "i686", .user_cs = __USER32_CS,
		.user_ds = __USER_DS, .read_implies_exec = true,
	},
};

/* The ABIs exec runs (each loader's elf_check_arch()). ia32: with the
 * emulation built in and not turned off with ia32_emulation=0, else an
 * EM_386 program is -ENOEXEC, as on Linux 6.7+ (and without
 * CONFIG_IA32_EMULATION on any version). x32: with CONFIG_X86_X32_ABI
 * and not turned off with syscall.x32=n (Debian's kernels refuse x32
 * programs then too). */
static unsigned int exec_abi_mask(void)
{
	unsigned int mask = ELF_ABI_BIT(ABI_64);

	if (ia32_enabled())
		mask |= ELF_ABI_BIT(ABI_IA32);
	if (x32_enabled())
		mask |= ELF_ABI_BIT(ABI_X32);
	return mask;
}

/* ------------------------------------------------------------ opening */

/* do_open_execat(): a regular file we may execute, a relative path from
 * the working directory (AT_FDCWD). Root may run a file when any of its
 * execute bits is set (generic_permission()). */
static int exec_open(const char *path, struct dentry **result)
{
	int err;
	mode_t mode;

	/* Until there is a /proc, its link to our own program (as
	 * fs_lookup() follows it): ldt_gdt re-executes itself so. */
	if (strcmp(path, "/proc/self/exe") == 0 && current->exe[0] == '/')
		path = current->exe;
	err = ramfs_lookup_at(fs_cwd(), path, LOOKUP_FOLLOW, result);
	if (err)
		return err;
	mode = (*result)->inode->mode;
	if (!S_ISREG(mode) || !(mode & S_IXUGO))
		return -EACCES;
	return 0;
}

/* ---------------------------------------------------------- arguments */

/*
 * The strings for the new stack, filled from the end like the stack
 * itself: they occupy buf[cap - len, cap) in their final order.
 */
struct exec_args {
	char *buf;
	size_t cap, len;
	size_t limit;			/* bytes the strings may take */
	unsigned int argc, envc;
	char *scratch;			/* MAX_ARG_STRLEN bytes for user strings */
};

static void args_free(struct exec_args *a)
{
	kfree(a->buf);
	kfree(a->scratch);
}

/*
 * bprm_stack_limits(): a quarter of the stack rlimit (at most 3/4 of
 * _STK_LIM, at least ARG_MAX), less the argv and envp pointers, which
 * will need room too: 2 MiB - 8 * (argc + envc) with the default 8 MiB.
 */
static int args_limits(struct exec_args *a)
{
	size_t limit = MIN(STK_LIM / 4 * 3, EXEC_STACK_RLIMIT / 4);
	size_t ptrs = ((size_t)MAX(a->argc, 1u) + a->envc) * sizeof(void *);

	limit = MAX(limit, (size_t)ARG_MAX);
	if (limit <= ptrs)
		return -E2BIG;
	a->limit = limit - ptrs;
	return 0;
}

/* copy_string_kernel(): n bytes (the NUL included) below the others. */
static int args_push(struct exec_args *a, const char *s, size_t n)
{
	if (n > MAX_ARG_STRLEN || n > a->limit - a->len)
		return -E2BIG;
	if (a->cap - a->len < n) {
		size_t cap = MAX(MAX(a->cap * 2, a->len + n), (size_t)PAGE_SIZE);
		char *buf = kmalloc(cap);

		if (!buf)
			return -ENOMEM;
		if (a->len)
			memcpy(buf + cap - a->len, a->buf + a->cap - a->len, a->len);
		kfree(a->buf);
		a->buf = buf;
		a->cap = cap;
	}
	a->len += n;
	memcpy(a->buf + a->cap - a->len, s, n);
	return 0;
}

/* An argv or envp vector: kernel pointers, or a user array of 8-byte
 * (64-bit) or 4-byte (compat) pointers. */
struct arg_vec {
	const char *const *kernel;
	const void __user *user;
	unsigned int ptr_size;
};

static int vec_get(const struct arg_vec *v, unsigned long i, const char **p)
{
	if (!v->user) {
		*p = v->kernel ? v->kernel[i] : NULL;
		return 0;
	}
	if (v->ptr_size == 8) {
		unsigned long u;

		if (copy_from_user(&u, (const u8 __user *)v->user + 8 * i, 8))
			return -EFAULT;
		*p = (const char *)u;
	} else {
		u32 u;

		if (copy_from_user(&u, (const u8 __user *)v->user + 4 * i, 4))
			return -EFAULT;
		*p = (const char *)(unsigned long)u;
	}
	return 0;
}

/* count(): entries before the NULL; a NULL vector has none. */
static int vec_count(const struct arg_vec *v, unsigned int *n)
{
	const char *p;
	unsigned long i;
	int err;

	if (!v->user && !v->kernel)
		return *n = 0;
	for (i = 0;; i++) {
		err = vec_get(v, i, &p);
		if (err)
			return err;
		if (!p)
			break;
		if (i >= MAX_ARG_STRINGS)
			return -E2BIG;
	}
	*n = i;
	return 0;
}

/* copy_strings(): the n strings of v, the last one first. */
static int vec_copy(struct exec_args *a, const struct arg_vec *v, unsigned int n)
{
	while (n-- > 0) {
		const char *s;
		long len;
		int err = vec_get(v, n, &s);

		if (err)
			return err;
		if (v->user) {
			if (!a->scratch && !(a->scratch = kmalloc(MAX_ARG_STRLEN)))
				return -ENOMEM;
			len = strncpy_from_user(a->scratch, (const char __user *)s,
						MAX_ARG_STRLEN);
			if (len < 0)
				return -EFAULT;
			if (len == MAX_ARG_STRLEN)
				return -E2BIG;
			s = a->scratch;
		} else {
			len = strnlen(s, MAX_ARG_STRLEN);
		}
		err = args_push(a, s, len + 1);
		if (err)
			return err;
	}
	return 0;
}

/* The part of do_execveat_common() between opening and loading. */
static int args_collect(struct exec_args *a, const char *filename,
			const struct arg_vec *argv, const struct arg_vec *envp)
{
	static bool warned;
	int err;

	err = vec_count(argv, &a->argc);
	if (err)
		return err;
	if (a->argc == 0 && !warned) {
		warned = true;
		printk("process '%s' launched '%s' with NULL argv: empty string added\n",
		       current->comm, filename);
	}
	err = vec_count(envp, &a->envc);
	if (!err)
		err = args_limits(a);
	if (!err)
		err = args_push(a, filename, strlen(filename) + 1);	/* AT_EXECFN */
	if (!err)
		err = vec_copy(a, envp, a->envc);
	if (!err)
		err = vec_copy(a, argv, a->argc);
	/* Since 5.18 an empty argv gets argv[0] = "", so that programs
	 * that start at argv[1] do not walk into envp. */
	if (!err && a->argc == 0) {
		err = args_push(a, "", 1);
		a->argc = 1;
	}
	return err;
}

/* ------------------------------------------------------------ loading */

/* mmap_base() in arch/x86/mm/mmap.c: the stack rlimit, the stack's
 * random range and the guard gap below the top, at least 128 MiB, less
 * arch_mmap_rnd(). With ASLR off 0x7ffff7fff000 for 64-bit. */
static unsigned long exec_mmap_base(const struct exec_abi *abi, bool rnd)
{
	bool compat = abi->task_size != TASK_SIZE_64;
	unsigned long gap = EXEC_STACK_RLIMIT + STACK_GUARD_GAP;

	if (rnd)
		gap += stack_maxrandom_size(compat);
	gap = MAX(gap, MMAP_GAP_MIN);
	gap = MIN(gap, abi->task_size / 6 * 5);
	return ALIGN_UP(abi->task_size - gap - (rnd ? arch_mmap_rnd(compat) : 0), PAGE_SIZE);
}

/*
 * AT_MINSIGSTKSZ: Linux's get_sigframe_size(), the largest signal frame
 * (arch/x86_64/include/asm/sigframe.h): with IA32 emulation struct
 * sigframe_ia32 (732 bytes), else struct rt_sigframe (440); 15 for
 * alignment; the FPU state (the XSAVE area and FP_XSTATE_MAGIC2 when the
 * OS enabled XSAVE, else 512 for FXSAVE), the 112-byte fsave header with
 * IA32 emulation; 63 for the FPU area's alignment; rounded up to 16.
 * (On this project's host with AVX-512: 0xd30, measured.)
 */
static unsigned long min_sigstksz(void)
{
#ifdef CONFIG_IA32_EMULATION
	unsigned long frame = sizeof(struct sigframe_ia32), fsave = FREGS_SIZE;
#else
	unsigned long frame = sizeof(struct rt_sigframe_64), fsave = 0;
#endif
	unsigned long fpu = FXSAVE_SIZE;
	u32 a, b, c, d;

	if (boot_cpu.features_ecx & CPUID_1_ECX_OSXSAVE) {
		cpuid(0xd, 0, &a, &b, &c, &d);
		fpu = b + 4;
	}
	return ALIGN_UP(frame + 15 + fpu + fsave + 63, 16UL);
}

/* create_elf_tables()'s auxiliary vector, in Linux's order, for the
 * program img in its new address space mm. */
static unsigned int fill_auxv(const struct exec_abi *abi, const struct elf_image *img,
			      const struct mm *mm, struct elf_auxv *v)
{
	unsigned int n = 0;

#define AUX(t, x) (v[n].type = (t), v[n].val = (x), n++)
	/* ARCH_DLINFO: the vDSO first, when the task has one: ia32 tasks
	 * (ARCH_DLINFO_IA32) get AT_SYSINFO, the address of
	 * __kernel_vsyscall, before AT_SYSINFO_EHDR. 64-bit and x32 tasks
	 * have no vDSO yet. */
#ifdef CONFIG_IA32_EMULATION
	if (img->abi == ABI_IA32 && mm->vdso)
		AUX(AT_SYSINFO, vdso32_vsyscall(mm));
#endif
	if (mm->vdso)
		AUX(AT_SYSINFO_EHDR, mm->vdso);
	AUX(AT_MINSIGSTKSZ, min_sigstksz());
	AUX(AT_HWCAP, boot_cpu.features_edx);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_CLKTCK, USER_HZ);
	AUX(AT_PHDR, img->phdr_addr);
	AUX(AT_PHENT, img->elf64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr));
	AUX(AT_PHNUM, img->phnum);
	AUX(AT_BASE, 0);			/* the interpreter's address */
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, img->entry_addr);
	AUX(AT_UID, 0);				/* every task is root for now */
	AUX(AT_EUID, 0);
	AUX(AT_GID, 0);
	AUX(AT_EGID, 0);
	AUX(AT_SECURE, 0);
	AUX(AT_RANDOM, 0);			/* elf_stack_build() fills it */
	/* ELF_HWCAP2: HWCAP2_FSGSBASE (2) when the kernel set CR4.FSGSBASE
	 * (arch/x86_64/fsgsbase.c), else 0: Linux always gives AT_HWCAP2 on
	 * x86, to ia32 programs too (no COMPAT_ELF_HWCAP2). */
	AUX(AT_HWCAP2, elf_hwcap2);
	AUX(AT_EXECFN, 0);			/* elf_stack_build() fills it */
	if (abi->platform)
		AUX(AT_PLATFORM, 0);		/* elf_stack_build() fills it */
	/* Linux 6.3+ adds AT_RSEQ_FEATURE_SIZE and AT_RSEQ_ALIGN when built
	 * with rseq(2); we have no rseq, as a kernel without CONFIG_RSEQ. */
#undef AUX
	return n;
}

static int vm_prot(u32 p_flags, bool read_implies_exec)
{
	int prot = 0;

	if (p_flags & PF_R)
		prot |= VM_READ;
	if (p_flags & PF_W)
		prot |= VM_WRITE;
	if ((p_flags & PF_X) || (read_implies_exec && (p_flags & PF_R)))
		prot |= VM_EXEC;
	return prot;
}

/*
 * Maps every PT_LOAD as elf_load() does: the pages holding the file bytes
 * with the segment's protection, the rest of p_memsz (the .bss pages)
 * read-write (+exec) as vm_brk_flags() makes them. The file bytes are
 * copied (no page cache to map from); the pages are fresh and zeroed, so
 * the .bss needs no clearing. Where two segments share a page, the later
 * one's protection wins (Linux's MAP_FIXED mapping replaces the page), but
 * its contents are kept: only each segment's own bytes are written. So
 * the bytes of a shared or partial page that belong to no segment read as
 * zero here, where Linux shows the file's bytes.
 */
static int load_segments(struct mm *mm, const struct elf_image *img, bool rie)
{
	struct elf_phdr ph;
	int err;

	for (unsigned int i = 0; i < img->phnum; i++) {
		unsigned long k, file_end, bss_start, bss_end;
		int prot;

		elf_get_phdr(img, i, &ph);
		if (ph.type != PT_LOAD || ph.memsz == 0)
			continue;
		prot = vm_prot(ph.flags, rie);
		k = img->load_bias + ph.vaddr;
		file_end = ALIGN_UP(k + ph.filesz, PAGE_SIZE);
		if (ph.filesz) {
			err = vm_map_anon(mm, ALIGN_DOWN(k, PAGE_SIZE),
					  file_end - ALIGN_DOWN(k, PAGE_SIZE), prot);
			if (err)
				return err;
		}
		bss_start = ph.filesz ? file_end : ALIGN_DOWN(k, PAGE_SIZE);
		bss_end = ALIGN_UP(k + ph.memsz, PAGE_SIZE);
		if (bss_end > bss_start) {
			err = vm_map_anon(mm, bss_start, bss_end - bss_start,
					  VM_READ | VM_WRITE | (prot & VM_EXEC));
			if (err)
				return err;
		}
		if (ph.filesz) {
			err = vm_write(mm, k, img->data + ph.offset, ph.filesz);
			if (err)
				return err;
		}
	}
	return 0;
}

/* PT_INTERP: Linux opens the interpreter (ENOENT, EACCES... when it
 * cannot) and loads it next to the program. Dynamic linking is not
 * supported yet, our initramfs has no ld.so: an interpreter that exists
 * still gives ENOEXEC. */
static int check_interp(const char *filename, const char *interp)
{
	struct dentry *d;
	int err = exec_open(interp, &d);

	if (err) {
		pr_err("exec %s: its interpreter %s: error %d\n", filename, interp, -err);
		return err;
	}
	pr_err("exec %s: a dynamically linked program (interpreter %s): "
	       "not supported yet, link it with -static\n", filename, interp);
	return -ENOEXEC;
}

/* arch_setup_additional_pages(): the vDSO, below the program's segments
 * (the first free range under mmap_base), for the ABIs that have one. */
static int map_vdso(struct mm *mm, enum task_abi abi)
{
#ifdef CONFIG_IA32_EMULATION
	if (abi == ABI_IA32)
		return vdso32_map(mm);
#endif
	(void)mm;
	(void)abi;
	return 0;
}

/*
 * The first stack, at the top of the task: argc, argv, envp, the
 * auxiliary vector describing mm, the strings (elf_stack_build()), in the
 * pages setup_arg_pages() maps: those holding the strings and 128 KiB
 * more, or down to the tables if they reach further. Sets
 * mm->start_stack. With rnd (kernel/aslr.c) the top is
 * randomize_stack_top(STACK_TOP) through arch_align_stack() and
 * PAGE_ALIGN() (setup_arg_pages()), and the tables start 0..8191 bytes
 * below the strings (create_elf_tables()' arch_align_stack()).
 */
static int map_stack(struct mm *mm, const struct exec_abi *abi,
		     const struct elf_image *img, const struct exec_args *a,
		     bool rie, bool rnd, const char *filename)
{
	bool compat = abi->task_size != TASK_SIZE_64;
	unsigned long top = abi->stack_top;
	unsigned long pad = 0;
	struct elf_auxv auxv[MAX_AUXV];
	struct elf_stack st;
	unsigned long stack_start, len;
	u8 random[16];
	void *image;
	int prot, err;

	if (rnd) {
		top = ALIGN_UP(arch_align_stack(randomize_stack_top(top, compat)), PAGE_SIZE);
		unsigned long p = top - 8 - a->len;	/* bprm->p after copy_strings() */

		pad = p - arch_align_stack(p);
	}
	get_random_bytes(random, sizeof(random));
	st = (struct elf_stack){
		.top = top, .word = abi->word, .pad = pad,
		.strings = a->buf + a->cap - a->len, .strings_len = a->len,
		.argc = a->argc, .envc = a->envc,
		.platform = abi->platform, .random = random,
		.auxv = auxv, .auxc = fill_auxv(abi, img, mm, auxv),
	};
	if (elf_stack_layout(&st))
		return -E2BIG;
	stack_start = ALIGN_DOWN(st.strings_start, PAGE_SIZE) - EXEC_STACK_EXPAND;
	stack_start = MIN(stack_start, ALIGN_DOWN(st.sp, PAGE_SIZE));
	if (img->highest > stack_start) {
		pr_err("exec %s: its segments reach the stack at %#lx\n",
		       filename, stack_start);
		return -ENOEXEC;
	}
	len = st.top - st.sp;
	image = kmalloc(len);
	if (!image)
		return -ENOMEM;
	elf_stack_build(&st, image, len);

	prot = VM_READ | VM_WRITE;
	if (img->exstack == EXSTACK_ENABLE_X || rie)
		prot |= VM_EXEC;
	err = vm_map_anon(mm, stack_start, st.top - stack_start, prot);
	if (!err)
		err = vm_write(mm, st.sp, image, len);
	kfree(image);
	if (!err)
		mm->start_stack = st.sp;
	return err;
}

/* The point of no return: nothing below can fail. */
static void exec_install(struct mm *mm, enum task_abi abi_nr,
			 const struct elf_image *img, unsigned long sp,
			 const char *filename, struct dentry *d)
{
	const struct exec_abi *abi = &exec_abis[abi_nr];
	struct task *t = current;
	struct pt_regs *regs = t->regs;
	unsigned long orig_ax = regs->orig_ax;
	struct mm *old = t->mm;
	const char *base;

	/* exec_mm_release(): the old memory's clear_child_tid is not ours. */
	t->clear_child_tid = 0;
	t->mm = mm;
	mm_activate(mm);
	mm_put(old);
	/* exec_mm_release(): a vfork parent may run again. */
	if (t->vfork_parent)
		vfork_done(t);
	t->abi = abi_nr;

	/* start_thread() and ELF_PLAT_INIT: every register 0 (RAX is the
	 * return value of execve: 0 too), interrupts on. orig_ax stays the
	 * system call number, as Linux leaves it. */
	memset(regs, 0, sizeof(*regs));
	regs->orig_ax = orig_ax;
	regs->ip = img->entry_addr;
	regs->cs = abi->user_cs;
	regs->ss = __USER_DS;
	regs->flags = X86_EFLAGS_IF | X86_EFLAGS_FIXED;		/* 0x202 */
	regs->sp = sp;
	/* flush_thread() and start_thread_common(): no TLS slots, null FS
	 * and GS selectors (arch/ia32/tls.c), the ABI's DS and ES; then the
	 * FS and GS bases, which a selector load would have overwritten. */
	tls_exec(t);
	debugreg_flush(t);	/* flush_ptrace_hw_breakpoint(): none left */
	arch_set_data_segments(abi->user_ds);
	arch_set_fs_base(0);
	/* A fresh x87/SSE state, loaded now: it is live while we run. */
	fpu_init_state(&t->fpu);
	fpu_restore(&t->fpu);
	/* The user GS base waits in KERNEL_GS_BASE while we are in the
	 * kernel (swapgs makes it live on the way out). */
	t->gs_base = 0;
	wrmsr(MSR_KERNEL_GS_BASE, 0);

	/* __set_task_comm(kbasename(filename)); /proc/self/exe is the file
	 * itself, symlinks resolved. */
	base = strrchr(filename, '/');
	strlcpy(t->comm, base ? base + 1 : filename, sizeof(t->comm));
	t->did_exec = true;		/* setpgid from the parent: EACCES now */
	if (ramfs_path(d, t->exe, sizeof(t->exe)) < 0)
		strlcpy(t->exe, filename, sizeof(t->exe));
	/* begin_new_exec(): descriptors marked close-on-exec go; caught
	 * signals go back to SIG_DFL, the alternate stack is forgotten. */
	fs_exec_close_on_exec(t);
	signal_exec(t);
	trace_task_update(t);	/* syscall.trace=1 for the first program */
}

static int exec_binprm(const char *filename, struct dentry *d,
		       struct exec_args *a)
{
	struct inode *inode = d->inode;
	const struct exec_abi *abi;
	struct elf_place place;
	struct elf_image img;
	struct mm *mm;
	char msg[160];
	bool rie, rnd;
	int err;

	err = elf_check(inode->data, inode->size, exec_abi_mask(), &img,
			msg, sizeof(msg));
	if (err) {
		pr_err("exec %s: %s\n", filename, msg);
		return err;
	}
	if (img.interp)
		return check_interp(filename, img.interp);

	abi = &exec_abis[img.abi];
	place.task_size = abi->task_size;
	rnd = exec_randomize();		/* PF_RANDOMIZE */
	place.mmap_base = exec_mmap_base(abi, rnd);
	place.et_dyn_base = abi->et_dyn_base;
	err = elf_layout(&img, &place, msg, sizeof(msg));
	if (err) {
		pr_err("exec %s: %s\n", filename, msg);
		return err;
	}

	/*
	 * The new address space, complete before the point of no return, in
	 * load_elf_binary()'s order: the segments, the vDSO below them, the
	 * stack that describes them all. A 32-bit program without
	 * PT_GNU_STACK gets READ_IMPLIES_EXEC: its readable segments and its
	 * stack are executable too (elf_read_implies_exec()).
	 */
	mm = mm_create(abi->task_size);
	if (!mm)
		return -ENOMEM;
	mm->mmap_base = place.mmap_base;
	mm->start_brk = mm->brk = img.brk;
	rie = abi->read_implies_exec && img.exstack == EXSTACK_DEFAULT;
	err = load_segments(mm, &img, rie);
	if (!err)
		err = map_vdso(mm, img.abi);
	if (!err)
		err = map_stack(mm, abi, &img, a, rie, rnd, filename);
	/* The other threads end, this one becomes the process; shared
	 * handlers and descriptors are copied (Linux's de_thread() and
	 * unshare_sighand() in begin_new_exec(), kernel/exit.c). */
	if (!err)
		err = de_thread(current);
	if (err) {
		mm_put(mm);
		return err;
	}

	exec_install(mm, img.abi, &img, mm->start_stack, filename, d);
	ptrace_exec();
	return 0;
}

/* ------------------------------------------------------- entry points */

static int exec_common(const char *filename, const struct arg_vec *argv,
		       const struct arg_vec *envp)
{
	struct exec_args a = { 0 };
	struct dentry *d;
	int err;

	err = exec_open(filename, &d);
	if (!err)
		err = args_collect(&a, filename, argv, envp);
	if (!err)
		err = exec_binprm(filename, d, &a);
	args_free(&a);
	return err;
}

int do_execve(const char *path, const char *const argv[], const char *const envp[])
{
	struct arg_vec av = { .kernel = argv }, ev = { .kernel = envp };

	return exec_common(path, &av, &ev);
}

/* getname() and then the common path with user vectors. */
static long execve_user(const char __user *filename, const void __user *argv,
			const void __user *envp, unsigned int ptr_size)
{
	struct arg_vec av = { .user = argv, .ptr_size = ptr_size };
	struct arg_vec ev = { .user = envp, .ptr_size = ptr_size };
	char *path = kmalloc(PATH_MAX);
	long n;
	int err;

	if (!path)
		return -ENOMEM;
	n = strncpy_from_user(path, filename, PATH_MAX);
	if (n < 0)
		err = -EFAULT;
	else if (n == PATH_MAX)
		err = -ENAMETOOLONG;
	else if (n == 0)
		err = -ENOENT;
	else
		err = exec_common(path, argv ? &av : &(struct arg_vec){ 0 },
				  envp ? &ev : &(struct arg_vec){ 0 });
	kfree(path);
	return err;
}

SYSCALL_DEFINE3(execve, const char __user *, filename,
		const char __user *const __user *, argv,
		const char __user *const __user *, envp)
{
	return execve_user(filename, argv, envp, sizeof(unsigned long));
}

#if defined(CONFIG_IA32_EMULATION) || defined(CONFIG_X86_X32_ABI)
/* ia32 (int $0x80 number 11) and x32 (520): vectors of 32-bit pointers. */
COMPAT_SYSCALL_DEFINE3(execve, const char __user *, filename,
		       const u32 __user *, argv, const u32 __user *, envp)
{
	return execve_user(filename, argv, envp, sizeof(u32));
}
#endif
