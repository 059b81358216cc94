; SPDX-License-Identifier: MIT
;
; __restore_rt: where an x32 signal handler returns (sa_restorer). RSP
; points 8 bytes into the kernel's rt_sigframe_x32 (its 8-byte pretcode
; was popped); x32's rt_sigreturn is 513 with __X32_SYSCALL_BIT.

bits 64

section .text
	nop
global __restore_rt:function
__restore_rt:
	mov	eax, 0x40000201		; __NR_x32_rt_sigreturn = 513 | 0x40000000
	syscall

section .note.GNU-stack noalloc noexec nowrite progbits
