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
"""

import dataclasses


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
