#!/usr/bin/env python3
"""Stands in for QEMU in the harness's tests: prints a serial log on stdout
and then ends the way it is told.

    fake_emulator.py LOG exit N      print LOG, exit with status N
    fake_emulator.py LOG hang        print LOG, then never end
    fake_emulator.py LOG error       say what QEMU says on a bad option, exit 1
    fake_emulator.py LOG warn N      warn on stderr as QEMU TCG does with -cpu Haswell,
                                     print LOG, exit with status N
"""

import sys
import time

log, mode = sys.argv[1], sys.argv[2]
if mode == "error":
    sys.stderr.write("qemu-system-x86_64: unable to find CPU model 'nosuch'\n")
    sys.exit(1)
if mode == "warn":
    for feature in ("CPUID.01H:ECX.pcid [bit 17]", "CPUID.07H:EBX.hle [bit 4]"):
        sys.stderr.write("qemu-system-x86_64: warning: TCG doesn't support requested feature: %s\n"
                         % feature)
    sys.stderr.flush()
    mode = "exit"
with open(log, "rb") as f:
    for line in f:
        sys.stdout.buffer.write(line)
        sys.stdout.buffer.flush()
if mode == "exit":
    sys.exit(int(sys.argv[3]))
while True:
    time.sleep(1)
