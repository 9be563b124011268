#!/usr/bin/env python3
"""Generate the structural part of the entities probe suite.

Writes crates/entities/tests/probe/generated.tsv from the lexicon: for every
dated term of office (2000–2026) in lexicon/roles.tsv, a news sentence that
names the office-holder after the state and title, rendered in mainland
simplified, Taiwan/Hong Kong traditional or wire-copy style by turns; for
the generic national bodies of lexicon/bodies.tsv, a sentence naming the body
of a state. Templates are written for this project (no article text is
copied); they only vary the structure. Hand-written sentences live in
crates/entities/tests/probe/hand.tsv and are not touched.

Columns: kind (office | body | unknown), date (reference date), span (the
name or body as printed), expect (person id for office, ISO3 for body and
unknown), sentence.

Usage: scripts/make_probe.py   (deterministic; rerun after lexicon edits)
"""

import os
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
LEX = os.path.join(HERE, "..", "lexicon")
OUT = os.path.join(HERE, "..", "crates", "entities", "tests", "probe", "generated.tsv")


def rows(name):
    out = []
    with open(os.path.join(LEX, name), encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if not l.startswith("#") and l.strip()]
    head = lines[0].split("\t")
    for l in lines[1:]:
        f = l.split("\t")
        out.append({h: (f[i] if i < len(f) else "") for i, h in enumerate(head)})
    return out


def opencc(name):
    table = {}
    with open(os.path.join(LEX, "opencc", name), encoding="utf-8") as f:
        for l in f:
            if l.startswith("#") or "\t" not in l:
                continue
            k, v = l.rstrip("\n").split("\t", 1)
            table[k] = v.split(" ")[0]
    return table


S2T = opencc("STCharacters.txt")
T2S = opencc("TSCharacters.txt")


def to_trad(s):
    return "".join(S2T.get(c, c) for c in s)


def to_simp(s):
    return "".join(T2S.get(c, c) for c in s)


def is_trad(s):
    return any(c in T2S and T2S[c] != c for c in s)


def pick(seq, key):
    return seq[zlib.crc32(key.encode("utf-8")) % len(seq)]


# Templates: {S} state, {T} title, {N} name. Simplified (mainland), then
# traditional (Taiwan/Hong Kong).
SIMP = [
    "{S}{T}{N}周二在首都会见了来访的代表团，双方就双边关系交换了意见。",
    "据新华社报道，{S}{T}{N}当天表示，将继续推动两国务实合作。",
    "{S}{T}{N}在记者会上说，两国关系正处于关键时期。",
    "{S}{T}{N}6日抵达北京，开始为期三天的正式访问。",
    "应{S}{T}{N}邀请，代表团将于下月出席相关会议。",
    "消息人士称，{S}{T}{N}已致电对方，讨论地区局势。",
    "{S}{T}{N}周三发表电视讲话，宣布一系列新措施。",
    "当天早些时候，{S}{T}{N}在社交媒体上发文，谴责这一袭击事件。",
    "{S}{T}{N}与到访的联合国秘书长举行会谈。",
    "{S}{T}{N}表示，该国愿同各方加强沟通与协调。",
    "会谈结束后，{S}{T}{N}对媒体表示，双方达成了多项共识。",
    "{S}{T}{N}出席了在日内瓦举行的国际会议并发表讲话。",
]
TRAD = [
    "據中央社報導，{S}{T}{N}週二在記者會上表示，將持續深化雙邊合作。",
    "{S}{T}{N}今天發表聲明，呼籲各方保持克制。",
    "{S}{T}{N}5日抵達首都，展開為期三天的訪問。",
    "{S}{T}{N}接受媒體專訪時指出，區域情勢仍然緊張。",
    "{S}{T}{N}週四與來訪的代表團會面，雙方討論經貿議題。",
    "路透社報導，{S}{T}{N}昨天在國會發表演說。",
    "{S}{T}{N}表示，政府會繼續密切關注局勢發展。",
    "{S}{T}{N}周二在記者會上說，會與盟友保持溝通。",
]

# Title forms by role key: (simplified, traditional); some by state.
TITLES = {
    "president": (["总统"], ["總統"]),
    "vice_president": (["副总统"], ["副總統"]),
    "prime_minister": (["总理", "政府总理"], ["總理"]),
    "chancellor": (["总理", "联邦总理"], ["總理"]),
    "deputy_prime_minister": (["副总理"], ["副總理"]),
    "foreign_minister": (["外长", "外交部长"], ["外長", "外交部長"]),
    "defence_minister": (["国防部长", "防长"], ["國防部長", "防長"]),
    "secretary_of_state": (["国务卿"], ["國務卿"]),
    "king": (["国王"], ["國王"]),
    "emir": (["埃米尔"], ["埃米爾"]),
    "secretary_general": (["秘书长"], ["秘書長"]),
    "director_general": (["总干事"], ["總幹事"]),
    "commission_president": (["主席"], ["主席"]),
    "council_president": (["主席"], ["主席"]),
}
BY_STATE = {
    ("prime_minister", "JPN"): (["首相"], ["首相"]),
    ("prime_minister", "GBR"): (["首相"], ["首相"]),
    ("prime_minister", "MYS"): (["首相"], ["首相"]),
    ("prime_minister", "TWN"): (["行政院长"], ["行政院長"]),
    ("foreign_minister", "JPN"): (["外相", "外务大臣"], ["外相", "外務大臣"]),
    ("foreign_minister", "GBR"): (["外交大臣"], ["外交大臣"]),
    ("defence_minister", "JPN"): (["防卫大臣", "防卫相"], ["防衛大臣", "防衛相"]),
    ("defence_minister", "GBR"): (["国防大臣"], ["國防大臣"]),
    ("defence_minister", "RUS"): (["国防部长"], ["國防部長"]),
    ("president", "CHN"): (["国家主席"], ["國家主席"]),
}
# States and organisations named in the probe by their usual short name.
ORG_NAMES = {
    "UN": ("联合国", "聯合國"),
    "NATO": ("北约", "北約"),
    "EU": ("欧盟委员会", "歐盟執委會"),
    "IAEA": ("国际原子能机构", "國際原子能總署"),
    "WHO": ("世卫组织", "世衛組織"),
    "WTO": ("世贸组织", "世貿組織"),
}


def main():
    countries = {r["iso3"]: r for r in rows("countries.tsv")}
    people = {r["id"]: r for r in rows("people.tsv")}
    out = []

    def state_names(iso):
        r = countries[iso]
        names = [n for n in r["names"].split("|") if n]
        simp = [n for n in names if not is_trad(n) and len(n) <= 6]
        trad = [n for n in names if is_trad(n) and len(n) <= 6]
        if not simp:
            simp = [to_simp(names[0])]
        if not trad:
            trad = [to_trad(simp[0])]
        # The common short name (listed first) most of the time.
        return [simp[0]] * 3 + simp[1:2], [trad[0]] * 3 + trad[1:2]

    for r in rows("roles.tsv"):
        key, of, start, end = r["title"], r["of"], r["start"], r["end"]
        if key not in TITLES or not start or start[:4] < "2000":
            continue
        if r["person"] not in people:
            continue
        p = people[r["person"]]
        if of in countries:
            simp_states, trad_states = state_names(of)
        elif key == "council_president" and of == "EU":
            simp_states, trad_states = ["欧洲理事会"], ["歐洲理事會"]
        elif of in ORG_NAMES:
            simp_states, trad_states = [ORG_NAMES[of][0]], [ORG_NAMES[of][1]]
        else:
            continue
        tsimp, ttrad = BY_STATE.get((key, of), TITLES[key])
        # A date inside the term.
        y, m = int(start[:4]), int(start[5:7] or "1") if len(start) >= 7 else 1
        m += 3
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
        date = f"{y:04d}-{m:02d}-15"
        if end and date >= end:
            date = start if len(start) == 10 else start[:7] + "-28" if len(start) == 7 else start + "-06-30"
        if date > "2026-11-30":
            continue
        forms = [f for f in p["forms"].split("|") if f]
        full = [f for f in forms if "·" in f]
        seed = r["person"] + key + start
        variants = []
        # Surname after the title (the way most copy prints it).
        sur = [f for f in forms if "·" not in f]
        if full:
            last = full[0].rsplit("·", 1)[-1]
            if len(last) >= 2:
                sur.append(last)
        if sur:
            variants.append(pick(sur, seed + "s"))
        if full:
            variants.append(pick(full, seed + "f"))
        for i, name in enumerate(variants[:2]):
            trad = is_trad(name) or (i == 1 and zlib.crc32(seed.encode()) % 3 == 0)
            if trad:
                n = name if is_trad(name) else to_trad(name)
                s = pick(trad_states, seed + str(i))
                t = pick(ttrad, seed + "t" + str(i))
                tpl = pick(TRAD, seed + "x" + str(i))
            else:
                n = name
                s = pick(simp_states, seed + str(i))
                t = pick(tsimp, seed + "t" + str(i))
                tpl = pick(SIMP, seed + "x" + str(i))
            sent = tpl.format(S=s, T=t, N=n)
            out.append(("office", date, n, r["person"], sent))

    # National bodies: every generic body, for a rotation of states.
    body_tpl = [
        "{S}{B}周二发表声明，对事态发展表示严重关切。",
        "据报道，{S}{B}已就此事展开调查。",
        "{S}{B}当天宣布了一系列新的措施。",
        "{S}{B}發言人今天表示，將密切關注局勢。",
        "{S}{B}週三證實，相關人員已經獲釋。",
    ]
    states = [
        iso
        for iso, r in countries.items()
        if iso not in ("CHN", "HKG", "MAC", "TWN") and len(iso) == 3 and r["names"]
    ]
    for b in rows("bodies.tsv"):
        forms = [f for f in b["forms"].split("|") if f and len(f) >= 2]
        for k in range(3):
            seed = b["key"] + str(k)
            iso = pick(states, seed)
            simp_states, trad_states = state_names(iso)
            tpl = pick(body_tpl, seed + "t")
            form = pick(forms, seed + "f")
            if "發" in tpl or "週" in tpl:
                s, f = pick(trad_states, seed), to_trad(form)
            else:
                s, f = pick(simp_states, seed), to_simp(form)
            out.append(("body", "2024-06-15", s + f, iso, tpl.format(S=s, B=f)))

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# Generated by scripts/make_probe.py from the lexicon; do not edit.\n")
        f.write("kind\tdate\tspan\texpect\tsentence\n")
        for row in out:
            f.write("\t".join(row) + "\n")
    print(len(out), "rows")


if __name__ == "__main__":
    main()
