#!/usr/bin/env python3
"""Legislators without a Chinese label in EveryPolitician, named in a corpus
with a Latin gloss (`中文名（Latin Name）`): candidates for review, then
batch lines for `scripts/apply_people.py --corpus …`.

  scripts/ep_glosses.py candidates EP_ROOT CORPUS… > candidates.tsv
      every gloss whose Latin name is, whole, the name of exactly one
      EveryPolitician legislator not yet listed, printed when some gloss's
      left context holds a title (议员, 部长…) or the legislator's state;
      columns: EP name, ISO3, house, glossed strings with counts.
  scripts/ep_glosses.py batch EP_ROOT REVIEWED.tsv > batch.tsv
      REVIEWED: `EP name<TAB>id<TAB>forms` lines written in review (forms as
      printed before the gloss, without titles or context; a bare surname
      only of three characters or more that names nobody else in the
      corpus), optionally followed by `R<TAB>id<TAB>title<TAB>of<TAB>start<TAB>end`
      lines for offices that are public facts. Seats come from the
      snapshot's memberships (as in ep_legislators.py).

The gloss attests the form; apply_people.py --corpus checks every form is
printed in the corpus. Review reads each form's contexts: a count is not an
attestation (里斯特 sits in 麦克里斯特尔, 古滕贝格 is also the printer).
"""

import collections
import csv
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import ep_legislators as E  # noqa: E402
import mine_people as mp  # noqa: E402

GLOSS = re.compile(r"([\u4e00-\u9fff·]{2,16})[（(]([A-Z][A-Za-z.'\- ]{3,40})[)）]")
CUES = ["议员", "众议员", "参议员", "议长", "部长", "大臣", "总理", "首相", "外长", "财长", "党魁", "领袖",
        "主席", "总统", "州长"]


def term_files(house_dir):
    """uuid → (name, terms) from `term-*.csv` where the popolo file is missing."""
    out = {}
    for r, term in E.term_rows(house_dir):
        out.setdefault(r["id"], (r["name"], []))[1].append(term)
    return out


def members(root):
    """English name key → [(ISO3, house, name, terms)] of every legislator."""
    en2iso = {r["en"].replace(" ", "_").lower(): r["iso3"] for r in E.rows("countries.tsv")}
    out = collections.defaultdict(list)
    for house_dir in sorted(glob.glob(os.path.join(root, "data", "*", "*"))):
        country, house = house_dir.split(os.sep)[-2:]
        iso = E.FOLDERS.get(country.lower()) or en2iso.get(country.lower())
        pop = os.path.join(house_dir, "ep-popolo-v1.0.json")
        if not iso or country in E.SKIP_HOUSES or not os.path.isdir(house_dir):
            continue
        if not os.path.exists(pop):
            for name, ts in term_files(house_dir).values():
                k = E.nkey(name)
                if len(k.split()) >= 2:
                    out[k].append((iso, house, name, ts))
            continue
        d = json.load(open(pop, encoding="utf-8"))
        periods = {e["id"]: (e.get("start_date", ""), e.get("end_date", ""))
                   for e in d.get("events", []) if e.get("classification") == "legislative period"}
        terms = collections.defaultdict(list)
        for m in d.get("memberships", []):
            ps, pe = periods.get(m.get("legislative_period_id"), ("", ""))
            terms[m["person_id"]].append((m.get("start_date") or ps, m.get("end_date") or pe,
                                          m.get("legislative_period_id", "")))
        for p in d["persons"]:
            k = E.nkey(p.get("name", ""))
            if len(k.split()) >= 2:
                out[k].append((iso, house, p.get("name", ""), terms[p["id"]]))
    return out


def candidates(root, corpora):
    _, t2s = mp.load_opencc()
    trans = str.maketrans(t2s)
    glosses = collections.defaultdict(collections.Counter)
    for path in corpora:
        for line in open(path, encoding="utf-8", errors="replace"):
            for m in GLOSS.finditer(line.partition("\t")[2].translate(trans)):
                glosses[E.nkey(m.group(2))][m.group(1)] += 1
    listed = {(E.nkey(r["latin"]), r["country"]) for r in E.rows("people.tsv")}
    cn = collections.defaultdict(list)
    for r in E.rows("countries.tsv"):
        cn[r["iso3"]] += [mp.convert(n, t2s) for n in r["names"].split("|") if len(n) >= 2]
    w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    for k, ms in sorted(members(root).items()):
        if k not in glosses or len({(m[0], m[2]) for m in ms}) != 1 or (k, ms[0][0]) in listed:
            continue
        iso, house, name, _ = ms[0]
        g = glosses[k]
        if any(c in s for s in g for c in CUES + cn[iso]):
            w.writerow([name, iso, house, " / ".join("%s:%d" % kv for kv in g.most_common(6))])


def batch(root, reviewed):
    ms = members(root)
    w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    for line in open(reviewed, encoding="utf-8"):
        c = line.rstrip("\n").split("\t")
        if not c[0] or c[0].startswith("#"):
            continue
        if c[0] == "R":
            w.writerow(c)
            continue
        name, pid, forms = c[:3]
        found = ms.get(E.nkey(name))
        if not found:
            continue
        iso, house, _, terms = found[0]
        w.writerow(["P", pid, name.title() if name.split()[0].isupper() else name, iso, forms])
        title = E.HOUSE_TITLE.get((iso, house), "senator" if house == "Senate" else "representative")
        seats = {}
        for s, e, period in terms:
            s, e = E.fix_date(s), E.fix_date(e) or E.OPEN_ENDS.get((iso, period), "")
            if s and e and s <= e:
                a = seats.get(period)
                seats[period] = (min(a[0], s), max(a[1], e)) if a else (s, e)
        for s, e in sorted(seats.values()):
            w.writerow(["R", pid, title, iso, s, e])


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[1] not in ("candidates", "batch"):
        sys.exit(__doc__)
    if sys.argv[1] == "candidates":
        candidates(sys.argv[2], sys.argv[3:])
    else:
        batch(sys.argv[2], sys.argv[3])
