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
; Returns the number of bytes NOT copied. A faulting `rep movsb` leaves the
; remaining count in RCX, so the fix-up just returns it.
global raw_copy_user
raw_copy_user:
	mov	rcx, rdx
	ASM_STAC
.copy:	rep movsb
	ASM_CLAC
	xor	eax, eax
	ret
.fault:
	ASM_CLAC
	mov	rax, rcx
	ret
	EXTABLE .copy, .fault

; unsigned long raw_clear_user(void *dst, unsigned long n)
global raw_clear_user
raw_clear_user:
	mov	rcx, rsi
	ASM_STAC
	xor	eax, eax
.clear:	rep stosb
	ASM_CLAC
	xor	eax, eax		; RAX = 0 (ASM_CLAC kept it; be plain)
	ret
.fault:
	ASM_CLAC
	mov	rax, rcx
	ret
	EXTABLE .clear, .fault

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
