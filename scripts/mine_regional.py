#!/usr/bin/env python3
"""Mine Taiwan / Hong Kong / Singapore office-holders printed `title + name`.

Reads a dated corpus (`YYYY-MM-DD<TAB>text`, simplified script, e.g. the
dumps of the waimei and Citizen News archives; never committed) and prints,
for every three-character Chinese name (a listed one-character surname +
two characters) printed right after one of the region's titles, a candidate
line for review:

  name  key  of  n_title  n_total  first  last  terms  latin-id  contexts

* `n_title` counts the name after the title not preceded by 前/时任/原;
  `n_total` counts the name anywhere (a low share is a namesake risk);
* `terms` lists the legislative/council terms (public dates, TERMS) the
  dated title mentions fall in, e.g. `LY10:5,LY9:2`;
* `latin-id` is a draft id: Wade-Giles (lexicon/pinyin.tsv) for Taiwan,
  Hong Kong Government Cantonese romanisation (the `cantonese-romanisation`
  package's table, when installed) for Hong Kong; people whose own spelling
  differs get it by hand in review.

Names the lexicon already lists are left out. The output is a draft: each
candidate is reviewed (a person, the right office, not a word) before rows
are written (scripts/apply_people.py).

Usage: scripts/mine_regional.py --region HKG|TWN|SGP CORPUS [--min 2] [--former]
"""

import argparse
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LEX = os.path.join(HERE, "..", "lexicon")
sys.path.insert(0, HERE)
import mine_people as mp  # noqa: E402

# (title regex, role key) per region; the title must directly precede the name.
TITLES = {
    "HKG": [
        (r"立法会议员", "legislator"),
        (r"(?:民主派|建制派|泛民|自由党|民建联|工联会|公民党|民主党|工党|新民党|经民联|人民力量|社民连|议会阵线)议员", "legislator"),
        (r"区议员|区议会主席|区议会副主席", "councillor"),
        (r"行政会议成员|行会成员|行会召集人", "exco"),
        (r"局长|司长|处长|署长|专员", "official"),
    ],
    "TWN": [
        (r"立委|立法委员", "legislator"),
        (r"(?:台北|新北|桃园|台中|台南|高雄|基隆|新竹|嘉义)市长", "mayor"),
        (r"(?:宜兰|新竹|苗栗|彰化|南投|云林|嘉义|屏东|台东|花莲|澎湖|金门|连江)县长", "county_magistrate"),
        (r"(?:台北|新北|桃园|台中|台南|高雄)市议员|议员", "councillor"),
        (r"部长|主委|署长|院长|秘书长|发言人|党主席|主席", "official"),
    ],
    "SGP": [
        (r"(?:高级)?政务部长|(?:第二)?部长|国务部长|兼任部长|总理公署部长", "minister"),
        (r"国会议员|议员|官委议员|非选区议员", "representative"),
    ],
}

# Terms (public dates): first day, day after the last.
TERMS = {
    "HKG": {
        "legislator": [("LC3", "2004-10-01", "2008-10-01"), ("LC4", "2008-10-01", "2012-10-01"),
                       ("LC5", "2012-10-01", "2016-10-01"), ("LC6", "2016-10-01", "2022-01-01"),
                       ("LC7", "2022-01-01", "2026-01-01")],
        "councillor": [("DC4", "2012-01-01", "2016-01-01"), ("DC5", "2016-01-01", "2020-01-01"),
                       ("DC6", "2020-01-01", "2024-01-01")],
    },
    "TWN": {
        "legislator": [("LY7", "2008-02-01", "2012-02-01"), ("LY8", "2012-02-01", "2016-02-01"),
                       ("LY9", "2016-02-01", "2020-02-01"), ("LY10", "2020-02-01", "2024-02-01"),
                       ("LY11", "2024-02-01", "2028-02-01")],
        "mayor": [("M14", "2014-12-25", "2018-12-25"), ("M18", "2018-12-25", "2022-12-25"),
                  ("M22", "2022-12-25", "2026-12-25")],
        "county_magistrate": [("M14", "2014-12-25", "2018-12-25"), ("M18", "2018-12-25", "2022-12-25"),
                              ("M22", "2022-12-25", "2026-12-25")],
        "councillor": [("C14", "2014-12-25", "2018-12-25"), ("C18", "2018-12-25", "2022-12-25")],
    },
}


def tsv_rows(name):
    with open(os.path.join(LEX, name), encoding="utf-8") as f:
        head = None
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if head is None:
                head = fields
                continue
            yield dict(zip(head, fields))


def t2s_chars():
    """Traditional → simplified character table (OpenCC, lexicon/opencc)."""
    return mp.load_opencc()[1]


def listed_forms():
    t2s = t2s_chars()
    forms = set()
    for r in tsv_rows("people.tsv"):
        for f in r["forms"].split("|"):
            forms.add("".join(t2s.get(c, c) for c in f))
    return forms


def wade_giles():
    out = {}
    for r in tsv_rows("pinyin.tsv"):
        if len(r.get("char", "")) == 1:
            out[r["char"]] = r.get("wade_giles", "") or r.get("pinyin", "")
    return out


def cantonese():
    try:
        import cantoroman  # noqa: F401
    except ImportError:
        return {}
    path = os.path.join(os.path.dirname(cantoroman.__file__), "data", "charToRoman.json")
    with open(path, encoding="utf-8") as f:
        table = json.load(f)
    s2t = mp.load_opencc()[0]
    out = {}
    for ch in set(table) | set(s2t):
        t = s2t.get(ch, ch)
        rs = table.get(t) or table.get(ch)
        if rs:
            # The Government's spelling prefers k/ch/ts over g/j/z.
            rs = sorted(rs, key=lambda r: r[0] in "gjz")
            out[ch] = rs[0]
    return out


def draft_id(name, region, wg, canto):
    table = wg if region == "TWN" else canto
    parts = [table.get(c, "?") for c in name]
    if region == "HKG":
        return "-".join([parts[0]] + parts[1:])
    return "-".join([parts[0], "-".join(parts[1:])])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--region", required=True, choices=sorted(TITLES))
    ap.add_argument("--min", type=int, default=2)
    ap.add_argument("--former", action="store_true",
                    help="count only mentions after 前/时任/原/卸任 (former holders)")
    ap.add_argument("corpus")
    a = ap.parse_args()
    surnames = {r["surname"] for r in tsv_rows("surnames.tsv") if r.get("kind") == "chinese"}
    known = listed_forms()
    cjk = "[\u4e00-\u9fff]"
    pats = [(re.compile("(前|时任|原|卸任)?(" + t + ")(" + cjk + "{3})"), k) for t, k in TITLES[a.region]]
    hits = collections.defaultdict(list)  # (name, key) -> [(date, ctx)]
    lines = []
    with open(a.corpus, encoding="utf-8", errors="replace") as f:
        for line in f:
            date, _, text = line.partition("\t")
            lines.append(text)
            for p, key in pats:
                for m in p.finditer(text):
                    name = m.group(3)
                    if name[0] not in surnames or name in known:
                        continue
                    if bool(m.group(1)) != a.former:
                        continue
                    ctx = text[max(0, m.start() - 8):m.end() + 6].replace("\n", " ")
                    hits[(name, key)].append((date[:10], m.group(2), ctx))
    cands = {k: v for k, v in hits.items() if len(v) >= a.min}
    names = {n for n, _ in cands}
    total = collections.Counter()
    if names:
        rx = re.compile("|".join(sorted(names, key=len, reverse=True)))
        for text in lines:
            for m in rx.finditer(text):
                total[m.group(0)] += 1
    wg, canto = wade_giles(), cantonese()
    for (name, key), hs in sorted(cands.items(), key=lambda kv: -len(kv[1])):
        dates = sorted(d for d, _, _ in hs)
        terms = collections.Counter()
        for d in dates:
            for tid, s, e in TERMS.get(a.region, {}).get(key, []):
                if s <= d < e:
                    terms[tid] += 1
        titles = collections.Counter(t for _, t, _ in hs).most_common(2)
        ctxs = " ‖ ".join(c for _, _, c in hs[:3])
        print("\t".join([
            name, key, a.region, str(len(hs)), str(total[name]), dates[0], dates[-1],
            ",".join(f"{t}:{n}" for t, n in terms.most_common()),
            draft_id(name, a.region, wg, canto),
            "/".join(t for t, _ in titles), ctxs,
        ]))


if __name__ == "__main__":
    sys.exit(main())
