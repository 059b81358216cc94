// SPDX-License-Identifier: MIT
/*
 * kernel/exec.c on the host: do_execve() and sys_execve() run against the
 * real ramfs and ELF code, with a fake address space (pages in malloc'd
 * memory), fake user copies (any pointer is a user pointer except the
 * "bad" ones) and a fake current task. What the new program would find is
 * compared with what Linux gave the same program (probe.c's runs): its
 * registers, its auxiliary vector, its memory, for x86-64 and i386
 * programs (the i386 vDSO through a fake of vdso32_map() that places it
 * as vm_find_gap() would); the E2BIG boundaries are compared with real
 * execve() calls on the host.
 *
 * exec.c is included so that its per-CPU and MSR accesses can be pointed
 * at fakes first.
 */
#include <asm/percpu.h>
#undef this_cpu_read_ptr
#define this_cpu_read_ptr(field) (fake_percpu.field)
static struct percpu fake_percpu;
#include <asm/msr.h>
#define wrmsr(msr, v) fake_wrmsr(msr, v)
static unsigned long long fake_kernel_gs_base = 0x1234;
static void fake_wrmsr(u32 msr, u64 v)
{
	if (msr == MSR_KERNEL_GS_BASE)
		fake_kernel_gs_base = v;
}

#include <asm/fpu.h>
#define fpu_restore(f) fake_fpu_restore(f)
static int fpu_restored;
static void fake_fpu_restore(const struct fpu_state *f)
{
	(void)f;
	fpu_restored++;
}

#include "exec.c"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ktap.h"
#include "host.h"

/* ---- the fakes ---- */

struct cpuinfo boot_cpu;
unsigned long elf_hwcap2;
static struct task task;
static struct pt_regs regs;
static unsigned long fs_base_set = 0x5678;
static int vfork_woken, live_mms;

struct fpage {
	unsigned long addr;
	int prot;
	unsigned char *mem;
	struct fpage *next;
};

struct fake_mm {
	struct mm mm;
	struct fpage *pages;
};

struct mm *mm_create(unsigned long task_size)
{
	struct fake_mm *f = calloc(1, sizeof(*f));

	f->mm.task_size = task_size;
	f->mm.users = 1;
	live_mms++;
	return &f->mm;
}

void mm_put(struct mm *mm)
{
	struct fake_mm *f = (struct fake_mm *)mm;

	if (!mm || --mm->users)
		return;
	while (f->pages) {
		struct fpage *p = f->pages;

		f->pages = p->next;
		free(p->mem);
		free(p);
	}
	free(f);
	live_mms--;
}

static struct mm *active_mm;

void mm_activate(struct mm *mm)
{
	active_mm = mm;
}

static struct fpage *page_at(struct mm *mm, unsigned long addr)
{
	for (struct fpage *p = ((struct fake_mm *)mm)->pages; p; p = p->next)
		if (p->addr == (addr & ~4095UL))
			return p;
	return NULL;
}

int vm_map_anon(struct mm *mm, unsigned long start, unsigned long len, int prot)
{
	unsigned long end = (start + len + 4095) & ~4095UL;

	start &= ~4095UL;
	if (start >= mm->task_size || end > mm->task_size || end < start)
		return -EINVAL;
	for (unsigned long a = start; a < end; a += 4096) {
		struct fpage *p = page_at(mm, a);

		if (!p) {
			p = calloc(1, sizeof(*p));
			p->addr = a;
			p->mem = calloc(1, 4096);
			p->next = ((struct fake_mm *)mm)->pages;
			((struct fake_mm *)mm)->pages = p;
		}
		p->prot = prot;
	}
	return 0;
}

int vm_write(struct mm *mm, unsigned long uaddr, const void *src, size_t len)
{
	const unsigned char *s = src;

	while (len) {
		struct fpage *p = page_at(mm, uaddr);
		size_t n = 4096 - (uaddr & 4095);

		if (!p)
			return -EFAULT;
		n = n < len ? n : len;
		memcpy(p->mem + (uaddr & 4095), s, n);
		uaddr += n;
		s += n;
		len -= n;
	}
	return 0;
}

/* Reads new-program memory; false where nothing is mapped. */
static bool mem_read(struct mm *mm, unsigned long addr, void *dst, size_t len)
{
	unsigned char *d = dst;

	while (len) {
		struct fpage *p = page_at(mm, addr);
		size_t n = 4096 - (addr & 4095);

		if (!p)
			return false;
		n = n < len ? n : len;
		memcpy(d, p->mem + (addr & 4095), n);
		addr += n;
		d += n;
		len -= n;
	}
	return true;
}

#define BAD_PTR ((void *)0xbadbad000UL)

static bool bad(const void *p)
{
	return (unsigned long)p < 0x10000 || ((unsigned long)p & ~0xfffUL) == 0xbadbad000UL;
}

unsigned long copy_from_user(void *dst, const void __user *src, unsigned long n)
{
	if (bad(src))
		return n;
	memcpy(dst, src, n);
	return 0;
}

long strncpy_from_user(char *dst, const char __user *src, long n)
{
	if (bad(src))
		return -EFAULT;
	for (long i = 0; i < n; i++)
		if ((dst[i] = src[i]) == '\0')
			return i;
	return n;
}

void vfork_done(struct task *t)
{
	vfork_woken++;
	t->vfork_parent = NULL;
}

void arch_set_fs_base(unsigned long base)
{
	fs_base_set = base;
	current->fs_base = base;
}

void fpu_init_state(struct fpu_state *f)
{
	memset(f, 0, sizeof(*f));
	f->image[0] = 0x7f;		/* FCW 0x37f */
	f->image[1] = 0x03;
}

static int cloexec_closed;

void fs_exec_close_on_exec(struct task *t)
{
	(void)t;
	cloexec_closed++;
}

/* kernel/exit.c: one thread, nothing shared: nothing to do. */
int de_thread(struct task *t)
{
	(void)t;
	return 0;
}

/* kernel/signal.c: caught signals back to SIG_DFL. */
static int signals_reset;

void signal_exec(struct task *t)
{
	(void)t;
	signals_reset++;
}

/* kernel/ptrace.c: the traced exec's SIGTRAP (no tracer here). */
void ptrace_exec(void)
{
}

/* kernel/trace.c: syscall.trace= (off); exec recomputes the task's
 * tracer bit from it (trace_task_update in trident/trace.h). */
bool syscall_trace_all;

/* The working directory: NULL is the root. */
static struct dentry *fake_cwd;

struct dentry *fs_cwd(void)
{
	return fake_cwd;
}

void get_random_bytes(void *buf, size_t n)
{
	memset(buf, 0xa5, n);
}

/*
 * kernel/aslr.c: off, as in the host's reference runs (setarch -R),
 * unless a case turns fake_rnd on; then fixed "random" amounts: the stack
 * top 5 pages lower (3 for 32-bit tasks), arch_align_stack() 4000 bytes
 * lower, arch_mmap_rnd() 7 pages.
 */
static bool fake_rnd;

bool exec_randomize(void)
{
	return fake_rnd;
}

unsigned long randomize_stack_top(unsigned long top, bool compat)
{
	return top - (compat ? 3 : 5) * PAGE_SIZE;
}

unsigned long arch_align_stack(unsigned long sp)
{
	return (sp - 4000) & ~0xfUL;
}

unsigned long stack_maxrandom_size(bool compat)
{
	return (compat ? 0x7ffUL : 0x3fffffUL) << PAGE_SHIFT;
}

unsigned long arch_mmap_rnd(bool compat)
{
	(void)compat;
	return 7 * PAGE_SIZE;
}

/* asm/ia32.h: ia32_emulation= */
static bool fake_ia32_on = true;

bool ia32_enabled(void)
{
	return fake_ia32_on;
}

/* asm/ia32.h: syscall.x32= */
static bool fake_x32_on = true;

bool x32_enabled(void)
{
	return fake_x32_on;
}

/* arch/ia32/tls.c: flush_thread()'s part. */
static int tls_reset;

void tls_exec(struct task *t)
{
	(void)t;
	tls_reset++;
}

/* arch/x86_64/hw_breakpoint.c: flush_ptrace_hw_breakpoint(). */
static int debugreg_flushed;

void debugreg_flush(struct task *t)
{
	(void)t;
	debugreg_flushed++;
}

/* arch/x86_64/process.c */
static int ds_set = -1;

void arch_set_data_segments(u16 sel)
{
	ds_set = sel;
	current->ds = current->es = sel;
}

/*
 * arch/ia32/vdso/vdso32.c: its placement, over the fake pages. The
 * highest range of VDSO32_VVAR_SIZE + VDSO32_SIZE bytes free below
 * mmap_base (vm_find_gap()); the vvar part is mapped with no access, the
 * image read + execute. __kernel_vsyscall at a made-up offset.
 */
#define FAKE_VSYSCALL_OFFSET	0x2a0

int vdso32_map(struct mm *mm)
{
	unsigned long len = VDSO32_VVAR_SIZE + VDSO32_SIZE, end = mm->mmap_base;

	for (;;) {
		unsigned long high = 0;

		if (end < len + 0x10000)
			return -ENOMEM;
		for (struct fpage *p = ((struct fake_mm *)mm)->pages; p; p = p->next)
			if (p->addr >= end - len && p->addr < end && p->addr + 4096 > high)
				high = p->addr + 4096;
		if (!high)
			break;
		end = high - 4096;
	}
	vm_map_anon(mm, end - len, VDSO32_VVAR_SIZE, 0);
	vm_map_anon(mm, end - VDSO32_SIZE, VDSO32_SIZE, VM_READ | VM_EXEC);
	mm->vdso = end - VDSO32_SIZE;
	return 0;
}

unsigned long vdso32_vsyscall(const struct mm *mm)
{
	return mm->vdso ? mm->vdso + FAKE_VSYSCALL_OFFSET : 0;
}

/* ---- set-up ---- */

static struct mm *old_mm;

/* A task running an old program: its mm, its registers in a system call. */
static void fresh_task(void)
{
	if (task.mm)
		mm_put(task.mm);
	memset(&task, 0, sizeof(task));
	memset(&regs, 0x77, sizeof(regs));
	fpu_restored = cloexec_closed = tls_reset = signals_reset = debugreg_flushed = 0;
	ds_set = -1;
	regs.orig_ax = 59;
	task.regs = &regs;
	task.fs_base = 0x1111;
	task.gs_base = 0x2222;
	strcpy(task.comm, "oldprog");
	old_mm = mm_create(TASK_SIZE_64);
	vm_map_anon(old_mm, 0x400000, 4096, VM_READ);
	task.mm = old_mm;
	fake_percpu.current_task = &task;
	printk_clear();
}

static bool unchanged(void)
{
	struct pt_regs r;

	if (fpu_restored || cloexec_closed || tls_reset || signals_reset || debugreg_flushed)
		return false;

	memset(&r, 0x77, sizeof(r));
	r.orig_ax = 59;
	return task.mm == old_mm && live_mms == 1 && !memcmp(&r, &regs, sizeof(r)) &&
	       !strcmp(task.comm, "oldprog");
}

static void mkdir_p(const char *path)
{
	char buf[4096];

	for (size_t i = 1; path[i]; i++) {
		if (path[i] != '/')
			continue;
		memcpy(buf, path, i);
		buf[i] = '\0';
		ramfs_mkdir(NULL, buf, 0755, NULL);
	}
}

static void *kept[32];
static int nkept;

/* Puts a fixture into ramfs at path (the file's bytes stay in buf). */
static void *install(const char *fixture, const char *path, mode_t mode, size_t *lenp)
{
	struct dentry *d;
	size_t len;
	void *buf = read_fixture(fixture, &len);

	if (!buf)
		return NULL;
	mkdir_p(path);
	ramfs_unlink(NULL, path);
	if (ramfs_mknod(NULL, path, S_IFREG | mode, 0, 0, &d)) {
		free(buf);
		return NULL;
	}
	ramfs_set_borrowed(d->inode, buf, len);
	if (lenp)
		*lenp = len;
	/* Kept (reachable) for as long as a file may borrow it. */
	if (nkept < (int)(sizeof(kept) / sizeof(kept[0])))
		kept[nkept++] = buf;
	return buf;
}

/* ---- Linux's run of the same program ---- */

struct linux_run {
	unsigned long long top, sp, start_brk, lowest;
	unsigned int argc, envc, auxc;
	char *argv[64], *envp[64], *execfn;
	struct elf_auxv auxv[64];
	unsigned char *image;
};

static unsigned long long word(const unsigned char *b, unsigned int w)
{
	unsigned long long v = 0;

	memcpy(&v, b, w);
	return v;
}

static bool read_run(const char *name, unsigned int w, struct linux_run *r)
{
	char file[64], *txt;
	size_t len, tlen, off;

	memset(r, 0, sizeof(*r));
	snprintf(file, sizeof(file), "%s.bin", name);
	r->image = read_fixture(file, &len);
	snprintf(file, sizeof(file), "%s.bin.txt", name);
	txt = read_fixture(file, &tlen);
	if (!r->image || !txt) {
		free(r->image);
		free(txt);
		return false;
	}
	txt = realloc(txt, tlen + 1);
	txt[tlen] = '\0';
	sscanf(txt, "top %llx\nsp %llx\nphdr %*x\nentry %*x\nstart_brk %llx\nlowest %llx",
	       &r->top, &r->sp, &r->start_brk, &r->lowest);
	free(txt);
#define STR(addr) ((char *)r->image + ((addr) - r->sp))
	r->argc = word(r->image, w);
	for (off = w; off < w * (1 + r->argc); off += w)
		r->argv[off / w - 1] = STR(word(r->image + off, w));
	for (off += w; word(r->image + off, w); off += w)
		r->envp[r->envc++] = STR(word(r->image + off, w));
	for (off += w; word(r->image + off, w); off += 2 * w, r->auxc++) {
		r->auxv[r->auxc].type = word(r->image + off, w);
		r->auxv[r->auxc].val = word(r->image + off + w, w);
		if (r->auxv[r->auxc].type == AT_EXECFN)
			r->execfn = STR(r->auxv[r->auxc].val);
	}
#undef STR
	return true;
}

static unsigned long long aux(const struct elf_auxv *v, unsigned int n, u64 type, bool *found)
{
	for (unsigned int i = 0; i < n; i++)
		if (v[i].type == type) {
			*found = true;
			return v[i].val;
		}
	*found = false;
	return 0;
}

/* Our new program's stack, read back from the fake mm. */
struct our_stack {
	unsigned int argc, envc, auxc;
	char argv[64][256], envp[64][256], execfn[4096], platform[16];
	unsigned char random[16];
	struct elf_auxv auxv[64];
};

/* w: the ABI's word, 8 or 4 bytes (8 where not said). */
static bool read_ours_w(struct mm *mm, unsigned long sp, unsigned int w, struct our_stack *o)
{
	unsigned long long v = 0, off = sp + w;
	bool found;

	memset(o, 0, sizeof(*o));
	if (!mem_read(mm, sp, &v, w))
		return false;
	o->argc = v;
	for (unsigned int i = 0; i < o->argc && i < 64; i++, off += w) {
		mem_read(mm, off, &v, w);
		mem_read(mm, v, o->argv[i], 255);
	}
	off += w;
	for (; mem_read(mm, off, &v, w) && v && o->envc < 64; off += w)
		mem_read(mm, v, o->envp[o->envc++], 255);
	for (off += w; mem_read(mm, off, &v, w) && v && o->auxc < 64; off += 2 * w, o->auxc++) {
		o->auxv[o->auxc].type = v;
		o->auxv[o->auxc].val = 0;
		mem_read(mm, off + w, &o->auxv[o->auxc].val, w);
	}
	mem_read(mm, aux(o->auxv, o->auxc, AT_EXECFN, &found), o->execfn, 4095);
	mem_read(mm, aux(o->auxv, o->auxc, AT_PLATFORM, &found), o->platform, 15);
	mem_read(mm, aux(o->auxv, o->auxc, AT_RANDOM, &found), o->random, 16);
	return true;
}

static bool read_ours(struct mm *mm, unsigned long sp, struct our_stack *o)
{
	return read_ours_w(mm, sp, 8, o);
}

/* ---- the cases ---- */

/* What an ABI's new program gets (measured on the host, setarch -R). */
struct abi_expect {
	enum task_abi abi;
	unsigned int word;
	unsigned long cs, ds, mmap_base;
	const char *platform;
};
static const struct abi_expect x86_64 = {
	ABI_64, 8, 0x33, 0, 0x7ffff7fff000UL, "x86_64",
};
static const struct abi_expect i386 = {
	ABI_IA32, 4, 0x23, 0x2b, 0xf7ffe000UL, "i686",
};

static void like_linux(const char *bin, const char *run, const struct abi_expect *want)
{
	static struct linux_run r;
	static struct our_stack o;
	static char path[4096];
	struct elf_image img;
	size_t len;
	void *file;
	char msg[200];
	bool f1, f2;
	int rc;
	u32 a, b, c, d;
	unsigned int w = want->word;

	ktap_begin("exec: does %s start as Linux started it (%s)?", bin, run);
	if (!read_run(run, w, &r)) {
		ktap_skip("no reference run %s on this host", run);
		return;
	}
	/* The same path as on the host: argv[0] and AT_EXECFN are it. */
	snprintf(path, sizeof(path), "%s", r.execfn);
	file = install(bin, path, 0755, &len);
	fresh_task();
	cpuid(1, 0, &a, &b, &c, &d);
	boot_cpu.features_edx = d;
	boot_cpu.features_ecx = c;
	r.argv[r.argc] = r.envp[r.envc] = NULL;
	rc = do_execve(path, (const char *const *)r.argv, (const char *const *)r.envp);
	CHECK(rc == 0, "do_execve: %d: %s", rc, printk_log());
	if (rc) {
		free(file);
		free(r.image);
		return;
	}

	/* Registers: start_thread() and ELF_PLAT_INIT. */
	elf_check(file, len, ELF_ABI_BIT(want->abi), &img, msg, sizeof(msg));
	CHECK(regs.ip == aux(r.auxv, r.auxc, AT_ENTRY, &f1), "rip %lx", regs.ip);
	CHECK(regs.cs == want->cs && regs.ss == 0x2b && regs.flags == 0x202,
	      "cs %lx ss %lx flags %lx", regs.cs, regs.ss, regs.flags);
	CHECK(ds_set == (int)want->ds && task.ds == want->ds && task.es == want->ds,
	      "ds %#x es %#x", task.ds, task.es);
	CHECK(tls_reset == 1, "the TLS slots and FS/GS selectors reset once");
	CHECK(debugreg_flushed == 1, "the ptrace breakpoints dropped once");
	CHECK(!regs.ax && !regs.bx && !regs.cx && !regs.dx && !regs.si && !regs.di &&
	      !regs.bp && !regs.r8 && !regs.r9 && !regs.r10 && !regs.r11 && !regs.r12 &&
	      !regs.r13 && !regs.r14 && !regs.r15, "a general register is not 0");
	CHECK(regs.orig_ax == 59, "orig_ax %lx", regs.orig_ax);
	CHECK(regs.sp % 16 == 0 && regs.sp < r.top && regs.sp > r.top - 8192,
	      "rsp %lx", regs.sp);
	CHECK(fs_base_set == 0 && task.fs_base == 0 && task.gs_base == 0 &&
	      fake_kernel_gs_base == 0, "fs/gs bases not reset");
	CHECK(task.mm && task.mm != old_mm && active_mm == task.mm && live_mms == 1,
	      "the old mm must be gone and the new one active");
	CHECK(task.abi == want->abi, "abi %d", task.abi);
	CHECK(fpu_restored == 1 && task.fpu.image[0] == 0x7f && cloexec_closed == 1,
	      "a fresh FPU state and close-on-exec once per exec");
	CHECK(signals_reset == 1, "caught signals reset to SIG_DFL once per exec");
	CHECK(!strcmp(task.comm, strrchr(path, '/') + 1) && !strcmp(task.exe, path),
	      "comm \"%s\", exe \"%s\"", task.comm, task.exe);

	/* The mm: brk, mmap base, every segment's bytes, the stack. */
	CHECK(task.mm->start_brk == r.start_brk && task.mm->brk == r.start_brk,
	      "start_brk %lx, Linux %llx", task.mm->start_brk, r.start_brk);
	CHECK(task.mm->mmap_base == want->mmap_base, "mmap_base %lx", task.mm->mmap_base);
	CHECK(task.mm->start_stack == regs.sp, "start_stack %lx", task.mm->start_stack);
	for (unsigned int i = 0; i < img.phnum; i++) {
		struct elf_phdr ph;
		unsigned long k;
		unsigned char *got;
		struct fpage *pg;

		elf_get_phdr(&img, i, &ph);
		if (ph.type != PT_LOAD)
			continue;
		k = (img.type == ET_DYN ? r.lowest : 0) + ph.vaddr;	/* PIE: first vaddr 0 */
		got = malloc(ph.memsz);
		CHECK(mem_read(task.mm, k, got, ph.memsz), "segment %u not mapped", i);
		CHECK(!memcmp(got, (char *)file + ph.offset, ph.filesz), "segment %u bytes", i);
		for (size_t j = ph.filesz; j < ph.memsz; j++)
			if (got[j]) {
				ktap_fail("segment %u: .bss byte %zu is not 0", i, j);
				break;
			}
		pg = page_at(task.mm, k);
		CHECK(pg && pg->prot == ((ph.flags & PF_R ? VM_READ : 0) |
					 (ph.flags & PF_W ? VM_WRITE : 0) |
					 (ph.flags & PF_X ? VM_EXEC : 0)),
		      "segment %u: prot %d, flags %x", i, pg ? pg->prot : -1, ph.flags);
		free(got);
	}
	{
		unsigned long strings = regs.sp, lo;
		struct fpage *pg;

		read_ours_w(task.mm, regs.sp, w, &o);
		strings = 0;
		mem_read(task.mm, regs.sp + w, &strings, w);	/* argv[0] */
		lo = (strings & ~4095UL) - (128UL << 10);
		CHECK(page_at(task.mm, lo) && !page_at(task.mm, lo - 4096) &&
		      page_at(task.mm, r.top - 4096) && !page_at(task.mm, r.top),
		      "the stack should be [%lx, %llx)", lo, r.top);
		pg = page_at(task.mm, regs.sp);
		CHECK(pg && pg->prot == (VM_READ | VM_WRITE), "stack prot %d", pg ? pg->prot : -1);
	}

	/* The stack: the same strings, the same auxiliary vector less what
	 * Trident does not have (the 64-bit vDSO, rseq). An i386 program has
	 * its vDSO where Linux put it; __kernel_vsyscall lies elsewhere in
	 * ours. */
	CHECK(o.argc == r.argc && o.envc == r.envc, "argc %u envc %u, Linux %u %u",
	      o.argc, o.envc, r.argc, r.envc);
	for (unsigned int i = 0; i < o.argc && i < r.argc; i++)
		CHECK(!strcmp(o.argv[i], r.argv[i]), "argv[%u] \"%s\"", i, o.argv[i]);
	for (unsigned int i = 0; i < o.envc && i < r.envc; i++)
		CHECK(!strcmp(o.envp[i], r.envp[i]), "envp[%u] \"%s\"", i, o.envp[i]);
	CHECK(!strcmp(o.execfn, r.execfn), "AT_EXECFN \"%s\"", o.execfn);
	CHECK(!strcmp(o.platform, want->platform), "AT_PLATFORM \"%s\"", o.platform);
	CHECK(o.random[0] == 0xa5 && o.random[15] == 0xa5, "AT_RANDOM's bytes");
	{
		unsigned int j = 0;

		for (unsigned int i = 0; i < r.auxc; i++) {
			u64 t = r.auxv[i].type;

			if ((t == AT_SYSINFO_EHDR && want->abi == ABI_64) ||
			    t == AT_RSEQ_FEATURE_SIZE || t == AT_RSEQ_ALIGN)
				continue;
			if (j >= o.auxc || o.auxv[j].type != t) {
				ktap_fail("auxv[%u] is type %llu, Linux's next is %llu", j,
					  j < o.auxc ? (unsigned long long)o.auxv[j].type : 0ULL,
					  (unsigned long long)t);
				break;
			}
			if (t == AT_SYSINFO)
				CHECK(o.auxv[j].val == task.mm->vdso + FAKE_VSYSCALL_OFFSET,
				      "AT_SYSINFO %llx", (unsigned long long)o.auxv[j].val);
			else if (t != AT_RANDOM && t != AT_EXECFN && t != AT_PLATFORM && t != AT_HWCAP2 &&
			    (t < AT_UID || t > AT_EGID || aux(r.auxv, r.auxc, AT_UID, &f2) == 0))
				CHECK(o.auxv[j].val == r.auxv[i].val, "auxv type %llu: %llx, Linux %llx",
				      (unsigned long long)t, (unsigned long long)o.auxv[j].val,
				      (unsigned long long)r.auxv[i].val);
			j++;
		}
		CHECK(j == o.auxc, "%u auxv entries, Linux has %u of ours", o.auxc, j);
	}
	free(r.image);
	(void)file;		/* stays: ramfs borrows it */
}

static void failures(void)
{
	static const char *const argv[] = { "x", NULL };
	size_t len;
	unsigned char *bin = install("probe64", "/bin64", 0755, &len), *m;
	struct dentry *d;
	int rc;

	if (!bin) {
		ktap_begin("exec: failures");
		ktap_skip("no probe64");
		return;
	}
	ramfs_mkdir(NULL, "/adir", 0755, NULL);
	ramfs_mknod(NULL, "/noexec", S_IFREG | 0644, 0, 0, &d);
	ramfs_set_borrowed(d->inode, bin, len);
	ramfs_mknod(NULL, "/text", S_IFREG | 0755, 0, 0, &d);
	ramfs_write(d->inode, 0, "hello\n", 6);
	ramfs_mknod(NULL, "/fifo", S_IFIFO | 0755, 0, 0, NULL);
	ramfs_symlink(NULL, "loopy", "/loopy");
	ramfs_symlink(NULL, "bin64", "/via-link");
	install("probe32", "/bin32", 0755, NULL);
	install("probex32", "/binx32", 0755, NULL);

	/* probe64 with a PT_INTERP where its GNU_STACK was. */
	m = malloc(len);
	memcpy(m, bin, len);
	for (unsigned int i = 0; i < *(u16 *)(m + 56); i++) {
		unsigned char *ph = m + *(u64 *)(m + 32) + 56 * i;

		if (*(u32 *)ph == PT_GNU_STACK) {
			memcpy(m + len - 16, "/lib/ld-x.so.2\0", 16);
			*(u32 *)ph = PT_INTERP;
			*(u64 *)(ph + 8) = len - 16;
			*(u64 *)(ph + 32) = 16;
		}
	}
	ramfs_mknod(NULL, "/dynamic", S_IFREG | 0755, 0, 0, &d);
	ramfs_set_borrowed(d->inode, m, len);

#define FAILS(what, path, want, msg) do {					\
		ktap_begin("exec: %s", what);					\
		fresh_task();							\
		rc = do_execve(path, argv, NULL);				\
		CHECK(rc == (want), "rc %d, want %d", rc, want);		\
		CHECK(unchanged(), "the old program must stay intact");	\
		CHECK(!(msg) || strstr(printk_log(), msg ? msg : ""),		\
		      "message: %s", printk_log());				\
	} while (0)

	FAILS("is a missing file ENOENT?", "/nope", -ENOENT, NULL);
	FAILS("is a file below a file ENOTDIR?", "/bin64/x", -ENOTDIR, NULL);
	FAILS("is a directory EACCES?", "/adir", -EACCES, NULL);
	FAILS("is a file without an execute bit EACCES?", "/noexec", -EACCES, NULL);
	FAILS("is a FIFO with execute bits EACCES?", "/fifo", -EACCES, NULL);
	FAILS("is a symlink loop ELOOP?", "/loopy", -ELOOP, NULL);
	FAILS("is a text file ENOEXEC, with a message?", "/text", -ENOEXEC, "not an ELF");
	fake_ia32_on = false;
	FAILS("is an i386 program ENOEXEC with the ia32 emulation off, with a message?",
	      "/bin32", -ENOEXEC, "i386");
	fake_ia32_on = true;
	fake_x32_on = false;
	FAILS("is an x32 program ENOEXEC with x32 off, with a message?",
	      "/binx32", -ENOEXEC, "x32");
	fake_x32_on = true;
	FAILS("is a program whose interpreter is missing ENOENT?", "/dynamic", -ENOENT,
	      "/lib/ld-x.so.2");
	ramfs_mkdir(NULL, "/lib", 0755, NULL);
	ramfs_link(NULL, "/bin64", "/lib/ld-x.so.2");
	FAILS("is a program with an interpreter ENOEXEC (no dynamic linking yet)?",
	      "/dynamic", -ENOEXEC, "dynamically linked");
	FAILS("is an empty path ENOENT?", "", -ENOENT, NULL);

	ktap_begin("exec: do 64-bit and i386 programs exec each other (64 -> 32 -> 64)?");
	fresh_task();
	rc = do_execve("/bin32", argv, NULL);
	CHECK(rc == 0 && task.abi == ABI_IA32 && regs.cs == 0x23 && task.ds == 0x2b &&
	      task.mm->task_size == 0xffffe000UL && task.mm->vdso,
	      "rc %d abi %d cs %lx ds %x", rc, task.abi, regs.cs, task.ds);
	rc = do_execve("/bin64", argv, NULL);
	{
		static struct our_stack o;
		bool found;

		CHECK(rc == 0 && task.abi == ABI_64 && regs.cs == 0x33 && task.ds == 0 &&
		      task.mm->task_size == TASK_SIZE_64 && !task.mm->vdso && live_mms == 1,
		      "rc %d abi %d cs %lx ds %x", rc, task.abi, regs.cs, task.ds);
		CHECK(read_ours(task.mm, regs.sp, &o) &&
		      !aux(o.auxv, o.auxc, AT_SYSINFO, &found) && !found &&
		      !aux(o.auxv, o.auxc, AT_SYSINFO_EHDR, &found) && !found,
		      "a 64-bit program gets no AT_SYSINFO (and no vDSO yet)");
	}

	ktap_begin("exec: does an x32 program load as an x32 task (64-bit code, 4 GiB space)?");
	fresh_task();
	rc = do_execve("/binx32", argv, NULL);
	CHECK(rc == 0 && task.abi == ABI_X32 && regs.cs == 0x33 && task.ds == 0x2b &&
	      task.mm->task_size == 0xffffe000UL && regs.sp < 0xffffe000UL,
	      "rc %d abi %d cs %lx ds %x sp %lx", rc, task.abi, regs.cs, task.ds, regs.sp);

	ktap_begin("exec: does a symlink run its target, named after the link?");
	fresh_task();
	task.vfork_parent = &task;
	rc = do_execve("/via-link", argv, NULL);
	CHECK(rc == 0 && !strcmp(task.comm, "via-link") && !strcmp(task.exe, "/bin64"),
	      "rc %d, comm \"%s\", exe \"%s\"", rc, task.comm, task.exe);
	CHECK(vfork_woken == 1 && !task.vfork_parent, "the vfork parent must be woken");
	CHECK(strlen(task.comm) <= 15, "comm");

	ktap_begin("exec: is a relative path found from the working directory?");
	fresh_task();
	ramfs_lookup("/lib", 0, &fake_cwd);
	rc = do_execve("ld-x.so.2", argv, NULL);
	CHECK(rc == 0 && !strcmp(task.exe, "/lib/ld-x.so.2") && !strcmp(task.comm, "ld-x.so.2"),
	      "rc %d exe %s", rc, task.exe);
	rc = do_execve("bin64", argv, NULL);
	CHECK(rc == -ENOENT, "bin64 is not in /lib: rc %d", rc);
	fake_cwd = NULL;

	ktap_begin("exec: does a NULL argv become { \"\" } with a warning (Linux 5.18+)?");
	fresh_task();
	rc = do_execve("/bin64", NULL, NULL);
	{
		static struct our_stack o;

		CHECK(rc == 0 && read_ours(task.mm, regs.sp, &o) && o.argc == 1 &&
		      !o.argv[0][0] && o.envc == 0 && !strcmp(o.execfn, "/bin64"),
		      "rc %d argc %u argv[0] \"%s\"", rc, o.argc, o.argv[0]);
		CHECK(strstr(printk_log(), "NULL argv"), "no warning: %s", printk_log());
	}
#undef FAILS
}

/*
 * READ_IMPLIES_EXEC: an i386 program without PT_GNU_STACK gets its
 * readable segments and its stack executable (elf_read_implies_exec(),
 * measured on the host: a probe32 without the header maps r-xp and rwxp
 * everywhere); a 64-bit one does not (Linux 5.8 and later).
 */
static void read_implies_exec(void)
{
	static const char *const argv[] = { "x", NULL };
	static const struct { const char *fixture, *path; bool elf64, rie; } cases[] = {
		{ "probe32", "/rie32", false, true },
		{ "probe64", "/rie64", true, false },
	};

	for (unsigned int c = 0; c < 2; c++) {
		size_t len;
		unsigned char *bin = install(cases[c].fixture, cases[c].path, 0755, &len);
		struct elf_image img;
		char msg[200];
		int rc, bad = 0;

		ktap_begin("exec: does a%s program without PT_GNU_STACK get %s?",
			   cases[c].elf64 ? " 64-bit" : "n i386",
			   cases[c].rie ? "READ_IMPLIES_EXEC" : "no READ_IMPLIES_EXEC");
		if (!bin) {
			ktap_skip("no %s", cases[c].fixture);
			continue;
		}
		/* PT_GNU_STACK becomes PT_NULL (the file is ours: install()
		 * read it into memory). */
		elf_check(bin, len, ~0u, &img, msg, sizeof(msg));
		for (unsigned int i = 0; i < img.phnum; i++) {
			unsigned char *ph = bin + img.phoff + i * (img.elf64 ? 56 : 32);

			if (*(u32 *)ph == PT_GNU_STACK)
				*(u32 *)ph = PT_NULL;
		}
		fresh_task();
		rc = do_execve(cases[c].path, argv, NULL);
		CHECK(rc == 0, "rc %d: %s", rc, printk_log());
		if (rc)
			continue;
		for (unsigned int i = 0; i < img.phnum; i++) {
			struct elf_phdr ph;
			struct fpage *pg;

			elf_get_phdr(&img, i, &ph);
			if (ph.type != PT_LOAD || !(ph.flags & PF_R))
				continue;
			pg = page_at(task.mm, img.load_bias + ph.vaddr);
			if (!pg || !!(pg->prot & VM_EXEC) != (cases[c].rie || (ph.flags & PF_X)))
				bad++;
		}
		CHECK(!bad, "%d readable segments with the wrong exec bit", bad);
		{
			struct fpage *pg = page_at(task.mm, regs.sp);

			CHECK(pg && !!(pg->prot & VM_EXEC) == cases[c].rie, "stack prot %d",
			      pg ? pg->prot : -1);
		}
	}
}

/* The room for arguments: E2BIG exactly where the host's Linux says it. */
static void limits(void)
{
	static char *argv[40], *big[32];
	int rc, hrc;

	for (int i = 0; i < 32; i++) {
		big[i] = malloc(MAX_ARG_STRLEN + 2);
		memset(big[i], 'a' + i % 26, MAX_ARG_STRLEN + 1);
		big[i][MAX_ARG_STRLEN + 1] = '\0';
		big[i][MAX_ARG_STRLEN - 1] = '\0';		/* 131071 + NUL */
	}
	if (!install("probe64", "/probe64", 0755, NULL)) {
		ktap_begin("exec: limits");
		ktap_skip("no probe64");
		return;
	}
	/* argv: "probe64", 15 full strings, a tail. The strings (with the
	 * file name "probe64") and 8 bytes per pointer may take 2 MiB. */
	for (int extra = 0; extra <= 1; extra++) {
		size_t tail = (2UL << 20) - 8 * 17 - 8 - 8 - 15 * MAX_ARG_STRLEN + extra;
		char *t = malloc(tail);

		memset(t, 't', tail - 1);
		t[tail - 1] = '\0';
		argv[0] = "probe64";
		for (int i = 0; i < 15; i++)
			argv[1 + i] = big[i];
		argv[16] = t;
		argv[17] = NULL;
		ktap_begin("exec: are argument strings of 2 MiB %s, as on Linux?",
			   extra ? "plus one byte E2BIG" : "minus the pointers accepted");
		fresh_task();
		rc = do_execve("probe64", (const char *const *)argv, NULL);
		hrc = host_exec(fixtures, "probe64", argv, (char *[]){ NULL });
		CHECK(rc == hrc && rc == (extra ? -E2BIG : 0), "ours %d, Linux %d", rc, hrc);
		CHECK(rc == 0 || unchanged(), "the old program must stay intact");
		free(t);
	}
	for (int extra = 0; extra <= 1; extra++) {
		/* strlen 131071 (131072 with the NUL), then 131072. */
		big[0][MAX_ARG_STRLEN - 1] = extra ? 'x' : '\0';
		big[0][MAX_ARG_STRLEN] = '\0';
		argv[0] = "probe64";
		argv[1] = big[0];
		argv[2] = NULL;
		ktap_begin("exec: is a %s-byte argument %s, as on Linux?",
			   extra ? "131073" : "131072", extra ? "E2BIG" : "accepted");
		fresh_task();
		rc = do_execve("probe64", (const char *const *)argv, NULL);
		hrc = host_exec(fixtures, "probe64", argv, (char *[]){ NULL });
		CHECK(rc == hrc && rc == (extra ? -E2BIG : 0), "ours %d, Linux %d", rc, hrc);
	}
	big[0][MAX_ARG_STRLEN - 1] = '\0';
	{
		/* An environment string too long counts the same way. */
		char *envp[] = { big[1], big[2], NULL };

		big[2][MAX_ARG_STRLEN - 1] = 'x';
		ktap_begin("exec: is a too long environment string E2BIG, as on Linux?");
		fresh_task();
		rc = do_execve("probe64", (const char *const *)(char *[]){ "p", NULL },
			       (const char *const *)envp);
		hrc = host_exec(fixtures, "probe64", (char *[]){ "p", NULL }, envp);
		CHECK(rc == hrc && rc == -E2BIG, "ours %d, Linux %d", rc, hrc);
		big[2][MAX_ARG_STRLEN - 1] = '\0';
	}
	for (int i = 0; i < 32; i++)
		free(big[i]);
}

/* sys_execve with user pointers, and the compat one with 32-bit ones. */
static void syscalls(void)
{
	static char longname[5000];
	const char *argv[] = { "/probe64", "arg", NULL };
	const char *bad_argv[] = { "/probe64", BAD_PTR, NULL };
	const char *envp[] = { "A=1", NULL };
	static struct our_stack o;
	long rc;

	ktap_begin("execve: does the system call run a program from user strings?");
	fresh_task();
	rc = __do_sys_execve("/probe64", argv, envp);
	CHECK(rc == 0 && read_ours(task.mm, regs.sp, &o) && o.argc == 2 &&
	      !strcmp(o.argv[1], "arg") && o.envc == 1 && !strcmp(o.envp[0], "A=1"),
	      "rc %ld", rc);

#define SYS_FAILS(what, want, ...) do {						\
		ktap_begin("execve: %s", what);					\
		fresh_task();							\
		rc = __do_sys_execve(__VA_ARGS__);				\
		CHECK(rc == (want), "rc %ld, want %d", rc, want);		\
		CHECK(unchanged(), "the old program must stay intact");	\
	} while (0)
	SYS_FAILS("is a NULL file name EFAULT?", -EFAULT, NULL, argv, envp);
	SYS_FAILS("is a bad file name pointer EFAULT?", -EFAULT, BAD_PTR, argv, envp);
	SYS_FAILS("is a bad argv pointer EFAULT?", -EFAULT, "/probe64", BAD_PTR, envp);
	SYS_FAILS("is a bad envp pointer EFAULT?", -EFAULT, "/probe64", argv, BAD_PTR);
	SYS_FAILS("is a bad argv[1] EFAULT?", -EFAULT, "/probe64", bad_argv, envp);
	SYS_FAILS("is an empty file name ENOENT?", -ENOENT, "", argv, envp);
	memset(longname, 'a', 4096);
	SYS_FAILS("is a 4096-byte file name ENAMETOOLONG?", -ENAMETOOLONG, longname, argv, envp);
	SYS_FAILS("does a missing file come before a bad argv (Linux 6.8+)?", -ENOENT,
		  "/nope", BAD_PTR, envp);
#undef SYS_FAILS

	ktap_begin("execve: does the compat system call read 32-bit pointers?");
	{
		char *low = host_alloc_low(4096);
		u32 *vec = (u32 *)(low + 2048);

		if (!low) {
			ktap_skip("no memory below 4 GiB");
			return;
		}
		strcpy(low, "/probe64");
		strcpy(low + 100, "compat");
		strcpy(low + 200, "B=2");
		vec[0] = (u32)(unsigned long)low;
		vec[1] = (u32)(unsigned long)(low + 100);
		vec[2] = 0;
		vec[3] = (u32)(unsigned long)(low + 200);
		vec[4] = 0;
		fresh_task();
		rc = __do_compat_sys_execve(low, vec, vec + 3);
		CHECK(rc == 0 && read_ours(task.mm, regs.sp, &o) && o.argc == 2 &&
		      !strcmp(o.argv[1], "compat") && o.envc == 1 && !strcmp(o.envp[0], "B=2"),
		      "rc %ld, argc %u", rc, o.argc);
	}
}

/* With randomization (kernel/aslr.c's fakes above): where exec puts the
 * stack, the tables below the strings, and mmap_base. */
static void randomized(void)
{
	const char *argv[] = { "/bin64", NULL };
	unsigned long top = TASK_SIZE_64 - 5 * PAGE_SIZE;
	int rc;

	ktap_begin("exec: with randomization, are the stack top, the tables and mmap_base moved?");
	fresh_task();
	fake_rnd = true;
	rc = do_execve("/bin64", argv, NULL);
	fake_rnd = false;
	CHECK(rc == 0, "rc %d", rc);
	if (rc)
		return;
	/* mmap_base(): the top less the stack rlimit (8 MiB), the guard
	 * gap (1 MiB) and the stack's random range (0x3fffff pages), more
	 * than the 128 MiB minimum that gives setarch -R's 0x7ffff7fff000;
	 * then less arch_mmap_rnd()'s 7 pages. */
	CHECK(task.mm->mmap_base == TASK_SIZE_64 - (9UL << 20) - 0x3fffff000UL - 7 * PAGE_SIZE,
	      "mmap_base %lx", task.mm->mmap_base);
	CHECK(page_at(task.mm, top - 1) && !page_at(task.mm, top),
	      "the stack should end at %lx", top);
	/* The strings end 8 bytes below the top; the tables start 4000
	 * bytes (and the 16-byte alignment) below them. */
	CHECK(regs.sp % 16 == 0 && regs.sp < top - 8 - 4000 && regs.sp > top - 8192 - 4000,
	      "rsp %lx", regs.sp);
	CHECK(task.mm->start_stack == regs.sp, "start_stack %lx", task.mm->start_stack);
}

void test_exec(void)
{
	ramfs_init();
	like_linux("probe64", "run64a", &x86_64);
	like_linux("probe64", "run64c", &x86_64);
	like_linux("probepie", "runpie", &x86_64);
	like_linux("probe32", "run32a", &i386);
	like_linux("probe32", "run32b", &i386);
	like_linux("probepie32", "runpie32", &i386);
	failures();
	read_implies_exec();
	limits();
	syscalls();
	randomized();
	fresh_task();
	mm_put(task.mm);
	task.mm = NULL;
}
