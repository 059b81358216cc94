#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Usage: [ARCH=x86_64|x32|i386] libc/build-local.sh OUTDIR   (run from anywhere)
#
# Builds the libc of one ABI (default x86_64) exactly as the project
# GNUmakefile does, for use beside it and as its reference:
#   OUTDIR/libc.a      every object of libc/src/*.c, libc/arch/$ARCH/*.c
#                      and libc/arch/$ARCH/*.asm
#   OUTDIR/crt1.o      _start (also in libc.a; link it first, explicitly)
#   OUTDIR/uapi/       asm/unistd_{64,x32,32}.h, which the project generates
#                      from the kernel's .tbl files, and bits/syscall.h, the
#                      SYS_xxx names (libc/gen-syscall-names.sh); put it on
#                      the include path with -I
#
# The numbers header normally comes from the kernel's .tbl; set UAPI_DIR to
# a directory holding a generated asm/unistd_*.h to use it. Without one,
# the host's Linux header is copied (same format, same numbers).
#
# A program is then built with the same compile flags and linked as
#   gcc -m64 -static -nostdlib -no-pie -o prog OUTDIR/crt1.o prog.o \
#       OUTDIR/libc.a -lgcc
# (-mx32 or -m32 for the other ABIs, with -Ilibc/arch/$ARCH/include).
set -eu

out=${1:?usage: $0 OUTDIR}
libc=$(cd "$(dirname "$0")" && pwd)
arch=${ARCH:-x86_64}
case $arch in
x86_64)	mflag=-m64;  nasmfmt=elf64;  unistd=unistd_64.h ;;
x32)	mflag=-mx32; nasmfmt=elfx32; unistd=unistd_x32.h ;;
i386)	mflag=-m32;  nasmfmt=elf32;  unistd=unistd_32.h ;;
*)	echo "$0: ARCH must be x86_64, x32 or i386" >&2; exit 2 ;;
esac
mkdir -p "$out"
out=$(cd "$out" && pwd)

# The generated headers.
uapi=$out/uapi
mkdir -p "$uapi/asm" "$uapi/bits"
src_nr=${UAPI_DIR:-/usr/include/x86_64-linux-gnu}/asm/$unistd
cmp -s "$src_nr" "$uapi/asm/$unistd" 2>/dev/null ||
	cp "$src_nr" "$uapi/asm/$unistd"
sh "$libc/gen-syscall-names.sh" "$uapi/asm/$unistd" > "$uapi/bits/syscall.h.tmp"
mv "$uapi/bits/syscall.h.tmp" "$uapi/bits/syscall.h"

CC=${CC:-gcc}
CFLAGS="$mflag -O2 -g -std=gnu11 -ffreestanding -nostdinc
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
		nasm -f $nasmfmt "$src" -o "$obj" ;;
	esac
	objs="$objs $obj"
done

echo "  AR      libc.a"
rm -f "$out/libc.a"
ar rcs "$out/libc.a" $objs
cp "$out/obj/arch/$arch/crt1.o" "$out/crt1.o"
echo "built $out/libc.a $out/crt1.o (headers: $libc/include $libc/arch/$arch/include $uapi)"
