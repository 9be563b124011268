#!/usr/bin/env python3
"""Which CAMEO codes of a codebook have no verb pattern (issue #16).

Reads the codebook (default ../shared/reference/cameo_codes.tsv, first
column the code) and lexicon/verbs.tsv, and prints the pattern count, the
number of codes with at least one pattern, the codes without one (root-level
two-digit codes are listed apart: news is coded at a more specific level),
and the patterns per root.

Usage: scripts/cameo_coverage.py [--codes FILE] [--verbs FILE]
"""
import argparse
import collections


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--codes", default="../shared/reference/cameo_codes.tsv")
    ap.add_argument("--verbs", default="lexicon/verbs.tsv")
    a = ap.parse_args()
    codes = {}
    with open(a.codes, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if c and c[0].isdigit():
                codes[c[0]] = c[1] if len(c) > 1 else ""
    used = collections.Counter()
    with open(a.verbs, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(c) < 2 or c[0] in ("", "pattern"):
                continue
            used[c[1]] += 1
    missing = [c for c in codes if c not in used]
    print(f"patterns: {sum(used.values())}")
    print(f"codes with a pattern: {sum(1 for c in codes if c in used)} of {len(codes)}")
    print("without a pattern (specific):",
          " ".join(f"{c} {codes[c]};" for c in missing if len(c) > 2) or "none")
    print("without a pattern (root level):", " ".join(c for c in missing if len(c) == 2))
    per_root = collections.Counter()
    for code, n in used.items():
        per_root[code[:2]] += n
    print("per root:", " ".join(f"{r}:{per_root[r]}" for r in sorted(per_root)))


if __name__ == "__main__":
    main()
