#!/usr/bin/env python3
"""Counts Chinese string and char literals in non-test Rust code (issue #21:
word lists belong in lexicon/*.tsv, not in code).

Usage: scripts/count_literals.py [DIR] [--max N] [--top K]
  DIR    folder to scan (default: crates)
  --max  exit 1 when the total is above N (a check for CI)
  --top  how many files to list (default 40)
  --list print every literal counted (file, line, literal) instead

Skipped: files under tests/ and benches/, tests.rs and *_tests.rs, items
marked #[cfg(test)] (a module or a function, to its closing brace), and
comments. A literal counts when it holds a CJK character or CJK/full-width
punctuation.
"""
import collections
import os
import re
import sys

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
# A string literal (plain or raw), a char literal, or a comment.
TOKEN = re.compile(
    r'r(#*)"(?:.|\n)*?"\1'
    r'|"(?:[^"\\]|\\.|\\\n)*"'
    r"|'(?:[^'\\\n]|\\.|\\u\{[0-9a-fA-F]+\})'"
    r"|//[^\n]*"
    r"|/\*(?:.|\n)*?\*/",
)


def after_braces(src, brace):
    """The position after the brace that closes the one at `brace` (braces
    inside strings, chars and comments do not count); the end of `src` if
    none does."""
    depth = 0
    p = brace
    while p < len(src):
        m = TOKEN.match(src, p)
        if m:
            p = m.end()
            continue
        c = src[p]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return p + 1
        p += 1
    return len(src)


def strip_cfg_test(src):
    """Removes every item marked #[cfg(test)] (to the end of its braces or
    its semicolon)."""
    out = []
    i = 0
    while True:
        j = src.find("#[cfg(test)]", i)
        if j < 0:
            out.append(src[i:])
            return "".join(out)
        out.append(src[i:j])
        k = j + len("#[cfg(test)]")
        # the item runs to the first `;` or to the brace matching the first `{`
        semi = src.find(";", k)
        brace = src.find("{", k)
        if brace < 0 or (0 <= semi < brace):
            nxt = semi + 1 if semi >= 0 else len(src)
            out.append("\n" * src.count("\n", j, nxt))
            i = nxt
            continue
        p = after_braces(src, brace)
        # keep the line count, so that later literals keep their line numbers
        out.append("\n" * src.count("\n", j, p))
        i = p


def literals(src):
    """(line, literal) of every counted literal of `src`."""
    kept = strip_cfg_test(src)
    out = []
    for m in TOKEN.finditer(kept):
        t = m.group(0)
        if not t.startswith("/") and CJK.search(t):
            out.append((kept.count("\n", 0, m.start()) + 1, t))
    return out


def count(src):
    return len(literals(src))


def main(argv):
    root = "crates"
    limit = None
    top = 40
    listing = False
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--max":
            limit = int(args.pop(0))
        elif a == "--list":
            listing = True
        elif a == "--top":
            top = int(args.pop(0))
        else:
            root = a
    per = collections.Counter()
    for d, dirs, files in os.walk(root):
        dirs[:] = [x for x in dirs if x not in ("tests", "benches", "target")]
        for f in files:
            if not f.endswith(".rs") or f == "tests.rs" or f.endswith("_tests.rs"):
                continue
            p = os.path.join(d, f)
            with open(p, encoding="utf8") as fh:
                found = literals(fh.read())
            n = len(found)
            if listing:
                for line, t in found:
                    print(f"{p}:{line}\t{t}")
            if n:
                per[p] = n
    total = sum(per.values())
    for p, n in per.most_common(top):
        print(n, p)
    print("total", total)
    if limit is not None and total > limit:
        print(f"more than {limit} Chinese literals in non-test Rust: move word lists to lexicon/", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
