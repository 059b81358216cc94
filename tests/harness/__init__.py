"""The host side of Trident's tests: boot QEMU, read KTAP, compare with Linux.

Run it as `python3 tests/harness/run.py` (see cli.py for the commands).
"""
