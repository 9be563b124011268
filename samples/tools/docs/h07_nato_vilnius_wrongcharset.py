# Declares UTF-8 (meta charset and http-equiv) but the bytes are GBK.
from common import E, T, Q, V, VV, VISIT, flat, page

FNAME = "h07_nato_vilnius.html"
ENC = "gbk"
URL = "https://www.beifang-guancha.example.com/a/20230712/nato-vilnius-summit-ukraine.html"
TITLE = "北约维尔纽斯峰会落幕：乌克兰未获入盟时间表 瑞典入约障碍扫除"

P = [
    "为期两天的北约峰会12日在立陶宛首都维尔纽斯闭幕。峰会前夕，北约秘书长斯托尔滕贝格10日晚宣布，土耳其总统埃尔多安在与瑞典首相克里斯特松会谈后，同意尽快将瑞典加入北约的议定书提交土耳其议会批准。",
    "峰会11日发表的联合公报称，乌克兰的未来在北约，但只写明“当盟国同意且条件满足时”才会向乌克兰发出加入邀请，没有给出任何时间表。公报同时取消了乌克兰须先完成“成员国行动计划”的要求。",
    "乌克兰总统泽连斯基在抵达维尔纽斯前发文批评说，既不设定邀请时间、也不设定入盟时间，这种做法“前所未有而且荒谬”。",
    "12日，北约—乌克兰理事会举行首次会议，泽连斯基与北约各成员国领导人同场出席。七国集团领导人当天还发表联合宣言，承诺向乌克兰提供长期安全援助，帮助其建设能够抵御未来侵略的军队。",
    "美国总统拜登11日在维尔纽斯会见了埃尔多安。拜登12日在维尔纽斯大学发表演讲时说：“我们不会动摇。”",
    "此次公报还称中国的“既定雄心和强制性政策”对北约的利益、安全和价值观构成挑战。中国驻欧盟使团发言人随后表示，中方坚决反对公报中的涉华内容，北约应停止散布“中国威胁论”。",
]

META = '<div class="post-meta">文/王之涵 <em>2023-07-12 23:10</em> <span>来源：北方观察网</span></div>'

RAW = page(
    charset="utf-8", lang="zh-CN", title=TITLE, site="北方观察网", url=URL,
    pub_iso="2023-07-12T23:10:00+08:00", meta_html=META, paras=P, container="article",
    caption="7月12日，北约成员国领导人在维尔纽斯合影。",
    related=("相关新闻", ["瑞典申请加入北约进程回顾", "外交部：北约不要把手伸向亚太"]),
    hot=("热门推荐", ["暑运首周铁路客流创新高"]),
    comments="<p>已有0条评论</p>",
    copyright_line="Copyright &copy; 2023 北方观察网 All Rights Reserved",
).replace('<meta charset="utf-8">',
          '<meta charset="utf-8">\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">')

GOLD = {
    "article": {
        "title": TITLE,
        "published": "2023-07-12",
        "published_alt": [],
        "authors": ["王之涵"],
        "outlet": "北方观察网",
        "url": URL,
        "script": "simplified",
        "body_starts": "为期两天的北约峰会12日在立陶宛首都维尔纽斯闭幕。",
        "body_ends": "北约应停止散布“中国威胁论”。",
        "body_must_contain": [
            "公报同时取消了乌克兰须先完成“成员国行动计划”的要求。",
            "12日，北约—乌克兰理事会举行首次会议",
            "美国总统拜登11日在维尔纽斯会见了埃尔多安。",
        ],
        "body_must_not_contain": [
            TITLE,
            "文/王之涵",
            "来源：北方观察网",
            "7月12日，北约成员国领导人在维尔纽斯合影。",
            "瑞典申请加入北约进程回顾",
            "暑运首周铁路客流创新高",
            "已有0条评论",
            "Copyright © 2023 北方观察网",
        ],
    },
    "entities": [
        E("person:stoltenberg", ["斯托尔滕贝格", "北约秘书长斯托尔滕贝格"], None),
        E("person:erdogan", ["埃尔多安", "土耳其总统埃尔多安"], "TUR"),
        E("person:kristersson", ["克里斯特松", "瑞典首相克里斯特松"], "SWE"),
        E("person:zelensky", ["泽连斯基", "乌克兰总统泽连斯基"], "UKR"),
        E("person:biden", ["拜登", "美国总统拜登"], "USA"),
        E("org:NATO", ["北约"]),
        E("org:G7", ["七国集团"]),
        E("country:LTU", ["立陶宛", "维尔纽斯"]),
        E("country:TUR", ["土耳其"]),
        E("country:SWE", ["瑞典"]),
        E("country:UKR", ["乌克兰"]),
        E("country:USA", ["美国"]),
        E("country:CHN", ["中国", "中方", "中国驻欧盟使团"]),
        E("org:TUR-parliament", ["土耳其议会"], "TUR"),
    ],
    "timex": [
        T("12日", "2023-07-12"),
        T("10日晚", "2023-07-10"),
        T("11日", "2023-07-11"),
        T("当天", "2023-07-12"),
    ],
    "quotes": [
        Q("org:NATO", "当盟国同意且条件满足时"),
        Q("person:zelensky", "前所未有而且荒谬"),
        Q("person:biden", "我们不会动摇。"),
        Q("org:NATO", "既定雄心和强制性政策"),
    ],
    "events": flat(
        VV("TUR", "SWE", "04", "2023-07-10", "土耳其总统埃尔多安在与瑞典首相克里斯特松会谈后", code="044"),
        V("TUR", "SWE", "05", "2023-07-10", "同意尽快将瑞典加入北约的议定书提交土耳其议会批准", alt=["08", "03"]),
        V("NATO", "UKR", "03", "2023-07-11", "乌克兰的未来在北约", alt=["05"]),
        V("UKR", "NATO", "11", "2023-07-11", "这种做法“前所未有而且荒谬”", code="111"),
        VV("UKR", "NATO", "04", "2023-07-12", "北约—乌克兰理事会举行首次会议"),
        V("G7", "UKR", "03", "2023-07-12", "承诺向乌克兰提供长期安全援助", code="033", alt=["07"]),
        VV("USA", "TUR", "04", "2023-07-11", "美国总统拜登11日在维尔纽斯会见了埃尔多安", code="044"),
        V("USA", "UKR", "05", "2023-07-12", "我们不会动摇", alt=["01"]),
        V("NATO", "CHN", "11", "2023-07-11", "对北约的利益、安全和价值观构成挑战", code="111"),
        V("CHN", "NATO", "11", "2023-07-12", "中方坚决反对公报中的涉华内容", code="111", alt=["12"]),
        V("CHN", "NATO", "10", "2023-07-12", "北约应停止散布“中国威胁论”", alt=["11"]),
    ),
}
