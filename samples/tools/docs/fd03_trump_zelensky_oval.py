from common import E, T, Q, V, VV, VISIT, flat

FNAME = "fd03_trump_zelensky_oval.txt"
ENC = "utf-8"
URL = "https://cn.huanyu-times.example.com/usa/20250301/trump-zelensky-oval-office/"

RAW = (
    "<!--1740799127000-->\n"
    "[白宫椭圆形办公室激烈争吵后，泽连斯基提前离开，矿产协议未能签署](" + URL + ")\n"
    "------\n\n"
    '<address>ROBERT ELLISON, ANNA KOVAL</address><time pudate="2025-03-01 11:18:47" datetime="2025-03-01 11:18:47">2025年3月1日</time>'
    '<figure><img src="https://img.huanyu-times.example.com/2025/02/28/oval-office-01-master1050.jpg" width="1050" height="700">'
    "<figcaption>周五，特朗普总统和副总统万斯在椭圆形办公室与乌克兰总统泽连斯基会面。 <cite>Samuel Price/Huanyu Times</cite></figcaption></figure>"
    "<section>"
    "<p>周五，特朗普总统在白宫椭圆形办公室会见乌克兰总统泽连斯基，会面在电视镜头前演变成一场罕见的公开争吵。原定当天签署的美乌矿产资源协议随之搁浅，联合记者会也被取消。</p>"
    "<p>会面的大部分时间气氛尚属平和，但当泽连斯基质疑能否相信普京会遵守停火承诺时，副总统万斯指责他在椭圆形办公室里“不尊重”美方。特朗普随即提高音量，指责泽连斯基不知感恩。</p>"
    "<p>“你在拿第三次世界大战做赌注，”特朗普对泽连斯基说。“你现在处境不妙，你手里没有牌。”</p>"
    "<p>据白宫官员透露，争吵结束后，泽连斯基一行被要求离开白宫。特朗普随后在社交媒体上发文称，泽连斯基“准备好迎接和平时可以再回来”。</p>"
    "<p>泽连斯基当晚接受美国福克斯新闻台采访时表示，这场争吵“对双方都不好”，但他不认为自己需要道歉。他在社交媒体上感谢了美国总统、国会和美国人民的支持。</p>"
    "<p>欧洲领导人纷纷表态支持基辅。法国总统马克龙说：“有一个侵略者，那就是俄罗斯；有一个受害者，那就是乌克兰人民。”英国首相斯塔默分别与特朗普和泽连斯基通了电话，并将于周六在伦敦接待泽连斯基。</p>"
    "</section>"
    "<footer><p>Peter Landry自华盛顿、Olena Marchuk自基辅对本文有报道贡献。</p>"
    "<p>Robert Ellison是寰宇时报白宫记者。<a rel=\"nofollow\" target=\"_blank\" href=\"https://www.huanyu-times.example.com/by/robert-ellison\">点击查看更多关于他的信息。</a></p>"
    "<p>Anna Koval是寰宇时报驻基辅记者，报道乌克兰战争。<a rel=\"nofollow\" target=\"_blank\" href=\"https://www.huanyu-times.example.com/by/anna-koval\">点击查看更多关于她的信息。</a></p>"
    "<p>翻译：寰宇时报中文网</p>"
    "<a rel=\"nofollow\" target=\"_blank\" href=\"https://www.huanyu-times.example.com/2025/02/28/us/politics/trump-zelensky-oval-office.html\">点击查看本文英文版。</a></footer>"
    '<br><hr><div>获取更多RSS：<br><a href="https://feeds.example.net" style="color:orange" target="_blank">https://feeds.example.net</a> <br><a href="https://feeds.example.org" style="color:orange" target="_blank">https://feeds.example.org</a><br></div>'
)

GOLD = {
    "article": {
        "title": "白宫椭圆形办公室激烈争吵后，泽连斯基提前离开，矿产协议未能签署",
        "published": "2025-03-01",
        "published_alt": ["2025-02-28"],
        "authors": ["ROBERT ELLISON", "ANNA KOVAL"],
        "outlet": "寰宇时报中文网",
        "url": URL,
        "script": "simplified",
        "body_starts": "周五，特朗普总统在白宫椭圆形办公室会见乌克兰总统泽连斯基",
        "body_ends": "并将于周六在伦敦接待泽连斯基。",
        "body_must_contain": [
            "原定当天签署的美乌矿产资源协议随之搁浅，联合记者会也被取消。",
            "据白宫官员透露，争吵结束后，泽连斯基一行被要求离开白宫。",
            "欧洲领导人纷纷表态支持基辅。",
        ],
        "body_must_not_contain": [
            "白宫椭圆形办公室激烈争吵后，泽连斯基提前离开，矿产协议未能签署",
            "周五，特朗普总统和副总统万斯在椭圆形办公室与乌克兰总统泽连斯基会面。",
            "Samuel Price/Huanyu Times",
            "Peter Landry自华盛顿、Olena Marchuk自基辅对本文有报道贡献。",
            "Robert Ellison是寰宇时报白宫记者。",
            "翻译：寰宇时报中文网",
            "点击查看本文英文版",
            "获取更多RSS",
        ],
    },
    "entities": [
        E("person:trump", ["特朗普", "特朗普总统"], "USA"),
        E("person:zelensky", ["泽连斯基", "乌克兰总统泽连斯基"], "UKR"),
        E("person:vance", ["万斯", "副总统万斯"], "USA"),
        E("person:putin", ["普京"], "RUS"),
        E("person:macron", ["马克龙", "法国总统马克龙"], "FRA"),
        E("person:starmer", ["斯塔默", "英国首相斯塔默"], "GBR"),
        E("country:USA", ["美国", "美方", "白宫"]),
        E("country:UKR", ["乌克兰", "基辅"]),
        E("country:RUS", ["俄罗斯"]),
        E("country:FRA", ["法国"]),
        E("country:GBR", ["英国", "伦敦"]),
        E("org:USA-congress", ["国会"], "USA"),
    ],
    "timex": [
        T("周五", "2025-02-28"),
        T("当天", "2025-02-28"),
        T("当晚", "2025-02-28"),
        T("周六", "2025-03-01"),
    ],
    "quotes": [
        Q("person:trump", "你在拿第三次世界大战做赌注"),
        Q("person:trump", "你现在处境不妙，你手里没有牌。"),
        Q("person:trump", "准备好迎接和平时可以再回来"),
        Q("person:zelensky", "对双方都不好"),
        Q("person:macron", "有一个侵略者，那就是俄罗斯"),
    ],
    "events": flat(
        VISIT("UKR", "USA", "2025-02-28", "特朗普总统在白宫椭圆形办公室会见乌克兰总统泽连斯基"),
        V("USA", "UKR", "11", "2025-02-28", "副总统万斯指责他在椭圆形办公室里“不尊重”美方", code="112", alt=["13"]),
        V("UKR", "RUS", "11", "2025-02-28", "泽连斯基质疑能否相信普京会遵守停火承诺", alt=["01"]),
        V("USA", "UKR", "16", "2025-02-28", "泽连斯基一行被要求离开白宫", alt=["12", "17"]),
        V("UKR", "USA", "05", "2025-02-28", "他在社交媒体上感谢了美国总统、国会和美国人民的支持", code="051", alt=["01"]),
        V("FRA", "UKR", "05", "2025-02-28", "欧洲领导人纷纷表态支持基辅", code="051", alt=["01"]),
        V("FRA", "RUS", "11", "2025-02-28", "有一个侵略者，那就是俄罗斯", alt=["01"]),
        VV("GBR", "USA", "04", "2025-02-28", "英国首相斯塔默分别与特朗普和泽连斯基通了电话", code="041"),
        VV("GBR", "UKR", "04", "2025-02-28", "英国首相斯塔默分别与特朗普和泽连斯基通了电话", code="041"),
        V("GBR", "UKR", "03", "2025-03-01", "将于周六在伦敦接待泽连斯基", code="036", alt=["04"]),
    ),
}
