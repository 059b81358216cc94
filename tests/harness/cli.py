"""Command line of the Trident test harness (tests/harness/run.py).

    run.py suite [--build-dir build]      unit tests, every boot of configs.BOOTS,
                                          the foreign programs, the host run and
                                          the Linux comparison
    run.py boot [--iso build/os.iso]      boot one ISO in QEMU (or --emulator bochs),
                                          read its KTAP
    run.py parse LOG                      read a serial log saved before
    run.py host PATH...                   run test programs on this Linux
    run.py compare SERIAL_LOG PATH...     host run, compared with a Trident log
    run.py foreign [NAME...]              boot tests/foreign programs as init,
                                          compare with the host
    run.py unit [NAME...]                 run tests/unit/*/run.sh
    run.py linux [--ref NAME]             Debian's Linux in QEMU, every configuration,
                                          compared with Trident's boots (make check-linux)
    run.py configs                        list the boot configurations
    run.py selftests                      Linux's x86 selftests on the host, on Linux 6.12
                                          and on Trident (make check-selftests)

Each ends with one line `N passed, N failed` (`, N skipped`) and exits 1 on
any failure, hang, panic, or when no test ran.
"""

import argparse
import concurrent.futures
import os
import shlex
import sys
import time

from . import bochs, compare, configs, foreign, gdbcheck, ktap, linuxref, programs, qemu, results, selftests
from .qemu import make_iso
from .report import Printer, Section

ROOT = qemu.ROOT
ALLOWLIST = os.path.join(ROOT, "tests", "linux-differences.txt")


def _rel(path):
    """A path as short as it can be said from here (for messages)."""
    r = os.path.relpath(path)
    return path if r.startswith("../..") else r


def _harness_dir(build_dir):
    return os.path.join(build_dir, "harness")


# -- boot ---------------------------------------------------------------------

def boot_config(cfg, build_dir, printer, stream=None, timeout=None, log=None):
    """Boot one configs.BootConfig; returns its Section (already printed).
    The serial log goes to log, by default BUILD_DIR/harness/NAME.log."""
    title = "boot %s: %s" % (cfg.name, "Bochs" if cfg.emulator == "bochs" else cfg.emulator)
    iso = os.path.join(build_dir, cfg.iso)      # cfg.iso may be absolute
    log = log or os.path.join(_harness_dir(build_dir), cfg.name + ".log")
    if cfg.kernel_args is not None:
        base = os.path.dirname(iso)
        own = os.path.join(_harness_dir(build_dir), cfg.name + ".iso")
        error = make_iso(own, os.path.join(base, "kernel.elf"), os.path.join(base, "initramfs.cpio"),
                         cfg.kernel_args, cfg.grub_timeout)
        if error:
            s = Section(title)
            s.problem(error)
            printer.section(s)
            return s
        iso = own
    if not os.path.isfile(iso) and not cfg.required:
        s = Section(title, expect_tests=False)
        s.notes.append("skipped: no ISO at %s" % _rel(iso))
        printer.section(s)
        return s
    if cfg.emulator not in ("qemu", "bochs"):
        s = Section(title)
        s.problem("emulator %r: not supported by the harness (qemu, bochs)" % cfg.emulator)
        printer.section(s)
        return s
    title = "boot%s: %s on %s%s" % (
        "" if cfg.name == "boot" else " " + cfg.name, _rel(iso),
        "Bochs cpu %s" % cfg.cpu if cfg.emulator == "bochs" else "QEMU -cpu %s" % cfg.cpu,
        " (%s)" % " ".join(cfg.kernel_args) if cfg.kernel_args else "")
    if cfg.emulator == "bochs":
        boot, extra = bochs.boot_bochs, {"bochs_args": cfg.emulator_args,
                                         "expect_lines": cfg.expect_lines}
    else:
        boot, extra = qemu.boot_qemu, {"qemu_args": cfg.emulator_args,
                                       "expect_panic": cfg.expect_panic,
                                       "expect_lines": cfg.expect_lines}
        if cfg.serial_input:
            extra["typing"] = cfg.serial_input
    s, _ = boot(title, iso, log, cpu=cfg.cpu, timeout=timeout or cfg.timeout,
                expect_exit=cfg.expect_exit, expect_signal=cfg.expect_signal, stream=stream, **extra)
    printer.section(s)
    return s


def cmd_boot(args):
    printer = Printer()
    cfg = configs.BootConfig(
        name="boot", iso=os.path.abspath(args.iso) if args.iso else "os.iso",
        emulator=args.emulator,
        cpu=args.cpu or (bochs.DEFAULT_CPU if args.emulator == "bochs" else "qemu64"),
        emulator_args=args.qemu_arg, expect_exit=args.expect_exit,
        expect_signal=args.expect_signal, timeout=args.timeout,
        kernel_args=shlex.split(args.cmdline) if args.cmdline is not None else None)
    boot_config(cfg, args.build_dir, printer, sys.stdout if args.stream else None, log=args.log)
    return printer.totals()


# -- parse --------------------------------------------------------------------

def parse_section(path, name=None):
    log = ktap.parse_file(path, default_name=name)
    s = Section("parse: %s" % _rel(path))
    s.programs = log.programs
    for message in log.problems:
        s.problem(message, log.panic[1:] if message.startswith("kernel panic") and log.panic else [])
    if log.init_status is not None:
        s.notes.append("init exited: status %d" % log.init_status)
    elif log.init_signal is not None:
        s.notes.append("init killed: signal %d" % log.init_signal)
    s.check_ran()
    memory = results.memory_program(log)
    if memory:
        s.programs.append(memory)
    return s, log


def cmd_parse(args):
    printer = Printer()
    s, _ = parse_section(args.log, args.name)
    printer.section(s)
    return printer.totals()


# -- host, compare ------------------------------------------------------------

def _compare_with(printer, host_section, serial_log, allow_path):
    log = ktap.parse_file(serial_log)
    entries, errors = compare.load_allowlist(allow_path)
    s = compare.compare(host_section.programs, log.programs, entries, errors,
                        title="compare: Linux (host) and Trident (%s)" % _rel(serial_log))
    printer.section(s)
    return s


def cmd_host(args):
    printer = Printer()
    log_dir = args.log_dir or os.path.join(_harness_dir(args.build_dir), "host")
    s = programs.run_host(args.paths, log_dir, args.timeout)
    printer.section(s)
    if args.compare:
        _compare_with(printer, s, args.compare, args.allow)
    return printer.totals()


def cmd_compare(args):
    args.compare = args.serial_log
    return cmd_host(args)


# -- foreign ------------------------------------------------------------------

def cmd_foreign(args):
    printer = Printer()
    printer.section(foreign.run_foreign(args.build_dir, args.names, args.timeout,
                                        args.host_timeout, args.cpu, args.jobs))
    return printer.totals()


# -- unit ---------------------------------------------------------------------

def cmd_unit(args):
    printer = Printer()
    out = args.out_dir or os.path.join(args.build_dir, "unit")
    printer.section(programs.run_unit(args.root, out, args.names, args.timeout))
    return printer.totals()


# -- linux --------------------------------------------------------------------

def _linux_start(pool, args, refs, jobs, fetched=None):
    """Start the reference boots (linuxref.py) beside whatever runs next."""
    return pool.submit(linuxref.run_references, args.build_dir, refs, jobs,
                       args.refresh_linux, args.linux_timeout, fetched)


def _linux_finish(printer, args, future, refs, boots=None):
    """Print the reference runs and their comparisons with the Trident
    boots (configs.BOOTS, or boots: those that booted now)."""
    ks, runs = future.result()
    printer.section(ks)
    logs = {}
    for ref, s, log in runs:
        printer.section(s)
        logs[ref.name] = log
    if runs:
        for s in linuxref.comparisons(refs, logs, args.build_dir, args.allow, boots):
            printer.section(s)


def cmd_linux(args):
    printer = Printer()
    start = time.monotonic()
    refs, unknown = linuxref.choose(args.ref)
    for name in unknown:
        s = Section("linux %s" % name)
        s.problem("no reference run called %s (%s)" % (
            name, " ".join(r.name for r in linuxref.REFERENCES)))
        printer.section(s)
    wanted = {c.name for r in refs for c in linuxref.matching_boots(r, args.build_dir)}
    boots = [c for c in configs.BOOTS if c.name in wanted]
    jobs = args.jobs or os.cpu_count() or 1
    # No reference kernel: say so before booting anything.
    fetched = linuxref.kernel_section(args.refresh_linux)
    if fetched[1] is None:
        printer.section(fetched[0])
        return printer.totals()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        # Trident's boots one at a time here, Linux's beside them.
        future = _linux_start(pool, args, refs, max(1, jobs - (0 if args.reuse_logs else 1)),
                              fetched)
        if not args.reuse_logs:
            for cfg in boots:
                boot_config(cfg, args.build_dir, printer, timeout=args.timeout)
        _linux_finish(printer, args, future, refs, None)
    printer.say("linux comparison took %.1f s" % (time.monotonic() - start))
    return printer.totals()


# -- suite --------------------------------------------------------------------

def cmd_suite(args):
    printer = Printer()
    start = time.monotonic()
    stream = sys.stdout if args.stream else None
    chosen = [c for c in configs.BOOTS if (not args.boot or c.name in args.boot)
              and (not args.emulator or c.emulator == args.emulator)]
    for name in args.boot or ():
        if name not in [c.name for c in configs.BOOTS] + ["gdb"]:
            s = Section("boot %s" % name)
            s.problem("no boot configuration called %s (see: run.py configs)" % name)
            printer.section(s)
    if not args.no_unit:
        printer.section(programs.run_unit(ROOT, os.path.join(args.build_dir, "unit"),
                                          timeout=args.unit_timeout))
    compare_logs = []
    if not args.no_boot:
        # The reference Linux boots run beside Trident's (linuxref.py).
        refs = [r for r in linuxref.REFERENCES if linuxref.matching_boots(r, args.build_dir, chosen)]
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        boots_start = time.time()
        linux = _linux_start(pool, args, refs, 1) if refs and not args.no_linux else None
        for cfg in chosen:
            s = boot_config(cfg, args.build_dir, printer, stream, args.timeout)
            if cfg.compare:
                compare_logs.append(os.path.join(_harness_dir(args.build_dir), cfg.name + ".log"))
        # make debug's GDB session, in batch (gdbcheck.py); `--boot gdb` alone.
        if not args.no_gdb and (not args.boot or "gdb" in args.boot) and not args.emulator:
            printer.section(gdbcheck.run_gdb(args.build_dir))
        if not args.no_foreign:
            printer.section(foreign.run_foreign(args.build_dir, timeout=args.timeout or 60.0,
                                                host_timeout=args.host_timeout))
        if linux:
            # Only the boots that wrote their log now are compared.
            logs = {c.name: os.path.join(_harness_dir(args.build_dir), c.name + ".log") for c in chosen}
            fresh = [c for c in chosen if os.path.isfile(logs[c.name])
                     and os.path.getmtime(logs[c.name]) >= boots_start - 1]
            _linux_finish(printer, args, linux, refs, fresh)
        pool.shutdown()
    if not args.no_host:
        host_dir = args.host_dir or os.path.join(args.build_dir, "tests")
        hs = programs.run_host([host_dir], os.path.join(_harness_dir(args.build_dir), "host"),
                               args.host_timeout)
        printer.section(hs)
        for log in compare_logs:
            if os.path.isfile(log):
                _compare_with(printer, hs, log, args.allow)
    if not args.no_selftests:
        selftests.run(args.build_dir, printer, refresh=args.refresh_linux)
    printer.say("suite took %.1f s" % (time.monotonic() - start))
    return printer.totals()


def cmd_selftests(args):
    printer = Printer()
    tests = args.test or selftests.TESTS
    unknown = [t for t in tests if t not in selftests.TESTS]
    if unknown:
        s = Section("selftests")
        s.problem("not in the list of selftests.py: %s" % " ".join(unknown))
        printer.section(s)
        return printer.totals()
    selftests.run(args.build_dir, printer, refresh=args.refresh, jobs=args.jobs, tests=tests,
                  models=args.cpu or selftests.MODELS)
    return printer.totals()


def cmd_configs(args):
    for c in configs.BOOTS:
        print("%-20s %s %s -cpu %s%s%s" % (
            c.name, c.emulator, c.iso, c.cpu,
            " args: %s" % " ".join(c.kernel_args) if c.kernel_args is not None else "",
            " (compared with Linux)" if c.compare else ""))
    for r in linuxref.REFERENCES:
        print("%-24s Debian's Linux: %s, compared with %s" % (
            "linux " + r.name, linuxref.command_line(r),
            " ".join(c.name for c in linuxref.matching_boots(r, args.build_dir)) or "(no boot built)"))
    return 0


# -- arguments ----------------------------------------------------------------

def parser():
    p = argparse.ArgumentParser(prog="run.py", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog=__doc__.split("\n\n", 1)[1])
    sub = p.add_subparsers(dest="command", required=True)

    def build_dir(sp):
        sp.add_argument("--build-dir", default="build", metavar="DIR",
                        help="the build directory (default: build); logs go to DIR/harness")

    b = sub.add_parser("boot", help="boot an ISO in QEMU or Bochs and read its KTAP")
    build_dir(b)
    b.add_argument("--iso", help="the ISO (default: BUILD_DIR/os.iso)")
    b.add_argument("--cmdline", metavar="ARGS",
                   help="boot an ISO made now from BUILD_DIR/kernel.elf and initramfs.cpio "
                        "with this kernel command line (e.g. 'init=/bin/x -- -v')")
    b.add_argument("--emulator", choices=("qemu", "bochs"), default="qemu",
                   help="QEMU (default) or Bochs (the bochsrc of the repository root)")
    b.add_argument("--cpu", help="QEMU -cpu model (default: qemu64) or Bochs cpu model "
                                 "(default: %s)" % bochs.DEFAULT_CPU)
    b.add_argument("--timeout", type=float, default=60.0, help="seconds before it is a hang (default: 60)")
    b.add_argument("--log", help="serial log file (default: BUILD_DIR/harness/boot.log)")
    b.add_argument("--qemu-arg", action="append", default=[], metavar="ARG",
                   help="one more QEMU argument, or a bochsrc line for Bochs (repeatable)")
    e = b.add_mutually_exclusive_group()
    e.add_argument("--expect-exit", type=int, default=0, metavar="N",
                   help="expected `init exited: status N` (default: 0)")
    e.add_argument("--expect-signal", type=int, metavar="N", help="expect `init killed: signal N`")
    b.add_argument("--stream", action="store_true", help="show the serial console as it comes")
    b.set_defaults(func=cmd_boot)

    pa = sub.add_parser("parse", help="read the KTAP of a saved log")
    pa.add_argument("log")
    pa.add_argument("--name", help="name of a program that printed without a runner")
    pa.set_defaults(func=cmd_parse)

    def host_options(sp):
        build_dir(sp)
        sp.add_argument("--timeout", type=float, default=30.0, help="seconds per program (default: 30)")
        sp.add_argument("--log-dir", help="output of each program (default: BUILD_DIR/harness/host)")
        sp.add_argument("--allow", default=ALLOWLIST, metavar="FILE",
                        help="accepted differences from Linux (default: tests/linux-differences.txt)")

    h = sub.add_parser("host", help="run test programs on this Linux")
    h.add_argument("paths", nargs="+", metavar="PATH", help="programs, or directories of them")
    host_options(h)
    h.add_argument("--compare", metavar="SERIAL_LOG", help="compare the results with a Trident serial log")
    h.set_defaults(func=cmd_host)

    c = sub.add_parser("compare", help="run programs on this Linux and compare with a Trident log")
    c.add_argument("serial_log", metavar="SERIAL_LOG")
    c.add_argument("paths", nargs="+", metavar="PATH", help="programs, or directories of them")
    host_options(c)
    c.set_defaults(func=cmd_compare)

    f = sub.add_parser("foreign", help="boot each tests/foreign program as init, compare with the host")
    f.add_argument("names", nargs="*", metavar="NAME", help="only these (tests/foreign/NAME.c)")
    build_dir(f)
    f.add_argument("--cpu", default="qemu64", help="QEMU -cpu model (default: qemu64)")
    f.add_argument("--timeout", type=float, default=60.0, help="seconds per boot (default: 60)")
    f.add_argument("--host-timeout", type=float, default=30.0,
                   help="seconds per host run (default: 30)")
    f.add_argument("--jobs", "-j", type=int, metavar="N",
                   help="boots at a time (default: one per CPU)")
    f.set_defaults(func=cmd_foreign)

    u = sub.add_parser("unit", help="run tests/unit/*/run.sh")
    u.add_argument("names", nargs="*", metavar="NAME", help="only these (tests/unit/NAME/run.sh)")
    build_dir(u)
    u.add_argument("--root", default=ROOT, help=argparse.SUPPRESS)
    u.add_argument("--out-dir", help="output directories (default: BUILD_DIR/unit)")
    u.add_argument("--timeout", type=float, default=300.0, help="seconds per run.sh (default: 300)")
    u.set_defaults(func=cmd_unit)

    def linux_options(sp):
        sp.add_argument("--refresh-linux", action="store_true",
                        help="fetch the reference kernel again (it is cached in %s)"
                             % linuxref.cache_dir())
        sp.add_argument("--linux-timeout", type=float, default=linuxref.BOOT_TIMEOUT,
                        help="seconds per reference boot (default: %g)" % linuxref.BOOT_TIMEOUT)

    li = sub.add_parser("linux", help="boot Debian's Linux in every configuration, compare with Trident")
    build_dir(li)
    li.add_argument("--ref", action="append", metavar="NAME",
                    help="only this reference run (repeatable; see: run.py configs)")
    li.add_argument("--reuse-logs", action="store_true",
                    help="compare with the Trident logs already in BUILD_DIR/harness, boot no Trident")
    li.add_argument("--timeout", type=float, help="seconds per Trident boot (default: each configuration's)")
    li.add_argument("--jobs", "-j", type=int, metavar="N", help="boots at a time (default: one per CPU)")
    li.add_argument("--allow", default=ALLOWLIST, metavar="FILE",
                    help="accepted differences from Linux (default: tests/linux-differences.txt)")
    linux_options(li)
    li.set_defaults(func=cmd_linux)

    s = sub.add_parser("suite", help="everything: unit tests, boots, host run, comparison")
    build_dir(s)
    s.add_argument("--boot", action="append", metavar="NAME", help="only this boot configuration (repeatable)")
    s.add_argument("--emulator", choices=("qemu", "bochs"),
                   help="only the boot configurations of this emulator (make test-bochs)")
    s.add_argument("--timeout", type=float, help="seconds per boot (default: each configuration's)")
    s.add_argument("--unit-timeout", type=float, default=300.0, help="seconds per run.sh (default: 300)")
    s.add_argument("--host-timeout", type=float, default=30.0, help="seconds per host program (default: 30)")
    s.add_argument("--host-dir", help="test programs for the host (default: BUILD_DIR/tests)")
    s.add_argument("--allow", default=ALLOWLIST, metavar="FILE",
                   help="accepted differences from Linux (default: tests/linux-differences.txt)")
    s.add_argument("--no-unit", action="store_true", help="skip the unit tests")
    s.add_argument("--no-boot", action="store_true", help="skip the boots (the foreign programs too)")
    s.add_argument("--no-foreign", action="store_true", help="skip the foreign programs")
    s.add_argument("--no-gdb", action="store_true", help="skip the GDB session (gdbcheck.py)")
    s.add_argument("--no-host", action="store_true", help="skip the host run and the comparison")
    s.add_argument("--no-linux", action="store_true",
                   help="skip the reference Linux boots and their comparison")
    linux_options(s)
    s.add_argument("--stream", action="store_true", help="show the serial consoles as they come")
    s.add_argument("--no-selftests", action="store_true",
                   help="skip Linux's x86 selftests (run.py selftests)")
    s.set_defaults(func=cmd_suite)

    st = sub.add_parser("selftests", help="Linux's x86 selftests on the host, Linux and Trident")
    build_dir(st)
    st.add_argument("--test", action="append", metavar="NAME", help="only this test (repeatable)")
    st.add_argument("--cpu", action="append", choices=selftests.MODELS,
                    help="only this QEMU CPU model (repeatable)")
    st.add_argument("--jobs", "-j", type=int, metavar="N", help="boots at a time (default: one per CPU)")
    st.add_argument("--refresh", action="store_true",
                    help="fetch the sources again (cached in %s)" % selftests.cache_dir())
    st.set_defaults(func=cmd_selftests)

    k = sub.add_parser("configs", help="list the boot configurations of the suite")
    build_dir(k)
    k.set_defaults(func=cmd_configs)
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
