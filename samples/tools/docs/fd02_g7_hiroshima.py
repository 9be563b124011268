from common import E, T, Q, V, VV, VISIT, flat

FNAME = "fd02_g7_hiroshima.txt"
ENC = "utf-8"
URL = "https://cn.huanyu-times.example.com/world/20230522/g7-hiroshima-zelensky-china/"

RAW = (
    "<!--1684721133000-->\n"
    "[泽连斯基亲赴广岛，七国集团峰会对俄中两国同时发出警告](" + URL + ")\n"
    "------\n\n"
    '<address>HIROKO TANAKA</address><time pudate="2023-05-22 10:05:33" datetime="2023-05-22 10:05:33">2023年5月22日</time>'
    '<figure><img src="https://img.huanyu-times.example.com/2023/05/21/g7-leaders-01-master1050.jpg" width="1050" height="700">'
    "<figcaption>周日，七国集团领导人与乌克兰总统泽连斯基在广岛和平纪念公园献花。 <cite>Kenji Mori/Huanyu Times</cite></figcaption></figure>"
    "<section>"
    "<p>为期三天的七国集团峰会周日在日本广岛落下帷幕。乌克兰总统泽连斯基周六乘坐法国政府专机抵达广岛，以面对面的方式参加了会议，使这场原本聚焦核裁军与经济安全的峰会变成了一次声援乌克兰的集会。</p>"
    "<p>周日，美国总统拜登在广岛会见了泽连斯基，并宣布向乌克兰提供一批价值3.75亿美元的新军事援助，包括弹药和装甲车辆。此前，拜登已告知盟国，美国将支持培训乌克兰飞行员驾驶F-16战斗机。</p>"
    "<p>“我们与整个七国集团一道支持乌克兰，我保证我们不会离开，”拜登在会见泽连斯基时说。</p>"
    "<p>泽连斯基周六还与印度总理莫迪举行了俄乌战争爆发以来的首次面对面会谈。印度迄今拒绝谴责俄罗斯，并大量购买俄罗斯石油。</p>"
    "<p>峰会周六发表的联合公报也把矛头指向中国。公报表示，七国集团不寻求与中国“脱钩”，而是要“去风险”，同时批评中国在东海和南海的行为，并呼吁中国向俄罗斯施压，使其停止侵略。</p>"
    "<p>北京对此反应强烈。中国外交部副部长孙卫东周日召见日本驻华大使垂秀夫，就日方作为东道主与其他国家一道“抹黑攻击中国”提出严正交涉。中国外交部发言人此前称，七国集团“阻挠国际和平”。</p>"
    "<p>日本首相岸田文雄在闭幕记者会上为公报辩护。他说，七国集团希望与中国建立“建设性和稳定的关系”，并表示愿就共同关心的问题与北京对话。</p>"
    "</section>"
    "<footer><p>Motoko Rich自广岛、Jonah Feld自华盛顿对本文有报道贡献。</p>"
    "<p>Hiroko Tanaka是寰宇时报东京分社记者，报道日本政治与外交。<a rel=\"nofollow\" target=\"_blank\" href=\"https://www.huanyu-times.example.com/by/hiroko-tanaka\">点击查看更多关于她的信息。</a></p>"
    "<p>翻译：寰宇时报中文网</p>"
    "<p><a rel=\"nofollow\" target=\"_blank\" href=\"https://www.huanyu-times.example.com/2023/05/21/world/asia/g7-summit-hiroshima-zelensky.html\">点击查看本文英文版。</a></p></footer>"
)

GOLD = {
    "article": {
        "title": "泽连斯基亲赴广岛，七国集团峰会对俄中两国同时发出警告",
        "published": "2023-05-22",
        "published_alt": ["2023-05-21"],
        "authors": ["HIROKO TANAKA"],
        "outlet": "寰宇时报中文网",
        "url": URL,
        "script": "simplified",
        "body_starts": "为期三天的七国集团峰会周日在日本广岛落下帷幕。",
        "body_ends": "并表示愿就共同关心的问题与北京对话。",
        "body_must_contain": [
            "泽连斯基周六还与印度总理莫迪举行了俄乌战争爆发以来的首次面对面会谈。",
            "峰会周六发表的联合公报也把矛头指向中国。",
            "日本首相岸田文雄在闭幕记者会上为公报辩护。",
        ],
        "body_must_not_contain": [
            "泽连斯基亲赴广岛，七国集团峰会对俄中两国同时发出警告",
            "周日，七国集团领导人与乌克兰总统泽连斯基在广岛和平纪念公园献花。",
            "Kenji Mori/Huanyu Times",
            "Motoko Rich自广岛、Jonah Feld自华盛顿对本文有报道贡献。",
            "Hiroko Tanaka是寰宇时报东京分社记者",
            "翻译：寰宇时报中文网",
            "点击查看本文英文版",
        ],
    },
    "entities": [
        E("person:zelensky", ["泽连斯基", "乌克兰总统泽连斯基"], "UKR"),
        E("person:biden", ["拜登", "美国总统拜登"], "USA"),
        E("person:modi", ["莫迪", "印度总理莫迪"], "IND"),
        E("person:sun-weidong", ["孙卫东", "中国外交部副部长孙卫东"], "CHN"),
        E("person:tarumi", ["垂秀夫", "日本驻华大使垂秀夫"], "JPN"),
        E("person:kishida", ["岸田文雄", "日本首相岸田文雄"], "JPN"),
        E("org:G7", ["七国集团"]),
        E("country:UKR", ["乌克兰"]),
        E("country:JPN", ["日本", "日方"]),
        E("country:FRA", ["法国"]),
        E("country:USA", ["美国"]),
        E("country:IND", ["印度"]),
        E("country:RUS", ["俄罗斯"]),
        E("country:CHN", ["中国", "北京", "中国外交部"]),
    ],
    "timex": [
        T("周日", "2023-05-21"),
        T("周六", "2023-05-20"),
    ],
    "quotes": [
        Q("person:biden", "我们与整个七国集团一道支持乌克兰"),
        Q("country:CHN", "阻挠国际和平"),
        Q("country:CHN", "抹黑攻击中国"),
        Q("person:kishida", "建设性和稳定的关系"),
    ],
    "events": flat(
        V("UKR", "G7", "04", "2023-05-20", "以面对面的方式参加了会议"),
        V("UKR", "JPN", "04", "2023-05-20", "乌克兰总统泽连斯基周六乘坐法国政府专机抵达广岛", code="042"),
        V("JPN", "UKR", "04", "2023-05-20", "乌克兰总统泽连斯基周六乘坐法国政府专机抵达广岛", code="043"),
        V("FRA", "UKR", "07", "2023-05-20", "乘坐法国政府专机抵达广岛", alt=["06"]),
        VV("USA", "UKR", "04", "2023-05-21", "美国总统拜登在广岛会见了泽连斯基"),
        V("USA", "UKR", "07", "2023-05-21", "宣布向乌克兰提供一批价值3.75亿美元的新军事援助", code="072", alt=["03"]),
        V("USA", "UKR", "03", "2023-05-21", "美国将支持培训乌克兰飞行员驾驶F-16战斗机", alt=["07"]),
        V("USA", "UKR", "05", "2023-05-21", "我们与整个七国集团一道支持乌克兰", code="051", alt=["01"]),
        VV("UKR", "IND", "04", "2023-05-20", "泽连斯基周六还与印度总理莫迪举行了俄乌战争爆发以来的首次面对面会谈"),
        V("G7", "CHN", "11", "2023-05-20", "批评中国在东海和南海的行为", code="111"),
        V("G7", "CHN", "10", "2023-05-20", "呼吁中国向俄罗斯施压，使其停止侵略", alt=["02"]),
        V("CHN", "JPN", "11", "2023-05-21", "召见日本驻华大使垂秀夫", code="114", alt=["14"]),
        V("CHN", "G7", "11", "2023-05-21", "七国集团“阻挠国际和平”", code="111"),
        V("JPN", "CHN", "03", "2023-05-21", "七国集团希望与中国建立“建设性和稳定的关系”", alt=["01"]),
    ),
}
