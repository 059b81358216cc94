// SPDX-License-Identifier: MIT
/*
 * ELF executables: checks, placement and the initial stack image, as
 * Linux's fs/binfmt_elf.c (see include/trident/elf.h). Pure code: no
 * kernel state and no allocation, so the host unit tests run it on real
 * binaries and on hostile ones under AddressSanitizer.
 *
 * What Linux checks, and so what we check, is less than the ELF
 * specification allows one to: EI_CLASS, EI_DATA, EI_VERSION and e_version
 * are never looked at (a 64-bit program with EI_CLASS=1 runs on Linux 6.18,
 * measured), the loader is chosen by e_machine and e_phentsize. We do the
 * same, so that every file Linux runs, we run.
 */
#include <trident/elf.h>
#include <trident/compiler.h>
#include <trident/errno.h>
#include <trident/printk.h>
#include <trident/string.h>

#define PAGESTART(x)	((x) & ~(u64)(ELF_PAGE_SIZE - 1))
#define PAGEOFFSET(x)	((x) & (ELF_PAGE_SIZE - 1))
#define PAGEALIGN(x)	PAGESTART((x) + ELF_PAGE_SIZE - 1)
#define INTERP_MAX	4096	/* PATH_MAX */
#define PHDRS_MAX	65536	/* bytes of program headers load_elf_phdrs() reads */

static void say(char *err, size_t errlen, const char *fmt, ...) __printf(3, 4);

static void say(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static const char *const abi_names[] = {
	[ABI_64] = "x86-64", [ABI_X32] = "x32", [ABI_IA32] = "i386",
};

/* ------------------------------------------------------------- checks */

/* The ELF header as one of the two loaders reads it. Linux reads the first
 * 256 bytes of the file into a zeroed buffer (BINPRM_BUF_SIZE), so a short
 * file reads as zeros past its end; we do the same. */
struct ehdr {
	u16 type, machine, phentsize, phnum;
	u64 entry, phoff;
};

static void read_ehdr(const u8 *data, size_t size, bool compat, struct ehdr *h)
{
	u8 buf[sizeof(Elf64_Ehdr)] = { 0 };

	memcpy(buf, data, MIN(size, sizeof(buf)));
	if (compat) {
		Elf32_Ehdr e;

		memcpy(&e, buf, sizeof(e));
		h->type = e.e_type;
		h->machine = e.e_machine;
		h->phentsize = e.e_phentsize;
		h->phnum = e.e_phnum;
		h->entry = e.e_entry;
		h->phoff = e.e_phoff;
	} else {
		Elf64_Ehdr e;

		memcpy(&e, buf, sizeof(e));
		h->type = e.e_type;
		h->machine = e.e_machine;
		h->phentsize = e.e_phentsize;
		h->phnum = e.e_phnum;
		h->entry = e.e_entry;
		h->phoff = e.e_phoff;
	}
}

void elf_get_phdr(const struct elf_image *img, unsigned int i, struct elf_phdr *ph)
{
	const u8 *p;

	if (img->elf64) {
		Elf64_Phdr e;

		p = img->data + img->phoff + i * sizeof(e);
		memcpy(&e, p, sizeof(e));
		ph->type = e.p_type;
		ph->flags = e.p_flags;
		ph->offset = e.p_offset;
		ph->vaddr = e.p_vaddr;
		ph->filesz = e.p_filesz;
		ph->memsz = e.p_memsz;
		ph->align = e.p_align;
	} else {
		Elf32_Phdr e;

		p = img->data + img->phoff + i * sizeof(e);
		memcpy(&e, p, sizeof(e));
		ph->type = e.p_type;
		ph->flags = e.p_flags;
		ph->offset = e.p_offset;
		ph->vaddr = e.p_vaddr;
		ph->filesz = e.p_filesz;
		ph->memsz = e.p_memsz;
		ph->align = e.p_align;
	}
}

/*
 * One loader's load_elf_binary() up to the point of no return: binfmt_elf
 * (compat == false: Elf64, e_machine EM_X86_64) or compat_binfmt_elf
 * (Elf32: EM_386/EM_486 for ia32, EM_X86_64 for x32). *matched is set
 * when e_machine belongs to this loader, so that the caller reports the
 * message of the loader the file was meant for.
 */
static int check_loader(const u8 *data, size_t size, bool compat,
			unsigned int abi_mask, struct elf_image *img,
			bool *matched, char *err, size_t errlen)
{
	size_t entsize = compat ? sizeof(Elf32_Phdr) : sizeof(Elf64_Phdr);
	struct elf_phdr ph;
	struct ehdr h;
	enum task_abi abi;
	size_t table;

	*matched = false;
	read_ehdr(data, size, compat, &h);
	if (h.type != ET_EXEC && h.type != ET_DYN) {
		if (!compat)
			say(err, errlen, "e_type %u: neither an executable (ET_EXEC) "
			    "nor a position-independent one (ET_DYN)", h.type);
		return -ENOEXEC;
	}
	if (!compat && h.machine == EM_X86_64)
		abi = ABI_64;
	else if (compat && (h.machine == EM_386 || h.machine == EM_486))
		abi = ABI_IA32;
	else if (compat && h.machine == EM_X86_64)
		abi = ABI_X32;
	else
		return -ENOEXEC;
	*matched = true;
	if (!(abi_mask & ELF_ABI_BIT(abi))) {
		say(err, errlen, "an %s program: this kernel does not run %s "
		    "programs", abi_names[abi], abi_names[abi]);
		return -ENOEXEC;
	}

	/* load_elf_phdrs(): the table must be what this loader expects,
	 * 1 to 65536 bytes, inside the file (a failed read is ENOEXEC). */
	if (h.phentsize != entsize) {
		say(err, errlen, "e_phentsize %u, want %zu for an %s program",
		    h.phentsize, entsize, abi_names[abi]);
		return -ENOEXEC;
	}
	table = (size_t)h.phnum * entsize;
	if (table == 0 || table > PHDRS_MAX) {
		say(err, errlen, "%u program headers: want 1 to %zu",
		    h.phnum, PHDRS_MAX / entsize);
		return -ENOEXEC;
	}
	if (h.phoff > size || table > size - h.phoff) {
		say(err, errlen, "program headers (%zu bytes at offset %llu) "
		    "run past the end of the file (%zu bytes)", table,
		    (unsigned long long)h.phoff, size);
		return -ENOEXEC;
	}

	img->abi = abi;
	img->elf64 = !compat;
	img->type = h.type;
	img->entry = h.entry;
	img->phoff = h.phoff;
	img->phnum = h.phnum;
	img->interp = NULL;
	img->exstack = EXSTACK_DEFAULT;

	/* The first PT_INTERP names the program interpreter. */
	for (unsigned int i = 0; i < h.phnum; i++) {
		elf_get_phdr(img, i, &ph);
		if (ph.type != PT_INTERP)
			continue;
		if (ph.filesz > INTERP_MAX || ph.filesz < 2) {
			say(err, errlen, "PT_INTERP of %llu bytes: want 2 to %d",
			    (unsigned long long)ph.filesz, INTERP_MAX);
			return -ENOEXEC;
		}
		/* elf_read() -> kernel_read(): a negative position is
		 * EINVAL, a short read EIO. */
		if ((s64)ph.offset < 0 || (s64)(ph.offset + ph.filesz) < 0) {
			say(err, errlen, "PT_INTERP at offset %llu: not a file position",
			    (unsigned long long)ph.offset);
			return -EINVAL;
		}
		if (ph.offset > size || ph.filesz > size - ph.offset) {
			say(err, errlen, "PT_INTERP (%llu bytes at offset %llu) runs "
			    "past the end of the file (%zu bytes)",
			    (unsigned long long)ph.filesz,
			    (unsigned long long)ph.offset, size);
			return -EIO;
		}
		if (data[ph.offset + ph.filesz - 1] != '\0') {
			say(err, errlen, "PT_INTERP path is not NUL-terminated");
			return -ENOEXEC;
		}
		img->interp = (const char *)data + ph.offset;
		break;
	}
	/* The last PT_GNU_STACK says whether the stack is executable. */
	for (unsigned int i = 0; i < h.phnum; i++) {
		elf_get_phdr(img, i, &ph);
		if (ph.type == PT_GNU_STACK)
			img->exstack = (ph.flags & PF_X) ? EXSTACK_ENABLE_X
							 : EXSTACK_DISABLE_X;
	}
	return 0;
}

int elf_check(const void *data, size_t size, unsigned int abi_mask,
	      struct elf_image *img, char *err, size_t errlen)
{
	const u8 *d = data;
	bool native_matched, compat_matched;
	char compat_err[120];
	u16 machine;
	int rc;

	memset(img, 0, sizeof(*img));
	img->data = d;
	img->size = size;
	if (err && errlen)
		err[0] = '\0';

	if (size < SELFMAG || memcmp(d, ELFMAG, SELFMAG) != 0) {
		if (size >= 2 && d[0] == '#' && d[1] == '!')
			say(err, errlen, "a #! script: not supported yet "
			    "(Linux would run its interpreter)");
		else
			say(err, errlen, "not an ELF file (no \\177ELF magic)");
		return -ENOEXEC;
	}

	/* search_binary_handler(): the first loader that does not answer
	 * ENOEXEC decides. */
	rc = check_loader(d, size, false, abi_mask, img, &native_matched,
			  err, errlen);
	if (rc != -ENOEXEC)
		return rc;
	compat_err[0] = '\0';
	rc = check_loader(d, size, true, abi_mask, img, &compat_matched,
			  compat_err, sizeof(compat_err));
	if (rc != -ENOEXEC)
		return rc;

	/* The message of the loader the file was meant for: EI_CLASS, which
	 * no loader checks, still says which one that is. */
	if (compat_matched && (!native_matched || d[EI_CLASS] == ELFCLASS32)) {
		say(err, errlen, "%s", compat_err);
	} else if (!native_matched && err && errlen && !err[0]) {
		machine = size >= 20 ? (u16)(d[18] | d[19] << 8) : 0;
		say(err, errlen, "e_machine %u: not an x86-64, x32 or i386 program",
		    machine);
	}
	return -ENOEXEC;
}

/* ---------------------------------------------------------- placement */

static bool is_power_of_2(u64 x)
{
	return x && !(x & (x - 1));
}

int elf_layout(struct elf_image *img, const struct elf_place *place,
	       char *err, size_t errlen)
{
	u64 first_vaddr = 0, min_addr = ~0ULL, max_addr = 0, align = 0;
	u64 bias = 0, elf_brk = 0, phdr = 0;
	bool any_load = false;
	struct elf_phdr ph;

	/* The segments as the file describes them. */
	for (unsigned int i = 0; i < img->phnum; i++) {
		elf_get_phdr(img, i, &ph);
		if (ph.type != PT_LOAD)
			continue;
		if (!any_load)
			first_vaddr = ph.vaddr;
		any_load = true;
		if (ph.filesz > ph.memsz) {
			say(err, errlen, "segment %u: p_filesz %#llx > p_memsz %#llx", i,
			    (unsigned long long)ph.filesz,
			    (unsigned long long)ph.memsz);
			return -ENOEXEC;
		}
		if (ph.vaddr + ph.memsz < ph.vaddr) {
			say(err, errlen, "segment %u: p_vaddr %#llx + p_memsz "
			    "%#llx overflows", i, (unsigned long long)ph.vaddr,
			    (unsigned long long)ph.memsz);
			return -ENOEXEC;
		}
		if (ph.filesz && (ph.offset > img->size ||
				  ph.filesz > img->size - ph.offset)) {
			say(err, errlen, "segment %u: %#llx bytes at offset %#llx "
			    "run past the end of the file (%#zx bytes)", i,
			    (unsigned long long)ph.filesz,
			    (unsigned long long)ph.offset, img->size);
			return -ENOEXEC;
		}
		/* elf_map() mmaps the file at p_offset - PAGEOFFSET(p_vaddr),
		 * which must be a page boundary. */
		if (ph.filesz && PAGEOFFSET(ph.offset) != PAGEOFFSET(ph.vaddr)) {
			say(err, errlen, "segment %u: p_offset %#llx and p_vaddr "
			    "%#llx differ modulo the page size", i,
			    (unsigned long long)ph.offset,
			    (unsigned long long)ph.vaddr);
			return -ENOEXEC;
		}
		min_addr = MIN(min_addr, PAGESTART(ph.vaddr));
		max_addr = MAX(max_addr, ph.vaddr + ph.memsz);
		if (is_power_of_2(ph.align))
			align = MAX(align, ph.align);
	}
	if (!any_load) {
		say(err, errlen, "no PT_LOAD segment");
		return -ENOEXEC;
	}
	if (align > (1ULL << 62)) {
		say(err, errlen, "p_align %#llx is too large", (unsigned long long)align);
		return -ENOEXEC;
	}
	align = PAGEALIGN(align);

	/*
	 * A static PIE (ET_DYN without PT_INTERP) is a "loader" to Linux: it
	 * goes where mmap(NULL, size) would put it, the top of the mmap area
	 * (0x7ffff7fff000 - size for a 64-bit task with ASLR off), aligned
	 * down to its largest p_align. A PIE with an interpreter would start
	 * at ELF_ET_DYN_BASE; we have no interpreters yet.
	 */
	if (img->type == ET_DYN) {
		if (img->interp) {
			bias = place->et_dyn_base;
			if (align)
				bias &= ~(align - 1);
			bias = PAGESTART(bias - first_vaddr);
		} else {
			u64 total = max_addr - min_addr, top_down;

			if (total == 0 || total > place->mmap_base ||
			    PAGEALIGN(total) > place->mmap_base - ELF_MIN_MMAP_ADDR) {
				say(err, errlen, "segments span %#llx bytes: no room "
				    "for them below %#llx", (unsigned long long)total,
				    (unsigned long long)place->mmap_base);
				return -ENOEXEC;
			}
			top_down = place->mmap_base - PAGEALIGN(total);
			if (align > ELF_PAGE_SIZE)
				bias = PAGESTART((top_down & ~(align - 1)) - first_vaddr);
			else
				bias = top_down - PAGESTART(first_vaddr);
		}
	}

	/* The segments where they will be: inside the task, above
	 * vm.mmap_min_addr (page 0 must never be mapped). */
	img->lowest = ~0ULL;
	img->highest = 0;
	for (unsigned int i = 0; i < img->phnum; i++) {
		u64 k;

		elf_get_phdr(img, i, &ph);
		if (ph.type != PT_LOAD)
			continue;
		k = bias + ph.vaddr;
		if (k >= place->task_size || ph.memsz > place->task_size ||
		    place->task_size - ph.memsz < k) {
			say(err, errlen, "segment %u: [%#llx, +%#llx) is outside "
			    "the user address space (below %#llx)", i,
			    (unsigned long long)k, (unsigned long long)ph.memsz,
			    (unsigned long long)place->task_size);
			return -ENOEXEC;
		}
		if (ph.memsz && PAGESTART(k) < ELF_MIN_MMAP_ADDR) {
			say(err, errlen, "segment %u: address %#llx is below "
			    "vm.mmap_min_addr (%#lx)", i, (unsigned long long)k,
			    ELF_MIN_MMAP_ADDR);
			return -ENOEXEC;
		}
		if (ph.memsz) {
			img->lowest = MIN(img->lowest, PAGESTART(k));
			img->highest = MAX(img->highest, PAGEALIGN(k + ph.memsz));
		}
		/* AT_PHDR: the segment whose file bytes hold the headers. */
		if (ph.offset <= img->phoff && img->phoff - ph.offset < ph.filesz)
			phdr = img->phoff - ph.offset + ph.vaddr;
		elf_brk = MAX(elf_brk, k + ph.memsz);
	}
	if (img->entry + bias >= place->task_size) {
		say(err, errlen, "entry point %#llx is outside the user address "
		    "space", (unsigned long long)(img->entry + bias));
		return -ENOEXEC;
	}

	img->load_bias = bias;
	img->entry_addr = img->entry + bias;
	img->phdr_addr = phdr + bias;
	/* A static PIE's heap starts at ELF_ET_DYN_BASE, away from the mmap
	 * area it was loaded in (Linux 6.x, with or without ASLR). */
	if (img->type == ET_DYN && !img->interp)
		elf_brk = place->et_dyn_base;
	img->brk = PAGEALIGN(elf_brk);
	return 0;
}

/* --------------------------------------------------------------- stack */

static void put_word(u8 *buf, u64 off, u64 val, unsigned int word)
{
	if (word == 8) {
		memcpy(buf + off, &val, 8);
	} else {
		u32 v = (u32)val;

		memcpy(buf + off, &v, 4);
	}
}

int elf_stack_layout(struct elf_stack *st)
{
	size_t nuls = 0, last = 0, plen;
	u64 need, p, words;

	if (st->word != 4 && st->word != 8)
		return -EINVAL;
	if (st->strings_len == 0 || st->strings[st->strings_len - 1] != '\0')
		return -EINVAL;
	for (size_t i = 0; i < st->strings_len; i++) {
		if (st->strings[i] == '\0') {
			if (i + 1 < st->strings_len)
				last = i + 1;	/* where the last string starts */
			nuls++;
		}
	}
	if (nuls != (size_t)st->argc + st->envc + 1)
		return -EINVAL;

	/* Enough room below top for everything, with both alignments. */
	plen = st->platform ? strlen(st->platform) + 1 : 0;
	words = 2 * ((u64)st->auxc + 1) + (u64)st->argc + 1 + st->envc + 1 + 1;
	need = 8 + st->strings_len + st->pad + 15 + plen + 16 + words * st->word + 15;
	if (st->strings_len > st->top || need > st->top)
		return -EINVAL;

	p = st->top - 8;			/* bprm->p = vma end - sizeof(void *) */
	p -= st->strings_len;			/* copy_strings(), top down */
	st->strings_start = p;
	st->execfn_addr = p + last;
	p = (p - st->pad) & ~15ULL;		/* arch_align_stack() */
	if (st->platform) {
		p -= plen;			/* STACK_ALLOC(p, len) */
		st->platform_addr = p;
	} else {
		st->platform_addr = 0;
	}
	p -= 16;
	st->random_addr = p;
	p -= 2 * ((u64)st->auxc + 1) * st->word;	/* STACK_ADD(p, ei_index) */
	p -= ((u64)st->argc + 1 + st->envc + 1 + 1) * st->word;
	st->sp = p & ~15ULL;			/* STACK_ROUND(sp, items) */
	return 0;
}

int elf_stack_build(struct elf_stack *st, void *buf, size_t len)
{
	u8 *b = buf;
	u64 base = st->sp, off, s;

	if (len != st->top - st->sp)
		return -EINVAL;
	memset(b, 0, len);
	memcpy(b + (st->strings_start - base), st->strings, st->strings_len);
	if (st->platform)
		memcpy(b + (st->platform_addr - base), st->platform,
		       strlen(st->platform) + 1);
	memcpy(b + (st->random_addr - base), st->random, 16);

	/* argc, argv[], NULL, envp[], NULL: pointers into the strings. */
	off = 0;
	put_word(b, off, st->argc, st->word);
	off += st->word;
	s = 0;
	for (unsigned int list = 0; list < 2; list++) {
		unsigned int n = list == 0 ? st->argc : st->envc;

		for (unsigned int i = 0; i < n; i++) {
			put_word(b, off, st->strings_start + s, st->word);
			off += st->word;
			s += strlen(st->strings + s) + 1;
		}
		off += st->word;		/* the NULL: zero already */
	}

	/* The auxiliary vector, then AT_NULL (zeros from the memset). */
	for (unsigned int i = 0; i < st->auxc; i++) {
		struct elf_auxv *a = &st->auxv[i];

		if (a->type == AT_RANDOM)
			a->val = st->random_addr;
		else if (a->type == AT_PLATFORM)
			a->val = st->platform_addr;
		else if (a->type == AT_EXECFN)
			a->val = st->execfn_addr;
		put_word(b, off, a->type, st->word);
		put_word(b, off + st->word, a->val, st->word);
		off += 2 * st->word;
	}
	return 0;
}
