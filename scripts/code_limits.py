#!/usr/bin/env python3
"""The size limits of issue #21: no non-test function over 200 lines, no
Rust file over 1,000 lines.

Usage: scripts/code_limits.py [DIR] [--top K] [--check]
  DIR      folder to scan (default: crates)
  --top    how many of the longest functions to list (default 10)
  --check  exit 1 when a limit is broken

A function's length is counted from its `fn` line to its closing brace.
Non-test means what scripts/count_literals.py skips is skipped here too:
files under tests/ and benches/, tests.rs and *_tests.rs, and items marked
#[cfg(test)]. Files count whole (tests included), as `wc -l` does.
"""
import argparse
import os
import re
import sys

from count_literals import TOKEN, after_braces, strip_cfg_test

FN_LIMIT = 200
FILE_LIMIT = 1000
FN = re.compile(r"\bfn\s+([A-Za-z_][A-Za-z0-9_]*)")


def functions(src):
    """(name, first line, line count) of every function with a body."""
    code = strip_cfg_test(src)
    out = []
    for m in FN.finditer(code):
        if in_token(code, m.start()):
            continue
        # the body opens at the first `{` before any `;` (a declaration
        # without a body, in a trait, ends at `;`)
        brace = code.find("{", m.end())
        semi = code.find(";", m.end())
        if brace < 0 or (0 <= semi < brace):
            continue
        end = after_braces(code, brace)
        first = code.count("\n", 0, m.start()) + 1
        last = code.count("\n", 0, end - 1) + 1
        out.append((m.group(1), first, last - first + 1))
    return out


def in_token(code, pos):
    """Whether `pos` is inside a string, char or comment of its line."""
    start = code.rfind("\n", 0, pos) + 1
    p = start
    while p < pos:
        m = TOKEN.match(code, p)
        if m:
            if m.end() > pos:
                return True
            p = m.end()
        else:
            p += 1
    return False


def main(argv):
    ap = argparse.ArgumentParser(description="issue #21's size limits")
    ap.add_argument("root", nargs="?", default="crates")
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args(argv)
    root, top, check = a.root, a.top, a.check
    fns = []
    long_files = []
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x != "target")
        test_dir = any(part in ("tests", "benches") for part in d.split(os.sep))
        for f in sorted(files):
            if not f.endswith(".rs"):
                continue
            p = os.path.join(d, f)
            with open(p, encoding="utf8") as fh:
                src = fh.read()
            lines = src.count("\n")
            if lines > FILE_LIMIT:
                long_files.append((lines, p))
            if test_dir or f == "tests.rs" or f.endswith("_tests.rs"):
                continue
            fns += [(n, p, line, name) for name, line, n in functions(src)]
    fns.sort(reverse=True)
    print(f"longest non-test functions (limit {FN_LIMIT} lines):")
    for n, p, line, name in fns[:top]:
        print(f"  {n:4} {p}:{line} {name}")
    print(f"files over {FILE_LIMIT} lines: {len(long_files)}")
    for n, p in sorted(long_files, reverse=True):
        print(f"  {n:5} {p}")
    broken = (fns and fns[0][0] > FN_LIMIT) or long_files
    if check and broken:
        print("a size limit of issue #21 is broken", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.exit(main(sys.argv[1:]))
