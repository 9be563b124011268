#!/usr/bin/env python3
"""Run the sentence suite (crates/events/tests/suite.tsv) through the built
binary with a run-time lexicon folder, without rebuilding: each sentence goes
through `shiju explain --lexicon DIR` (after a neutral padding paragraph, as
explain rejects texts under the article minimum), and the coded events are
compared with the expected ones. Also prints the per-root pattern counts of
a verbs.tsv.

Usage: scripts/suite_check.py [--lexicon DIR] [--suite FILE] [--verbs FILE]
"""
import argparse
import collections
import re
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lexicon_overlay import pattern_rows  # noqa: E402  (verbs.tsv's rows)

PAD = "这是一段用于测试的普通说明文字，其中没有任何人物和机构，也没有任何时间。\n\n"
EV = re.compile(r"⇒ (\S+) (\S+)→(\S+) (\d+)")


def coded(shiju, lexicon, sentence, date):
    cmd = [shiju, "explain", "--published", date]
    if lexicon:
        cmd += ["--lexicon", lexicon]
    cmd.append(PAD + sentence.replace("\\n", "\n"))
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    return [(f"{m.group(2)}>{m.group(3)}:{m.group(4)}", m.group(1)) for m in EV.finditer(out)]


def roots(verbs):
    with open(verbs, encoding="utf-8") as f:
        return collections.Counter(c[1][:2] for c in pattern_rows(f.read()) if len(c) >= 2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lexicon")
    ap.add_argument("--suite", default="crates/events/tests/suite.tsv")
    ap.add_argument("--verbs", default="lexicon/verbs.tsv")
    ap.add_argument("--shiju", default="target/release/shiju")
    ap.add_argument("--from-line", type=int, default=0)
    a = ap.parse_args()
    fails = total = none = 0
    with open(a.suite, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if i < a.from_line or not line.strip() or line.startswith("#"):
                continue
            s, d, e = line.rstrip("\n").split("\t")[:3]
            total += 1
            got = coded(a.shiju, a.lexicon, s, d)
            want, dated = set(), []
            if e == "NONE":
                none += 1
            else:
                for item in e.split():
                    ev, _, dt = item.partition("@")
                    want.add(ev)
                    if dt:
                        dated.append((ev, dt))
            have = {g[0] for g in got}
            if have != want or not all(any(g == (ev, dt) for g in got) for ev, dt in dated):
                fails += 1
                print(f"suite.tsv:{i}: {s}\n    want {e}\n    got  {' '.join(g[0] + '@' + g[1] for g in got) or 'NONE'}")
    print(f"{fails} of {total} fail; {none} must code nothing")
    n = roots(a.verbs)
    print("patterns:", sum(n.values()), " ".join(f"{k}:{v}" for k, v in sorted(n.items())))


if __name__ == "__main__":
    sys.exit(main())
