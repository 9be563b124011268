from common import E, T, Q, V, VV, VISIT, flat

FNAME = "m02_putin_pyongyang.markdown"
ENC = "utf-8"
URL = "https://wanqu-guancha.example.hk/news/2024/06/20/putin-pyongyang-treaty"
TITLE = "普京24年來首訪平壤　俄朝簽署全面戰略夥伴關係條約"

RAW = f"""---
title: {TITLE}
date: "2024-06-20 09:12"
author: 區卓賢
outlet: 灣區觀察
url: "{URL}"
tags:
  - 俄羅斯
  - 朝鮮
  - 普京
  - 金正恩
---

<div class="article-body">
<p>俄羅斯總統普京19日凌晨抵達平壤，展開為期兩天的訪問，這是他自2000年以來首次訪問朝鮮。朝鮮領導人金正恩親自到機場迎接，當天上午在金日成廣場為普京舉行隆重歡迎儀式。</p>
<p>兩國領導人會談後簽署《全面戰略夥伴關係條約》。普京在會後表示，條約規定若其中一方遭受侵略，雙方將相互提供援助。他又說，俄羅斯不排除與朝鮮發展軍事技術合作。</p>
<p>金正恩形容，新條約把兩國關係提升至「同盟」的新高度，朝方「完全支持」俄羅斯在烏克蘭進行的特別軍事行動。</p>
<p>普京結束平壤行程後，隨即啟程前往越南首都河內進行國事訪問。</p>
<p>韓國總統府國家安保室長張浩振20日表示，韓方將重新考慮向烏克蘭提供武器的問題，並強烈譴責俄朝簽署的條約對韓國安全構成威脅。</p>
</div>

<p class="copyright">© 2024 灣區觀察 版權所有｜<a href="https://wanqu-guancha.example.hk/subscribe">訂閱電子報</a></p>
"""

GOLD = {
    "article": {
        "title": TITLE,
        "published": "2024-06-20",
        "published_alt": [],
        "authors": ["區卓賢"],
        "outlet": "灣區觀察",
        "url": URL,
        "script": "traditional",
        "body_starts": "俄羅斯總統普京19日凌晨抵達平壤",
        "body_ends": "對韓國安全構成威脅。",
        "body_must_contain": [
            "兩國領導人會談後簽署《全面戰略夥伴關係條約》。",
            "普京結束平壤行程後，隨即啟程前往越南首都河內進行國事訪問。",
        ],
        "body_must_not_contain": [
            TITLE,
            "© 2024 灣區觀察 版權所有",
            "訂閱電子報",
            "author: 區卓賢",
        ],
    },
    "entities": [
        E("person:putin", ["普京", "俄羅斯總統普京"], "RUS"),
        E("person:kim-jong-un", ["金正恩", "朝鮮領導人金正恩"], "PRK"),
        E("person:chang-ho-jin", ["張浩振", "韓國總統府國家安保室長張浩振"], "KOR"),
        E("country:RUS", ["俄羅斯"]),
        E("country:PRK", ["朝鮮", "平壤", "朝方"]),
        E("country:VNM", ["越南", "河內"]),
        E("country:KOR", ["韓國", "韓方"]),
        E("country:UKR", ["烏克蘭"]),
    ],
    "timex": [
        T("19日凌晨", "2024-06-19"),
        T("2000年", "2000"),
        T("當天上午", "2024-06-19"),
        T("20日", "2024-06-20"),
    ],
    "quotes": [],
    "events": flat(
        VISIT("RUS", "PRK", "2024-06-19", "俄羅斯總統普京19日凌晨抵達平壤", "金日成廣場為普京舉行隆重歡迎儀式"),
        VV("RUS", "PRK", "05", "2024-06-19", "兩國領導人會談後簽署《全面戰略夥伴關係條約》", code="057", alt=["06"]),
        V("RUS", "PRK", "03", "2024-06-19", "俄羅斯不排除與朝鮮發展軍事技術合作", code="031", alt=["06"]),
        VISIT("RUS", "VNM", "2024-06-20", "隨即啟程前往越南首都河內進行國事訪問"),
        V("KOR", "UKR", "01", "2024-06-20", "韓方將重新考慮向烏克蘭提供武器的問題", code="014", alt=["03"]),
        V("KOR", "RUS", "11", "2024-06-20", "強烈譴責俄朝簽署的條約對韓國安全構成威脅", code="111"),
        V("KOR", "PRK", "11", "2024-06-20", "強烈譴責俄朝簽署的條約對韓國安全構成威脅", code="111"),
    ),
}
