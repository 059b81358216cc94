#!/usr/bin/env python3
"""Stands in for Bochs in the harness's tests. Like Debian's bochs with
`display_library: term`, it draws "the screen" on a pseudo-terminal of its
own, announced on stderr, and blocks when nobody reads it (it writes 256 KB
there first); like COM1 in file mode it writes the serial log to the file
$BOCHS_SERIAL, line by line; then it ends the way it is told.

    fake_bochs.py [BOCHS OPTIONS] [LOG MODE]

LOG and MODE (or $FAKE_BOCHS_LOG and $FAKE_BOCHS_MODE when the harness
gives only Bochs's options):

    poweroff   write LOG, say "ACPI control: soft power off", exit 1
    stay       write LOG, then never end (no power-off)
    error      exit 1 as on a bad bochsrc, before COM1 is opened

SIGTERM is ignored (as by the term display); SIGINT ends it with status 0
(the debugger's `quit`).
"""

import os
import signal
import sys
import time
import tty

BANNER = "=" * 72


def last_words(message):
    sys.stderr.write("%s\nBochs is exiting with the following message:\n%s\n%s\n"
                     % (BANNER, message, BANNER))
    sys.stderr.flush()


def main():
    args = [a for a in sys.argv[1:]]
    tail = [a for a in args if not a.startswith("-")]
    if len(tail) >= 2 and tail[-1] in ("poweroff", "stay", "error"):
        log, mode = tail[-2], tail[-1]
    else:
        log, mode = os.environ.get("FAKE_BOCHS_LOG"), os.environ.get("FAKE_BOCHS_MODE", "poweroff")
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
    sys.stderr.write("00000000000i[      ] reading configuration from bochsrc\n")
    if mode == "error":
        last_words("[      ] could not look up environment variable 'BOCHS_CPU'")
        sys.exit(1)
    master, slave = os.openpty()
    tty.setraw(master)
    name = os.ttyname(slave)
    os.close(slave)
    sys.stderr.write('\nBochs connected to screen "%s"\n' % name)
    sys.stderr.flush()
    os.write(master, b"\x1b[H\x1b[J" + b"screen " * (256 * 1024 // 7))   # blocks unless read
    with open(os.environ["BOCHS_SERIAL"], "wb") as serial, open(log, "rb") as f:
        for line in f:
            serial.write(line)
            serial.flush()
            time.sleep(0.01)
    if mode == "poweroff":
        last_words("[ACPI  ] ACPI control: soft power off")
        sys.exit(1)
    while True:
        time.sleep(1)


if __name__ == "__main__":
    main()
