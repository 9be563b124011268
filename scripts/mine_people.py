#!/usr/bin/env python3
"""Mine candidate rows for lexicon/people.tsv and lexicon/roles.tsv.

Sources (never committed; pass local copies):

* EveryPolitician data (CC0), a checkout of
  github.com/everypolitician/everypolitician-data: for every legislature,
  `data/<Country>/<House>/ep-popolo-v1.0.json` (people with their names in
  other languages, `other_names[].lang` = `zh`, `zh-hans`, `zh-hant`,
  `zh-cn`, `zh-tw`, `zh-hk`…) and `unstable/positions.csv` (offices held, from
  Wikidata: `Prime Minister of Japan`, `Minister for Foreign Affairs`…).
PETRARCH2's actor dictionaries (MIT) date offices up to 2014 but give English
names only; they are not read here.

Output: two TSV blocks on stdout, `people` and `roles` rows in the columns
of the lexicon files, for people who held a head-of-state, head-of-government,
foreign-minister or defence-minister office ending in or after `--since`
(default 2015). Rows whose id or forms the lexicon already holds are left
out. Every form is given in simplified and traditional script (OpenCC's
character tables in lexicon/opencc). The rows are candidates: a person
reviews each one (name, dates) before it goes into the lexicon, and the
source line stays in lexicon/README.md and NOTICE.

Usage:
  scripts/mine_people.py --ep /path/to/everypolitician-data \
      [--since 2015] [--countries Japan,Germany]
"""

import argparse
import csv
import glob
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
LEX = os.path.join(HERE, "..", "lexicon")

# Offices mined, as (role key of roles.tsv, regular expression on the
# English position label of Wikidata/EveryPolitician).
OFFICES = [
    ("president", re.compile(r"^President of (the )?(?!the (Senate|Chamber|Assembly|Council))", re.I)),
    ("prime_minister", re.compile(r"^(Prime Minister|Premier|Chancellor) of (the )?", re.I)),
    ("foreign_minister", re.compile(r"(Minister|Secretary) (of|for) (Foreign|External) (Affairs|Relations)|Foreign (Minister|Secretary)", re.I)),
    ("defence_minister", re.compile(r"(Minister|Secretary) (of|for) (Defen[cs]e|National Defen[cs]e|the Armed Forces)|Defen[cs]e Minister", re.I)),
]
ZH_LANGS = {"zh", "zh-hans", "zh-hant", "zh-cn", "zh-tw", "zh-hk", "zh-sg", "zh-mo", "zh-my"}


def load_opencc():
    """Character tables simplified→traditional and traditional→simplified."""
    def table(name):
        t = {}
        with open(os.path.join(LEX, "opencc", name), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or "\t" not in line:
                    continue
                k, v = line.rstrip("\n").split("\t", 1)
                if len(k) == 1:
                    t[k] = v.split(" ")[0]
        return t
    return table("STCharacters.txt"), table("TSCharacters.txt")


def convert(s, table):
    return "".join(table.get(c, c) for c in s)


def slug(latin):
    """person id from a Latin name: the surname, ascii, lower case."""
    s = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    words = [w for w in re.split(r"[^A-Za-z'-]+", s) if w]
    if not words:
        return None
    # EveryPolitician writes some family names in capitals first (ABE Shinzo).
    caps = [w for w in words if w.isupper() and len(w) > 1]
    surname = caps[0] if caps else words[-1]
    return surname.lower().strip("'-")


def existing():
    ids, forms = set(), set()
    with open(os.path.join(LEX, "people.tsv"), encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if not row or row[0].startswith("#") or row[0] == "id" or len(row) < 4:
                continue
            ids.add(row[0])
            forms.update(x for x in row[3].split("|") if x)
    return ids, forms


def zh_names(person):
    out = []
    for on in person.get("other_names", []):
        lang = (on.get("lang") or "").lower()
        name = (on.get("name") or "").strip()
        if lang in ZH_LANGS and name and not re.search(r"[A-Za-z0-9]", name):
            name = name.replace("‧", "·").replace("•", "·").replace("・", "·")
            if name not in out:
                out.append(name)
    return out


def country_iso(popolo, meta_path):
    """ISO3 of the legislature's country from its meta.json, if it says."""
    try:
        with open(meta_path, encoding="utf-8") as f:
            meta = json.load(f)
        return (meta.get("iso3") or meta.get("country_code") or "").upper()[:3]
    except (OSError, ValueError):
        return ""


def mine(ep_root, since, only):
    s2t, t2s = load_opencc()
    have_ids, have_forms = existing()
    people, roles = [], []
    for popolo_path in sorted(glob.glob(os.path.join(ep_root, "data", "*", "*", "ep-popolo-v1.0.json"))):
        house_dir = os.path.dirname(popolo_path)
        country_dir = os.path.basename(os.path.dirname(house_dir))
        if only and country_dir not in only:
            continue
        positions = os.path.join(house_dir, "unstable", "positions.csv")
        if not os.path.exists(positions):
            continue
        held = {}
        with open(positions, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                end = r.get("end_date") or ""
                if end and end[:4] < str(since):
                    continue
                for key, rx in OFFICES:
                    if rx.search(r.get("position") or ""):
                        held.setdefault(r["id"], []).append((key, r.get("start_date") or "", end))
        if not held:
            continue
        with open(popolo_path, encoding="utf-8") as f:
            popolo = json.load(f)
        iso = country_iso(popolo, os.path.join(os.path.dirname(house_dir), "meta.json"))
        for p in popolo.get("persons", []):
            if p.get("id") not in held:
                continue
            names = zh_names(p)
            if not names:
                continue
            pid = slug(p.get("name", ""))
            if not pid or pid in have_ids:
                continue
            forms = []
            for n in names:
                for v in (n, convert(n, t2s), convert(n, s2t)):
                    if v not in forms:
                        forms.append(v)
            if any(f in have_forms for f in forms):
                continue
            have_ids.add(pid)
            people.append((pid, p.get("name", ""), iso, "|".join(forms)))
            for key, start, end in held[p["id"]]:
                roles.append((pid, key, iso, start, end, ""))
    return people, roles


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ep", required=True, help="checkout of everypolitician-data")
    ap.add_argument("--since", type=int, default=2015)
    ap.add_argument("--countries", default="", help="comma-separated EveryPolitician country folders")
    args = ap.parse_args()
    only = {c for c in args.countries.split(",") if c}
    people, roles = mine(args.ep, args.since, only)
    w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    print("# people.tsv candidates (review every row)")
    for row in people:
        w.writerow(row)
    print("# roles.tsv candidates (review every date)")
    for row in roles:
        w.writerow(row)


if __name__ == "__main__":
    main()
