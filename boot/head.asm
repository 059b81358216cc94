; SPDX-License-Identifier: MIT
;
; From GRUB to the higher half.
;
; GRUB (multiboot2) enters _start in 32-bit protected mode, paging off,
; flat segments, interrupts off, with
;     EAX = 0x36d76289   (the multiboot2 magic)
;     EBX = physical address of the multiboot2 information (tags)
; and no stack. This file checks that the CPU can do long mode, builds the
; boot page tables, turns on long mode and jumps to start64 at -2 GiB, which
; calls kmain(mbi) with the information's physical address.
;
; Boot page tables (2 MiB pages, in .boot.bss):
;   PML4[0]   -> pdpt_low : 0..4 GiB identity  (only until kmain drops it)
;   PML4[273] -> pdpt_low : 0..4 GiB at PAGE_OFFSET 0xffff888000000000
;   PML4[511] -> pdpt_high: PDPT[510] -> pd[0]: 0..1 GiB at 0xffffffff80000000

%include "generated/asm-offsets.inc"	; __KERNEL_CS, __KERNEL_DS

MB2_MAGIC        equ 0xe85250d6
MB2_ARCH_I386    equ 0
MB2_BOOT_MAGIC   equ 0x36d76289
KERNEL_VMA       equ 0xffffffff80000000

PTE_PRESENT      equ 1 << 0
PTE_WRITE        equ 1 << 1
PTE_PS           equ 1 << 7		; 2 MiB page in a PD entry

CR0_PE           equ 1 << 0
CR0_WP           equ 1 << 16
CR0_PG           equ 1 << 31
CR4_PAE          equ 1 << 5
MSR_EFER         equ 0xc0000080
EFER_LME         equ 1 << 8
EFER_NXE         equ 1 << 11

section .multiboot
align 8
mb2_header:
	dd MB2_MAGIC
	dd MB2_ARCH_I386
	dd mb2_header_end - mb2_header
	dd -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	; Entry address tag: our ELF entry is a physical 32-bit address,
	; say so explicitly.
	align 8
	dw 3, 0
	dd 12
	dd _start
	; End tag.
	align 8
	dw 0, 0
	dd 8
mb2_header_end:

section .boot.text
bits 32
global _start
_start:
	mov edi, eax			; keep the magic and the info pointer
	mov esi, ebx
	rdtsc				; the TSC at the kernel's entry (make bench:
	mov [boot_entry_tsc], eax	; boot time from here to init), kept
	mov [boot_entry_tsc + 4], edx	; in boot_tsc below
	cli
	cld
	mov esp, boot_stack_top

	cmp edi, MB2_BOOT_MAGIC
	jne .no_multiboot

	; Long mode needs CPUID leaf 0x80000001 with EDX.LM (bit 29).
	mov eax, 0x80000000
	cpuid
	cmp eax, 0x80000001
	jb .no_long_mode
	mov eax, 0x80000001
	cpuid
	bt edx, 29
	jnc .no_long_mode
	mov ebp, edx			; EDX.NX (bit 20) decides EFER.NXE below

	; pd[0..3]: 2048 entries mapping 0..4 GiB with 2 MiB pages.
	mov edi, boot_pd
	xor eax, eax			; physical address, low 32 bits
	xor edx, edx			; high 32 bits
	mov ecx, 2048
.fill_pd:
	mov ebx, eax
	or ebx, PTE_PRESENT | PTE_WRITE | PTE_PS
	mov [edi], ebx
	mov [edi + 4], edx
	add eax, 0x200000
	adc edx, 0
	add edi, 8
	loop .fill_pd

	; pdpt_low[0..3] -> pd[0..3]
	mov edi, boot_pdpt_low
	mov eax, boot_pd + (PTE_PRESENT | PTE_WRITE)
	mov ecx, 4
.fill_pdpt:
	mov [edi], eax
	add eax, 4096
	add edi, 8
	loop .fill_pdpt

	; pdpt_high[510] -> pd[0]: the kernel image at -2 GiB.
	mov dword [boot_pdpt_high + 510 * 8], boot_pd + (PTE_PRESENT | PTE_WRITE)

	mov dword [boot_pml4 + 0 * 8], boot_pdpt_low + (PTE_PRESENT | PTE_WRITE)
	mov dword [boot_pml4 + 273 * 8], boot_pdpt_low + (PTE_PRESENT | PTE_WRITE)
	mov dword [boot_pml4 + 511 * 8], boot_pdpt_high + (PTE_PRESENT | PTE_WRITE)

	mov eax, cr4
	or eax, CR4_PAE
	mov cr4, eax
	mov eax, boot_pml4
	mov cr3, eax

	mov ecx, MSR_EFER
	rdmsr
	or eax, EFER_LME
	bt ebp, 20
	jnc .no_nx
	or eax, EFER_NXE
.no_nx:
	wrmsr

	mov eax, cr0
	or eax, CR0_PE | CR0_PG | CR0_WP
	mov cr0, eax			; now in compatibility mode

	lgdt [boot_gdt_ptr]
	jmp __KERNEL_CS:.long_mode

.no_multiboot:
	mov esi, msg_no_multiboot
	jmp .fail
.no_long_mode:
	mov esi, msg_no_long_mode
.fail:
	; Print to the VGA text screen (no serial setup this early) and stop.
	mov edi, 0xb8000
	mov ah, 0x4f			; white on red
.putc:
	lodsb
	test al, al
	jz .halt
	stosw
	jmp .putc
.halt:
	hlt
	jmp .halt

bits 64
.long_mode:
	mov ax, __KERNEL_DS
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor eax, eax
	mov fs, ax
	mov gs, ax
	mov rax, start64		; an absolute jump to the higher half
	jmp rax

section .boot.data
align 8
; A temporary GDT with Linux's selectors; gdt_init() replaces it with the
; real one (with user segments and the TSS).
boot_gdt:
	dq 0				; 0x00 null
	dq 0x00cf9a000000ffff		; 0x08 __KERNEL32_CS
	dq 0x00af9a000000ffff		; 0x10 __KERNEL_CS (L=1)
	dq 0x00cf92000000ffff		; 0x18 __KERNEL_DS
boot_gdt_end:
boot_gdt_ptr:
	dw boot_gdt_end - boot_gdt - 1
	dq boot_gdt

boot_entry_tsc:	dq 0
msg_no_multiboot: db "Trident: not loaded by a multiboot2 loader", 0
msg_no_long_mode: db "Trident: this CPU has no long mode (x86_64)", 0

section .boot.bss nobits
alignb 4096
boot_pml4:       resb 4096
boot_pdpt_low:   resb 4096
boot_pdpt_high:  resb 4096
boot_pd:         resb 4 * 4096
global boot_pml4
boot_stack:      resb 4096
boot_stack_top:

section .text
bits 64
extern kmain
extern __bss_start, __bss_end
start64:
	; The high kernel stack lives in .bss: clear .bss first (GRUB zeroes
	; it too, but the ELF rules are the only contract), then switch.
	mov rdi, __bss_start
	mov rcx, __bss_end
	sub rcx, rdi
	shr rcx, 3
	xor eax, eax
	rep stosq
	mov rax, [boot_entry_tsc]	; low memory is still mapped here
	mov [boot_tsc], rax
	mov rsp, init_stack_top
	xor ebp, ebp			; end of the frame-pointer chain
	mov edi, esi			; kmain(mbi physical address)
	call kmain
.halt:
	cli
	hlt
	jmp .halt

section .bss
alignb 16
global boot_tsc
boot_tsc:        resq 1			; the TSC at _start (trident/boot.h)
; The boot stack above a guard page that harden_init() unmaps
; (arch/x86_64/stack_guard.c): an overflow double-faults, named.
alignb 4096
global init_stack_guard, init_stack, init_stack_top
init_stack_guard: resb 4096
init_stack:      resb 16384
init_stack_top:
