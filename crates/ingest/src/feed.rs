//! RSS 2.0 / RSS 1.0 / Atom files (parsed by feed-rs): every item becomes
//! one article, named `<file>#<n>`.

use crate::dom::Dom;
use shiju_core::{Article, Form};
use shiju_text::punct;

use crate::{finish, html, meta, page, Extractor, Item, Reject};

pub fn looks_like(lower_head: &str) -> bool {
    let t = lower_head.trim_start();
    let t = if t.starts_with("<?xml") {
        t.find("?>").map(|i| &t[i + 2..]).unwrap_or(t)
    } else {
        t
    };
    let mut t = t.trim_start();
    // Comments, processing instructions and a document type declaration
    // (`<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" …>`).
    while t.starts_with("<!--") || t.starts_with("<?") || t.starts_with("<!doctype") {
        let end = if t.starts_with("<!--") {
            t.find("-->").map(|i| i + 3)
        } else if let Some(decl) = t.strip_prefix("<!doctype") {
            if !decl.trim_start().starts_with("rss") {
                return false;
            }
            t.find('>').map(|i| i + 1)
        } else {
            t.find("?>").map(|i| i + 2)
        };
        match end {
            Some(e) => t = t[e..].trim_start(),
            None => return false,
        }
    }
    t.starts_with("<rss") || t.starts_with("<feed") || t.starts_with("<rdf:rdf")
}

pub fn extract(ex: &Extractor, name: &str, bytes: &[u8]) -> Result<Vec<Item>, Reject> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| Reject::MalformedFeed(e.to_string()))?;
    // "环球速递 - 国际频道": the outlet is the part before the section name.
    let channel_title = feed.title.as_ref().map(|t| {
        let t = html::collapse_ws(&t.content);
        let cut = [" - ", " | ", "_", punct::VERTICAL_LINE_STR, " – "]
            .iter()
            .filter_map(|sep| t.find(sep))
            .min()
            .unwrap_or(t.len());
        t[..cut].trim().to_string()
    });
    let mut items = Vec::new();
    for (i, entry) in feed.entries.iter().enumerate() {
        let item_name = format!("{name}#{}", i + 1);
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(entry.links.first())
            .map(|l| l.href.trim().to_string())
            .filter(|h| h.starts_with("http"));
        let body_html = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        let doc = Dom::parse_html(&body_html);
        let blocks = html::blocks(&doc, doc.root());
        let captions = page::captions(&blocks);
        let paragraphs: Vec<String> = blocks
            .into_iter()
            .filter(|b| !b.noise && !page::is_caption(b))
            .map(|b| b.text)
            .collect();
        let published = entry
            .published
            .or(entry.updated)
            // (A date at the end of chrono's range, e.g. a six-digit year,
            // has no local date: checked, never a panic.)
            .and_then(|d| d.checked_add_signed(chrono::Duration::hours(8)))
            .map(|d| d.date_naive())
            .map(meta::ymd);
        let authors: Vec<String> = entry
            .authors
            .iter()
            .filter_map(|p| p.name.clone())
            .flat_map(|n| meta::split_authors(&n))
            .collect();
        let outlet = link
            .as_deref()
            .and_then(|u| ex.rules.outlet_of_url(u))
            .or_else(|| channel_title.clone());
        let article = Article {
            title: entry.title.as_ref().map(|t| html::collapse_ws(&t.content)),
            published,
            authors,
            outlet,
            url: link,
            form: Form::FeedItem,
            captions,
            ..Article::default()
        };
        items.push(Item {
            name: item_name,
            result: finish(&ex.rules, article, paragraphs),
        });
    }
    if items.is_empty() {
        return Err(Reject::NoBody("the feed has no items".into()));
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn netscape_doctype_is_a_feed() {
        let head = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n<rss version=\"0.91\"><channel>";
        assert!(looks_like(&head.to_ascii_lowercase()));
        assert!(!looks_like("<!doctype html><html>"));
        assert_eq!(crate::sniff(head), Form::FeedItem);
    }

    #[test]
    fn six_digit_year_does_not_panic() {
        let rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>某台</title><item><title>某市今日降雨</title><link>https://example.com/a</link><pubDate>Fri, 31 Dec 262142 20:00:00 +0000</pubDate><description>某市今日普降大雨，气象部门发布暴雨预警，提醒市民注意出行安全，避免前往低洼地区。</description></item></channel></rss>";
        let ex = Extractor::new(None).unwrap();
        let items = ex.extract("f.xml", rss.as_bytes());
        assert_eq!(items.len(), 1);
    }
}
