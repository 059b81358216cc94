"""Boot an ISO headless in QEMU and judge what the serial line said.

QEMU runs with the serial port on its standard output; a thread copies it to
the log file as it comes (and to the terminal with --stream), so the log is
whole even when QEMU has to be killed. A "Kernel panic" line stops the run a
moment later (the kernel halts: waiting for the timeout would only cost
time); no end within the timeout is a hang.

How QEMU ends, and what it means:
    0              ACPI poweroff (port 0x604), or a triple fault (-no-reboot)
    (v << 1) | 1   the kernel wrote v to isa-debug-exit (init's status)
    killed by us   hang (timeout) or kernel panic
"""

import dataclasses
import os
import re
import socket
import subprocess
import threading
import time

from . import ktap, results
from .report import Section

QEMU = "qemu-system-x86_64"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MKISO = os.path.join(ROOT, "scripts", "mkiso.sh")
# Seconds of serial output still read after a "Kernel panic" line.
PANIC_GRACE = 1.0
# Lines of the log's end shown with a hang.
TAIL_LINES = 15


def qemu_command(iso, cpu="qemu64", memory="256M", extra=(), qemu=QEMU):
    """The QEMU command line of a test boot (TCG: KVM is not used)."""
    return [qemu, "-M", "pc", "-cpu", cpu, "-m", memory,
            "-cdrom", iso, "-boot", "d",
            "-display", "none", "-no-reboot",
            "-serial", "stdio",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-monitor", "none"] + list(extra)


def make_iso(out, kernel, initramfs, kernel_args, grub_timeout=None):
    """scripts/mkiso.sh; returns an error message or None. grub_timeout:
    seconds GRUB shows its menu (None: 0, the test runs' default)."""
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    env = dict(os.environ)
    if grub_timeout is not None:
        env["GRUB_TIMEOUT"] = str(grub_timeout)
    r = subprocess.run(["bash", MKISO, out, kernel, initramfs] + list(kernel_args),
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    if r.returncode != 0:
        return "scripts/mkiso.sh failed: " + r.stdout.decode("utf-8", "replace").strip()
    return None


@dataclasses.dataclass
class Run:
    """How one emulator run went."""
    command: list
    log_path: str
    returncode: int = None
    timed_out: bool = False
    panicked: bool = False        # stopped after a "Kernel panic" line
    seconds: float = 0.0
    stderr: str = ""
    error: str = ""               # the emulator could not be started
    emulator: str = "QEMU"        # "Bochs": the exit status tells nothing (bochs.py)
    said: str = ""                # Bochs's last words ("ACPI control: soft power off")
    failed: bool = False          # Bochs ended by an error of its own
    problems: list = dataclasses.field(default_factory=list)   # found by the runner


class _SerialReader(threading.Thread):
    """Copies the serial stream to the log (and the terminal), line by line
    watching for a kernel panic. Everything read so far is also kept in
    `seen` for a typist (_Typist) waiting for a prompt."""

    def __init__(self, pipe, log, stream):
        super().__init__(daemon=True)
        self.pipe, self.log, self.stream = pipe, log, stream
        self.panic_at = None
        self.partial = b""
        self.seen = ""
        self.changed = threading.Condition()

    def run(self):
        while True:
            chunk = os.read(self.pipe.fileno(), 65536)
            if not chunk:
                break
            self.log.write(chunk)
            self.log.flush()
            with self.changed:
                self.seen += chunk.decode("utf-8", "replace").replace("\r", "")
                self.changed.notify_all()
            self.partial += chunk
            *lines, self.partial = self.partial.split(b"\n")
            for raw in lines:
                self._line(raw)
        if self.partial:
            self._line(self.partial)

    def _line(self, raw):
        line = ktap.clean_line(raw.decode("utf-8", "replace"))
        if self.stream:
            self.stream.write(line + "\n")
            self.stream.flush()
        if self.panic_at is None and ktap.PANIC.match(line):
            self.panic_at = time.monotonic()


class _Typist(threading.Thread):
    """Types on the serial port (the emulator's stdin), as a person at a
    terminal would: each step (PATTERN, TEXT[, DELAY]) waits until the output since
    the previous step's match matches the regex PATTERN (None: no wait),
    then sends TEXT. A terminal's Enter is "\\r" (the tty's ICRNL makes it
    a newline). Steps that never see their pattern leave the rest untyped:
    the boot then hangs and the log shows where."""

    def __init__(self, pipe, reader, steps, step_timeout=30.0, monitor=None):
        super().__init__(daemon=True)
        self.pipe, self.reader, self.steps = pipe, reader, steps
        self.monitor = monitor  # QEMU's HMP socket, for "keys:" steps
        self.step_timeout = step_timeout
        self.stuck = None       # the pattern that never came

    def run(self):
        at = 0
        for step in self.steps:
            pattern, text = step[0], step[1]
            delay = step[2] if len(step) > 2 else 0.2
            if pattern is not None:
                rx = re.compile(pattern, re.M)
                deadline = time.monotonic() + self.step_timeout
                with self.reader.changed:
                    while True:
                        m = rx.search(self.reader.seen, at)
                        if m or time.monotonic() >= deadline:
                            break
                        self.reader.changed.wait(0.2)
                if not m:
                    self.stuck = pattern
                    return
                at = m.end()
            # The shell prints its prompt before it reads: give it time to
            # block in read() (typed bytes would wait in the tty anyway);
            # a third element waits longer (a program must be running
            # before its ^C).
            time.sleep(delay)
            if text is None:
                continue
            if text.startswith("keys:"):
                self._press(text[5:].split())
                continue
            try:
                self.pipe.write(text.encode())
                self.pipe.flush()
            except (BrokenPipeError, ValueError):
                return


    def _press(self, keys):
        """Keys pressed on the PS/2 keyboard: HMP `sendkey` (QEMU's names:
        a, shift-a, ctrl-c, spc, ret, backspace, minus, slash ...)."""
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                s.connect(self.monitor)
                s.settimeout(0.5)
                for key in keys:
                    s.sendall(("sendkey %s\n" % key).encode())
                    time.sleep(0.05)
                    try:
                        s.recv(65536)
                    except socket.timeout:
                        pass
        except OSError:
            pass


def _stop(proc):
    proc.terminate()
    try:
        proc.wait(timeout=3)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def run_emulator(command, log_path, timeout, stream=None, panic_grace=PANIC_GRACE, typing=None,
                 monitor=None):
    """Run command (an emulator with its serial port on stdout) until it
    exits, hangs past timeout seconds, or the kernel panics. typing: the
    (PATTERN, TEXT) steps of a _Typist on its stdin (the serial input)."""
    run = Run(command=list(command), log_path=log_path)
    os.makedirs(os.path.dirname(os.path.abspath(log_path)), exist_ok=True)
    start = time.monotonic()
    with open(log_path, "wb") as log:
        try:
            proc = subprocess.Popen(command, stdin=subprocess.PIPE if typing else subprocess.DEVNULL,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except OSError as e:
            run.error = "cannot run %s: %s" % (command[0], e.strerror)
            return run
        reader = _SerialReader(proc.stdout, log, stream)
        reader.start()
        typist = None
        if typing:
            typist = _Typist(proc.stdin, reader, typing, monitor=monitor)
            typist.start()
        err = []
        err_thread = threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True)
        err_thread.start()
        deadline = start + timeout
        while True:
            try:
                proc.wait(timeout=0.05)
                break
            except subprocess.TimeoutExpired:
                pass
            now = time.monotonic()
            if reader.panic_at is not None and now - reader.panic_at >= panic_grace:
                run.panicked = True
                _stop(proc)
                break
            if now >= deadline:
                run.timed_out = True
                _stop(proc)
                break
        reader.join(timeout=5)
        err_thread.join(timeout=5)
    run.seconds = time.monotonic() - start
    run.returncode = proc.returncode
    if typist and typist.stuck:
        run.problems.append("serial input: never saw /%s/ to type the next step" % typist.stuck)
    run.stderr = (err[0] if err else b"").decode("utf-8", "replace")
    return run


def _tail(path, n=TAIL_LINES):
    with open(path, "rb") as f:
        lines = [ktap.clean_line(l) for l in f.read().decode("utf-8", "replace").split("\n")]
    return [l for l in lines if l][-n:]


def judge(title, run, expect_exit=0, expect_signal=None, timeout=None, expect_tests=True,
          expect_panic=None, expect_lines=None):
    """Turn an emulator run and its serial log into a Section. With
    expect_tests False, a log without KTAP is no failure (a foreign program).
    expect_panic: regexes the log must match, in order, for a kernel panic
    that the boot provokes on purpose (trident.crash=null): then the panic
    is that boot's one passing case, and no panic is a failure."""
    if expect_panic:
        return judge_panic(title, run, expect_panic)
    s = Section(title, expect_tests=expect_tests)
    s.seconds = run.seconds
    if run.error:
        s.problem(run.error)
        return s
    qemu = run.emulator == "QEMU"
    if run.timed_out:
        eof = "hang: no end within %g s" % timeout
    elif run.panicked:
        eof = "kernel panic"
    elif qemu or not run.said:
        eof = "the serial log ends here (%s exit status %s)" % (run.emulator, run.returncode)
    else:
        eof = "the serial log ends here (%s: %s)" % (run.emulator, run.said)
    log = ktap.parse_file(run.log_path, eof_reason=eof)
    s.programs = log.programs
    for message in log.problems:
        details = log.panic[1:] if message.startswith("kernel panic") and log.panic else []
        s.problem(message, details)

    rc = run.returncode
    init_said = log.init_status is not None or log.init_signal is not None
    if qemu:
        # QEMU's own errors exit with 1 (like isa-debug-exit with 0, but with
        # a message on stderr) or another even status; a signal is not ours.
        qemu_died = not run.timed_out and not run.panicked and (
            rc < 0 or (rc != 0 and rc % 2 == 0) or (rc == 1 and not init_said and run.stderr.strip()))
        how = "killed by signal %d" % -rc if rc < 0 else "exit status %d" % rc
    else:
        # Bochs exits with 1 whatever happened: its last words tell.
        qemu_died = run.failed and not run.timed_out and not run.panicked
        how = run.said or ("killed by signal %d" % -rc if rc < 0 else "exit status %d" % rc)
    if run.timed_out and log.panic is None:
        s.problem("hang: %s killed after %g s" % (run.emulator, timeout),
                  ["last lines of the serial log:"] + ["  " + l for l in _tail(run.log_path)])
    elif qemu_died:
        s.problem("%s failed (%s)" % (run.emulator, how), run.stderr.strip().splitlines()[-10:])
    for message in run.problems:
        s.problem(message)

    # What init did, against what was expected.
    crashed = run.timed_out or log.panic is not None
    if log.init_signal is not None:
        if expect_signal is None:
            s.problem("init killed: signal %d (expected init exited: status %d)" % (log.init_signal, expect_exit))
        elif log.init_signal != expect_signal:
            s.problem("init killed: signal %d (expected signal %d)" % (log.init_signal, expect_signal))
        else:
            s.notes.append("init killed: signal %d, as expected" % log.init_signal)
    elif log.init_status is not None:
        if expect_signal is not None:
            s.problem("init exited: status %d (expected init killed: signal %d)" % (log.init_status, expect_signal))
        elif log.init_status != expect_exit:
            s.problem("init exited: status %d (expected %d)" % (log.init_status, expect_exit))
        else:
            s.notes.append("init exited: status %d, as expected" % log.init_status)
        # isa-debug-exit makes QEMU exit with (status << 1) | 1; 0 is the
        # ACPI poweroff. Both must agree with the serial line.
        if qemu and not crashed and rc is not None and rc % 2 == 1 and (rc >> 1) != (log.init_status & 0x7f):
            s.problem("isa-debug-exit says status %d, the serial line says %d" % (rc >> 1, log.init_status))
    elif not crashed and not qemu_died:
        if not qemu:
            how = "%s exited (%s)" % (run.emulator, how)
        elif rc == 0:
            how = "QEMU exited with status 0: ACPI poweroff or a triple fault (-no-reboot)"
        else:
            how = "QEMU exited through isa-debug-exit with %d" % (rc >> 1)
        s.problem("no `init exited` or `init killed` line on the serial console; " + how,
                  ["last lines of the serial log:"] + ["  " + l for l in _tail(run.log_path)])
    s.notes.append("serial log: %s" % run.log_path)
    s.check_ran()
    # The leak check counts, but is not "a test ran".
    memory = results.memory_program(log)
    if memory:
        s.programs.append(memory)
    if expect_lines:
        s.programs.append(lines_program(run.log_path, expect_lines))
    return s


def lines_program(log_path, patterns):
    """One case per regex that some line of the serial log must match (the
    kernel's own output: the syscall tracer's lines, the boot banner)."""
    try:
        with open(log_path, "rb") as f:
            lines = f.read().decode("utf-8", "replace").splitlines()
    except FileNotFoundError:
        lines = []
    cases = []
    for n, pattern in enumerate(patterns, 1):
        rx = re.compile(pattern)
        hit = next((l for l in lines if rx.search(l)), None)
        case = results.Case(number=n, ok=hit is not None, description="log line /%s/" % pattern)
        if hit is None:
            case.context = ["no line of the serial log matches"]
        cases.append(case)
    return results.Program(name="expected log lines", plan=len(cases), cases=cases)


def judge_panic(title, run, patterns):
    """A boot that must end in a kernel panic with these lines, in order."""
    s = Section(title)
    s.seconds = run.seconds
    if run.error:
        s.problem(run.error)
        return s
    try:
        with open(run.log_path, "rb") as f:
            lines = f.read().decode("utf-8", "replace").splitlines()
    except FileNotFoundError:
        lines = []
    at, missing = 0, None
    for pattern in patterns:
        rx = re.compile(pattern)
        while at < len(lines) and not rx.search(lines[at]):
            at += 1
        if at == len(lines):
            missing = pattern
            break
        at += 1
    case = results.Case(number=1, ok=missing is None,
                        description="the provoked kernel fault prints a register dump and panics")
    if missing:
        case.context = ["no line matching %r (in order) in the serial log" % missing] + \
            ["last lines:"] + ["  " + l for l in _tail(run.log_path)]
    s.programs = [results.Program(name="kernel oops", plan=1, cases=[case])]
    s.notes.append("serial log: %s" % run.log_path)
    return s


def boot_qemu(title, iso, log_path, cpu="qemu64", memory="256M", qemu_args=(), timeout=60.0,
              expect_exit=0, expect_signal=None, stream=None, qemu=QEMU, expect_tests=True,
              expect_panic=None, expect_lines=None, typing=None):
    """Boot iso in QEMU; returns (Section, Run)."""
    if not os.path.isfile(iso):
        s = Section(title)
        s.problem("no ISO at %s (build it first: make)" % iso)
        return s, None
    monitor = None
    if typing and any(isinstance(st[1], str) and st[1].startswith("keys:") for st in typing):
        # The keyboard is typed on through QEMU's monitor (HMP sendkey).
        monitor = os.path.abspath(log_path) + ".monitor"
        if os.path.exists(monitor):
            os.unlink(monitor)
        qemu_args = list(qemu_args) + ["-monitor", "unix:%s,server=on,wait=off" % monitor]
    command = qemu_command(iso, cpu, memory, qemu_args, qemu)
    run = run_emulator(command, log_path, timeout, stream, typing=typing, monitor=monitor)
    if typing:
        expect_tests = False    # a shell session: its expect_lines are the cases
    return judge(title, run, expect_exit, expect_signal, timeout, expect_tests, expect_panic,
                 expect_lines), run
