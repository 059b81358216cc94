"""Linux's own x86 entry selftests (tools/testing/selftests/x86) on the
host, on Debian's Linux 6.12 and on Trident (`make check-selftests`, and
`make test` through `run.py suite` unless --no-selftests).

1. The sources: Debian's `linux-source-6.12` from bookworm-backports,
   fetched once as linuxref.py fetches the reference kernel (a private apt
   state, `apt-get download`). Only what the tests need is unpacked from
   the .deb's usr/src/linux-source-6.12.tar.xz: tools/testing/selftests/x86/,
   tools/testing/selftests/kselftest*.h and lib.mk (x86/Makefile includes
   it) and arch/x86/include/asm/desc_defs.h (sigreturn.c includes it). All
   of it lives in $XDG_CACHE_HOME/trident/selftests; no network, no
   package: the section fails and says why.
2. The build: x86/Makefile itself (`make OUTPUT=DIR CC="gcc -static"
   TARGET...`), so flags, extra files (thunks.S...) and which tests are
   _32 or _64 only are the Makefile's; `-static` because neither Trident
   nor the reference initramfs has a dynamic loader.
3. The runs: each test alone on the host; then one boot per system and
   CPU model (Trident and Linux, QEMU -cpu qemu64 (AMD) and Haswell
   (Intel)) of an initramfs of our /sbin/init and the tests in
   /selftests: init runs each with a timeout (`init --dir /selftests
   --timeout N`) between its "# selftests: trident: NAME" and
   "ok K selftests: trident: NAME" lines. Linux boots it through
   tests/linux/rdinit.c, as linuxref.py does.
4. The table: per test and system the counts of lines starting with
   [OK], [FAIL] and [SKIP] and the exit status ("0", "4", "sig 11",
   "timeout", "-" not run).

What passes (one case per test and system):
- host and Linux: exit status 0 and no [FAIL];
- Trident: exit status 0, no [FAIL], and the same [OK] and [SKIP] counts
  as Linux on the same CPU model (a [SKIP] only where Linux skips too).
  A test and model listed in tests/selftests-expected.txt (with the
  feature Trident lacks) that fails is a skip ("expected failure"); one
  listed that passes is a failure, so the list shrinks as features land.
"""

import concurrent.futures
import dataclasses
import fcntl
import json
import os
import re
import shutil
import subprocess
import tempfile
import time

from . import ktap, linuxref, qemu
from .report import Section
from .results import Case, Program

# -- what is run -------------------------------------------------------------

# The list (issue 11), each name as x86/Makefile builds it.
TESTS = [
    "syscall_numbering_64", "syscall_nt_32", "syscall_nt_64",
    "check_initial_reg_state_32", "check_initial_reg_state_64",
    "single_step_syscall_32", "single_step_syscall_64",
    "syscall_arg_fault_32", "syscall_arg_fault_64", "sysret_rip_64",
    "sysret_ss_attrs_32", "sysret_ss_attrs_64", "test_syscall_vdso_32",
    "sigreturn_32", "sigreturn_64", "vdso_restorer_32", "unwind_vdso_32",
    "test_mremap_vdso_32", "test_mremap_vdso_64",
    "ptrace_syscall_32", "ptrace_syscall_64", "sigaltstack_32", "sigaltstack_64",
    "nx_stack_32", "nx_stack_64", "mov_ss_trap_32", "mov_ss_trap_64",
    "fsgsbase_64", "ldt_gdt_32", "ldt_gdt_64", "iopl_32", "iopl_64",
    "ioperm_32", "ioperm_64",
]
MODELS = ("qemu64", "Haswell")          # QEMU -cpu: AMD, Intel

PACKAGE = "linux-source-6.12"
SUITES = ("bookworm-backports",)
TOP = PACKAGE + "/"                     # the tarball's top directory
MEMBERS = [TOP + "tools/testing/selftests/x86/*",
           TOP + "tools/testing/selftests/kselftest*",
           TOP + "tools/testing/selftests/lib.mk",
           TOP + "arch/x86/include/asm/desc_defs.h"]
X86 = os.path.join("tools", "testing", "selftests", "x86")

TEST_TIMEOUT = 20                       # seconds per test inside a boot (QEMU TCG)
LIMITS = {"syscall_numbering_64": 120}  # those that need longer: 700 checks under ptrace
# (when init kills a test at its timeout, the children it forked live on
# and print into the next tests' output: give it time to finish on Linux)
HANG_MARGIN = 30.0                      # seconds past a test's limit: the boot is stopped
HOST_TIMEOUT = 60.0                     # seconds per test on the host
MEMORY = "512M"
EXPECTED = os.path.join(qemu.ROOT, "tests", "selftests-expected.txt")

_START = re.compile(r"^# selftests: trident: (\S+)\s*$")
_END = re.compile(r"^(not ok|ok) \d+ selftests: trident: (\S+)\s*(?:#\s*(.*))?$")
_MARK = re.compile(r"^(?:#\s*)?\[(OK|FAIL|SKIP)\]")   # "# [FAIL]": kselftest.h's


def cache_dir():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "trident", "selftests")


# -- the sources ----------------------------------------------------------------

def _unpack(deb, dest):
    """The tarball inside deb, then only MEMBERS of it, into dest."""
    with tempfile.TemporaryDirectory(dir=os.path.dirname(dest)) as tmp:
        deb_tar = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", deb], stdout=subprocess.PIPE)
        r = subprocess.run(["tar", "-x", "-C", tmp, "./usr/src/"], stdin=deb_tar.stdout,
                           stderr=subprocess.PIPE)
        deb_tar.stdout.close()
        tarball = os.path.join(tmp, "usr", "src", PACKAGE + ".tar.xz")
        if deb_tar.wait() != 0 or r.returncode != 0 or not os.path.isfile(tarball):
            raise linuxref.FetchError("no usr/src/%s.tar.xz in %s: %s" % (
                PACKAGE, os.path.basename(deb), r.stderr.decode("utf-8", "replace").strip()))
        out = os.path.join(tmp, "out")
        os.makedirs(out)
        r = subprocess.run(["tar", "-xJf", tarball, "-C", out, "--wildcards"] + MEMBERS,
                           stderr=subprocess.PIPE)
        if r.returncode != 0:
            raise linuxref.FetchError("cannot unpack the selftests from %s: %s" % (
                tarball, r.stderr.decode("utf-8", "replace").strip()))
        os.rename(os.path.join(out, TOP), dest)


def get_source(refresh=False, say=None):
    """The unpacked tree (its top directory) and a description; raises
    linuxref.FetchError."""
    root = cache_dir()
    os.makedirs(root, exist_ok=True)
    current = os.path.join(root, "current.json")
    with open(os.path.join(root, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)         # one download per machine at a time
        cached = linuxref.read_cache(root, refresh)
        if cached:
            c, d = cached
            return d, "%s %s (%s)" % (PACKAGE, c["version"], c["suite"])
        mirror, keyring = linuxref.find_mirror()
        apt = linuxref._Apt(os.path.join(root, "apt"), mirror, keyring)
        apt.update(SUITES)
        stanzas = apt.show(PACKAGE)
        if not stanzas:
            raise linuxref.FetchError("no %s in %s at %s" % (PACKAGE, " ".join(SUITES), mirror))
        version = stanzas[0].get("Version")
        if say:
            say("selftests: fetching %s %s from %s %s into %s" % (PACKAGE, version, mirror,
                                                                 SUITES[0], root))
        d = os.path.join(root, "%s_%s" % (PACKAGE, version.replace(":", "%3a")))
        shutil.rmtree(d, ignore_errors=True)
        with tempfile.TemporaryDirectory(dir=root) as tmp:
            debs = linuxref.apt_download(apt, PACKAGE, version, tmp)
            _unpack(debs[0], d)
        with open(current + ".tmp", "w") as f:
            json.dump({"dir": os.path.basename(d), "version": version, "suite": SUITES[0],
                       "mirror": mirror}, f, indent=1)
        os.rename(current + ".tmp", current)
        shutil.rmtree(os.path.join(root, "apt", "cache"), ignore_errors=True)
        return d, "%s %s (%s, fetched now)" % (PACKAGE, version, SUITES[0])


# -- the build --------------------------------------------------------------------

def build(tree, out_dir, tests=TESTS):
    """x86/Makefile builds tests into out_dir; returns the problems."""
    os.makedirs(out_dir, exist_ok=True)
    targets = [os.path.join(os.path.abspath(out_dir), t) for t in tests]
    r = subprocess.run(["make", "-C", os.path.join(tree, X86), "-k", "-j2", "--no-print-directory",
                        "OUTPUT=" + os.path.abspath(out_dir), "CC=gcc -static"] + targets,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    text = r.stdout.decode("utf-8", "replace")
    with open(os.path.join(out_dir, "build.log"), "w") as f:
        f.write(text)
    problems = []
    for t in tests:
        if not os.path.isfile(os.path.join(out_dir, t)):
            problems.append(("%s: not built (see %s)" % (t, os.path.join(out_dir, "build.log")),
                             [l for l in text.splitlines() if t.rsplit("_", 1)[0] in l][-5:]))
    return problems


# -- results -----------------------------------------------------------------------

@dataclasses.dataclass
class Result:
    """One test on one system."""
    ok: int = 0
    fail: int = 0
    skip: int = 0
    status: str = "-"          # "0", "4", "1", "sig 11", "timeout", "-" (did not run)

    def cell(self):
        if self.status == "-":
            return "-"
        return "%d/%d/%d %s" % (self.ok, self.fail, self.skip, self.status)

    def passed(self):
        return self.status == "0" and self.fail == 0


def count(lines, result):
    for line in lines:
        m = _MARK.match(line)
        if m:
            setattr(result, m.group(1).lower(), getattr(result, m.group(1).lower()) + 1)
    return result


def _runner_status(ok, note):
    """init's note (userland/init/init.c run()) as an exit status."""
    note = (note or "").strip()
    if not note:
        return "0" if ok else "?"
    if note.upper().startswith("SKIP"):
        return "4"
    m = re.match(r"exit=(\d+)", note)
    if m:
        return m.group(1)
    m = re.match(r"killed by signal (\d+)", note)
    if m:
        return "sig " + m.group(1)
    if note.startswith("timeout"):
        return "timeout"
    return note


def parse_log(path):
    """{test: Result} of one boot's serial log; a test whose end is not
    there (the boot stopped in it) is "unfinished"."""
    out, cur, lines = {}, None, []
    with open(path, "rb") as f:
        for raw in f.read().decode("utf-8", "replace").split("\n"):
            line = ktap.clean_line(raw)
            m = _START.match(line)
            if m:
                cur, lines = m.group(1), []
                continue
            m = _END.match(line)
            if m and m.group(2) == cur:
                out[cur] = count(lines, Result(status=_runner_status(m.group(1) == "ok", m.group(3))))
                cur = None
                continue
            if cur:
                lines.append(line)
    if cur:
        out[cur] = count(lines, Result(status="unfinished"))   # the log ends in it
    return out


def run_host(bin_dir, log_dir, tests=TESTS, timeout=HOST_TIMEOUT):
    """Each test on this machine, one at a time (some time themselves)."""
    os.makedirs(log_dir, exist_ok=True)
    results = {}
    for t in tests:
        path = os.path.join(bin_dir, t)
        if not os.path.isfile(path):
            continue
        log = os.path.join(log_dir, t + ".log")
        with open(log, "wb") as f:
            p = subprocess.Popen([path], stdin=subprocess.DEVNULL, stdout=f, stderr=subprocess.STDOUT,
                                 cwd=log_dir, start_new_session=True)
            try:
                rc = p.wait(timeout=timeout)
                status = str(rc) if rc >= 0 else "sig %d" % -rc
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, 9)
                p.wait()
                status = "timeout"
        with open(log, "rb") as f:
            lines = [ktap.clean_line(l) for l in f.read().decode("utf-8", "replace").split("\n")]
        results[t] = count(lines, Result(status=status))
    return results


# -- the boots ---------------------------------------------------------------------

def initramfs(init, bin_dir, tests=TESTS):
    """/sbin/init, /selftests/* and the directories Trident's has."""
    members = [("dev", 0o040755, b"", (0, 0)), ("sbin", 0o040755, b"", (0, 0)),
               (DIR[1:], 0o040755, b"", (0, 0)), ("tmp", 0o041777, b"", (0, 0))]
    with open(init, "rb") as f:
        members.append(("sbin/init", 0o100755, f.read(), (0, 0)))
    for t in tests:
        path = os.path.join(bin_dir, t)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                members.append((DIR[1:] + "/" + t, 0o100755, f.read(), (0, 0)))
    return linuxref.cpio_archive(members)


DIR = "/x86"                            # where the tests are in the initramfs
# init's arguments: a timeout per test (the harness's watchdog below keeps
# each test to its own limit) and the tests, by default all of DIR.
MAX_PROGRAMS = 30                       # both kernels pass init at most 32 arguments


def init_args(names=None):
    return ["--timeout", str(max(LIMITS.values()))] + (
        ["--dir", DIR] if names is None else [DIR + "/" + n for n in names])


def limit(test):
    return LIMITS.get(test, TEST_TIMEOUT)


def _watch(command, log, boot_limit):
    """Run one boot, its serial port into log; kill it when it passes
    boot_limit or a test runs past its limit plus a margin (init kills a
    test itself at its --timeout: a test still there means the kernel is
    stuck). Returns (how it ended or None, the stuck test or None)."""
    start = time.monotonic()
    with open(log, "wb") as out:
        try:
            proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out,
                                    stderr=subprocess.DEVNULL)
        except OSError as e:
            return "cannot run %s: %s" % (command[0], e.strerror), None
        current, since, seen, exited = None, start, 0, False
        while True:
            try:
                proc.wait(timeout=0.5)
                exited = True
            except subprocess.TimeoutExpired:
                pass
            with open(log, "rb") as f:
                f.seek(seen)
                chunk = f.read()
            # Only whole lines: the rest is read again next time.
            cut = chunk.rfind(b"\n") + 1
            seen += cut
            for raw in chunk[:cut].decode("utf-8", "replace").split("\n"):
                line = ktap.clean_line(raw)
                m = _START.match(line)
                if m:
                    current, since = m.group(1), time.monotonic()
                elif _END.match(line):
                    current = None
                elif ktap.PANIC.match(line) and "Attempted to kill init" not in line:
                    if not exited:
                        time.sleep(2)
                        qemu._stop(proc)
                    return "kernel panic", current
            if exited:
                # Linux reboots (panic=-1, -no-reboot: QEMU exits) after a panic.
                return (None if current is None else "ended in %s" % current), current
            now = time.monotonic()
            stuck = current is not None and now - since > limit(current) + HANG_MARGIN
            if stuck or now - start > boot_limit:
                qemu._stop(proc)
                return ("stuck in %s for %d s" % (current, now - since) if stuck
                        else "hang: killed after %d s" % boot_limit), current


def boot(make_command, log, tests):
    """Boot make_command(init_args) until every test ran: after a boot
    that hangs or panics, the test it was in gets status "hang"
    and the next boot runs the tests after it. Returns (results, problems)."""
    results, problems, names, n = {}, [], None, 0
    while True:
        n += 1
        path = log if n == 1 else "%s.%d" % (log, n)
        todo = tests if names is None else names
        ended, stuck = _watch(make_command(init_args(names)), path,
                              sum(limit(t) for t in todo) + 60)
        results.update(parse_log(path))
        if ended and ended.startswith("cannot run"):
            return results, problems + [ended]
        if ended:
            problems.append("%s (serial log %s)" % (ended, path))
            if stuck:
                # What it printed stays; the status says how it ended.
                results.setdefault(stuck, Result()).status = "hang"
        left = [t for t in tests if t not in results]
        if not left or not ended:
            return results, problems
        names = left[:MAX_PROGRAMS]


# -- expected failures -------------------------------------------------------------

def load_expected(path=EXPECTED):
    """{(test, model): reason} and the malformed lines. A line:
    `TEST MODEL REASON...`, MODEL qemu64, Haswell or * (both)."""
    entries, errors = {}, []
    if not os.path.isfile(path):
        return entries, errors
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            words = line.split(None, 2)
            if len(words) < 3 or words[0] not in TESTS or words[1] not in MODELS + ("*",):
                errors.append("%s:%d: not `TEST MODEL REASON` with a listed test and "
                              "model (qemu64, Haswell, *): %s" % (path, n, line))
                continue
            for m in (MODELS if words[1] == "*" else (words[1],)):
                entries[(words[0], m)] = words[2]
    return entries, errors


# -- the judgement -----------------------------------------------------------------

def judge_plain(name, results, tests, reference=False):
    """host or Linux: every test ran, exited 0, printed no [FAIL]. A test
    Linux fails is the reference's own result under QEMU TCG (a skip), not
    a failure: Trident has to give the same."""
    p = Program(name=name, plan=len(tests))
    for i, t in enumerate(tests, 1):
        r = results.get(t, Result())
        c = Case(number=i, ok=r.passed(), description="%s  %s" % (t, r.cell()))
        if reference and not r.passed() and r.status != "-":
            c.ok, c.directive, c.reason = True, "SKIP", "Linux fails it on this model"
        p.cases.append(c)
    return p


def same(r, ref):
    """Trident's r as Linux's ref on the same model: both pass with the
    same [OK] and [SKIP] counts, or (Linux failing under the emulator)
    the very same counts and status; where Linux hangs (QEMU TCG with an
    Intel model runs compat SYSCALL through an unset CSTAR) Trident passes."""
    if ref.status == "hang":
        return r.passed()
    if ref.passed():
        return r.passed() and (r.ok, r.skip) == (ref.ok, ref.skip)
    return ref.status != "-" and r == ref


def judge_trident(model, results, linux, tests, expected):
    p = Program(name="trident " + model, plan=len(tests))
    for i, t in enumerate(tests, 1):
        r, ref = results.get(t, Result()), linux.get(t, Result())
        ok = same(r, ref)
        desc = "%s  %s" % (t, r.cell())
        reason = expected.get((t, model))
        if reason is None:
            p.cases.append(Case(number=i, ok=ok, description=desc + (
                "" if ok else "  (Linux: %s)" % ref.cell())))
        elif ok:
            p.cases.append(Case(number=i, ok=False, description=desc +
                                "  as Linux: remove it from tests/selftests-expected.txt"))
        else:
            p.cases.append(Case(number=i, ok=True, description=desc, directive="SKIP",
                                reason="expected failure: " + reason))
    return p


def table(tests, columns):
    """columns: [(title, {test: Result})]; rows of cells ok/fail/skip status."""
    width = max(len(t) for t in tests)
    cw = [max(14, len(c[0])) for c in columns]
    rows = ["%-*s  %s" % (width, "test", "  ".join("%-*s" % (w, c[0]) for w, c in zip(cw, columns)))]
    for t in tests:
        cells = "  ".join("%-*s" % (w, c[1].get(t, Result()).cell()) for w, c in zip(cw, columns))
        rows.append(("%-*s  %s" % (width, t, cells)).rstrip())
    rows.append("(each cell: [OK]/[FAIL]/[SKIP] lines, then the exit status)")
    return rows


def _trident_command(work, kernel_elf, cpio, model):
    """make_command for boot(): an ISO per command line (scripts/mkiso.sh)."""
    def make(args):
        iso = os.path.join(work, "trident-%s-%d.iso" % (model, abs(hash(tuple(args))) % 10000))
        error = qemu.make_iso(iso, kernel_elf, cpio, ["--"] + args)
        if error:
            return ["false", error]
        return qemu.qemu_command(iso, cpu=model, memory=MEMORY)
    return make


def _linux_command(kernel, initrd, model):
    def make(args):
        # x32 on, as Trident has it (Debian's default is off): the x32
        # part of syscall_numbering_64 runs on both.
        append = "console=ttyS0 quiet panic=-1 rdinit=/rdinit syscall.x32=y -- " + " ".join(args)
        cmd = linuxref.qemu_command(kernel.boot, initrd, append, cpu=model)
        cmd[cmd.index("-m") + 1] = MEMORY
        return cmd
    return make


def run(build_dir, printer, refresh=False, jobs=None, tests=TESTS, models=MODELS,
        expected_path=EXPECTED):
    """The whole check; prints its sections on printer."""
    start = time.monotonic()
    s = Section("selftests: tools/testing/selftests/x86 of Linux 6.12", expect_tests=True)
    build_dir = os.path.abspath(build_dir)
    work = os.path.join(build_dir, "selftests")
    logs = os.path.join(build_dir, "harness")
    try:
        tree, what = get_source(refresh, printer.say)
    except linuxref.FetchError as e:
        lines = str(e).splitlines()
        s.problem("no selftests: " + lines[0], lines[1:] + [
            "make check-selftests needs Debian's %s from %s (fetched once with apt-get "
            "download, cached in %s)" % (PACKAGE, SUITES[0], cache_dir())])
        s.seconds = time.monotonic() - start
        printer.section(s)
        return s
    s.notes.append("sources: %s, %s" % (what, tree))
    bin_dir = os.path.join(work, "bin")
    for message, details in build(tree, bin_dir, tests):
        s.problem(message, details)

    # Host first, alone: some tests time themselves.
    host = run_host(bin_dir, os.path.join(logs, "selftests-host"), tests)

    # The boots, jobs at a time: Linux's and Trident's on each model.
    init = os.path.join(build_dir, "sbin", "init")
    kernel_elf = os.path.join(build_dir, "kernel.elf")
    cpio = os.path.join(work, "initramfs.cpio")
    boots, columns, data = {}, [("host", host)], None
    if not os.path.isfile(init) or not os.path.isfile(kernel_elf):
        s.problem("no %s or %s (build it first: make)" % (init, kernel_elf))
    else:
        data = initramfs(init, bin_dir, tests)
        with open(cpio, "wb") as f:
            f.write(data)
        for m in models:
            boots["trident " + m] = _trident_command(work, kernel_elf, cpio, m)
    ks, kernel = linuxref.kernel_section(refresh=False)
    if kernel is None:
        for p in ks.problems:
            s.problem("Linux: " + p.message, p.details)
    else:
        s.notes.append("Linux: %s" % kernel.describe())
        rdinit, error = linuxref.build_rdinit(os.path.join(logs, "linux"))
        if error:
            s.problem(error)
        elif data is not None:
            initrd = os.path.join(work, "initrd-linux.cpio")
            with open(rdinit, "rb") as f, open(initrd, "wb") as o:
                o.write(data + linuxref.linux_extras(f.read()))
            for m in models:
                boots["linux " + m] = _linux_command(kernel, initrd, m)
    order = ["linux " + m for m in models] + ["trident " + m for m in models]
    got = {}
    expected, errors = load_expected(expected_path)
    for e in errors:
        s.problem(e)
    ran = [t for t in tests if os.path.isfile(os.path.join(bin_dir, t))]
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as ex:
        futures = {name: ex.submit(boot, boots[name],
                                   os.path.join(logs, "selftests-%s.log" % name.replace(" ", "-")),
                                   ran)
                   for name in order if name in boots}
        for name in order:
            if name in futures:
                got[name], problems = futures[name].result()
                model = name.split()[1]
                for pr in problems:
                    # A test that hangs Linux is Linux's result; a hang of
                    # Trident's is a failure unless the test is an expected
                    # failure there (its case says so: a skip). A panic is
                    # always a failure.
                    stuck = [t for t, r in got[name].items() if r.status == "hang" and
                             pr.startswith("stuck in %s " % t)]
                    if name.startswith("linux") or (stuck and (stuck[0], model) in expected):
                        s.notes.append("%s: %s" % (name, pr))
                    else:
                        s.problem("%s: %s" % (name, pr))
    for name in order:
        columns.append((name, got.get(name, {})))

    s.programs.append(judge_plain("host", host, tests))
    for m in models:
        if "linux " + m in got:
            s.programs.append(judge_plain("linux " + m, got["linux " + m], tests, reference=True))
    for m in models:
        if "trident " + m in got:
            s.programs.append(judge_trident(m, got["trident " + m], got.get("linux " + m, {}),
                                            tests, expected))
    s.notes[:0] = table(tests, columns)
    s.notes.append("logs: %s/selftests-*.log, host: %s/selftests-host/" % (logs, logs))
    s.seconds = time.monotonic() - start
    s.check_ran()
    printer.section(s)
    return s
