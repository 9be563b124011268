#!/usr/bin/env python3
"""Draft deputies of the 12th National People's Congress (2013-03-05 to
2018-03-05) from the EveryPolitician snapshot (CC0; names as the NPC roster
prints them) as `scripts/cn_attest.py` draft lines, for review.

A deputy is drafted when the name cannot be read as anyone else in the two
corpora: three characters or more (minority names with `·` are left out: their ids are not the characters' pinyin), and either
never printed in the corpora, or printed at least `--min` times always (share
`--share`) beside a title or body word (cn_attest.CONTEXT). Deputies of Hong
Kong are left to the Hong Kong block; Macao's deputies act for Macao. Ids are
the pinyin of the name (lexicon/pinyin.tsv, surname readings), skipped when
the id or the name is already listed or when two deputies share it.

With `--given`, deputies whose given name the corpora print `--max-given`
times or more in any context are left out too (建国, 和平, 志强: names shared
by many, or ordinary words).

Usage: scripts/cn_npc.py --ep EP_GIT_DIR --corpus A --corpus B [--given COUNTS] > DRAFT
"""

import argparse
import collections
import csv
import io
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cn_attest  # noqa: E402
import mine_people as mp  # noqa: E402

LEX = os.path.join(HERE, "..", "lexicon")
TERM = "representative@2013-03-05@2018-03-05@CHN"


def pinyin():
    table = {}
    for line in open(os.path.join(LEX, "pinyin.tsv"), encoding="utf-8"):
        if line.startswith("#") or "\t" not in line:
            continue
        c, py = line.rstrip("\n").split("\t")[:2]
        table[c] = py
    return table


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ep", required=True)
    ap.add_argument("--corpus", action="append", required=True)
    ap.add_argument("--min", type=int, default=3)
    ap.add_argument("--share", type=float, default=0.8)
    ap.add_argument("--given", help="`count<space>given-name` lines (the given names' hits in the corpora, "
                    "e.g. `grep -ohF -f GIVEN A B | sort | uniq -c`): deputies whose given name is printed "
                    "--max-given times or more are left out (common given names and words)")
    ap.add_argument("--max-given", type=int, default=5)
    args = ap.parse_args()
    _, t2s = mp.load_opencc()
    out = subprocess.run(["git", "--git-dir=" + args.ep, "show", "HEAD:data/China/Congress/term-12.csv"],
                         capture_output=True, text=True).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    names = collections.Counter(r["name"] for r in rows)
    py = pinyin()
    have_ids, have_forms = set(), set()
    for line in open(os.path.join(LEX, "people.tsv"), encoding="utf-8"):
        c = line.rstrip("\n").split("\t")
        if len(c) > 3 and c[0] != "id":
            have_ids.add(c[0])
            have_forms.update(mp.convert(f, t2s) for f in c[3].split("|"))
    cands = [r for r in rows if names[r["name"]] == 1 and r["area"] != "香港特别行政区"
             and (len(r["name"]) >= 3) and mp.convert(r["name"], t2s) not in have_forms]
    forms = {r["name"] for r in cands}
    total, ctx = collections.Counter(), collections.Counter()
    for text, m in cn_attest.matches(forms, args.corpus):
        k = m.group(0)
        total[k] += 1
        before = cn_attest.SENT_END.split(text[max(0, m.start() - 40):m.start()])[-1]
        if cn_attest.CONTEXT.search(before + "\u3000" + text[m.end():m.end() + 6]):
            ctx[k] += 1
    given = {}
    if args.given:
        for line in open(args.given, encoding="utf-8"):
            f = line.split()
            if len(f) == 2:
                given[f[1]] = int(f[0])
    ids = collections.Counter()
    drafted = []
    for r in cands:
        n = r["name"]
        if total[n] and not (ctx[n] >= args.min and ctx[n] >= args.share * total[n]):
            continue
        if given.get(n[1:], 0) >= args.max_given:
            continue
        if "·" in n:
            continue  # minority names: their own romanisation is not the characters' pinyin
        syl = [py.get(c) for c in n]
        if not all(syl):
            continue
        pid = syl[0] + "-" + "".join(syl[1:])
        latin = syl[0].capitalize() + " " + "".join(syl[1:]).capitalize()
        drafted.append((pid, latin, "MAC" if r["area"] == "澳门特别行政区" else "CHN", n))
        ids[pid] += 1
    for pid, latin, iso, n in drafted:
        if ids[pid] > 1 or pid in have_ids:
            continue
        print(f"{pid};{latin};{iso};{n};{TERM}")


if __name__ == "__main__":
    main()
