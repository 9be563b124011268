//! Markdown posts with YAML front matter (how feed archives and static-site
//! news archives are commonly stored): `title`, `date`, `author(s)`,
//! `source`/`outlet`, `url`/`original_url`/`from`; the body is Markdown,
//! raw HTML inside Markdown, or both.
//!
//! The front matter is read by a small parser for the flat `key: value` /
//! `key: [a, b]` / `- item` subset such files use; nested YAML is not needed
//! for any field shiju reads, and this keeps a YAML stack out of the build.
//! The body is rendered by a CommonMark parser (pulldown-cmark) to HTML, so
//! raw HTML blocks (`<figure>`, `<p>`, `<div>`) and Markdown alike become the
//! same blocks HTML pages give; the block filters of [`crate::body`] then drop
//! captions, credits and date lines.
//!
//! Feed archives (a feed mirror saving each item as a Jekyll post) put the
//! item's *source* in `author:` and start the body with the feed-dump header
//! (`<!--epoch-->`, `[headline](url)`, `------`): there `author` names the
//! outlet, never a writer.

use std::collections::HashMap;

use crate::dom::Dom;
use pulldown_cmark::{Event, Options, Parser};
use shiju_core::{Article, Form};

use crate::{body, feeddump, finish, html, meta, page, Extractor, Reject};

pub fn looks_like(t: &str) -> bool {
    let mut lines = t.lines();
    if lines.next().map(str::trim) != Some("---") {
        return false;
    }
    for l in lines.take(80) {
        if l.trim() == "---" {
            return true;
        }
    }
    false
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    let s = s
        .strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .or_else(|| s.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')))
        .unwrap_or(s);
    s.replace("\\\"", "\"")
}

/// Parses the flat front matter into key → values.
pub fn front_matter(block: &str) -> HashMap<String, Vec<String>> {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    let mut last_key: Option<String> = None;
    for line in block.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let trimmed = line.trim();
        if let (Some(item), Some(k)) = (trimmed.strip_prefix("- "), &last_key) {
            if line.starts_with([' ', '\t', '-']) {
                map.entry(k.clone()).or_default().push(unquote(item));
                continue;
            }
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.starts_with([' ', '\t']) {
                continue;
            }
            let key = k.trim().to_ascii_lowercase();
            let v = v.trim();
            let values = if let Some(inner) = v.strip_prefix('[').and_then(|x| x.strip_suffix(']'))
            {
                inner
                    .split(',')
                    .map(unquote)
                    .filter(|x| !x.is_empty())
                    .collect()
            } else if v.is_empty() {
                Vec::new()
            } else {
                vec![unquote(v)]
            };
            map.insert(key.clone(), values);
            last_key = Some(key);
        }
    }
    map
}

/// Removes Hugo/Jekyll template calls (`{{< video … >}}`, `{{% … %}}`,
/// `{% include … %}`): they are markup, never text. Linear in the input.
pub fn strip_shortcodes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    loop {
        let next = [("{{<", ">}}"), ("{{%", "%}}"), ("{%", "%}")]
            .iter()
            .filter_map(|(o, c)| rest.find(o).map(|i| (i, *o, *c)))
            .min_by_key(|x| x.0);
        let Some((i, open, close)) = next else {
            break;
        };
        out.push_str(&rest[..i]);
        let after = &rest[i + open.len()..];
        match after.find(close) {
            Some(j) => rest = &after[j + close.len()..],
            None => {
                out.push_str(open);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A Wayback Machine address (`https://web.archive.org/web/<ts>/<url>`)
/// → the archived page's own URL; any other URL unchanged.
pub fn unwrap_archive_url(u: &str) -> String {
    let u = u.trim();
    for host in ["://web.archive.org/web/", "://archive.org/wayback/"] {
        if let Some(i) = u.find(host) {
            let rest = &u[i + host.len()..];
            if let Some(j) = rest.find("http") {
                // The part before is the timestamp (digits, maybe `im_`/`if_`).
                if rest[..j]
                    .trim_end_matches('/')
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_')
                {
                    return rest[j..].to_string();
                }
            }
        }
    }
    u.to_string()
}

/// A feed's category tag before a headline (`[國際] 標題`, `[Update] …`):
/// a short bracketed word followed by a space.
fn strip_category_tag(title: &str) -> String {
    let t = title.trim();
    if let Some(rest) = t.strip_prefix('[') {
        if let Some(i) = rest.find(']') {
            let tag = &rest[..i];
            let after = rest[i + 1..].trim_start();
            if tag.chars().count() <= 8 && !after.is_empty() && rest[i + 1..].starts_with(' ') {
                return after.to_string();
            }
        }
    }
    t.to_string()
}

/// Renders Markdown to HTML. A run of content after the last thematic break
/// (`---`) that is short beside the text before it is a footer (author box,
/// subscription appeal, sharing links) and is left out.
pub fn render(md: &str) -> String {
    let events: Vec<Event> = Parser::new_ext(md, Options::ENABLE_TABLES).collect();
    let text_len = |evs: &[Event]| -> usize {
        evs.iter()
            .map(|e| match e {
                Event::Text(t) | Event::Code(t) => t.chars().count(),
                Event::Html(h) | Event::InlineHtml(h) => h.chars().count() / 4,
                _ => 0,
            })
            .sum()
    };
    let mut end = events.len();
    if let Some(last_rule) = events.iter().rposition(|e| matches!(e, Event::Rule)) {
        let after = text_len(&events[last_rule..]);
        let before = text_len(&events[..last_rule]);
        if after * 4 < before && after < 800 {
            end = last_rule;
        }
    }
    let mut out = String::with_capacity(md.len() + md.len() / 4);
    pulldown_cmark::html::push_html(&mut out, events.into_iter().take(end));
    out
}

pub fn extract(ex: &Extractor, t: &str) -> Result<Article, Reject> {
    let after_open = t.trim_start().strip_prefix("---").unwrap_or(t);
    let (fm, body_md) = match after_open.find("\n---") {
        Some(i) => {
            let body = &after_open[i + 4..];
            (
                &after_open[..i],
                body.split_once('\n').map(|x| x.1).unwrap_or(""),
            )
        }
        None => ("", after_open),
    };
    let fm = front_matter(fm);
    let first = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| fm.get(*k).and_then(|v| v.first()).cloned())
            .filter(|v| !v.is_empty())
    };
    // A feed-dump item saved as a post: `author` is the item's source.
    let feed_item = feeddump::looks_like(body_md.trim_start());
    let url = first(&[
        "original_url",
        "canonical",
        "canonical_url",
        "from",
        "source_url",
        "url",
        "link",
        "permalink",
    ])
    .map(|u| unwrap_archive_url(&u))
    .filter(|u| u.starts_with("http"))
    .or_else(|| {
        feed_item
            .then(|| feeddump::header(body_md.trim_start()).1)
            .flatten()
    });
    let url_outlet = url.as_deref().and_then(|u| ex.rules.outlet_of_url(u));
    let named: Vec<String> = ["authors", "author", "byline"]
        .iter()
        .find_map(|k| fm.get(*k).filter(|v| !v.is_empty()))
        .map(|v| v.iter().flat_map(|a| meta::split_authors(a)).collect())
        .unwrap_or_default();
    let (fm_source, mut authors) = if feed_item {
        (named.first().cloned(), Vec::new())
    } else {
        (None, named)
    };
    let published = first(&["date", "published", "pubdate", "publish_date", "created"])
        .as_deref()
        .and_then(meta::find_date)
        .map(meta::ymd);
    let outlet = url_outlet
        .or_else(|| {
            first(&["outlet", "source", "publisher", "site", "site_name", "feed"])
                .filter(|s| !s.starts_with("http"))
        })
        .or(fm_source);
    let raw_title = first(&["title", "headline"]);
    let title = raw_title
        .as_deref()
        .map(|t| page::strip_site_suffix(&strip_category_tag(t), outlet.as_deref()));

    let body_md = strip_shortcodes(body_md);
    let rendered = render(&body_md);
    let doc = Dom::parse_html(&rendered);
    let blocks = html::blocks(&doc, doc.root());
    let titles: Vec<&str> = [raw_title.as_deref(), title.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let picked = body::pick(&ex.rules, &blocks, &titles);
    if authors.is_empty() {
        authors = picked.authors;
    }
    let article = Article {
        title,
        published: published.or(picked.date),
        authors,
        outlet,
        url,
        form: Form::Markdown,
        captions: picked.captions,
        ..Article::default()
    };
    finish(&ex.rules, article, picked.paragraphs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_subset() {
        let fm = front_matter(
            "title: \"普京：会谈\"\nauthors:\n  - 张三\n  - 李四\ntags: [a, b]\ndate: 2024-05-20\n",
        );
        assert_eq!(fm["title"], vec!["普京：会谈"]);
        assert_eq!(fm["authors"], vec!["张三", "李四"]);
        assert_eq!(fm["tags"], vec!["a", "b"]);
    }

    /// A function, its input and what it should give.
    type Case = (fn(&str) -> String, &'static str, &'static str);

    #[test]
    fn shortcodes_and_archive_urls() {
        let cases: [Case; 6] = [
            (
                strip_shortcodes,
                "甲{{< video src=\"x\" >}}乙{{% note %}}丙{% include a.html %}丁",
                "甲乙丙丁",
            ),
            (strip_shortcodes, "a {{< b", "a {{< b"),
            (
                unwrap_archive_url,
                "https://web.archive.org/web/20200101000000/https://example.com/a/1",
                "https://example.com/a/1",
            ),
            (
                unwrap_archive_url,
                "https://example.com/a",
                "https://example.com/a",
            ),
            (strip_category_tag, "[要聞] 某市今日降雨", "某市今日降雨"),
            (strip_category_tag, "[一]二三", "[一]二三"),
        ];
        for (f, input, want) in cases {
            assert_eq!(f(input), want, "{input}");
        }
    }

    #[test]
    fn footer_after_last_rule_is_dropped() {
        let md = format!(
            "{}\n\n---\n\n請訂閱本站通訊。\n",
            "某國外長周二抵達首都訪問，與總理舉行會談，雙方同意加強合作。".repeat(5)
        );
        let h = render(&md);
        assert!(h.contains("外長"));
        assert!(!h.contains("訂閱"));
    }

    fn ex() -> Extractor {
        Extractor::new(None).unwrap()
    }

    #[test]
    fn feed_archive_post() {
        let doc = "---\nlayout: post\ntitle: \"某国外长访问邻国 – 某某电台\"\ndate: 2021-01-14T09:44:32.000Z\nauthor: 美国之音\nfrom: https://www.voachinese.com/a/abc-123.html\n---\n<!--1610617472000-->\n[某国外长访问邻国 – 某某电台](https://www.voachinese.com/a/abc-123.html)\n------\n\n<div>\n<div><i>Thu, 14 Jan 2021 01:17:25 GMT</i></div><img src=\"x.jpg\"><div><small style=\"color: #999;\">外长抵达机场时向记者挥手。</small></div><p>某国外长周三抵达邻国首都，开始为期三天的正式访问，双方将就经贸合作交换意见。</p><p>外长在机场发表简短讲话说，两国关系正处于历史最好时期。</p>\n</div>\n";
        let a = ex()
            .extract("x.md", doc.as_bytes())
            .remove(0)
            .result
            .unwrap();
        assert_eq!(a.title.as_deref(), Some("某国外长访问邻国"));
        assert_eq!(a.outlet.as_deref(), Some("美国之音"));
        assert!(a.authors.is_empty());
        assert_eq!(
            a.url.as_deref(),
            Some("https://www.voachinese.com/a/abc-123.html")
        );
        assert!(
            a.paragraphs[0].starts_with("某国外长周三抵达"),
            "{:?}",
            a.paragraphs
        );
        assert!(a
            .paragraphs
            .iter()
            .all(|p| !p.contains("GMT") && !p.contains("挥手")));
    }

    #[test]
    fn archive_post_with_figure_and_footer() {
        let doc = "---\ntitle: \"某市議會通過新法案\"\ndate: \"2019-03-01\"\nauthor: \"王小明\"\nurl: \"https://web.archive.org/web/20210101000000/https://news.example.org/article/1\"\n---\n\n# 某市議會通過新法案\n\n<figure>\n<img src=\"a.png\" alt=\"\">\n<figcaption>議員在會上發言。網上截圖</figcaption>\n</figure>\n\n某市議會今日以大比數通過新法案，法案將於下月生效，市政府表示歡迎。\n\n{{< video src=\"https://example.org/v\" >}}\n\n議會主席會後表示，法案經過多輪討論，各方意見均已充分考慮。\n\n---\n\n請支持我們的工作，成為訂戶。\n";
        let a = ex()
            .extract("y.md", doc.as_bytes())
            .remove(0)
            .result
            .unwrap();
        assert_eq!(a.authors, vec!["王小明"]);
        assert_eq!(a.url.as_deref(), Some("https://news.example.org/article/1"));
        assert_eq!(a.paragraphs.len(), 2, "{:?}", a.paragraphs);
        assert!(a.paragraphs[0].starts_with("某市議會今日"));
        assert!(a.paragraphs[1].ends_with("充分考慮。"));
    }

    #[test]
    fn many_brackets_stay_linear() {
        let md = format!("---\ntitle: x\n---\n{}", "[".repeat(200_000));
        let t = std::time::Instant::now();
        let _ = ex().extract("z.md", md.as_bytes());
        assert!(t.elapsed().as_secs() < 5);
    }
}
