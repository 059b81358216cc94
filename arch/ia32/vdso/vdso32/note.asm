; SPDX-License-Identifier: MIT
;
; The vDSO's "Linux" ELF note (Linux: arch/x86/entry/vdso/vdso32/note.S):
; the kernel's version as LINUX_VERSION_CODE. glibc before 2.36 read it
; (_dl_discover_osversion) to refuse a kernel older than it supports
; without a uname(2) call; eBPF loaders still read it. It says 6.12.0, the
; release uname(2) reports (kernel/sys_process.c): keep the two together.

bits 32

KERNEL_VERSION_6_12_0	equ	(6 << 16) | (12 << 8) | 0

section .note.Linux note alloc noexec nowrite align=4
	dd	6			; n_namesz: "Linux" and its NUL
	dd	4			; n_descsz
	dd	0			; n_type
	db	"Linux", 0
	align	4, db 0
	dd	KERNEL_VERSION_6_12_0	; the descriptor

section .note.GNU-stack noalloc noexec nowrite progbits
