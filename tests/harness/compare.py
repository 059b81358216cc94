"""Compare the same programs' results on Linux (the host) and on Trident.

Every program of ours is also a valid static Linux program, and Linux is
the reference: for each program that ran completely on both kernels, the
sequence of its result lines (status and description, not the diagnostics)
must be the same. A difference is a failure unless the allow-list accepts it.

The allow-list (tests/linux-differences.txt) has one accepted difference a
line, tab-separated, `#` starts a comment:

    PROGRAM<TAB>LINE-REGEX<TAB>REASON

PROGRAM is a program's name or a glob (`*_x32`); LINE-REGEX is searched in
the differing result line of either side, as printed (`not ok 3 what ...`
with its `# SKIP reason`); REASON is shown in the summary.
"""

import dataclasses
import difflib
import fnmatch
import itertools
import re

from .report import Section

COLUMN = 56


@dataclasses.dataclass
class Allowed:
    program: str
    regex: re.Pattern
    reason: str
    where: str            # FILE:LINE
    used: int = 0

    def accepts(self, name, lines):
        return fnmatch.fnmatchcase(name, self.program) and any(
            line is not None and self.regex.search(line) for line in lines)


def load_allowlist(path):
    """Returns (entries, errors); a missing file is an empty list."""
    entries, errors = [], []
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        return entries, errors
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        where = "%s:%d" % (path, n)
        if len(fields) != 3 or not all(x.strip() for x in fields):
            errors.append("%s: not PROGRAM<TAB>LINE-REGEX<TAB>REASON: %r" % (where, line))
            continue
        try:
            regex = re.compile(fields[1])
        except re.error as e:
            errors.append("%s: bad regex %r: %s" % (where, fields[1], e))
            continue
        entries.append(Allowed(fields[0].strip(), regex, fields[2].strip(), where))
    return entries, errors


def _cut(text, width=COLUMN):
    return text if len(text) <= width else text[:width - 3] + "..."


def _shown(line):
    if line is None:
        return "(none)"
    return _cut(line) if line else "(empty line)"


def side_by_side(pairs, left="Linux (host)", right="Trident"):
    """(left, right) line pairs in two columns under a heading; a missing
    side (None) shows as "(none)"."""
    return ["%-*s | %s" % (COLUMN, left, right)] + [
        "%-*s | %s" % (COLUMN, _shown(a), _shown(b)) for a, b in pairs]


def diff_program(name, host, trident, allowlist):
    """Differences of two ktap.Programs' result lines: a list of
    (host_line, trident_line, reason) where a missing side is None and
    reason is None when no allow-list entry accepts it."""
    a = [c.key() for c in host.cases]
    b = [c.key() for c in trident.cases]
    diffs = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        for hc, tc in itertools.zip_longest(host.cases[i1:i2], trident.cases[j1:j2]):
            lines = (hc.render() if hc else None, tc.render() if tc else None)
            reason = None
            for entry in allowlist:
                if entry.accepts(name, lines):
                    entry.used += 1
                    reason = entry.reason
                    break
            diffs.append((lines[0], lines[1], reason))
    return diffs


def compare(host_programs, trident_programs, allowlist, allow_errors=(),
            title="compare: Linux (host) and Trident"):
    """Compare programs by name; returns a Section."""
    s = Section(title, expect_tests=False)
    for e in allow_errors:
        s.problem(e)
    trident = {p.name: p for p in trident_programs}
    host = {p.name: p for p in host_programs}
    compared = same = accepted = 0
    left_out = {}      # why -> names
    for name, hp in host.items():
        tp = trident.get(name)
        why = None
        if tp is None:
            why = "not in the Trident log"
        elif hp.skipped_whole:
            why = "not compared, skipped on the host"
        elif tp.skipped_whole:
            why = "not compared, skipped on Trident"
        else:
            incomplete = [side for side, p in (("the host", hp), ("Trident", tp))
                          if p.status == "CRASH" or p.plan is None]
            if incomplete:
                why = "not compared, incomplete on %s" % " and ".join(incomplete)
        if why:
            left_out.setdefault(why, []).append(name)
            continue
        compared += 1
        diffs = diff_program(name, hp, tp, allowlist)
        bad = [d for d in diffs if d[2] is None]
        for h, t, reason in diffs:
            if reason is not None:
                s.notes.append("accepted difference in %s: %s | %s  (%s)"
                               % (name, h or "(none)", t or "(none)", reason))
        if not bad:
            if diffs:
                accepted += 1
            else:
                same += 1
            s.passes += 1       # one passed check per program that agrees
            continue
        details = side_by_side([(h, t) for h, t, _ in bad])
        s.problem("%s: %d result line(s) differ from Linux" % (name, len(bad)), details)
    for name in trident:
        if name not in host:
            left_out.setdefault("not run on the host", []).append(name)
    for why, names in left_out.items():
        s.notes.append("%s: %s" % (why, " ".join(names)))
    for entry in allowlist:
        if not entry.used:
            s.notes.append("allow-list entry never used: %s (%s)" % (entry.where, entry.program))
    if not compared:
        s.problem("no program could be compared")
    s.notes.insert(0, "%d program(s) compared: %d the same as on Linux, %d with accepted "
                      "differences, %d different" % (compared, same, accepted,
                                                    compared - same - accepted))
    return s
