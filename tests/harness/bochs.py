"""Boot an ISO headless in Bochs and judge what the serial line said.

Bochs 2.7 as Debian builds it has no display-less GUI (nogui), no gdbstub,
and its internal debugger compiled in. A headless run is therefore

    bochs -q -f bochsrc -rc NAME.rc        (NAME.rc holds `c` and `quit`)

with the bochsrc of the repository root and the environment variables it
reads (bochs_env): `display_library: term`, COM1 written to a file, which
is the serial log itself.

- The term display of that build draws the VGA screen on a pseudo-terminal
  of its own (`Bochs connected to screen "/dev/pts/N"` on stderr) and
  stops, blocked, once that terminal's buffer is full (4 KB): a thread
  here opens that terminal and reads it, whether anyone looks or not.
- The serial file is read as it grows (shown with --stream); a `Kernel
  panic` line stops Bochs a moment later, no end within the timeout is a
  hang, as with QEMU.
- When init ends the kernel prints `init exited: status N` (or `init
  killed`) and powers off through ACPI (port 0xb004): Bochs ends by itself,
  saying "ACPI control: soft power off" on stderr. Its exit status is 1
  then and on its own errors alike, so it tells nothing: the serial line
  and Bochs's last words do. A Bochs still running POWEROFF_GRACE seconds
  after the end line did not power off: it is stopped, and that fails.
- Stopping: SIGINT hands control to the debugger, which runs the `quit`
  after `c` (SIGTERM is ignored by the term display); SIGKILL if that fails.

qemu.judge judges the run, as it judges QEMU's (Run.emulator "Bochs").

`make run-bochs` uses interactive(): the same bochsrc for a person, the
screen of the term display copied to this terminal (python3 -m
harness.bochs, from tests/).
"""

import argparse
import os
import re
import select
import signal
import subprocess
import sys
import threading
import time

from . import ktap
from .qemu import PANIC_GRACE, ROOT, Run, judge
from .report import Section

BOCHS = "bochs"
BOCHSRC = os.path.join(ROOT, "bochsrc")
# The CPU model when none is given: an Intel one (`bochs --help cpu`).
DEFAULT_CPU = "corei7_haswell_4770"
# Seconds Bochs has to power off after `init exited` / `init killed`.
POWEROFF_GRACE = 5.0
# Seconds between two looks at the serial file.
POLL = 0.05

SCREEN = re.compile(r'Bochs connected to screen "([^"]+)"')
END = re.compile(ktap._STAMP + r"init (exited: status -?\d+|killed: signal \d+)")
# Bochs's last words on stderr:
#   ========...
#   Bochs is exiting with the following message:
#   [ACPI  ] ACPI control: soft power off
EXITING = re.compile(r"^Bochs is exiting with the following message:\s*$")
POWER_OFF = "ACPI control: soft power off"


def bochs_env(iso, cpu, serial, log, display="term", serial_mode="file"):
    """The environment variables the bochsrc reads (all must be set)."""
    return {"BOCHS_ISO": os.path.abspath(iso), "BOCHS_CPU": cpu, "BOCHS_DISPLAY": display,
            "BOCHS_SERIAL_MODE": serial_mode, "BOCHS_SERIAL": serial,
            "BOCHS_LOG": os.path.abspath(log)}


def bochs_command(rc_file, bochsrc=BOCHSRC, extra=(), bochs=BOCHS):
    """The Bochs command line; extra: more bochsrc lines (`'cpuid: ...'`)."""
    return [bochs, "-q", "-f", bochsrc, "-rc", rc_file] + list(extra)


def last_words(stderr):
    """What Bochs said when it exited ("ACPI control: soft power off"), or ''."""
    lines = stderr.splitlines()
    for i, line in enumerate(lines):
        if EXITING.match(line) and i + 1 < len(lines):
            return re.sub(r"^\[[^\]]*\]\s*", "", lines[i + 1].strip())
    return ""


class _Screen(threading.Thread):
    """Reads Bochs's stderr; when it names the term display's pseudo-terminal,
    reads that terminal (to out, or nowhere) so that Bochs never blocks."""

    def __init__(self, pipe, out=None, on_open=None):
        super().__init__(daemon=True)
        self.pipe, self.out, self.on_open = pipe, out, on_open
        self.lines = []
        self.fd = None

    def run(self):
        for raw in self.pipe:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            self.lines.append(line)
            m = SCREEN.search(line)
            if m and self.fd is None:
                threading.Thread(target=self._read, args=(m.group(1),), daemon=True).start()

    def _read(self, path):
        try:
            fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
        except OSError:
            return
        self.fd = fd
        _raw(fd)
        if self.on_open:
            self.on_open(fd)
        while True:
            try:
                data = os.read(fd, 65536)
            except OSError:       # Bochs closed it (EIO)
                break
            if not data:
                break
            if self.out is not None:
                os.write(self.out, data)
        try:
            os.close(fd)
        except OSError:
            pass

    def text(self):
        return "\n".join(l for l in self.lines if not SCREEN.search(l))


def _raw(fd):
    """No echo, no line editing: the terminal passes bytes as they are."""
    import tty
    try:
        tty.setraw(fd)
    except Exception:     # not a terminal: nothing to set
        pass


def _stop(proc):
    """SIGINT (the debugger runs `quit`), then SIGKILL."""
    try:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=3)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class _SerialTail:
    """The serial file read as it grows, line by line: the end, a panic."""

    def __init__(self, path, stream):
        self.path, self.stream = path, stream
        self.f = None
        self.partial = b""
        self.panic_at = self.end_at = None

    def poll(self, final=False):
        if self.f is None:
            try:
                self.f = open(self.path, "rb")
            except FileNotFoundError:
                return
        data = self.f.read()
        if data:
            self.partial += data
            *lines, self.partial = self.partial.split(b"\n")
            for raw in lines:
                self._line(raw)
        if final:
            if self.partial:
                self._line(self.partial)
                self.partial = b""
            self.f.close()

    def _line(self, raw):
        line = ktap.clean_line(raw.decode("utf-8", "replace"))
        if self.stream:
            self.stream.write(line + "\n")
            self.stream.flush()
        if self.panic_at is None and ktap.PANIC.match(line):
            self.panic_at = time.monotonic()
        if self.end_at is None and END.match(line):
            self.end_at = time.monotonic()


def run_bochs(command, env, log_path, timeout, stream=None, panic_grace=PANIC_GRACE,
              poweroff_grace=POWEROFF_GRACE):
    """Run command (Bochs, COM1 to the file log_path, as env says) until it
    ends, hangs past timeout seconds, the kernel panics, or init ended and
    Bochs did not power off."""
    run = Run(command=list(command), log_path=log_path, emulator="Bochs")
    os.makedirs(os.path.dirname(os.path.abspath(log_path)), exist_ok=True)
    # A serial log of an earlier run must not be read as this one's.
    for path in (log_path, env.get("BOCHS_LOG")):
        if path and os.path.exists(path):
            os.remove(path)
    start = time.monotonic()
    try:
        proc = subprocess.Popen(command, env=dict(os.environ, **env), stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)
    except OSError as e:
        run.error = "cannot run %s: %s" % (command[0], e.strerror)
        return run
    screen = _Screen(proc.stderr)
    screen.start()
    out = []
    out_thread = threading.Thread(target=lambda: out.append(proc.stdout.read()), daemon=True)
    out_thread.start()
    serial = _SerialTail(log_path, stream)
    deadline = start + timeout
    try:
        while True:
            try:
                proc.wait(timeout=POLL)
                break
            except subprocess.TimeoutExpired:
                pass
            serial.poll()
            now = time.monotonic()
            if serial.panic_at is not None and now - serial.panic_at >= panic_grace:
                run.panicked = True
            elif serial.end_at is not None and now - serial.end_at >= poweroff_grace:
                run.problems.append("Bochs did not power off within %g s of init's end "
                                    "(ACPI PM1a control at 0xb004)" % poweroff_grace)
            elif now >= deadline:
                run.timed_out = True
            else:
                continue
            _stop(proc)
            break
    finally:
        if proc.returncode is None:
            proc.kill()
            proc.wait()
    if not os.path.exists(log_path):      # Bochs ended before it opened COM1
        open(log_path, "wb").close()
    serial.poll(final=True)
    screen.join(timeout=5)
    out_thread.join(timeout=5)
    run.seconds = time.monotonic() - start
    run.returncode = proc.returncode
    run.stderr = screen.text()
    run.said = last_words(run.stderr)
    # Bochs ends by an error of its own (a bad bochsrc, a missing ROM, a
    # CPU panic) when it ends unasked with other last words than the power-off.
    run.failed = not (run.timed_out or run.panicked or run.problems) and run.said != POWER_OFF
    return run


def boot_bochs(title, iso, log_path, cpu=DEFAULT_CPU, bochs_args=(), timeout=120.0,
               expect_exit=0, expect_signal=None, stream=None, bochs=BOCHS, bochsrc=BOCHSRC,
               expect_lines=None):
    """Boot iso in Bochs; returns (Section, Run). Bochs's own log is
    LOG_PATH without .log plus .bochs.log, its debugger commands .rc."""
    if not os.path.isfile(iso):
        s = Section(title)
        s.problem("no ISO at %s (build it first: make)" % iso)
        return s, None
    base = log_path[:-4] if log_path.endswith(".log") else log_path
    rc_file = base + ".rc"
    os.makedirs(os.path.dirname(os.path.abspath(rc_file)), exist_ok=True)
    with open(rc_file, "w") as f:
        f.write("c\nquit\n")
    env = bochs_env(iso, cpu, log_path, base + ".bochs.log")
    run = run_bochs(bochs_command(rc_file, bochsrc, bochs_args, bochs), env, log_path, timeout, stream)
    s = judge(title, run, expect_exit, expect_signal, timeout, expect_lines=expect_lines)
    s.notes.append("Bochs's log: %s" % env["BOCHS_LOG"])
    return s, run


# -- for a person: make run-bochs ---------------------------------------------

def interactive(iso, cpu, serial, log, display="term", bochs=BOCHS, bochsrc=BOCHSRC):
    """Bochs with the term display on this terminal (what `display_library:
    term` would do without the debugger build's own pseudo-terminal): the
    screen copied here, the keys copied there. Ctrl-] stops Bochs. COM1
    goes to the file serial. Returns Bochs's exit status."""
    import termios
    rc_file = os.path.splitext(log)[0] + ".rc"
    with open(rc_file, "w") as f:
        f.write("c\nquit\n")
    env = bochs_env(iso, cpu, serial, log, display)
    proc = subprocess.Popen(bochs_command(rc_file, bochsrc, (), bochs), env=dict(os.environ, **env),
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    tty_in = sys.stdin.fileno()
    saved = termios.tcgetattr(tty_in) if os.isatty(tty_in) else None

    def opened(fd):
        # The screen's size is ours (curses asks the terminal).
        try:
            import fcntl
            size = fcntl.ioctl(sys.stdout.fileno(), termios.TIOCGWINSZ, b"\0" * 8)
            fcntl.ioctl(fd, termios.TIOCSWINSZ, size)
        except OSError:
            pass

    screen = _Screen(proc.stderr, out=sys.stdout.fileno(), on_open=opened)
    screen.start()
    print("Bochs (%s): the screen follows; Ctrl-] stops it. COM1 goes to %s" % (cpu, serial))
    try:
        if saved is not None:
            _raw(tty_in)
        while proc.poll() is None:
            ready = select.select([tty_in], [], [], 0.1)[0] if saved is not None else []
            if saved is None:
                time.sleep(0.1)
            if ready:
                keys = os.read(tty_in, 1024)
                if b"\x1d" in keys:          # Ctrl-]
                    _stop(proc)
                    break
                if screen.fd is not None:
                    os.write(screen.fd, keys)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        if saved is not None:
            termios.tcsetattr(tty_in, termios.TCSADRAIN, saved)
        screen.join(timeout=2)
    said = last_words(screen.text())
    sys.stdout.write("\033[0m\nBochs ended%s. The serial console is in %s, Bochs's log in %s\n"
                     % (": " + said if said else "", serial, log))
    return proc.returncode


def main(argv=None):
    p = argparse.ArgumentParser(prog="python3 -m harness.bochs",
                                description="Bochs for a person, with the term display on this "
                                            "terminal (make run-bochs)")
    p.add_argument("--iso", required=True)
    p.add_argument("--cpu", default=DEFAULT_CPU, help="Bochs CPU model (default: %s)" % DEFAULT_CPU)
    p.add_argument("--serial", required=True, help="file for COM1")
    p.add_argument("--log", required=True, help="Bochs's own log")
    p.add_argument("--bochs", default=BOCHS, help="the Bochs command (default: bochs)")
    args = p.parse_args(argv)
    for path in (args.serial, args.log):
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    if not os.path.isfile(args.iso):
        sys.exit("no ISO at %s (build it first: make)" % args.iso)
    interactive(args.iso, args.cpu, args.serial, args.log, bochs=args.bochs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
