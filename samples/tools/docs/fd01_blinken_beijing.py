from common import E, T, Q, V, VV, VISIT, flat

FNAME = "fd01_blinken_beijing.txt"
ENC = "utf-8"
GLUED = ["周日，布林肯与秦刚在钓鱼台国宾馆举行会谈。"]
URL = "https://cn.huanyu-times.example.com/china/20230620/blinken-beijing-xi-jinping/"

RAW = (
    "<!--1687225330000-->\n"
    "[布林肯北京之行：习近平称中美“取得进展”，双方同意稳定关系](" + URL + ")\n"
    "------\n\n"
    '<address>MARGARET HOLLIS, DANIEL OKAFOR</address><time pudate="2023-06-20 09:42:10" datetime="2023-06-20 09:42:10">2023年6月20日</time>'
    '<figure><img src="https://img.huanyu-times.example.com/2023/06/19/blinken-xi-01-master1050.jpg" width="1050" height="700">'
    "<figcaption>周一，美国国务卿布林肯在北京人民大会堂与中国国家主席习近平握手。 <cite>Leah Morgan/Pool</cite></figcaption></figure>"
    "<section>"
    "<p>周一，中国国家主席习近平在北京人民大会堂会见了美国国务卿布林肯，这是近五年来访华的最高级别美国官员。习近平对布林肯说，双方在一些具体问题上取得了进展，达成了共识，“这很好”。</p>"
    "<p>布林肯于周日抵达北京，随即与中国外交部长秦刚举行了长达五个多小时的会谈。周一上午，他又与中共中央外事工作委员会办公室主任王毅会面。此行原定于今年2月进行，但因一只中国高空气球飞越美国领空而被推迟。</p>"
    "<p>“中美两国应该本着对历史、对人民、对世界负责的态度，处理好中美关系，”习近平说。他还表示，中方尊重美国的利益，不会挑战和取代美国，同样，美国也要尊重中国，不要损害中国的正当权益。</p>"
    "<p>布林肯在会谈后对记者表示，美国不支持“台湾独立”，但美方对中国在台湾海峡的挑衅行动仍然感到担忧。他说，两国同意增加往返航班，并扩大学生、学者和商界人士之间的交流。</p>"
    '<p><img src="https://img.huanyu-times.example.com/2023/06/19/blinken-qin-02-master1050.jpg"><small style="color: #999;">周日，布林肯与秦刚在钓鱼台国宾馆举行会谈。</small></p>'
    "<p>据中国外交部发布的消息，秦刚在会谈中表示，台湾问题是中国核心利益中的核心，是中美关系中最突出的风险。秦刚接受了布林肯的邀请，同意在双方方便的时候访问华盛顿。</p>"
    "<p>不过，布林肯此行未能说服中方恢复两国军方之间的沟通渠道。王毅则在会面中要求美方停止渲染“中国威胁论”，取消对华单边制裁。</p>"
    "<p>布林肯在离开北京前说：“这些事情不会在一次访问、一次旅行、一次对话中得到解决。这是一个过程。”</p>"
    "</section>"
    "<footer><p>Chen Wei自北京对本文有报道贡献。</p>"
    "<p>Margaret Hollis是寰宇时报驻华盛顿外交事务记者。<a rel=\"nofollow\" target=\"_blank\" href=\"https://www.huanyu-times.example.com/by/margaret-hollis\">点击查看更多关于她的信息。</a></p>"
    "<p>Daniel Okafor是寰宇时报北京分社记者，报道中国政治与外交。<a rel=\"nofollow\" target=\"_blank\" href=\"https://www.huanyu-times.example.com/by/daniel-okafor\">点击查看更多关于他的信息。</a></p>"
    "<p>翻译：寰宇时报中文网</p>"
    "<p><a rel=\"nofollow\" target=\"_blank\" href=\"https://www.huanyu-times.example.com/2023/06/19/world/asia/blinken-xi-jinping-china.html\">点击查看本文英文版。</a></p></footer>"
    '<br><hr><div>获取更多RSS：<br><a href="https://feeds.example.net" style="color:orange" target="_blank">https://feeds.example.net</a> <br><a href="https://feeds.example.org" style="color:orange" target="_blank">https://feeds.example.org</a><br></div>'
)

GOLD = {
    "article": {
        "title": "布林肯北京之行：习近平称中美“取得进展”，双方同意稳定关系",
        "published": "2023-06-20",
        "published_alt": ["2023-06-19"],
        "authors": ["MARGARET HOLLIS", "DANIEL OKAFOR"],
        "outlet": "寰宇时报中文网",
        "url": URL,
        "script": "simplified",
        "body_starts": "周一，中国国家主席习近平在北京人民大会堂会见了",
        "body_ends": "一次对话中得到解决。这是一个过程。”",
        "body_must_contain": [
            "布林肯于周日抵达北京，随即与中国外交部长秦刚举行了长达五个多小时的会谈。",
            "秦刚接受了布林肯的邀请，同意在双方方便的时候访问华盛顿。",
            "不过，布林肯此行未能说服中方恢复两国军方之间的沟通渠道。",
        ],
        "body_must_not_contain": [
            "布林肯北京之行：习近平称中美“取得进展”，双方同意稳定关系",
            "周一，美国国务卿布林肯在北京人民大会堂与中国国家主席习近平握手。",
            "Leah Morgan/Pool",
            "周日，布林肯与秦刚在钓鱼台国宾馆举行会谈。",
            "Chen Wei自北京对本文有报道贡献。",
            "Margaret Hollis是寰宇时报驻华盛顿外交事务记者。",
            "翻译：寰宇时报中文网",
            "点击查看本文英文版",
            "获取更多RSS",
        ],
    },
    "entities": [
        E("person:xi-jinping", ["习近平", "中国国家主席习近平"], "CHN"),
        E("person:blinken", ["布林肯", "美国国务卿布林肯"], "USA"),
        E("person:qin-gang", ["秦刚", "中国外交部长秦刚"], "CHN"),
        E("person:wang-yi", ["王毅", "中共中央外事工作委员会办公室主任王毅"], "CHN"),
        E("country:CHN", ["中国", "中方", "北京", "中国外交部"]),
        E("country:USA", ["美国", "美方", "华盛顿"]),
        E("country:TWN", ["台湾"]),
    ],
    "timex": [
        T("周一", "2023-06-19"),
        T("周日", "2023-06-18"),
        T("周一上午", "2023-06-19"),
        T("今年2月", "2023-02"),
    ],
    "quotes": [
        Q("person:xi-jinping", "中美两国应该本着对历史、对人民、对世界负责的态度"),
        Q("person:blinken", "这些事情不会在一次访问、一次旅行、一次对话中得到解决。"),
    ],
    "events": flat(
        VISIT("USA", "CHN", "2023-06-18", "布林肯于周日抵达北京"),
        VV("CHN", "USA", "04", "2023-06-19", "中国国家主席习近平在北京人民大会堂会见了美国国务卿布林肯", code="040"),
        VV("CHN", "USA", "05", "2023-06-19", "双方在一些具体问题上取得了进展，达成了共识", alt=["03"]),
        V("USA", "TWN", "12", "2023-06-19", "美国不支持“台湾独立”", alt=["01"]),
        V("USA", "CHN", "11", "2023-06-19", "美方对中国在台湾海峡的挑衅行动仍然感到担忧", alt=["01"]),
        VV("USA", "CHN", "03", "2023-06-19", "两国同意增加往返航班", alt=["05"]),
        V("USA", "CHN", "03", "2023-06-18", "秦刚接受了布林肯的邀请", alt=["02", "04"]),
        V("CHN", "USA", "03", "2023-06-18", "同意在双方方便的时候访问华盛顿", code="036", alt=["04"]),
        V("CHN", "USA", "12", "2023-06-19", "布林肯此行未能说服中方恢复两国军方之间的沟通渠道", alt=["16"]),
        V("CHN", "USA", "10", "2023-06-19", "王毅则在会面中要求美方停止渲染“中国威胁论”，取消对华单边制裁", alt=["11"]),
    ),
}
