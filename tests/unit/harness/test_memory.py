"""The kernel's leak check: `Memory check at init start/end` in a boot's log."""

import os
import subprocess
import sys
import unittest

from ktap_unittest import FAKE, RUN_PY, ROOT, SAMPLES, sample, workdir
from harness import ktap, qemu, results

START = "Memory check at init start: 100 pages free or in the heap, 64 heap bytes in use"
END = "Memory check at init end: 100 pages free or in the heap, 64 heap bytes in use"


class MemoryCheck(unittest.TestCase):

    def test_balanced(self):
        """Are equal numbers at init start and end one passed case?"""
        case = results.memory_case(sample("memory_balanced.log"))
        self.assertEqual((case.status, case.description), ("pass", "memory balanced at init end"))
        self.assertEqual(case.context, [])

    def test_leak(self):
        """Are unequal numbers a failed case showing both lines and the change?"""
        case = results.memory_case(sample("memory_leak.log"))
        self.assertEqual(case.status, "fail")
        self.assertEqual(case.context, [
            "line 3: Memory check at init start: 64478 pages free or in the heap, 23040 heap bytes in use",
            "line 12: Memory check at init end: 64476 pages free or in the heap, 23104 heap bytes in use",
            "at the end: -2 pages free or in the heap, +64 heap bytes in use"])

    def test_each_number(self):
        """Does either number alone make it fail?"""
        for end in (END.replace("100 pages", "99 pages"), END.replace("64 heap", "65 heap")):
            log = ktap.parse_text("\n".join([START, "x", end, "init exited: status 0"]))
            self.assertEqual(results.memory_case(log).status, "fail", end)

    def test_missing_line(self):
        """Does a log without either line (older kernel, panic) get no case?"""
        for text in (START + "\nKernel panic - not syncing: x\n", END + "\n", "init exited: status 0\n"):
            self.assertIsNone(results.memory_case(ktap.parse_text(text)), text)
            self.assertIsNone(results.memory_program(ktap.parse_text(text)), text)
        self.assertIsNone(results.memory_case(sample("grub_quiet.log")))

    def test_glued_to_output(self):
        """Is the end line found when init's last line had no newline?"""
        log = sample("foreign_nonewline.log")
        self.assertEqual(log.memory["end"][0], 6)
        self.assertEqual(results.memory_case(log).status, "pass")

    def test_boot_section(self):
        """Does a boot's section get the case as a program `memory check`, counted
        (but not as a test that ran)?"""
        d = workdir(self)
        for name, counts in (("memory_balanced.log", (3, 0, 0)), ("memory_leak.log", (2, 1, 0))):
            run = qemu.run_emulator(FAKE + [os.path.join(SAMPLES, name), "exit", "1"],
                                    os.path.join(d, name), 20)
            s = qemu.judge("t", run, timeout=20)
            self.assertEqual([p.name for p in s.programs], ["leak_64", "memory check"])
            self.assertEqual((s.counts(), s.problems), (counts, []))
        # Memory lines and no KTAP: still "no test ran".
        log = os.path.join(d, "noktap.log")
        with open(log, "w") as f:
            f.write("\n".join([START, END, "init exited: status 0", ""]))
        s = qemu.judge("t", qemu.run_emulator(FAKE + [log, "exit", "1"], os.path.join(d, "l"), 20),
                       timeout=20)
        self.assertEqual([p.message for p in s.problems], ["no test ran"])
        self.assertEqual(s.counts(), (1, 1, 0))

    def test_parse_command(self):
        """Does `run.py parse` count the leak check and show a failure?"""
        r = subprocess.run([sys.executable, RUN_PY, "parse", os.path.join(SAMPLES, "memory_leak.log")],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT)
        lines = r.stdout.decode().rstrip("\n").split("\n")
        self.assertEqual((r.returncode, lines[-1]), (1, "2 passed, 1 failed"))
        self.assertIn("          not ok 1 memory balanced at init end", lines)
        self.assertIn("            at the end: -2 pages free or in the heap, +64 heap bytes in use", lines)
