#!/usr/bin/env python3
"""Members of Taiwan's 8th Legislative Yuan (2012-02-01 – 2016-02-01) whose
Wikidata label the snapshot's `Taiwan/Legislative_Yuan/sources/morph/wikidata.csv`
holds (that file lists the members of the 8th term) but whom neither the
popolo file nor the Wade-Giles join of scripts/ep_legislators.py gave: batch
lines for `scripts/apply_people.py --labels`, id and Latin name in
Wade-Giles (lexicon/pinyin.tsv), as Taiwan writes its people's names.

Usage: scripts/ep_taiwan_ly.py /path/to/everypolitician-data > batch.tsv
"""

import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import ep_legislators as E  # noqa: E402
import mine_people as mp  # noqa: E402


def main():
    root = sys.argv[1]
    _, t2s = mp.load_opencc()
    simp = lambda x: mp.convert(x, t2s)  # noqa: E731
    E.WG.update(E.wade_giles())
    E.T2S.update(t2s)
    owner = {simp(f): r["id"] for r in E.rows("people.tsv") for f in r["forms"].split("|")}
    single = {r["surname"] for r in E.rows("surnames.tsv") if r["kind"] == "chinese"}
    ids = {r["id"] for r in E.rows("people.tsv")}
    path = os.path.join(root, "data", "Taiwan", "Legislative_Yuan", "sources", "morph", "wikidata.csv")
    w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    for r in csv.DictReader(open(path, encoding="utf-8")):
        labels = [v.strip() for k, v in r.items() if k and k.startswith("name__zh") and v and v.strip()]
        forms = E.label_forms(labels + [r["name"]], simp, single, set())
        if not forms or any(simp(f) in owner for f in forms):
            continue
        z = simp(forms[0])
        if len(z) != 3 or not all(c in E.WG for c in z):
            continue
        pid = "-".join(E.WG[c] for c in z)
        if pid in ids:
            continue
        ids.add(pid)
        w.writerow(["P", pid, "%s %s-%s" % (E.WG[z[0]].title(), E.WG[z[1]].title(), E.WG[z[2]]), "TWN",
                    "|".join(forms)])
        w.writerow(["R", pid, "legislator", "TWN", "2012-02-01", "2016-02-01"])


if __name__ == "__main__":
    main()
