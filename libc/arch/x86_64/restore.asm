; SPDX-License-Identifier: MIT
;
; __restore_rt: where a 64-bit signal handler returns (sa_restorer, which
; src/signal.c always sets with SA_RESTORER). The handler's `ret` popped
; the frame's pretcode, so RSP points 8 bytes into the kernel's
; rt_sigframe, which is what rt_sigreturn (15) expects. glibc's is the
; same two instructions (debuggers recognise a signal frame by them).

bits 64

section .text
	nop				; unwinders look up the byte before a return address
global __restore_rt:function
__restore_rt:
	mov	eax, 15			; __NR_rt_sigreturn
	syscall

section .note.GNU-stack noalloc noexec nowrite progbits
