"""make bench's parsing and table (tests/harness/bench.py): ticks per
operation from the programs' lines, the boot's TSC values, the ratios,
and the rows of the Markdown table."""

import unittest

from harness import bench

TRIDENT = """\
Boot: kernel entered at TSC 1000
bench boot init n=1 op=5000 empty=0
bench getpid syscall64 n=1000 op=93007 empty=3007\r
bench floor syscall64 n=1000 op=58007 empty=3007
bench fork+exit+wait 64 n=16 op=1600039 empty=39
bench: done
"""
FLOOR = "bench floor syscall64 n=1000 op=58007 empty=3007\n"
LINUX = """\
[    0.000000] Linux version 6.12
bench boot init n=1 op=90000 empty=0
bench getpid syscall64 n=1000 op=303007 empty=3007
bench fork+exit+wait 64 n=16 op=3200039 empty=39
"""
PROBE = "probe: entry TSC 0x0000000000002710\n"


class Parse(unittest.TestCase):
    def test_ticks_per_operation(self):
        ticks, boot = bench.parse(TRIDENT)
        self.assertEqual(ticks[("getpid", "syscall64")], 90.0)
        self.assertEqual(ticks[("floor", "syscall64")], 55.0)
        self.assertEqual(ticks[("fork+exit+wait", "64")], 100000.0)
        self.assertEqual(boot, {"init": 5000, "entry": 1000})

    def test_probe_and_noise(self):
        ticks, boot = bench.parse(PROBE + "bench: /bench/x failed (status 0x100)\nbench x\n")
        self.assertEqual(ticks, {})
        self.assertEqual(boot, {"entry": 10000})


class Table(unittest.TestCase):
    def setUp(self):
        self.results = {"trident-qemu64": bench.parse(TRIDENT),
                        "floor-qemu64": bench.parse(FLOOR),
                        "linux-qemu64": bench.parse(LINUX),
                        "linux-probe": bench.parse(PROBE)}
        self.rows = {(r["operation"], r["path"]): r for r in bench.rows(self.results)}

    def test_null_call_row(self):
        r = self.rows[("null call: getpid", "64-bit SYSCALL")]
        self.assertEqual((r["trident"], r["linux"], r["floor"]), (90.0, 300.0, 55.0))
        self.assertAlmostEqual(r["ratio"], 0.3)
        self.assertAlmostEqual(r["floor_ratio"], 90 / 55)

    def test_missing_values_are_dashes(self):
        r = self.rows[("null call: getpid", "vDSO SYSENTER (Intel)")]
        self.assertIsNone(r["trident"])
        self.assertIsNone(r["ratio"])
        line = [l for l in bench.markdown([r])][2]
        self.assertEqual(line, "| null call: getpid | vDSO SYSENTER (Intel) | Haswell | - | - | - | - | - |")

    def test_boot_rows(self):
        r = self.rows[("boot: reset to init's first instruction", "-")]
        self.assertEqual((r["trident"], r["linux"]), (5000, 90000))
        r = self.rows[("boot: kernel entry to init's first instruction", "-")]
        self.assertEqual((r["trident"], r["linux"]), (4000, 80000))
        self.assertAlmostEqual(r["ratio"], 0.05)

    def test_markdown(self):
        lines = bench.markdown(bench.rows(self.results))
        self.assertEqual(lines[0], "| operation | path | CPU | Trident | Linux | Trident/Linux | floor "
                                   "| Trident/floor |")
        self.assertIn("| fork + exit + wait | - | qemu64 | 100000 | 200000 | 0.50 | - | - |", lines)
        self.assertIn("| null call: getpid | 64-bit SYSCALL | qemu64 | 90 | 300 | 0.30 | 55 | 1.64 |",
                      lines)

    def test_fractions(self):
        self.assertEqual(bench.fmt(87.999), "88.0")
        self.assertEqual(bench.fmt(86.0), "86")
        self.assertEqual(bench.fmt(None), "-")


if __name__ == "__main__":
    unittest.main()
