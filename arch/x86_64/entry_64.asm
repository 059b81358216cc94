; SPDX-License-Identifier: MIT
;
; The 64-bit ways into the kernel and back out: entry_SYSCALL_64 and the
; two exits (SYSRET and IRET). Linux: arch/x86/entry/entry_64.S.
;
; Every entry builds a struct pt_regs (asm/ptrace.h) at the top of the
; task's kernel stack, in the same place and order, so C sees one frame
; whatever the way in. The stubs only save and restore; C decides
; (do_syscall_64 in syscall_64.c says whether SYSRET is safe).

%include "generated/asm-offsets.inc"
%include "asm/calling.inc"		; PUSH_AND_CLEAR_REGS, POP_REGS	; PT_*, PERCPU_*, selectors, ENOSYS

section .text.entry
bits 64

extern do_syscall_64
extern espfix_waddr, espfix_rsp		; arch/x86_64/espfix.c

; entry_SYSCALL_64: the target of the SYSCALL instruction (MSR_LSTAR),
; used by 64-bit programs and by x32 programs (number | 0x40000000).
;
; What the CPU did (Intel SDM, SYSCALL):
;   RCX    <- RIP of the next instruction (the return address)
;   R11    <- RFLAGS; then RFLAGS &= ~MSR_SYSCALL_MASK (IF, TF, DF, AC... now 0)
;   CS, SS <- __KERNEL_CS, __KERNEL_DS (from MSR_STAR)
; What it did not do: switch RSP (still the user's stack) or GS.
;
; Registers at this point, all the user's:
;   RAX  system call number     RDI RSI RDX R10 R8 R9  arguments 1..6
;   RSP  user stack             RBX RBP R12-R15        preserved for the user
; RCX and R11 are lost to the user by the instruction itself; every other
; register, RAX excepted, is preserved across the call: also on -ENOSYS.
;
; Interrupts stay off until the kernel stack is in use (SYSCALL cleared IF):
; an interrupt on the user stack would be a hole.
global entry_SYSCALL_64
entry_SYSCALL_64:
	swapgs					; GS -> this CPU's struct percpu
	mov	[gs:PERCPU_RSP_SCRATCH], rsp	; park the user RSP
	mov	rsp, [gs:PERCPU_TOP_OF_STACK]	; the task's kernel stack

	; Build pt_regs from the top (ss) down to r15.
	push	qword __USER_DS			; regs->ss
	push	qword [gs:PERCPU_RSP_SCRATCH]	; regs->sp
	push	r11				; regs->flags (user RFLAGS)
	push	qword __USER_CS			; regs->cs
	push	rcx				; regs->ip (return address)
global entry_SYSCALL_64_after_hwframe
entry_SYSCALL_64_after_hwframe:
	push	rax				; regs->orig_ax (the number)
	; regs->di ... regs->r15 with regs->ax = -ENOSYS: the answer if
	; nothing handles the call; then clear what C does not need.
	PUSH_AND_CLEAR_REGS
%ifdef CONFIG_BENCH_ENTRY_FLOOR
	cmp	eax, BENCH_FLOOR_NR		; make bench's floor: no C at all,
	je	.sysret				; -ENOSYS (regs->ax) by SYSRET
%endif

	; do_syscall_64(regs, nr): the number as a 32-bit int, sign-extended
	; to a long, as current Linux takes it (bits 32-63 of RAX are ignored).
	mov	rdi, rsp
	movsxd	rsi, eax
	call	do_syscall_64
	cli					; no interrupt between here and user mode

	; C said whether SYSRET can return this frame exactly (AL = 1).
	test	al, al
	jz	swapgs_restore_regs_and_return_to_usermode
.sysret:
	; SYSRET path: RCX == regs->ip and R11 == regs->flags were checked,
	; so popping regs->cx and regs->r11 gives SYSRET what it needs.
	pop	r15
	pop	r14
	pop	r13
	pop	r12
	pop	rbp
	pop	rbx
	pop	r11				; == regs->flags: SYSRET's RFLAGS
	pop	r10
	pop	r9
	pop	r8
	pop	rax				; the return value
	pop	rcx				; == regs->ip: SYSRET's RIP
	pop	rdx
	pop	rsi
	pop	rdi
	; RSP -> regs->orig_ax; regs->sp is 4 slots above it (ip, cs, flags, sp).
	mov	rsp, [rsp + (PT_RSP - PT_ORIG_RAX)]
	swapgs					; back to the user's GS base
	o64 sysret				; CS=__USER_CS, SS=__USER_DS, RIP=RCX, RFLAGS=R11

; The IRET exit, for everything SYSRET cannot return exactly: a changed
; RIP/RFLAGS/RCX/R11, TF or RF set, a non-canonical or kernel-half RIP,
; other selectors; and for every exception and interrupt from user mode.
; RSP -> pt_regs.
global swapgs_restore_regs_and_return_to_usermode
swapgs_restore_regs_and_return_to_usermode:
	POP_REGS
	add	rsp, 8				; skip regs->orig_ax
	; RSP -> the IRET frame: regs->ip, cs, flags, sp, ss.
	test	byte [rsp + (PT_SS - PT_RIP)], 4	; SS from the LDT (TI bit)?
	jnz	native_irq_return_ldt		; maybe 16-bit: espfix64
	swapgs
; IRET can fault here, in ring 0 with the user's GS base and registers
; already loaded: a sigreturn frame may name a non-canonical RIP or a bad
; CS/SS. idt_entry.asm recognises this address and turns the fault into
; the user's own (SIGSEGV), as Linux's fixup_bad_iret().
global native_irq_return_iret
native_irq_return_iret:
	iretq					; pops ip, cs, flags, sp, ss

; espfix64 (arch/x86_64/espfix.c says why): IRET to an LDT stack segment,
; which may be 16-bit, from a copy of the frame on the espfix stack, so
; that the RSP bits 16-63 a 16-bit SS leaves behind are not the kernel
; stack's. Linux: native_irq_return_ldt.
;   RSP -> the IRET frame on the task's kernel stack (regs->ip ... ss)
;   GS base: the kernel's; every general register: the user's
; RDI is parked on the kernel stack (in the dead regs->orig_ax slot) and
; RAX on the espfix stack below the frame, where the last pop takes it.
; Interrupts are off: nothing else runs on the espfix stack. The task's
; pt_regs stays intact, for fixup_bad_iret if the iretq faults.
native_irq_return_ldt:
	push	rdi				; user RDI -> regs->orig_ax slot
	mov	rdi, [rel espfix_waddr]		; RDI = the frame's place, writable
	mov	[rdi], rax			; user RAX, below the frame
%assign i 0
%rep 5					; RIP, CS, RFLAGS, RSP, SS
	mov	rax, [rsp + 8 + i * 8]
	mov	[rdi + 8 + i * 8], rax
%assign i i + 1
%endrep
	; RAX = the user's RSP: keep bits 16-31 (the 32-bit AND zeroes
	; 32-63), add the espfix alias base and offset (bits 0-11).
	mov	rax, [rsp + 8 + 3 * 8]
	and	eax, 0xffff0000
	or	rax, [rel espfix_rsp]
	pop	rdi				; user RDI back
	mov	rsp, rax			; the alias of the saved RAX
	pop	rax				; user RAX back; RSP -> RIP
	swapgs
	jmp	native_irq_return_iret		; the same iretq: same fault fix-up

; Back to kernel code interrupted by an exception (or a fix-up): no swapgs.
global restore_regs_and_return_to_kernel
restore_regs_and_return_to_kernel:
	POP_REGS
	add	rsp, 8
	iretq

; ret_to_user(regs): first entry of a task into user mode (after exec or
; for a new task). RDI -> a complete pt_regs at the top of the kernel stack.
global ret_to_user
ret_to_user:
	cli
	mov	rsp, rdi
	jmp	swapgs_restore_regs_and_return_to_usermode

; ignore_sysret: where a compat-mode (32-bit code segment) SYSCALL lands
; when there is no IA32 emulation (MSR_CSTAR). Nothing was saved and the
; stack is still the user's: just answer -ENOSYS and go back with SYSRETL,
; which returns to 32-bit code at ECX with EFLAGS from R11.
global ignore_sysret
ignore_sysret:
	mov	eax, -ENOSYS
	o32 sysret
