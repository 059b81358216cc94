"""Read KTAP (Linux kselftest format) from a serial log or a program's output.

What a Trident serial log looks like:

    <GRUB's screen escapes, "Booting `Trident'", kernel messages>
    KTAP version 1                          the runner (init): one test per program
    1..2
    # selftests: trident: getpid_64         announces a program
    KTAP version 1                          the program's own KTAP
    1..3
    ok 1 what does getpid return?
    [    0.1] a kernel line                 printk may come in between
    # expected 1, got 0                     diagnostics of the next result
    not ok 2 is the pid stable?
    ok 3 is x32 there? # SKIP x32 is off
    # Totals: pass:1 fail:1 ...             ignored
    not ok 1 selftests: trident: getpid_64 # exit=1
    # selftests: trident: int80_32
    ...
    Memory check at init end: ...           the kernel's leak check (below)
    init exited: status 0                   the kernel, when init ends

A program's lines may also come prefixed by "# " (how Linux's run_kselftest.sh
shows them), and output without a runner (one program run on the host, or
programs run one after the other) is read too: each "KTAP version" line
after a finished block starts a new program.

What is read is kept as results.Case, results.Program and results.Log,
which also say how it counts.
"""

import re

from .results import Case, Log, Program  # noqa: F401 (also for callers)

# Escape sequences of a terminal (GRUB clears the screen on the serial line).
_ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[@-Z\\-_])")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

_HEADER = re.compile(r"^(KTAP|TAP) version (\d+)\s*$")
_PLAN = re.compile(r"^1\.\.(\d+)\s*(?:#\s*(.*))?$")
_RESULT = re.compile(r"^(not ok|ok)\b\s*(\d+)?\s*(?:-\s*)?(.*)$")
_DIRECTIVE = re.compile(r"^(.*?)\s*(?<!\\)#\s*(SKIP|TODO|XFAIL)\b\s*(.*)$", re.I)
_ANNOUNCE = re.compile(r"^# selftests: (\S+): (\S+)\s*$")
_RUNNER_RESULT = re.compile(r"^(not ok|ok) (\d+) selftests: (\S+): (\S+)\s*(?:#\s*(.*))?$")
_BAIL = re.compile(r"^Bail out!\s*(.*)$")
_TOTALS = re.compile(r"^#\s*Totals:")
# A program that passes by dying says so first (userland/include/ktap.h).
_EXPECT_SIGNAL = re.compile(r"^#\s*expect: signal (\d+)\s*$")
_KILLED_BY = re.compile(r"killed by signal (\d+)")
# Kernel lines, possibly after a printk time stamp "[    1.234567] ".
_STAMP = r"^(?:\[\s*[0-9.]+\]\s*)?"
PANIC = re.compile(_STAMP + r"Kernel panic\b")     # also read by qemu.py
_INIT_EXITED = re.compile(_STAMP + r"init exited: status (-?\d+)")
_INIT_KILLED = re.compile(_STAMP + r"init killed: signal (\d+)")
# The kernel's leak check (kernel/pmm.c memory_check_print), printed even
# with `quiet` when init starts and when it ends: `Memory check at init
# start: N pages free or in the heap, B heap bytes in use`. Searched, not
# matched: output without a final newline runs into it.
MEMORY_CHECK = re.compile(r"Memory check at init (start|end):(.*)$")

# How many lines before a failure are shown with it.
CONTEXT_LINES = 12


def clean_line(raw):
    """One line as a terminal would show it: no escapes, no carriage returns."""
    line = _ESCAPES.sub("", raw)
    # A carriage return goes back to the line's start: what follows the last
    # one overwrites what came before ("\rtext\r" is "text").
    parts = [p for p in line.split("\r") if p]
    line = parts[-1] if parts else ""
    return _CONTROLS.sub("", line).rstrip()


class _Parser:
    def __init__(self, default_name):
        self.default_name = default_name
        self.log = Log()
        self.cur = None          # the program whose block is open
        self.context = []        # lines since the last result of cur
        self.outside = []        # lines seen outside any program
        self.after_panic = None  # collecting lines after a panic

    # -- programs ------------------------------------------------------

    def _unnamed(self):
        n = len(self.log.programs) + 1
        if self.default_name:
            return self.default_name if n == 1 else "%s#%d" % (self.default_name, n)
        return "program %d" % n

    def _open(self, name, announced):
        self._close("")
        p = Program(name=name, announced=announced)
        self.log.programs.append(p)
        self.cur = p
        self.context = [] if announced else list(self.outside[-CONTEXT_LINES:])
        return p

    def _close(self, why):
        if self.cur is None:
            return
        if why and (self.cur.missing or self.cur.plan is None):
            self.cur.ended_by = why
        self.cur.tail = list(self.context[-CONTEXT_LINES:])
        self.cur = None
        self.context = []

    def _block_done(self, p):
        """Has p got all its results (so a new header starts a new program)?"""
        return p.plan is not None and len(p.cases) >= p.plan and (p.cases or p.plan == 0)

    # -- lines ----------------------------------------------------------

    def feed(self, lineno, line):
        m = MEMORY_CHECK.search(line)
        if m and m.group(1) not in self.log.memory:
            self.log.memory[m.group(1)] = (lineno, m.group(0))
        if line and self.after_panic is not None and len(self.after_panic) < CONTEXT_LINES:
            self.after_panic.append(line)

        if PANIC.match(line):
            if self.log.panic is None:
                self.log.panic = [line]
                self.after_panic = self.log.panic
                self.log.panic_lineno = lineno
                self.log.problems.append("kernel panic (line %d): %s" % (lineno, line))
            if self.cur is not None:
                self.context.append(line)
                self._close("kernel panic")
            return
        m = _INIT_EXITED.match(line) or _INIT_KILLED.match(line)
        if m:
            if self.log.init_status is None and self.log.init_signal is None:
                if m.re is _INIT_EXITED:
                    self.log.init_status = int(m.group(1))
                else:
                    self.log.init_signal = int(m.group(1))
            self._close(line)
            return

        m = _ANNOUNCE.match(line)
        if m:
            self.log.runner = True
            self._adopt_runner_header()
            self._open(m.group(2), announced=True)
            return
        m = _RUNNER_RESULT.match(line)
        if m:
            self._runner_result(m)
            return

        text = line
        if self.cur is not None and self.cur.announced and not self.cur.header \
                and not self.cur.cases and line.startswith("# ") \
                and _HEADER.match(line[2:]):
            self.cur.prefixed = True
        if self.cur is not None and self.cur.prefixed:
            if line.startswith("# "):
                text = line[2:]
            elif line == "#":
                text = ""
            else:
                self._other(line)      # a kernel line in between
                return

        if _HEADER.match(text):
            cur = self.cur
            if cur is not None and not cur.header and not cur.cases and cur.plan is None:
                cur.header = True      # an announced program starts
            else:
                # A new program begins, after a finished one or after
                # a program that stopped short.
                if cur is not None and not self._block_done(cur):
                    self._close("another KTAP block began (line %d)" % lineno)
                self._open(self._unnamed(), announced=False).header = True
            return
        m = _PLAN.match(text)
        if m:
            if self.cur is None:
                self._open(self._unnamed(), announced=False)
            if self.cur.plan is None:
                self.cur.plan = int(m.group(1))
                if m.group(2) and m.group(2).upper().startswith("SKIP"):
                    self.cur.plan_skip = m.group(2)[4:].strip()
            else:
                self.cur.problems.append("a second plan: %s (line %d)" % (text, lineno))
            return
        m = _RESULT.match(text)
        if m:
            self._result(m, lineno, line)
            return
        m = _BAIL.match(text)
        if m and (self.cur is None or (not self.cur.announced and not self.cur.cases
                                       and self.cur.plan is None)):
            # The runner itself gave up before its plan (init cannot list
            # /tests, say): the header seen so far was its own.
            if self.cur is not None:
                self.log.programs.remove(self.cur)
                self.cur, self.context = None, []
            self.log.problems.append("Bail out! %s (line %d)" % (m.group(1), lineno))
            return
        if m and self.cur is not None:
            self.cur.bailed = True
            self.cur.problems.append("Bail out! %s" % m.group(1))
            self.context.append(line)
            self._close("Bail out!")
            return
        if _TOTALS.match(text):
            return
        m = _EXPECT_SIGNAL.match(text)
        if m and self.cur is not None:
            self.cur.expect_signal = int(m.group(1))
        # Anything else (kernel lines, diagnostics, indented KTAP subtests)
        # is context for the next failure.
        self._other(line)

    def _other(self, line):
        if not line:
            return
        if self.cur is not None:
            self.context.append(line)
            del self.context[:-CONTEXT_LINES * 4]
        else:
            self.outside.append(line)
            del self.outside[:-CONTEXT_LINES]

    def _result(self, m, lineno, line):
        if self.cur is None:
            self._open(self._unnamed(), announced=False)
        p = self.cur
        number = int(m.group(2)) if m.group(2) else len(p.cases) + 1
        description, directive, reason = m.group(3).strip(), "", ""
        d = _DIRECTIVE.match(description)
        if d:
            description, directive, reason = d.group(1).strip(), d.group(2).upper(), d.group(3).strip()
        expected = len(p.cases) + 1
        if number != expected and not any(x.startswith("results out of order") for x in p.problems):
            p.problems.append("results out of order: %d where %d was expected (line %d)"
                              % (number, expected, lineno))
        if p.plan is not None and len(p.cases) == p.plan:
            p.problems.append("more results than the plan's %d (line %d)" % (p.plan, lineno))
        p.cases.append(Case(number=number, ok=m.group(1) == "ok", description=description,
                            directive=directive, reason=reason, line=line, lineno=lineno,
                            context=[c for c in self.context[-CONTEXT_LINES:]]))
        self.context = []

    def _adopt_runner_header(self):
        """A block with a plan and no results just before the first
        "# selftests:" line was the runner's own header and plan."""
        if self.log.runner_plan is None and self.cur is not None and not self.cur.cases \
                and not self.cur.announced and len(self.log.programs) == 1:
            self.log.runner_plan = self.cur.plan
            self.log.programs.pop()
            self.cur = None
            self.context = []

    def _runner_result(self, m):
        self.log.runner = True
        name = m.group(4)
        p = self.cur if self.cur is not None and self.cur.name == name else self.log.program(name)
        if p is None:
            # The runner reports a program that printed nothing at all.
            self._adopt_runner_header()
            p = self._open(name, announced=True)
        self._close("")
        p.runner_ok = m.group(1) == "ok"
        p.runner_directive = (m.group(5) or "").strip()
        k = _KILLED_BY.search(p.runner_directive)
        if k:
            p.signal = int(k.group(1))

    def finish(self, eof_reason, killed_by=None):
        self._close(eof_reason)
        log = self.log
        if killed_by is not None and log.programs:
            log.programs[-1].signal = killed_by
        for p in log.programs:
            if p.skipped_whole:
                continue
            if p.expect_signal is not None and p.signal == p.expect_signal and p.missing:
                # Its death was its next result.
                p.cases.append(Case(number=len(p.cases) + 1, ok=True,
                                    description="killed by signal %d, as expected" % p.signal))
                p.ended_by = ""
            if p.plan is None:
                if p.cases or p.header:
                    p.problems.append("no plan (1..N) line")
                else:
                    p.problems.append("no KTAP output")
            elif p.missing:
                p.notes.append("%d of %d results missing" % (p.missing, p.plan))
            if p.runner_ok is False:
                why = p.runner_directive or "no reason given"
                if p.counts()[1] == 0:
                    p.problems.append("runner: not ok (%s)" % why)
                else:
                    p.notes.append("runner: not ok (%s)" % why)
            elif p.runner_ok is None and log.runner:
                p.notes.append("no runner result for it")
        if log.runner_plan is not None and len(log.programs) < log.runner_plan:
            for k in range(len(log.programs) + 1, log.runner_plan + 1):
                log.problems.append("program %d of %d never started" % (k, log.runner_plan))
        return log


def parse_lines(lines, default_name=None, eof_reason="the output ends here", killed_by=None):
    """Parse an iterable of raw lines (str); returns a Log.

    default_name names programs that no runner announced; eof_reason says
    why a program cut short at the end stopped; killed_by is the signal
    that killed the (last) program, when the caller knows it."""
    parser = _Parser(default_name)
    n = 0
    for n, raw in enumerate(lines, 1):
        parser.feed(n, clean_line(raw))
    parser.log.lines = n
    return parser.finish(eof_reason, killed_by)


def parse_text(text, default_name=None, eof_reason="the output ends here", killed_by=None):
    return parse_lines(text.split("\n"), default_name, eof_reason, killed_by)


def parse_file(path, default_name=None, eof_reason="the log ends here", killed_by=None):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", "replace")
    return parse_text(text, default_name, eof_reason, killed_by)
