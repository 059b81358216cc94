#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Usage: tests/unit/libc/e2e.sh [OUTDIR]      (default /tmp)
#
# Builds the libc with libc/build-local.sh, links hello.c and libc_e2e.c
# against it as static programs, exactly as the project will, and runs them
# on this host's Linux kernel. libc_e2e.c is also built with the host's
# glibc and must pass there too: its expectations are Linux's.
# Exits non-zero on any failure.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
out=${1:-/tmp}/libc-e2e
mkdir -p "$out"
fail=0

"$repo/libc/build-local.sh" "$out/libc" > "$out/build.log"

CC=${CC:-gcc}
CFLAGS="-m64 -O2 -g -std=gnu11 -ffreestanding -nostdinc
	-isystem $($CC -print-file-name=include)
	-I$repo/libc/include -I$repo/libc/arch/x86_64/include -I$out/libc/uapi
	-fno-stack-protector -fno-pie -fno-asynchronous-unwind-tables
	-Wall -Wextra"
for p in hello libc_e2e; do
	$CC $CFLAGS -c "$here/$p.c" -o "$out/$p.o"
	$CC -m64 -static -nostdlib -no-pie -o "$out/$p" \
		"$out/libc/crt1.o" "$out/$p.o" "$out/libc/libc.a" -lgcc
done

# hello: the exact output and exit status.
got=$("$out/hello") && [ "$got" = "hello, world" ] || {
	echo "hello: got '$got'"; fail=1; }
# ... and its system calls, when strace is there to count them.
if command -v strace > /dev/null; then
	strace -f -qq -o "$out/hello.strace" "$out/hello" > /dev/null
	calls=$(sed 's/(.*//' "$out/hello.strace" | awk '{print $NF}' | tr '\n' ' ')
	[ "$calls" = "execve write exit_group " ] || {
		echo "hello: system calls '$calls', want 'execve write exit_group'"
		fail=1; }
fi

# libc_e2e with our libc, then with glibc.
E2E_PPID=$$ E2E_SYSNAME=$(uname -s) "$out/libc_e2e" || fail=1
if [ -e "$($CC -print-file-name=libc.a)" ]; then
	$CC -static -O2 -Wall -o "$out/libc_e2e_glibc" "$here/libc_e2e.c"
	E2E_PPID=$$ E2E_SYSNAME=$(uname -s) "$out/libc_e2e_glibc" > "$out/glibc.out" ||
		{ cat "$out/glibc.out"; echo "# libc_e2e fails with glibc too"; fail=1; }
else
	echo "# no static glibc (libc6-dev): skipped the glibc reference run"
fi

[ $fail = 0 ] && echo "# libc e2e: all passed" || echo "# libc e2e: FAILED"
exit $fail
