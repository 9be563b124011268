#!/usr/bin/env python3
"""Rewrites CJK/full-width punctuation char literals in Rust files to the
named constants of `shiju_text::punct` (issue #21), adding the `use`.

Usage: scripts/punct_names.py FILE.rs...

Comments, string literals and files under tests/ are left alone; a file of
the shiju-text crate imports `crate::punct`, any other `shiju_text::punct`.
"""
import re
import sys

from count_literals import TOKEN  # the same tokens as the count

NAMES = {}
PUNCT = "crates/text/src/punct.rs"
CONST = re.compile(r"pub const (\w+): char = '(.)';")


def rewrite(path):
    src = open(path, encoding="utf8").read()
    out, last, n = [], 0, 0
    for m in TOKEN.finditer(src):
        t = m.group(0)
        # a lifetime ('a) is not a char literal; the regex needs the closing quote
        if len(t) == 3 and t[0] == "'" and t[2] == "'" and t[1] in NAMES:
            out.append(src[last : m.start()])
            out.append("punct::" + NAMES[t[1]])
            last = m.end()
            n += 1
    if not n:
        return 0
    out.append(src[last:])
    src = "".join(out)
    crate = "crate" if path.startswith("crates/text/") else "shiju_text"
    imp = f"use {crate}::punct;\n"
    if imp not in src:
        lines = src.splitlines(keepends=True)
        at = next((i for i, l in enumerate(lines) if l.startswith("use ")), None)
        if at is None:
            # after the leading doc comment
            at = next((i for i, l in enumerate(lines) if not l.startswith("//")), 0)
            lines.insert(at, "\n")
        lines.insert(at, imp)
        src = "".join(lines)
    open(path, "w", encoding="utf8").write(src)
    return n


def main(files):
    for l in open(PUNCT, encoding="utf8"):
        m = CONST.match(l)
        if m:
            NAMES[m.group(2)] = m.group(1)
    total = 0
    for f in files:
        if f == PUNCT or "/tests/" in f:
            continue
        total += rewrite(f)
    print(total, "literals renamed")


if __name__ == "__main__":
    main(sys.argv[1:])
