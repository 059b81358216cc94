#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A fuzzing campaign in one or more QEMU boots at once (`make fuzz`).

    scripts/fuzz-campaign.py --build-dir build --count N --seed S [--jobs J]

Boot j (0 <= j < J) runs /sbin/fuzz_64 with FUZZ_SEED=S+j and its share of
the N calls (the driver splits them over the three ABIs), in an ISO of its
own (BUILD/fuzz/SEED.iso) and logs to BUILD/fuzz/SEED.log. Each boot is
judged by the harness (KTAP, panic, hang, `Memory check` at init's start and
end). Then the calls per ABI and per entry path of every boot and their sum
are printed and appended, with the seeds, to BUILD/fuzz/seeds.log; the
summary also goes to BUILD/fuzz/campaign-S.txt. The exit status is 0 only
if every boot passed.
"""

import argparse
import collections
import datetime
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUMS = re.compile(r"^# (per ABI|per entry path|workers killed by signal):(.*)$")
CALLS = re.compile(r"^# calls (\d+) in (\d+) ms .*?, (\d+) workers, (\d+) hangs killed, "
                   r"(?:(\d+) stopped killed, )?(\d+) early exits$")
MEMORY = re.compile(r"^Memory check at init (start|end): (.*)$")


def now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def summarize(log):
    """Sums of one boot's log: counters by (kind, key), and memory lines."""
    sums, memory = collections.Counter(), {}
    with open(log, errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            m = SUMS.match(line)
            if m:
                for pair in m.group(2).split():
                    k, v = pair.split("=")
                    sums[(m.group(1), k)] += int(v)
            m = CALLS.match(line)
            if m:
                for name, v in zip(("calls", "ms", "workers", "hangs", "stops", "exits"),
                                   m.groups()):
                    sums[("totals", name)] += int(v or 0)
            m = MEMORY.match(line)
            if m:
                memory[m.group(1)] = m.group(2)
    return sums, memory


def lines_of(sums):
    out = []
    for kind in ("totals", "per ABI", "per entry path", "workers killed by signal"):
        keys = [k for (c, k) in sums if c == kind]
        if kind == "workers killed by signal":
            keys.sort(key=int)
        if keys:
            out.append("  %s: %s" % (kind, " ".join("%s=%d" % (k, sums[(kind, k)]) for k in keys)))
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--build-dir", default="build")
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--jobs", type=int, default=1)
    a = p.parse_args()
    out = os.path.join(a.build_dir, "fuzz")
    os.makedirs(out, exist_ok=True)
    seeds_log = open(os.path.join(out, "seeds.log"), "a")

    procs = []
    for j in range(a.jobs):
        seed = a.seed + j
        count = a.count // a.jobs + (1 if j < a.count % a.jobs else 0)
        iso, log = os.path.join(out, "%d.iso" % seed), os.path.join(out, "%d.log" % seed)
        # Generous: a loaded machine still runs more than 500 calls a second.
        limit = count // 500 + 300
        args = ["FUZZ_SEED=%d" % seed, "FUZZ_COUNT=%d" % count, "--", "--timeout", str(limit),
                "/sbin/fuzz_64"]
        subprocess.run(["bash", os.path.join(ROOT, "scripts", "mkiso.sh"), iso,
                        os.path.join(a.build_dir, "kernel.elf"),
                        os.path.join(a.build_dir, "initramfs.cpio")] + args, check=True)
        seeds_log.write("%s seed %d count %d (job %d of %d, campaign seed %d): started\n"
                        % (now(), seed, count, j + 1, a.jobs, a.seed))
        seeds_log.flush()
        cmd = [sys.executable, os.path.join(ROOT, "tests", "harness", "run.py"), "boot",
               "--build-dir", a.build_dir, "--iso", iso, "--log", log, "--timeout", str(limit + 200)]
        procs.append((seed, count, log, time.monotonic(),
                      subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)))

    total, report, ok = collections.Counter(), [], True
    for seed, count, log, t0, proc in procs:
        text = proc.communicate()[0].decode("utf-8", "replace")
        secs = time.monotonic() - t0
        passed = proc.returncode == 0
        ok = ok and passed
        sums, memory = summarize(log)
        total.update(sums)          # (+= would drop the zeros)
        result = "passed" if passed else "FAILED"
        report.append("seed %d count %d: %s in %.0f s (%s)" % (seed, count, result, secs, log))
        report += lines_of(sums)
        report += ["  memory check at init %s: %s" % (k, memory[k]) for k in ("start", "end")
                   if k in memory]
        if not passed:
            report += ["  " + l for l in text.splitlines()[-15:]]
        seeds_log.write("%s seed %d count %d: %s, %d calls\n"
                        % (now(), seed, count, result, sums[("totals", "calls")]))
    report.append("campaign seed %d, %d boots, seeds %s: %s" % (
        a.seed, a.jobs, " ".join(str(s[0]) for s in procs), "passed" if ok else "FAILED"))
    report += lines_of(total)
    summary = os.path.join(out, "campaign-%d.txt" % a.seed)
    with open(summary, "w") as f:
        f.write("\n".join(report) + "\n")
    seeds_log.write("%s campaign seed %d jobs %d count %d: %s, %d calls (%s)\n" % (
        now(), a.seed, a.jobs, a.count, "passed" if ok else "FAILED",
        total[("totals", "calls")], summary))
    print("\n".join(report))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
