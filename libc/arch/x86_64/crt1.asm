; SPDX-License-Identifier: MIT
;
; _start: where a static 64-bit program begins after execve(2).
;
; What the kernel hands us (Linux's contract, Trident's too):
;
;   RSP ->  argc                    8 bytes
;           argv[0] ... argv[argc-1]
;           NULL
;           envp[0] ... envp[n-1]
;           NULL
;           auxv: (type, value) pairs of 8 bytes each, ending with AT_NULL
;           ... the strings and AT_RANDOM's bytes, higher up
;
;   RSP is 16-byte aligned (it points at argc). Every other general register
;   is 0, RFLAGS is 0x202. On Linux RDX may hold a function for atexit (the
;   dynamic loader's finaliser); a static program has none, so we ignore it.
;
; C needs RSP = 16n + 8 at a function's first instruction (the CALL pushed 8
; bytes onto a 16-aligned stack), so we realign before the call instead of
; trusting the kernel. Everything else is done in C: src/start.c.

bits 64
default rel

section .text
global _start
extern __libc_start_main

_start:
	xor	ebp, ebp		; outermost frame: debuggers stop unwinding here
	mov	rdi, [rsp]		; arg 1: argc
	lea	rsi, [rsp + 8]		; arg 2: argv
	lea	rdx, [rsi + rdi*8 + 8]	; arg 3: envp, just past argv's NULL
	and	rsp, -16		; the ABI's alignment for the call
	call	__libc_start_main	; never returns: it calls exit()
	ud2				; and if it did, die loudly

; No executable stack: without this note, ld assumes this object needs one.
section .note.GNU-stack noalloc noexec nowrite progbits
