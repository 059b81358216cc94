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
; No unwind tables (.eh_frame) yet, unlike Linux: a debugger cannot step
; out of here by CFI.

bits 32

section .text

global __kernel_vsyscall:function (__kernel_vsyscall_end - __kernel_vsyscall)
__kernel_vsyscall:
	push	ecx
	push	edx
	push	ebp
vsyscall_fast:				; patched at boot: see above
	nop
	nop
	nop
	nop
vsyscall_fast_end:
	int	0x80
int80_landing_pad:			; every fast system call returns here
	pop	ebp
	pop	edx
	pop	ecx
	ret
__kernel_vsyscall_end:

section .note.GNU-stack noalloc noexec nowrite progbits
