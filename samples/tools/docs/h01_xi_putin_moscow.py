from common import E, T, Q, V, VV, VISIT, flat

FNAME = "h01_xi_putin_moscow.html"
ENC = "utf-8"
URL = "https://www.huaxia-shixun.example.com/world/2023-03/22/content_88231457.html"
TITLE = "习近平结束对俄罗斯国事访问 中俄签署两份联合声明"

P = [
    "北京时间3月22日，国家主席习近平结束对俄罗斯为期三天的国事访问，乘专机离开莫斯科回国。这是习近平连任国家主席后的首次出访。",
    "习近平于20日抵达莫斯科伏努科沃机场，当天下午同俄罗斯总统普京在克里姆林宫举行非正式会晤，两人的交谈持续了四个多小时。21日，两国元首举行正式会谈，并共同签署了《中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明》和《关于2030年前中俄经济合作重点方向发展规划的联合声明》。",
    "习近平在会谈中表示，中俄关系早已超越双边范畴，对世界格局和人类前途命运至关重要。“中方愿同俄方一道，坚定维护以联合国为核心的国际体系。”",
    "普京在会谈后的联合记者会上说，俄方认真研究了中方关于政治解决乌克兰危机的立场文件，认为其中许多主张可以作为和平解决的基础，“只要西方和基辅做好准备”。普京还表示，俄方欢迎中方在乌克兰问题上发挥建设性作用。",
    "美国国务卿布林肯20日则表示，任何不包括俄罗斯从乌克兰撤军的停火呼吁，实际上都是在认可俄罗斯的征服，世界不应被这类提议所迷惑。",
    "就在习近平抵达莫斯科的同时，日本首相岸田文雄于21日突访基辅，同乌克兰总统泽连斯基举行会谈。",
    "习近平在访问期间邀请普京在方便的时候再次访华，普京表示感谢。",
]

BODY = "".join(f"<p>{p}</p>\n" for p in P)

RAW = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{TITLE} - 华夏时讯网</title>
<meta name="keywords" content="习近平,普京,中俄关系,国事访问">
<meta name="description" content="国家主席习近平结束对俄罗斯为期三天的国事访问，中俄两国元首签署两份联合声明。">
<meta property="og:type" content="article">
<meta property="og:title" content="{TITLE}">
<meta property="og:url" content="{URL}">
<meta property="og:site_name" content="华夏时讯网">
<meta property="og:image" content="https://img.huaxia-shixun.example.com/2023/03/22/xi-putin.jpg">
<meta property="article:published_time" content="2023-03-22T10:32:00+08:00">
<link rel="canonical" href="{URL}">
<script type="application/ld+json">
{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{TITLE}","datePublished":"2023-03-22T10:32:00+08:00","dateModified":"2023-03-22T11:05:00+08:00","author":[{{"@type":"Person","name":"周明远"}}],"publisher":{{"@type":"Organization","name":"华夏时讯网"}},"mainEntityOfPage":"{URL}"}}
</script>
<link rel="stylesheet" href="/static/css/main.css">
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body>
<header class="site-header">
<div class="logo"><a href="/">华夏时讯网</a></div>
<nav class="main-nav"><ul>
<li><a href="/">首页</a></li><li><a href="/china/">国内</a></li><li class="active"><a href="/world/">国际</a></li><li><a href="/mil/">军事</a></li><li><a href="/finance/">财经</a></li><li><a href="/tech/">科技</a></li><li><a href="/video/">视频</a></li>
</ul></nav>
<div class="search"><form action="/search"><input type="text" name="q" placeholder="搜索新闻"><button>搜索</button></form></div>
</header>
<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/world/">国际</a> &gt; 正文</div>
<main>
<article class="news-article">
<h1>{TITLE}</h1>
<div class="meta"><span class="byline">记者 周明远 报道</span> <span class="time">发布时间：2023-03-22 10:32</span> <span class="source">来源：华夏时讯网</span></div>
<div class="share">分享到：<a href="#" class="wx">微信</a> <a href="#" class="wb">微博</a> <a href="#" class="qq">QQ空间</a></div>
<figure><img src="https://img.huaxia-shixun.example.com/2023/03/22/xi-putin.jpg" alt=""><figcaption>3月21日，中俄两国元首在莫斯科克里姆林宫举行会谈。（资料图）</figcaption></figure>
{BODY}<p class="editor">（责任编辑：王晓楠）</p>
</article>
<section class="related">
<h3>相关新闻</h3>
<ul>
<li><a href="/world/2023-03/20/content_88229001.html">习近平抵达莫斯科 开始对俄罗斯进行国事访问</a></li>
<li><a href="/world/2023-03/21/content_88230112.html">外交部：中方在乌克兰问题上始终站在和平一边</a></li>
<li><a href="/world/2023-02/24/content_88120034.html">关于政治解决乌克兰危机的中国立场全文发布</a></li>
</ul>
</section>
<section class="hot">
<h3>热门推荐</h3>
<ul><li><a href="/finance/2023-03/22/content_88231500.html">一季度外贸数据前瞻：出口有望企稳回升</a></li><li><a href="/tech/2023-03/22/content_88231511.html">国产大飞机C919交付进入倒计时</a></li></ul>
</section>
<section class="comments"><h3>网友评论</h3><p class="empty">暂无评论，快来抢沙发吧！</p><textarea placeholder="文明上网，理性发言"></textarea><button>发表评论</button></section>
</main>
<footer class="site-footer">
<p><a href="/about/">关于我们</a> | <a href="/contact/">联系我们</a> | <a href="/ad/">广告服务</a> | <a href="/legal/">法律声明</a></p>
<p>© 2023 华夏时讯网 版权所有 未经授权禁止转载</p>
<p>互联网新闻信息服务许可证编号：00000000000000（示例）</p>
</footer>
</body>
</html>
"""

GOLD = {
    "article": {
        "title": TITLE,
        "published": "2023-03-22",
        "published_alt": [],
        "authors": ["周明远"],
        "outlet": "华夏时讯网",
        "url": URL,
        "script": "simplified",
        "body_starts": "北京时间3月22日，国家主席习近平结束对俄罗斯",
        "body_ends": "普京表示感谢。",
        "body_must_contain": [
            "21日，两国元首举行正式会谈",
            "美国国务卿布林肯20日则表示，任何不包括俄罗斯从乌克兰撤军的停火呼吁",
            "日本首相岸田文雄于21日突访基辅",
        ],
        "body_must_not_contain": [
            TITLE,
            "记者 周明远 报道",
            "发布时间：2023-03-22 10:32",
            "来源：华夏时讯网",
            "分享到：",
            "3月21日，中俄两国元首在莫斯科克里姆林宫举行会谈。（资料图）",
            "（责任编辑：王晓楠）",
            "相关新闻",
            "习近平抵达莫斯科 开始对俄罗斯进行国事访问",
            "热门推荐",
            "暂无评论，快来抢沙发吧！",
            "© 2023 华夏时讯网 版权所有",
        ],
    },
    "entities": [
        E("person:xi-jinping", ["习近平", "国家主席习近平"], "CHN"),
        E("person:putin", ["普京", "俄罗斯总统普京"], "RUS"),
        E("person:kishida", ["岸田文雄", "日本首相岸田文雄"], "JPN"),
        E("person:zelensky", ["泽连斯基", "乌克兰总统泽连斯基"], "UKR"),
        E("country:CHN", ["中方", "中华人民共和国"]),
        E("country:RUS", ["俄罗斯", "俄方", "莫斯科", "克里姆林宫", "俄罗斯联邦"]),
        E("person:blinken", ["布林肯", "美国国务卿布林肯"], "USA"),
        E("country:USA", ["美国"]),
        E("country:UKR", ["乌克兰", "基辅"]),
        E("country:JPN", ["日本"]),
        E("org:UN", ["联合国"]),
    ],
    "timex": [
        T("3月22日", "2023-03-22"),
        T("20日", "2023-03-20"),
        T("当天下午", "2023-03-20"),
        T("21日", "2023-03-21"),
        T("2030年", "2030"),
    ],
    "quotes": [
        Q("person:xi-jinping", "中方愿同俄方一道，坚定维护以联合国为核心的国际体系。"),
        Q("person:putin", "只要西方和基辅做好准备"),
    ],
    "events": flat(
        VISIT("CHN", "RUS", "2023-03-20", "习近平于20日抵达莫斯科伏努科沃机场"),
        VV("CHN", "RUS", "04", "2023-03-21", "两国元首举行正式会谈"),
        VV("CHN", "RUS", "05", "2023-03-21", "共同签署了《中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明》", code="057", alt=["03"]),
        V("CHN", "RUS", "03", "2023-03-21", "中方愿同俄方一道，坚定维护以联合国为核心的国际体系", alt=["05"]),
        V("RUS", "UKR", "03", "2023-03-21", "认为其中许多主张可以作为和平解决的基础", code="037", alt=["01"]),
        V("USA", "CHN", "12", "2023-03-20", "任何不包括俄罗斯从乌克兰撤军的停火呼吁，实际上都是在认可俄罗斯的征服", alt=["11"]),
        VISIT("JPN", "UKR", "2023-03-21", "日本首相岸田文雄于21日突访基辅"),
        V("CHN", "RUS", "03", "2023-03-22", "邀请普京在方便的时候再次访华", alt=["02", "04"]),
    ),
}
