#!/usr/bin/env python3
"""Give people added since a commit the ids of the id rule (lexicon/README.md,
people.tsv): the surname alone (`mccain`, `corbyn`, `le-pen`), unless another
person of the file or of the batch has it, or it is a common surname; then
the whole name (`john-mccain`). Chinese, Korean, Vietnamese and other East
Asian names keep the whole name. Only ids that are the whole-name slug of the
person's Latin name (as scripts/ep_legislators.py writes them) are changed;
every file given after the commit is rewritten (roles, tests, reviewed
batches).

Usage: scripts/reid_people.py SINCE_COMMIT FILE...
"""

import collections
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import ep_legislators as E  # noqa: E402

PARTICLES = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "le", "la", "du", "dos", "das",
             "zu", "ter", "ten", "mac", "st", "al", "el", "bin", "ibn", "abu"}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
# Surnames that name many people in news: the whole name stays the id.
COMMON = {"smith", "johnson", "brown", "jones", "williams", "lee", "lewis", "scott", "young", "king", "hunt",
          "green", "white", "wilson", "taylor", "moore", "clark", "walker", "hall", "allen", "wright", "hill",
          "davis", "miller", "jackson", "thompson", "martin", "roberts", "turner", "adams", "baker", "nelson",
          "carter", "mitchell", "campbell", "evans", "edwards", "collins", "stewart", "morris", "murphy", "cook",
          "rogers", "morgan", "cooper", "peterson", "bailey", "reed", "kelly", "howard", "cox", "ward", "price",
          "jensen", "hansen", "nielsen", "larsen", "andersen", "olsen", "schmidt", "schneider", "fischer",
          "weber", "meyer", "wagner", "becker", "schulz", "hoffmann", "koch", "richter", "klein", "wolf",
          "ahmed", "ahmad", "ali", "khan", "hassan", "hussein", "ibrahim", "abdullah", "mohamed", "muhammad",
          "rahman", "ismail", "othman", "osman", "omar", "yusof", "hamid", "aziz", "abdul", "bakar", "salleh",
          "martinez", "garcia", "rodriguez", "lopez", "gonzalez", "perez", "sanchez", "fernandez", "gomez",
          "ramos", "silva", "santos", "costa", "pereira", "rossi", "russo", "ferrari", "bianchi", "romano",
          "novak", "horvat", "kowalski", "nowak", "petrov", "ivanov", "popov", "dimitrov", "georgiev",
          "bishop", "stone", "long", "best", "rich", "may", "bell", "wood", "ford", "fox", "cotton", "gray",
          "owen", "bass", "buck", "sweet", "foot", "short", "field", "lord", "page", "hope", "love", "day"}


def tokens(latin):
    return [t for t in re.split(r"[^a-z'-]+", E.ascii_of(latin).lower().replace("'", "")) if t]


def surname(latin):
    """The surname slug of a Latin name: an all-capitals word (EveryPolitician
    writes `SALVINI Matteo`), else the last word, with its particles."""
    raw = [w for w in re.split(r"[\s,]+", E.ascii_of(latin)) if w]
    caps = [w for w in raw if w.isupper() and len(w.strip(".")) > 1 and w.lower().strip(".") not in SUFFIXES]
    if caps and len(caps) < len(raw):
        return "-".join(w.lower() for w in caps)
    ws = [w.lower().strip(".") for w in raw if w.lower().strip(".") not in SUFFIXES]
    ws = [w for w in ws if len(w) > 1]
    if not ws:
        return ""
    out = [ws[-1]]
    i = len(ws) - 2
    while i >= 1 and ws[i] in PARTICLES:
        out.insert(0, ws[i])
        i -= 1
    return re.sub(r"[^a-z-]", "", "-".join(out))


def whole(latin):
    toks = re.findall(r"[a-z]+", E.ascii_of(latin).lower())
    toks = [t for t in toks if len(t) > 1 and t not in SUFFIXES] or toks
    return "-".join(toks)


def main():
    since, files = sys.argv[1], sys.argv[2:]
    old = subprocess.run(["git", "show", since + ":lexicon/people.tsv"], capture_output=True, text=True,
                         cwd=os.path.join(HERE, "..")).stdout
    old_ids = {l.split("\t")[0] for l in old.splitlines() if l and not l.startswith("#")}
    people = E.rows("people.tsv")
    new = [r for r in people if r["id"] not in old_ids and r["id"] == whole(r["latin"])
           and r["country"] not in E.EAST_ASIAN]
    cand = {r["id"]: surname(r["latin"]) for r in new}
    count = collections.Counter(cand.values())
    # Surnames of every other listed person (their id or last Latin word).
    others = collections.Counter()
    for r in people:
        if r["id"] not in cand:
            others[r["id"]] += 1
            others[surname(r["latin"])] += 1
    rename = {}
    for pid, s in cand.items():
        if "'" in E.ascii_of(next(r["latin"] for r in new if r["id"] == pid)):
            continue
        if s and s != pid and count[s] == 1 and not others[s] and s not in COMMON and len(s) > 2:
            rename[pid] = s
    rx = re.compile(r"(?<![a-z0-9-])(%s)(?![a-z0-9-])" % "|".join(map(re.escape, sorted(rename, key=len, reverse=True))))
    for path in files:
        text = open(path, encoding="utf-8").read()
        out = rx.sub(lambda m: rename[m.group(1)], text)
        if out != text:
            open(path, "w", encoding="utf-8").write(out)
    print(len(rename), "ids changed")


if __name__ == "__main__":
    main()
