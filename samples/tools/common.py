"""Small helpers shared by the sample definitions in docs/*.py.

Each docs/<name>.py module defines:
  FNAME  -- the raw document's file name (written to samples/corpus/)
  ENC    -- the Python codec used to write the bytes ('utf-8', 'gbk', 'big5', 'gb18030')
  RAW    -- the document as a str
  GOLD   -- the gold annotation (without "doc"), or None for no gold
  GLUED  -- optional: body_must_not_contain strings that are allowed to sit
            *inside* the body span (related-headline runs glued into wire copy)
"""


import zlib


def E(id_, forms, country=None, type_=None):
    """An entity record. type is derived from the id prefix unless given."""
    if type_ is None:
        type_ = id_.split(":", 1)[0]
        if type_ not in ("person", "country", "org"):
            raise ValueError(id_)
    if country is None and type_ == "country":
        country = id_.split(":", 1)[1]
    return {"id": id_, "type": type_, "country": country, "forms": list(forms)}


def T(text, value):
    return {"text": text, "value": value}


def Q(speaker, starts):
    return {"speaker": speaker, "starts": starts}


def V(source, target, cameo, date, evidence, alt=(), code=None):
    ev = {"source": source, "target": target, "cameo": cameo}
    if code:
        ev["code"] = code
    ev["cameo_alt"] = list(alt)
    ev["date"] = date
    ev["evidence"] = evidence
    return ev


def VV(a, b, cameo, date, evidence, alt=(), code=None):
    """A symmetric interaction: both directions."""
    return [V(a, b, cameo, date, evidence, alt, code), V(b, a, cameo, date, evidence, alt, code)]


def VISIT(visitor, host, date, evidence, evidence_host=None):
    """A visit: visitor -> host 042 and host -> visitor 043."""
    return [
        V(visitor, host, "04", date, evidence, code="042"),
        V(host, visitor, "04", date, evidence_host or evidence, code="043"),
    ]


def flat(*items):
    out = []
    for it in items:
        if isinstance(it, list):
            out.extend(it)
        else:
            out.append(it)
    return out


NAV_S = ["首页", "国内", "国际", "军事", "财经", "科技", "视频"]
NAV_T = ["首頁", "兩岸", "國際", "政治", "財經", "科技", "影音"]


def page(*, charset, lang, title, site, url, pub_iso, meta_html, paras, caption=None,
         container="article", jsonld=None, related=("相关新闻", []), hot=None,
         comments="暂无评论，快来抢沙发吧！", copyright_line, trad=False, extra_after_body="",
         canonical=True, og=True, home_label=None, section_label=None):
    """Render a news-site HTML page. `paras` are body paragraphs (may hold inline tags)."""
    nav = NAV_T if trad else NAV_S
    active = ' class="active"'
    navs = "".join(
        f'<li{active if i == 2 else ""}><a href="/{k}/">{n}</a></li>'
        for i, (n, k) in enumerate(zip(nav, ["", "home", "world", "mil", "finance", "tech", "video"]))
    )
    home = home_label or nav[0]
    sect = section_label or nav[2]
    crumb_end = "正文" if not trad else "內文"
    head = [f'<meta charset="{charset}">' if charset else ""]
    head.append(f"<title>{title} - {site}</title>")
    if og:
        head.append('<meta property="og:type" content="article">')
        head.append(f'<meta property="og:title" content="{title}">')
        head.append(f'<meta property="og:url" content="{url}">')
        head.append(f'<meta property="og:site_name" content="{site}">')
        head.append(f'<meta property="article:published_time" content="{pub_iso}">')
    if canonical:
        head.append(f'<link rel="canonical" href="{url}">')
    if jsonld:
        head.append('<script type="application/ld+json">' + jsonld + "</script>")
    head.append('<link rel="stylesheet" href="/static/css/site.css">')
    head.append("<script>var _hmt=_hmt||[];(function(){var hm=document.createElement('script');})();</script>")
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    fig = ""
    if caption:
        fig = f'<div class="pic"><img src="/img/{zlib.crc32(title.encode()) % 100000}.jpg" alt=""><p class="pic-caption">{caption}</p></div>\n'
    if container == "article":
        main = f'<article class="story">\n<h1 class="headline">{title}</h1>\n{meta_html}\n{fig}{body}\n{extra_after_body}</article>'
    else:
        main = (f'<div class="article-wrap">\n<h1 class="title">{title}</h1>\n{meta_html}\n'
                f'<div class="article-content" id="content">\n{fig}{body}\n{extra_after_body}</div>\n</div>')
    share = ('<div class="share-bar">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ</a></div>' if not trad
             else '<div class="share-bar">分享：<a href="#">Facebook</a> <a href="#">LINE</a> <a href="#">X</a> <a href="#">複製連結</a></div>')
    rel_title, rel_items = related
    rel = f'<section class="related"><h3>{rel_title}</h3><ul>' + "".join(
        f'<li><a href="/news/{i+1000}.html">{t}</a></li>' for i, t in enumerate(rel_items)) + "</ul></section>"
    hot_html = ""
    if hot:
        hot_html = f'<aside class="hot"><h3>{hot[0]}</h3><ol>' + "".join(
            f'<li><a href="/hot/{i}.html">{t}</a></li>' for i, t in enumerate(hot[1])) + "</ol></aside>"
    com = ""
    if comments:
        com = f'<section class="comments"><h3>{"网友评论" if not trad else "讀者留言"}</h3><div class="comment-list">{comments}</div></section>'
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
{chr(10).join(h for h in head if h)}
</head>
<body>
<div class="topbar"><a href="/">{site}</a> <span class="login">{"登录 | 注册" if not trad else "登入 | 註冊"}</span></div>
<nav class="menu"><ul>{navs}</ul></nav>
<div class="crumbs"><a href="/">{home}</a> &gt; <a href="/world/">{sect}</a> &gt; {crumb_end}</div>
<div class="container">
{main}
{share}
{rel}
{hot_html}
{com}
</div>
<footer class="footer"><p><a href="/about">{"关于我们" if not trad else "關於我們"}</a> | <a href="/privacy">{"隐私政策" if not trad else "隱私權政策"}</a> | <a href="/contact">{"联系我们" if not trad else "聯絡我們"}</a></p>
<p>{copyright_line}</p></footer>
</body>
</html>
"""
