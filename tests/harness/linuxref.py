"""Real Linux as the reference: the same initramfs booted on Debian's
kernel in QEMU, compared line by line with Trident in each configuration
(`make check-linux`, and `make test` through `run.py suite`).

The reference kernel is Debian's generic amd64 kernel from
bookworm-backports (6.12: it has both `ia32_emulation=` and Debian's
`syscall.x32=`; the `cloud` flavour has no x32). It is fetched once per
machine:

1. a private apt state (its own sources.list naming the machine's Debian
   mirror with `bookworm-backports main`, its own lists and cache; nothing
   of the machine's apt configuration changes) and `apt-get update`;
2. the candidate of the metapackage `linux-image-amd64` names the image
   package (`linux-image-6.12.N+deb12-amd64`; its `-unsigned` twin is the
   same kernel without the Secure Boot signature, and is preferred);
   without a 6.12 there, the newest generic kernel of bookworm-backports
   or bookworm is taken and the report says so;
3. `apt-get download` of that package, and only `./boot/` of it is kept
   (`dpkg-deb --fsys-tarfile X.deb | tar -x ./boot/`);
4. the vmlinux is taken out of the vmlinuz (the bzImage's payload, ZSTD on
   Debian's 6.12): QEMU boots it directly through its PVH note, about 2 s
   faster a boot than the bzImage, which decompresses itself under TCG.
   Without a decompressor the bzImage is booted.

All of it lives in $XDG_CACHE_HOME/trident/linux (~/.cache/trident/linux)
and is reused; `--refresh` fetches again. TRIDENT_LINUX_KERNEL=PATH boots
that kernel (a vmlinuz or a vmlinux) instead. No network, no package: the
section fails and says why, it is never skipped.

The reference boot: QEMU -M pc -cpu qemu64 (Trident's CPU model) with
`-kernel` and an initramfs that is our build's initramfs.cpio followed by
a small cpio written here: /dev/console, /dev/null, /dev/zero, /dev/full
(the nodes Trident makes at boot), /proc and /rdinit (tests/linux/rdinit.c:
mounts /proc, then execs our /sbin/init, which runs every /tests program of
every ABI in one boot). Linux runs an initramfs's `rdinit=` program (not
`init=`, which names a program on a root device). When init exits Linux
panics ("Attempted to kill init! exitcode=0x...", init's wait status),
`panic=-1` reboots and `-no-reboot` makes QEMU exit: that is the end.

Four reference runs, ia32 on/off times x32 on/off (REFERENCES), each
compared with the Trident boots of configs.BOOTS of the same configuration
(matching_boots): per program, its result lines and the runner's line
(`ok K selftests: trident: NAME # killed by signal 8 as expected`) must be
the same, as compare.py compares them (status and description; allow-list
tests/linux-differences.txt). A table per comparison counts programs,
lines, equal lines, accepted and other differences per ABI.
"""

import concurrent.futures
import dataclasses
import fcntl
import glob
import json
import lzma
import os
import re
import shutil
import struct
import subprocess
import tempfile
import time
import zlib

from . import compare, configs, ktap, qemu
from .report import Section

# -- what is compared ----------------------------------------------------------


@dataclasses.dataclass
class Reference:
    """One reference run: Linux booted with these switches."""
    name: str                 # names the section and the log (harness/linux-NAME.log)
    kernel_args: list         # Linux's switches
    init_args: list           # our init's arguments (after "--")
    ia32: bool                # what the switches leave on
    x32: bool

    def describe(self):
        return " ".join(self.kernel_args) or "Debian's defaults"


REFERENCES = [
    # Debian's default is syscall.x32=n: x32 needs it on the command line.
    Reference("ia32-on-x32-on", ["syscall.x32=y"], [], True, True),
    Reference("ia32-on-x32-off", [], ["--skip-enoexec"], True, False),
    Reference("ia32-off-x32-on", ["ia32_emulation=0", "syscall.x32=y"], ["--skip-enoexec"], False, True),
    Reference("ia32-off-x32-off", ["ia32_emulation=0"], ["--skip-enoexec"], False, False),
]
# Which Trident boots are compared with which run: those of configs.BOOTS
# on QEMU -cpu qemu64 (the CPU model of the Linux runs) whose build
# (BUILD_DIR/.../include/config/auto.conf beside the ISO) and switches
# (ia32_emulation=, syscall.x32=) leave the same ABIs on (trident_abis).
# CONFIG_IA32_EMULATION=n and ia32_emulation=0 take the same branch in
# both kernels (ignore_sysret, no int $0x80 gate, SYSENTER_CS 0, EM_386
# refused), and CONFIG_X86_X32_ABI=n is syscall.x32=n: a build without an
# ABI is compared with the run that turns it off.

ABIS = ("64", "x32", "32")
RUNNER_PREFIX = "selftests: trident: "

# -- where things are ------------------------------------------------------------

SUITES = ("bookworm-backports",)          # where the reference comes from
FALLBACK_SUITES = ("bookworm", "bookworm-updates")
WANT_VERSION = "6.12"
META = "linux-image-amd64"                 # the generic flavour's metapackage
DEFAULT_MIRROR = "http://deb.debian.org/debian"
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"
QEMU_MEMORY = "512M"
BOOT_TIMEOUT = 180.0                      # seconds: a whole run, two at a time under TCG
RDINIT_SOURCE = os.path.join(qemu.ROOT, "tests", "linux", "rdinit.c")
# init's end on Linux (kernel/exit.c): exitcode is its wait status.
_KILL_INIT = re.compile(r"Kernel panic - not syncing: Attempted to kill init! exitcode=(0x[0-9a-fA-F]+)")


def cache_dir():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "trident", "linux")


class FetchError(Exception):
    """No reference kernel: the message says why and what to do."""


@dataclasses.dataclass
class Kernel:
    """The reference kernel, ready to boot."""
    boot: str                 # what QEMU's -kernel gets (vmlinux, or the vmlinuz)
    vmlinuz: str
    package: str = ""
    version: str = ""
    suite: str = ""
    notes: list = dataclasses.field(default_factory=list)

    def describe(self):
        if self.package:
            return "%s %s (%s)" % (self.package, self.version, self.suite)
        return self.vmlinuz


# -- apt, privately ---------------------------------------------------------------

def _sources_files():
    files = ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*.list")) \
        + sorted(glob.glob("/etc/apt/sources.list.d/*.sources"))
    return [f for f in files if os.path.isfile(f)]


def _entries(path):
    """(uri, suites, signed_by) of each `deb` entry of an apt sources file."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    out = []
    if path.endswith(".sources"):
        for stanza in re.split(r"\n\s*\n", text):
            fields, key = {}, None
            for line in stanza.splitlines():
                if line.startswith("#") or not line.strip():
                    continue
                if line[0] in " \t" and key:
                    fields[key] += " " + line.strip()
                    continue
                key, _, value = line.partition(":")
                key = key.strip().lower()
                fields[key] = value.strip()
            if "deb" not in fields.get("types", "").split() or \
                    fields.get("enabled", "yes").lower() == "no":
                continue
            for uri in fields.get("uris", "").split():
                out.append((uri, fields.get("suites", "").split(), fields.get("signed-by", "")))
        return out
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        m = re.match(r"^deb\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)", line)
        if m:
            signed = re.search(r"signed-by=(\S+)", m.group(1) or "")
            out.append((m.group(2), [m.group(3)], signed.group(1) if signed else ""))
    return out


def find_mirror():
    """The Debian mirror this machine's apt uses (the one serving bookworm,
    not the security archive); deb.debian.org when there is none."""
    for path in _sources_files():
        for uri, suites, signed_by in _entries(path):
            if "security" in uri:
                continue
            if any(s.split("-")[0] == "bookworm" for s in suites):
                keyring = signed_by if signed_by.startswith("/") and os.path.isfile(signed_by) else KEYRING
                return uri.rstrip("/"), keyring
    return DEFAULT_MIRROR, KEYRING


class _Apt:
    """apt-get and apt-cache with a state of their own under DIR."""

    def __init__(self, state, mirror, keyring):
        self.state, self.mirror, self.keyring = state, mirror, keyring
        for d in ("lists/partial", "cache/archives/partial"):
            os.makedirs(os.path.join(state, d), exist_ok=True)
        self.sources = os.path.join(state, "sources.list")
        self.options = [
            "-o", "Dir::Etc::sourcelist=" + self.sources,
            "-o", "Dir::Etc::sourceparts=-",
            "-o", "Dir::State::Lists=" + os.path.join(state, "lists"),
            "-o", "Dir::State::status=/dev/null",
            "-o", "Dir::Cache=" + os.path.join(state, "cache"),
            "-o", "Debug::NoLocking=1",
        ]
        if os.geteuid() == 0:
            # As root apt hands downloads to the _apt user, who cannot
            # write into a private directory.
            self.options += ["-o", "APT::Sandbox::User=root"]

    def run(self, tool, *args, cwd=None):
        env = dict(os.environ, LC_ALL="C", DEBIAN_FRONTEND="noninteractive")
        try:
            r = subprocess.run([tool] + self.options + list(args), cwd=cwd, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except OSError as e:
            raise FetchError("cannot run %s: %s (the reference kernel is fetched with apt)"
                             % (tool, e.strerror))
        return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")

    def update(self, suites):
        signed = " [signed-by=%s]" % self.keyring if os.path.isfile(self.keyring) else ""
        with open(self.sources, "w") as f:
            for s in suites:
                f.write("deb%s %s %s main\n" % (signed, self.mirror, s))
        rc, out, err = self.run("apt-get", "update")
        problems = [l for l in (out + err).splitlines() if l.startswith(("E:", "W:", "Err:"))]
        if rc != 0 or any(l.startswith(("E:", "Err:")) for l in problems):
            raise FetchError("apt-get update of %s (%s) failed (no network?):\n%s"
                             % (" ".join(suites), self.mirror, "\n".join(problems[-6:]) or err.strip()))

    def show(self, package, all_versions=False):
        """The fields of package's candidate (or of every version), [] if unknown."""
        args = ["show"] + ([] if all_versions else ["--no-all-versions"]) + [package]
        rc, out, _ = self.run("apt-cache", *args)
        if rc != 0:
            return []
        stanzas = []
        for block in re.split(r"\n\s*\n", out.strip()):
            fields = {}
            for line in block.splitlines():
                m = re.match(r"^([A-Za-z0-9-]+):\s*(.*)$", line)
                if m:
                    fields[m.group(1)] = m.group(2)
            if fields.get("Package") == package:
                stanzas.append(fields)
        return stanzas


def _newer(a, b):
    """Is Debian version a newer than b?"""
    return subprocess.run(["dpkg", "--compare-versions", a, "gt", b]).returncode == 0


def _image_of(apt, meta):
    """(package, version) of the kernel image a linux-image-amd64 stanza
    depends on (its -unsigned twin when there is one), or None."""
    m = re.search(r"(linux-image-[^\s,(|]+)(?:\s*\(=\s*([^)\s]+)\))?", meta.get("Depends", ""))
    if not m:
        return None
    for image in (m.group(1) + "-unsigned", m.group(1)):
        versions = [f.get("Version") for f in apt.show(image, all_versions=True)]
        if m.group(2) in versions:
            return image, m.group(2)
        if versions and not m.group(2):
            return image, versions[0]
    return None


def _choose(apt, notes):
    """(package, version, suite) of the reference kernel."""
    apt.update(SUITES)
    metas = apt.show(META)
    if metas and metas[0].get("Version", "").startswith(WANT_VERSION):
        image = _image_of(apt, metas[0])
        if image:
            return image + (SUITES[0],)
    have = metas[0].get("Version") if metas else None
    # The newest generic kernel of bookworm-backports or bookworm.
    apt.update(SUITES + FALLBACK_SUITES)
    best = None
    for meta in apt.show(META, all_versions=True):
        if best is None or _newer(meta.get("Version", "0"), best.get("Version", "0")):
            best = meta
    image = _image_of(apt, best) if best else None
    if not image:
        raise FetchError("no generic amd64 kernel (%s) in %s at %s"
                         % (META, " or ".join(SUITES + FALLBACK_SUITES), apt.mirror))
    suite = SUITES[0] if have and best.get("Version") == have else "bookworm"
    notes.append("%s has %s, not Linux %s: the reference is the newest generic kernel of %s, "
                 "%s %s (Linux before 6.7 has no ia32_emulation=)"
                 % (SUITES[0], "no %s" % META if not have else "%s %s" % (META, have),
                    WANT_VERSION, " and ".join(SUITES + FALLBACK_SUITES[:1]), image[0], image[1]))
    return image + (suite,)


def apt_download(apt, package, version, tmp):
    """apt-get download package=version into the directory tmp; the .deb's
    path (also used by selftests.py for linux-source-6.12)."""
    rc, out, err = apt.run("apt-get", "download", "%s=%s" % (package, version), cwd=tmp)
    debs = glob.glob(os.path.join(tmp, "*.deb"))
    if rc != 0 or not debs:
        raise FetchError("apt-get download %s=%s failed:\n%s"
                         % (package, version, (err or out).strip()))
    return debs


def _download(apt, package, version, dest):
    """apt-get download, then only ./boot/ of the package into dest."""
    with tempfile.TemporaryDirectory(dir=os.path.dirname(dest)) as tmp:
        debs = apt_download(apt, package, version, tmp)
        unpack = os.path.join(tmp, "unpack")
        os.makedirs(unpack)
        deb = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", debs[0]], stdout=subprocess.PIPE)
        tar = subprocess.run(["tar", "-x", "-C", unpack, "./boot/"], stdin=deb.stdout,
                             stderr=subprocess.PIPE)
        deb.stdout.close()
        if deb.wait() != 0 or tar.returncode != 0:
            raise FetchError("cannot unpack ./boot/ of %s: %s"
                             % (os.path.basename(debs[0]), tar.stderr.decode().strip()))
        if os.path.isdir(dest):
            shutil.rmtree(dest)
        os.rename(unpack, dest)


# -- the vmlinux inside a bzImage -------------------------------------------------

def bzimage_payload(data):
    """The compressed kernel of a bzImage (boot protocol >= 2.08:
    payload_offset and payload_length in the setup header), or None."""
    if len(data) < 0x250 or data[0x202:0x206] != b"HdrS":
        return None
    if struct.unpack_from("<H", data, 0x206)[0] < 0x208:
        return None
    setup_sects = data[0x1f1] or 4
    offset, length = struct.unpack_from("<II", data, 0x248)
    start = (setup_sects + 1) * 512 + offset
    return data[start:start + length]


def decompress_payload(payload):
    """The vmlinux in a bzImage's payload; (data, how) or (None, why not).
    The kernel's build appends the uncompressed size (le32) to it."""
    size = struct.unpack("<I", payload[-4:])[0] if len(payload) >= 4 else None
    how = "payload"
    try:
        if payload[:2] == b"\x1f\x8b":
            how = "gzip"
            data = zlib.decompressobj(31).decompress(payload)
        elif payload[:6] == b"\xfd7zXZ\x00":
            how = "xz"
            data = lzma.LZMADecompressor(lzma.FORMAT_XZ).decompress(payload)
        elif payload[:4] == b"\x28\xb5\x2f\xfd":
            how = "zstd"
            if not shutil.which("zstd"):
                return None, "the payload is ZSTD and there is no zstd (apt-get install zstd)"
            r = subprocess.run(["zstd", "-dcq"], input=payload[:-4], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
            if r.returncode != 0:
                return None, "zstd: " + r.stderr.decode("utf-8", "replace").strip()
            data = r.stdout
        else:
            return None, "payload compressed as %s: not handled" % payload[:6].hex()
    except (OSError, EOFError, lzma.LZMAError, zlib.error) as e:
        return None, "%s: %s" % (how, e)
    if data[:4] != b"\x7fELF":
        return None, "the %s payload is not an ELF file" % how
    if size is not None and size != len(data):
        return None, "the %s payload gave %d bytes, the bzImage says %d" % (how, len(data), size)
    return data, how


def has_pvh_note(data):
    """Has an ELF64 file the note XEN_ELFNOTE_PHYS32_ENTRY (18), with which
    QEMU's -kernel boots it directly (PVH)?"""
    if data[:5] != b"\x7fELF\x02":
        return False
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    for i in range(phnum):
        p_type, _, p_offset, _, _, p_filesz = struct.unpack_from("<IIQQQQ", data, phoff + i * phentsize)
        if p_type != 4:            # PT_NOTE
            continue
        pos, end = p_offset, p_offset + p_filesz
        while pos + 12 <= end:
            namesz, descsz, ntype = struct.unpack_from("<III", data, pos)
            name = data[pos + 12:pos + 12 + namesz].rstrip(b"\0")
            if name == b"Xen" and ntype == 18:
                return True
            pos += 12 + (namesz + 3) // 4 * 4 + (descsz + 3) // 4 * 4
    return False


def extract_vmlinux(vmlinuz, out):
    """Write the vmlinux of vmlinuz to out; None, or why it cannot be booted so."""
    with open(vmlinuz, "rb") as f:
        payload = bzimage_payload(f.read())
    if payload is None:
        return "not a bzImage with a payload"
    data, how = decompress_payload(payload)
    if data is None:
        return how
    if not has_pvh_note(data):
        return "the vmlinux has no PVH entry note (QEMU -kernel cannot boot it)"
    with open(out + ".tmp", "wb") as f:
        f.write(data)
    os.rename(out + ".tmp", out)
    return None


# -- the reference kernel ------------------------------------------------------------

def _prepare(d, package, version, suite, notes):
    vmlinuz = sorted(glob.glob(os.path.join(d, "boot", "vmlinuz-*")))
    if not vmlinuz:
        raise FetchError("%s has no boot/vmlinuz-*" % d)
    kernel = Kernel(boot=vmlinuz[0], vmlinuz=vmlinuz[0], package=package, version=version,
                    suite=suite, notes=notes)
    vmlinux = os.path.join(d, "vmlinux")
    if not os.path.isfile(vmlinux):
        why = extract_vmlinux(vmlinuz[0], vmlinux)
        if why:
            kernel.notes.append("booting the bzImage (slower): no vmlinux, " + why)
    if os.path.isfile(vmlinux):
        kernel.boot = vmlinux
    return kernel


def read_cache(root, refresh=False):
    """What root/current.json names, if its folder is still there: (the
    entry, its folder), else None (also with refresh). Shared with
    selftests.py, whose cache has the same shape."""
    current = os.path.join(root, "current.json")
    if refresh or not os.path.isfile(current):
        return None
    with open(current) as f:
        c = json.load(f)
    d = os.path.join(root, c["dir"])
    return (c, d) if os.path.isdir(d) else None


def get_kernel(refresh=False, say=None):
    """The reference kernel, fetched once and cached; raises FetchError."""
    override = os.environ.get("TRIDENT_LINUX_KERNEL")
    if override:
        if not os.path.isfile(override):
            raise FetchError("TRIDENT_LINUX_KERNEL=%s: no such file" % override)
        return Kernel(boot=override, vmlinuz=override,
                      notes=["the kernel of TRIDENT_LINUX_KERNEL, not fetched"])
    root = cache_dir()
    os.makedirs(root, exist_ok=True)
    current = os.path.join(root, "current.json")
    with open(os.path.join(root, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)         # one download per machine at a time
        cached = read_cache(root, refresh)
        if cached:
            c, d = cached
            return _prepare(d, c["package"], c["version"], c["suite"], list(c.get("notes", [])))
        mirror, keyring = find_mirror()
        apt = _Apt(os.path.join(root, "apt"), mirror, keyring)
        notes = []
        package, version, suite = _choose(apt, notes)
        if say:
            say("linux: fetching %s %s from %s %s into %s" % (package, version, mirror, suite, root))
        d = os.path.join(root, "%s_%s" % (package, version.replace(":", "%3a")))
        _download(apt, package, version, d)
        kernel = _prepare(d, package, version, suite, list(notes))
        kernel.notes.append("fetched now from %s %s into %s" % (mirror, suite, root))
        with open(current + ".tmp", "w") as f:
            json.dump({"dir": os.path.basename(d), "package": package, "version": version,
                       "suite": suite, "mirror": mirror, "notes": notes}, f, indent=1)
        os.rename(current + ".tmp", current)
        shutil.rmtree(os.path.join(root, "apt", "cache"), ignore_errors=True)
        return kernel


# -- the initramfs ------------------------------------------------------------------

def cpio_entry(name, mode, data=b"", rdev=(0, 0), ino=1, mtime=0):
    """One member of a cpio `newc` archive (as Linux's initramfs reads it)."""
    n = name.encode() + b"\0"
    fields = (ino, mode, 0, 0, 2 if mode & 0o170000 == 0o040000 else 1, mtime, len(data),
              0, 0, rdev[0], rdev[1], len(n), 0)
    head = b"070701" + b"".join(b"%08X" % v for v in fields) + n
    head += b"\0" * (-len(head) % 4)
    return head + data + b"\0" * (-len(data) % 4)


def cpio_archive(members):
    """members: (name, mode, data, rdev); ends with the trailer, padded to 512."""
    out = b"".join(cpio_entry(name, mode, data, rdev, ino=i)
                   for i, (name, mode, data, rdev) in enumerate(members, 1000))
    out += cpio_entry("TRAILER!!!", 0, ino=0)
    return out + b"\0" * (-len(out) % 512)


def linux_extras(rdinit):
    """What Linux needs beside our initramfs: the nodes Trident makes at
    boot (kernel/fs_dev.c fs_devices_init), /proc, and /rdinit."""
    return cpio_archive([
        ("dev", 0o040755, b"", (0, 0)),
        ("dev/console", 0o020600, b"", (5, 1)),
        ("dev/null", 0o020666, b"", (1, 3)),
        ("dev/zero", 0o020666, b"", (1, 5)),
        ("dev/full", 0o020666, b"", (1, 7)),
        ("proc", 0o040555, b"", (0, 0)),
        ("rdinit", 0o100755, rdinit, (0, 0)),
    ])


def build_rdinit(out_dir):
    """tests/linux/rdinit.c with the host's gcc; (path, error)."""
    out = os.path.join(out_dir, "rdinit")
    if os.path.isfile(out) and os.path.getmtime(out) >= os.path.getmtime(RDINIT_SOURCE):
        return out, None
    with open(RDINIT_SOURCE) as f:
        m = re.search(r"^// build: (.*)$", f.read(), re.M)
    os.makedirs(out_dir, exist_ok=True)
    command = m.group(1).split() + [RDINIT_SOURCE, "-o", out + ".tmp"]
    try:
        r = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    except OSError as e:
        return None, "cannot run %s: %s" % (command[0], e.strerror)
    if r.returncode != 0:
        return None, "%s failed:\n%s" % (" ".join(command), r.stdout.decode("utf-8", "replace"))
    os.rename(out + ".tmp", out)
    return out, None


def make_initrd(build_dir, out_dir):
    """Our initramfs.cpio followed by linux_extras(); (path, error)."""
    ours = os.path.join(build_dir, "initramfs.cpio")
    if not os.path.isfile(ours):
        return None, "no %s (build it first: make)" % ours
    rdinit, error = build_rdinit(out_dir)
    if error:
        return None, error
    with open(rdinit, "rb") as f:
        extra = linux_extras(f.read())
    out = os.path.join(out_dir, "initrd.cpio")
    with open(ours, "rb") as f, open(out + ".tmp", "wb") as o:
        shutil.copyfileobj(f, o)
        o.write(extra)
    os.rename(out + ".tmp", out)
    return out, None


# -- a reference boot ---------------------------------------------------------------

def command_line(ref):
    args = ["console=ttyS0", "quiet", "panic=-1", "rdinit=/rdinit"] + ref.kernel_args
    if ref.init_args:
        args += ["--"] + ref.init_args
    return " ".join(args)


def qemu_command(kernel, initrd, append, cpu="qemu64"):
    return [qemu.QEMU, "-M", "pc", "-cpu", cpu, "-m", QEMU_MEMORY,
            "-kernel", kernel, "-initrd", initrd, "-append", append,
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-no-reboot", "-nic", "none", "-display", "none",
            "-serial", "stdio", "-monitor", "none"]


def init_end(log):
    """Turn Linux's "Attempted to kill init!" panic into init's status.
    Returns (status, signal) and drops that panic from log.problems;
    (None, None) when the log has no such line."""
    if not log.panic:
        return None, None
    m = _KILL_INIT.search(log.panic[0])
    if not m:
        return None, None
    code = int(m.group(1), 16)
    log.problems = [p for p in log.problems if not p.startswith("kernel panic")]
    if code & 0x7f:
        return None, code & 0x7f
    return (code >> 8) & 0xff, None


def boot_reference(ref, kernel, initrd, log_path, timeout=BOOT_TIMEOUT):
    """Boot Linux for ref; returns (Section, ktap.Log or None)."""
    append = command_line(ref)
    title = "linux %s: Debian %s on QEMU -cpu qemu64 (%s)" % (
        ref.name, kernel.version or os.path.basename(kernel.boot), append)
    command = qemu_command(kernel.boot, initrd, append)
    # The panic that ends every run is expected: give QEMU time to exit itself.
    run = qemu.run_emulator(command, log_path, timeout, panic_grace=5.0)
    s = Section(title)
    s.seconds = run.seconds
    if run.error:
        s.problem(run.error)
        return s, None
    log = ktap.parse_file(log_path, eof_reason="the serial log ends here")
    status, signal = init_end(log)
    s.programs = log.programs
    for message in log.problems:
        s.problem(message, log.panic[1:] if message.startswith("kernel panic") and log.panic else [])
    if run.timed_out:
        s.problem("hang: QEMU killed after %g s" % timeout,
                  ["last lines of the serial log:"] + ["  " + l for l in qemu._tail(log_path)])
    elif run.returncode not in (0, None) and not run.panicked:
        s.problem("QEMU failed (exit status %s)" % run.returncode, run.stderr.strip().splitlines()[-10:])
    if signal is not None:
        s.problem("init killed by signal %d" % signal)
    elif status is not None:
        s.notes.append("init exited: status %d (Linux: \"Attempted to kill init!\")" % status)
    elif not run.timed_out:
        s.problem("init's end not seen (no \"Attempted to kill init!\" panic)",
                  ["last lines of the serial log:"] + ["  " + l for l in qemu._tail(log_path)])
    s.notes.append("serial log: %s" % log_path)
    s.check_ran()
    return s, log


# -- the comparison ------------------------------------------------------------------

def abi_of(name):
    for abi in ("_x32", "_64", "_32"):
        if name.endswith(abi):
            return abi[1:]
    return "other"


class RunnerCase(ktap.Case):
    """init's line about a program, shown without its number (the
    program's place in /tests is not what is compared)."""

    def render(self):
        s = "%s %s" % ("ok" if self.ok else "not ok", self.description)
        if self.directive:
            s += " # %s%s" % (self.directive, " " + self.reason if self.reason else "")
        return s.rstrip()


def with_runner_line(program):
    """program's cases and, last, the runner's line about it as one more
    case: `ok K selftests: trident: NAME # killed by signal 8 as expected`
    (its note is part of what is compared; a whole-program SKIP is a skip)."""
    cases = list(program.cases)
    if program.runner_ok is not None:
        d = program.runner_directive
        skip = d.upper().startswith("SKIP")
        cases.append(RunnerCase(number=0, ok=program.runner_ok,
                               description=RUNNER_PREFIX + program.name + ("" if skip or not d else " # " + d),
                               directive="SKIP" if skip else "", reason=d[4:].strip() if skip else ""))
    return ktap.Program(name=program.name, plan=program.plan, cases=cases)


@dataclasses.dataclass
class Tally:
    programs: int = 0
    lines: int = 0
    equal: int = 0
    accepted: int = 0
    different: int = 0

    def add(self, other):
        for f in dataclasses.fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


def table(tallies):
    rows = ["%-6s %9s %7s %7s %9s %10s" % ("ABI", "programs", "lines", "equal", "accepted", "different")]
    total = Tally()
    for abi in list(ABIS) + sorted(set(tallies) - set(ABIS)):
        t = tallies.get(abi, Tally())
        total.add(t)
        rows.append("%-6s %9d %7d %7d %9d %10d" % (abi, t.programs, t.lines, t.equal, t.accepted,
                                                   t.different))
    rows.append("%-6s %9d %7d %7d %9d %10d" % ("all", total.programs, total.lines, total.equal,
                                               total.accepted, total.different))
    return rows


def compare_logs(linux_log, trident_log, allowlist, title, left="Linux", right="Trident"):
    """Compare every program of two logs (ktap.Log) line by line; returns
    (Section, {abi: Tally})."""
    s = Section(title, expect_tests=False)
    linux = {p.name: p for p in linux_log.programs}
    trident = {p.name: p for p in trident_log.programs}
    tallies = {}
    missing = {"Linux": [], "Trident": []}
    for name in list(linux) + [n for n in trident if n not in linux]:
        t = tallies.setdefault(abi_of(name), Tally())
        lp, tp = linux.get(name), trident.get(name)
        if lp is None or tp is None:
            missing["Linux" if lp is None else "Trident"].append(name)
            t.programs += 1
            n = len(with_runner_line(lp or tp).cases)
            t.lines += n
            t.different += n
            continue
        a, b = with_runner_line(lp), with_runner_line(tp)
        diffs = compare.diff_program(name, a, b, allowlist)
        t.programs += 1
        differ = sum(1 for d in diffs if d[0] is not None)
        t.equal += len(a.cases) - differ
        t.lines += len(a.cases) - differ + len(diffs)
        bad = [d for d in diffs if d[2] is None]
        t.accepted += len(diffs) - len(bad)
        t.different += len(bad)
        for h, tr, reason in diffs:
            if reason is not None:
                s.notes.append("accepted difference in %s: %s | %s  (%s)"
                               % (name, h or "(none)", tr or "(none)", reason))
        if bad:
            s.problem("%s: %d result line(s) differ from Linux" % (name, len(bad)),
                      compare.side_by_side([(h, tr) for h, tr, _ in bad], left=left, right=right))
        else:
            s.passes += 1
    for side, names in missing.items():
        if names:
            s.problem("%d program(s) not in the %s log: %s" % (len(names), side, " ".join(names)))
    if not linux and not trident:
        s.problem("no program in either log")
    s.notes[:0] = table(tallies)
    return s, tallies


# -- the whole check -----------------------------------------------------------------

def _split(args):
    """(kernel switches, init's arguments) of a command line's words."""
    args = list(args or [])
    if "--" in args:
        return args[:args.index("--")], args[args.index("--") + 1:]
    return args, []


def _switch(kargs, name, default):
    """A boolean switch as both kernels read it: the last one wins."""
    value = default
    for word in kargs:
        if word.startswith(name + "="):
            v = word[len(name) + 1:].lower()
            value = value if v not in ("0", "n", "no", "off", "1", "y", "yes", "on") else \
                v in ("1", "y", "yes", "on")
    return value


def build_config(build_dir, cfg):
    """The CONFIG_* values of the build that cfg boots (the auto.conf
    beside its ISO), or None when there is no such build."""
    base = os.path.dirname(os.path.join(build_dir, cfg.iso))
    try:
        with open(os.path.join(base, "include", "config", "auto.conf")) as f:
            text = f.read()
    except OSError:
        return None
    return dict(re.findall(r"^(CONFIG_\w+)=(.*)$", text, re.M))


def trident_abis(build_dir, cfg):
    """(ia32, x32): what a Trident boot leaves on, or None (unknown build)."""
    conf = build_config(build_dir, cfg)
    if conf is None:
        return None
    kargs, _ = _split(cfg.kernel_args)
    return (conf.get("CONFIG_IA32_EMULATION") == "y" and _switch(kargs, "ia32_emulation", True),
            conf.get("CONFIG_X86_X32_ABI") == "y" and _switch(kargs, "syscall.x32", True))


def matching_boots(ref, build_dir, boots=None):
    """The configs.BOOTS (or boots) to compare with ref."""
    return [c for c in (configs.BOOTS if boots is None else boots)
            if c.emulator == "qemu" and c.cpu == "qemu64" and not c.expect_panic
            and not c.expect_lines
            and trident_abis(build_dir, c) == (ref.ia32, ref.x32)]


def config_problems(ref, cfg):
    """Does a Trident boot run init as ref does?"""
    _, init = _split(cfg.kernel_args)
    if init != ref.init_args:
        return ["Trident boot %s gives init %r, the Linux run %r: not comparable"
                % (cfg.name, init, ref.init_args)]
    return []


def kernel_section(refresh=False, say=None):
    """(Section, Kernel or None): the reference kernel, fetched if need be."""
    s = Section("linux: the reference kernel", expect_tests=False)
    start = time.monotonic()
    try:
        kernel = get_kernel(refresh, say)
    except FetchError as e:
        lines = str(e).splitlines()
        s.problem("no reference kernel: " + lines[0], lines[1:] + [
            "make check-linux needs Debian's %s from %s (fetched once with apt-get download, "
            "cached in %s), or TRIDENT_LINUX_KERNEL=PATH" % (META, SUITES[0], cache_dir())])
        s.seconds = time.monotonic() - start
        return s, None
    s.seconds = time.monotonic() - start
    s.title = "linux: the reference kernel, %s" % kernel.describe()
    s.notes.append("booted: %s" % kernel.boot)
    s.notes += kernel.notes
    return s, kernel


def start_references(executor, refs, kernel, build_dir, timeout=BOOT_TIMEOUT):
    """Submit the reference boots; returns {name: future of (Section, Log)}
    or raises nothing: a missing initramfs becomes each one's failure."""
    out_dir = os.path.join(build_dir, "harness", "linux")
    initrd, error = make_initrd(build_dir, out_dir)
    futures = {}
    for ref in refs:
        if error:
            s = Section("linux %s" % ref.name)
            s.problem(error)
            f = concurrent.futures.Future()
            f.set_result((s, None))
            futures[ref.name] = f
            continue
        log = os.path.join(build_dir, "harness", "linux-%s.log" % ref.name)
        futures[ref.name] = executor.submit(boot_reference, ref, kernel, initrd, log, timeout)
    return futures


def comparisons(refs, linux_logs, build_dir, allow_path, boots=None):
    """One Section per (reference, matching Trident boot), then the
    allow-list's notes; boots limits the Trident boots (those booted now)."""
    entries, errors = compare.load_allowlist(allow_path)
    sections = []
    for ref in refs:
        for cfg in matching_boots(ref, build_dir, boots):
            name = cfg.name
            title = "compare linux %s (%s) with Trident %s" % (ref.name, ref.describe(), name)
            log_path = os.path.join(build_dir, "harness", name + ".log")
            problems = config_problems(ref, cfg)
            if linux_logs.get(ref.name) is None or not os.path.isfile(log_path):
                s = Section(title)
                s.problem("nothing to compare: %s" % (
                    "the Linux run failed" if linux_logs.get(ref.name) is None
                    else "no Trident log %s" % log_path))
                sections.append(s)
                continue
            s, _ = compare_logs(linux_logs[ref.name], ktap.parse_file(log_path), entries, title)
            for p in problems:
                s.problem(p)
            for e in errors:
                s.problem(e)
            sections.append(s)
    unused = [e for e in entries if not e.used]
    if sections and unused:
        sections[-1].notes += ["allow-list entry never used by the Linux comparisons: %s (%s)"
                               % (e.where, e.program) for e in unused]
    return sections


def run_references(build_dir, refs, jobs=1, refresh=False, timeout=BOOT_TIMEOUT, fetched=None):
    """Fetch the kernel (unless fetched, kernel_section's answer, is given)
    and boot refs, jobs at a time; returns (kernel Section, [(Reference,
    Section, Log or None)]) in refs' order. Prints nothing: safe to run
    beside other boots."""
    ks, kernel = fetched or kernel_section(refresh)
    if kernel is None:
        return ks, []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
        futures = start_references(ex, refs, kernel, build_dir, timeout)
        return ks, [(ref,) + tuple(futures[ref.name].result()) for ref in refs]


def choose(names=None):
    """The references named (all by default), and the unknown names."""
    if not names:
        return list(REFERENCES), []
    known = {r.name: r for r in REFERENCES}
    return [r for r in REFERENCES if r.name in names], [n for n in names if n not in known]
