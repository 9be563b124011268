use super::*;
use crate::dom::Dom;
use crate::html;

#[test]
fn unread_attributes_go_and_read_ones_stay_in_order() {
    let page = r#"<div class="article" onclick="go('<p>')" data-x='a>b' id=main style="color:red"><img src="a.jpg" srcset="a.jpg 2x" alt="图"/><a href="/x" target=_blank>链接</a><input type=hidden value=1></div>"#;
    assert_eq!(
        prune(page),
        r#"<div class="article" id=main style="color:red"><img/><a>链接</a><input type=hidden></div>"#
    );
    // Nothing to cut: the page itself.
    assert!(matches!(
        prune(r#"<p class="a">无</p><meta name="author" content="x">"#),
        Cow::Borrowed(_)
    ));
    // Odd but legal attribute syntax.
    assert_eq!(
        prune(r#"<p a b = "1"c='2' =d class= x/>t</p>"#),
        r#"<p class= x/>t</p>"#
    );
    assert_eq!(prune(r#"<br data-a=1 />"#), r#"<br/>"#);
    // The slash stays apart from an unquoted value kept before it.
    assert_eq!(
        prune(r#"<input type=text class=x placeholder="搜索" />"#),
        r#"<input type=text />"#
    );
    // Some are read on one element only.
    assert_eq!(
        prune(
            r#"<link rel="canonical" href="u"><a href="u" rel="x" name="n"><meta name="n" content="c"><p content="c" lang="en"><time datetime="d"><html lang="zh">"#
        ),
        r#"<link rel="canonical" href="u"><a><meta name="n" content="c"><p><time datetime="d"><html lang="zh">"#
    );
}

#[test]
fn white_space_between_tags_becomes_one_space() {
    assert_eq!(
        prune("<ul>\n  <li>甲</li>\n\n  <li>乙 丙</li> </ul>\t<p>"),
        "<ul> <li>甲</li> <li>乙 丙</li> </ul> <p>"
    );
    // Not after `<pre>` (its first newline is dropped by the parser).
    assert_eq!(
        prune("<pre>\n  <b>x</b>\n</pre>"),
        "<pre>\n  <b>x</b> </pre>"
    );
}

#[test]
fn raw_text_and_what_cannot_be_followed_stay_as_they_are() {
    let page = "<title>标题 <b onclick=x>\n  </b></title>\n <script type=\"application/ld+json\">{\"a\": \"<i data-x=1>\n  </i>\"}</script>";
    assert_eq!(
        prune(page),
        "<title>标题 <b onclick=x>\n  </b></title> <script type=\"application/ld+json\">{\"a\": \"<i data-x=1>\n  </i>\"}</script>"
    );
    // An unclosed tag, comment or raw element, and foreign content: the
    // rest is copied.
    assert_eq!(
        prune("<p>\n <a href=x onclick=\"y"),
        "<p> <a href=x onclick=\"y"
    );
    assert_eq!(prune("<p>\n<!-- <a onclick=y>"), "<p> <!-- <a onclick=y>");
    assert_eq!(prune("<svg>\n <a onclick=y>"), "<svg>\n <a onclick=y>");
    assert_eq!(
        prune("<textarea>a <b id=1 x=2>"),
        "<textarea>a <b id=1 x=2>"
    );
    // Markup that is not a tag, and text that is not markup.
    assert_eq!(
        prune("<!DOCTYPE html>\n<?xml x?>\n</ x>\n</>a < b <p x=1>"),
        "<!DOCTYPE html> <?xml x?> </ x> </>a < b <p>"
    );
    // Never panics at the end of the page or inside multi-byte text.
    for t in [
        "<", "<p", "</", "<!", "中文<", "<a b", "<a b=", "<a b='", "<a/", "</a",
    ] {
        let _ = prune(t);
    }
}

/// What the extractor reads of a page: its blocks and its metadata.
fn read(page: &str) -> String {
    let doc = Dom::parse_html(page);
    let blocks = html::blocks(&doc, doc.body().unwrap_or_else(|| doc.root()));
    let blocks: Vec<String> = blocks
        .iter()
        .map(|b| {
            format!(
                "{}|{}|{}|{}|{}|{}|{}|{}|{}",
                b.text,
                b.tag,
                b.link_chars,
                b.noise,
                b.has_img,
                b.small_chars,
                b.in_caption,
                b.in_author,
                b.ancestors.len()
            )
        })
        .collect();
    format!("{blocks:?} {:?}", html::page_meta(&doc))
}

#[test]
fn the_extractor_reads_the_same_page() {
    let page = r#"<!DOCTYPE html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8">
    <title>
      外长会谈在日内瓦举行 - 示例新闻网
    </title>
    <meta property="og:title" content="外长会谈在日内瓦举行" data-x="1">
    <meta name="author" content="张三">
    <link rel="canonical" href="https://news.example.com/2025/03/02/a.html" media="all">
    <script type="application/ld+json">{"@type": "NewsArticle", "headline": "外长会谈在日内瓦举行", "datePublished": "2025-03-02T08:00:00+08:00"}</script>
  </head>
  <body class="page" onload="init()">
    <div class="nav" data-menu="主页">
      <a href="/" target="_blank">首页</a> | <a href="/world" title="国际">国际</a>
    </div>
    <div class="article-content" itemprop="articleBody" data-id="42">
      <h1 style="font-size:2em">外长会谈在日内瓦举行</h1>
      <p class="info"><time datetime="2025-03-02" data-t="x">2025年3月2日</time> 来源：示例新闻网</p>
      <p style="text-indent:2em">
        新华社日内瓦3月2日电  两国外长2日在日内瓦举行会谈，
        就双边关系和地区局势交换意见。
      </p>
      <figure class="pic"><img src="a.jpg" srcset="a.jpg 1x, b.jpg 2x" alt="会谈现场"><figcaption>会谈现场。<small data-c="1">记者 李四 摄</small></figcaption></figure>
      <table data-table="1">
        <tr><td>   甲方  </td>
        <td onclick="x()">乙方</td></tr>
      </table>
      <pre>
  第一行
  第二行</pre>
      <p>双方同意加强合作。<br data-br="1"><span class="author" data-a="1">编辑：王五</span></p>
    </div>
    <footer class="foot" style="x"><p>版权所有 © 示例新闻网</p></footer>
  </body>
</html>
"#;
    let pruned = prune(page);
    assert!(pruned.len() < page.len());
    assert_eq!(read(page), read(&pruned));
}

/// Every attribute the HTML readers look up by name is kept: a reader
/// that starts to read another attribute must add it to `KEEP`.
#[test]
fn every_attribute_read_is_kept() {
    let src = [include_str!("../html.rs"), include_str!("../page.rs")].concat();
    let mut read = Vec::new();
    // `attr(…, "name")`, `attr_is(dom, n, "name", …)`: the first string
    // of the call's arguments.
    for call in ["attr(", "attr_is(", "attr_is_html_ci("] {
        for (i, _) in src.match_indices(call) {
            let rest = &src[i + call.len()..];
            let args = &rest[..rest.find(')').unwrap_or(0)];
            if let Some((_, a)) = args.split_once('"') {
                if let Some((name, _)) = a.split_once('"') {
                    read.push(name.to_string());
                }
            }
        }
    }
    // Lists of (attribute, value) pairs: `("property", "og:title")`.
    for (i, _) in src.match_indices("(\"") {
        if let Some((name, after)) = src[i + 2..].split_once('"') {
            if after.starts_with(", \"") {
                read.push(name.to_string());
            }
        }
    }
    // The readers that look a name up from a list: `["class", "id"]`.
    read.extend(["class", "id"].map(String::from));
    // The block walker's one pass over an element's attributes: the names
    // of its match arms (`"style" if …`, `"hidden" =>`).
    let of = src.find("fn of(").expect("html.rs reads box attributes");
    let body = &src[of..];
    let body = &body[..body.find("\n    }\n").unwrap_or(body.len())];
    for arm in body.split('"').skip(1).step_by(2) {
        read.push(arm.to_string());
    }
    for a in [
        "class", "id", "style", "hidden", "content", "property", "rel",
    ] {
        assert!(read.iter().any(|r| r == a), "{a} no longer found");
    }
    let missing: Vec<&String> = read
        .iter()
        .filter(|a| {
            a.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
        .filter(|a| a.chars().any(|c| c.is_ascii_alphabetic()))
        .filter(|a| !KEEP.iter().any(|(k, _)| a.eq_ignore_ascii_case(k)))
        .collect();
    assert!(
        missing.is_empty(),
        "attributes read but pruned: {missing:?}"
    );
}

/// Class, id, style and `hidden` are read on block elements only, and the
/// tree builder compares the attributes of formatting elements: they stay
/// there and go elsewhere.
#[test]
fn box_attributes_stay_on_blocks_and_formatting_elements() {
    let page = r#"<DIV class="story" id="s" style="x"><span class="hot" hidden>甲</span><a class="more">乙</a><IMG class=pic><LI CLASS=nav>丙</LI><label id=l style="display:none">丁</label></DIV>"#;
    assert_eq!(
        prune(page),
        r#"<DIV class="story" id="s" style="x"><span>甲</span><a class="more">乙</a><IMG><LI CLASS=nav>丙</LI><label>丁</label></DIV>"#
    );
    assert_eq!(read(page), read(&prune(page)));
}

/// `keep_rule` finds every name of `KEEP` whatever its case: names are
/// lower-case, unique and no longer than `LONGEST_KEPT`.
#[test]
fn keep_names_are_found_by_keep_rule() {
    for (i, (k, _)) in KEEP.iter().enumerate() {
        assert!(k.len() <= LONGEST_KEPT && *k == k.to_ascii_lowercase());
        assert!(KEEP[..i].iter().all(|(o, _)| o != k), "{k} listed twice");
        assert!(keep_rule(k.to_ascii_uppercase().as_bytes()).is_some());
    }
    for other in [
        &b"onclick"[..],
        b"",
        b"-",
        b"i",
        b"ids",
        b"Classes",
        b"hre",
        b"1d",
        b"\xe7\x94\xb2",
        // Differ from a kept name by the case bit where it has no letter,
        // or by another bit.
        b"http\requiv",
        b"HTTP\rEQUIV",
        b"cl\x01ss",
    ] {
        assert!(keep_rule(other).is_none(), "{other:?}");
    }
    assert!(keep_rule(b"data-very-long-attribute-name").is_none());
    assert!(keep_rule(b"Http-Equiv").is_some() && keep_rule(b"cLaSs").is_some());
    assert!(kept("meta", "Content") && !kept("div", "content"));
    assert!(kept("div", "CLASS") && kept("span", "type") && !kept("span", "class"));
}

/// `is_box` finds every block and formatting element whatever its case:
/// names are lower-case and no longer than `LONGEST_BOX`.
#[test]
fn box_names_are_found_by_is_box() {
    for n in html::BLOCK.iter().chain(FORMATTING) {
        assert!(
            n.len() <= LONGEST_BOX && *n == n.to_ascii_lowercase(),
            "{n}"
        );
        assert!(is_box(n.to_ascii_uppercase().as_bytes()), "{n}");
    }
    assert!(!is_box(b"span") && !is_box(b"img") && !is_box(b"blockquotes"));
}

/// `keep_entry_in` answers as `keep_entry` for names read as words (16
/// bytes from the name in the buffer) and near the buffer's end.
#[test]
fn keep_entry_in_is_keep_entry() {
    let mut names: Vec<Vec<u8>> = KEEP.iter().map(|(k, _)| k.as_bytes().to_vec()).collect();
    names.extend(
        KEEP.iter()
            .map(|(k, _)| k.to_ascii_uppercase().into_bytes()),
    );
    for other in [
        &b"onclick"[..],
        b"i",
        b"ids",
        b"Classes",
        b"clasS",
        b"http\requiv",
        b"lank",
        b"src",
        b"data-very-long-attribute-name",
    ] {
        names.push(other.to_vec());
    }
    for n in &names {
        let want = keep_entry(n).map(|(k, _)| k);
        for tail in [&b""[..], b"=", b" x=\"y\" class=\"z\">0123456789abcdef"] {
            let mut b = b"<div ".to_vec();
            b.extend_from_slice(n);
            b.extend_from_slice(tail);
            let got = keep_entry_in(&b, 5, n.len()).map(|(k, _)| k);
            assert_eq!(got, want, "{:?}", String::from_utf8_lossy(&b));
        }
    }
}

/// `kept_mask` has the bit of each entry of `KEEP` that `kept` keeps on
/// the element, for elements of each rule.
#[test]
fn kept_mask_is_kept() {
    for tag in [
        "meta", "link", "time", "html", "div", "p", "a", "font", "span", "img", "td", "x-el",
    ] {
        let m = kept_mask(tag);
        for (i, (k, _)) in KEEP.iter().enumerate() {
            assert_eq!(m >> i & 1 != 0, kept(tag, k), "{tag} {k}");
        }
    }
}
