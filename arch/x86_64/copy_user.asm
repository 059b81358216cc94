; SPDX-License-Identifier: MIT
;
; The raw copies between kernel and user memory. Each instruction that
; touches a user address has an entry in __ex_table: if it faults, the
; page-fault (or #GP) handler finds the entry and resumes at the fix-up,
; which returns how much was not done instead of crashing the kernel
; (Linux's copy_user_generic and _ASM_EXTABLE_UA). The C wrappers in
; uaccess.c check the range first (access_ok).
;
; System V calling convention: RDI, RSI, RDX in; RAX out.
;
; Under SMAP (asm/smap.inc) the user access happens only between STAC and
; CLAC, here and nowhere else in the kernel; every way out clears AC.

%include "asm/smap.inc"

section .text
bits 64

%macro EXTABLE 2
	section __ex_table
	align 8
	dq %1, %2
	section .text
%endmacro

; unsigned long raw_copy_user(void *dst, const void *src, unsigned long n)
; Returns the number of bytes NOT copied. Eight bytes a step (`rep movsq`),
; then the last 0-7 by bytes (`rep movsb`): an emulator pays about one
; step per element, so quadwords are 8 times fewer (docs/performance.md).
; A fault in the quadword part goes on by bytes from where it stopped
; (RCX quadwords and RDX bytes were left), so the byte loop stops on the
; exact byte that faults; a faulting `rep movsb` leaves the remaining
; count in RCX, which the fix-up returns: the count is exact, as Linux's.
global raw_copy_user
raw_copy_user:
	mov	rcx, rdx
	shr	rcx, 3				; quadwords
	and	edx, 7				; then bytes
	ASM_STAC
.copyq:	rep movsq
	mov	ecx, edx
.copyb:	rep movsb
	ASM_CLAC
	xor	eax, eax
	ret
.faultq:
	lea	rcx, [rdx + rcx * 8]		; every byte not yet copied
	jmp	.copyb				; (AC is still set)
.faultb:
	ASM_CLAC
	mov	rax, rcx
	ret
	EXTABLE .copyq, .faultq
	EXTABLE .copyb, .faultb

; unsigned long raw_clear_user(void *dst, unsigned long n)
; The same shape: quadwords, then bytes; a fault goes on by bytes.
global raw_clear_user
raw_clear_user:
	mov	rcx, rsi
	shr	rcx, 3
	and	esi, 7
	ASM_STAC
	xor	eax, eax
.clearq: rep stosq
	mov	ecx, esi
.clearb: rep stosb
	ASM_CLAC
	xor	eax, eax		; RAX = 0 (ASM_CLAC kept it; be plain)
	ret
.faultq:
	lea	rcx, [rsi + rcx * 8]
	jmp	.clearb				; (AC is still set)
.faultb:
	ASM_CLAC
	mov	rax, rcx
	ret
	EXTABLE .clearq, .faultq
	EXTABLE .clearb, .faultb

; long raw_strncpy_user(char *dst, const char *src, long n)
; Copies up to n bytes, stopping after a NUL. Returns the string length
; (without the NUL), n when no NUL came within n bytes, or -1 on a fault.
global raw_strncpy_user
raw_strncpy_user:
	ASM_STAC
	xor	eax, eax
.next:
	cmp	rax, rdx
	jae	.done
.load:	mov	cl, [rsi + rax]
	mov	[rdi + rax], cl
	test	cl, cl
	jz	.done
	inc	rax
	jmp	.next
.done:
	ASM_CLAC
	ret
.fault:
	ASM_CLAC
	mov	rax, -1
	ret
	EXTABLE .load, .fault
