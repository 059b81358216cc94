"""Bochs runs (a fake Bochs, fake_bochs.py), judged as QEMU runs are; the
bochsrc; the boot configurations."""

import os
import re
import stat
import subprocess
import sys
import time
import unittest

from ktap_unittest import FAKE as FAKE_QEMU, HERE, ROOT, RUN_PY, SAMPLES, workdir
from harness import bochs, configs, qemu

FAKE_SCRIPT = os.path.join(HERE, "fake_bochs.py")
FAKE = [sys.executable, FAKE_SCRIPT]


class Bochs(unittest.TestCase):

    def boot(self, log, mode, timeout=20.0, poweroff_grace=bochs.POWEROFF_GRACE,
             serial_exists=None, **expect):
        d = workdir(self)
        serial = os.path.join(d, "serial.log")
        if serial_exists is not None:
            with open(serial, "w") as f:
                f.write(serial_exists)
        env = bochs.bochs_env(os.path.join(d, "x.iso"), "ryzen", serial, os.path.join(d, "bochs.log"))
        command = FAKE + ["-q", "-f", bochs.BOCHSRC, "-rc", "rc", os.path.join(SAMPLES, log), mode]
        run = bochs.run_bochs(command, env, serial, timeout, panic_grace=0.2,
                              poweroff_grace=poweroff_grace)
        return bochs.judge("t", run, timeout=timeout, **expect), run

    def messages(self, s):
        return [p.message for p in s.problems]

    def test_command_line(self):
        """Does the Bochs command line name the bochsrc, the debugger commands and quick start?"""
        cmd = bochs.bochs_command("x.rc", extra=["cpuid: x2apic=0"])
        self.assertEqual(cmd[:6], ["bochs", "-q", "-f", bochs.BOCHSRC, "-rc", "x.rc"])
        self.assertEqual(cmd[-1], "cpuid: x2apic=0")

    def test_bochsrc_variables(self):
        """Does the harness set exactly the variables the bochsrc reads (Bochs refuses unset ones)?"""
        with open(bochs.BOCHSRC) as f:
            used = set(re.findall(r"\$([A-Za-z_]+)", "".join(l for l in f if not l.startswith("#"))))
        env = bochs.bochs_env("a.iso", "ryzen", "s.log", "b.log")
        self.assertEqual(used, set(env))
        self.assertEqual((env["BOCHS_DISPLAY"], env["BOCHS_SERIAL_MODE"]), ("term", "file"))
        self.assertTrue(os.path.isabs(env["BOCHS_ISO"]))

    def test_bochsrc_is_headless(self):
        """Does the bochsrc boot the CD with the Debian BIOS files, no sync with the host clock?"""
        with open(bochs.BOCHSRC) as f:
            lines = [l.strip() for l in f if l.strip() and not l.startswith("#")]
        text = "\n".join(lines)
        for part in ("boot: cdrom", "ata0-master: type=cdrom, path=$BOCHS_ISO",
                     "romimage: file=/usr/share/bochs/BIOS-bochs-latest", "megs: 256",
                     "clock: sync=none", "magic_break: enabled=0", "com1: enabled=1"):
            self.assertIn(part, text)

    def test_poweroff(self):
        """Is a run that prints `init exited: status 0` and powers off clean, the screen read?"""
        start = time.monotonic()
        s, run = self.boot("grub_quiet.log", "poweroff")
        self.assertLess(time.monotonic() - start, 10)
        self.assertEqual(self.messages(s), [])
        self.assertEqual(s.counts(), (3, 0, 1))
        self.assertEqual((run.returncode, run.said), (1, "ACPI control: soft power off"))
        self.assertFalse(run.timed_out or run.failed)
        with open(run.log_path, "rb") as a, open(os.path.join(SAMPLES, "grub_quiet.log"), "rb") as b:
            self.assertEqual(a.read(), b.read())

    def test_status_one_is_no_verdict(self):
        """Is Bochs's status 1 no isa-debug-exit value: a failing init still fails by its line only?"""
        s, _ = self.boot("failure.log", "poweroff")
        self.assertEqual(self.messages(s), ["init exited: status 1 (expected 0)"])
        s, _ = self.boot("failure.log", "poweroff", expect_exit=1)
        self.assertEqual(self.messages(s), [])

    def test_hang(self):
        """Is a serial log that never gets `init exited` a hang at the timeout, Bochs stopped?"""
        start = time.monotonic()
        s, run = self.boot("truncated.log", "stay", timeout=2.0)
        self.assertLess(time.monotonic() - start, 10)
        self.assertTrue(run.timed_out)
        self.assertEqual(run.returncode, 0)      # SIGINT: the debugger's quit, not SIGKILL
        self.assertIn("hang: Bochs killed after 2 s", self.messages(s))
        self.assertTrue(any("ok 3 three" in d for d in s.problems[-1].details))

    def test_no_poweroff(self):
        """Is a Bochs still running after `init exited` stopped, and a failure?"""
        start = time.monotonic()
        s, run = self.boot("grub_quiet.log", "stay", timeout=30.0, poweroff_grace=0.5)
        self.assertLess(time.monotonic() - start, 10)
        self.assertFalse(run.timed_out)
        self.assertEqual(self.messages(s), ["Bochs did not power off within 0.5 s of init's end "
                                            "(ACPI PM1a control at 0xb004)"])
        self.assertEqual(s.counts()[:2], (3, 1))

    def test_panic_stops_early(self):
        """Does a kernel panic end the run at once instead of at the timeout?"""
        start = time.monotonic()
        s, run = self.boot("panic.log", "stay", timeout=30.0)
        self.assertLess(time.monotonic() - start, 10)
        self.assertTrue(run.panicked)
        m = self.messages(s)
        self.assertTrue(m[0].startswith("kernel panic (line 9)"), m)
        self.assertFalse(any(x.startswith(("hang", "no `init exited`", "Bochs")) for x in m), m)

    def test_bochs_error(self):
        """Is Bochs refusing its bochsrc a failure with its message, whatever an old log said?"""
        s, run = self.boot("empty.log", "error", serial_exists="init exited: status 0\n")
        self.assertTrue(run.failed)
        m = self.messages(s)
        self.assertEqual(m[0], "Bochs failed (could not look up environment variable 'BOCHS_CPU')")
        self.assertEqual(os.path.getsize(run.log_path), 0)     # the old log was not read
        self.assertGreaterEqual(s.counts()[1], 1)

    def test_poweroff_without_init_line(self):
        """Is a power-off (or triple fault) without `init exited` a failure?"""
        s, _ = self.boot("standalone.log", "poweroff")
        self.assertTrue(any(x.startswith("no `init exited` or `init killed` line on the serial "
                                         "console; Bochs exited (ACPI control: soft power off)")
                            for x in self.messages(s)), self.messages(s))

    def test_no_bochs_no_iso(self):
        """Is a missing Bochs or ISO a failure, not a crash of the harness?"""
        d = workdir(self)
        iso = os.path.join(d, "x.iso")
        open(iso, "wb").close()
        s, _ = bochs.boot_bochs("t", iso, os.path.join(d, "l.log"), bochs=os.path.join(d, "no-bochs"))
        self.assertTrue(self.messages(s)[0].startswith("cannot run"))
        s, _ = bochs.boot_bochs("t", os.path.join(d, "none.iso"), os.path.join(d, "l.log"))
        self.assertTrue(self.messages(s)[0].startswith("no ISO at"))

    def test_boot_bochs(self):
        """Does boot_bochs give the fake Bochs the bochsrc's variables and a `c`, `quit` rc file?"""
        d = workdir(self)
        iso = os.path.join(d, "x.iso")
        open(iso, "wb").close()
        old = dict(os.environ)
        os.environ.update(FAKE_BOCHS_LOG=os.path.join(SAMPLES, "grub_quiet.log"), FAKE_BOCHS_MODE="poweroff")
        try:
            mode = os.stat(FAKE_SCRIPT).st_mode
            if not mode & stat.S_IXUSR:
                self.skipTest("fake_bochs.py is not executable")
            s, run = bochs.boot_bochs("t", iso, os.path.join(d, "b.log"), cpu="ryzen", bochs=FAKE_SCRIPT)
        finally:
            os.environ.clear()
            os.environ.update(old)
        self.assertEqual(self.messages(s), [])
        with open(os.path.join(d, "b.rc")) as f:
            self.assertEqual(f.read().split(), ["c", "quit"])
        self.assertIn("-rc", run.command)

    def test_last_words(self):
        """Is Bochs's exit message read from its stderr?"""
        err = "x\n" + "=" * 72 + "\nBochs is exiting with the following message:\n" \
              "[ACPI  ] ACPI control: soft power off\n" + "=" * 72 + "\n"
        self.assertEqual(bochs.last_words(err), "ACPI control: soft power off")
        self.assertEqual(bochs.last_words("nothing\n"), "")


class Configs(unittest.TestCase):

    def test_tcg_warnings(self):
        """Do QEMU TCG's warnings on stderr (-cpu Haswell) leave a good run good?"""
        d = workdir(self)
        for status in ("0", "1"):     # ACPI poweroff; isa-debug-exit with 0
            run = qemu.run_emulator(FAKE_QEMU + [os.path.join(SAMPLES, "grub_quiet.log"), "warn", status],
                                    os.path.join(d, "serial.log"), 20)
            self.assertIn("TCG doesn't support", run.stderr)
            s = qemu.judge("t", run, timeout=20)
            self.assertEqual([p.message for p in s.problems], [])

    def test_bochs_boots(self):
        """Does the suite boot Bochs with an Intel and an AMD model, and QEMU with an Intel one?"""
        boots = {c.name: c for c in configs.BOOTS}
        models = {c.cpu for c in boots.values() if c.emulator == "bochs"}
        self.assertTrue(models & {"corei7_haswell_4770", "corei7_skylake_x"}, models)
        self.assertIn("ryzen", models)
        self.assertIn("Haswell", {c.cpu for c in boots.values() if c.emulator == "qemu"})
        self.assertTrue(all(c.emulator in ("qemu", "bochs") for c in boots.values()))

    def test_suite_emulator_filter(self):
        """Does `run.py suite --emulator bochs` take only the Bochs boots (make test-bochs)?"""
        d = workdir(self)
        r = subprocess.run([sys.executable, RUN_PY, "suite", "--build-dir", d, "--emulator", "bochs",
                            "--no-unit", "--no-host", "--no-foreign", "--timeout", "5"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT)
        out = r.stdout.decode()
        self.assertEqual(r.returncode, 1)         # no ISO in d
        titles = [l for l in out.splitlines() if l.startswith("== boot")]
        self.assertEqual(len(titles), len([c for c in configs.BOOTS if c.emulator == "bochs"]), out)
        self.assertTrue(all("Bochs" in t for t in titles), titles)
