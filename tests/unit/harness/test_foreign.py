"""Foreign programs (tests/foreign): building, the host run, the output cut
from a serial log, the judging, and the whole run with a fake QEMU."""

import os
import shutil
import subprocess
import sys
import unittest
from unittest import mock

from ktap_unittest import FAKE, ROOT, SAMPLES, workdir
from harness import foreign
from harness.report import Section
from test_cli import multiboot2_stub

FOREIGN = os.path.join(ROOT, "tests", "foreign")


def read(name):
    with open(os.path.join(SAMPLES, name), "rb") as f:
        return f.read().decode("utf-8", "replace")


def source(directory, name, text):
    path = os.path.join(directory, name + ".c")
    with open(path, "w") as f:
        f.write(text)
    return path


GLIBC_LINES = ["hello from a static program built with glibc", "argv[0] basename: hello_glibc",
               "argc: 1", "numbers: -42 0xbeef 1099511627776 0.667", "HOME: /"]


class Building(unittest.TestCase):

    def test_build_lines(self):
        """Does each program of tests/foreign say how it is built, as the contract asks?"""
        cmd = {os.path.basename(s)[:-2]: foreign.build_command(s) for s in foreign.find_sources()[0]}
        for name in ("raw_nostdlib", "hello_glibc", "hello_musl"):
            self.assertIn(name, cmd)
        self.assertEqual(cmd["hello_musl"][:2], ["musl-gcc", "-static"])
        self.assertEqual(cmd["hello_glibc"][:2], ["gcc", "-static"])
        for flag in ("-static", "-nostdlib", "-fno-pie", "-no-pie"):
            self.assertIn(flag, cmd["raw_nostdlib"])
        d = workdir(self)
        self.assertEqual(foreign.build_command(source(d, "c", "/* build: cc -O2 */\nint x;\n")),
                         ["cc", "-O2"])
        self.assertEqual(foreign.build_command(source(d, "s", " * build: cc 'a b'\n")), ["cc", "a b"])
        self.assertIsNone(foreign.build_command(source(d, "n", "int main(void) { return 0; }\n")))

    def test_reference_lines(self):
        """Does `// reference: OTHER` name the program whose host run stands in?"""
        d = workdir(self)
        self.assertEqual(foreign.reference_of(source(d, "x", "// build: cc\n// reference: hello\n")), "hello")
        self.assertIsNone(foreign.reference_of(source(d, "y", "// build: cc\nint x;\n")))
        refs = {os.path.basename(s)[:-2]: foreign.reference_of(s) for s in foreign.find_sources()[0]}
        self.assertEqual(refs.get("hello_glibcx32"), "hello_glibc")

    def test_missing_compiler(self):
        """Is a missing musl-gcc a failure that says what to install, not a skip?"""
        d = workdir(self)
        src = source(d, "m", "// build: musl-gcc -static\nint main(void) { return 0; }\n")
        with mock.patch.dict(os.environ, {"PATH": d}):
            _, problems = foreign.build(src, os.path.join(d, "out"))
        self.assertEqual(problems,
                         ["cannot build it: musl-gcc not found (Debian: apt-get install musl-tools)"])
        s = foreign.run_foreign(d, sources=d)
        self.assertEqual(s.problems[0].message, "no kernel at %s (build it first: make)"
                         % os.path.join(d, "kernel.elf"))

    def test_build_errors(self):
        """Are a compiler's errors and a missing build line failures that show why?"""
        d = workdir(self)
        _, problems = foreign.build(source(d, "n", "int main(void) { return 0; }\n"), d)
        self.assertIn("no `build: COMMAND` line", problems[0])
        _, problems = foreign.build(source(d, "e", "// build: %s -c 'exit(2)'\n" % sys.executable), d)
        self.assertTrue(problems[0].startswith("build failed (status 2): "), problems)

    @unittest.skipUnless(shutil.which("gcc") and shutil.which("cpio"), "gcc or cpio not installed")
    def test_host_run_and_cpio(self):
        """Does the host run hello_glibc as /hello_glibc with init's environment, and
        its cpio hold just /hello_glibc?"""
        d = workdir(self)
        binary, problems = foreign.build(os.path.join(FOREIGN, "hello_glibc.c"), d)
        self.assertEqual(problems, [])
        run = foreign.run_host(binary, "hello_glibc")
        self.assertEqual((run.status, run.signal, run.error), (3, None, ""))
        self.assertEqual(run.ending(), "exit status 3")
        for line in ("argv[0] basename: hello_glibc", "argc: 1", "HOME: /"):
            self.assertIn(line, run.lines)
        cpio = os.path.join(d, "hello_glibc.cpio")
        self.assertIsNone(foreign.make_cpio(binary, "hello_glibc", cpio))
        with open(cpio, "rb") as f:
            self.assertEqual(f.read(6), b"070701")
        listing = subprocess.run(["cpio", "-it", "--quiet", "-F", cpio], stdout=subprocess.PIPE)
        self.assertEqual(listing.stdout.decode().split(), ["hello_glibc"])


class Output(unittest.TestCase):

    def test_real_capture(self):
        """Is init's output cut from a real quiet boot, GRUB and kernel lines left out?"""
        lines, notes = foreign.program_output(read("foreign_glibc.log"))
        self.assertEqual((lines, notes), (GLIBC_LINES, []))

    def test_no_final_newline(self):
        """Does a last line without newline end where the kernel's line begins?"""
        lines, notes = foreign.program_output(read("foreign_nonewline.log"))
        self.assertEqual((lines, notes), (["one", "", "two, no newline"], []))
        self.assertEqual(foreign.output_lines("one\r\n\ntwo, no newline"), lines)
        self.assertEqual(foreign.output_lines("one\n\ntwo, no newline\n"), lines)

    def test_without_memory_lines(self):
        """Without the memory check, is the output what follows GRUB up to `init exited`?"""
        lines, notes = foreign.program_output(read("grub_quiet.log"))
        self.assertEqual(lines[:2], ["tiny test kernel booted", "cmdline: t=a quiet"])
        self.assertEqual(lines[-1], "ok 2 selftests: trident: hello_32")
        self.assertEqual(len(notes), 1)

    def test_ends(self):
        """Do a panic, `init killed` and a log's end each end the output?"""
        start = "  Booting `Trident'\r\n\r\n\rMemory check at init start: 1 pages\r\nout\r\n"
        for end in ("Kernel panic - not syncing: x\r\nRIP\r\n", "init killed: signal 11\r\n", "\r\n\r\n"):
            lines, _ = foreign.program_output(start + end)
            self.assertEqual(lines, ["out"], end)

    def test_diff(self):
        """Are changed, missing and extra lines paired as in the Linux comparison?"""
        self.assertEqual(foreign.diff_lines(["a", "b", "c"], ["a", "B", "c", "d"]),
                         [("b", "B"), (None, "d")])
        self.assertEqual(foreign.diff_lines(["a"], ["a"]), [])


class Judging(unittest.TestCase):

    def judge(self, host, log="foreign_glibc.log", problems=()):
        s = Section("boot")
        for p in problems:
            s.problem(p, ["detail"])
        return foreign.judge("hello_glibc", host, s, read(log), "x.log")

    def test_same(self):
        """Are the same lines and status one passed case, with the memory check as the second?"""
        p = self.judge(foreign.HostRun(lines=list(GLIBC_LINES), status=3))
        self.assertEqual([(c.number, c.status, c.description) for c in p.cases],
                         [(1, "pass", "output and exit status as on Linux"),
                          (2, "pass", "memory balanced at init end")])
        self.assertEqual((p.plan, p.status, p.notes), (2, "PASS", ["5 line(s), exit status 3 on both"]))

    def test_different_lines(self):
        """Is a different line a failure shown side by side?"""
        host = list(GLIBC_LINES)
        host[2] = "argc: 2"
        p = self.judge(foreign.HostRun(lines=host + [""], status=3))
        case = p.cases[0]
        self.assertEqual(case.status, "fail")
        self.assertEqual(case.context[0], "Linux: exit status 3; Trident: exit status 3")
        self.assertIn("2 line(s) differ from Linux:", case.context)
        self.assertRegex(case.context[-3], r"^argc: 2 +\| argc: 1$")
        self.assertRegex(case.context[-2], r"^\(empty line\) +\| \(none\)$")
        self.assertEqual(case.context[-1], "serial log: x.log")
        self.assertEqual(p.counts(), (1, 1, 0))

    def test_different_status(self):
        """Is another exit status (what qemu.judge found) a failure, with both said?"""
        p = self.judge(foreign.HostRun(lines=list(GLIBC_LINES), status=4),
                       problems=["init exited: status 3 (expected 4)"])
        self.assertEqual(p.cases[0].context[:3], ["Linux: exit status 4; Trident: exit status 3",
                                                  "init exited: status 3 (expected 4)", "  detail"])

    def test_host_error(self):
        """Is a program the host cannot run a failure?"""
        p = self.judge(foreign.HostRun(error="cannot run it on the host: Exec format error"))
        self.assertIn("cannot run it on the host: Exec format error", p.cases[0].context)
        self.assertEqual(p.cases[0].status, "fail")

    def test_leak(self):
        """Does a foreign boot's leak fail its second case?"""
        p = self.judge(foreign.HostRun(lines=["ok 1 fork and exit", "ok 2 mmap and munmap"], status=0),
                       log="memory_leak.log")
        self.assertEqual([c.status for c in p.cases], ["fail", "fail"])


@unittest.skipUnless(shutil.which("gcc") and shutil.which("cpio") and shutil.which("grub-mkrescue")
                     and shutil.which("xorriso"), "gcc, cpio, grub-mkrescue or xorriso not installed")
class WholeRun(unittest.TestCase):
    """Build, host run, cpio, ISO and boot, with a fake QEMU printing a sample log."""

    def run_foreign(self, status):
        d = workdir(self)
        multiboot2_stub(os.path.join(d, "kernel.elf"))
        src = os.path.join(d, "src")
        os.makedirs(src)
        source(src, "three", '// build: gcc -static -O2\n#include <stdio.h>\n'
                             'int main(void) { printf("one\\n\\ntwo, no newline"); return %d; }\n' % status)
        qemu = os.path.join(d, "fake-qemu")
        with open(qemu, "w") as f:
            f.write('#!/bin/sh\nexec %s %s %s exit 7\n' % (FAKE[0], FAKE[1],
                                                           os.path.join(SAMPLES, "foreign_nonewline.log")))
        os.chmod(qemu, 0o755)
        return d, foreign.run_foreign(d, sources=src, qemu_binary=qemu)

    def test_pass(self):
        """Does a program printing what the log shows, with its status, pass both cases?"""
        d, s = self.run_foreign(3)
        self.assertEqual((s.counts(), s.problems), ((2, 0, 0), []))
        self.assertTrue(os.path.isfile(os.path.join(d, "foreign", "three.iso")))
        self.assertTrue(os.path.isfile(os.path.join(d, "harness", "foreign-three.log")))

    def test_status_differs(self):
        """Does the same output with another exit status fail?"""
        _, s = self.run_foreign(4)
        self.assertEqual(s.counts(), (1, 1, 0))
        self.assertIn("init exited: status 3 (expected 4)", s.programs[0].cases[0].context)
