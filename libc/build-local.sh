#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Usage: libc/build-local.sh OUTDIR        (run from anywhere)
#
# Builds the x86_64 libc exactly as the project GNUmakefile will, for use
# before that exists and as its reference:
#   OUTDIR/libc.a      every object of libc/src/*.c, libc/arch/x86_64/*.c
#                      and libc/arch/x86_64/*.asm
#   OUTDIR/crt1.o      _start (also in libc.a; link it first, explicitly)
#   OUTDIR/uapi/       asm/unistd_64.h, which the project generates from
#                      syscall_64.tbl (put it on the include path with -I)
#
# asm/unistd_64.h normally comes from the kernel's syscall_64.tbl; set
# UAPI_DIR to a directory holding a generated asm/unistd_64.h to use it.
# Without one, the host's Linux header is copied (same format, same numbers).
#
# A program is then built with the same compile flags and linked as
#   gcc -m64 -static -nostdlib -no-pie -o prog OUTDIR/crt1.o prog.o \
#       OUTDIR/libc.a -lgcc
set -eu

out=${1:?usage: $0 OUTDIR}
libc=$(cd "$(dirname "$0")" && pwd)
arch=x86_64
mkdir -p "$out"
out=$(cd "$out" && pwd)

# The generated headers.
uapi=$out/uapi
mkdir -p "$uapi/asm"
src_nr=${UAPI_DIR:-/usr/include/x86_64-linux-gnu}/asm/unistd_64.h
cmp -s "$src_nr" "$uapi/asm/unistd_64.h" 2>/dev/null ||
	cp "$src_nr" "$uapi/asm/unistd_64.h"

CC=${CC:-gcc}
CFLAGS="-m64 -O2 -g -std=gnu11 -ffreestanding -nostdinc
	-isystem $($CC -print-file-name=include)
	-I$libc/include -I$libc/arch/$arch/include -I$uapi
	-fno-stack-protector -fno-pie -fno-asynchronous-unwind-tables
	-Wall -Wextra"

objs=
for src in "$libc"/src/*.c "$libc"/arch/$arch/*.c "$libc"/arch/$arch/*.asm; do
	[ -e "$src" ] || continue		# an empty glob
	rel=${src#"$libc"/}
	obj=$out/obj/${rel%.*}.o
	mkdir -p "$(dirname "$obj")"
	case $src in
	*.c)	echo "  CC      $rel"
		$CC $CFLAGS -c "$src" -o "$obj" ;;
	*.asm)	echo "  AS      $rel"
		nasm -f elf64 "$src" -o "$obj" ;;
	esac
	objs="$objs $obj"
done

echo "  AR      libc.a"
rm -f "$out/libc.a"
ar rcs "$out/libc.a" $objs
cp "$out/obj/arch/$arch/crt1.o" "$out/crt1.o"
echo "built $out/libc.a $out/crt1.o (headers: $libc/include $libc/arch/$arch/include $uapi)"
