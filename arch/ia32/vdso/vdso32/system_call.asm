; SPDX-License-Identifier: MIT
;
; __kernel_vsyscall: the way into the kernel that a 32-bit program is meant
; to use. Linux: arch/x86/entry/vdso/vdso32/system_call.S; the bytes are the
; same (compare a dump of the host's vDSO: AT_SYSINFO points here).
;
; The program calls it with the int $0x80 convention and gets the same
; contract back:
;
;   EAX                      number in, result out
;   EBX ECX EDX ESI EDI EBP  arguments 1..6
;   every register but EAX   preserved
;
; glibc finds it through AT_SYSINFO and does `call *%gs:0x10`; our libc
; does `call *__sysinfo` (libc/arch/i386/syscall_arch.h).
;
; The four bytes at vsyscall_fast are NOPs in this file. The kernel patches
; them at boot (arch/ia32/vdso/vdso32.c, as Linux's ALTERNATIVE_2) with the
; fast instruction this CPU has in compatibility mode:
;
;   Intel:  mov ebp, esp ; sysenter  SYSENTER saves neither EIP nor ESP, so
;                                    EBP carries ESP (arg 6 is at 0(%ebp))
;                                    and the kernel always returns to
;                                    int80_landing_pad.
;   AMD:    mov ebp, ecx ; syscall   SYSCALL overwrites ECX with the return
;                                    EIP, so arg 2 moves to EBP; arg 6 is
;                                    at 0(%esp). The kernel returns to
;                                    int80_landing_pad too.
;   other:  NOPs: execution falls into int $0x80.
;
; (Intel raises #UD for SYSCALL in compatibility mode, AMD for SYSENTER in
; long mode: neither sequence works on both.)
;
; Why the three pushes: the fast paths clobber ECX (and SYSEXIT, in 32-bit
; kernels, EDX), and EBP is borrowed; the landing pad pops them back. A
; nicer sequence exists, but Android builds of 2015 hard-coded this one
; (Linux keeps it for them; so do we, byte for byte).
;
; The int $0x80 after the fast instruction is also the instruction a
; restarted system call re-runs: the kernel returns to the landing pad,
; and a restart backs EIP up by two bytes, onto `int $0x80`.
;
; Unwind tables (.eh_frame, at the end; Linux writes them with CFI_*
; macros) say where the three pushes keep ECX, EDX and EBP at each
; instruction, so that a debugger, or libgcc's _Unwind_Backtrace in the
; SIGTRAP handler of a single-stepped program (Linux's unwind_vdso_32
; selftest), finds the caller and its registers from anywhere in here.
; The fast instruction changes EBP and ECX, never ESP, so the rows need
; not know which one the kernel patched in.

bits 32

%include "dwarf.inc"

section .text

global __kernel_vsyscall:function (__kernel_vsyscall_end - __kernel_vsyscall)
__kernel_vsyscall:
	push	ecx
.pushed_ecx:
	push	edx
.pushed_edx:
	push	ebp
.pushed_ebp:
vsyscall_fast:				; patched at boot: see above
	nop
	nop
	nop
	nop
vsyscall_fast_end:
	int	0x80
int80_landing_pad:			; every fast system call returns here
	pop	ebp
.popped_ebp:
	pop	edx
.popped_edx:
	pop	ecx
.popped_ecx:
	ret
__kernel_vsyscall_end:

section .eh_frame progbits alloc noexec nowrite align=4

; One row per stack change: CFA = ESP + 4 + 4 * (words pushed); the
; pushed registers at CFA - 8, CFA - 12, CFA - 16 (DW_CFA_offset counts
; in units of -4). After each pop the register is the caller's again.
	CIE	vsyscall_cie, "zR"
	FDE_START vsyscall_cie, __kernel_vsyscall, __kernel_vsyscall_end
	ADVANCE	__kernel_vsyscall, __kernel_vsyscall.pushed_ecx
	db	DW_CFA_def_cfa_offset, 8
	db	DW_CFA_offset | DW_REG_ecx, 2
	ADVANCE	__kernel_vsyscall.pushed_ecx, __kernel_vsyscall.pushed_edx
	db	DW_CFA_def_cfa_offset, 12
	db	DW_CFA_offset | DW_REG_edx, 3
	ADVANCE	__kernel_vsyscall.pushed_edx, __kernel_vsyscall.pushed_ebp
	db	DW_CFA_def_cfa_offset, 16
	db	DW_CFA_offset | DW_REG_ebp, 4
	ADVANCE	__kernel_vsyscall.pushed_ebp, int80_landing_pad.popped_ebp
	db	DW_CFA_def_cfa_offset, 12
	db	DW_CFA_restore | DW_REG_ebp
	ADVANCE	int80_landing_pad.popped_ebp, int80_landing_pad.popped_edx
	db	DW_CFA_def_cfa_offset, 8
	db	DW_CFA_restore | DW_REG_edx
	ADVANCE	int80_landing_pad.popped_edx, int80_landing_pad.popped_ecx
	db	DW_CFA_def_cfa_offset, 4
	db	DW_CFA_restore | DW_REG_ecx
	FDE_END

section .note.GNU-stack noalloc noexec nowrite progbits
