#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Where a QEMU guest spends its (wall-clock) time: a sampling profiler.

    scripts/guest-profile.py ISO [--seconds N] [--delay S] [--interval MS]
                             [--elf FILE]... [--cpu MODEL]

Boots ISO in QEMU (TCG, as the harness does) with its gdbstub, waits
--delay seconds, then for --seconds interrupts the guest every --interval
ms through the GDB remote protocol, reads RIP and lets it go on. Each RIP
is named by the nearest symbol at or below it in the --elf files (the
kernel, the user programs: their link addresses are where they run), and
the symbols are printed by their share of the samples. A stop costs QEMU
a few ms, so the guest runs a little slower while sampled, evenly.
"""

import argparse
import collections
import bisect
import socket
import subprocess
import time


def symbols(elf):
    """(addresses, names) of the text symbols of elf, sorted."""
    out = subprocess.run(["nm", "-n", elf], stdout=subprocess.PIPE, text=True).stdout
    syms = []
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[1] in "tTwW":
            syms.append((int(f[0], 16), f[2]))
    return syms


class Stub:
    """The least of the GDB remote protocol: packets, ack mode."""

    def __init__(self, port):
        for _ in range(100):
            try:
                self.s = socket.create_connection(("127.0.0.1", port))
                break
            except OSError:
                time.sleep(0.1)
        self.buf = b""

    def send(self, data):
        pkt = b"$" + data + b"#%02x" % (sum(data) & 0xff)
        self.s.sendall(pkt)
        return self.reply()

    def reply(self):
        while True:
            i = self.buf.find(b"$")
            j = self.buf.find(b"#", i + 1) if i >= 0 else -1
            if i >= 0 and j >= 0 and len(self.buf) >= j + 3:
                data, self.buf = self.buf[i + 1:j], self.buf[j + 3:]
                self.s.sendall(b"+")
                return data
            chunk = self.s.recv(65536)
            if not chunk:
                raise EOFError("QEMU closed the gdbstub")
            self.buf += chunk

    def rip(self):
        # x86_64 'g' layout: 16 general registers of 8 bytes, then RIP
        # (little-endian hex).
        # (a stop reply repeated by QEMU may come first: skipped)
        regs = self.send(b"g")
        while regs[:1] in (b"T", b"S"):
            regs = self.reply()
        return int.from_bytes(bytes.fromhex(regs[256:272].decode()), "little")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("iso")
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--delay", type=float, default=5)
    p.add_argument("--interval", type=float, default=20, help="ms between samples")
    p.add_argument("--elf", action="append", default=[])
    p.add_argument("--cpu", default="qemu64")
    p.add_argument("--port", type=int, default=12345)
    p.add_argument("--top", type=int, default=40)
    a = p.parse_args()

    syms = sorted(s for e in a.elf for s in symbols(e))
    addrs = [s[0] for s in syms]
    q = subprocess.Popen(["qemu-system-x86_64", "-M", "pc", "-cpu", a.cpu, "-m", "256M",
                          "-cdrom", a.iso, "-boot", "d", "-display", "none", "-no-reboot",
                          "-serial", "file:/dev/null", "-monitor", "none",
                          "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                          "-gdb", "tcp:127.0.0.1:%d" % a.port])
    try:
        stub = Stub(a.port)
        stub.s.sendall(b"$c#63")             # run (no reply until it stops)
        time.sleep(a.delay)
        counts = collections.Counter()
        end = time.monotonic() + a.seconds
        n = 0
        while time.monotonic() < end and q.poll() is None:
            stub.s.sendall(b"\x03")
            stub.reply()                       # the stop reply
            rip = stub.rip()
            i = bisect.bisect_right(addrs, rip) - 1
            name = syms[i][1] if i >= 0 and rip - addrs[i] < 0x10000 else "?%#x" % rip
            counts[name] += 1
            n += 1
            stub.s.sendall(b"$c#63")
            time.sleep(a.interval / 1000)
        print("%d samples" % n)
        for name, c in counts.most_common(a.top):
            print("%6.1f%%  %s" % (100.0 * c / n, name))
    finally:
        q.kill()
        q.wait()


if __name__ == "__main__":
    main()
