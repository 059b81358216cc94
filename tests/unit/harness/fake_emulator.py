#!/usr/bin/env python3
"""Stands in for QEMU in the harness's tests: prints a serial log on stdout
and then ends the way it is told.

    fake_emulator.py LOG exit N      print LOG, exit with status N
    fake_emulator.py LOG hang        print LOG, then never end
    fake_emulator.py LOG error       say what QEMU says on a bad option, exit 1
"""

import sys
import time

log, mode = sys.argv[1], sys.argv[2]
if mode == "error":
    sys.stderr.write("qemu-system-x86_64: unable to find CPU model 'nosuch'\n")
    sys.exit(1)
with open(log, "rb") as f:
    for line in f:
        sys.stdout.buffer.write(line)
        sys.stdout.buffer.flush()
if mode == "exit":
    sys.exit(int(sys.argv[3]))
while True:
    time.sleep(1)
