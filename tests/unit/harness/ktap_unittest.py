"""What the harness's unit tests share: paths, sample logs, scratch
directories, and a unittest runner that prints KTAP.

    python3 ktap_unittest.py [OUTPUT_DIR]

runs every test_*.py here as one KTAP block and exits 1 when a test failed.
"""

import os
import sys
import tempfile
import traceback
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from harness import ktap  # noqa: E402

SAMPLES = os.path.join(HERE, "samples")
FAKE = [sys.executable, os.path.join(HERE, "fake_emulator.py")]
RUN_PY = os.path.join(ROOT, "tests", "harness", "run.py")
OUT = os.environ.get("HARNESS_TEST_OUT") or tempfile.mkdtemp(prefix="harness-tests.")


def sample(name, default_name=None):
    return ktap.parse_file(os.path.join(SAMPLES, name), default_name=default_name)


def names(log):
    return [p.name for p in log.programs]


def workdir(test):
    """A scratch directory of its own for one test, under OUTPUT_DIR."""
    os.makedirs(OUT, exist_ok=True)
    return tempfile.mkdtemp(prefix=test.id().split(".")[-1] + ".", dir=OUT)


# -- KTAP output ------------------------------------------------------------------

class KtapResult(unittest.TestResult):
    """Prints each test as a KTAP result, its diagnostics before it."""

    def __init__(self):
        super().__init__()
        self.n = 0

    @staticmethod
    def describe(test):
        doc = test.shortDescription() or test.id().split(".", 1)[-1]
        return doc.replace("#", "\\#")     # KTAP: "#" starts a directive

    def _result(self, test, ok, directive="", diag=""):
        self.n += 1
        for line in diag.rstrip("\n").split("\n") if diag else []:
            print("# " + line)
        print("%s %d %s%s" % ("ok" if ok else "not ok", self.n, self.describe(test),
                              " # " + directive if directive else ""), flush=True)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._result(test, True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._result(test, False, diag="%s: %s" % (test.id(), "".join(traceback.format_exception(*err))))

    def addError(self, test, err):
        super().addError(test, err)
        self._result(test, False, diag="%s: %s" % (test.id(), "".join(traceback.format_exception(*err))))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._result(test, True, directive="SKIP " + reason)


def main():
    global OUT
    if len(sys.argv) > 1:
        OUT = os.environ["HARNESS_TEST_OUT"] = os.path.abspath(sys.argv[1])
    os.makedirs(OUT, exist_ok=True)
    suite = unittest.defaultTestLoader.discover(HERE, pattern="test_*.py", top_level_dir=HERE)
    print("KTAP version 1")
    print("1..%d" % suite.countTestCases(), flush=True)
    result = KtapResult()
    suite.run(result)
    failed = len(result.failures) + len(result.errors)
    print("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:%d error:0"
          % (result.testsRun - failed - len(result.skipped), failed, len(result.skipped)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
