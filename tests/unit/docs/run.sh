#!/bin/sh
# SPDX-License-Identifier: MIT
# The file:line references of docs/tour.md name what is on that line.
here=$(cd "$(dirname "$0")" && pwd)
PYTHONDONTWRITEBYTECODE=1 exec "${PYTHON:-python3}" "$here/check_refs.py"
