"""Judging runs: QEMU (a fake one, fake_emulator.py), host programs, unit scripts."""

import os
import time
import unittest

from ktap_unittest import FAKE, SAMPLES, workdir
from harness import programs, qemu


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

    OOPS = [r"^Oops: page fault", r"^RIP: 0010:", r"^Kernel panic - not syncing"]

    def test_expected_panic(self):
        """Is a provoked kernel oops one passing case, and its absence a failure?"""
        s, _ = self.boot("oops.log", "exit", "0", expect_panic=self.OOPS)
        self.assertEqual(s.counts(), (1, 0, 0))
        s, _ = self.boot("grub_quiet.log", "exit", "0", expect_panic=self.OOPS)
        self.assertEqual(s.counts(), (0, 1, 0))
        # The lines must come in order: a dump after the panic line is no dump.
        s, _ = self.boot("oops.log", "exit", "0", expect_panic=list(reversed(self.OOPS)))
        self.assertEqual(s.counts(), (0, 1, 0))

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
        s, _ = self.boot("standalone.log", "exit", "0")
        self.assertTrue(any(x.startswith("no `init exited` or `init killed` line") for x in self.messages(s)))

    def test_qemu_error(self):
        """Is QEMU refusing to start a failure that shows its message?"""
        s, _ = self.boot("empty.log", "error")
        self.assertEqual(self.messages(s)[0], "QEMU failed (exit status 1)")
        self.assertIn("unable to find CPU model", "\n".join(s.problems[0].details))
        self.assertEqual(len(s.problems), 1)

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

    def test_expected_signal(self):
        """Does a host program that announced `# expect: signal 11` pass by dying of it, only of it?"""
        head = 'printf "KTAP version 1\\n1..1\\n# expect: signal 11\\n"; '
        progs, problems, _ = self.run_one(sh(head + "kill -SEGV $$"))
        self.assertEqual([p.counts() for p in progs], [(1, 0, 0)])
        self.assertEqual((progs[0].status, problems), ("PASS", []))
        progs, problems, _ = self.run_one(sh(head + "kill -ABRT $$"))
        self.assertEqual(progs[0].status, "CRASH")
        self.assertEqual(progs[0].counts(), (0, 1, 0))
        self.assertEqual(progs[0].ended_by, "killed by signal 6 (SIGABRT)")

    def test_no_core_files(self):
        """Does a program that dies leave no core file?"""
        d = workdir(self)
        progs, _, _ = programs.run_program("p", sh('ulimit -c unlimited 2>/dev/null; ulimit -c'),
                                           os.path.join(d, "p.log"), 10, cwd=d)
        with open(os.path.join(d, "p.log")) as f:
            self.assertEqual(f.read().strip(), "0")

    def test_hang(self):
        """Is a hanging program killed, with its children, after the timeout?"""
        d = workdir(self)
        flag = os.path.join(d, "child-survived")
        start = time.monotonic()
        progs, _, _ = self.run_one(sh(KTAP_OK + '; (sleep 2; touch %s) & sleep 60' % flag), timeout=0.5)
        self.assertLess(time.monotonic() - start, 1.8)
        self.assertIn("hang: killed after 0.5 s", progs[0].problems)
        time.sleep(max(0, start + 2.5 - time.monotonic()))
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

    def test_unit_scripts_side_by_side(self):
        """Do the unit scripts run side by side, their results still in order?"""
        root = workdir(self)
        for name in ("a", "b"):
            os.makedirs(os.path.join(root, "tests", "unit", name))
            with open(os.path.join(root, "tests", "unit", name, "run.sh"), "w") as f:
                f.write("sleep 1; " + KTAP_OK + "\n")
        start = time.monotonic()
        s = programs.run_unit(root, os.path.join(root, "out"), jobs=2)
        self.assertLess(time.monotonic() - start, 1.9)
        self.assertEqual([p.name for p in s.programs], ["unit/a", "unit/b"])
        self.assertEqual(s.counts(), (2, 0, 0))
