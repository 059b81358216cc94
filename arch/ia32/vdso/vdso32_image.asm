; SPDX-License-Identifier: MIT
;
; The 32-bit vDSO's bytes inside the kernel image (Linux: the
; vdso-image-32.c that vdso2c generates). arch/ia32/vdso/vdso32/*.asm are
; linked into vdso32.so at build time (GNUmakefile); here they are
; included as they are. vdso32.c copies them into the page every ia32
; task maps and patches __kernel_vsyscall for this CPU; these bytes stay
; pristine.

section .rodata

global vdso32_image
global vdso32_image_end
vdso32_image:
	incbin	"vdso32.so"		; found through -I$(O)/arch/ia32/vdso/
vdso32_image_end:

section .note.GNU-stack noalloc noexec nowrite progbits
