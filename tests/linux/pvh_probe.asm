; SPDX-License-Identifier: MIT
;
; pvh_probe: how long QEMU's firmware takes to reach a -kernel's PVH entry
; (make bench, tests/harness/bench.py). Booted exactly as the reference
; Linux is (-kernel, the same -initrd and -append, -icount), it reads the
; TSC at its first instruction, prints
;     probe: entry TSC 0x0000000000123456
; on COM1 and leaves QEMU through isa-debug-exit. Linux's own boot time is
; then its TSC at init's first instruction minus this. The firmware's
; work does not depend on the kernel's size: QEMU loads the ELF itself.
;
; QEMU finds the entry in the ELF note XEN_ELFNOTE_PHYS32_ENTRY (18, owner
; "Xen") and enters it in 32-bit protected mode, paging off (the x86/HVM
; direct boot ABI).
;
; build: nasm -f elf32 pvh_probe.asm; ld -m elf_i386 -Ttext=0x100000 -e _start

bits 32

section .note.Xen note alloc noexec nowrite align=4
	dd 4, 4, 18			; namesz, descsz, XEN_ELFNOTE_PHYS32_ENTRY
	db "Xen", 0
	dd _start

COM1	equ 0x3f8
DEBUG_EXIT equ 0xf4

section .text
global _start
_start:
	rdtsc				; first: EDX:EAX = the TSC
	mov	esi, edx		; ESI:EDI = the TSC, shifted out 4 bits a digit
	mov	edi, eax
	mov	dx, COM1
	mov	ebx, msg
.text:	mov	al, [ebx]
	test	al, al
	jz	.digits
	out	dx, al
	inc	ebx
	jmp	.text
.digits:
	mov	ecx, 16
.digit:	mov	eax, esi
	shld	esi, edi, 4
	shl	edi, 4
	shr	eax, 28			; the top 4 bits
	mov	al, [hex + eax]
	out	dx, al
	loop	.digit
	mov	al, 10
	out	dx, al
	mov	dx, DEBUG_EXIT
	xor	eax, eax
	out	dx, al			; QEMU exits (status 1)
	hlt

section .rodata
msg:	db "probe: entry TSC 0x", 0
hex:	db "0123456789abcdef"
