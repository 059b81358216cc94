#!/usr/bin/env python3
"""`make bench`: Trident against the reference Linux, instruction-exact.

Both kernels boot the benchmark initramfs (BUILD/bench/initramfs.cpio:
userland/bench/) in the same QEMU, `-icount shift=0,sleep=off`, the same
memory and the same CPU models. With -icount the guest TSC advances by one
per guest instruction (a `rep` string instruction counts once per
iteration), and sleep=off makes an idle CPU jump to the next timer instead
of waiting in real time, so every figure is a count of instructions: the
same from run to run and from machine to machine.

The boots (BOOTS): the whole set on -cpu qemu64 (AMD vendor: the vDSO
enters by compat SYSCALL) and the ia32 program on -cpu Haswell (Intel
vendor: SYSENTER); each on Trident, on Trident's floor kernel
(CONFIG_BENCH_ENTRY_FLOOR=y, BUILD/bench/floor) and on Linux (the kernel of
linuxref.py, booted with rdinit=/sbin/init: our bench init directly).

Each program prints `bench OP PATH n=N op=T empty=E` (userland/bench/
bench.h): T the smallest batch of N operations, E the smallest batch of the
same loop without them; ticks per operation = (T - E) / N. The floor of a
path is its `floor` row (BENCH_FLOOR_NR) on the floor kernel.

Writes BUILD/bench/results.md and results.json and prints the table.
"""

import argparse
import concurrent.futures
import dataclasses
import json
import os
import re
import subprocess
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from harness import linuxref, qemu  # noqa: E402

# -icount alone leaves one clock on the host's time: the RTC. SeaBIOS, GRUB
# and Linux read it (Linux's random seed, hence ASLR and the page tables
# it builds, mixes it in), so it starts at a fixed date and runs on the
# virtual clock: then every count repeats exactly.
ICOUNT = ["-icount", "shift=0,sleep=off", "-rtc", "base=2024-01-01T00:00:00,clock=vm"]
MEMORY = "256M"
TIMEOUT = 600.0

LINE = re.compile(r"^bench (\S+) (\S+) n=(\d+) op=(\d+) empty=(\d+)\s*$")
ENTRY = re.compile(r"Boot: kernel entered at TSC (\d+)")
PROBE = re.compile(r"probe: entry TSC 0x([0-9a-f]+)")
PROBE_SOURCE = os.path.join(qemu.ROOT, "tests", "linux", "pvh_probe.asm")

# The null-call paths: (program's path name, CPU, what the table says).
PATHS = [
    ("syscall64", "qemu64", "64-bit SYSCALL"),
    ("x32", "qemu64", "x32 SYSCALL"),
    ("int80-32", "qemu64", "int $0x80 (ia32)"),
    ("int80-64", "qemu64", "int $0x80 (64-bit code)"),
    ("vdso32", "qemu64", "vDSO compat SYSCALL (AMD)"),
    ("vdso32", "Haswell", "vDSO SYSENTER (Intel)"),
]
OTHERS = [
    ("fork+exit+wait", "64", "fork + exit + wait"),
    ("execve", "64", "execve (static, to main)"),
    ("page-fault", "64", "first touch of an anonymous page"),
    ("pipe-round-trip", "64", "pipe round trip, 2 processes"),
]


@dataclasses.dataclass
class Boot:
    name: str          # names the log: BUILD/bench/NAME.log
    kernel: str        # "trident", "floor" or "linux"
    cpu: str
    programs: list     # init's arguments; [] = every benchmark


BOOTS = [
    Boot("trident-qemu64", "trident", "qemu64", []),
    Boot("trident-haswell", "trident", "Haswell", ["/bench/null_32"]),
    Boot("floor-qemu64", "floor", "qemu64", ["/bench/null_64", "/bench/null_x32", "/bench/null_32"]),
    Boot("floor-haswell", "floor", "Haswell", ["/bench/null_32"]),
    Boot("linux-qemu64", "linux", "qemu64", []),
    Boot("linux-haswell", "linux", "Haswell", ["/bench/null_32"]),
    # Linux's kernel entry: tests/linux/pvh_probe.asm booted as Linux is.
    Boot("linux-probe", "probe", "qemu64", []),
]


# -- parsing and the table (tests/unit/harness/test_bench.py) -----------------------

def parse(text):
    """The `bench` lines of a serial log: {(op, path): ticks per operation},
    and the TSC values of the boot: {"init": ..., "entry": ...}."""
    ticks, boot = {}, {}
    for raw in text.splitlines():
        line = raw.replace("\r", "").strip()
        m = LINE.match(line)
        if m:
            op, path, n, t, e = m.group(1), m.group(2), int(m.group(3)), int(m.group(4)), int(m.group(5))
            if op == "boot":
                boot["init"] = t
            else:
                ticks[(op, path)] = (t - e) / n
            continue
        m = ENTRY.search(line)
        if m:
            boot["entry"] = int(m.group(1))
        m = PROBE.search(line)
        if m:
            boot["entry"] = int(m.group(1), 16)
    return ticks, boot


def ratio(a, b):
    return a / b if a is not None and b else None


def rows(results):
    """results: {boot name: (ticks, boot)}; the table's rows as dicts."""
    def get(boot, op, path):
        return results.get(boot, ({}, {}))[0].get((op, path))

    out = []
    for op in ("getpid", "enosys"):
        for path, cpu, label in PATHS:
            cpu_l = cpu.lower()
            t = get("trident-" + cpu_l, op, path)
            lx = get("linux-" + cpu_l, op, path)
            fl = get("floor-" + cpu_l, "floor", path)
            out.append(dict(operation="null call: " + ("getpid" if op == "getpid" else "-ENOSYS"),
                            path=label, cpu=cpu, trident=t, linux=lx, ratio=ratio(t, lx),
                            floor=fl, floor_ratio=ratio(t, fl)))
    for op, path, label in OTHERS:
        t = get("trident-qemu64", op, path)
        lx = get("linux-qemu64", op, path)
        out.append(dict(operation=label, path="-", cpu="qemu64", trident=t, linux=lx,
                        ratio=ratio(t, lx), floor=None, floor_ratio=None))
    tb = results.get("trident-qemu64", ({}, {}))[1]
    lb = results.get("linux-qemu64", ({}, {}))[1]
    out.append(dict(operation="boot: reset to init's first instruction", path="-", cpu="qemu64",
                    trident=tb.get("init"), linux=lb.get("init"),
                    ratio=ratio(tb.get("init"), lb.get("init")), floor=None, floor_ratio=None))
    pb = results.get("linux-probe", ({}, {}))[1]
    tk = tb["init"] - tb["entry"] if "entry" in tb and "init" in tb else None
    lk = lb["init"] - pb["entry"] if "entry" in pb and "init" in lb else None
    out.append(dict(operation="boot: kernel entry to init's first instruction", path="-",
                    cpu="qemu64", trident=tk, linux=lk, ratio=ratio(tk, lk), floor=None,
                    floor_ratio=None))
    return out


def fmt(v, ratio_=False):
    if v is None:
        return "-"
    if ratio_:
        return "%.2f" % v
    return "%d" % v if float(v).is_integer() else "%.1f" % v


COLUMNS = ("operation", "path", "CPU", "Trident", "Linux", "Trident/Linux", "floor",
           "Trident/floor")


def markdown(table):
    lines = ["| " + " | ".join(COLUMNS) + " |",
             "|" + "|".join("---" if i < 3 else "---:" for i in range(len(COLUMNS))) + "|"]
    for r in table:
        lines.append("| " + " | ".join([r["operation"], r["path"], r["cpu"], fmt(r["trident"]),
                                        fmt(r["linux"]), fmt(r["ratio"], True), fmt(r["floor"]),
                                        fmt(r["floor_ratio"], True)]) + " |")
    return lines


# -- the boots ---------------------------------------------------------------------

def boot_trident(build_dir, boot, log):
    kernel = os.path.join(build_dir, "kernel.elf") if boot.kernel == "trident" else \
        os.path.join(build_dir, "bench", "floor", "kernel.elf")
    iso = os.path.join(build_dir, "bench", boot.name + ".iso")
    args = ["--"] + boot.programs if boot.programs else []
    # Layout randomization off (kernel/aslr.c): where exec puts the stack
    # and mmap_base changes how many page tables exec and fork touch, so
    # the instruction counts would differ from run to run.
    args = ["norandmaps"] + args
    error = qemu.make_iso(iso, kernel, os.path.join(build_dir, "bench", "initramfs.cpio"), args)
    if error:
        return error
    command = qemu.qemu_command(iso, boot.cpu, MEMORY, ICOUNT)
    run = qemu.run_emulator(command, log, TIMEOUT)
    return run.error or ("timed out" if run.timed_out else None)


def linux_initrd(build_dir):
    out_dir = os.path.join(build_dir, "bench", "linux")
    rdinit, error = linuxref.build_rdinit(out_dir)
    if error:
        return None, error
    with open(rdinit, "rb") as f:
        extra = linuxref.linux_extras(f.read())
    out = os.path.join(out_dir, "initrd.cpio")
    with open(os.path.join(build_dir, "bench", "initramfs.cpio"), "rb") as f, open(out, "wb") as o:
        o.write(f.read())
        o.write(extra)
    return out, None


def build_probe(out_dir):
    """tests/linux/pvh_probe.asm as a PVH ELF; (path, error)."""
    obj, out = os.path.join(out_dir, "pvh_probe.o"), os.path.join(out_dir, "pvh_probe.elf")
    for command in (["nasm", "-f", "elf32", PROBE_SOURCE, "-o", obj],
                    ["ld", "-m", "elf_i386", "-Ttext=0x100000", "-e", "_start", "-o", out, obj]):
        r = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if r.returncode:
            return None, "%s failed: %s" % (" ".join(command), r.stdout.decode("utf-8", "replace"))
    return out, None


def boot_linux(kernel, initrd, boot, log):
    append = "console=ttyS0 quiet panic=-1 rdinit=/sbin/init syscall.x32=y"
    if boot.programs:
        append += " -- " + " ".join(boot.programs)
    image = kernel.boot
    if boot.kernel == "probe":
        image, error = build_probe(os.path.dirname(initrd))
        if error:
            return error
    command = linuxref.qemu_command(image, initrd, append, boot.cpu)
    command[command.index("-m") + 1] = MEMORY
    command += ICOUNT
    run = qemu.run_emulator(command, log, TIMEOUT, panic_grace=5.0)
    return run.error or ("timed out" if run.timed_out else None)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build-dir", default="build")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", nargs="*", help="only these boots (names of BOOTS)")
    ap.add_argument("--parse-only", action="store_true", help="reuse the logs of a previous run")
    args = ap.parse_args(argv)
    bench_dir = os.path.join(args.build_dir, "bench")
    boots = [b for b in BOOTS if not args.only or b.name in args.only]
    errors = {}
    start = time.monotonic()

    if not args.parse_only:
        kernel = initrd = None
        if any(b.kernel in ("linux", "probe") for b in boots):
            ks, kernel = linuxref.kernel_section()
            if kernel is None:
                print("bench: no reference kernel: %s" % "; ".join(p.message for p in ks.problems))
            else:
                initrd, error = linux_initrd(args.build_dir)
                if error:
                    print("bench: %s" % error)
                    kernel = None
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
            futures = {}
            for b in boots:
                log = os.path.join(bench_dir, b.name + ".log")
                if b.kernel in ("linux", "probe"):
                    if kernel is None:
                        errors[b.name] = "no reference kernel"
                        continue
                    futures[b.name] = ex.submit(boot_linux, kernel, initrd, b, log)
                else:
                    futures[b.name] = ex.submit(boot_trident, args.build_dir, b, log)
            for name, f in futures.items():
                if f.result():
                    errors[name] = f.result()

    results = {}
    for b in BOOTS:
        log = os.path.join(bench_dir, b.name + ".log")
        if os.path.isfile(log):
            with open(log, "rb") as f:
                text = f.read().decode("utf-8", "replace")
            results[b.name] = parse(text)
            for line in text.splitlines():
                if line.startswith("bench: ") and "done" not in line:
                    errors.setdefault(b.name, line.strip())
    table = rows(results)
    md = markdown(table)
    notes = ["", "QEMU %s -M pc -m %s %s; ticks per operation = instructions "
             "(minimum over batches, loop overhead removed); floor: CONFIG_BENCH_ENTRY_FLOOR=y."
             % (qemu.QEMU, MEMORY, " ".join(ICOUNT))]
    for name, e in sorted(errors.items()):
        notes.append("problem in %s: %s (log: %s)" % (name, e, os.path.join(bench_dir, name + ".log")))
    os.makedirs(bench_dir, exist_ok=True)
    with open(os.path.join(bench_dir, "results.md"), "w") as f:
        f.write("\n".join(md + notes) + "\n")
    with open(os.path.join(bench_dir, "results.json"), "w") as f:
        json.dump({"qemu": ICOUNT, "memory": MEMORY, "rows": table, "problems": errors}, f, indent=1)
    print("\n".join(md + notes))
    print("bench: %.0f s; %s/results.md and results.json" % (time.monotonic() - start, bench_dir))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
