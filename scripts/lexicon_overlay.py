#!/usr/bin/env python3
"""Build a run-time lexicon folder (for `shiju --lexicon DIR`) that turns the
built-in verbs.tsv of the binary (git HEAD or --base) into the working copy:
every working row, plus a `-PATTERN` row for each built-in pattern the working
copy no longer has. Lets a reviewer measure an edited lexicon without a
rebuild.

Usage: scripts/lexicon_overlay.py OUTDIR [--base REV] [--verbs lexicon/verbs.tsv]
"""
import argparse
import os
import subprocess


def pattern_rows(text):
    """The columns of verbs.tsv's pattern rows (comments, blank lines and
    the header left out)."""
    for line in text.splitlines():
        c = line.split("\t")
        if line.startswith("#") or not c[0].strip() or c[0] == "pattern":
            continue
        yield c


def patterns(text):
    return [c[0] for c in pattern_rows(text)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--base", default="HEAD")
    ap.add_argument("--verbs", default="lexicon/verbs.tsv")
    a = ap.parse_args()
    base = subprocess.run(["git", "show", f"{a.base}:{a.verbs}"], capture_output=True,
                          text=True, check=True).stdout
    with open(a.verbs, encoding="utf-8") as f:
        work = f.read()
    gone = set(patterns(base)) - set(patterns(work))
    os.makedirs(a.outdir, exist_ok=True)
    with open(os.path.join(a.outdir, "verbs.tsv"), "w", encoding="utf-8") as f:
        f.write(work.rstrip("\n") + "\n")
        for p in sorted(gone):
            f.write(f"-{p}\t\t\tremoved\n")
    print(f"{len(gone)} built-in patterns removed")


if __name__ == "__main__":
    main()
