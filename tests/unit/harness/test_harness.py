#!/usr/bin/env python3
"""Unit tests of the test harness (tests/harness): the KTAP parser on sample
logs, the judging of emulator runs (with a fake QEMU), host programs, the
Linux comparison, the command line and scripts/mkiso.sh.

    python3 test_harness.py [OUTPUT_DIR]

prints KTAP and exits 1 when a test failed.
"""

import os
import shutil
import stat
import struct
import subprocess
import sys
import tempfile
import time
import traceback
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from harness import compare, ktap, programs, qemu, report  # noqa: E402

SAMPLES = os.path.join(HERE, "samples")
FAKE = [sys.executable, os.path.join(HERE, "fake_emulator.py")]
RUN_PY = os.path.join(ROOT, "tests", "harness", "run.py")
OUT = None   # the output directory ($1 of run.sh)


def sample(name, default_name=None):
    return ktap.parse_file(os.path.join(SAMPLES, name), default_name=default_name)


def names(log):
    return [p.name for p in log.programs]


def workdir(test):
    d = tempfile.mkdtemp(prefix=test.id().split(".")[-1] + ".", dir=OUT)
    return d


# -- the KTAP parser ----------------------------------------------------------

class Parser(unittest.TestCase):

    def test_good_run(self):
        """Is a good run, as read from a real serial line after GRUB, all passes?"""
        log = sample("grub_quiet.log")
        self.assertEqual(names(log), ["hello_64", "hello_32"])
        self.assertEqual(log.counts(), (3, 0, 1))
        self.assertEqual(log.runner_plan, 2)
        self.assertEqual(log.init_status, 0)
        self.assertEqual(log.problems, [])
        self.assertEqual([p.status for p in log.programs], ["PASS", "PASS"])
        c = log.programs[0].cases[2]
        self.assertEqual((c.number, c.description, c.directive, c.reason),
                         (3, "is x32 there?", "SKIP", "x32 disabled"))

    def test_grub_menu_noise(self):
        """Does GRUB's menu, drawn on the serial line, leave the results alone?"""
        log = sample("grub_menu.log")
        self.assertEqual(names(log), ["hello_64", "hello_32"])
        self.assertEqual(log.counts(), (3, 0, 1))
        self.assertEqual(log.problems, [])

    def test_failure(self):
        """Is a failure counted once, with the diagnostics before it?"""
        log = sample("failure.log")
        self.assertEqual(log.counts(), (3, 1, 0))
        nr = log.program("nr_64")
        self.assertEqual(nr.status, "FAIL")
        self.assertEqual(nr.counts(), (2, 1, 0))   # the runner's not ok is no extra failure
        bad = [c for c in nr.cases if c.status == "fail"]
        self.assertEqual([c.number for c in bad], [2])
        self.assertEqual(bad[0].context, ["# syscall(-1) returned 0", "# expected -38 (ENOSYS)"])
        self.assertEqual(bad[0].render(), "not ok 2 does nr -1 give ENOSYS?")
        self.assertEqual(log.init_status, 1)

    def test_panic(self):
        """Does a kernel panic fail the run, the program and those never started?"""
        log = sample("panic.log")
        self.assertEqual(log.panic[0], "Kernel panic - not syncing: page fault in kernel mode at 0x0")
        self.assertIn("RIP: 0010:ffffffff80012345", log.panic)
        p = log.program("entry_64")
        self.assertEqual((p.status, p.missing, p.ended_by), ("CRASH", 2, "kernel panic"))
        self.assertEqual(sum(m.startswith("kernel panic") for m in log.problems), 1)
        self.assertIn("program 2 of 3 never started", log.problems)
        self.assertIn("program 3 of 3 never started", log.problems)
        self.assertEqual(log.counts(), (2, 2 + 1 + 2, 0))

    def test_truncated_plan(self):
        """Is each result missing from a plan a failure?"""
        log = sample("truncated.log")
        short = log.program("short_64")
        self.assertEqual((short.plan, len(short.cases), short.missing), (5, 3, 2))
        self.assertEqual(short.status, "CRASH")
        self.assertEqual(log.program("next_64").status, "PASS")
        self.assertEqual(log.counts(), (4, 2, 0))

    def test_killed_by_signal(self):
        """Is a program killed by a signal a failure even when its results all passed?"""
        log = sample("killed.log")
        segv = log.program("segv_64")
        self.assertEqual((segv.status, segv.counts()), ("CRASH", (1, 2, 0)))
        self.assertIn("runner: not ok (killed by signal 11)", segv.notes)
        self.assertIn("[    1.000000] segv_64[5]: segfault at 0 ip 0000000000401000 error 4", segv.tail)
        late = log.program("exitsegv_64")
        self.assertEqual(late.counts(), (1, 1, 0))
        self.assertEqual(late.problems, ["runner: not ok (killed by signal 11)"])
        self.assertEqual(log.program("skipped_x32").status, "SKIP")
        self.assertEqual(log.init_signal, 11)
        self.assertEqual(log.counts(), (2, 3, 1))

    def test_interleaved_kernel_lines(self):
        """Do kernel lines between results change nothing but the context?"""
        log = sample("interleaved.log")
        self.assertEqual(names(log), ["write_64"])
        p = log.programs[0]
        self.assertEqual(p.counts(), (2, 1, 0))        # TODO counts as passed
        self.assertEqual(p.problems, [])
        bad = [c for c in p.cases if c.status == "fail"][0]
        self.assertEqual(bad.context, ["# about to try an unmapped buffer",
                                       "[    0.310000] page fault at 0x1000 (user, not present)"])
        self.assertEqual(p.cases[2].directive, "TODO")

    def test_prefixed_output(self):
        """Is run_kselftest.sh's "# "-prefixed program output read?"""
        log = sample("prefixed.log")
        p = log.program("getpid_64")
        self.assertTrue(p.prefixed)
        self.assertEqual(p.counts(), (1, 1, 0))
        self.assertEqual(p.cases[1].context, ["# # expected 2, got 3"])

    def test_standalone(self):
        """Are KTAP blocks without a runner read one program each?"""
        log = sample("standalone.log", default_name="prog")
        self.assertEqual(names(log), ["prog", "prog#2"])
        self.assertEqual(log.counts(), (1, 1, 1))
        self.assertEqual(log.programs[0].cases[0].description, "first")
        self.assertFalse(log.runner)

    def test_plan_problems(self):
        """Are a missing plan, results out of order and extra results failures?"""
        log = sample("problems.log")
        self.assertEqual(log.program("noplan_64").problems, ["no plan (1..N) line"])
        order = log.program("order_64").problems
        self.assertTrue(any(x.startswith("results out of order: 3 where 2") for x in order), order)
        self.assertTrue(any(x.startswith("more results than the plan's 2") for x in order), order)
        self.assertEqual(log.counts(), (4, 3, 0))

    def test_bail_out(self):
        """Is "Bail out!" a crash of the program?"""
        log = sample("bailout.log")
        p = log.programs[0]
        self.assertEqual(p.status, "CRASH")
        self.assertEqual(p.counts(), (1, 2 + 1, 0))

    def test_skip_all(self):
        """Is "1..0 # SKIP" one skipped program, not a failure?"""
        log = sample("skipall.log")
        self.assertEqual(log.counts(), (0, 0, 1))
        self.assertEqual(log.programs[0].status, "SKIP")

    def test_programs_never_started(self):
        """Does the runner's plan catch programs that never ran?"""
        log = sample("notstarted.log")
        self.assertEqual(log.problems, ["program 2 of 3 never started", "program 3 of 3 never started"])
        self.assertEqual(log.counts(), (1, 2, 0))

    def test_no_test_ran(self):
        """Is a log without any test a failure ("no test ran")?"""
        log = sample("empty.log")
        self.assertEqual(log.programs, [])
        s = report.Section("t")
        s.programs = log.programs
        s.check_ran()
        self.assertEqual([p.message for p in s.problems], ["no test ran"])
        self.assertEqual(s.counts(), (0, 1, 0))

    def test_clean_line(self):
        """Are terminal escapes and carriage returns taken out of a line?"""
        self.assertEqual(ktap.clean_line("\x1b[H\x1b[J\x1b[1;1H  Booting `Trident'"), "  Booting `Trident'")
        self.assertEqual(ktap.clean_line("\rok 1 x\r"), "ok 1 x")
        self.assertEqual(ktap.clean_line("abc\rok 2 y"), "ok 2 y")
        self.assertEqual(ktap.clean_line("\x1b[7mok\x1b[m 3 z\x00"), "ok 3 z")

    def test_result_line_forms(self):
        """Are "ok N - desc", "ok N # SKIP why" and an unnumbered "ok" read right?"""
        log = ktap.parse_text("KTAP version 1\n1..3\nok 1 - a b\nok 2 # SKIP why not\nnot ok\n")
        c = log.programs[0].cases
        self.assertEqual((c[0].description, c[0].status), ("a b", "pass"))
        self.assertEqual((c[1].description, c[1].directive, c[1].reason), ("", "SKIP", "why not"))
        self.assertEqual((c[2].number, c[2].status), (3, "fail"))
        self.assertEqual(log.counts(), (1, 1, 1))

    def test_totals_line(self):
        """Is the closing line exactly `N passed, N failed[, N skipped]`?"""
        self.assertEqual(report.totals_line(3, 0, 0), "3 passed, 0 failed")
        self.assertEqual(report.totals_line(3, 2, 1), "3 passed, 2 failed, 1 skipped")


# -- emulator runs (a fake QEMU) ----------------------------------------------

class Emulator(unittest.TestCase):

    def boot(self, log, mode, *extra, timeout=20.0, grace=qemu.PANIC_GRACE, **expect):
        d = workdir(self)
        serial = os.path.join(d, "serial.log")
        run = qemu.run_emulator(FAKE + [os.path.join(SAMPLES, log), mode] + list(extra),
                                serial, timeout, panic_grace=grace)
        return qemu.judge("t", run, timeout=timeout, **expect), run

    def messages(self, s):
        return [p.message for p in s.problems]

    def test_command_line(self):
        """Does the QEMU command line hold what the contract asks for?"""
        cmd = qemu.qemu_command("x.iso", cpu="Haswell", extra=["-s"])
        line = " ".join(cmd)
        for part in ("-M pc", "-cpu Haswell", "-m 256M", "-cdrom x.iso", "-boot d", "-display none",
                     "-no-reboot", "-serial stdio", "-device isa-debug-exit,iobase=0xf4,iosize=0x04",
                     "-monitor none"):
            self.assertIn(part, line)
        self.assertEqual(cmd[-1], "-s")
        self.assertNotIn("-enable-kvm", cmd)

    def test_debug_exit(self):
        """Is an exit through isa-debug-exit with status 0 a clean run?"""
        s, run = self.boot("grub_quiet.log", "exit", "1")
        self.assertEqual(self.messages(s), [])
        self.assertEqual(s.counts(), (3, 0, 1))
        with open(run.log_path, "rb") as a, open(os.path.join(SAMPLES, "grub_quiet.log"), "rb") as b:
            self.assertEqual(a.read(), b.read())

    def test_poweroff(self):
        """Is an ACPI poweroff (QEMU status 0) after `init exited: status 0` clean?"""
        s, _ = self.boot("grub_quiet.log", "exit", "0")
        self.assertEqual(self.messages(s), [])

    def test_debug_exit_disagrees(self):
        """Is a debug-exit value other than the serial status a failure?"""
        s, _ = self.boot("grub_quiet.log", "exit", str((3 << 1) | 1))
        self.assertEqual(self.messages(s), ["isa-debug-exit says status 3, the serial line says 0"])

    def test_unexpected_status(self):
        """Is `init exited: status 1` a failure unless expected?"""
        s, _ = self.boot("failure.log", "exit", "3")
        self.assertIn("init exited: status 1 (expected 0)", self.messages(s))
        s, _ = self.boot("failure.log", "exit", "3", expect_exit=1)
        self.assertEqual(self.messages(s), [])
        self.assertEqual(s.counts(), (3, 1, 0))

    def test_expect_signal(self):
        """Is `init killed: signal 11` accepted only when expected?"""
        s, _ = self.boot("killed.log", "exit", "0")
        self.assertIn("init killed: signal 11 (expected init exited: status 0)", self.messages(s))
        s, _ = self.boot("killed.log", "exit", "0", expect_signal=11)
        self.assertEqual(self.messages(s), [])

    def test_hang(self):
        """Is a run past its timeout killed and failed as a hang?"""
        start = time.monotonic()
        s, run = self.boot("truncated.log", "hang", timeout=1.0)
        self.assertLess(time.monotonic() - start, 8)
        self.assertTrue(run.timed_out)
        self.assertIn("hang: QEMU killed after 1 s", self.messages(s))
        self.assertTrue(any("ok 3 three" in d for d in s.problems[-1].details))

    def test_panic_stops_early(self):
        """Does a kernel panic end the run at once instead of at the timeout?"""
        start = time.monotonic()
        s, run = self.boot("panic.log", "hang", timeout=30.0, grace=0.2)
        self.assertLess(time.monotonic() - start, 8)
        self.assertTrue(run.panicked)
        self.assertFalse(run.timed_out)
        m = self.messages(s)
        self.assertTrue(m[0].startswith("kernel panic (line 9)"), m)
        self.assertFalse(any(x.startswith("hang") for x in m), m)
        self.assertFalse(any(x.startswith("no `init exited`") for x in m), m)
        self.assertIn("CR2: 0000000000000000", s.problems[0].details)

    def test_reset_without_init_line(self):
        """Is QEMU ending (triple fault, -no-reboot) without `init exited` a failure?"""
        s, _ = self.boot("truncated.log", "exit", "0")
        self.assertTrue(any(x.startswith("no `init exited` or `init killed` line") for x in self.messages(s)))

    def test_qemu_error(self):
        """Is QEMU refusing to start a failure that shows its message?"""
        s, _ = self.boot("empty.log", "error")
        self.assertEqual(self.messages(s)[0], "QEMU failed (exit status 1)")
        self.assertIn("unable to find CPU model", "\n".join(s.problems[0].details))
        self.assertIn("no test ran", self.messages(s))

    def test_no_emulator(self):
        """Is a missing emulator or ISO a failure, not a crash of the harness?"""
        d = workdir(self)
        run = qemu.run_emulator([os.path.join(d, "no-such-qemu")], os.path.join(d, "l"), 5)
        s = qemu.judge("t", run, timeout=5)
        self.assertTrue(self.messages(s)[0].startswith("cannot run"))
        s, _ = qemu.boot_qemu("t", os.path.join(d, "none.iso"), os.path.join(d, "l"))
        self.assertTrue(self.messages(s)[0].startswith("no ISO at"))


# -- programs on the host, unit test scripts -----------------------------------

def sh(script):
    return ["sh", "-c", script]


KTAP_OK = 'printf "KTAP version 1\\n1..1\\nok 1 a\\n"'


class Programs(unittest.TestCase):

    def run_one(self, command, timeout=10.0):
        d = workdir(self)
        return programs.run_program("p", command, os.path.join(d, "p.log"), timeout)

    def test_pass(self):
        """Is a program with good KTAP and status 0 a pass?"""
        progs, problems, notes = self.run_one(sh(KTAP_OK))
        self.assertEqual([p.counts() for p in progs], [(1, 0, 0)])
        self.assertEqual(problems, [])

    def test_bad_status(self):
        """Is a failing exit status with all results passed one failure?"""
        progs, problems, _ = self.run_one(sh(KTAP_OK + "; exit 2"))
        self.assertEqual(progs[0].problems, ["exit status 2, but no test case failed"])
        self.assertEqual(progs[0].counts(), (1, 1, 0))

    def test_skip_status(self):
        """Is kselftest's skip status 4 no failure?"""
        progs, problems, _ = self.run_one(sh('printf "KTAP version 1\\n1..1\\nok 1 a # SKIP b\\n"; exit 4'))
        self.assertEqual(progs[0].counts(), (0, 0, 1))
        self.assertEqual(problems, [])

    def test_signal(self):
        """Is a program killed by a signal a crash?"""
        progs, _, _ = self.run_one(sh('printf "KTAP version 1\\n1..2\\nok 1 a\\n"; kill -SEGV $$'))
        self.assertEqual(progs[0].status, "CRASH")
        self.assertEqual(progs[0].ended_by, "killed by signal 11 (SIGSEGV)")
        self.assertEqual(progs[0].counts(), (1, 1, 0))

    def test_hang(self):
        """Is a hanging program killed, with its children, after the timeout?"""
        d = workdir(self)
        flag = os.path.join(d, "child-survived")
        start = time.monotonic()
        progs, _, _ = self.run_one(sh(KTAP_OK + '; (sleep 3; touch %s) & sleep 60' % flag), timeout=1.0)
        self.assertLess(time.monotonic() - start, 5)
        self.assertIn("hang: killed after 1 s", progs[0].problems)
        time.sleep(3.5)
        self.assertFalse(os.path.exists(flag))

    def test_no_output(self):
        """Is a program that prints no KTAP a failure?"""
        _, problems, _ = self.run_one(sh("echo hello"))
        self.assertEqual(problems[0][0], "p: no KTAP output (exit status 0)")

    def test_cannot_exec(self):
        """Is a program this kernel cannot execute (x32 on the host) skipped?"""
        d = workdir(self)
        fake = os.path.join(d, "x_x32")
        with open(fake, "wb") as f:
            f.write(b"\x7fELF\x01\x01\x01" + b"\0" * 60)
        os.chmod(fake, 0o755)
        progs, problems, notes = self.run_one([fake])
        self.assertEqual([p.counts() for p in progs], [(0, 0, 1)])
        self.assertEqual(problems, [])

    def test_find_binaries(self):
        """Are only the executable ELF files of a directory taken?"""
        d = workdir(self)
        for name, data, mode in (("a_64", b"\x7fELFxx", 0o755), ("b.sh", b"#!/bin/sh\n", 0o755),
                                 ("c.o", b"\x7fELFxx", 0o644)):
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
            os.chmod(os.path.join(d, name), mode)
        found, missing = programs.find_binaries([d, os.path.join(d, "nope")])
        self.assertEqual([os.path.basename(f) for f in found], ["a_64"])
        self.assertEqual(missing, [os.path.join(d, "nope")])

    def test_empty_host_dir(self):
        """Is a host run without any program a failure?"""
        d = workdir(self)
        s = programs.run_host([d], os.path.join(d, "logs"))
        self.assertTrue(any(p.message.startswith("no test program found") for p in s.problems))

    def test_unit_scripts(self):
        """Does every tests/unit/*/run.sh run with its own output directory as $1?"""
        root = workdir(self)
        for name, body in (("good", 'echo "$1" > "$1/arg"; ' + KTAP_OK),
                           ("bad", 'printf "KTAP version 1\\n1..2\\nok 1 a\\nnot ok 2 b\\n"; exit 1')):
            os.makedirs(os.path.join(root, "tests", "unit", name))
            with open(os.path.join(root, "tests", "unit", name, "run.sh"), "w") as f:
                f.write(body + "\n")
        out = os.path.join(root, "out")
        s = programs.run_unit(root, out)
        self.assertEqual([p.name for p in s.programs], ["unit/bad", "unit/good"])
        self.assertEqual(s.counts(), (2, 1, 0))
        with open(os.path.join(out, "good", "arg")) as f:
            self.assertEqual(f.read().strip(), os.path.join(out, "good"))


# -- the comparison with Linux -------------------------------------------------

def prog(text, name):
    return ktap.parse_text(text, default_name=name).programs[0]


HOST = "KTAP version 1\n1..3\nok 1 a\nok 2 b # SKIP no x32 here\nnot ok 3 c\n"


class Compare(unittest.TestCase):

    def allow(self, text):
        d = workdir(self)
        path = os.path.join(d, "allow.txt")
        with open(path, "w") as f:
            f.write(text)
        return compare.load_allowlist(path)

    def test_same(self):
        """Are the same results (skip reasons aside) no difference?"""
        s = compare.compare([prog(HOST, "t_64")],
                            [prog(HOST.replace("no x32 here", "x32 off"), "t_64")], [])
        self.assertEqual(s.problems, [])
        self.assertEqual(s.counts(), (0, 0, 0))

    def test_difference(self):
        """Is a different result line a failure, shown side by side?"""
        s = compare.compare([prog(HOST, "t_64")], [prog(HOST.replace("not ok 3", "ok 3"), "t_64")], [])
        self.assertEqual([p.message for p in s.problems], ["t_64: 1 result line(s) differ from Linux"])
        self.assertRegex(s.problems[0].details[1], r"^not ok 3 c +\| ok 3 c$")

    def test_allowlist(self):
        """Does an allow-list entry (with a glob) accept a difference, and say so?"""
        entries, errors = self.allow("# comment\n\n*_64\t^not ok 3 c$\tLinux 6.x fails it\n"
                                     "other\tx\tnever used\n")
        self.assertEqual(errors, [])
        s = compare.compare([prog(HOST, "t_64")], [prog(HOST.replace("not ok 3", "ok 3"), "t_64")], entries)
        self.assertEqual(s.problems, [])
        self.assertTrue(any("Linux 6.x fails it" in n for n in s.notes), s.notes)
        self.assertTrue(any(n.startswith("allow-list entry never used") for n in s.notes), s.notes)
        self.assertEqual(entries[0].used, 1)

    def test_allowlist_errors(self):
        """Is a malformed allow-list line a failure rather than silently ignored?"""
        entries, errors = self.allow("only two\tfields\nprog\t(bad\treason\n")
        self.assertEqual(entries, [])
        self.assertEqual(len(errors), 2)
        s = compare.compare([], [], entries, errors)
        self.assertEqual(s.counts(), (0, 2, 0))
        self.assertEqual(compare.load_allowlist(os.path.join(workdir(self), "none")), ([], []))

    def test_not_compared(self):
        """Are incomplete, skipped and one-sided programs left out, with a note?"""
        crashed = prog("KTAP version 1\n1..3\nok 1 a\n", "t_64")
        s = compare.compare([prog(HOST, "t_64"), prog("KTAP version 1\n1..0 # SKIP x\n", "x_x32"),
                             prog(HOST, "host_only")],
                            [crashed, prog(HOST, "x_x32"), prog(HOST, "trident_only")], [])
        self.assertEqual(s.problems, [])
        text = "\n".join(s.notes)
        for part in ("t_64: not compared, incomplete on Trident", "x_x32: not compared, skipped on the host",
                     "host_only: not in the Trident log", "trident_only: not run on the host"):
            self.assertIn(part, text)


# -- the command line -----------------------------------------------------------

class CommandLine(unittest.TestCase):

    def cli(self, *args):
        r = subprocess.run([sys.executable, RUN_PY] + list(args), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, cwd=ROOT)
        return r.returncode, r.stdout.decode().rstrip("\n").split("\n")

    def test_parse_failure(self):
        """Does `run.py parse` end with the totals and exit 1 on a failure?"""
        rc, lines = self.cli("parse", os.path.join(SAMPLES, "failure.log"))
        self.assertEqual((rc, lines[-1]), (1, "3 passed, 1 failed"))
        self.assertIn("          not ok 2 does nr -1 give ENOSYS?", lines)
        self.assertIn("            # expected -38 (ENOSYS)", lines)

    def test_parse_pass(self):
        """Does `run.py parse` exit 0 on a good log, with the skips counted?"""
        rc, lines = self.cli("parse", os.path.join(SAMPLES, "grub_quiet.log"))
        self.assertEqual((rc, lines[-1]), (0, "3 passed, 0 failed, 1 skipped"))

    def test_no_test(self):
        """Does a log without tests fail, saying so?"""
        rc, lines = self.cli("parse", os.path.join(SAMPLES, "empty.log"))
        self.assertEqual((rc, lines[-1]), (1, "0 passed, 1 failed"))
        self.assertTrue(any("no test ran" in l for l in lines))

    def test_boot_missing_iso(self):
        """Does `run.py boot` of a missing ISO fail cleanly?"""
        d = workdir(self)
        rc, lines = self.cli("boot", "--iso", os.path.join(d, "none.iso"), "--build-dir", d)
        self.assertEqual(rc, 1)
        self.assertTrue(any("no ISO at" in l for l in lines), lines)

    def test_only_one_closing_line(self):
        """Is the totals line the only line of its form (sections use another)?"""
        d = workdir(self)
        with open(os.path.join(d, "allow"), "w"):
            pass
        rc, lines = self.cli("compare", os.path.join(SAMPLES, "grub_quiet.log"), sys.executable,
                             "--build-dir", d, "--allow", os.path.join(d, "allow"))
        import re
        closing = [l for l in lines if re.match(r"^(\w+:\s*)?\d+ passed, \d+ failed(, \d+ skipped)?$", l)]
        self.assertEqual(closing, [lines[-1]])
        self.assertEqual(rc, 1)   # python3 prints no KTAP: a failure


# -- scripts/mkiso.sh ---------------------------------------------------------

def multiboot2_stub(path):
    """Not a kernel: just a multiboot2 header, enough for grub-file."""
    magic, arch, length = 0xE85250D6, 0, 24
    header = struct.pack("<IIII", magic, arch, length, -(magic + arch + length) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(header + struct.pack("<HHI", 0, 0, 8) + b"\xf4" * 40)


@unittest.skipUnless(shutil.which("grub-mkrescue") and shutil.which("xorriso"),
                     "grub-mkrescue or xorriso not installed")
class Mkiso(unittest.TestCase):

    def mkiso(self, *args, env=None):
        r = subprocess.run(["bash", os.path.join(ROOT, "scripts", "mkiso.sh")] + list(args),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        return r.returncode, r.stdout.decode(), r.stderr.decode()

    def inputs(self):
        d = workdir(self)
        kernel, initramfs = os.path.join(d, "kernel.elf"), os.path.join(d, "initramfs.cpio")
        multiboot2_stub(kernel)
        with open(initramfs, "wb") as f:
            f.write(b"070701" + b"0" * 104)
        return d, kernel, initramfs

    def extract(self, iso, path, out):
        subprocess.run(["xorriso", "-osirrox", "on", "-indev", iso, "-extract", path, out],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        with open(out, "rb") as f:
            return f.read()

    def test_iso(self):
        """Does the ISO hold the kernel, the initramfs and a grub.cfg with the arguments, quietly?"""
        d, kernel, initramfs = self.inputs()
        iso = os.path.join(d, "sub", "os.iso")
        rc, out, err = self.mkiso(iso, kernel, initramfs, "init=/bin/x", "--", "a b", "it's", "&")
        self.assertEqual((rc, out, err), (0, "", ""))
        self.assertLess(os.path.getsize(iso), 1536 * 1024)
        cfg = self.extract(iso, "/boot/grub/grub.cfg", os.path.join(d, "cfg")).decode()
        self.assertIn("\tmultiboot2 /boot/kernel.elf init=/bin/x -- 'a b' 'it'\\''s' '&'\n", cfg)
        self.assertIn("\tmodule2 /boot/initramfs.cpio\n", cfg)
        self.assertIn("set timeout=0\n", cfg)
        self.assertIn("serial --unit=0 --speed=115200", cfg)
        self.assertIn("terminal_output serial console\n", cfg)
        self.assertNotIn("@", cfg.split("menuentry")[1])
        with open(kernel, "rb") as f:
            self.assertEqual(self.extract(iso, "/boot/kernel.elf", os.path.join(d, "k")), f.read())
        listing = subprocess.run(["xorriso", "-indev", iso, "-ls", "/"], stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL).stdout.decode()
        self.assertEqual(sorted(listing.split()), ["'/boot'", "'/boot.catalog'"])

    def test_timeout(self):
        """Does GRUB_TIMEOUT set the menu timeout (for people)?"""
        d, kernel, initramfs = self.inputs()
        iso = os.path.join(d, "os.iso")
        rc, _, _ = self.mkiso(iso, kernel, initramfs, env=dict(os.environ, GRUB_TIMEOUT="5"))
        self.assertEqual(rc, 0)
        cfg = self.extract(iso, "/boot/grub/grub.cfg", os.path.join(d, "cfg")).decode()
        self.assertIn("set timeout=5\n", cfg)
        self.assertIn("\tmultiboot2 /boot/kernel.elf \n", cfg)

    def test_errors(self):
        """Does mkiso.sh refuse bad input and show grub-mkrescue's output when it fails?"""
        d, kernel, initramfs = self.inputs()
        rc, _, err = self.mkiso(os.path.join(d, "x.iso"), kernel)
        self.assertEqual(rc, 2)
        self.assertIn("usage:", err)
        rc, _, err = self.mkiso(os.path.join(d, "x.iso"), os.path.join(d, "none"), initramfs)
        self.assertEqual(rc, 1)
        self.assertIn("no such file", err)
        if shutil.which("grub-file"):
            rc, _, err = self.mkiso(os.path.join(d, "x.iso"), initramfs, initramfs)
            self.assertEqual(rc, 1)
            self.assertIn("no multiboot2 header", err)
        os.mkdir(os.path.join(d, "dir.iso"))
        rc, _, err = self.mkiso(os.path.join(d, "dir.iso"), kernel, initramfs)
        self.assertEqual(rc, 1)
        self.assertIn("grub-mkrescue failed", err)
        self.assertIn("xorriso", err)


# -- KTAP output ------------------------------------------------------------------

class KtapResult(unittest.TestResult):
    """Prints each test as a KTAP result, its diagnostics before it."""

    def __init__(self):
        super().__init__()
        self.n = 0

    @staticmethod
    def describe(test):
        doc = test.shortDescription()
        return doc or test.id().split(".", 1)[-1]

    def _result(self, test, ok, directive="", diag=""):
        self.n += 1
        for line in diag.rstrip("\n").split("\n") if diag else []:
            print("# " + line)
        print("%s %d %s%s" % ("ok" if ok else "not ok", self.n, self.describe(test),
                              " # " + directive if directive else ""), flush=True)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._result(test, True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._result(test, False, diag="%s: %s" % (test.id(), "".join(traceback.format_exception(*err))))

    def addError(self, test, err):
        super().addError(test, err)
        self._result(test, False, diag="%s: %s" % (test.id(), "".join(traceback.format_exception(*err))))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._result(test, True, directive="SKIP " + reason)


def main():
    global OUT
    OUT = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="harness-tests.")
    os.makedirs(OUT, exist_ok=True)
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    print("KTAP version 1")
    print("1..%d" % suite.countTestCases(), flush=True)
    result = KtapResult()
    suite.run(result)
    failed = len(result.failures) + len(result.errors)
    print("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:%d error:0"
          % (result.testsRun - failed - len(result.skipped), failed, len(result.skipped)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
