#!/usr/bin/env python3
"""Render Trident's VGA screen to a PNG, as README.md shows it.

    scripts/screendump.py ISO OUT.png [--cpu MODEL] [--type TEXT]...

Boots ISO in QEMU without a window, waits for the shell's prompt on the
serial line (boot it with init=/bin/sh), types each TEXT there (Enter is
"\\r", as a terminal sends it) and waits for the next prompt, then asks
the QEMU monitor for `screendump` (a PPM of the VGA screen) and converts
it to PNG with the standard library alone (zlib): no image tool needed.
"""

import argparse
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import time
import zlib

PROMPT = re.compile(rb"trident:[^#\n]*# $")


def ppm_to_png(ppm, png):
    """A binary PPM (P6, maxval 255) to an 8-bit RGB PNG."""
    data = open(ppm, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:          # magic, width, height, maxval; # comments
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    pos += 1
    if fields[0] != b"P6" or fields[3] != b"255":
        sys.exit("screendump: not a P6/255 PPM")
    w, h = int(fields[1]), int(fields[2])
    pixels = data[pos:pos + w * h * 3]
    raw = b"".join(b"\0" + pixels[y * w * 3:(y + 1) * w * 3] for y in range(h))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + \
            struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff)
    with open(png, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("iso")
    p.add_argument("png")
    p.add_argument("--cpu", default="qemu64")
    p.add_argument("--type", action="append", default=[], metavar="TEXT")
    p.add_argument("--timeout", type=float, default=60.0)
    a = p.parse_args()

    tmp = tempfile.mkdtemp(prefix="screendump.")
    mon, ppm = os.path.join(tmp, "monitor"), os.path.join(tmp, "screen.ppm")
    qemu = subprocess.Popen(["qemu-system-x86_64", "-M", "pc", "-cpu", a.cpu, "-m", "256M",
                             "-cdrom", a.iso, "-boot", "d", "-display", "none", "-no-reboot",
                             "-serial", "stdio", "-monitor", "unix:%s,server=on,wait=off" % mon],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    seen = b""
    deadline = time.monotonic() + a.timeout

    def wait_prompt():
        nonlocal seen
        while not PROMPT.search(seen):
            if time.monotonic() > deadline:
                qemu.kill()
                sys.exit("screendump: no shell prompt on the serial line (init=/bin/sh?)")
            seen += os.read(qemu.stdout.fileno(), 65536)
        seen = b""
    try:
        wait_prompt()
        for text in a.type:
            time.sleep(0.3)
            qemu.stdin.write(text.encode().decode("unicode_escape").encode())
            qemu.stdin.flush()
            wait_prompt()
        time.sleep(0.5)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(mon)
            s.sendall(("screendump %s\n" % ppm).encode())
            for _ in range(50):
                time.sleep(0.1)
                if os.path.exists(ppm) and os.path.getsize(ppm) > 0:
                    break
            time.sleep(0.3)
    finally:
        qemu.kill()
        qemu.wait()
    ppm_to_png(ppm, a.png)
    print("screendump: wrote %s" % a.png)


if __name__ == "__main__":
    main()
