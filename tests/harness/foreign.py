"""Foreign programs: Linux programs not built with our C library, each
booted as init and compared with the same binary run on the host.

Each tests/foreign/NAME.c says how the host builds it, on a line of its
first comment:

    // build: gcc -static -O2 -Wall

and becomes BUILD_DIR/foreign/NAME (`COMMAND NAME.c -o BUILD_DIR/foreign/NAME`,
run in tests/foreign). Then, for each program:

1. the host runs it with argv[0] = "/NAME" and init's environment
   (HOME=/ TERM=linux): the reference, its output and exit status;
2. it goes alone into a cpio made by the real `cpio -o -H newc` (contract 4:
   "anyone can add a program with cpio -o -H newc"), at /NAME, and into an
   ISO made by scripts/mkiso.sh with `init=/NAME quiet`;
3. QEMU boots it. With `quiet` the kernel prints nothing but errors, its
   memory check and `init exited: status N`, so the program's output is
   the lines between `Memory check at init start` (without that line:
   GRUB's `Booting` line) and `Memory check at init end`, `init exited`,
   `init killed` or a panic, whichever comes first;
4. one test case, "output and exit status as on Linux": the same lines
   (as a terminal shows them: no escapes, no carriage returns) and the same
   `init exited: status N` (or `init killed: signal N`) as on the host,
   the differences shown side by side as in the Linux comparison; and one
   more, "memory balanced at init end", when the log has both memory-check
   lines (results.memory_case).

A program that cannot be built (musl-gcc missing, say) is a failed case,
never a skip. The programs are independent: they run side by side, a few at
a time (QEMU TCG uses one CPU each).
"""

import concurrent.futures
import dataclasses
import difflib
import glob
import itertools
import os
import re
import shlex
import shutil
import subprocess
import time

from . import compare, ktap, programs, qemu, results
from .report import Section

SOURCES = os.path.join(qemu.ROOT, "tests", "foreign")
# init's environment, as the kernel gives it (kernel/cmdline.c).
INIT_ENV = {"HOME": "/", "TERM": "linux"}
OUTPUT_CASE = "output and exit status as on Linux"
# What to install when a compiler is missing (Debian package names).
PACKAGES = {"musl-gcc": "musl-tools", "gcc": "gcc"}

_BUILD_LINE = re.compile(r"^\s*(?://|/?\*+)?\s*build:\s*(.*?)\s*(?:\*/)?\s*$")
# `// reference: OTHER`: the host cannot run this program (an x32 binary on
# a kernel without x32), so OTHER's host run (the same source for another
# ABI, run under this program's name) is what Trident must print.
_REFERENCE_LINE = re.compile(r"^\s*(?://|/?\*+)?\s*reference:\s*(\S+)\s*(?:\*/)?\s*$")
_GRUB_BOOTING = re.compile(r"^\s*Booting `")
# Where the kernel takes the word again, after init's output. Searched:
# output without a final newline runs into it.
_OUTPUT_END = re.compile(r"Memory check at init end:|init exited: status -?\d+|"
                         r"init killed: signal \d+|Kernel panic\b")


@dataclasses.dataclass
class HostRun:
    """What the program did on the host."""
    lines: list = dataclasses.field(default_factory=list)
    status: int = None        # exit status
    signal: int = None        # or the signal that killed it
    error: str = ""           # could not run it (or it hung)

    def ending(self):
        if self.signal is not None:
            return "killed by signal %d" % self.signal
        return "exit status %d" % self.status


# -- building ----------------------------------------------------------------------

def find_sources(directory=SOURCES, names=()):
    """tests/foreign/*.c (sorted), or only those named; returns (sources,
    names not found)."""
    sources = sorted(glob.glob(os.path.join(directory, "*.c")))
    if not names:
        return sources, []
    chosen = [s for s in sources if os.path.basename(s)[:-2] in names]
    found = {os.path.basename(s)[:-2] for s in chosen}
    return chosen, [n for n in names if n not in found]


def build_command(source):
    """The `build:` line of source as a list of words; None without one."""
    with open(source, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f):
            if n >= 20:
                break
            m = _BUILD_LINE.match(line)
            if m and m.group(1):
                return shlex.split(m.group(1))
    return None


def reference_of(source):
    """The `reference:` program name of source, or None."""
    with open(source, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f):
            if n >= 20:
                break
            m = _REFERENCE_LINE.match(line)
            if m:
                return m.group(1)
    return None


def build(source, out_dir):
    """Build one program into out_dir; returns (binary, problem lines):
    the problem lines are empty when it was built."""
    name = os.path.basename(source)[:-2]
    binary = os.path.join(os.path.abspath(out_dir), name)
    command = build_command(source)
    if not command:
        return binary, ["%s: no `build: COMMAND` line in its first comment" % source]
    command = command + [os.path.basename(source), "-o", binary]
    os.makedirs(out_dir, exist_ok=True)
    if not shutil.which(command[0]):
        package = PACKAGES.get(os.path.basename(command[0]))
        return binary, ["cannot build it: %s not found%s" % (
            command[0], " (Debian: apt-get install %s)" % package if package else "")]
    try:
        os.unlink(binary)          # no stale binary after a failed build
    except FileNotFoundError:
        pass
    r = subprocess.run(command, cwd=os.path.dirname(source), stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if r.returncode != 0 or not os.path.isfile(binary):
        out = r.stdout.decode("utf-8", "replace").rstrip().split("\n")
        return binary, ["build failed (status %d): %s" % (r.returncode, " ".join(command))] + out[-15:]
    return binary, []


def make_cpio(binary, name, out):
    """A cpio newc archive holding binary alone, as /NAME, made by cpio(1);
    returns an error message or None."""
    if not shutil.which("cpio"):
        return "cpio not found (Debian: apt-get install cpio)"
    stage = out + ".d"
    shutil.rmtree(stage, ignore_errors=True)
    os.makedirs(stage)
    shutil.copy2(binary, os.path.join(stage, name))
    with open(out, "wb") as f:
        r = subprocess.run(["cpio", "--quiet", "-o", "-H", "newc", "--reproducible", "--owner=0:0"],
                           cwd=stage, input=(name + "\n").encode(), stdout=f, stderr=subprocess.PIPE)
    shutil.rmtree(stage, ignore_errors=True)
    if r.returncode != 0:
        return "cpio -o -H newc failed: " + r.stderr.decode("utf-8", "replace").strip()
    return None


# -- the host run and the serial log -----------------------------------------------

def output_lines(text):
    """Output as a terminal shows it, a list of lines (no final empty one)."""
    lines = [ktap.clean_line(raw) for raw in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def run_host(binary, name, timeout=30.0):
    """Run binary as "/NAME" with init's environment; returns a HostRun."""
    programs.no_core_dumps()
    try:
        r = subprocess.run(["/" + name], executable=binary, env=dict(INIT_ENV), cwd="/",
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
    except subprocess.TimeoutExpired:
        return HostRun(error="hang on the host: killed after %g s" % timeout)
    except OSError as e:
        return HostRun(error="cannot run it on the host: %s" % e.strerror)
    run = HostRun(lines=output_lines(r.stdout.decode("utf-8", "replace")))
    if r.returncode < 0:
        run.signal = -r.returncode
    else:
        run.status = r.returncode
    return run


def program_output(text):
    """The lines init printed, from a serial log booted with `quiet`.
    Returns (lines, notes): notes say where the cut was not clean."""
    lines = [ktap.clean_line(raw) for raw in text.split("\n")]
    notes = []
    start = 0
    for i, line in enumerate(lines):
        if _GRUB_BOOTING.match(line):
            start = i + 1
            break
    for i in range(start, len(lines)):
        m = ktap.MEMORY_CHECK.search(lines[i])
        if m and m.group(1) == "start":
            start = i + 1
            break
    else:
        # GRUB leaves an empty line or two after its `Booting` line.
        while start < len(lines) and lines[start] == "":
            start += 1
        notes.append("no `Memory check at init start` line: output taken from the first "
                     "non-empty line after GRUB's")
    for i in range(start, len(lines)):
        m = _OUTPUT_END.search(lines[i])
        if m:
            return lines[start:i] + ([lines[i][:m.start()]] if m.start() else []), notes
    out = lines[start:]
    while out and out[-1] == "":
        out.pop()
    notes.append("no `Memory check at init end` or `init exited` line: output taken to the log's end")
    return out, notes


def diff_lines(host, trident):
    """The differing lines: a list of (host_line, trident_line), a missing side None."""
    pairs = []
    matcher = difflib.SequenceMatcher(None, host, trident, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            pairs += list(itertools.zip_longest(host[i1:i2], trident[j1:j2]))
    return pairs


# -- judging one program -------------------------------------------------------------

def judge(name, host, boot_section, log_text, log_path):
    """The cases of one foreign program: host (a HostRun), boot_section (what
    qemu.judge made of the boot, expecting the host's ending), log_text (its
    serial log). Returns a results.Program."""
    p = results.Program(name=name)
    context = []
    if host.error:
        context.append(host.error)
    for pr in boot_section.problems:
        context.append(pr.message)
        context += ["  " + d for d in pr.details]
    log = ktap.parse_text(log_text)
    lines, notes = program_output(log_text)
    pairs = diff_lines(host.lines, lines) if not host.error else []
    if pairs:
        context.append("%d line(s) differ from Linux:" % len(pairs))
        context += compare.side_by_side(pairs)
    if log.init_status is not None:
        trident = "exit status %d" % log.init_status
    elif log.init_signal is not None:
        trident = "killed by signal %d" % log.init_signal
    else:
        trident = "no end"
    ok = not context
    if ok:
        p.notes.append("%d line(s), %s on both" % (len(lines), trident))
    else:
        context = ["Linux: %s; Trident: %s" % (host.ending() if not host.error else "-", trident)] \
            + notes + context + ["serial log: %s" % log_path]
    p.cases.append(results.Case(number=1, ok=ok, description=OUTPUT_CASE, context=context))
    memory = results.memory_case(log, number=2)
    if memory:
        p.cases.append(memory)
    p.plan = len(p.cases)
    return p


def failed_program(name, why):
    """A program that never got to boot (no build, no ISO)."""
    return results.Program(name=name, plan=1, cases=[
        results.Case(number=1, ok=False, description=OUTPUT_CASE,
                     context=[line for w in why for line in w.split("\n")])])


def run_one(source, build_dir, kernel, timeout=60.0, host_timeout=30.0, cpu="qemu64",
            qemu_binary=qemu.QEMU):
    """Build, run on the host, boot on Trident, compare: a results.Program."""
    name = os.path.basename(source)[:-2]
    work = os.path.join(build_dir, "foreign")
    binary, problems = build(source, work)
    if problems:
        return failed_program(name, problems)
    reference = reference_of(source)
    host_binary = binary
    if reference:
        host_binary, problems = build(os.path.join(os.path.dirname(source), reference + ".c"), work)
        if problems:
            return failed_program(name, ["its reference %s: %s" % (reference, problems[0])] + problems[1:])
    host = run_host(host_binary, name, host_timeout)
    cpio = os.path.join(work, name + ".cpio")
    error = make_cpio(binary, name, cpio)
    iso = os.path.join(work, name + ".iso")
    error = error or qemu.make_iso(iso, kernel, cpio, ["init=/" + name, "quiet"])
    if error:
        return failed_program(name, [error])
    log_path = os.path.join(build_dir, "harness", "foreign-%s.log" % name)
    expect = dict(expect_exit=host.status or 0, expect_signal=host.signal)
    s, _ = qemu.boot_qemu("foreign " + name, iso, log_path, cpu=cpu, timeout=timeout,
                          expect_tests=False, qemu=qemu_binary, **expect)
    try:
        with open(log_path, "rb") as f:
            text = f.read().decode("utf-8", "replace")
    except FileNotFoundError:
        text = ""
    return judge(name, host, s, text, log_path)


def run_foreign(build_dir, names=(), timeout=60.0, host_timeout=30.0, cpu="qemu64", jobs=None,
                sources=SOURCES, qemu_binary=qemu.QEMU,
                title="foreign: Linux programs not built with our libc, booted as init"):
    """Every tests/foreign program (or those named); returns a Section."""
    s = Section(title)
    start = time.monotonic()
    chosen, unknown = find_sources(sources, names)
    for n in unknown:
        s.problem("no foreign program called %s (no %s.c in %s)" % (n, n, sources))
    kernel = os.path.join(build_dir, "kernel.elf")
    if not chosen and not unknown:
        s.problem("no program in %s" % sources)
    elif not os.path.isfile(kernel):
        s.problem("no kernel at %s (build it first: make)" % kernel)
        chosen = []
    jobs = jobs or max(1, min(len(chosen), os.cpu_count() or 1))
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        s.programs = list(pool.map(lambda src: run_one(src, build_dir, kernel, timeout, host_timeout,
                                                       cpu, qemu_binary), chosen))
    s.seconds = time.monotonic() - start
    s.check_ran()
    return s
