//! Feed-mirror dumps (seeds 000–002 are of this shape):
//!
//! ```text
//! <!--1731989221000-->
//! [headline](https://…)
//! ------
//! <address>AUTHORS</address><time datetime="…">…</time><figure>…</figure>
//! <section><p>…</p>…</section><footer>…</footer>
//! ```

use crate::dom::{Dom, NodeId};
use shiju_core::{Article, Form};

use crate::{html, meta, Extractor, Reject};

/// Footer keys naming the outlet a feed story was translated from
/// (`lexicon/page_words.tsv`).
static TRANSLATOR_KEYS: shiju_lexicon::words::WordList =
    shiju_lexicon::words::WordList::new("page_words.tsv", "translator_keys");

pub fn looks_like(t: &str) -> bool {
    let mut lines = t.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("");
    let is_stamp = first.starts_with("<!--")
        && first.ends_with("-->")
        && first[4..first.len() - 3]
            .trim()
            .bytes()
            .all(|b| b.is_ascii_digit());
    let second = lines.next().unwrap_or("");
    is_stamp && second.starts_with('[') && second.contains("](")
}

/// The headline and URL of a feed-dump header (`<!--epoch-->`, then
/// `[title](url)`).
pub fn header(t: &str) -> (Option<String>, Option<String>) {
    let line = t
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .nth(1)
        .unwrap_or("");
    title_link(line)
}

/// `[title](url)` → (title, url).
fn title_link(line: &str) -> (Option<String>, Option<String>) {
    let l = line.trim();
    match (l.strip_prefix('['), l.rfind("](")) {
        (Some(_), Some(i)) if l.ends_with(')') => {
            let title = html::collapse_ws(&l[1..i]);
            let url = l[i + 2..l.len() - 1].trim().to_string();
            (
                Some(title).filter(|t| !t.is_empty()),
                Some(url).filter(|u| u.starts_with("http")),
            )
        }
        _ => (None, None),
    }
}

pub fn extract(ex: &Extractor, t: &str) -> Result<Article, Reject> {
    let mut lines = t.trim_start().splitn(2, '\n');
    let stamp = lines.next().unwrap_or("").trim();
    let rest = lines.next().unwrap_or("");
    let epoch: Option<i64> = stamp
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .parse()
        .ok();
    let rest = rest.trim_start();
    let (link_line, rest) = rest.split_once('\n').unwrap_or((rest, ""));
    let (title, url) = title_link(link_line);
    let body_html = rest
        .trim_start()
        .strip_prefix("------")
        .map(|r| r.trim_start_matches('-'))
        .unwrap_or(rest);
    let doc = Dom::parse_html(body_html);
    let pm = html::page_meta(&doc);
    let authors: Vec<String> = doc
        .elements_named("address")
        .flat_map(|a| meta::split_authors(&doc.text(a)))
        .collect();
    let published = pm
        .time
        .as_deref()
        .and_then(meta::find_date)
        .or_else(|| epoch.and_then(|ms| meta::from_epoch_ms(ms, 8)))
        .map(meta::ymd);
    let root = doc
        .elements_named("section")
        .max_by_key(|n| html::cjk_count(&doc.text(*n)))
        .or_else(|| doc.body())
        .unwrap_or_else(|| doc.root());
    let blocks = html::blocks(&doc, root);
    let paragraphs: Vec<String> = blocks
        .iter()
        .filter(|b| !b.noise)
        .filter(|b| !crate::page::is_caption(b))
        .map(|b| b.text.clone())
        .collect();
    // The outlet by its domain; failing that, the translation credit in the
    // footer, which names the outlet's own desk ("翻译：纽约时报中文网").
    let outlet = url
        .as_deref()
        .and_then(|u| ex.rules.outlet_of_url(u))
        .or_else(|| {
            // `footer p, footer`, in document order.
            let in_footer = |n: NodeId| {
                std::iter::successors(doc.parent(n), |p| doc.parent(*p))
                    .any(|p| doc.name(p) == Some("footer"))
            };
            doc.descendants(doc.root())
                .filter(|n| match doc.name(*n) {
                    Some("footer") => true,
                    Some("p") => in_footer(*n),
                    _ => false,
                })
                .find_map(|p| {
                    let t = html::collapse_ws(&doc.text(p));
                    TRANSLATOR_KEYS
                        .iter()
                        .find_map(|k| t.strip_prefix(k).map(|o| o.trim().to_string()))
                })
                .filter(|o| !o.is_empty() && o.chars().count() <= 20)
        });
    let head = crate::page::Head {
        title,
        published,
        authors,
        outlet,
        url,
    };
    crate::page::finish_html(ex, Form::FeedDump, head, &blocks, paragraphs)
}
