#!/usr/bin/env python3
"""Draft people.tsv/roles.tsv rows for legislators from an EveryPolitician
snapshot (CC0; names in Chinese are Wikidata labels).

Reads every `data/<Country>/<House>/ep-popolo-v1.0.json` (people, their
`other_names` in zh/zh-hans/zh-cn/zh-hant/zh-tw/zh-hk/zh-sg, memberships
with dates and legislative periods), joins the house's
`sources/morph/wikidata.csv` (`name__zh*` columns) by Wikidata id or by
English name, and, for houses whose popolo file is missing, reads
`names.csv` and `term-*.csv`. Writes batch lines for
`scripts/apply_people.py --labels` (P and R lines, see that script):

* forms: every Chinese label without Latin letters, parentheses removed,
  dots unified to `·`; two-character forms are never kept (common words
  and common Chinese names), nor forms another listed person holds;
* a person whose label is a listed form of a listed person with the same
  state is that person: only terms that overlap none of their listed terms
  are added (an executive office stays the role on its dates);
* terms: one row per legislative period (`senator`/`representative` of
  the US, `legislator` of Taiwan, Hong Kong and Macao, `representative`
  elsewhere); a membership still open in the snapshot (2015-11-30) ends on
  the day the next legislature met or the house was dissolved (OPEN_ENDS,
  public dates; a month or year where only that is certain).

Usage: scripts/ep_legislators.py /path/to/everypolitician-data > batch.tsv
"""

import collections
import csv
import glob
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import mine_people as mp  # noqa: E402

LEX = os.path.join(HERE, "..", "lexicon")
csv.field_size_limit(10 ** 9)
ZH = {"zh", "zh-hans", "zh-hant", "zh-cn", "zh-tw", "zh-hk", "zh-sg", "zh-mo", "zh-my"}
FOLDERS = {"uk": "GBR", "united_states_of_america": "USA", "czech_republic": "CZE", "macao": "MAC",
           "ivory_coast": "CIV", "congo-brazzaville": "COG", "congo-kinshasa": "COD",
           "macedonia": "MKD", "swaziland": "SWZ", "timor_leste": "TLS", "vatican_city": "VAT"}
# Ends of the legislatures still sitting in the snapshot: (ISO3, period) → end.
OPEN_ENDS = {
    ("ALB", "term/8"): "2017-09", ("ARM", "term/5"): "2017-05", ("AUS", "term/44"): "2016-05-09",
    ("AUT", "term/25"): "2017-11-09", ("AZE", "term/4"): "2015-11", ("BEL", "term/54"): "2019-06",
    ("BHS", "term/2012"): "2017-05", ("BWA", "term/2014"): "2019-10", ("CAN", "term/42"): "2019-09-11",
    ("CZE", "term/7"): "2017-10", ("DEU", "term/18"): "2017-10-24", ("DNK", "term/2015"): "2019-06",
    ("ESP", "term/10"): "2016-01-13", ("EST", "term/13"): "2019-04", ("FRA", "term/14"): "2017-06-20",
    ("GBR", "term/56"): "2017-05-03", ("GIB", "term/12"): "2015-11", ("HKG", "term/5"): "2016-10-01",
    ("IDN", "term/18"): "2019-10-01", ("IRL", "term/31"): "2016-03-10", ("ITA", "term/17"): "2018-03-23",
    ("JAM", "term/2011"): "2016-02", ("KHM", "term/5"): "2018-09", ("KNA", "term/2015"): "2020-06",
    ("LCA", "term/9"): "2016-06", ("LKA", "term/15"): "2020-03", ("MDA", "term/2014"): "2019-03",
    ("MLT", "term/12"): "2017-06", ("MNG", "term/2012"): "2016-07", ("MYS", "term/13"): "2018-04-07",
    ("NLD", "term/2012"): "2017-03-23", ("NZL", "term/51"): "2017-09", ("POL", "term/7"): "2015-11-12",
    ("PRK", "term/13"): "2019-03", ("SGP", "term/13"): "2020-06-23", ("SLB", "term/10"): "2019-04",
    ("SVN", "term/7"): "2018-06", ("SWE", "term/2014"): "2018-09", ("TUR", "term/25"): "2015-11",
    ("TUV", "term/11"): "2019-09", ("TWN", "term/8"): "2016-02-01", ("TZA", "term/4"): "2015-11",
    ("USA", "term/114"): "2017-01-03", ("WSM", "term/15"): "2016-03",
}
# Houses whose members are not `representative` of their state.
HOUSE_TITLE = {("USA", "Senate"): "senator", ("TWN", "Legislative_Yuan"): "legislator",
               ("HKG", "Legislative_Council"): "legislator", ("MAC", "Assembly"): "legislator"}
# Bare surnames (the last segment of a label) reviewed in context in the two
# corpora (lexicon/README.md): each names this person in news and is no
# common word, place or common surname. Rejected: 奥斯本 (namesakes),
# 谢尔比 (a town, a given name), 弗兰肯 (Franconia), 米利班德 (two brothers),
# 约翰逊, 史密斯, 斯科特, 科林斯, 卡西迪, 鲍德温 (common surnames).
SURNAMES = {"john-mccain": "麦凯恩", "wolfgang-schauble": "朔伊布勒", "jeff-merkley": "默克利",
            "konrad-adenauer": "阿登纳", "john-kasich": "卡西奇", "jeremy-corbyn": "科尔宾",
            "nick-clegg": "克莱格", "christian-lindner": "林德纳", "kim-beazley": "比兹利",
            "barry-goldwater": "戈德华特", "thorbjorn-jagland": "亚格兰", "norbert-lammert": "拉默特",
            "bobby-jindal": "金达尔", "john-barrasso": "巴拉索", "steve-daines": "戴恩斯",
            "khosrov-harutyunyan": "阿鲁秋尼扬", "anna-fotyga": "福蒂加"}
# States whose romanised names share first and last syllables across many
# people (Kim … hui): joined to listed people by the whole name only.
EAST_ASIAN = {"PRK", "KOR", "CHN", "TWN", "HKG", "MAC", "SGP", "MYS", "VNM", "KHM", "MNG", "JPN"}
# Former members named only in wikidata.csv, reviewed: left out because the
# label names others as well (穆罕默德·艾哈迈德 is any Mohamed Ahmed;
# 罗伯特·舒曼 is also the composer Schumann; 艾德禮 is Attlee in Hong Kong) …
UNJOINED_REJECT = {"mohamed-ahmed", "robert-schuman", "robert-adley"}
# … and deputies of French colonies who led their own states afterwards:
# the state they act for in news (public facts).
UNJOINED_STATE = {"leopold-sedar-senghor": "SEN", "felix-houphouet-boigny": "CIV", "modibo-keita": "MLI",
                  "hamani-diori": "NER", "philibert-tsiranana": "MDG", "hassan-gouled-aptidon": "DJI",
                  "hubert-maga": "BEN", "barthelemy-boganda": "CAF", "gerard-kango-ouedraogo": "BFA",
                  "joseph-conombo": "BFA", "gabriel-lisette": "TCD"}
# Ids of people of Hong Kong and Taiwan whose English name leads with a
# Western given name: their Chinese name, romanised whole (id rule).
UNJOINED_IDS = {"ben-chan": "chan-han-pan", "gary-chan": "chan-hak-kan", "raymond-wong": "wong-yuk-man",
                "felix-chung": "chung-kwok-pan", "abraham-razack": "shek-lai-him", "mark-chen": "chen-tang-shan"}
# Sub-national and non-state houses are left out.
SKIP_HOUSES = {"Scotland", "Wales", "Northern_Ireland", "Faroe_Islands", "Aland", "Abkhazia",
               "Northern_Cyprus", "Nagorno_Karabakh", "South_Ossetia", "Transnistria", "Somaliland"}


FOLD = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "ß": "ss", "đ": "d", "Đ": "D",
                      "ł": "l", "Ł": "L", "ı": "i", "œ": "oe", "þ": "th", "ð": "d"})


def ascii_of(n):
    return unicodedata.normalize("NFKD", n.translate(FOLD)).encode("ascii", "ignore").decode()


def nkey(n):
    n = ascii_of(n).encode("ascii", "ignore").decode().lower()
    return " ".join(sorted(re.findall(r"[a-z]+", n)))


def lat_ends(name):
    w = re.findall(r"[a-z]+", ascii_of(name).lower())
    return [w[0], w[-1]] if len(w) >= 2 else w


def clean(name):
    name = re.sub(r"[（(].*?[）)]", "", name).strip()
    name = re.sub(r"[‧•・．.]", "·", name).replace(" ", "")
    if not name or re.search(r"[A-Za-z0-9]", name) or not re.fullmatch(r"[\u3400-\u9fff·\-]+", name):
        return None
    return name


def wade_giles():
    """Wade-Giles readings of lexicon/pinyin.tsv, to join a label to a
    romanised name (Taiwan's `Shou-chung Ting` ↔ 丁守中)."""
    out = {}
    for line in open(os.path.join(LEX, "pinyin.tsv"), encoding="utf-8"):
        c = line.rstrip("\n").split("\t")
        if len(c) >= 3 and len(c[0]) == 1 and not line.startswith("#"):
            out[c[0]] = c[2].lower().replace("'", "").replace("ü", "u")
    return out


WG = {}
T2S = {}


def wg_key(zh):
    """`surname given` of a Chinese name in Wade-Giles, sorted as nkey sorts."""
    z = "".join(T2S.get(c, c) for c in zh)
    if not 2 <= len(z) <= 3 or not all(c in WG for c in z):
        return ""
    return " ".join(sorted([WG[z[0]], "".join(WG[c] for c in z[1:])]))


def wikidata_labels(house_dir):
    out = {}
    wf = os.path.join(house_dir, "sources", "morph", "wikidata.csv")
    if not os.path.exists(wf):
        return out
    for r in csv.DictReader(open(wf, encoding="utf-8")):
        z = [(k[6:].replace("_", "-"), v.strip()) for k, v in r.items()
             if k and k.startswith("name__zh") and v and v.strip()]
        if not z:
            continue
        if r.get("id"):
            out[r["id"]] = z
        for k in ("name__en", "name"):
            if r.get(k) and nkey(r[k]):
                out.setdefault("N:" + nkey(r[k]), z)
        w = wg_key(clean(r.get("name__zh") or r.get("name") or "") or "")
        if w:
            out.setdefault("W:" + w, z)
    return out


def read_popolo(path, wdz):
    d = json.load(open(path, encoding="utf-8"))
    periods = {e["id"]: (e.get("start_date", ""), e.get("end_date", ""))
               for e in d.get("events", []) if e.get("classification") == "legislative period"}
    people = {}
    for p in d["persons"]:
        zh = [(o["lang"].lower(), o["name"].strip()) for o in p.get("other_names", [])
              if (o.get("lang") or "").lower() in ZH]
        wd = next((i["identifier"] for i in p.get("identifiers", []) if i.get("scheme") == "wikidata"), "")
        cand = wdz.get(wd) if wd else None
        if cand is None:
            for nm in [p.get("name", "")] + [o.get("name", "") for o in p.get("other_names", [])
                                             if (o.get("lang") or "") in ("en", "")]:
                cand = wdz.get("N:" + nkey(nm)) if nkey(nm) else None
                if cand:
                    break
                cand = wdz.get("W:" + nkey(nm.replace("-", ""))) if nkey(nm) else None
                if cand:
                    break
        for z in cand or []:
            if z not in zh:
                zh.append(z)
        if zh:
            people[p["id"]] = {"name": p.get("name", ""), "zh": zh, "terms": [],
                               "birth": p.get("birth_date", "")}
    for m in d.get("memberships", []):
        q = people.get(m.get("person_id"))
        if q:
            ps, pe = periods.get(m.get("legislative_period_id"), ("", ""))
            q["terms"].append((m.get("start_date") or ps, m.get("end_date") or pe,
                               m.get("legislative_period_id", "")))
    return people


def term_rows(house_dir):
    """Every row of a house's `term-*.csv` files (the house's data where the
    popolo file is missing) with its dated term: (row, start, end, term key);
    a row without dates of its own takes its term's from
    `sources/manual/terms.csv`."""
    tdates = {}
    tf = os.path.join(house_dir, "sources", "manual", "terms.csv")
    if os.path.exists(tf):
        for r in csv.DictReader(open(tf, encoding="utf-8")):
            tdates[r["id"]] = (r.get("start_date", ""), r.get("end_date", ""))
    for f in glob.glob(os.path.join(house_dir, "term-*.csv")):
        for r in csv.DictReader(open(f, encoding="utf-8")):
            ps, pe = tdates.get(r["term"], ("", ""))
            yield r, (r.get("start_date") or ps, r.get("end_date") or pe, "term/" + r["term"])


def read_csvs(house_dir):
    names = collections.defaultdict(list)
    nf = os.path.join(house_dir, "names.csv")
    if not os.path.exists(nf):
        return {}
    for r in csv.DictReader(open(nf, encoding="utf-8")):
        n = r["name"].strip()
        if re.search(r"[\u4e00-\u9fff]", n) and not re.search(r"[A-Za-z]", n):
            names[r["id"]].append(("zh", n))
    people = {}
    for r, term in term_rows(house_dir):
        if r["id"] in names:
            q = people.setdefault(r["id"], {"name": r["name"], "zh": names[r["id"]], "terms": [], "birth": ""})
            q["terms"].append(term)
    return people


def legislators(root):
    en2iso = {r["en"].replace(" ", "_").lower(): r["iso3"]
              for r in csv.DictReader(open(os.path.join(LEX, "countries.tsv"), encoding="utf-8"), delimiter="\t")}
    for house_dir in sorted(glob.glob(os.path.join(root, "data", "*", "*"))):
        country = os.path.basename(os.path.dirname(house_dir))
        house = os.path.basename(house_dir)
        iso = FOLDERS.get(country.lower()) or en2iso.get(country.lower())
        if not os.path.isdir(house_dir) or not iso or country in SKIP_HOUSES:
            continue
        pop = os.path.join(house_dir, "ep-popolo-v1.0.json")
        people = read_popolo(pop, wikidata_labels(house_dir)) if os.path.exists(pop) else read_csvs(house_dir)
        for q in people.values():
            yield iso, house, q


def fix_date(s):
    s = re.sub(r"-+", "-", (s or "").strip())
    return s if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", s) else ""


def label_forms(labels, simp, single, double):
    """The forms of a person's labels that may be listed (module doc)."""
    forms = []
    for n in labels:
        c = clean(n)
        if c and "·" not in c:
            sc = simp(c)
            if not ((len(sc) == 3 and sc[0] in single) or (len(sc) == 4 and sc[:2] in double)):
                continue
        if c and len(c.replace("·", "")) >= 3 and not c.startswith("·") and not c.endswith("·"):
            for v in (c, simp(c)):
                if v not in forms:
                    forms.append(v)
    return forms


def unjoined(root, used):
    """Labelled rows of a house's wikidata.csv that no member took (former
    members the snapshot's popolo file does not list): (ISO3, English name,
    labels)."""
    en2iso = {r["en"].replace(" ", "_").lower(): r["iso3"]
              for r in csv.DictReader(open(os.path.join(LEX, "countries.tsv"), encoding="utf-8"), delimiter="\t")}
    for wf in sorted(glob.glob(os.path.join(root, "data", "*", "*", "sources", "morph", "wikidata.csv"))):
        country = wf.split(os.sep)[-5]
        iso = FOLDERS.get(country.lower()) or en2iso.get(country.lower())
        if not iso or country in SKIP_HOUSES:
            continue
        for r in csv.DictReader(open(wf, encoding="utf-8")):
            z = [v.strip() for k, v in r.items() if k and k.startswith("name__zh") and v and v.strip()]
            name = r.get("name__en") or r.get("name") or ""
            if z and re.search(r"[A-Za-z]", name) and not any(x in used for x in z):
                yield iso, name, z


def rows(name):
    with open(os.path.join(LEX, name), encoding="utf-8") as f:
        lines = [l for l in f if l.strip() and not l.startswith("#")]
    return [{k: v or "" for k, v in r.items()} for r in csv.DictReader(lines, delimiter="\t")]


def main():
    root = sys.argv[1]
    s2t, t2s = mp.load_opencc()
    WG.update(wade_giles())
    T2S.update(t2s)
    simp = lambda f: mp.convert(f, t2s)
    owner, ids, latin_of, country_of = {}, set(), {}, {}
    for r in rows("people.tsv"):
        ids.add(r["id"])
        latin_of[r["id"]] = r["latin"]
        country_of[r["id"]] = r["country"]
        for f in r["forms"].split("|"):
            owner.setdefault(simp(f), r["id"])
    terms_of = collections.defaultdict(list)
    for r in rows("roles.tsv"):
        terms_of[r["person"]].append((r["start"] or "0000", r["end"] or "9999"))
    by_latin = {}
    for pid, lat in latin_of.items():
        w = nkey(lat).split()
        for k in {nkey(lat), " ".join(sorted(set(lat_ends(lat))))}:
            if k:
                by_latin.setdefault((k, country_of[pid]), set()).add(pid)
    single, double = set(), set()
    for r in rows("surnames.tsv"):
        (single if r["kind"] == "chinese" else double if r["kind"] == "chinese_double" else set()).add(r["surname"])
    seen_new = {}
    out = []
    used = set()
    for iso, house, q in legislators(root):
        used.update(n for _, n in q["zh"])
        forms = label_forms([n for _, n in q["zh"]], simp, single, double)
        if not forms:
            continue
        title = HOUSE_TITLE.get((iso, house), "representative")
        terms = {}
        for s, e, period in q["terms"]:
            s, e = fix_date(s), fix_date(e) or OPEN_ENDS.get((iso, period), "")
            if not s or not e or e < s:
                continue
            a = terms.get(period)
            terms[period] = (min(a[0], s), max(a[1], e)) if a else (s, e)
        owners = {owner.get(simp(f)) for f in forms} - {None}
        keys = {nkey(q["name"])}
        if iso not in EAST_ASIAN and "-" not in q["name"]:
            keys.add(" ".join(sorted(set(lat_ends(q["name"])))))
        for k in keys:
            owners |= by_latin.get((k, iso), set())
        if len(owners) > 1:
            continue
        if owners:
            pid = owners.pop()
            if country_of.get(pid) != iso:
                continue
        else:
            words = nkey(q["name"]).split()
            toks = re.findall(r"[a-z]+", ascii_of(q["name"]).lower())
            toks = [t for t in toks if len(t) > 1 and t not in ("jr", "sr", "ii", "iii")] or toks
            base = "-".join(toks)
            if not base or not words:
                continue
            key = (base, iso)
            if key in seen_new:
                pid = seen_new[key]
            else:
                pid = base
                if pid in ids:
                    pid = "%s-%s" % (base, (q.get("birth") or "")[:4] or iso.lower())
                if pid in ids:
                    continue
                ids.add(pid)
                country_of[pid] = iso
                seen_new[key] = pid
                for f in forms:
                    owner[simp(f)] = pid
                latin = q["name"].title() if q["name"].isupper() else q["name"]
                if pid in SURNAMES:
                    forms.append(SURNAMES[pid])
                out.append(["P", pid, latin, iso, "|".join(forms)])
        for period, (s, e) in sorted(terms.items(), key=lambda kv: kv[1]):
            if any(s < b and a < e for a, b in terms_of[pid]):
                continue
            terms_of[pid].append((s, e))
            out.append(["R", pid, title, iso, s, e])
    # Former members named only in wikidata.csv: people without seats; a
    # listed person of the same name and state gets the labels as forms.
    for iso, name, labels in unjoined(root, used):
        forms = label_forms(labels, simp, single, double)
        forms = [f for f in forms if "·" in f or len(simp(f)) >= 3]
        if not forms:
            continue
        owners = {owner.get(simp(f)) for f in forms} - {None}
        keys = {nkey(name)}
        if iso not in EAST_ASIAN and "-" not in name:
            keys.add(" ".join(sorted(set(lat_ends(name)))))
        same = set()
        for k in keys:
            same |= by_latin.get((k, iso), set())
        if owners or len(same) > 1:
            continue
        if same:
            out.append(["F", same.pop(), "|".join(forms)])
            continue
        name = name.split(",")[0].strip()
        toks = [t for t in re.findall(r"[a-z]+", ascii_of(name).lower()) if len(t) > 1] or ["x"]
        pid = "-".join(toks)
        if pid in UNJOINED_REJECT:
            continue
        iso = UNJOINED_STATE.get(pid, iso)
        pid = UNJOINED_IDS.get(pid, pid)
        if pid in ids:
            continue
        ids.add(pid)
        for f in forms:
            owner[simp(f)] = pid
        latin = name.title() if name.isupper() else name
        out.append(["P", pid, latin, iso, "|".join(forms)])
    w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    for r in out:
        w.writerow(r)


if __name__ == "__main__":
    main()
