/* SPDX-License-Identifier: MIT */
/*
 * ELF executables: the file format (include/uapi/linux/elf.h), the checks
 * Linux's binfmt_elf makes before it loads a program, where the program's
 * segments go, and the initial stack image (create_elf_tables()).
 *
 * Everything here is pure computation on bytes in memory: exec.c does the
 * mapping, and the host unit tests run the same code on real binaries.
 */
#ifndef _TRIDENT_ELF_H
#define _TRIDENT_ELF_H

#include <trident/types.h>
#include <trident/task.h>	/* enum task_abi */

/* ------------------------------------------------------------ the format */

#define EI_NIDENT	16
#define EI_MAG0		0	/* "\177ELF" */
#define EI_CLASS	4
#define EI_DATA		5
#define EI_VERSION	6
#define EI_OSABI	7
#define ELFMAG		"\177ELF"
#define SELFMAG		4
#define ELFCLASS32	1
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define EV_CURRENT	1

#define ET_NONE		0
#define ET_REL		1
#define ET_EXEC		2
#define ET_DYN		3
#define ET_CORE		4

#define EM_386		3
#define EM_486		6	/* Linux still accepts it as i386 */
#define EM_X86_64	62

#define PT_NULL		0
#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_INTERP	3
#define PT_NOTE		4
#define PT_SHLIB	5
#define PT_PHDR		6
#define PT_TLS		7
#define PT_GNU_EH_FRAME	0x6474e550
#define PT_GNU_STACK	0x6474e551
#define PT_GNU_RELRO	0x6474e552
#define PT_GNU_PROPERTY	0x6474e553

#define PF_X		0x1
#define PF_W		0x2
#define PF_R		0x4

typedef struct {
	u8  e_ident[EI_NIDENT];
	u16 e_type;
	u16 e_machine;
	u32 e_version;
	u64 e_entry;
	u64 e_phoff;
	u64 e_shoff;
	u32 e_flags;
	u16 e_ehsize;
	u16 e_phentsize;
	u16 e_phnum;
	u16 e_shentsize;
	u16 e_shnum;
	u16 e_shstrndx;
} Elf64_Ehdr;

typedef struct {
	u32 p_type;
	u32 p_flags;
	u64 p_offset;
	u64 p_vaddr;
	u64 p_paddr;
	u64 p_filesz;
	u64 p_memsz;
	u64 p_align;
} Elf64_Phdr;

typedef struct {
	u8  e_ident[EI_NIDENT];
	u16 e_type;
	u16 e_machine;
	u32 e_version;
	u32 e_entry;
	u32 e_phoff;
	u32 e_shoff;
	u32 e_flags;
	u16 e_ehsize;
	u16 e_phentsize;
	u16 e_phnum;
	u16 e_shentsize;
	u16 e_shnum;
	u16 e_shstrndx;
} Elf32_Ehdr;

typedef struct {
	u32 p_type;
	u32 p_offset;
	u32 p_vaddr;
	u32 p_paddr;
	u32 p_filesz;
	u32 p_memsz;
	u32 p_flags;
	u32 p_align;
} Elf32_Phdr;

_Static_assert(sizeof(Elf64_Ehdr) == 64, "Elf64_Ehdr");
_Static_assert(sizeof(Elf64_Phdr) == 56, "Elf64_Phdr");
_Static_assert(sizeof(Elf32_Ehdr) == 52, "Elf32_Ehdr");
_Static_assert(sizeof(Elf32_Phdr) == 32, "Elf32_Phdr");

/* Auxiliary vector types (include/uapi/linux/auxvec.h, asm/auxvec.h). */
#define AT_NULL		0
#define AT_IGNORE	1
#define AT_EXECFD	2
#define AT_PHDR		3
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_BASE		7
#define AT_FLAGS	8
#define AT_ENTRY	9
#define AT_NOTELF	10
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_PLATFORM	15
#define AT_HWCAP	16
#define AT_CLKTCK	17
#define AT_SECURE	23
#define AT_BASE_PLATFORM 24
#define AT_RANDOM	25
#define AT_HWCAP2	26
#define AT_RSEQ_FEATURE_SIZE 27
#define AT_RSEQ_ALIGN	28
#define AT_EXECFN	31
#define AT_SYSINFO	32
#define AT_SYSINFO_EHDR	33
#define AT_MINSIGSTKSZ	51

/* --------------------------------------------------- checking an image */

#define ELF_PAGE_SIZE		4096UL
#define ELF_MIN_MMAP_ADDR	65536UL	/* vm.mmap_min_addr: Debian's default */

/* PT_GNU_STACK: whether the stack is executable (Linux's EXSTACK_*). */
enum elf_exstack {
	EXSTACK_DEFAULT,	/* no PT_GNU_STACK */
	EXSTACK_DISABLE_X,
	EXSTACK_ENABLE_X,
};

/* A program header, whatever the class of the file. */
struct elf_phdr {
	u32 type, flags;
	u64 offset, vaddr, filesz, memsz, align;
};

/* Where the ABI puts things: exec.c's per-ABI descriptor provides them. */
struct elf_place {
	u64 task_size;		/* user addresses are below it */
	u64 mmap_base;		/* top of the top-down mmap area */
	u64 et_dyn_base;	/* ELF_ET_DYN_BASE: the brk of a static PIE */
};

struct elf_image {
	/* The file (exec keeps it alive: ramfs data). */
	const u8 *data;
	size_t size;
	/* Set by elf_check(). */
	enum task_abi abi;
	bool elf64;		/* Elf64 program headers (else Elf32) */
	u16 type;		/* ET_EXEC or ET_DYN */
	u64 entry;		/* e_entry as in the file */
	u64 phoff;
	u16 phnum;
	const char *interp;	/* PT_INTERP path, NUL-terminated in data */
	enum elf_exstack exstack;
	/* Set by elf_layout(). */
	u64 load_bias;		/* added to every p_vaddr (ET_DYN) */
	u64 lowest, highest;	/* page range covered by PT_LOADs */
	u64 brk;		/* mm->start_brk */
	u64 phdr_addr;		/* AT_PHDR */
	u64 entry_addr;		/* AT_ENTRY and the first RIP */
};

#define ELF_ABI_BIT(abi)	(1u << (abi))

/*
 * The checks of Linux's load_elf_binary() up to the point of no return,
 * for the native (64-bit) loader first and the compat (32-bit) one next,
 * as search_binary_handler() tries them. abi_mask says which ABIs the
 * kernel runs (the elf_check_arch() of each loader). Returns 0 with *img
 * filled, or Linux's error for that file: -ENOEXEC (not ours, or a bad
 * header), or -EIO / -EINVAL when the PT_INTERP path cannot be read.
 * err receives a message for the console.
 */
int elf_check(const void *data, size_t size, unsigned int abi_mask,
	      struct elf_image *img, char *err, size_t errlen);

/* Program header i (< img->phnum) of a checked image. */
void elf_get_phdr(const struct elf_image *img, unsigned int i,
		  struct elf_phdr *ph);

/*
 * Places the image (the load bias of a static PIE: the top of the mmap
 * area, as Linux with ASLR off) and checks every PT_LOAD against the file
 * and the address space. Linux finds most of these problems after the
 * point of no return and kills the process with SIGSEGV; we refuse the
 * exec with -ENOEXEC first, so the caller survives.
 */
int elf_layout(struct elf_image *img, const struct elf_place *place,
	       char *err, size_t errlen);

/* ------------------------------------------- the initial stack image */

/* One auxiliary vector entry. */
struct elf_auxv {
	u64 type, val;
};

/*
 * The stack a new program starts with, laid out as Linux's exec does
 * (fs/exec.c copy_strings(), fs/binfmt_elf.c create_elf_tables()), from
 * the top:
 *
 *   top - 8 .. top          8 bytes of zero (bprm->p starts a pointer below)
 *   strings                 argv[0] ... argv[argc-1], envp[0] ... envp[envc-1],
 *                           the file name (AT_EXECFN), each NUL-terminated
 *   (align down to 16)
 *   platform string         AT_PLATFORM: "x86_64" / "i686"
 *   16 random bytes         AT_RANDOM
 *   (gap up to 15 bytes)
 *   auxv pairs, AT_NULL     words of the ABI (8 or 4 bytes)
 *   NULL, envp pointers
 *   NULL, argv pointers
 *   argc                    <- sp, 16-byte aligned
 */
struct elf_stack {
	/* In. */
	u64 top;		/* STACK_TOP */
	unsigned int word;	/* 8 (64-bit) or 4 (ia32 and x32) */
	const char *strings;	/* argv, envp, file name: argc + envc + 1 strings */
	size_t strings_len;
	unsigned int argc, envc;
	const char *platform;	/* NULL: no AT_PLATFORM string */
	const u8 *random;	/* 16 bytes */
	struct elf_auxv *auxv;	/* in order, without AT_NULL; elf_stack_build()
				 * fills AT_RANDOM, AT_PLATFORM and AT_EXECFN */
	unsigned int auxc;
	/* How far below the strings the tables start, before the 16-byte
	 * alignment: arch_align_stack()'s random 0..8191, 0 without ASLR. */
	u64 pad;
	/* Out, from elf_stack_layout(). */
	u64 sp;			/* the first RSP: it points at argc */
	u64 strings_start;	/* argv[0]'s text */
	u64 random_addr, platform_addr, execfn_addr;
};

/* Computes the addresses; -EINVAL when the strings do not match the
 * counts or the image would not fit below top. */
int elf_stack_layout(struct elf_stack *st);
/* Writes the image of [st->sp, st->top) into buf (len == top - sp). */
int elf_stack_build(struct elf_stack *st, void *buf, size_t len);

#endif
