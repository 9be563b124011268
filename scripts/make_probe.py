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
import sys
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


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mine_people import load_opencc  # noqa: E402  (the OpenCC character tables)

S2T, T2S = load_opencc()


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
    "director": (["执行主任"], ["執行主任"]),
    "managing_director": (["总裁"], ["總裁"]),
    "chairman": (["主席"], ["主席"]),
    "commissioner": (["高级专员"], ["高級專員"]),
    "senator": (["参议员"], ["參議員"]),
    "representative": (["议员", "国会议员"], ["議員", "國會議員"]),
    "legislator": (["立法会议员", "议员"], ["立法會議員", "議員"]),
}
# Seats in legislatures: many holders at once, so the probe names them by a
# full form (a dotted name or a listed Chinese name), never by a bare
# segment that several members share.
SEATS = {"senator", "representative", "legislator"}
BY_STATE = {
    ("prime_minister", "JPN"): (["首相"], ["首相"]),
    ("prime_minister", "GBR"): (["首相"], ["首相"]),
    ("prime_minister", "MYS"): (["首相"], ["首相"]),
    ("prime_minister", "TWN"): (["行政院长"], ["行政院長"]),
    ("legislator", "TWN"): (["立委"], ["立委"]),
    ("representative", "USA"): (["众议员"], ["眾議員"]),
    ("foreign_minister", "JPN"): (["外相", "外务大臣"], ["外相", "外務大臣"]),
    ("foreign_minister", "GBR"): (["外交大臣"], ["外交大臣"]),
    ("defence_minister", "JPN"): (["防卫大臣", "防卫相"], ["防衛大臣", "防衛相"]),
    ("defence_minister", "GBR"): (["国防大臣"], ["國防大臣"]),
    ("defence_minister", "RUS"): (["国防部长"], ["國防部長"]),
    ("president", "CHN"): (["国家主席"], ["國家主席"]),
    ("managing_director", "WB"): (["行长"], ["行長"]),
    ("managing_director", "ADB"): (["行长"], ["行長"]),
    ("managing_director", "AIIB"): (["行长"], ["行長"]),
    ("managing_director", "NDB"): (["行长"], ["行長"]),
}
# Titles probed only for organisations' heads (a state's 主席 or 执行主任
# is printed with the body's name, which the templates do not give).
ORG_ONLY = {"director", "managing_director", "chairman", "commissioner", "director_general"}
# States and organisations named in the probe by their usual short name.
ORG_NAMES = {
    "UN": ("联合国", "聯合國"),
    "NATO": ("北约", "北約"),
    "EU": ("欧盟委员会", "歐盟執委會"),
    "IAEA": ("国际原子能机构", "國際原子能總署"),
    "WHO": ("世卫组织", "世衛組織"),
    "WTO": ("世贸组织", "世貿組織"),
    "IMF": ("国际货币基金组织", "國際貨幣基金組織"),
    "WB": ("世界银行", "世界銀行"),
    "AU": ("非盟委员会", "非盟委員會"),
    "UNICEF": ("联合国儿童基金会", "聯合國兒童基金會"),
    "WFP": ("世界粮食计划署", "世界糧食計劃署"),
    "UNDP": ("联合国开发计划署", "聯合國開發計劃署"),
    "FAO": ("联合国粮农组织", "聯合國糧農組織"),
    "OPEC": ("欧佩克", "石油輸出國組織"),
    "ASEAN": ("东盟", "東盟"),
    "OPCW": ("禁止化学武器组织", "禁止化學武器組織"),
    "UNESCO": ("联合国教科文组织", "聯合國教科文組織"),
    "ILO": ("国际劳工组织", "國際勞工組織"),
    "ITU": ("国际电信联盟", "國際電信聯盟"),
    "WIPO": ("世界知识产权组织", "世界智慧財產權組織"),
    "IOC": ("国际奥委会", "國際奧委會"),
    "FIFA": ("国际足联", "國際足總"),
    "OSCE": ("欧安组织", "歐安組織"),
    "SCO": ("上海合作组织", "上海合作組織"),
    "INTERPOL": ("国际刑警组织", "國際刑警組織"),
    "GCC": ("海合会", "海灣合作委員會"),
    "OECD": ("经合组织", "經濟合作暨發展組織"),
    "IEA": ("国际能源署", "國際能源總署"),
    "ADB": ("亚洲开发银行", "亞洲開發銀行"),
    "AIIB": ("亚投行", "亞投行"),
    "WMO": ("世界气象组织", "世界氣象組織"),
    "UNEP": ("联合国环境规划署", "聯合國環境規劃署"),
    "ICRC": ("红十字国际委员会", "紅十字國際委員會"),
    "COE": ("欧洲委员会", "歐洲理事會"),
    "IOM": ("国际移民组织", "國際移民組織"),
    "UNWOMEN": ("联合国妇女署", "聯合國婦女署"),
    "LAS": ("阿盟", "阿拉伯聯盟"),
    "UNHCR": ("联合国难民署", "聯合國難民署"),
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
        if of in countries and key in ORG_ONLY:
            continue
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
        if full and key not in SEATS:
            last = full[0].rsplit("·", 1)[-1]
            if len(last) >= 2:
                sur.append(last)
        if key in SEATS:
            sur = [f for f in sur if len(f) >= 3]
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
