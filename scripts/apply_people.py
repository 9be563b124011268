#!/usr/bin/env python3
"""Apply reviewed candidate rows to lexicon/people.tsv and lexicon/roles.tsv.

Input: batch files of `P<TAB>id<TAB>latin<TAB>ISO3<TAB>forms` and
`R<TAB>person<TAB>title<TAB>of<TAB>start<TAB>end[<TAB>elected]` lines (the
format `scripts/mine_people.py --attest` reads), written after review.

`F<TAB>id<TAB>forms` lines add forms to a listed person (another rendering's
label). With `--labels` the batch's forms are attested by their source (a
Wikidata label, scripts/ep_legislators.py) and are not counted in a corpus.

Rules (lexicon/README.md, people.tsv):
* a form is kept only when a dated corpus attests it (`--corpus`, one or more
  files of `YYYY-MM-DD<TAB>text` lines, counted in both scripts); forms that
  are another person's are a conflict and the whole person is skipped;
* a person left with no attested form is dropped, with their roles;
* an `R` line for a listed person adds the term unless the same
  (person, title, of, start) is listed;
* the other script of every kept form is added (the loader normalises);
* the single-holder offices are checked for overlapping terms (as the
  lexicon shape test does) and overlaps are reported.

Counting is not review: a form counted in the corpus may name a namesake or
sit inside a longer word (`派恩` in `阿尔派恩`); review the contexts
(`mine_people.py --attest`) before a batch is applied.

Usage: scripts/apply_people.py (--corpus A.txt --corpus B.txt | --labels) [--dry] BATCH...
"""

import argparse
import collections
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import mine_people as mp  # noqa: E402

LEX = os.path.join(HERE, "..", "lexicon")
SINGLE = {"president", "prime_minister", "chancellor", "foreign_minister", "defence_minister",
          "secretary_of_state", "king", "emir", "sultan", "pope", "secretary_general"}


def counts(forms, corpora):
    """Occurrences of each form (simplified) in the corpora, by fixed-string grep."""
    return mp.grep_fixed(forms, corpora, only_matching=True)


def ymd(s, default):
    if not s:
        return default
    p = [int(x) for x in s.split("-")]
    return tuple(p + [0] * (3 - len(p)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", default=[])
    ap.add_argument("--labels", action="store_true",
                    help="the batch's forms are attested by their source (Wikidata labels): keep them uncounted")
    ap.add_argument("--dry", action="store_true", help="report only; write nothing")
    ap.add_argument("batches", nargs="+")
    args = ap.parse_args()
    s2t, t2s = mp.load_opencc()
    simp = lambda f: mp.convert(f, t2s)
    rows = [l.rstrip("\n").split("\t") for b in args.batches for l in open(b, encoding="utf-8")
            if l.strip() and not l.startswith("#")]
    rows.sort(key=lambda r: r[0] == "F")
    forms = set()
    for r in rows:
        if r[0] in ("P", "F"):
            for f in r[-1].split("|"):
                forms.update((simp(f), mp.convert_name(f, s2t)))
    if not args.corpus and not args.labels:
        ap.error("--corpus or --labels is required")
    cnt = collections.Counter(simp(x) for x in counts(forms, args.corpus).split("\n") if x) if args.corpus else {}
    plines = open(os.path.join(LEX, "people.tsv"), encoding="utf-8").read().rstrip("\n").split("\n")
    rlines = open(os.path.join(LEX, "roles.tsv"), encoding="utf-8").read().rstrip("\n").split("\n")
    owner, ids = {}, set()
    for l in plines:
        c = l.split("\t")
        if len(c) > 3 and not l.startswith("#") and c[0] != "id":
            ids.add(c[0])
            for f in c[3].split("|"):
                owner.setdefault(simp(f), c[0])
    have = {tuple(l.split("\t")[:4]) for l in rlines}
    newp, newr, dropped, nforms = [], [], set(), []
    for r in rows:
        if r[0] == "P":
            pid, latin, iso, fs = r[1], r[2], r[3], r[4].split("|")
            if pid in ids:
                print("EXISTS", pid)
                dropped.add(pid)
                continue
            conflicts = [(f, owner[simp(f)]) for f in fs if owner.get(simp(f), pid) != pid]
            if conflicts:
                print("CONFLICT", pid, conflicts)
                dropped.add(pid)
                continue
            keep = []
            for f in fs:
                if args.labels or cnt.get(simp(f), 0) >= 1:
                    for v in (f, mp.convert_name(f, s2t)):
                        if v not in keep:
                            keep.append(v)
            if not keep:
                print("UNATTESTED", pid)
                dropped.add(pid)
                continue
            for f in keep:
                owner[simp(f)] = pid
            ids.add(pid)
            newp.append("\t".join([pid, latin, iso, "|".join(keep)]))
        elif r[0] == "F":
            # More forms of a listed person (e.g. another rendering's label).
            pid = r[1]
            add = [f for f in r[2].split("|") if f and owner.get(simp(f), pid) == pid
                   and (args.labels or cnt.get(simp(f), 0) >= 1)]
            for i, l in enumerate(plines):
                c = l.split("\t")
                if c[0] == pid and len(c) > 3:
                    have_f = c[3].split("|")
                    new = [f for f in add if f not in have_f]
                    if new:
                        c[3] = "|".join(have_f + new)
                        plines[i] = "\t".join(c)
                        nforms.extend(new)
                        for f in new:
                            owner[simp(f)] = pid
        elif r[0] == "R" and r[1] not in dropped:
            if r[1] not in ids:
                print("NOPERSON", r[1])
                continue
            rr = (r + [""] * 6)[1:7]
            if tuple(rr[:4]) not in have:
                have.add(tuple(rr[:4]))
                newr.append("\t".join(rr))
    print("people", len(newp), "roles", len(newr), "forms of listed people", len(nforms))
    by = collections.defaultdict(list)
    for l in rlines + newr:
        c = (l.split("\t") + [""] * 6)[:6]
        if c[0] != "person" and c[1] in SINGLE and c[2]:
            by[(c[1], c[2])].append((ymd(c[3], (0, 0, 0)), ymd(c[4], (9999, 0, 0)), c[0]))
    for k, ts in by.items():
        for i, a in enumerate(ts):
            for b in ts[i + 1:]:
                if a[0] < b[1] and b[0] < a[1]:
                    print("OVERLAP", k, a[2], b[2])
    if not args.dry:
        with open(os.path.join(LEX, "people.tsv"), "w", encoding="utf-8") as f:
            f.write("\n".join(plines + newp) + "\n")
        with open(os.path.join(LEX, "roles.tsv"), "w", encoding="utf-8") as f:
            f.write("\n".join(rlines + newr) + "\n")


if __name__ == "__main__":
    main()
