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
  scripts/mine_people.py --corpus items.tsv [--min-count 3] [--ambassadors]

`--corpus` reads a dated corpus (one item a line, `YYYY-MM-DD<TAB>text`, e.g.
dumped from a feed archive) and prints candidates `state + title + name`
(or, with `--ambassadors`, `state + 驻 + host + 大使 + name`) with their count,
state, title, first and last date and a Latin gloss when the corpus prints
one; names the lexicon already lists are left out. Only reviewed rows go into
the lexicon (see lexicon/README.md, people.tsv).

`--attest CANDIDATES --corpus items.tsv` checks drafted rows before review:
CANDIDATES holds lines `P<TAB>id<TAB>latin<TAB>ISO3<TAB>forms` (people.tsv
columns) and `R<TAB>person<TAB>title<TAB>of<TAB>start<TAB>end` (roles.tsv
columns). Every form is counted in the corpus in both scripts, with the most
frequent contexts (a dozen characters either side), so that only forms the
corpus attests for that person (not a namesake, a place or a common word)
go into the lexicon; people left with no attested form are dropped.
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


def grep_fixed(forms, corpora, only_matching=False):
    """`grep -F` of FORMS over the corpus files: the lines that hold any of
    them, or with `only_matching` each occurrence alone (one per line)."""
    import subprocess
    import tempfile
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("\n".join(sorted(forms)) + "\n")
        path = f.name
    try:
        flags = "-ohF" if only_matching else "-hF"
        out = subprocess.run(["grep", flags, "-f", path] + list(corpora),
                             capture_output=True, text=True, errors="replace").stdout
    finally:
        os.unlink(path)
    return out


def convert(s, table):
    return "".join(table.get(c, c) for c in s)


# Surnames that OpenCC's character table turns into another character's
# traditional form (于→於, 余→餘, 范→範, 岳→嶽, 朴→樸, 占→佔): as surnames
# they are written the same in both scripts (于偉國, 范長龍, 朴槿惠).
SAME_SURNAMES = set("于余范岳朴占")


def convert_name(s, table):
    """`convert` for a person's name: a surname in SAME_SURNAMES stays."""
    if s and s[0] in SAME_SURNAMES:
        return s[0] + convert(s[1:], table)
    return convert(s, table)


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


# Titles mined from running text (`state + title + name`), as (role key,
# printed forms, simplified). Longest forms first.
CORPUS_TITLES = [
    ("president", ["总统"]),
    ("vice_president", ["副总统"]),
    ("prime_minister", ["总理", "首相"]),
    ("deputy_prime_minister", ["副总理", "副首相"]),
    ("foreign_minister", ["外交部长", "外长", "外相", "外交大臣"]),
    ("defence_minister", ["国防部长", "防长", "国防大臣", "防卫大臣", "防卫相"]),
    ("finance_minister", ["财政部长", "财长", "财政大臣", "财务大臣", "财务相"]),
    ("commerce_minister", ["商务部长", "贸易部长", "贸易大臣"]),
    ("interior_minister", ["内政部长", "内务部长", "内政大臣"]),
    ("spokesperson", ["外交部发言人", "外交部新闻发言人", "总统发言人", "政府发言人"]),
    ("speaker", ["议长", "众议院议长", "国会议长"]),
    ("king", ["国王"]),
    ("central_bank_governor", ["央行行长", "中央银行行长", "央行总裁"]),
    ("opposition_leader", ["反对派领导人", "反对党领袖", "反对派领袖"]),
    ("chief_of_staff", ["总参谋长", "参谋长"]),
    ("minister", ["卫生部长", "司法部长", "经济部长", "能源部长", "教育部长", "农业部长", "交通部长",
                  "劳工部长", "环境部长", "卫生大臣", "司法大臣", "经济产业大臣", "卫生福利部长",
                  "卫生和公众服务部长", "国土安全部长", "移民部长", "国际发展部长", "统一部长"]),
    ("chief_cabinet_secretary", ["官房长官", "内阁官房长官"]),
    ("national_security_adviser", ["国家安全顾问", "国家安全事务助理", "国安顾问"]),
    ("trade_representative", ["贸易代表"]),
    ("ambassador", ["驻华大使"]),
    ("un_representative", ["常驻联合国代表", "驻联合国大使"]),
    ("secretary_of_state", ["国务卿"]),
]
NAME = "[\u4e00-\u9fff·]{2,14}?"
STOP = ("(?=[，。、：:；（(“「」”\\s,.]|说|表示|称|在|于|周[一二三四五六日末]|今天|昨天|当天|日前|近日|本周|上周|"
        "宣布|将|已|也|对|与|和|向|会见|会晤|访问|发表|指出|强调|呼吁|回应|接受|的|等|及|则|又|还|就|同|"
        "通过|透过|告诉|致电|出席|抵达|签署|认为|警告|承认|否认|希望|提出|举行|参加|前往|正在|曾|是|并|都|"
        "会|被|要求|访|星期|[0-9０-９])")
BAD_START = set("的在于与和对将已也说称是被并从向为及等之其该此这那今昨前后各")


def country_forms(t2s):
    """(iso3, form, is_abbreviation) of every state in countries.tsv, in
    simplified script: names of two characters or more, then abbreviations."""
    out = []
    with open(os.path.join(LEX, "countries.tsv"), encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if not row or row[0].startswith("#") or row[0] == "iso3":
                continue
            for n in row[3].split("|"):
                n = convert(n, t2s)
                if len(n) >= 2:
                    out.append((row[0], n, False))
            for a in row[4].split("|"):
                if a:
                    out.append((row[0], convert(a, t2s), True))
    return out


def corpus_mine(path, min_count, have_forms, t2s, s2t):
    """Candidates `state + title + name` in a dated corpus (lines `date\\ttext`)."""
    states = [(n, iso3) for iso3, n, is_abbr in country_forms(t2s) if not is_abbr]
    state_of = dict(states)
    title_of = {}
    for key, forms in CORPUS_TITLES:
        for t in forms:
            title_of[t] = key
    alt = lambda xs: "|".join(re.escape(x) for x in sorted(xs, key=len, reverse=True))
    rx = re.compile("(%s)(%s)(%s)%s" % (alt(state_of), alt(title_of), NAME, STOP))
    latin_rx = re.compile("([\u4e00-\u9fff·]{2,14})[（(]([A-Z][A-Za-z.'\\- ]{2,40})[)）]")
    trans = str.maketrans(t2s)
    seen = {}
    latin = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            date, _, text = line.partition("\t")
            text = text.translate(trans)
            for m in latin_rx.finditer(text):
                latin.setdefault(m.group(1), {}).setdefault(m.group(2).strip(), 0)
                latin[m.group(1)][m.group(2).strip()] += 1
            for m in rx.finditer(text):
                name = m.group(3)
                if name[0] in BAD_START or name in have_forms:
                    continue
                c = seen.setdefault(name, {"n": 0, "keys": {}, "first": date, "last": date})
                c["n"] += 1
                k = (state_of[m.group(1)], title_of[m.group(2)])
                c["keys"][k] = c["keys"].get(k, 0) + 1
                c["first"] = min(c["first"], date)
                c["last"] = max(c["last"], date)
    out = []
    for name, c in seen.items():
        if c["n"] < min_count:
            continue
        (iso, key), top = max(c["keys"].items(), key=lambda kv: kv[1])
        if top < 0.8 * c["n"]:
            continue
        lat = ""
        if name in latin:
            lat = max(latin[name].items(), key=lambda kv: kv[1])[0]
        else:
            # a full name `X·Y` printed with a Latin gloss elsewhere
            for full, ls in latin.items():
                if full.endswith("·" + name) or (full.endswith(name) and "·" in full):
                    lat = max(ls.items(), key=lambda kv: kv[1])[0]
                    break
        out.append((c["n"], name, iso, key, c["first"], c["last"], lat))
    out.sort(reverse=True)
    return out


def ambassador_mine(path, min_count, have_forms, t2s):
    """Candidates `state + 驻 + host + 大使 + name` (role `ambassador`, `of` the host)."""
    names, abbr = {}, {}
    for iso3, n, is_abbr in country_forms(t2s):
        if is_abbr:
            abbr.setdefault(n, iso3)
        else:
            names[n] = iso3
    alt = lambda xs: "|".join(re.escape(x) for x in sorted(xs, key=len, reverse=True))
    rx = re.compile("(%s)驻(%s|%s)(?:特命全权)?大使(?!馆)(%s)%s" % (alt(names), alt(names), alt(abbr), NAME, STOP))
    trans = str.maketrans(t2s)
    seen = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            date, _, text = line.partition("\t")
            for m in rx.finditer(text.translate(trans)):
                name = m.group(3)
                if name[0] in BAD_START or name in have_forms:
                    continue
                host = names.get(m.group(2)) or abbr.get(m.group(2))
                k = (name, names[m.group(1)], host)
                first, last, n = seen.get(k, (date, date, 0))
                seen[k] = (min(first, date), max(last, date), n + 1)
    out = [(n, name, iso, "ambassador:" + host, first, last, "")
           for (name, iso, host), (first, last, n) in seen.items() if n >= min_count]
    out.sort(reverse=True)
    return out


def attest(path, candidates, s2t, t2s, contexts=3):
    """Count every form of the `P` rows of CANDIDATES in the corpus (both
    scripts), with its commonest contexts: the evidence for review."""
    people = []
    with open(candidates, encoding="utf-8") as f:
        for line in f:
            row = line.rstrip("\n").split("\t")
            if row and row[0] == "P" and len(row) >= 5:
                people.append((row[1], [x for x in row[4].split("|") if x]))
    forms = {convert(x, t2s) for _, fs in people for x in fs}
    if not forms:
        return []
    rx = re.compile("|".join(re.escape(x) for x in sorted(forms, key=len, reverse=True)))
    trans = str.maketrans(t2s)
    count, ctx = {}, {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            text = line.partition("\t")[2].translate(trans)
            for m in rx.finditer(text):
                k = m.group(0)
                count[k] = count.get(k, 0) + 1
                c = text[max(0, m.start() - 12):m.end() + 6]
                ctx.setdefault(k, {})
                ctx[k][c] = ctx[k].get(c, 0) + 1
    out = []
    for pid, fs in people:
        for x in fs:
            k = convert(x, t2s)
            top = sorted(ctx.get(k, {}).items(), key=lambda kv: -kv[1])[:contexts]
            out.append((pid, x, count.get(k, 0), " / ".join(c for c, _ in top)))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ep", help="checkout of everypolitician-data")
    ap.add_argument("--corpus", help="dated corpus, one item a line: `YYYY-MM-DD<TAB>text`")
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--ambassadors", action="store_true",
                    help="with --corpus: mine `state + 驻 + host + 大使 + name` instead")
    ap.add_argument("--attest", help="with --corpus: count the forms of drafted `P` rows in the corpus")
    ap.add_argument("--since", type=int, default=2015)
    ap.add_argument("--countries", default="", help="comma-separated EveryPolitician country folders")
    args = ap.parse_args()
    only = {c for c in args.countries.split(",") if c}
    if args.attest:
        if not args.corpus:
            ap.error("--attest needs --corpus")
        s2t, t2s = load_opencc()
        w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
        print("# person\tform\tcount\tcontexts (review every form)")
        for row in attest(args.corpus, args.attest, s2t, t2s):
            w.writerow(row)
        return
    if args.corpus:
        s2t, t2s = load_opencc()
        _, have = existing()
        have = {convert(x, t2s) for x in have}
        w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
        print("# count\tname\tstate\ttitle\tfirst\tlast\tlatin (review every row)")
        mined = (ambassador_mine(args.corpus, args.min_count, have, t2s) if args.ambassadors
                 else corpus_mine(args.corpus, args.min_count, have, t2s, s2t))
        for row in mined:
            w.writerow(row)
        return
    if not args.ep:
        ap.error("--ep or --corpus is required")
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
