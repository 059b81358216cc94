"""What the KTAP reader finds, and how it counts.

Counting, the same everywhere in the harness: each "ok"/"not ok" line of a
program is one test case (the runner's own lines are not counted). On top of
that one failure for each problem: no plan, more results than planned,
results out of order, "Bail out!", a runner "not ok" for a program whose own
results all passed (killed by a signal, bad exit status), a program that the
runner's plan promised but that never started. Every result missing from a
plan is one failed case.

A program that passes by dying (the fault_* programs) prints
`# expect: signal N` and then faults, never printing that case's result:
when it did die of signal N (the runner's `# killed by signal N as expected`,
or the host's wait status) that result counts as passed.

The kernel's leak check is one more case of each boot whose log has both
`Memory check at init start: ...` and `Memory check at init end: ...`:
"memory balanced at init end" passes when their numbers are the same.
"""

import dataclasses
import re


@dataclasses.dataclass
class Case:
    """One "ok"/"not ok" line of a program."""
    number: int
    ok: bool
    description: str
    directive: str = ""      # "SKIP", "TODO", "XFAIL" or ""
    reason: str = ""         # the directive's text
    line: str = ""           # the line as read
    lineno: int = 0          # 1-based line number in the log
    context: list = dataclasses.field(default_factory=list)  # lines before it

    @property
    def status(self):
        """"pass", "fail" or "skip" (TODO and XFAIL are expected failures)."""
        if self.directive == "SKIP":
            return "skip"
        if self.ok or self.directive in ("TODO", "XFAIL"):
            return "pass"
        return "fail"

    def key(self):
        """What the Linux comparison compares: status and description."""
        return (self.status, self.description)

    def render(self):
        s = "%s %d %s" % ("ok" if self.ok else "not ok", self.number, self.description)
        if self.directive:
            s += " # %s%s" % (self.directive, " " + self.reason if self.reason else "")
        return s.rstrip()


@dataclasses.dataclass
class Program:
    """The KTAP block of one test program."""
    name: str
    plan: int = None
    plan_skip: str = None    # reason of "1..0 # SKIP reason"
    header: bool = False     # a "KTAP version" line was seen
    announced: bool = False  # by the runner's "# selftests: SUITE: NAME"
    prefixed: bool = False   # its lines came as "# ok 1 ..."
    cases: list = dataclasses.field(default_factory=list)
    problems: list = dataclasses.field(default_factory=list)  # one failure each
    notes: list = dataclasses.field(default_factory=list)     # said, not counted
    runner_ok: bool = None   # the runner's "ok K selftests: ..." line
    runner_directive: str = ""
    tail: list = dataclasses.field(default_factory=list)      # lines after the last result
    ended_by: str = ""       # what cut the block short, if anything
    bailed: bool = False
    expect_signal: int = None  # "# expect: signal N"
    signal: int = None       # the signal it died of, when known

    @property
    def missing(self):
        if self.plan is None:
            return 0
        return max(0, self.plan - len(self.cases))

    @property
    def skipped_whole(self):
        """The whole program was skipped (1..0 # SKIP, or the runner said so)."""
        if self.plan == 0 and self.plan_skip is not None:
            return True
        return (not self.cases and self.runner_ok is not None
                and self.runner_directive.upper().startswith("SKIP"))

    def counts(self):
        """(passed, failed, skipped) test cases, problems counted as failures."""
        passed = sum(c.status == "pass" for c in self.cases)
        failed = sum(c.status == "fail" for c in self.cases)
        skipped = sum(c.status == "skip" for c in self.cases)
        if self.skipped_whole and not self.cases:
            skipped += 1
        return passed, failed + self.missing + len(self.problems), skipped

    @property
    def status(self):
        """"PASS", "FAIL", "CRASH" (incomplete) or "SKIP"."""
        passed, failed, skipped = self.counts()
        if self.missing or self.ended_by or self.bailed:
            return "CRASH"
        if failed:
            return "FAIL"
        if skipped and not passed:
            return "SKIP"
        return "PASS"


@dataclasses.dataclass
class Log:
    """Everything read from one log."""
    programs: list = dataclasses.field(default_factory=list)
    runner: bool = False          # a kselftest-style runner was seen
    runner_plan: int = None
    panic: list = None            # the panic line and a few after it
    panic_lineno: int = 0
    init_status: int = None       # "init exited: status N"
    init_signal: int = None       # "init killed: signal N"
    problems: list = dataclasses.field(default_factory=list)  # one failure each
    lines: int = 0
    memory: dict = dataclasses.field(default_factory=dict)    # "start"/"end" -> (lineno, text)

    def counts(self):
        passed = failed = skipped = 0
        for p in self.programs:
            a, b, c = p.counts()
            passed, failed, skipped = passed + a, failed + b, skipped + c
        return passed, failed + len(self.problems), skipped

    def program(self, name):
        for p in self.programs:
            if p.name == name:
                return p
        return None


# -- the kernel's leak check ------------------------------------------------------

MEMORY_PROGRAM = "memory check"
MEMORY_CASE = "memory balanced at init end"
_QUANTITY = re.compile(r"(\d+)\s+([^,]*)")


def memory_case(log, number=1):
    """The leak check of one boot (a Log) as a Case numbered number: passed
    when `Memory check at init end` gives the numbers of `... at init
    start`. None when the log lacks either line (an older kernel, a panic)."""
    if "start" not in log.memory or "end" not in log.memory:
        return None
    (ls, start), (le, end) = log.memory["start"], log.memory["end"]
    a = _QUANTITY.findall(start.split(":", 1)[1])
    b = _QUANTITY.findall(end.split(":", 1)[1])
    ok = bool(a) and a == b
    context = []
    if not ok:
        context = ["line %d: %s" % (ls, start), "line %d: %s" % (le, end)]
        if a and [x[1] for x in a] == [x[1] for x in b]:
            context.append("at the end: " + ", ".join(
                "%+d %s" % (int(y[0]) - int(x[0]), x[1].strip()) for x, y in zip(a, b)))
        elif not a:
            context.append("no numbers in the `at init start` line")
    return Case(number=number, ok=ok, description=MEMORY_CASE, line=end, lineno=le, context=context)


def memory_program(log):
    """memory_case(log) as a program of its own (for a boot's section), or None."""
    case = memory_case(log)
    if case is None:
        return None
    return Program(name=MEMORY_PROGRAM, plan=1, cases=[case])
