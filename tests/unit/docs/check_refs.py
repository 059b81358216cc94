"""Do the guided tour's references still point at what they name?

docs/tour.md writes "`name` (path/file.c:LINE)": this checks, for every
such pair with a path (a folder in it), that line LINE of the file
contains the name. Code moves; the tour must move with it. KTAP on stdout.
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
DOCS = ["docs/tour.md"]
REF = re.compile(r"`([A-Za-z_][A-Za-z_0-9]*)(?:\([^`]*\))?`\s*\(([\w.\-]+/[\w/.\-]+\.(?:c|h|asm|inc)):(\d+)\)")


def main():
    cases = []
    for doc in DOCS:
        text = open(os.path.join(ROOT, doc)).read()
        for m in REF.finditer(text):
            name, path, line = m.group(1), m.group(2), int(m.group(3))
            try:
                lines = open(os.path.join(ROOT, path)).read().splitlines()
                ok = 0 < line <= len(lines) and name in lines[line - 1]
                why = "" if ok else "line %d is: %s" % (line, lines[line - 1].strip()
                                                        if 0 < line <= len(lines) else "(past the end)")
            except OSError as e:
                ok, why = False, str(e)
            cases.append((ok, "%s: `%s` at %s:%d" % (doc, name, path, line), why))
    print("KTAP version 1")
    print("1..%d" % len(cases))
    for n, (ok, what, why) in enumerate(cases, 1):
        if why:
            print("# " + why)
        print("%sok %d %s" % ("" if ok else "not ", n, what))
    return 0 if cases and all(ok for ok, _, _ in cases) else 1


if __name__ == "__main__":
    sys.exit(main())
