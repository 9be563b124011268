# Atom feed with two entries. The gold file annotates the FIRST entry only.
import html as _html

from common import E, T, Q, V, VV, VISIT, flat

FNAME = "a01_asia_feed.atom"
ENC = "utf-8"
URL1 = "https://www.taipei-guandian.example.tw/intl/2024/07/09/modi-moscow-putin"
TITLE1 = "莫迪訪俄與普丁擁抱　澤倫斯基：對和平努力是毀滅性打擊"

ENTRY1 = """<p>印度總理莫迪8日抵達莫斯科，展開俄烏戰爭爆發以來首次訪俄行程。俄羅斯總統普丁當晚在莫斯科郊外的新奧加廖沃官邸設宴款待莫迪，兩人見面時熱情擁抱。</p>
<p>9日，兩國領導人在克里姆林宮舉行正式會談，同意在2030年前將雙邊貿易額提高到1000億美元。普丁並在克里姆林宮向莫迪頒授俄羅斯最高國家勳章「聖安德烈勳章」。</p>
<p>就在莫迪抵達莫斯科當天，俄軍對烏克蘭多個城市發動大規模飛彈攻擊，基輔一家兒童醫院被擊中，各地共造成數十人死亡。</p>
<p>烏克蘭總統澤倫斯基在社群媒體發文說，在這樣的日子看到世界最大民主國家的領導人在莫斯科擁抱世界上最血腥的罪犯，「令人極度失望，也是對和平努力的毀滅性打擊」。</p>
<p>莫迪在會談中對普丁表示，無辜兒童遇害令人痛心，戰場上找不到解決問題的辦法，印度支持透過對話和外交實現和平。美國國務院發言人米勒則敦促印度向俄方明確表態，任何解決方案都必須尊重《聯合國憲章》及烏克蘭的領土完整。</p>"""

ENTRY2 = """<p>法國總統馬克宏4月5日抵達北京，展開為期三天的國事訪問，歐盟執委會主席范德賴恩同行。</p>
<p>中國國家主席習近平6日在人民大會堂與馬克宏會談，並與馬克宏及范德賴恩舉行三方會晤。馬克宏7日前往廣州，與習近平非正式會面。</p>"""

RAW = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-Hant-TW">
  <title>台北觀點 - 國際</title>
  <subtitle>台北觀點國際新聞即時更新</subtitle>
  <link rel="alternate" href="https://www.taipei-guandian.example.tw/intl/"/>
  <link rel="self" href="https://www.taipei-guandian.example.tw/feeds/intl.atom"/>
  <id>tag:taipei-guandian.example.tw,2024:intl</id>
  <updated>2024-07-09T23:40:00+08:00</updated>
  <rights>© 2024 台北觀點 版權所有</rights>
  <entry>
    <title type="text">{TITLE1}</title>
    <link rel="alternate" type="text/html" href="{URL1}"/>
    <id>tag:taipei-guandian.example.tw,2024:intl-20240709-0193</id>
    <published>2024-07-09T23:10:00+08:00</published>
    <updated>2024-07-09T23:40:00+08:00</updated>
    <author><name>鍾欣妤</name></author>
    <category term="國際"/>
    <summary type="text">印度總理莫迪訪問莫斯科，與普丁會談。</summary>
    <content type="html">{_html.escape(ENTRY1, quote=False)}</content>
  </entry>
  <entry>
    <title type="text">馬克宏訪中　與習近平會談並赴廣州</title>
    <link rel="alternate" type="text/html" href="https://www.taipei-guandian.example.tw/intl/2023/04/07/macron-china-visit"/>
    <id>tag:taipei-guandian.example.tw,2023:intl-20230407-0088</id>
    <published>2023-04-07T21:30:00+08:00</published>
    <updated>2023-04-07T21:30:00+08:00</updated>
    <author><name>國際中心</name></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">{ENTRY2}</div></content>
  </entry>
</feed>
"""

GOLD = {
    "article": {
        "title": TITLE1,
        "published": "2024-07-09",
        "published_alt": [],
        "authors": ["鍾欣妤"],
        "outlet": "台北觀點",
        "url": URL1,
        "script": "traditional",
        "body_starts": "印度總理莫迪8日抵達莫斯科",
        "body_ends": "任何解決方案都必須尊重《聯合國憲章》及烏克蘭的領土完整。",
        "body_must_contain": [
            "同意在2030年前將雙邊貿易額提高到1000億美元。",
            "基輔一家兒童醫院被擊中",
        ],
        "body_must_not_contain": [
            TITLE1,
            "台北觀點 - 國際",
            "印度總理莫迪訪問莫斯科，與普丁會談。",
            "馬克宏訪中　與習近平會談並赴廣州",
            "© 2024 台北觀點 版權所有",
        ],
    },
    "entities": [
        E("person:modi", ["莫迪", "印度總理莫迪"], "IND"),
        E("person:putin", ["普丁", "俄羅斯總統普丁"], "RUS"),
        E("person:zelensky", ["澤倫斯基", "烏克蘭總統澤倫斯基"], "UKR"),
        E("person:miller", ["米勒", "美國國務院發言人米勒"], "USA"),
        E("country:IND", ["印度"]),
        E("country:RUS", ["俄羅斯", "莫斯科", "克里姆林宮", "俄軍", "俄方"]),
        E("country:UKR", ["烏克蘭", "基輔"]),
        E("country:USA", ["美國", "美國國務院"]),
        E("org:UN", ["聯合國"]),
    ],
    "timex": [
        T("8日", "2024-07-08"),
        T("當晚", "2024-07-08"),
        T("9日", "2024-07-09"),
        T("2030年", "2030"),
        T("當天", "2024-07-08"),
    ],
    "quotes": [
        Q("person:zelensky", "令人極度失望，也是對和平努力的毀滅性打擊"),
    ],
    "events": flat(
        VISIT("IND", "RUS", "2024-07-08", "印度總理莫迪8日抵達莫斯科", "俄羅斯總統普丁當晚在莫斯科郊外的新奧加廖沃官邸設宴款待莫迪"),
        VV("IND", "RUS", "04", "2024-07-09", "兩國領導人在克里姆林宮舉行正式會談"),
        VV("IND", "RUS", "03", "2024-07-09", "同意在2030年前將雙邊貿易額提高到1000億美元", alt=["05", "06"]),
        V("RUS", "IND", "05", "2024-07-09", "向莫迪頒授俄羅斯最高國家勳章「聖安德烈勳章」", alt=["01"]),
        V("RUS", "UKR", "19", "2024-07-08", "俄軍對烏克蘭多個城市發動大規模飛彈攻擊", code="195", alt=["18"]),
        V("UKR", "IND", "11", "2024-07-09", "令人極度失望，也是對和平努力的毀滅性打擊", code="111"),
        V("UKR", "RUS", "11", "2024-07-09", "世界上最血腥的罪犯", code="111"),
        V("IND", "RUS", "02", "2024-07-09", "戰場上找不到解決問題的辦法", alt=["01"]),
        V("USA", "IND", "10", "2024-07-09", "敦促印度向俄方明確表態", alt=["02"]),
    ),
}
