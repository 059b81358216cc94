"""The reference Linux runs (linuxref.py): the cpio it adds, the vmlinux
taken out of a bzImage, init's end read from Linux's panic, the comparison
and its table, a reference boot (with the fake QEMU)."""

import gzip
import lzma
import os
import shutil
import struct
import subprocess
import unittest
from unittest import mock

from ktap_unittest import FAKE, SAMPLES, workdir
from harness import compare, configs, ktap, linuxref

SAMPLE = os.path.join(SAMPLES, "linux_reference.log")


def sample_log():
    return ktap.parse_file(SAMPLE)


def elf64(notes=b""):
    """A minimal ELF64 file: a header and one PT_NOTE holding notes."""
    phoff, phentsize = 64, 56
    data_off = phoff + phentsize
    header = b"\x7fELF\x02\x01\x01" + b"\0" * 9 + struct.pack(
        "<HHIQQQIHHHHHH", 2, 62, 1, 0, phoff, 0, 0, 64, phentsize, 1, 0, 0, 0)
    ph = struct.pack("<IIQQQQQQ", 4, 4, data_off, 0, 0, len(notes), len(notes), 4)
    return header + ph + notes


def note(name, ntype, desc):
    n = name + b"\0"
    return struct.pack("<III", len(n), len(desc), ntype) + n + b"\0" * (-len(n) % 4) \
        + desc + b"\0" * (-len(desc) % 4)


PVH = note(b"Xen", 6, b"linux\0") + note(b"Xen", 18, struct.pack("<I", 0x1000000))


def bzimage(payload):
    """A bzImage as the boot protocol (2.15) lays it out: one setup sector."""
    setup = bytearray(1024)
    setup[0x1f1] = 1                                  # setup_sects
    setup[0x202:0x206] = b"HdrS"
    struct.pack_into("<H", setup, 0x206, 0x020f)
    struct.pack_into("<II", setup, 0x248, 16, len(payload))
    return bytes(setup) + b"\0" * 16 + payload + b"\0" * 32


def with_size(compressed, raw):
    return compressed + struct.pack("<I", len(raw))


class Cpio(unittest.TestCase):

    def test_extras(self):
        """Does cpio(1) read the added archive: the four nodes, /proc, /rdinit?"""
        if not shutil.which("cpio"):
            self.skipTest("no cpio")
        archive = linuxref.linux_extras(b"#!rdinit\n")
        self.assertEqual(len(archive) % 512, 0)
        r = subprocess.run(["cpio", "-itv", "--quiet"], input=archive, stdout=subprocess.PIPE,
                           check=True)
        lines = r.stdout.decode().splitlines()
        listing = {l.split()[-1]: l for l in lines}
        self.assertEqual(sorted(listing), ["dev", "dev/console", "dev/full", "dev/null",
                                           "dev/zero", "proc", "rdinit"])
        self.assertRegex(listing["dev/console"], r"^crw------- .* 5, +1 ")
        self.assertRegex(listing["dev/null"], r"^crw-rw-rw- .* 1, +3 ")
        self.assertRegex(listing["dev/full"], r"^crw-rw-rw- .* 1, +7 ")
        self.assertRegex(listing["proc"], r"^dr-xr-xr-x ")
        self.assertRegex(listing["rdinit"], r"^-rwxr-xr-x .* 9 ")

    def test_entry_alignment(self):
        """Are header+name and data each padded to 4 bytes (newc)?"""
        for name in ("a", "ab", "abc", "abcd"):
            for data in (b"", b"x", b"xyz12"):
                e = linuxref.cpio_entry(name, 0o100644, data)
                self.assertEqual(len(e) % 4, 0)
                self.assertTrue(e.startswith(b"070701"))


class Vmlinux(unittest.TestCase):

    def extract(self, image):
        d = workdir(self)
        path, out = os.path.join(d, "vmlinuz"), os.path.join(d, "vmlinux")
        with open(path, "wb") as f:
            f.write(image)
        why = linuxref.extract_vmlinux(path, out)
        data = None
        if os.path.exists(out):
            with open(out, "rb") as f:
                data = f.read()
        return why, data

    def test_xz(self):
        """Is an XZ payload's vmlinux taken out whole?"""
        raw = elf64(PVH)
        why, data = self.extract(bzimage(with_size(lzma.compress(raw, check=lzma.CHECK_CRC32), raw)))
        self.assertIsNone(why)
        self.assertEqual(data, raw)

    def test_gzip(self):
        """And a gzip one?"""
        raw = elf64(PVH)
        why, data = self.extract(bzimage(with_size(gzip.compress(raw), raw)))
        self.assertIsNone(why)
        self.assertEqual(data, raw)

    def test_zstd(self):
        """And a ZSTD one (Debian's 6.12), with the zstd tool?"""
        if not shutil.which("zstd"):
            self.skipTest("no zstd")
        raw = elf64(PVH)
        z = subprocess.run(["zstd", "-q", "-c"], input=raw, stdout=subprocess.PIPE, check=True).stdout
        why, data = self.extract(bzimage(with_size(z, raw)))
        self.assertIsNone(why)
        self.assertEqual(data, raw)

    def test_refused(self):
        """Is a vmlinux without the PVH note, a wrong size or no bzImage refused, saying why?"""
        raw = elf64(note(b"Xen", 6, b"linux\0"))
        why, data = self.extract(bzimage(with_size(lzma.compress(raw), raw)))
        self.assertRegex(why, "no PVH entry note")
        self.assertIsNone(data)
        raw = elf64(PVH)
        why, _ = self.extract(bzimage(lzma.compress(raw) + struct.pack("<I", 5)))
        self.assertRegex(why, "the bzImage says 5")
        why, _ = self.extract(b"MZ" + b"\0" * 2000)
        self.assertEqual(why, "not a bzImage with a payload")


class InitEnd(unittest.TestCase):

    def test_sample(self):
        """Is Linux's "Attempted to kill init!" init's exit, not a failure?"""
        log = sample_log()
        self.assertEqual(len(log.problems), 1)
        self.assertEqual(linuxref.init_end(log), (0, None))
        self.assertEqual(log.problems, [])
        self.assertEqual([p.name for p in log.programs],
                         ["compat_syscall_64", "fault_div_64", "fault_div_x32"])

    def test_codes(self):
        """exitcode is init's wait status: 0x100 is status 1, 0xb signal 11."""
        for code, want in (("0x00000100", (1, None)), ("0x0000000b", (None, 11))):
            log = ktap.parse_text("[ 1.0] Kernel panic - not syncing: Attempted to kill init! "
                                  "exitcode=%s\n" % code)
            self.assertEqual(linuxref.init_end(log), want)

    def test_other_panic(self):
        """Is any other panic left a failure?"""
        log = ktap.parse_text("[ 1.0] Kernel panic - not syncing: VFS: Unable to mount root fs\n")
        self.assertEqual(linuxref.init_end(log), (None, None))
        self.assertEqual(len(log.problems), 1)


class Comparison(unittest.TestCase):

    def trident(self, old, new):
        with open(SAMPLE, encoding="utf-8") as f:
            text = f.read()
        self.assertIn(old, text)
        return ktap.parse_text(text.replace(old, new))

    def allow(self, text):
        path = os.path.join(workdir(self), "allow.txt")
        with open(path, "w") as f:
            f.write(text)
        entries, errors = compare.load_allowlist(path)
        self.assertEqual(errors, [])
        return entries

    def row(self, s, abi):
        line = [n for n in s.notes if n.split()[:1] == [abi]][0]
        return [int(x) for x in line.split()[1:]]

    def test_same(self):
        """The same log: every line equal, counted per ABI, runner lines included."""
        s, tallies = linuxref.compare_logs(sample_log(), sample_log(), [], "t")
        self.assertEqual(s.problems, [])
        self.assertEqual(s.counts(), (3, 0, 0))
        self.assertEqual(self.row(s, "64"), [2, 7, 7, 0, 0])     # 4 + 1 results, 2 runner lines
        self.assertEqual(self.row(s, "x32"), [1, 1, 1, 0, 0])
        self.assertEqual(self.row(s, "all"), [3, 8, 8, 0, 0])

    def test_result_differs(self):
        """Is a different result line a failure, shown side by side?"""
        t = self.trident("ok 2 execution goes on", "not ok 2 execution goes on")
        s, _ = linuxref.compare_logs(sample_log(), t, [], "t")
        self.assertEqual([p.message for p in s.problems],
                         ["compat_syscall_64: 1 result line(s) differ from Linux"])
        self.assertRegex(s.problems[0].details[1], r"^ok 2 execution .*\| not ok 2 execution")
        self.assertEqual(self.row(s, "64"), [2, 7, 6, 0, 1])

    def test_runner_differs(self):
        """Is the runner's note compared: died of the signal, or exited?"""
        t = self.trident("ok 2 selftests: trident: fault_div_64 # killed by signal 8 as expected",
                         "not ok 2 selftests: trident: fault_div_64 # exit=1, expected signal 8")
        s, _ = linuxref.compare_logs(sample_log(), t, [], "t")
        # Its death was its result on Linux; on Trident the runner says why not.
        self.assertEqual([p.message for p in s.problems],
                         ["fault_div_64: 2 result line(s) differ from Linux"])
        self.assertRegex(s.problems[0].details[1],
                         r"^ok 1 killed by signal 8, as expected +\| not ok selftests: trident: fault_div_64 # exit=1")
        self.assertRegex(s.problems[0].details[2], r"^ok selftests: trident: fault_div_64 # killed by .* \| \(none\)$")

    def test_enoexec(self):
        """Is an ABI that runs on one side and is refused on the other a difference?"""
        t = self.trident("ok 3 selftests: trident: fault_div_x32 # SKIP the kernel does not run "
                         "this ABI (exec: ENOEXEC)", "ok 3 selftests: trident: fault_div_x32")
        s, _ = linuxref.compare_logs(sample_log(), t, [], "t")
        self.assertEqual([p.message for p in s.problems],
                         ["fault_div_x32: 1 result line(s) differ from Linux"])

    def test_accepted(self):
        """Does the allow-list accept a difference, and is it shown and counted?"""
        t = self.trident("ok 2 execution goes on", "not ok 2 execution goes on")
        entries = self.allow("compat_syscall_*\t^not ok 2 execution\ta documented difference\n")
        s, _ = linuxref.compare_logs(sample_log(), t, entries, "t")
        self.assertEqual(s.problems, [])
        self.assertEqual(self.row(s, "64"), [2, 7, 6, 1, 0])
        self.assertTrue(any("a documented difference" in n for n in s.notes), s.notes)

    def test_missing(self):
        """Is a program missing from one log a failure?"""
        t = self.trident("# selftests: trident: fault_div_x32\nok 3 selftests: trident: "
                         "fault_div_x32 # SKIP the kernel does not run this ABI (exec: ENOEXEC)\n", "")
        s, _ = linuxref.compare_logs(sample_log(), t, [], "t")
        self.assertEqual([p.message for p in s.problems],
                         ["1 program(s) not in the Trident log: fault_div_x32"])
        self.assertEqual(self.row(s, "x32"), [1, 1, 0, 0, 1])


class Configurations(unittest.TestCase):

    def build(self, configs_by_dir):
        d = workdir(self)
        for sub, text in configs_by_dir.items():
            os.makedirs(os.path.join(d, sub, "include", "config"))
            with open(os.path.join(d, sub, "include", "config", "auto.conf"), "w") as f:
                f.write(text)
        return d

    def test_abis(self):
        """Which ABIs does a Trident boot leave on: its build, then its switches?"""
        d = self.build({".": "CONFIG_IA32_EMULATION=y\nCONFIG_X86_X32_ABI=y\n",
                        "no-ia32": "CONFIG_X86_X32_ABI=y\n"})
        B = configs.BootConfig
        self.assertEqual(linuxref.trident_abis(d, B("a")), (True, True))
        self.assertEqual(linuxref.trident_abis(d, B("a", kernel_args=["syscall.x32=n", "--", "x=0"])),
                         (True, False))
        self.assertEqual(linuxref.trident_abis(d, B("a", kernel_args=["ia32_emulation=0",
                                                                      "ia32_emulation=1"])), (True, True))
        self.assertEqual(linuxref.trident_abis(d, B("a", kernel_args=["--", "ia32_emulation=0"])),
                         (True, True))       # init's word, not the kernel's
        self.assertEqual(linuxref.trident_abis(d, B("b", iso="no-ia32/os.iso")), (False, True))
        self.assertIsNone(linuxref.trident_abis(d, B("c", iso="no-x32/os.iso")))

    def test_matching_boots(self):
        """Is each reference run compared with the boots of its configuration, init run alike?"""
        d = self.build({".": "CONFIG_IA32_EMULATION=y\nCONFIG_X86_X32_ABI=y\n",
                        "no-ia32": "CONFIG_X86_X32_ABI=y\n",
                        "no-x32": "CONFIG_IA32_EMULATION=y\n"})
        self.assertEqual(len(linuxref.REFERENCES), 4)
        for ref in linuxref.REFERENCES:
            boots = linuxref.matching_boots(ref, d)
            self.assertTrue(boots, ref.name)
            for cfg in boots:
                self.assertEqual(linuxref.config_problems(ref, cfg), [], (ref.name, cfg.name))
        names = [c.name for c in linuxref.matching_boots(linuxref.REFERENCES[0], d)]
        self.assertIn("qemu64", names)
        haswell = configs.BootConfig("haswell", cpu="Haswell")
        self.assertEqual(linuxref.matching_boots(linuxref.REFERENCES[0], d, [haswell]), [])
        wrong = configs.BootConfig("w", kernel_args=["syscall.x32=n"])
        self.assertEqual(len(linuxref.config_problems(linuxref.REFERENCES[1], wrong)), 1)

    def test_command_line(self):
        """rdinit= (an initramfs program), quiet, panic=-1, init's words after --."""
        ref = linuxref.Reference("r", ["ia32_emulation=0"], ["--skip-enoexec"], False, True)
        self.assertEqual(linuxref.command_line(ref),
                         "console=ttyS0 quiet panic=-1 rdinit=/rdinit ia32_emulation=0 -- --skip-enoexec")
        cmd = " ".join(linuxref.qemu_command("vmlinux", "initrd", "x"))
        for part in ("-M pc", "-cpu qemu64", "-kernel vmlinux", "-initrd initrd", "-no-reboot",
                     "-nic none", "-device isa-debug-exit,iobase=0xf4,iosize=0x04"):
            self.assertIn(part, cmd)

    def test_sources(self):
        """Is the machine's Debian mirror read from both apt formats?"""
        d = workdir(self)
        deb822 = os.path.join(d, "debian.sources")
        with open(deb822, "w") as f:
            f.write("Types: deb\nURIs: http://mirror.example/debian\nSuites: bookworm bookworm-updates\n"
                    "Components: main\nSigned-By: /nonexistent.gpg\n\n"
                    "Types: deb\nURIs: http://mirror.example/debian-security\n"
                    "Suites: bookworm-security\nComponents: main\n")
        self.assertEqual(linuxref._entries(deb822)[0],
                         ("http://mirror.example/debian", ["bookworm", "bookworm-updates"],
                          "/nonexistent.gpg"))
        one = os.path.join(d, "x.list")
        with open(one, "w") as f:
            f.write("# c\ndeb [arch=amd64 signed-by=/k.gpg] http://m.example/debian bookworm main\n")
        self.assertEqual(linuxref._entries(one), [("http://m.example/debian", ["bookworm"], "/k.gpg")])

    def test_no_kernel(self):
        """No reference kernel: one failure that says what to do, never a skip."""
        with mock.patch.dict(os.environ, {"TRIDENT_LINUX_KERNEL": "/nonexistent/vmlinuz"}):
            s, kernel = linuxref.kernel_section()
        self.assertIsNone(kernel)
        self.assertEqual(s.counts(), (0, 1, 0))
        self.assertRegex(s.problems[0].message, "TRIDENT_LINUX_KERNEL")


class Boot(unittest.TestCase):

    def test_fake_boot(self):
        """A reference boot (the fake QEMU prints the sample and exits 0)."""
        d = workdir(self)
        kernel = linuxref.Kernel(boot="vmlinux", vmlinuz="vmlinuz", version="6.12.0")
        ref = linuxref.REFERENCES[0]
        with mock.patch.object(linuxref, "qemu_command",
                               lambda *a, **k: FAKE + [SAMPLE, "exit", "0"]):
            s, log = linuxref.boot_reference(ref, kernel, "initrd", os.path.join(d, "l.log"), timeout=20)
        self.assertEqual(s.problems, [])
        self.assertEqual(s.counts(), (5, 0, 1))
        self.assertIn("init exited: status 0 (Linux: \"Attempted to kill init!\")", s.notes)
        self.assertEqual(len(log.programs), 3)

    def test_fake_hang(self):
        """A reference boot that never ends is a hang, and a failure."""
        d = workdir(self)
        kernel = linuxref.Kernel(boot="vmlinux", vmlinuz="vmlinuz")
        with mock.patch.object(linuxref, "qemu_command",
                               lambda *a, **k: FAKE + [os.path.join(SAMPLES, "truncated.log"), "hang"]):
            s, _ = linuxref.boot_reference(linuxref.REFERENCES[0], kernel, "initrd",
                                           os.path.join(d, "l.log"), timeout=1)
        self.assertTrue(any(p.message.startswith("hang") for p in s.problems), s.problems)
