#!/bin/sh
# SPDX-License-Identifier: MIT
#
# run-host.sh: build every conformance program here with the host's gcc and
# glibc (-static) and run it on the host Linux, the reference that Trident
# must match.
#
#	sh userland/tests/run-host.sh		# NAME_64 only
#	ABIS="64 32 x32" sh userland/tests/run-host.sh
#	O=DIR V=1 sh userland/tests/run-host.sh	# output dir, show the KTAP
#
# A program passes when it exits 0, or, when it prints "# expect: signal N",
# when it dies of signal N (exit status 128 + N in the shell). x32 programs
# are only built: this host has no x32 support to run them.
set -u

here=$(cd "$(dirname "$0")" && pwd)
out=${O:-/tmp/trident-tests}
abis=${ABIS:-64}
cc=${CC:-gcc}
mkdir -p "$out"
ulimit -c 0		# the fault programs must not leave core files
pass=0
fail=0

for abi in $abis; do
	case $abi in
	64) mflag=-m64 ;;
	32) mflag=-m32 ;;
	x32) mflag=-mx32 ;;
	*) echo "unknown ABI $abi" >&2; exit 2 ;;
	esac
	for src in "$here"/*.c; do
		name=$(basename "$src" .c)_$abi
		if ! $cc $mflag -static -O2 -Wall -Wextra -I"$here/../include" \
		     "$src" -o "$out/$name"; then
			echo "FAIL $name (build)"; fail=$((fail + 1)); continue
		fi
		[ "$abi" = x32 ] && { echo "BUILT $name"; continue; }

		# Through a pipe, as under a harness: output must be flushed
		# line by line to survive a fatal signal.
		( "$out/$name"; echo "status $?" > "$out/$name.status" ) \
			2>/dev/null | cat > "$out/$name.ktap"
		status=$(sed -n 's/^status //p' "$out/$name.status")
		sig=$(sed -n 's/^# expect: signal \([0-9][0-9]*\)$/\1/p' "$out/$name.ktap")
		want=0
		[ -n "$sig" ] && want=$((128 + sig))
		[ "${V:-0}" = 1 ] && cat "$out/$name.ktap"
		if [ "$status" = "$want" ]; then
			echo "PASS $name (status $status)"; pass=$((pass + 1))
		else
			echo "FAIL $name (status $status, want $want)"
			grep '^not ok' "$out/$name.ktap"
			fail=$((fail + 1))
		fi
	done
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
