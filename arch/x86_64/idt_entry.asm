; SPDX-License-Identifier: MIT
;
; Exception and interrupt stubs: one small stub per vector that completes
; the struct pt_regs and calls C. Linux: idtentry in entry_64.S.
;
; What the CPU did on an exception or interrupt:
;   from ring 3: loaded RSP from TSS.RSP0 (the task's kernel stack top),
;   then, from either ring, pushed SS, RSP, RFLAGS, CS, RIP and, for some
;   exceptions (8, 10-14, 17, 21, 29, 30), an error code; cleared IF
;   (interrupt gates) and TF.
; The stub pushes -1 where there is no error code, so the code sits in
; regs->orig_ax either way (as Linux), then RDI into regs->di, and passes
; the vector in EDI to the common part, which pushes the rest.
;
; GS: an entry from ring 3 must swapgs; one from ring 0 must not. The saved
; CS says which, except for a fault of the iretq back to user mode
; (PUSH_REST) and a #DB in ring 0 (exc_1's paranoid path). No NMIs are
; sent, so the NMI case of Linux's paranoid_entry cannot happen.
;
; With CR4.FSGSBASE (arch/x86_64/fsgsbase.c) a program can put any
; canonical value into its GS base, a kernel-half one too (WRGSBASE). That
; is harmless here because nothing looks at the GS base's value: Linux's
; paranoid_entry without FSGSBASE guesses "kernel GS" from a negative
; MSR_GS_BASE, a guess WRGSBASE can fool, hence its RDGSBASE/WRGSBASE
; variant; exc_1's kernel path compares MSR_GS_BASE with the kernel's
; exact value instead, which no user base can fool. The only kernel-mode
; entries with the user's GS base live are that #DB (on an entry's first
; instruction, after MOV SS or with TF) and the iretq fault (swapgs on the
; known RIP). An NMI, #MC or #DF there would run C with the
; user's GS base; none is expected (no NMI source, CR4.MCE off, a #DF is
; fatal anyway), so none gets Linux's paranoid treatment.

%include "generated/asm-offsets.inc"
%include "asm/smap.inc"

section .text.entry
bits 64

extern do_exception
extern do_irq
extern swapgs_restore_regs_and_return_to_usermode
extern restore_regs_and_return_to_kernel
extern native_irq_return_iret
extern fixup_bad_iret

%macro EXCEPTION 1
exc_%1:
	push	qword -1			; regs->orig_ax: no error code
	push	rdi				; regs->di
	mov	edi, %1
	jmp	exception_common
%endmacro

%macro EXCEPTION_ERRCODE 1
exc_%1:
	; the CPU pushed the error code into the regs->orig_ax slot
	push	rdi				; regs->di
	mov	edi, %1
	jmp	exception_common
%endmacro

%macro IRQ 1
irq_%1:
	push	qword -1			; regs->orig_ax
	push	rdi				; regs->di
	mov	edi, %1
	jmp	irq_common
%endmacro

; Push regs->si ... regs->r15 below regs->di.
%macro PUSH_GPRS 0
	push	rsi				; regs->si
	push	rdx				; regs->dx
	push	rcx				; regs->cx
	push	rax				; regs->ax
	push	r8				; regs->r8
	push	r9				; regs->r9
	push	r10				; regs->r10
	push	r11				; regs->r11
	push	rbx				; regs->bx
	push	rbp				; regs->bp
	push	r12				; regs->r12
	push	r13				; regs->r13
	push	r14				; regs->r14
	push	r15				; regs->r15
%endmacro

; The rest of the frame (RDI = vector, kept), then GS by the saved CS.
%macro PUSH_REST 0
	PUSH_GPRS
	test	byte [rsp + PT_CS], 3		; from user mode?
	jnz	%%user
	; From the kernel. One kernel instruction faults with the user's GS
	; base live: the iretq back to user mode, when the frame it pops is
	; not one the CPU accepts. Then swapgs, and let C rebuild the frame
	; as the user's (fixup_bad_iret returns it, at the top of the
	; stack); from there on it is a fault from user mode. RBX (saved in
	; the frame already) keeps the vector across the call.
	lea	rax, [rel native_irq_return_iret]
	cmp	[rsp + PT_RIP], rax
	jne	%%kernel
	swapgs
	mov	ebx, edi
	mov	rdi, rsp
	cld
	call	fixup_bad_iret
	mov	rsp, rax
	mov	edi, ebx
	jmp	%%kernel
%%user:
	swapgs
%%kernel:
	; An interrupt gate keeps EFLAGS.AC: a user (or a STAC window) that
	; had it set would run C with SMAP off. Its flags are saved already.
	ASM_CLAC
	mov	esi, edi			; arg 2: the vector
	mov	rdi, rsp			; arg 1: regs
	cld					; the C ABI wants DF clear
%endmacro

%macro RETURN 0
	cli
	test	byte [rsp + PT_CS], 3
	jz	restore_regs_and_return_to_kernel
	jmp	swapgs_restore_regs_and_return_to_usermode
%endmacro

exception_common:
	PUSH_REST
	call	do_exception
	RETURN

irq_common:
	PUSH_REST
	call	do_irq
	RETURN

; Vectors 0-31: Intel SDM vol. 3, table 6-1.
EXCEPTION 0			; #DE divide error
; #DB runs on its own IST stack (asm/desc.h). From ring 3 the frame moves
; to the task's kernel stack (TSS.RSP0) and goes on as any exception: a
; task may sleep or exit there, never on the IST stack.
; From ring 0 it may come with either GS base live: the MOV SS / POP SS
; shadow (CVE-2018-8897) delays the #DB of a user watchpoint on the
; selector's memory past the next instruction, and when that one is
; SYSCALL, SYSENTER, INT n or faults, the #DB arrives on the kernel
; entry's first instruction, before its SWAPGS (for SYSCALL also with
; the user's RSP, hence the IST stack); a single step does the same
; after SYSENTER (which keeps TF) or SYSCALL (seen on Bochs's AMD model).
; The saved CS cannot tell, so this path is "paranoid" as Linux's
; paranoid_entry: the GS base decides. It is this CPU's struct percpu
; (kernel_gs_base) exactly when the kernel's is live; a user base of the
; very same value makes both choices equal. The handler (traps.c's
; do_debug_kernel) runs on the IST stack with interrupts off, and the
; GS base goes back as it was before the IRET.
exc_1:
extern entry_SYSCALL_64, tss_io		; arch/x86_64/gdt.c: the TSS comes first
extern kernel_gs_base, do_debug_kernel
	test	byte [rsp + 8], 3		; the CS of the hardware frame
	jnz	.user
	push	qword -1			; regs->orig_ax
	push	rdi				; regs->di
	PUSH_GPRS
	mov	ecx, 0xc0000101			; MSR_GS_BASE
	rdmsr
	shl	rdx, 32
	or	rax, rdx			; RAX = the live GS base
	xor	ebx, ebx			; RBX (callee-saved) = 1: swapped
	cmp	rax, [rel kernel_gs_base]
	je	.kernel_gs
	swapgs
	mov	ebx, 1
.kernel_gs:
	ASM_CLAC
	mov	rdi, rsp			; arg 1: regs
	cld
	call	do_debug_kernel
	test	ebx, ebx
	jz	.no_swapgs
	swapgs					; the user's GS base again
.no_swapgs:
	jmp	restore_regs_and_return_to_kernel
.user:
	; Copy the 5-word hardware frame from the IST stack to the top of
	; the task's stack (no GS yet: TSS.RSP0 says where), continue there.
	push	rax
	push	rcx
	mov	rcx, [tss_io + 4]		; TSS.RSP0
	sub	rcx, 5 * 8
%assign i 0
%rep 5
	mov	rax, [rsp + 16 + i * 8]
	mov	[rcx + i * 8], rax
%assign i i + 1
%endrep
	mov	rax, [rsp + 8]			; the user's rax back
	xchg	rsp, rcx			; rsp = the copied frame; rcx -> saved rcx
	mov	rcx, [rcx]			; the user's rcx back
.frame:
	push	qword -1			; regs->orig_ax
	push	rdi				; regs->di
	mov	edi, 1
	jmp	exception_common
EXCEPTION 2			; NMI
EXCEPTION 3			; #BP int3
EXCEPTION 4			; #OF into
EXCEPTION 5			; #BR bound
EXCEPTION 6			; #UD invalid opcode
EXCEPTION 7			; #NM device not available
EXCEPTION_ERRCODE 8		; #DF double fault (error code 0)
EXCEPTION 9			; coprocessor segment overrun (old)
EXCEPTION_ERRCODE 10		; #TS invalid TSS
EXCEPTION_ERRCODE 11		; #NP segment not present
EXCEPTION_ERRCODE 12		; #SS stack fault
EXCEPTION_ERRCODE 13		; #GP general protection
EXCEPTION_ERRCODE 14		; #PF page fault
EXCEPTION 15			; reserved
EXCEPTION 16			; #MF x87 error
EXCEPTION_ERRCODE 17		; #AC alignment check
EXCEPTION 18			; #MC machine check
EXCEPTION 19			; #XM SIMD error
EXCEPTION 20			; #VE virtualization
EXCEPTION_ERRCODE 21		; #CP control protection
EXCEPTION 22
EXCEPTION 23
EXCEPTION 24
EXCEPTION 25
EXCEPTION 26
EXCEPTION 27
EXCEPTION 28			; #HV
EXCEPTION_ERRCODE 29		; #VC
EXCEPTION_ERRCODE 30		; #SX
EXCEPTION 31

; Vectors 32-47: the legacy PIC's IRQ 0-15, remapped (arch/x86_64/irq.c).
%assign i 32
%rep 16
IRQ i
%assign i i + 1
%endrep

section .rodata
; The stubs' addresses for idt_init(): exception_stubs[0..31], irq_stubs[0..15].
global exception_stubs, irq_stubs
exception_stubs:
%assign i 0
%rep 32
	dq exc_ %+ i
%assign i i + 1
%endrep
irq_stubs:
%assign i 32
%rep 16
	dq irq_ %+ i
%assign i i + 1
%endrep
