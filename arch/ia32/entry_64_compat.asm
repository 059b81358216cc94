; SPDX-License-Identifier: MIT
;
; The ways 32-bit code enters a 64-bit kernel: int $0x80, SYSENTER and
; SYSCALL from compatibility mode. Linux: arch/x86/entry/entry_64_compat.S.
;
; Each builds the same struct pt_regs as entry_SYSCALL_64 (asm/ptrace.h)
; and calls C (arch/ia32/syscall_32.c), which runs the ia32 table and says
; whether the fast return (SYSRETL) is safe. The ia32 convention:
;   EAX  system call number           EBX ECX EDX ESI EDI EBP  arguments 1..6
;   EAX  result
; Built only with CONFIG_IA32_EMULATION.

%include "generated/asm-offsets.inc"
%include "asm/calling.inc"		; PUSH_AND_CLEAR_REGS
%include "asm/smap.inc"			; ASM_CLAC

section .text.entry
bits 64

extern do_int80_syscall_32
extern do_SYSENTER_32
extern do_fast_syscall_32
extern swapgs_restore_regs_and_return_to_usermode

X86_EFLAGS_FIXED equ 0x2
X86_EFLAGS_TF    equ 0x100
X86_EFLAGS_IF    equ 0x200
X86_EFLAGS_NT    equ 0x4000
X86_EFLAGS_AC    equ 0x40000


; entry_INT80_compat: `int $0x80`, from 32-bit code or from 64-bit code
; (both reach the ia32 table, with arguments zero-extended from 32 bits).
;
; What the CPU did: the gate is a DPL-3 interrupt gate, so from ring 3 it
; loaded RSP from TSS.RSP0 (the task's kernel stack top), pushed SS, RSP,
; RFLAGS, CS, RIP, cleared IF and TF. Every register is still the user's.
; Since Linux 4.17 every register but RAX comes back unchanged, R8-R11
; included; the return is always IRET.
global entry_INT80_compat
entry_INT80_compat:
	swapgs
	mov	eax, eax			; the number is 32 bits: drop RAX's high half
	push	rax				; regs->orig_ax (the number)
	PUSH_AND_CLEAR_REGS
	ASM_CLAC				; the gate kept the user's AC (SMAP)
	cld
%ifdef CONFIG_BENCH_ENTRY_FLOOR
	cmp	eax, BENCH_FLOOR_NR		; make bench's floor: no C at all,
	je	swapgs_restore_regs_and_return_to_usermode	; -ENOSYS by IRET
%endif
	mov	rdi, rsp
	call	do_int80_syscall_32
	cli
	jmp	swapgs_restore_regs_and_return_to_usermode

; entry_SYSENTER_compat: SYSENTER from 32-bit code (the vDSO's
; __kernel_vsyscall on Intel CPUs).
;
; What the CPU did: CS = SYSENTER_CS (__KERNEL_CS), SS = CS + 8,
; RIP = SYSENTER_EIP, RSP = SYSENTER_ESP (this CPU's small entry stack),
; cleared IF and VM. Nothing else: no return address is saved, TF is not
; cleared, RFLAGS is the user's. The vDSO did
;     push ecx; push edx; push ebp; mov ebp, esp; sysenter
; so EBP holds the user ESP, and arg 6 (the user's EBP) is at 0(%ebp).
; The return goes to the vDSO's landing pad (C sets regs->ip), by SYSRETL
; when nothing forbids it.
global entry_SYSENTER_compat
entry_SYSENTER_compat:
	swapgs
	mov	rsp, [gs:PERCPU_TOP_OF_STACK]	; the task's kernel stack

	push	qword __USER_DS			; regs->ss
	push	qword 0			; regs->sp: C copies it from regs->bp
	; RFLAGS is the user's, except IF (SYSENTER cleared it; C sets it
	; back in regs->flags).
	pushfq					; regs->flags
	push	qword __USER32_CS		; regs->cs
	push	qword 0				; regs->ip: C sets the landing pad
	mov	eax, eax
	push	rax				; regs->orig_ax
	PUSH_AND_CLEAR_REGS
	cld
%ifdef CONFIG_BENCH_ENTRY_FLOOR
	cmp	eax, BENCH_FLOOR_NR		; make bench's floor (below)
	je	.bench_floor
%endif

	; SYSENTER keeps NT, AC and TF from user mode. NT would make the next
	; IRET fault; AC would allow user accesses under SMAP; TF single-steps
	; this code (the #DB stub ignores traps in this region). Run with
	; clean flags; the user's are saved in regs->flags.
	test	dword [rsp + PT_EFLAGS], X86_EFLAGS_NT | X86_EFLAGS_AC | X86_EFLAGS_TF
	jz	.flags_fixed
	push	qword X86_EFLAGS_FIXED
	popfq
.flags_fixed:
	mov	rdi, rsp
	call	do_SYSENTER_32
	jmp	sysret32_from_system_call
%ifdef CONFIG_BENCH_ENTRY_FLOOR
; What do_SYSENTER_32 does to the frame, and no more: regs->sp from the
; vDSO's EBP, IF back on; then the common floor exit.
.bench_floor:
	mov	rcx, [rsp + PT_RBP]
	mov	[rsp + PT_RSP], rcx
	or	qword [rsp + PT_EFLAGS], X86_EFLAGS_IF
	jmp	bench_floor_fast32
%endif
global __end_entry_SYSENTER_compat
__end_entry_SYSENTER_compat:

; entry_SYSCALL_compat: SYSCALL from 32-bit code (MSR_CSTAR; the vDSO's
; __kernel_vsyscall on AMD CPUs).
;
; What the CPU did: as for 64-bit SYSCALL: ECX = return EIP, R11 = RFLAGS,
; RFLAGS &= ~SYSCALL_MASK, CS/SS from STAR; RSP is still the user's. The
; vDSO did
;     push ecx; push edx; push ebp; mov ebp, ecx; syscall
; so EBP holds arg 2 (ECX was needed for the return address), and arg 6
; (the user's EBP) is at 0(%esp).
global entry_SYSCALL_compat
entry_SYSCALL_compat:
	swapgs
	mov	r8, rsp				; user RSP (r8 is not an ia32 register)
	mov	rsp, [gs:PERCPU_TOP_OF_STACK]

	push	qword __USER_DS			; regs->ss
	push	r8				; regs->sp
	push	r11				; regs->flags
	push	qword __USER32_CS		; regs->cs
	push	rcx				; regs->ip (C replaces it with the landing pad)
	mov	eax, eax
	push	rax				; regs->orig_ax
	push	rdi				; regs->di
	push	rsi				; regs->si
	push	rdx				; regs->dx
	push	rbp				; regs->cx: arg 2, stashed in EBP by the vDSO
	push	qword -ENOSYS			; regs->ax
	; R8-R15 are not ia32 registers, and R8/R11 already hold other
	; things: Linux records them as 0, so an IRET return zeroes them.
	push	qword 0				; regs->r8
	push	qword 0				; regs->r9
	push	qword 0				; regs->r10
	push	qword 0				; regs->r11
	push	rbx				; regs->bx
	push	rbp				; regs->bp (C reads arg 6 from the stack)
	push	qword 0				; regs->r12
	push	qword 0				; regs->r13
	push	qword 0				; regs->r14
	push	qword 0				; regs->r15
	xor	r8d, r8d
	xor	r9d, r9d
	xor	r10d, r10d
	xor	r11d, r11d
	xor	ebx, ebx
	xor	ebp, ebp
	xor	r12d, r12d
	xor	r13d, r13d
	xor	r14d, r14d
	xor	r15d, r15d
	cld
%ifdef CONFIG_BENCH_ENTRY_FLOOR
	cmp	eax, BENCH_FLOOR_NR		; make bench's floor (below)
	je	bench_floor_fast32
%endif
	mov	rdi, rsp
	call	do_fast_syscall_32
	; fall through

; The fast return to 32-bit code, when do_*_32 returned true (AL = 1):
; SYSRETL loads EIP from ECX and EFLAGS from R11, CS = __USER32_CS,
; SS = __USER_DS. ECX is not the user's: the vDSO's landing pad pops it
; (and EDX, EBP) back. R8-R10 are zeroed; R12-R15 hold what C left in
; these callee-saved registers: the zeros the entry put there. Linux
; returns the same (a 32-bit program cannot see R8-R15 at all).
sysret32_from_system_call:
	cli
	test	al, al
	jz	swapgs_restore_regs_and_return_to_usermode
	mov	rbx, [rsp + PT_RBX]
	mov	rbp, [rsp + PT_RBP]
	mov	r11, [rsp + PT_EFLAGS]		; SYSRETL's EFLAGS
	mov	rcx, [rsp + PT_RIP]		; SYSRETL's EIP: the landing pad
	mov	rax, [rsp + PT_RAX]
	mov	rdx, [rsp + PT_RDX]
	mov	rsi, [rsp + PT_RSI]
	mov	rdi, [rsp + PT_RDI]
	mov	rsp, [rsp + PT_RSP]		; the user ESP
	xor	r8d, r8d
	xor	r9d, r9d
	xor	r10d, r10d
	swapgs
	o32 sysret

%ifdef CONFIG_BENCH_ENTRY_FLOOR
; The floor of the two fast 32-bit paths (CONFIG_BENCH_ENTRY_FLOOR, make
; bench only): return -ENOSYS (regs->ax) to the vDSO's landing pad by
; SYSRETL with nothing between entry and exit but finding that pad, as
; fast_syscall_32 must: current->mm->vdso + the pad's offset in the image.
extern vdso32_landing_pad_offset
bench_floor_fast32:
	mov	rcx, [gs:PERCPU_CURRENT]
	mov	rcx, [rcx + TASK_MM]
	mov	rcx, [rcx + MM_VDSO]
	add	rcx, [rel vdso32_landing_pad_offset]
	mov	[rsp + PT_RIP], rcx
	mov	al, 1				; SYSRETL
	jmp	sysret32_from_system_call
%endif
