; SPDX-License-Identifier: MIT
;
; The fuzzer's way into the kernel: one instruction, every register chosen.
;
; fz_enter() loads every general register from fz_in[] (C filled it), then
; IRETs to the instruction under test with the chosen RFLAGS, CS and, in
; 64-bit code, RSP. IRET rather than POPF: it sets RIP, CS (so the same
; stub reaches 32-bit code at __USER32_CS from a 64-bit program), RFLAGS
; and RSP at once, and a TF it sets traps after the first instruction at
; the target: exactly the system-call instruction, as a user's own
; `popf; syscall` would. After the instruction, code at fz_back* stores
; every register in fz_out[], takes back the stack saved in fz_saved_sp,
; restores the caller's RFLAGS and registers, and returns RAX (EAX).
;
; fz_in[] / fz_out[] slots (8 bytes each, also in the 32-bit build):
;   0 ax  1 bx  2 cx  3 dx  4 si  5 di  6 bp  7 r8  8 r9  9 r10  10 r11
;   11 r12 12 r13 13 r14 14 r15 15 sp 16 flags 17 cs 18 ip 19 target
; (target: the vDSO's __kernel_vsyscall for the ia32 `call` path).
;
; One source for the three ABIs: elf64 and elfx32 are 64-bit code
; (__USER_CS 0x33) that can far-return into 32-bit code; elf32 is 32-bit
; code (__USER32_CS 0x23), where a same-privilege IRETD pops only EIP,
; CS and EFLAGS: ESP then ends up just above the frame, so C puts the
; frame right below the stack it wants (fz_in[15] - 12), or asks for a
; `mov esp` after the IRET (the *_badsp labels, never with TF).

%define USER32_CS 0x23
%define USER_DS   0x2b
%define USER_CS   0x33

section .bss
align 16
global fz_in, fz_out
fz_in:		resq 20
fz_out:		resq 20
fz_saved_sp:	resq 1

section .text

%ifidn __OUTPUT_FORMAT__, elf32
; ---------------------------------------------------------------- ia32 ---
bits 32

; long fz_enter(void)
global fz_enter
fz_enter:
	push	ebx
	push	ebp
	push	esi
	push	edi
	pushfd
	mov	[fz_saved_sp], esp
	; The IRETD frame goes right below the wanted ESP: EIP, CS, EFLAGS.
	mov	esp, [fz_in + 15 * 8]
	push	dword [fz_in + 16 * 8]		; EFLAGS
	push	dword [fz_in + 17 * 8]		; CS
	push	dword [fz_in + 18 * 8]		; EIP: one of the labels below
	mov	eax, [fz_in + 0 * 8]
	mov	ebx, [fz_in + 1 * 8]
	mov	ecx, [fz_in + 2 * 8]
	mov	edx, [fz_in + 3 * 8]
	mov	esi, [fz_in + 4 * 8]
	mov	edi, [fz_in + 5 * 8]
	mov	ebp, [fz_in + 6 * 8]
	iretd

; The instructions under test. Each ends at fz_back (the fast paths via
; the vDSO's landing pad, which pops EBP, EDX, ECX and returns to the
; address C left above them on the stack: fz_back).
global fz_int80_32, fz_int80_32_badsp, fz_vdso_32, fz_sysenter_32, fz_syscall_32
fz_int80_32:
	int	0x80
	jmp	fz_back
fz_int80_32_badsp:
	mov	esp, [fz_in + 19 * 8]		; garbage ESP (C put it in slot 19)
	int	0x80
	jmp	fz_back
fz_vdso_32:
	call	[fz_in + 19 * 8]		; __kernel_vsyscall
	jmp	fz_back
fz_sysenter_32:
	sysenter				; returns to the landing pad
	jmp	fz_back				; (not reached)
fz_syscall_32:
	syscall					; compat SYSCALL: the landing pad too
	jmp	fz_back

global fz_back
fz_back:
	mov	[fz_out + 0 * 8], eax
	mov	[fz_out + 1 * 8], ebx
	mov	[fz_out + 2 * 8], ecx
	mov	[fz_out + 3 * 8], edx
	mov	[fz_out + 4 * 8], esi
	mov	[fz_out + 5 * 8], edi
	mov	[fz_out + 6 * 8], ebp
	mov	[fz_out + 15 * 8], esp
	mov	esp, [fz_saved_sp]
	pushfd
	pop	dword [fz_out + 16 * 8]
	popfd					; the caller's flags (DF, AC, TF off)
	cld
	pop	edi
	pop	esi
	pop	ebp
	pop	ebx
	mov	eax, [fz_out + 0 * 8]
	ret

; long fz_clone(flags, stack_top, parent_tid, child_tid, tls, fn)
; A raw clone for the calls a second task makes (fuzz.c, run_in_thread):
; the child starts on stack_top with nothing of the caller's frames, calls
; fn() there and ends with SYS_exit (only itself, never the group). The
; ia32 order: EBX flags, ECX newsp, EDX parent_tid, ESI tls, EDI child_tid.
global fz_clone
fz_clone:
	push	ebx
	push	esi
	push	edi
	push	ebp
	mov	ecx, [esp + 5 * 4 + 4]		; stack_top, 16-aligned, fn on it
	and	ecx, -16
	sub	ecx, 16
	mov	eax, [esp + 5 * 4 + 20]
	mov	[ecx], eax
	mov	ebx, [esp + 5 * 4]		; flags
	mov	edx, [esp + 5 * 4 + 8]		; parent_tid
	mov	edi, [esp + 5 * 4 + 12]		; child_tid
	mov	esi, [esp + 5 * 4 + 16]		; tls: a struct user_desc *
	mov	eax, 120			; __NR_clone (ia32)
	int	0x80
	test	eax, eax
	jnz	.parent
	xor	ebp, ebp			; the child: ESP = the new stack
	call	[esp]				; fn(), ESP 16-aligned at the call
	mov	eax, 1				; __NR_exit: this task only
	xor	ebx, ebx
	int	0x80
	hlt					; not reached
.parent:
	pop	ebp
	pop	edi
	pop	esi
	pop	ebx
	ret

%else
; ----------------------------------------------------- x86_64 and x32 ---
bits 64

global fz_enter
fz_enter:
	push	rbx
	push	rbp
	push	r12
	push	r13
	push	r14
	push	r15
	pushfq
	mov	[rel fz_saved_sp], rsp
	push	qword USER_DS			; SS
	push	qword [rel fz_in + 15 * 8]	; RSP: any value at all
	push	qword [rel fz_in + 16 * 8]	; RFLAGS
	push	qword [rel fz_in + 17 * 8]	; CS: 0x33, or 0x23 for 32-bit code
	push	qword [rel fz_in + 18 * 8]	; RIP: one of the labels below
	mov	rax, [rel fz_in + 0 * 8]
	mov	rbx, [rel fz_in + 1 * 8]
	mov	rcx, [rel fz_in + 2 * 8]
	mov	rdx, [rel fz_in + 3 * 8]
	mov	rsi, [rel fz_in + 4 * 8]
	mov	rdi, [rel fz_in + 5 * 8]
	mov	rbp, [rel fz_in + 6 * 8]
	mov	r8, [rel fz_in + 7 * 8]
	mov	r9, [rel fz_in + 8 * 8]
	mov	r10, [rel fz_in + 9 * 8]
	mov	r11, [rel fz_in + 10 * 8]
	mov	r12, [rel fz_in + 11 * 8]
	mov	r13, [rel fz_in + 12 * 8]
	mov	r14, [rel fz_in + 13 * 8]
	mov	r15, [rel fz_in + 14 * 8]
	iretq

global fz_syscall_64, fz_int80_64, fz_syscall_compat, fz_sysenter_compat
fz_syscall_64:
	syscall					; 64-bit or x32 (the number says)
	jmp	fz_back
fz_int80_64:
	int	0x80				; the ia32 table from 64-bit code
	jmp	fz_back

; 32-bit code in a 64-bit program (IRET put CS = __USER32_CS). With the
; ia32 emulation these return to the (absent) vDSO landing pad and the
; program dies; without it compat SYSCALL comes back here with -ENOSYS.
bits 32
fz_syscall_compat:
	syscall
	jmp	USER_CS:fz_back
fz_sysenter_compat:
	sysenter
	jmp	USER_CS:fz_back
bits 64

global fz_back
fz_back:
	mov	[rel fz_out + 0 * 8], rax
	mov	[rel fz_out + 1 * 8], rbx
	mov	[rel fz_out + 2 * 8], rcx
	mov	[rel fz_out + 3 * 8], rdx
	mov	[rel fz_out + 4 * 8], rsi
	mov	[rel fz_out + 5 * 8], rdi
	mov	[rel fz_out + 6 * 8], rbp
	mov	[rel fz_out + 7 * 8], r8
	mov	[rel fz_out + 8 * 8], r9
	mov	[rel fz_out + 9 * 8], r10
	mov	[rel fz_out + 10 * 8], r11
	mov	[rel fz_out + 11 * 8], r12
	mov	[rel fz_out + 12 * 8], r13
	mov	[rel fz_out + 13 * 8], r14
	mov	[rel fz_out + 14 * 8], r15
	mov	[rel fz_out + 15 * 8], rsp
	mov	rsp, [rel fz_saved_sp]
	pushfq
	pop	qword [rel fz_out + 16 * 8]
	popfq
	cld
	pop	r15
	pop	r14
	pop	r13
	pop	r12
	pop	rbp
	pop	rbx
	mov	rax, [rel fz_out + 0 * 8]
	ret
; long fz_clone(flags, stack_top, parent_tid, child_tid, tls, fn)
; As the ia32 one above: RDI flags, RSI newsp, RDX parent_tid, R10
; child_tid, R8 tls (the 64-bit and x32 order); fn arrives in R9 and is
; left on the child's stack. x32 adds __X32_SYSCALL_BIT to the numbers.
%ifidn __OUTPUT_FORMAT__, elfx32
%define NR_CLONE (0x40000000 + 56)
%define NR_EXIT  (0x40000000 + 60)
%else
%define NR_CLONE 56
%define NR_EXIT  60
%endif
global fz_clone
fz_clone:
	and	rsi, -16
	sub	rsi, 16
	mov	[rsi], r9			; fn, for the child
	mov	r10, rcx			; child_tid: the 4th argument's register
	mov	eax, NR_CLONE
	syscall
	test	rax, rax
	jnz	.parent
	xor	ebp, ebp			; the child: RSP = the new stack
	call	[rsp]				; fn(), RSP 16-aligned at the call
	mov	eax, NR_EXIT			; this task only, not the group
	xor	edi, edi
	syscall
	hlt					; not reached
.parent:
	ret
%endif


section .note.GNU-stack noalloc noexec nowrite progbits
