"""`make debug` checked without a person: QEMU with its gdbstub stopped at
the first instruction (-S), GDB in batch mode with scripts/gdb/trident.gdb.

One Intel boot (-cpu Haswell: the ia32 vDSO uses SYSENTER there) that runs
/tests/vdso32_32 as init's only program. GDB connects while the CPU is
still in real mode (the long-mode register-size switch comes later, which
is what the script's `set architecture i386:x86-64` is for), then stops,
each with a hardware breakpoint, in:

  1. entry_SYSCALL_64        init's first system call
  2. main of vdso32_32       a user program's symbols (trident-user)
  3. entry_SYSENTER_compat   the ia32 program's calls through the vDSO
  4. __x64_sys_write         a 64-bit write (init's report), C with lines

Each stop is one case. The transcript goes to BUILD_DIR/harness/gdb.log
(docs/debugging.md shows one).
"""

import os
import re
import socket
import subprocess
import time

from . import results
from .qemu import QEMU, ROOT, make_iso, _stop
from .report import Section

GDB = "gdb"

STOPS = [
    ("stops in entry_SYSCALL_64", r"^Breakpoint 1, 0x[0-9a-f]+ in entry_SYSCALL_64 \(\)"),
    ("a user program's symbols: stops in vdso32_32's main",
     r"^Breakpoint 2, main \(.*\) at userland/.*\.[ch]:\d+"),
    ("stops in entry_SYSENTER_compat", r"^Breakpoint 3, 0x[0-9a-f]+ in entry_SYSENTER_compat \(\)"),
    ("stops in __x64_sys_write (C, with its source line)",
     r"^Breakpoint 4, __x64_sys_write \(regs=0x[0-9a-f]+\) at kernel/sys_io\.c:\d+"),
]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_gdb(build_dir, timeout=120.0):
    s = Section("gdb: make debug's session, batch (scripts/gdb/trident.gdb)")
    start = time.monotonic()
    harness = os.path.join(build_dir, "harness")
    iso = os.path.join(harness, "gdb.iso")
    log = os.path.join(harness, "gdb.log")
    kernel = os.path.join(build_dir, "kernel.elf")
    user = os.path.join(build_dir, "tests", "vdso32_32")
    try:
        subprocess.run([GDB, "--version"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        s.problem("no %s (apt-get install gdb; .ci/run installs it)" % GDB)
        return s
    error = make_iso(iso, kernel, os.path.join(build_dir, "initramfs.cpio"),
                     ["--", "/tests/vdso32_32"])
    if error:
        s.problem(error)
        return s
    port = _free_port()
    qemu = subprocess.Popen([QEMU, "-M", "pc", "-cpu", "Haswell", "-m", "256M", "-cdrom", iso,
                             "-boot", "d", "-display", "none", "-no-reboot", "-monitor", "none",
                             "-serial", "file:" + os.path.join(harness, "gdb-serial.log"),
                             "-gdb", "tcp:127.0.0.1:%d" % port, "-S"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    commands = ["trident-connect 127.0.0.1:%d" % port,
                "hbreak entry_SYSCALL_64", "continue", "trident-where", "delete",
                "trident-user " + user, "hbreak main", "continue", "trident-where", "delete",
                "hbreak entry_SYSENTER_compat", "continue", "trident-where", "delete",
                "hbreak __x64_sys_write", "continue", "trident-where", "bt 3", "kill"]
    argv = [GDB, "-q", "-batch", "-nx", "-x", os.path.join(ROOT, "scripts", "gdb", "trident.gdb")]
    for c in commands:
        argv += ["-ex", c]
    argv.append(kernel)
    out = ""
    try:
        time.sleep(0.5)         # the stub listens once QEMU has started
        r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout, cwd=ROOT)
        out = r.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace")
        s.problem("gdb: no end within %g s" % timeout)
    finally:
        _stop(qemu)
    with open(log, "w") as f:
        f.write("$ " + " ".join(argv) + "\n" + out)
    lines = out.splitlines()
    cases = []
    for n, (what, pattern) in enumerate(STOPS, 1):
        rx = re.compile(pattern)
        hit = any(rx.search(l) for l in lines)
        case = results.Case(number=n, ok=hit, description=what)
        if not hit:
            case.context = ["no line of the GDB transcript matches /%s/" % pattern]
        cases.append(case)
    s.programs.append(results.Program(name="gdb stops", plan=len(cases), cases=cases))
    s.notes.append("transcript: %s" % log)
    s.seconds = time.monotonic() - start
    return s
