; SPDX-License-Identifier: MIT
;
; Where a 32-bit signal handler returns to when the program set no
; SA_RESTORER: the kernel puts one of these addresses in the signal frame
; as the handler's return address. Linux:
; arch/x86/entry/vdso/vdso32/sigreturn.S, byte for byte.
;
;   __kernel_sigreturn      the old frame (signal(2)-style handlers) starts
;                           with the signal number: pop it, then
;                           sigreturn (119)
;   __kernel_rt_sigreturn   the SA_SIGINFO frame: rt_sigreturn (173)
;
; The exact bytes matter: debuggers (gdb's i386_linux_sigtramp_p) and
; unwinders recognise a signal frame by them. The NOP before each function
; is there because an unwinder looks up the caller of a return address by
; the byte before it; the NOP after `int $0x80` is Linux's landing pad
; (vdso32_sigreturn_landing_pad), never reached by a successful sigreturn.
;
; Unwind tables (.eh_frame, at the end; Linux writes the same bytes by hand
; in sigreturn.S): from here the caller is the code the signal
; interrupted, and its registers are in the frame's sigcontext, at fixed
; offsets from ESP. So the CFA is not ESP plus a constant but the saved
; ESP read from the sigcontext (DW_CFA_def_cfa_expression: ESP + offset,
; dereferenced), and each register's row says "at ESP + offset"
; (DW_CFA_expression). The offsets are the kernel's own frame layout
; (struct sigframe_ia32, struct rt_sigframe_ia32 in asm/sigframe.h,
; through asm-offsets): when the handler returns here its `ret` has
; popped pretcode, so ESP points at the frame's `sig` word, 4 bytes in.
; The CIE's "S" marks these as signal frames: the unwinder looks up the
; interrupted EIP itself, not EIP - 1 as for a return address. Each FDE
; starts one byte early, at the NOP, for unwinders that subtract 1
; anyway (the NOP's reason for being).

bits 32

%include "dwarf.inc"
%include "generated/asm-offsets.inc"

section .text

	nop
	align	16, nop
global __kernel_sigreturn:function (__kernel_sigreturn_end - __kernel_sigreturn)
__kernel_sigreturn:
	pop	eax			; the signal number
.popped_sig:
	mov	eax, 119		; __NR_sigreturn
	int	0x80
	nop
__kernel_sigreturn_end:

	align	16, nop
global __kernel_rt_sigreturn:function (__kernel_rt_sigreturn_end - __kernel_rt_sigreturn)
__kernel_rt_sigreturn:
	mov	eax, 173		; __NR_rt_sigreturn
	int	0x80
	nop
__kernel_rt_sigreturn_end:

section .eh_frame progbits alloc noexec nowrite align=4

; CFA = the word at ESP + %1 (the interrupted ESP, saved in the frame).
%macro CFA_AT 1
	SLEB128_SIZE %1
	db	DW_CFA_def_cfa_expression
	uleb128	1 + sleb128_size + 1		; the expression's length
	db	DW_OP_breg4
	sleb128	%1
	db	DW_OP_deref
%endmacro

; Register %1 is saved at ESP + %2.
%macro REG_AT 2
	SLEB128_SIZE %2
	db	DW_CFA_expression, %1
	uleb128	1 + sleb128_size		; the expression's length
	db	DW_OP_breg4
	sleb128	%2
%endmacro

; The rows for a sigcontext at ESP + %1.
%macro SIGCONTEXT_AT 1
	CFA_AT	(%1) + IA32_SIGCONTEXT_sp
	REG_AT	DW_REG_eax, (%1) + IA32_SIGCONTEXT_ax
	REG_AT	DW_REG_ecx, (%1) + IA32_SIGCONTEXT_cx
	REG_AT	DW_REG_edx, (%1) + IA32_SIGCONTEXT_dx
	REG_AT	DW_REG_ebx, (%1) + IA32_SIGCONTEXT_bx
	REG_AT	DW_REG_ebp, (%1) + IA32_SIGCONTEXT_bp
	REG_AT	DW_REG_esi, (%1) + IA32_SIGCONTEXT_si
	REG_AT	DW_REG_edi, (%1) + IA32_SIGCONTEXT_di
	REG_AT	DW_REG_eip, (%1) + IA32_SIGCONTEXT_ip
%endmacro

	CIE	sigreturn_cie, "zRS"

; __kernel_sigreturn: ESP at sigframe_ia32.sig (offset 4) until the pop,
; at offset 8 after it. The first row also covers the NOP before.
	FDE_START sigreturn_cie, __kernel_sigreturn - 1, __kernel_sigreturn_end
	SIGCONTEXT_AT IA32_SIGFRAME_sigcontext - 4
	ADVANCE	__kernel_sigreturn - 1, __kernel_sigreturn.popped_sig
	SIGCONTEXT_AT IA32_SIGFRAME_sigcontext - 8
	FDE_END

; __kernel_rt_sigreturn: ESP at rt_sigframe_ia32.sig (offset 4) throughout.
	FDE_START sigreturn_cie, __kernel_rt_sigreturn - 1, __kernel_rt_sigreturn_end
	SIGCONTEXT_AT IA32_RT_SIGFRAME_sigcontext - 4
	FDE_END

section .note.GNU-stack noalloc noexec nowrite progbits
