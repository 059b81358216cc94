#!/bin/sh
# Unit tests of the test harness (tests/harness) and scripts/mkiso.sh.
# KTAP on stdout; exit status 1 when a test failed. $1: output directory.
set -e
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$(mktemp -d "${TMPDIR:-/tmp}/harness-tests.XXXXXX")}
mkdir -p "$out"
PYTHONDONTWRITEBYTECODE=1 exec "${PYTHON:-python3}" "$here/ktap_unittest.py" "$out"
