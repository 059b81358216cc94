"""The comparison of results between Linux (the host) and Trident."""

import os
import unittest

from ktap_unittest import workdir
from harness import compare, ktap


# -- the comparison with Linux -------------------------------------------------

def prog(text, name):
    return ktap.parse_text(text, default_name=name).programs[0]


HOST = "KTAP version 1\n1..3\nok 1 a\nok 2 b # SKIP no x32 here\nnot ok 3 c\n"


class Compare(unittest.TestCase):

    def allow(self, text):
        d = workdir(self)
        path = os.path.join(d, "allow.txt")
        with open(path, "w") as f:
            f.write(text)
        return compare.load_allowlist(path)

    def test_same(self):
        """Are the same results (skip reasons aside) no difference?"""
        s = compare.compare([prog(HOST, "t_64")],
                            [prog(HOST.replace("no x32 here", "x32 off"), "t_64")], [])
        self.assertEqual(s.problems, [])
        self.assertEqual(s.counts(), (1, 0, 0))    # one program compared, the same

    def test_difference(self):
        """Is a different result line a failure, shown side by side?"""
        s = compare.compare([prog(HOST, "t_64")], [prog(HOST.replace("not ok 3", "ok 3"), "t_64")], [])
        self.assertEqual([p.message for p in s.problems], ["t_64: 1 result line(s) differ from Linux"])
        self.assertRegex(s.problems[0].details[1], r"^not ok 3 c +\| ok 3 c$")

    def test_allowlist(self):
        """Does an allow-list entry (with a glob) accept a difference, and say so?"""
        entries, errors = self.allow("# comment\n\n*_64\t^not ok 3 c$\tLinux 6.x fails it\n"
                                     "other\tx\tnever used\n")
        self.assertEqual(errors, [])
        s = compare.compare([prog(HOST, "t_64")], [prog(HOST.replace("not ok 3", "ok 3"), "t_64")], entries)
        self.assertEqual(s.problems, [])
        self.assertTrue(any("Linux 6.x fails it" in n for n in s.notes), s.notes)
        self.assertTrue(any(n.startswith("allow-list entry never used") for n in s.notes), s.notes)
        self.assertEqual(entries[0].used, 1)

    def test_allowlist_errors(self):
        """Is a malformed allow-list line a failure rather than silently ignored?"""
        entries, errors = self.allow("only two\tfields\nprog\t(bad\treason\n")
        self.assertEqual(entries, [])
        self.assertEqual(len(errors), 2)
        s = compare.compare([], [], entries, errors)
        # two bad lines, and nothing was compared
        self.assertEqual(s.counts(), (0, 3, 0))
        self.assertEqual(compare.load_allowlist(os.path.join(workdir(self), "none")), ([], []))

    def test_not_compared(self):
        """Are incomplete, skipped and one-sided programs left out, with a note?"""
        crashed = prog("KTAP version 1\n1..3\nok 1 a\n", "t_64")
        s = compare.compare([prog(HOST, "t_64"), prog("KTAP version 1\n1..0 # SKIP x\n", "x_x32"),
                             prog(HOST, "host_only")],
                            [crashed, prog(HOST, "x_x32"), prog(HOST, "trident_only")], [])
        # Nothing was left to compare, which is itself a failure.
        self.assertEqual([p.message for p in s.problems], ["no program could be compared"])
        text = "\n".join(s.notes)
        for part in ("not compared, incomplete on Trident: t_64", "not compared, skipped on the host: x_x32",
                     "not in the Trident log: host_only", "not run on the host: trident_only"):
            self.assertIn(part, text)
