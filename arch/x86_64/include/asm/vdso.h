/* SPDX-License-Identifier: MIT */
/*
 * The 32-bit vDSO (arch/ia32/vdso/): linux-gate.so.1, a small ELF shared
 * object that exec maps into every ia32 task. AT_SYSINFO_EHDR gives its
 * address, AT_SYSINFO that of __kernel_vsyscall, the fast way into the
 * kernel for this CPU. The fast entries (SYSENTER, compat SYSCALL) return
 * to its landing pad, since SYSENTER saves no return address.
 *
 * Where it goes, as Linux 6.x with ASLR off (measured on the 6.18 host
 * with `setarch -R` and a static -m32 program): the first free range
 * below mmap_base (0xf7ffe000 for a 32-bit task), after the program's own
 * segments: a static ET_EXEC program finds the vDSO at 0xf7ffc000, a
 * static PIE (which itself sits at the top of the mmap area) right below
 * the PIE. Linux's range holds pages of data for its clock functions and
 * then the two pages of its vdso32 image; we have no clock functions, but
 * we keep both sizes, so that the vDSO and everything mmap puts below it
 * land where Linux puts them. The data pages are an inaccessible mapping
 * here (Linux's [vvar] can be read). Their number changed: 6.18 (the
 * host) has six ([vvar] 4 and [vvar_vclock] 2), 6.12 four ([vvar]); we
 * follow the host, so a 32-bit program's first mmap lands at 0xf7ff5000
 * as on 6.18 (0xf7ff7000 on 6.12). AT_SYSINFO_EHDR is the same on both.
 */
#ifndef _ASM_VDSO_H
#define _ASM_VDSO_H

#include <trident/types.h>
#include <trident/mm.h>
#include <generated/autoconf.h>

struct mm;
struct task;

#define VDSO32_SIZE		(2 * PAGE_SIZE)	/* the image's mapping */
#define VDSO32_VVAR_SIZE	(6 * PAGE_SIZE)	/* below it: Linux's vvar pages */

#ifdef CONFIG_IA32_EMULATION
/*
 * Copies the image into the page tasks share and patches
 * __kernel_vsyscall for this CPU (boot_cpu.vendor: call it after
 * cpu_detect(); it allocates nothing). Prints one line naming the
 * instruction, or that the vDSO is off when ia32_enabled() is false
 * (which it is not before parse_cmdline() has seen ia32_emulation=0).
 */
void vdso32_init(void);
/* "SYSENTER", "SYSCALL" or "int $0x80": what __kernel_vsyscall uses. */
const char *vdso32_entry_name(void);
/*
 * Maps the vDSO into a new ia32 address space (exec, before the point of
 * no return; mm->mmap_base and the program's segments already in place)
 * and sets mm->vdso. 0, or -ENOMEM. Maps nothing, and leaves mm->vdso 0,
 * when vdso32_init() has not run.
 */
int vdso32_map(struct mm *mm);
/* Addresses in t's (or mm's) vDSO; 0 when it has none. */
unsigned long vdso32_vsyscall(const struct mm *mm);	/* AT_SYSINFO */
unsigned long vdso32_landing_pad(struct task *t);
extern const unsigned long vdso32_landing_pad_offset;		/* in the image */	/* after its int $0x80 */
unsigned long vdso32_sigreturn(const struct task *t);	/* __kernel_sigreturn */
unsigned long vdso32_rt_sigreturn(const struct task *t); /* __kernel_rt_sigreturn */
#endif

#endif
