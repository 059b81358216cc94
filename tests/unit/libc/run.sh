#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Usage: tests/unit/libc/run.sh [OUTDIR]      (default /tmp)
#
# Builds the libc's pure parts with the project's compile flags and headers,
# renames their symbols to libc_* so they can be linked beside the host's
# glibc, builds the test (ktap.c, test_printf.c, test_string.c) with the
# host compiler and runs it. Prints KTAP;
# exits non-zero on any failure.
#
# LIBC_DIR=path overrides the libc tree under test (default: this repo's
# libc/), e.g. to check that a deliberately broken copy makes the test fail.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
libc=${LIBC_DIR:-$repo/libc}
out=${1:-/tmp}/libc-unit
mkdir -p "$out"

CC=${CC:-gcc}
CFLAGS="-m64 -O2 -g -std=gnu11 -ffreestanding -nostdinc
	-isystem $($CC -print-file-name=include)
	-I$libc/include -I$libc/arch/x86_64/include
	-fno-stack-protector -fno-pie -fno-asynchronous-unwind-tables
	-Wall -Wextra"

# Only files without system calls: they need no generated headers and
# behave the same on the host as on Trident.
objs=
for f in vformat snprintf string strerror strtol ctype; do
	$CC $CFLAGS -c "$libc/src/$f.c" -o "$out/$f.o"
	objcopy --prefix-symbols=libc_ "$out/$f.o" "$out/libc_$f.o"
	objs="$objs $out/libc_$f.o"
done

# -no-pie: the objects are built -fno-pie, as for our static programs.
$CC -O2 -g -Wall -Wextra -Wno-missing-field-initializers \
	-Werror=implicit-function-declaration -no-pie \
	-o "$out/test_libc" "$here/ktap.c" "$here/test_printf.c" \
	"$here/test_string.c" $objs
exec "$out/test_libc"
