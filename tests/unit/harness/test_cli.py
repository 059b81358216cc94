"""The command line (tests/harness/run.py) and scripts/mkiso.sh."""

import os
import re
import shutil
import struct
import subprocess
import sys
import unittest

from ktap_unittest import ROOT, RUN_PY, SAMPLES, workdir


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
        self.assertEqual(sorted(listing.split()), ["'boot'", "'boot.catalog'"])

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
