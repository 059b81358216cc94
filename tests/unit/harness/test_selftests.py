"""Linux's x86 selftests (selftests.py): reading a boot's log, the
expected-failures file, the judgement against Linux, and the boots that
go on after a hang (with a fake emulator: a Python one-liner)."""

import os
import sys
import unittest
from unittest import mock

from ktap_unittest import workdir
from harness import selftests
from harness.selftests import Result

LOG = """\x1b[H\x1b[J  Booting `Trident'
TAP version 13
1..5
# selftests: trident: iopl_64
[RUN]\tiopl(3)
[OK]\tfirst
[OK]\tsecond
[SKIP]\tno CPU 1
not ok 1 selftests: trident: iopl_64 # exit=1
# selftests: trident: test_mremap_vdso_32
# [FAIL]\tmremap failed (38): Function not implemented
[OK]\tnot at the start of a line is counted too
not ok 2 selftests: trident: test_mremap_vdso_32 # killed by signal 11
# selftests: trident: ldt_gdt_64
[OK]\tone
ok 3 selftests: trident: ldt_gdt_64
# selftests: trident: syscall_numbering_64
[FAIL]\tFailed to request tracing
not ok 4 selftests: trident: syscall_numbering_64 # timeout
# selftests: trident: nx_stack_64
ok 5 selftests: trident: nx_stack_64 # SKIP
# selftests: trident: sigreturn_64
[OK]\tcut short
"""


class ParseLog(unittest.TestCase):
    def test_counts_and_status(self):
        """Are [OK]/[FAIL]/[SKIP] lines counted per test and init's note read as the exit status?"""
        path = os.path.join(workdir(self), "serial.log")
        with open(path, "w") as f:
            f.write(LOG)
        r = selftests.parse_log(path)
        self.assertEqual(r["iopl_64"], Result(ok=2, fail=0, skip=1, status="1"))
        self.assertEqual(r["test_mremap_vdso_32"], Result(ok=1, fail=1, skip=0, status="sig 11"))
        self.assertEqual(r["ldt_gdt_64"], Result(ok=1, status="0"))
        self.assertEqual(r["syscall_numbering_64"], Result(fail=1, status="timeout"))
        self.assertEqual(r["nx_stack_64"], Result(status="4"))
        self.assertEqual(r["sigreturn_64"], Result(ok=1, status="unfinished"))
        self.assertTrue(r["ldt_gdt_64"].passed())
        self.assertFalse(r["iopl_64"].passed())
        self.assertEqual(r["iopl_64"].cell(), "2/0/1 1")
        self.assertEqual(Result().cell(), "-")


class Expected(unittest.TestCase):
    def test_lines(self):
        """Is `TEST MODEL REASON` read, * both models, and a bad line an error?"""
        path = os.path.join(workdir(self), "expected.txt")
        with open(path, "w") as f:
            f.write("# comment\n\nsigreturn_64  *  signals: no sigaltstack\n"
                    "iopl_32 Haswell  only there  # trailing comment\n"
                    "no_such_test * why\niopl_64 Skylake why\niopl_64 *\n")
        entries, errors = selftests.load_expected(path)
        self.assertEqual(entries, {("sigreturn_64", "qemu64"): "signals: no sigaltstack",
                                   ("sigreturn_64", "Haswell"): "signals: no sigaltstack",
                                   ("iopl_32", "Haswell"): "only there"})
        self.assertEqual(len(errors), 3)

    def test_the_repository_list_is_well_formed(self):
        """Is tests/selftests-expected.txt well formed, every test one of the list?"""
        entries, errors = selftests.load_expected()
        self.assertEqual(errors, [])
        self.assertTrue(all(t in selftests.TESTS for t, _ in entries))


class Judge(unittest.TestCase):
    def test_same(self):
        """Is Trident "the same as Linux": equal counts, Linux's own failures matched, its hangs passed?"""
        linux = Result(ok=19, skip=1, status="0")
        self.assertTrue(selftests.same(Result(ok=19, skip=1, status="0"), linux))
        self.assertFalse(selftests.same(Result(ok=18, skip=2, status="0"), linux))
        self.assertFalse(selftests.same(Result(ok=19, skip=1, status="1"), linux))
        # Linux fails it under the emulator: only the very same result.
        bad = Result(ok=0, status="sig 11")
        self.assertTrue(selftests.same(Result(ok=0, status="sig 11"), bad))
        self.assertFalse(selftests.same(Result(ok=1, status="0"), bad))
        # Linux hangs: Trident has to pass.
        self.assertTrue(selftests.same(Result(ok=3, status="0"), Result(status="hang")))
        self.assertFalse(selftests.same(Result(ok=3, status="1"), Result(status="hang")))
        # Linux did not run it: nothing to be the same as.
        self.assertFalse(selftests.same(Result(ok=3, status="0"), Result()))

    def test_trident(self):
        """Is an expected failure a skip, an expected one that passes a failure, an unlisted failure a failure?"""
        linux = {t: Result(ok=2, status="0") for t in ("a_64", "b_64", "c_64", "d_64")}
        trident = {"a_64": Result(ok=2, status="0"), "b_64": Result(status="1"),
                   "c_64": Result(ok=2, status="0"), "d_64": Result(status="1")}
        expected = {("b_64", "qemu64"): "signals", ("c_64", "qemu64"): "signals"}
        p = selftests.judge_trident("qemu64", trident, linux, ["a_64", "b_64", "c_64", "d_64"],
                                    expected)
        self.assertEqual([c.status for c in p.cases], ["pass", "skip", "fail", "fail"])
        self.assertIn("remove it", p.cases[2].description)
        self.assertEqual(p.cases[1].reason, "expected failure: signals")

    def test_linux_failures_are_skips(self):
        """Is a test Linux fails under the emulator a skip of the reference, one it never ran a failure?"""
        p = selftests.judge_plain("linux qemu64", {"a_64": Result(status="sig 11"),
                                                   "b_64": Result(status="0")},
                                  ["a_64", "b_64", "c_64"], reference=True)
        self.assertEqual([c.status for c in p.cases], ["skip", "pass", "fail"])


# A fake emulator: prints the tests its arguments name (or a, b, c), and
# hangs in "b" the first time.
FAKE = r'''
import sys, time
names = [a.split("/")[-1] for a in sys.argv[1:] if a.startswith("/x86/")] or ["a_64", "b_64", "c_64"]
for i, n in enumerate(names, 1):
    print("# selftests: trident: " + n, flush=True)
    print("[OK]\tsomething", flush=True)
    if n == "b_64":
        time.sleep(60)
    print("ok %d selftests: trident: %s" % (i, n), flush=True)
'''


class Boots(unittest.TestCase):
    def test_a_hang_then_the_rest(self):
        """Is a boot stuck in a test stopped, that test a hang, and the tests after it booted again?"""
        d = workdir(self)
        fake = os.path.join(d, "fake.py")
        with open(fake, "w") as f:
            f.write(FAKE)
        seen = []

        def command(args):
            seen.append(args)
            return [sys.executable, fake] + args

        with mock.patch.object(selftests, "HANG_MARGIN", 0.5), \
                mock.patch.object(selftests, "LIMITS", {"b_64": 0.5}), \
                mock.patch.object(selftests, "TEST_TIMEOUT", 30):
            results, problems = selftests.boot(command, os.path.join(d, "s.log"),
                                               ["a_64", "b_64", "c_64"])
        self.assertEqual(results["a_64"], Result(ok=1, status="0"))
        self.assertEqual(results["b_64"], Result(ok=1, status="hang"))
        self.assertEqual(results["c_64"], Result(ok=1, status="0"))
        self.assertEqual(len(problems), 1)
        self.assertIn("stuck in b_64", problems[0])
        self.assertEqual(seen[1][-1], "/x86/c_64")
        self.assertTrue(os.path.isfile(os.path.join(d, "s.log.2")))
