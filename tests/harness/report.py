"""Sections of results and the summary the harness prints.

A section is one run: the unit tests, one boot, the host run, the
comparison. It holds the programs read from KTAP and the problems found
around them (a hang, a panic, a wrong exit status, a difference from Linux),
each problem one failure. The last line the harness prints is the one line
`N passed, N failed` (`, N skipped` when some were), which CI reads.
"""

import dataclasses
import sys


@dataclasses.dataclass
class Problem:
    """Something that went wrong outside a test case: one failure."""
    message: str
    details: list = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Section:
    title: str
    programs: list = dataclasses.field(default_factory=list)   # ktap.Program
    problems: list = dataclasses.field(default_factory=list)   # Problem
    notes: list = dataclasses.field(default_factory=list)      # str, not counted
    seconds: float = None
    expect_tests: bool = True     # no test case at all is a failure
    passes: int = 0               # checks that passed outside any program (comparisons)

    def problem(self, message, details=()):
        self.problems.append(Problem(message, list(details)))

    def counts(self):
        passed, failed, skipped = self.passes, 0, 0
        for p in self.programs:
            a, b, c = p.counts()
            passed, failed, skipped = passed + a, failed + b, skipped + c
        return passed, failed + len(self.problems), skipped

    def check_ran(self):
        """Make "no test ran" a failure of this section."""
        passed, failed, skipped = self.counts()
        if self.expect_tests and passed + failed + skipped == 0:
            self.problem("no test ran")


def totals_line(passed, failed, skipped):
    """The closing line: exactly `N passed, N failed[, N skipped]`."""
    line = "%d passed, %d failed" % (passed, failed)
    if skipped:
        line += ", %d skipped" % skipped
    return line


def _counts_words(passed, failed, skipped):
    words = []
    if passed:
        words.append("%d passed" % passed)
    if failed:
        words.append("%d failed" % failed)
    if skipped:
        words.append("%d skipped" % skipped)
    return ", ".join(words) or "nothing"


class Printer:
    """Prints sections as they finish, then the totals."""

    def __init__(self, out=None):
        self.out = out or sys.stdout
        self.sections = []

    def say(self, text=""):
        print(text, file=self.out, flush=True)

    def section(self, s):
        self.sections.append(s)
        when = " (%.1f s)" % s.seconds if s.seconds is not None else ""
        self.say("== %s%s" % (s.title, when))
        width = max([len(p.name) for p in s.programs] + [20])
        for p in s.programs:
            self._program(p, width)
        for pr in s.problems:
            self.say("   %-6s %s" % ("FAIL", pr.message))
            for d in pr.details:
                self.say("            %s" % d)
        for n in s.notes:
            self.say("   %s" % n)
        self.say()

    def _program(self, p, width):
        passed, failed, skipped = p.counts()
        extra = "; ".join(p.notes + ([p.ended_by] if p.ended_by and p.ended_by not in p.notes else []))
        self.say("   %-6s %-*s %s%s" % (p.status, width, p.name, _counts_words(passed, failed, skipped),
                                       "  (%s)" % extra if extra else ""))
        for c in p.cases:
            if c.status != "fail":
                continue
            self.say("          %s" % c.render())
            for line in c.context:
                self.say("            %s" % line)
        for pr in p.problems:
            self.say("          %s" % pr)
        if p.missing or p.ended_by or p.problems:
            if p.tail:
                self.say("          last lines of %s:" % p.name)
                for line in p.tail:
                    self.say("            %s" % line)

    def totals(self):
        """Print the recap and the closing line; return the exit status."""
        passed = failed = skipped = 0
        if len(self.sections) > 1:
            self.say("== summary")
            self.say("   %5s %5s %5s  %s" % ("pass", "fail", "skip", "section"))
        for s in self.sections:
            a, b, c = s.counts()
            passed, failed, skipped = passed + a, failed + b, skipped + c
            if len(self.sections) > 1:
                self.say("   %5d %5d %5d  %s" % (a, b, c, s.title))
        if passed + failed + skipped == 0:
            self.say("no test ran")
            failed = 1
        self.say(totals_line(passed, failed, skipped))
        return 1 if failed else 0
