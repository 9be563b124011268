#!/usr/bin/env python3
"""Session 12: turn reviewed `scripts/mine_regional.py` candidates into
`scripts/apply_people.py` batch lines (Taiwan and Hong Kong).

Inputs: the miner's output for Hong Kong (HK archive) and Taiwan (waimei),
and the review below: legislators and heads of local government checked by
hand (office and term from the public member and office-holder lists), and
the automatic screen for district councillors (see REJECT_*). Prints
`P`/`R` lines on stdout.

Usage: scripts/s12_regional_batch.py HK.tsv TW.tsv > batch.txt
"""
import collections
import sys

# Taiwan: members of the 10th Legislative Yuan (2020-02-01..2024-02-01)
# printed `立委 + name` in 2020-21 items; name -> end when not the term's end.
LY10 = {
    "王定宇": "", "赵正宇": "", "林昶佐": "", "陈以信": "", "曾铭宗": "", "陈玉珍": "",
    "洪申翰": "", "陈柏惟": "2021-10-23", "罗致政": "", "邱显智": "", "叶毓兰": "",
    "蔡适应": "", "蔡易余": "", "高嘉瑜": "", "温玉霞": "", "蔡壁如": "", "刘世芳": "",
    "洪孟楷": "", "何志伟": "", "林为洲": "", "王婉谕": "", "吴斯怀": "", "李德维": "",
    "吴怡玎": "", "郑运鹏": "", "陈椒华": "", "钟佳滨": "", "林俊宪": "", "林楚茵": "",
    "沈发惠": "", "万美玲": "", "林奕华": "", "郑天财": "", "赖瑞隆": "", "邱臣远": "",
    "刘櫂豪": "", "郑正钤": "", "吴思瑶": "", "郭国文": "", "高虹安": "2022-12-25",
    "庄瑞雄": "", "江永昌": "", "陈雪生": "", "周春米": "2022-12-25", "林思铭": "",
    "伍丽华": "", "吴秉叡": "", "黄国书": "", "谢衣凤": "", "张其禄": "", "赖香伶": "",
    "赖惠员": "", "林德福": "", "黄秀芳": "", "庄竞程": "", "赖品妤": "", "苏巧慧": "",
    "王美惠": "", "邱泰源": "", "苏治芬": "", "林宜瑾": "", "鲁明哲": "", "张宏陆": "",
}
# Four-character names the miner cut (double surname, indigenous name).
LY10_LONG = {"高金素梅": ("kao-chin-su-mei", "Kao Chin Su-mei"),
             "张廖万坚": ("chang-liao-wan-chien", "Chang Liao Wan-chien")}
# Heads of local government: name -> [(key, start, end)].
LOCAL_TW = {
    "郑文灿": [("mayor", "2014-12-25", "2018-12-25"), ("mayor", "2018-12-25", "2022-12-25")],
    "林右昌": [("mayor", "2014-12-25", "2018-12-25"), ("mayor", "2018-12-25", "2022-12-25")],
    "林智坚": [("mayor", "2014-12-25", "2018-12-25"), ("mayor", "2018-12-25", "2022")],
    "饶庆铃": [("county_magistrate", "2018-12-25", "2022-12-25"), ("county_magistrate", "2022-12-25", "")],
    "张丽善": [("county_magistrate", "2018-12-25", "2022-12-25"), ("county_magistrate", "2022-12-25", "")],
    "翁章梁": [("county_magistrate", "2018-12-25", "2022-12-25"), ("county_magistrate", "2022-12-25", "")],
    "徐榛蔚": [("county_magistrate", "2018-12-25", "2022-12-25"), ("county_magistrate", "2022-12-25", "")],
    "杨镇浯": [("county_magistrate", "2018-12-25", "2022-12-25")],
    "黄敏惠": [("mayor", "2018-12-25", "2022-12-25"), ("mayor", "2022-12-25", "")],
    "杨文科": [("county_magistrate", "2018-12-25", "2022-12-25"), ("county_magistrate", "2022-12-25", "")],
    "林姿妙": [("county_magistrate", "2018-12-25", "2022-12-25"), ("county_magistrate", "2022-12-25", "")],
    "胡志强": [("mayor", "2001-12-20", "2014-12-25")],
    "刘增应": [("county_magistrate", "2014-12-25", "2018-12-25"), ("county_magistrate", "2018-12-25", "2022-12-25")],
}
# Hong Kong Legislative Council members (3rd 2004, 4th 2008, 5th 2012,
# 6th 2016-10-01..2022-01-01, 7th 2022-01-01..): name -> [(start, end)].
LC3 = ("2004-10-01", "2008-10-01")
LC4 = ("2008-10-01", "2012-10-01")
LC5 = ("2012-10-01", "2016-10-01")
LC6 = ("2016-10-01", "2022-01-01")
LC7 = ("2022-01-01", "")
# Pan-democrats who resigned with the camp in November 2020 (effective 1 December).
PANDEM = ("2016-10-01", "2020-12-01")
LEGCO = {
    "何君尧": [LC6], "许智峰": [PANDEM], "谭文豪": [PANDEM], "邵家臻": [PANDEM],
    "周浩鼎": [LC6, LC7], "郑松泰": [LC6], "陈沛然": [LC6], "刘国勋": [LC6, LC7],
    "吴霭仪": [LC3, LC4], "郑泳舜": [("2018-03-12", "2022-01-01"), LC7], "姚松炎": [("2016-10-01", "2017-07-14")],
    "刘小丽": [("2016-10-01", "2017-07-14")], "陆颂雄": [LC6], "邵家辉": [LC6, LC7],
    "刘业强": [LC6, LC7], "张国钧": [LC6, ("2022-01-01", "2022-07-01")],
    "陈凯欣": [("2018-11-26", "2022-01-01")],
    "吴永嘉": [LC6, LC7], "李华明": [LC3, LC4], "陈振英": [LC6, LC7],
    "林顺潮": [LC7], "陈家珮": [LC7], "甘乃威": [LC4, LC5], "葛佩帆": [LC6],
    "潘佩璆": [LC4], "柯创盛": [LC6],
}
# The romanisation the person uses, where the table's reading differs.
OWN = {
    "何君尧": "ho-kwan-yiu", "郑松泰": "cheng-chung-tai", "谭文豪": "tam-man-ho",
    "陈沛然": "pierre-chan-pui-yin", "郑泳舜": "cheng-wing-shun", "陈振英": "chan-chun-ying",
    "潘佩璆": "pan-pey-chyou", "陈家珮": "chan-ka-pui", "葛佩帆": "elizabeth-quat",
    "柯创盛": "wilson-or-chong-shing", "吴霭仪": "margaret-ng", "李华明": "fred-li-wah-ming",
    "甘乃威": "kam-nai-wai", "林顺潮": "dennis-lam-shun-chiu", "刘业强": "kenneth-lau-ip-keung",
    "邵家臻": "shiu-ka-chun", "邵家辉": "shiu-ka-fai", "陆颂雄": "luk-chung-hung",
    "许智峰": "ted-hui-chi-fung", "何启明": "ho-kai-ming", "张国钧": "horace-cheung-kwok-kwan",
}
# Automatic screen of district-council candidates: a name begins with no
# function word and ends in no verb/particle (`林进表`, `向市民`), and is
# printed with the title in at least 3 % of its occurrences.
REJECT_START = ("向", "包括", "全体", "全部", "全数", "关注", "连番", "连环", "连任", "连退",
                "曾经", "曾因", "曾对", "曾有", "于", "周五", "周四", "周二", "任由", "任期",
                "任内", "任相", "高呼", "高效", "高度", "商讨", "尤其", "严厉", "游行", "方案",
                "包围", "关切", "关系", "叶匪", "何匪")
REJECT_END = set("表在今请的认罢以说称和及与等也都就被则指将对为是见起后前")
# 何启明 names two people (an FTU legislator and an ADPL district councillor):
# left out.
REJECT_NAMES = {"何启明", "陈国强", "陈伟明", "李家伟", "刘志雄", "蔡志强", "黎志强", "黎永强", "郭子健",
                "张文龙", "李文浩", "林健文", "周伟雄", "黄永志", "李世荣", "李志宏", "王浩宇",
                "黄建彬", "林玉珍", "李清霞", "叶兴国", "梁志成", "黄春平", "刘佩玉", "陈振彬",
                "黄伟贤", "王伟麟", "刘伟聪", "马旗以", "林琳报", "方飞龙", "林进在", "林进今", "林进表", "林进请",
                "杨彧表", "曾健超", "郑文杰", "李鹏飞"}


# Readings of the romanisation table that Hong Kong spells otherwise
# (Hong Kong Government romanisation as printed in names).
HK_SPELLING = {"taam": "tam", "paang": "pang", "daat": "tat", "pooi": "pui", "dang": "tang",
               "baak": "pak", "jan": "chun", "jun": "chun", "saan": "shan", "taai": "tai",
               "laap": "lap", "gwing": "kwing", "dit": "tit", "booi": "pui", "ngaan": "ngan",
               "jeng": "ching", "jit": "chit", "dak": "tak", "do": "to", "dung": "tung",
               "daan": "tan", "hay": "hei", "bick": "bik", "ball": "po", "seung": "sheung",
               "haau": "hau", "doi": "toi", "gaau": "kau", "daai": "tai", "baau": "pau"}


def hk_id(pid):
    return "-".join(HK_SPELLING.get(p, p) for p in pid.split("-"))


def parse(path):
    out = collections.defaultdict(list)
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        out[f[0]].append(f)
    return out


def latin_of(pid):
    parts = pid.split("-")
    if len(parts) >= 3:
        return f"{parts[0].capitalize()} {parts[1].capitalize()}-{'-'.join(parts[2:])}"
    return " ".join(p.capitalize() for p in parts)


def main():
    hk, tw = parse(sys.argv[1]), parse(sys.argv[2])
    seen = set()
    out = []

    def person(name, pid, iso, latin=None):
        if pid in seen:
            return False
        seen.add(pid)
        out.append("\t".join(["P", pid, latin or latin_of(pid), iso, name]))
        return True

    for name, end in LY10.items():
        rows = tw.get(name)
        pid = rows[0][8] if rows else None
        if not pid or "?" in pid:
            continue
        if person(name, pid, "TWN"):
            out.append("\t".join(["R", pid, "legislator", "TWN", "2020-02-01", end or "2024-02-01"]))
    for name, (pid, latin) in LY10_LONG.items():
        if person(name, pid, "TWN", latin):
            out.append("\t".join(["R", pid, "legislator", "TWN", "2020-02-01", "2024-02-01"]))
    for name, terms in LOCAL_TW.items():
        pid = tw[name][0][8]
        if person(name, pid, "TWN"):
            for key, s, e in terms:
                out.append("\t".join(["R", pid, key, "TWN", s, e]))
    for name, terms in LEGCO.items():
        pid = OWN.get(name) or hk_id(hk[name][0][8])
        if person(name, pid, "HKG"):
            for s, e in terms:
                out.append("\t".join(["R", pid, "legislator", "HKG", s, e]))
    for name, rows in hk.items():
        for f in rows:
            if f[1] != "councillor" or name in LEGCO or name in REJECT_NAMES:
                continue
            if name.startswith(REJECT_START) or name[-1] in REJECT_END or "?" in f[8]:
                continue
            n_title, n_total = int(f[3]), int(f[4])
            if n_title < 2 or n_title < 0.03 * n_total:
                continue
            dates = {t.split(":")[0]: int(t.split(":")[1]) for t in f[7].split(",") if t}
            pid = OWN.get(name) or hk_id(f[8])
            # First and last dated mention decide the councils (DC5 2016-19,
            # DC6 2020-23; a mention after the 2019-11-24 election is DC6).
            terms = []
            if dates.get("DC5", 0) >= 2 and f[5] < "2019-11-24":
                terms.append(("2016-01-01", "2020-01-01"))
            if dates.get("DC6", 0) >= 1 or f[6] >= "2019-11-25":
                terms.append(("2020-01-01", "2024-01-01"))
            if not terms:
                continue
            if person(name, pid, "HKG"):
                for s, e in terms:
                    out.append("\t".join(["R", pid, "councillor", "HKG", s, e]))
    print("\n".join(out))


if __name__ == "__main__":
    main()
