# RSS 2.0 feed with three items. The gold file annotates the FIRST item only.
import html as _html

from common import E, T, Q, V, VV, VISIT, flat

FNAME = "r01_world_feed.xml"
ENC = "utf-8"
URL1 = "https://www.huanqiu-sudi.example.com/world/2024-04/26/blinken-xi-beijing.html"
TITLE1 = "习近平会见布林肯：中美应该是伙伴而不是对手"

ITEM1 = """<p>4月26日下午，国家主席习近平在北京人民大会堂会见美国国务卿布林肯。这是布林肯时隔10个月再次访华。</p>
<p>习近平表示，中美两国应该是伙伴，而不是对手；应该彼此成就，而不是互相伤害；应该求同存异，而不是恶性竞争。他说，去年11月他同拜登总统在旧金山会晤以来，两国关系总体趋稳，双方团队落实共识取得了积极进展。</p>
<p>布林肯于24日抵达上海，开始对中国为期三天的访问，25日转抵北京。26日上午，中共中央外事工作委员会办公室主任王毅同布林肯举行了长达5个多小时的会谈。王毅表示，中美关系开始企稳，但负面因素仍在不断增加，美方不应干涉中国内政，不要在台湾、经贸等问题上踩踏中方红线。</p>
<p>布林肯在访问结束前的记者会上说，他向中方表达了美国对中国向俄罗斯国防工业提供支持的严重关切，“如果中国不解决这个问题，我们会采取行动”。他同时表示，双方同意继续保持各层级的沟通。</p>"""

ITEM2 = """<p>外交部发言人11月24日宣布，为便利中外人员往来，中方决定试行扩大单方面免签国家范围，对法国、德国、意大利、荷兰、西班牙、马来西亚6个国家持普通护照人员实行单方面免签政策。</p>
<p>2023年12月1日至2024年11月30日期间，上述国家持普通护照人员来华经商、旅游观光、探亲访友和过境不超过15天，可免办签证入境。</p>"""

ITEM3 = """<p>10月26日11时14分，搭载神舟十七号载人飞船的长征二号F遥十七运载火箭在酒泉卫星发射中心点火发射，约10分钟后，飞船与火箭成功分离，进入预定轨道。</p>
<p>航天员汤洪波、唐胜杰、江新林将在中国空间站驻留约6个月。这是汤洪波第二次执行飞行任务，也是我国航天员乘组平均年龄最小的一次。</p>"""

RAW = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>环球速递 - 国际频道</title>
<link>https://www.huanqiu-sudi.example.com/world/</link>
<atom:link href="https://www.huanqiu-sudi.example.com/rss/world.xml" rel="self" type="application/rss+xml"/>
<description>环球速递国际新闻</description>
<language>zh-cn</language>
<copyright>© 2024 环球速递 版权所有</copyright>
<lastBuildDate>Fri, 26 Apr 2024 21:05:00 +0800</lastBuildDate>
<generator>FeedBuilder 3.2</generator>
<item>
<title>{TITLE1}</title>
<link>{URL1}</link>
<guid isPermaLink="true">{URL1}</guid>
<dc:creator>记者 苏晓航</dc:creator>
<category>国际</category>
<pubDate>Fri, 26 Apr 2024 20:30:00 +0800</pubDate>
<description>国家主席习近平26日在北京会见美国国务卿布林肯。</description>
<content:encoded><![CDATA[{ITEM1}]]></content:encoded>
</item>
<item>
<title>中方对法德意荷西马6国试行单方面免签政策</title>
<link>https://www.huanqiu-sudi.example.com/world/2023-11/24/visa-free-six-countries.html</link>
<guid isPermaLink="true">https://www.huanqiu-sudi.example.com/world/2023-11/24/visa-free-six-countries.html</guid>
<dc:creator>记者 林然</dc:creator>
<category>国际</category>
<pubDate>Fri, 24 Nov 2023 17:48:00 +0800</pubDate>
<description>{_html.escape(ITEM2, quote=False)}</description>
</item>
<item>
<title>神舟十七号载人飞船发射成功</title>
<link>https://www.huanqiu-sudi.example.com/tech/2023-10/26/shenzhou-17-launch.html</link>
<guid isPermaLink="true">https://www.huanqiu-sudi.example.com/tech/2023-10/26/shenzhou-17-launch.html</guid>
<category>科技</category>
<pubDate>Thu, 26 Oct 2023 12:10:00 +0800</pubDate>
<content:encoded><![CDATA[{ITEM3}]]></content:encoded>
</item>
</channel>
</rss>
"""

GOLD = {
    "article": {
        "title": TITLE1,
        "published": "2024-04-26",
        "published_alt": [],
        "authors": ["苏晓航"],
        "outlet": "环球速递",
        "url": URL1,
        "script": "simplified",
        "body_starts": "4月26日下午，国家主席习近平在北京人民大会堂会见美国国务卿布林肯。",
        "body_ends": "双方同意继续保持各层级的沟通。",
        "body_must_contain": [
            "这是布林肯时隔10个月再次访华。",
            "布林肯于24日抵达上海，开始对中国为期三天的访问，25日转抵北京。",
        ],
        "body_must_not_contain": [
            TITLE1,
            "环球速递 - 国际频道",
            "国家主席习近平26日在北京会见美国国务卿布林肯。",
            "中方对法德意荷西马6国试行单方面免签政策",
            "神舟十七号载人飞船发射成功",
        ],
    },
    "entities": [
        E("person:xi-jinping", ["习近平", "国家主席习近平"], "CHN"),
        E("person:blinken", ["布林肯", "美国国务卿布林肯"], "USA"),
        E("person:biden", ["拜登", "拜登总统"], "USA"),
        E("person:wang-yi", ["王毅", "中共中央外事工作委员会办公室主任王毅"], "CHN"),
        E("country:CHN", ["中国", "中方", "北京"]),
        E("country:USA", ["美国", "美方"]),
        E("country:RUS", ["俄罗斯"]),
        E("country:TWN", ["台湾"]),
    ],
    "timex": [
        T("4月26日下午", "2024-04-26"),
        T("去年11月", "2023-11"),
        T("24日", "2024-04-24"),
        T("25日", "2024-04-25"),
        T("26日上午", "2024-04-26"),
    ],
    "quotes": [
        Q("person:blinken", "如果中国不解决这个问题，我们会采取行动"),
    ],
    "events": flat(
        VISIT("USA", "CHN", "2024-04-24", "布林肯于24日抵达上海，开始对中国为期三天的访问"),
        VV("CHN", "USA", "04", "2024-04-26", "国家主席习近平在北京人民大会堂会见美国国务卿布林肯"),
        VV("CHN", "USA", "04", "2023-11", "他同拜登总统在旧金山会晤", code="042"),
        V("CHN", "USA", "10", "2024-04-26", "美方不应干涉中国内政，不要在台湾、经贸等问题上踩踏中方红线", alt=["13", "11"]),
        V("USA", "CHN", "11", "2024-04-26", "美国对中国向俄罗斯国防工业提供支持的严重关切", alt=["01"]),
        V("USA", "CHN", "13", "2024-04-26", "如果中国不解决这个问题，我们会采取行动", alt=["10"]),
        VV("USA", "CHN", "03", "2024-04-26", "双方同意继续保持各层级的沟通", code="036", alt=["05"]),
    ),
}
GOLD["events"][5]["code"] = "043"  # host side of the San Francisco meeting (USA hosted Xi)
