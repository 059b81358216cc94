"""The KTAP parser on sample serial logs (tests/unit/harness/samples)."""

import unittest

from ktap_unittest import names, sample
from harness import ktap, report


# -- the KTAP parser ----------------------------------------------------------

class Parser(unittest.TestCase):

    def test_good_run(self):
        """Is a good run, as read from a real serial line after GRUB, all passes?"""
        log = sample("grub_quiet.log")
        self.assertEqual(names(log), ["hello_64", "hello_32"])
        self.assertEqual(log.counts(), (3, 0, 1))
        self.assertEqual(log.runner_plan, 2)
        self.assertEqual(log.init_status, 0)
        self.assertEqual(log.problems, [])
        self.assertEqual([p.status for p in log.programs], ["PASS", "PASS"])
        c = log.programs[0].cases[2]
        self.assertEqual((c.number, c.description, c.directive, c.reason),
                         (3, "is x32 there?", "SKIP", "x32 disabled"))

    def test_grub_menu_noise(self):
        """Does GRUB's menu, drawn on the serial line, leave the results alone?"""
        log = sample("grub_menu.log")
        self.assertEqual(names(log), ["hello_64", "hello_32"])
        self.assertEqual(log.counts(), (3, 0, 1))
        self.assertEqual(log.problems, [])

    def test_failure(self):
        """Is a failure counted once, with the diagnostics before it?"""
        log = sample("failure.log")
        self.assertEqual(log.counts(), (3, 1, 0))
        nr = log.program("nr_64")
        self.assertEqual(nr.status, "FAIL")
        self.assertEqual(nr.counts(), (2, 1, 0))   # the runner's not ok is no extra failure
        bad = [c for c in nr.cases if c.status == "fail"]
        self.assertEqual([c.number for c in bad], [2])
        self.assertEqual(bad[0].context, ["# syscall(-1) returned 0", "# expected -38 (ENOSYS)"])
        self.assertEqual(bad[0].render(), "not ok 2 does nr -1 give ENOSYS?")
        self.assertEqual(log.init_status, 1)

    def test_panic(self):
        """Does a kernel panic fail the run, the program and those never started?"""
        log = sample("panic.log")
        self.assertEqual(log.panic[0], "Kernel panic - not syncing: page fault in kernel mode at 0x0")
        self.assertIn("RIP: 0010:ffffffff80012345", log.panic)
        p = log.program("entry_64")
        self.assertEqual((p.status, p.missing, p.ended_by), ("CRASH", 2, "kernel panic"))
        self.assertEqual(sum(m.startswith("kernel panic") for m in log.problems), 1)
        self.assertIn("program 2 of 3 never started", log.problems)
        self.assertIn("program 3 of 3 never started", log.problems)
        self.assertEqual(log.counts(), (2, 2 + 1 + 2, 0))

    def test_truncated_plan(self):
        """Is each result missing from a plan a failure?"""
        log = sample("truncated.log")
        short = log.program("short_64")
        self.assertEqual((short.plan, len(short.cases), short.missing), (5, 3, 2))
        self.assertEqual(short.status, "CRASH")
        self.assertEqual(log.program("next_64").status, "PASS")
        self.assertEqual(log.counts(), (4, 2, 0))

    def test_killed_by_signal(self):
        """Is a program killed by a signal a failure even when its results all passed?"""
        log = sample("killed.log")
        segv = log.program("segv_64")
        self.assertEqual((segv.status, segv.counts()), ("CRASH", (1, 2, 0)))
        self.assertIn("runner: not ok (killed by signal 11)", segv.notes)
        self.assertIn("[    1.000000] segv_64[5]: segfault at 0 ip 0000000000401000 error 4", segv.tail)
        late = log.program("exitsegv_64")
        self.assertEqual(late.counts(), (1, 1, 0))
        self.assertEqual(late.problems, ["runner: not ok (killed by signal 11)"])
        self.assertEqual(log.program("skipped_x32").status, "SKIP")
        self.assertEqual(log.init_signal, 11)
        self.assertEqual(log.counts(), (2, 3, 1))

    def test_expected_signal(self):
        """Does a program that announced `# expect: signal N` pass only by dying of N?"""
        log = sample("expect_signal.log")
        segv = log.program("fault_segv_64")
        self.assertEqual((segv.status, segv.counts()), ("PASS", (1, 0, 0)))
        self.assertEqual(segv.cases[0].render(), "ok 1 killed by signal 11, as expected")
        ud = log.program("fault_ud_64")
        self.assertEqual((ud.status, ud.counts()), ("CRASH", (0, 1, 0)))
        int3 = log.program("fault_int3_64")
        self.assertEqual((int3.status, int3.counts()), ("FAIL", (0, 1, 0)))
        self.assertEqual(log.counts(), (1, 2, 0))

    def test_interleaved_kernel_lines(self):
        """Do kernel lines between results change nothing but the context?"""
        log = sample("interleaved.log")
        self.assertEqual(names(log), ["write_64"])
        p = log.programs[0]
        self.assertEqual(p.counts(), (2, 1, 0))        # TODO counts as passed
        self.assertEqual(p.problems, [])
        bad = [c for c in p.cases if c.status == "fail"][0]
        self.assertEqual(bad.context, ["# about to try an unmapped buffer",
                                       "[    0.310000] page fault at 0x1000 (user, not present)"])
        self.assertEqual(p.cases[2].directive, "TODO")

    def test_prefixed_output(self):
        """Is run_kselftest.sh's "# "-prefixed program output read?"""
        log = sample("prefixed.log")
        p = log.program("getpid_64")
        self.assertTrue(p.prefixed)
        self.assertEqual(p.counts(), (1, 1, 0))
        self.assertEqual(p.cases[1].context, ["[    0.300000] a kernel line", "# # expected 2, got 3"])

    def test_standalone(self):
        """Are KTAP blocks without a runner read one program each?"""
        log = sample("standalone.log", default_name="prog")
        self.assertEqual(names(log), ["prog", "prog#2"])
        self.assertEqual(log.counts(), (1, 1, 1))
        self.assertEqual(log.programs[0].cases[0].description, "first")
        self.assertFalse(log.runner)

    def test_plan_problems(self):
        """Are a missing plan, results out of order and extra results failures?"""
        log = sample("problems.log")
        self.assertEqual(log.program("noplan_64").problems, ["no plan (1..N) line"])
        order = log.program("order_64").problems
        self.assertTrue(any(x.startswith("results out of order: 3 where 2") for x in order), order)
        self.assertTrue(any(x.startswith("more results than the plan's 2") for x in order), order)
        self.assertEqual(log.counts(), (4, 3, 0))

    def test_bail_out(self):
        """Is "Bail out!" a crash of the program?"""
        log = sample("bailout.log")
        p = log.programs[0]
        self.assertEqual(p.status, "CRASH")
        self.assertEqual(p.counts(), (1, 2 + 1, 0))

    def test_runner_bail_out(self):
        """Is the runner's own "Bail out!" one failure of the run?"""
        log = sample("runner_bailout.log")
        self.assertEqual(log.programs, [])
        self.assertEqual(log.problems, ["Bail out! init: cannot list /tests: ENOENT (line 2)"])
        self.assertEqual(log.counts(), (0, 1, 0))

    def test_skip_all(self):
        """Is "1..0 # SKIP" one skipped program, not a failure?"""
        log = sample("skipall.log")
        self.assertEqual(log.counts(), (0, 0, 1))
        self.assertEqual(log.programs[0].status, "SKIP")

    def test_programs_never_started(self):
        """Does the runner's plan catch programs that never ran?"""
        log = sample("notstarted.log")
        self.assertEqual(log.problems, ["program 2 of 3 never started", "program 3 of 3 never started"])
        self.assertEqual(log.counts(), (1, 2, 0))

    def test_no_test_ran(self):
        """Is a log without any test a failure ("no test ran")?"""
        log = sample("empty.log")
        self.assertEqual(log.programs, [])
        s = report.Section("t")
        s.programs = log.programs
        s.check_ran()
        self.assertEqual([p.message for p in s.problems], ["no test ran"])
        self.assertEqual(s.counts(), (0, 1, 0))

    def test_clean_line(self):
        """Are terminal escapes and carriage returns taken out of a line?"""
        self.assertEqual(ktap.clean_line("\x1b[H\x1b[J\x1b[1;1H  Booting `Trident'"), "  Booting `Trident'")
        self.assertEqual(ktap.clean_line("\rok 1 x\r"), "ok 1 x")
        self.assertEqual(ktap.clean_line("abc\rok 2 y"), "ok 2 y")
        self.assertEqual(ktap.clean_line("\x1b[7mok\x1b[m 3 z\x00"), "ok 3 z")

    def test_result_line_forms(self):
        """Are "ok N - desc", "ok N # SKIP why" and an unnumbered "ok" read right?"""
        log = ktap.parse_text("KTAP version 1\n1..3\nok 1 - a b\nok 2 # SKIP why not\nnot ok\n")
        c = log.programs[0].cases
        self.assertEqual((c[0].description, c[0].status), ("a b", "pass"))
        self.assertEqual((c[1].description, c[1].directive, c[1].reason), ("", "SKIP", "why not"))
        self.assertEqual((c[2].number, c[2].status), (3, "fail"))
        self.assertEqual(log.counts(), (1, 1, 1))

    def test_escaped_hash(self):
        """Is an escaped "\\#" in a description no directive?"""
        log = ktap.parse_text("KTAP version 1\n1..1\nok 1 is \\# SKIP a directive?\n")
        self.assertEqual(log.counts(), (1, 0, 0))

    def test_totals_line(self):
        """Is the closing line exactly `N passed, N failed[, N skipped]`?"""
        self.assertEqual(report.totals_line(3, 0, 0), "3 passed, 0 failed")
        self.assertEqual(report.totals_line(3, 2, 1), "3 passed, 2 failed, 1 skipped")
