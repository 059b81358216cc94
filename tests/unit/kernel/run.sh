#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Usage: tests/unit/kernel/run.sh [OUTDIR]      (default /tmp)
#
# Host unit test of kernel/cpio.c, kernel/ramfs.c, kernel/elf.c, kernel/sys_mm.c and
# kernel/exec.c, compiled as they are with AddressSanitizer and UBSan (exec.c
# over a fake address space).
#
# First the fixtures, made by the host's own tools, which are the
# reference: a directory tree packed by the real cpio (newc, crc and odc),
# static programs built by the host's gcc for x86-64, i386 and x32, and
# what the host's Linux did when it started the probe program (its initial
# stack and load addresses, ASLR off). Then the test, which prints KTAP and
# exits non-zero on any failure.
#
# KERNEL_DIR=path overrides the directory of the files under test (default:
# this repo's kernel/), e.g. to check that a deliberately broken copy makes
# the test fail.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
kdir=${KERNEL_DIR:-$repo/kernel}
out=${1:-/tmp}/kernel-unit
fix=$out/fixtures
CC=${CC:-gcc}

rm -rf "$fix"
mkdir -p "$fix" "$out/gen/generated"
# Lookups are compared by real path: no symlink in the fixtures' own path.
fix=$(cd "$fix" && pwd -P)

# --- a tree for the cpio parser and ramfs ---------------------------------
t=$fix/tree
mkdir -p "$t/bin" "$t/dir/sub/deep" "$t/dev" "$t/sticky" "$t/emptydir"
printf 'hello\n' > "$t/dir/file"
: > "$t/empty"
printf '#!/bin/sh\necho hi\n' > "$t/bin/script"
seq 1 3000 > "$t/bin/blob"
printf 'x\n' > "$t/dir/sub/deep/x"
printf 'linked\n' > "$t/hl1"
ln "$t/hl1" "$t/hl2"
ln "$t/hl1" "$t/dir/hl3"
printf 'spaced\n' > "$t/a b"
printf 'setuid\n' > "$t/bin/setuid"
printf 'locked\n' > "$t/dir/locked"
long=$(printf '%0255d' 0 | tr 0 L)
printf 'long\n' > "$t/$long"
ln -s dir "$t/link"
ln -s /dir/file "$t/abslink"
ln -s nowhere "$t/dangling"
ln -s loop2 "$t/loop1"
ln -s loop1 "$t/loop2"
ln -s selfloop "$t/selfloop"
ln -s dir/file "$t/filelink"
ln -s . "$t/dotlink"
ln -s .. "$t/dotdotlink"
ln -s dir/ "$t/trailing"
ln -s /dir/sub/../file "$t/updown"
ln -s ../../dir/file "$t/dir/sub/rel"
ln -s link/sub "$t/linklink"
ln -s /dangling "$t/dangling2"
ln -s filelink/ "$t/filelinkslash"
# A chain: c1 -> c2 -> ... -> c41 -> dir. Following c1 takes 41 symlinks
# (ELOOP, Linux allows 40), c2 takes 40.
i=1
while [ $i -le 40 ]; do
	ln -s "c$((i + 1))" "$t/c$i"
	i=$((i + 1))
done
ln -s dir "$t/c41"
mkfifo "$t/fifo"
chmod 4755 "$t/bin/setuid"
chmod 755 "$t/bin/script"
chmod 000 "$t/dir/locked"
chmod 1777 "$t/sticky"
chmod 751 "$t"
if [ "$(id -u)" = 0 ]; then
	mknod "$t/dev/console" c 5 1
	mknod "$t/dev/sda" b 8 0
	chown 1234:5678 "$t/dir/file"
fi
# Times: everything at one moment, two files at another.
find "$t" -exec touch -h -d @1000000000 {} +
touch -d @1234567890 "$t/dir/file" "$t/bin/blob"

(cd "$t" && find . | LC_ALL=C sort | cpio --quiet -o -H newc > "$fix/tree.cpio")
(cd "$t" && find . | LC_ALL=C sort | cpio --quiet -o -H crc > "$fix/tree-crc.cpio")
(cd "$t" && find . | LC_ALL=C sort | cpio --quiet -o -H odc > "$fix/tree-odc.cpio")
cpio --quiet -it < "$fix/tree.cpio" > "$fix/tree.names"
cp -a "$t" "$fix/tree-ops"		# operations run on this copy

# A small archive, cut at every length by the test.
s=$fix/small
mkdir -p "$s/d"
printf 'abc' > "$s/d/f"
: > "$s/e"
ln -s d/f "$s/l"
find "$s" -exec touch -h -d @1000000000 {} +
(cd "$s" && find . | LC_ALL=C sort | cpio --quiet -o -H newc > "$fix/small.cpio")
# Files without their directories: Linux would drop them.
(cd "$t" && printf 'dir/sub/deep/x\n' | cpio --quiet -o -H newc > "$fix/noparents.cpio")

# --- programs -------------------------------------------------------------
# The probe is the reference for placement and the initial stack; it is
# also a real static binary for the ELF checks. Missing multilib or x32
# libraries only skip the cases that need them.
build() {
	name=$1
	shift
	$CC -O1 -o "$fix/$name" "$@" 2>"$fix/$name.log" || rm -f "$fix/$name"
}
build probe64 -static "$here/probe.c"
build probepie -static-pie "$here/probe.c"
build probe32 -m32 -static "$here/probe.c"
build probepie32 -m32 -static-pie "$here/probe.c"
build probex32 -mx32 -static "$here/probe.c"

# Run the probes as Linux runs them with ASLR off. Each writes
# NAME.bin (its stack) and NAME.bin.txt (addresses).
probe() {
	name=$1
	bin=$2
	shift 2
	[ -x "$fix/$bin" ] || return 0
	env -i PROBE_OUT="$fix/$name.bin" setarch -R "$fix/$bin" "$@" \
		2>"$fix/$name.log" || rm -f "$fix/$name.bin" "$fix/$name.bin.txt"
}
probe run64a probe64 a "" bc
probe run64b probe64
probe run64c probe64 "$(printf '%0100d' 7)" x yy zzz
probe runpie probepie x
probe run32a probe32 a "" bc
probe run32b probe32 "$(printf '%061d' 3)"
probe runpie32 probepie32 q

# --- the test -------------------------------------------------------------
printf '#define CONFIG_IA32_EMULATION 1\n#define CONFIG_X86_X32_ABI 1\n' \
	> "$out/gen/generated/autoconf.h"
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
WARN="-Wall -Wextra -Wno-missing-field-initializers -Wno-format-truncation -Werror=implicit-function-declaration"
# The kernel's files and the test files that use the kernel's headers:
# gnu11 for the kernel, c11 for the tests (glibc's <sys/types.h>, which
# gnu11 pulls in, has its own loff_t).
KINC="-I$repo/include -I$repo/arch/x86_64/include -I$out/gen -I$kdir"
objs=
for f in cpio elf; do
	$CC -std=gnu11 -g -O1 $SAN $WARN $KINC -c "$kdir/$f.c" -o "$out/$f.o"
	objs="$objs $out/$f.o"
done
for f in shim test_cpio test_elf test_stack test_ramfs test_exec test_brk; do
	$CC -std=c11 -g -O1 $SAN $WARN $KINC -c "$here/$f.c" -o "$out/$f.o"
	objs="$objs $out/$f.o"
done
for f in ktap host; do
	$CC -g -O1 $SAN $WARN -c "$here/$f.c" -o "$out/$f.o"
	objs="$objs $out/$f.o"
done
$CC $SAN -o "$out/kernel_unit" $objs

ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 exec "$out/kernel_unit" "$fix"
