; SPDX-License-Identifier: MIT
;
; _start: where a static x32 program begins after execve(2).
;
; x32 runs in 64-bit mode, but Linux builds its initial stack with the
; compat ELF loader (fs/compat_binfmt_elf.c: elf_addr_t is a u32), so every
; word is 4 bytes, as on i386:
;
;   RSP ->  argc                    4 bytes
;           argv[0] ... argv[argc-1]  4-byte pointers
;           NULL
;           envp[0] ... envp[n-1]
;           NULL
;           auxv: (type, value) pairs of 4 bytes each, ending with AT_NULL
;           ... the strings and AT_RANDOM's bytes, higher up
;
;   RSP is 16-byte aligned and below 4 GiB, so RSP-relative addresses are
;   valid 32-bit pointers. Every other general register is 0.
;
; The calling convention is x86_64's (arguments in RDI, RSI, RDX; RSP =
; 16n + 8 at a function's first instruction), with 32-bit pointers
; zero-extended in their registers. Everything else is done in C:
; src/start.c.

bits 64
default rel

section .text
global _start
extern __libc_start_main

_start:
	xor	ebp, ebp		; outermost frame: debuggers stop unwinding here
	mov	edi, [rsp]		; arg 1: argc, 4 bytes (zero-extends RDI)
	lea	rsi, [rsp + 4]		; arg 2: argv
	lea	rdx, [rsi + rdi*4 + 4]	; arg 3: envp, just past argv's NULL
	and	rsp, -16		; the ABI's alignment for the call
	call	__libc_start_main	; never returns: it calls exit()
	ud2				; and if it did, die loudly

; No executable stack: without this note, ld assumes this object needs one.
section .note.GNU-stack noalloc noexec nowrite progbits
