#!/usr/bin/env python3
"""Trident's test harness: `python3 tests/harness/run.py --help`."""

import os
import sys

# The package is tests/harness: make tests/ importable wherever we run from,
# without leaving __pycache__ directories in the source tree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from harness.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
