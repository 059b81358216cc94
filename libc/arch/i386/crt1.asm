; SPDX-License-Identifier: MIT
;
; _start: where a static 32-bit (i386) program begins after execve(2).
;
; What the kernel hands us (Linux's contract, Trident's too):
;
;   ESP ->  argc                    4 bytes
;           argv[0] ... argv[argc-1]  4-byte pointers
;           NULL
;           envp[0] ... envp[n-1]
;           NULL
;           auxv: (type, value) pairs of 4 bytes each, ending with AT_NULL
;                 (AT_SYSINFO: __kernel_vsyscall; AT_SYSINFO_EHDR: the vDSO)
;           ... the strings and AT_RANDOM's bytes, higher up
;
;   ESP is 16-byte aligned (it points at argc). Every other general register
;   is 0. On Linux EDX may hold a function for atexit (the dynamic loader's
;   finaliser); a static program has none, so we ignore it.
;
; The i386 System V ABI (as GCC has used it since 4.5) wants ESP 16-byte
; aligned at the CALL, i.e. ESP = 16n + 12 at a function's first
; instruction; with three 4-byte arguments pushed that means ESP = 16n + 4
; before the first push. We realign instead of trusting the kernel.
; Everything else is done in C: src/start.c.

bits 32

section .text
global _start
extern __libc_start_main

_start:
	xor	ebp, ebp		; outermost frame: debuggers stop unwinding here
	mov	eax, [esp]		; argc
	lea	ecx, [esp + 4]		; argv
	lea	edx, [ecx + eax*4 + 4]	; envp, just past argv's NULL
	and	esp, -16		; the ABI's alignment for the call ...
	sub	esp, 4			; ... counting the three arguments below
	push	edx			; arg 3: envp
	push	ecx			; arg 2: argv
	push	eax			; arg 1: argc
	call	__libc_start_main	; never returns: it calls exit()
	ud2				; and if it did, die loudly

; No executable stack: without this note, ld assumes this object needs one.
section .note.GNU-stack noalloc noexec nowrite progbits
