"""Run programs that print KTAP on the host: the conformance programs on
Linux (the reference), and the unit tests' run.sh scripts.

A program is judged like Linux's kselftest runner judges it: its KTAP, then
its exit status (0 pass, 4 skip, anything else fail) or the signal that
killed it. A status that says "failed" when no test case did is one failure;
so is a hang (killed after the timeout).
"""

import concurrent.futures
import errno
import glob
import os
import resource
import signal
import subprocess
import time

from . import ktap
from .report import Section

KSFT_SKIP = 4
TAIL_LINES = 15


def _kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def no_core_dumps():
    """The fault_* programs die on purpose: no core files in the tree. Set
    in the harness itself, which its children inherit (a preexec_fn is not
    safe with the threads that run programs side by side)."""
    if resource.getrlimit(resource.RLIMIT_CORE) != (0, 0):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_program(name, command, log_path, timeout, cwd=None):
    """Run command (its stdout and stderr both go to log_path) and parse its
    KTAP. Returns (programs, problems, notes): the ktap.Programs read and
    report.Problem-like (message, details) tuples."""
    os.makedirs(os.path.dirname(os.path.abspath(log_path)), exist_ok=True)
    problems, notes = [], []
    no_core_dumps()
    with open(log_path, "wb") as log:
        try:
            # A session of its own, so a timeout ends its children too.
            proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log,
                                    stderr=subprocess.STDOUT, cwd=cwd, start_new_session=True)
        except OSError as e:
            if e.errno == errno.ENOEXEC:
                # An x32 program on a kernel without x32, say.
                p = ktap.Program(name=name, plan=0, plan_skip="this host cannot run it: %s" % e.strerror)
                return [p], [], ["%s: skipped, this host cannot run it (%s)" % (name, e.strerror)]
            return [], [("%s: cannot run %s: %s" % (name, command[0], e.strerror), [])], []
        timed_out = False
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            _kill_group(proc)
            proc.wait()
    rc = proc.returncode
    if timed_out:
        end = "hang: killed after %g s" % timeout
    elif rc < 0:
        sig = signal.Signals(-rc).name if -rc in signal.valid_signals() else "?"
        end = "killed by signal %d (%s)" % (-rc, sig)
    else:
        end = "exit status %d" % rc
    log = ktap.parse_file(log_path, default_name=name, eof_reason=end,
                          killed_by=-rc if rc is not None and rc < 0 and not timed_out else None)
    programs = log.programs
    problems += [(m, []) for m in log.problems]
    failed = sum(p.counts()[1] for p in programs) + len(problems)
    last = _tail(log_path)
    tail = ["last lines of its output:"] + ["  " + l for l in last]
    # A fault_* program that died of the signal it announced passed.
    expected = (not timed_out and rc < 0 and bool(programs)
                and programs[-1].expect_signal == -rc)
    crashed = timed_out or (rc < 0 and not expected)

    # The exit judged like kselftest's runner: one failure when it is the
    # only sign that something went wrong (and always for a hang).
    bad = None
    if timed_out:
        bad = end
    elif crashed or (rc not in (0, KSFT_SKIP) and not expected):
        if failed == 0:
            bad = end if crashed else "exit status %d, but no test case failed" % rc
    if bad and programs:
        programs[-1].problems.append(bad)
    elif bad:
        problems.append(("%s: %s" % (name, bad), tail))
    for p in programs:
        if crashed and p is programs[-1]:
            p.ended_by = p.ended_by or end
        if p.missing or p.ended_by or p.problems:
            p.tail = p.tail or last
    if not programs and not bad:
        problems.append(("%s: no KTAP output (%s)" % (name, end), tail))
    for p in programs:
        if p.status not in ("PASS", "SKIP"):
            p.notes.append("log: %s" % log_path)
    return programs, problems, notes


def _tail(path, n=TAIL_LINES):
    with open(path, "rb") as f:
        lines = [ktap.clean_line(l) for l in f.read().decode("utf-8", "replace").split("\n")]
    return [l for l in lines if l][-n:]


def is_elf(path):
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def find_binaries(paths):
    """The test programs among paths: files as given, and the executable
    ELF files directly in each directory (sorted)."""
    found, missing = [], []
    for path in paths:
        if os.path.isdir(path):
            for f in sorted(os.listdir(path)):
                full = os.path.join(path, f)
                if os.path.isfile(full) and os.access(full, os.X_OK) and is_elf(full):
                    found.append(full)
        elif os.path.isfile(path):
            found.append(path)
        else:
            missing.append(path)
    return found, missing


def run_host(paths, log_dir, timeout=30.0, title="host: the programs on this Linux"):
    """Run each test program on the host kernel; returns a Section."""
    s = Section(title)
    start = time.monotonic()
    binaries, missing = find_binaries(paths)
    for m in missing:
        s.problem("no such file or directory: %s" % m)
    if not binaries and not missing:
        s.problem("no test program found in %s" % " ".join(paths))
    for path in binaries:
        name = os.path.basename(path)
        programs, problems, notes = run_program(
            name, [os.path.abspath(path)], os.path.join(log_dir, name + ".log"), timeout)
        s.programs += programs
        for message, details in problems:
            s.problem(message, details)
        s.notes += notes
    s.seconds = time.monotonic() - start
    s.check_ran()
    return s


def run_unit(root, out_dir, names=(), timeout=300.0, title="unit: host unit tests", jobs=None):
    """Run every tests/unit/*/run.sh (each prints KTAP, exits non-zero on
    failure, and gets its own output directory as $1), jobs at a time (one
    per CPU by default: they are independent); returns a Section."""
    s = Section(title)
    start = time.monotonic()
    scripts = sorted(glob.glob(os.path.join(root, "tests", "unit", "*", "run.sh")))
    if names:
        scripts = [x for x in scripts if os.path.basename(os.path.dirname(x)) in names]
        found = {os.path.basename(os.path.dirname(x)) for x in scripts}
        for n in names:
            if n not in found:
                s.problem("no unit tests called %s (no tests/unit/%s/run.sh)" % (n, n))
    if not scripts and not names:
        s.problem("no tests/unit/*/run.sh under %s" % os.path.abspath(root))

    def run(script):
        name = os.path.basename(os.path.dirname(script))
        out = os.path.abspath(os.path.join(out_dir, name))
        os.makedirs(out, exist_ok=True)
        return run_program("unit/" + name, ["bash", os.path.abspath(script), out],
                           os.path.join(out_dir, name + ".log"), timeout, cwd=root)

    jobs = jobs or max(1, min(len(scripts), os.cpu_count() or 1))
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for programs, problems, notes in pool.map(run, scripts):     # in the scripts' order
            s.programs += programs
            for message, details in problems:
                s.problem(message, details)
            s.notes += notes
    s.seconds = time.monotonic() - start
    s.check_ran()
    return s
