; SPDX-License-Identifier: MIT
;
; Switching kernel stacks between tasks. Linux: __switch_to_asm in entry_64.S.
;
; void __switch_to(unsigned long *prev_sp, unsigned long next_sp)
;   RDI -> where to save the current kernel RSP (prev->thread_sp)
;   RSI =  the next task's saved kernel RSP (next->thread_sp)
; Only the C callee-saved registers need saving: the caller (schedule)
; expects everything else clobbered anyway. The user's registers are not
; here: they are in each task's pt_regs at the top of its stack.

%include "generated/asm-offsets.inc"

section .text
bits 64

global __switch_to
__switch_to:
	push	rbp
	push	rbx
	push	r12
	push	r13
	push	r14
	push	r15
	mov	[rdi], rsp		; prev->thread_sp
	mov	rsp, rsi		; next->thread_sp
	; An interrupt from user mode loads SS with the null selector. AMD
	; CPUs (and Bochs, every model) keep SS's cached attributes across
	; SYSRET, which only loads the selector: a task that goes back to
	; 32-bit code by SYSRETL after such a switch would run on a broken
	; (16-bit) stack. Linux's X86_BUG_SYSRET_SS_ATTRS fix: make SS a real
	; kernel data segment again here. Bochs showed it (docs/emulators.md).
	mov	eax, ss
	cmp	eax, __KERNEL_DS
	je	.ss_ok
	mov	eax, __KERNEL_DS
	mov	ss, eax
.ss_ok:
	pop	r15
	pop	r14
	pop	r13
	pop	r12
	pop	rbx
	pop	rbp
	ret				; into schedule() of the next task, or ret_from_fork

; A new task's first "return" from __switch_to lands here (fork.c builds
; the stack so): leave for user mode with the pt_regs at the top of the
; kernel stack, which fork copied from the parent with RAX = 0.
extern ret_to_user
extern schedule_tail
extern exit_to_user_mode
global ret_from_fork
ret_from_fork:
	call	schedule_tail
	; A signal may have come before the child first ran: deliver it on
	; the way out, as every other return to user mode does.
	mov	rdi, [gs:PERCPU_TOP_OF_STACK]
	sub	rdi, PT_REGS_SIZE
	call	exit_to_user_mode
	mov	rdi, [gs:PERCPU_TOP_OF_STACK]
	sub	rdi, PT_REGS_SIZE
	jmp	ret_to_user
