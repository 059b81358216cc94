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

bits 32

section .text

	nop
	align	16, nop
global __kernel_sigreturn:function (__kernel_sigreturn_end - __kernel_sigreturn)
__kernel_sigreturn:
	pop	eax			; the signal number
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

section .note.GNU-stack noalloc noexec nowrite progbits
