# Domestic, non-political: the right answer is no international event.
from common import E, T, Q, V, VV, VISIT, flat, page

FNAME = "h09_c919_first_flight.html"
ENC = "utf-8"
URL = "https://www.jiangnan-wanbao.example.com/shehui/2023/0528/content_3316702.html"
TITLE = "国产大飞机C919完成首次商业载客飞行"

P = [
    "5月28日上午，编号为B-919A的C919飞机执行东方航空MU9191航班，从上海虹桥国际机场起飞，于中午12时31分平稳降落在北京首都国际机场，标志着国产大飞机正式进入民航商业运营阶段。",
    "当天10时32分，搭载一百多名旅客的MU9191航班从虹桥机场起飞。飞机抵达首都机场后，机场以民航界最高礼仪“过水门”迎接。",
    "C919是我国按照国际通行适航标准自行研制、具有自主知识产权的喷气式干线客机，座级158至192座，航程4075至5555公里。2022年9月29日，C919获得中国民用航空局颁发的型号合格证；同年12月9日，全球首架C919交付东方航空。",
    "东方航空方面介绍，首架C919采用两舱布局，共有164个座位。按照计划，该机将在上海虹桥至成都天府航线上实现常态化商业运行。",
    "不少旅客提前数周便通过购票平台抢购首航机票。一位从事航空研究的旅客说，坐上国产大飞机的首个商业航班，“感到非常自豪”。",
]

META = ('<div class="article-source"><span>本报记者 高远</span><span>2023-05-28 14:18</span>'
        '<span>来源：江南晚报</span></div>')

RAW = page(
    charset="utf-8", lang="zh-CN", title=TITLE, site="江南晚报", url=URL,
    pub_iso="2023-05-28T14:18:00+08:00", meta_html=META, paras=P, container="div",
    caption="5月28日，C919飞机抵达北京首都国际机场。",
    related=("相关新闻", ["C919获颁型号合格证", "首架C919交付东方航空"]),
    hot=("热门推荐", ["端午假期出行预订火热", "本市中考报名今日启动"]),
    comments="<p>网友：祝贺！</p>",
    copyright_line="© 2023 江南晚报 版权所有 未经许可不得转载",
    canonical=False,
)

GOLD = {
    "article": {
        "title": TITLE,
        "published": "2023-05-28",
        "published_alt": [],
        "authors": ["高远"],
        "outlet": "江南晚报",
        "url": URL,
        "script": "simplified",
        "body_starts": "5月28日上午，编号为B-919A的C919飞机执行东方航空MU9191航班",
        "body_ends": "“感到非常自豪”。",
        "body_must_contain": [
            "飞机抵达首都机场后，机场以民航界最高礼仪“过水门”迎接。",
            "2022年9月29日，C919获得中国民用航空局颁发的型号合格证",
            "东方航空方面介绍，首架C919采用两舱布局，共有164个座位。",
        ],
        "body_must_not_contain": [
            TITLE,
            "本报记者 高远",
            "来源：江南晚报",
            "5月28日，C919飞机抵达北京首都国际机场。",
            "C919获颁型号合格证",
            "端午假期出行预订火热",
            "网友：祝贺！",
            "© 2023 江南晚报 版权所有",
        ],
    },
    "entities": [
        E("org:CHN-china-eastern", ["东方航空"], "CHN"),
        E("org:CHN-caac", ["中国民用航空局"], "CHN"),
    ],
    "timex": [
        T("5月28日上午", "2023-05-28"),
        T("当天", "2023-05-28"),
        T("2022年9月29日", "2022-09-29"),
        T("12月9日", "2022-12-09"),
    ],
    "quotes": [],
    "events": [],
}
