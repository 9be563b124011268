//! Crawler-corpus records in the SogouCS/SogouCA layout: one or more
//!
//! ```text
//! <doc>
//! <url>http://…</url>
//! <docno>…</docno>
//! <contenttitle>…</contenttitle>
//! <content>…</content>
//! </doc>
//! ```
//!
//! usually GBK-encoded, with private-use characters (U+E000–U+F8FF, e.g.
//! U+E40C) where the crawler removed line breaks and images. Each record is
//! one article; the private-use characters separate paragraphs.

use shiju_core::{Article, Form};

use crate::{finish, html, page, Extractor, Item};

/// Whether the text is a run of such records.
pub fn looks_like(t: &str) -> bool {
    // The head is a prefix of `t`: a text that does not start with
    // `<doc>` is answered without counting its first 2,048 characters.
    if !t.trim_start().starts_with("<doc>") {
        return false;
    }
    let head_end = t.char_indices().nth(2048).map_or(t.len(), |(i, _)| i);
    let head = t[..head_end].trim_start();
    head.starts_with("<doc>") && head.contains("<contenttitle>")
}

/// The text of the first `<tag>…</tag>` in `rec`.
fn field<'a>(rec: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = rec.find(&open)? + open.len();
    let end = rec[start..].find(&close).map_or(rec.len(), |i| start + i);
    Some(rec[start..end].trim())
}

fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF)
}

/// The records' articles, named `<file>#<n>` when there are several.
pub fn extract(ex: &Extractor, name: &str, t: &str) -> Vec<Item> {
    let records: Vec<&str> = t
        .split("<doc>")
        .filter(|r| r.contains("<content"))
        .collect();
    let many = records.len() > 1;
    records
        .iter()
        .enumerate()
        .map(|(i, rec)| {
            let url = field(rec, "url")
                .map(str::to_string)
                .filter(|u| u.starts_with("http"));
            let content = field(rec, "content").unwrap_or("");
            let paragraphs: Vec<String> = content
                .split(|c: char| is_private_use(c) || c == '\n')
                .map(html::collapse_ws)
                .filter(|p| !p.is_empty())
                .collect();
            let title = field(rec, "contenttitle")
                .map(|t| {
                    t.chars()
                        .filter(|c| !is_private_use(*c))
                        .collect::<String>()
                })
                .map(|t| html::collapse_ws(&t))
                .filter(|t| !t.is_empty());
            let article = Article {
                title,
                published: url.as_deref().and_then(page::date_in_url),
                outlet: url.as_deref().and_then(|u| ex.rules.outlet_of_url(u)),
                url,
                form: Form::Snapshot,
                ..Article::default()
            };
            Item {
                name: if many {
                    format!("{name}#{}", i + 1)
                } else {
                    name.to_string()
                },
                result: finish(&ex.rules, article, paragraphs),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_only_at_a_head_starting_with_doc() {
        assert!(looks_like(
            "\n  <doc>\n<url>u</url>\n<contenttitle>标题</contenttitle>"
        ));
        assert!(!looks_like(
            "<html><body><doc><contenttitle>x</contenttitle>"
        ));
        assert!(!looks_like("   "));
        assert!(!looks_like("<doc>\n<content>没有标题</content>"));
    }

    #[test]
    fn records() {
        let t = "<doc>\n<url>http://news.example.com/2012/06/15/a.html</url>\n<docno>abc</docno>\n<contenttitle>某市举行防汛演练</contenttitle>\n<content>\u{E40C}某市今天举行防汛应急演练，多个部门参加。\u{E40C}演练模拟了城区内涝和水库险情，检验了各部门的协同处置能力。</content>\n</doc>\n<doc>\n<url>http://news.example.com/b.html</url>\n<docno>def</docno>\n<contenttitle>第二条</contenttitle>\n<content></content>\n</doc>\n";
        assert!(looks_like(t));
        let ex = Extractor::new(None).unwrap();
        let items = ex.extract("s.txt", t.as_bytes());
        assert_eq!(items.len(), 2);
        let a = items[0].result.as_ref().unwrap();
        assert_eq!(items[0].name, "s.txt#1");
        assert_eq!(a.title.as_deref(), Some("某市举行防汛演练"));
        assert_eq!(a.published.as_deref(), Some("2012-06-15"));
        assert_eq!(a.paragraphs.len(), 2);
        assert!(a.paragraphs.iter().all(|p| !p.contains('\u{E40C}')));
        assert!(items[1].result.is_err());
    }
}
