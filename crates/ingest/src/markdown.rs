//! Markdown posts with YAML front matter (how feed archives are commonly
//! stored): `title`, `date`, `author(s)`, `source`/`outlet`, `url`/`link`;
//! the body is HTML or Markdown.
//!
//! The front matter is read by a small parser for the flat `key: value` /
//! `key: [a, b]` / `- item` subset such files use; nested YAML is not needed
//! for any field shiju reads, and this keeps a YAML stack out of the build.

use std::collections::HashMap;

use dom_query::Document;
use shiju_core::{Article, Form};

use crate::{finish, html, meta, page, Extractor, Reject};

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

/// Markdown body → paragraphs: blank-line separated blocks, headings and
/// quotes unmarked, images dropped, links reduced to their text.
fn markdown_paragraphs(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    for block in body.split("\n\n") {
        let mut text = String::new();
        for line in block.lines() {
            let l = line
                .trim()
                .trim_start_matches('#')
                .trim_start_matches('>')
                .trim();
            if l.starts_with("![") || l == "---" || l == "***" {
                continue;
            }
            text.push_str(l);
        }
        let text = strip_inline(&text);
        if !text.trim().is_empty() {
            out.push(text.trim().to_string());
        }
    }
    out
}

fn strip_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match (after.find("]("), after.find(')')) {
            (Some(j), Some(_)) => {
                let link_text = &after[..j];
                let tail = &after[j + 2..];
                let close = tail.find(')').unwrap_or(tail.len());
                out.push_str(link_text);
                rest = tail.get(close + 1..).unwrap_or("");
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("**", "").replace("__", "")
}

pub fn extract(ex: &Extractor, t: &str) -> Result<Article, Reject> {
    let after_open = t.trim_start().strip_prefix("---").unwrap_or(t);
    let (fm, body) = match after_open.find("\n---") {
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
    let url = first(&["url", "link", "canonical", "source_url", "permalink"])
        .filter(|u| u.starts_with("http"));
    let authors: Vec<String> = ["authors", "author", "byline"]
        .iter()
        .find_map(|k| fm.get(*k).filter(|v| !v.is_empty()))
        .map(|v| v.iter().flat_map(|a| meta::split_authors(a)).collect())
        .unwrap_or_default();
    let published = first(&["date", "published", "pubdate", "publish_date", "created"])
        .as_deref()
        .and_then(meta::find_date)
        .map(meta::ymd);
    let outlet = first(&["outlet", "source", "publisher", "site", "site_name", "feed"])
        .filter(|s| !s.starts_with("http"))
        .or_else(|| url.as_deref().and_then(|u| ex.rules.outlet_of_url(u)));
    let paragraphs = if body.contains("<p") || body.contains("<div") || body.contains("<br") {
        let doc = Document::from(body);
        html::blocks(doc.root())
            .into_iter()
            .filter(|b| !b.noise && !page::is_caption(b))
            .map(|b| b.text)
            .collect()
    } else {
        markdown_paragraphs(body)
    };
    let article = Article {
        title: first(&["title", "headline"]),
        published,
        authors,
        outlet,
        url,
        form: Form::Markdown,
        ..Article::default()
    };
    finish(&ex.rules, article, paragraphs)
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

    #[test]
    fn inline_markdown() {
        assert_eq!(
            strip_inline("见[新华社](http://x)报道**重要**"),
            "见新华社报道重要"
        );
    }
}
