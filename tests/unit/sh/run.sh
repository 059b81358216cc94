#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Usage: tests/unit/sh/run.sh [OUTDIR]      (default /tmp)
#
# The shell's pure part, userland/sh/words.c (cutting a line into words),
# built with the host compiler beside test_words.c and run: KTAP on stdout,
# exit status 1 on a failure.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
out=${1:-/tmp}/sh-unit
mkdir -p "$out"
${CC:-gcc} -O2 -g -std=gnu11 -Wall -Wextra -Werror=implicit-function-declaration \
	-I"$repo/userland/sh" -o "$out/test_words" "$here/test_words.c" "$repo/userland/sh/words.c"
exec "$out/test_words"
