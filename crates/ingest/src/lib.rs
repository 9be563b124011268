//! shiju-ingest: raw bytes → clean [`Article`]s.
//!
//! ```text
//! bytes ─ decode (BOM, declared charset, chardetng, mixed lines)
//!       ─ sniff the form from the text (never from the file name)
//!       ─ per-form extractor: feed dump │ HTML page │ crawler snapshot │
//!                             wire copy │ Markdown │ RSS/Atom items │ plain
//!       ─ boilerplate rules (lexicon/boilerplate.tsv), bylines, dates, outlet
//! ```
//!
//! Every input ends as articles or as a [`Reject`] with a reason; nothing
//! panics on untrusted bytes.

mod body;
mod credits;
pub mod decode;
mod depth;
pub mod dom;
mod feed;
mod feeddump;
pub mod html;
mod inert;
mod markdown;
pub mod meta;
mod page;
mod prune;
pub mod rules;
mod sogou;
mod text;
mod tree;
pub mod warc;
mod wire;

use std::path::Path;

use shiju_core::{Article, Form};
use shiju_text::punct;

pub use rules::Rules;

/// The fast tree builder against html5ever, for `examples/tree_check.rs`:
/// a page as the HTML parser receives it, and its tree by the fast path.
#[doc(hidden)]
pub mod fastpath {
    /// `t` with inert markup cut (what the fast path parses).
    pub fn stripped(t: &str) -> String {
        crate::inert::strip(t).into_owned()
    }

    /// `t` with unread attributes and white space between tags cut (what
    /// html5ever parses).
    pub fn pruned(t: &str) -> String {
        crate::prune::prune(t).into_owned()
    }

    /// Whether the attribute is one the readers use (`prune::KEEP`).
    pub fn kept(tag: &str, attr: &str) -> bool {
        crate::prune::kept(tag, attr)
    }

    /// The fast path's tree, `None` when it leaves the page to html5ever.
    pub fn parse(t: &str) -> Option<crate::dom::Dom<'_>> {
        crate::tree::parse(t)
    }

    /// The fast path's tree of the page as it is (inert markup skipped,
    /// newlines normalised), `None` when it leaves the page to `parse`.
    pub fn parse_page(t: &str) -> Option<crate::dom::Dom<'_>> {
        crate::tree::parse_page(t)
    }

    /// `t` with its newlines normalised as the fast path reads it.
    pub fn newlines(t: &str) -> std::borrow::Cow<'_, str> {
        crate::tree::normalize_newlines(t)
    }
}

/// Default cap on the size of one input.
pub const DEFAULT_MAX_BYTES: usize = 20 * 1024 * 1024;

/// Why an input yields no article.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Reject {
    #[error("empty file")]
    Empty,
    #[error("too large: {size} bytes (the cap is {cap} bytes; see --max-bytes)")]
    TooLarge { size: usize, cap: usize },
    #[error("binary data, not a text document ({0:.0}% control bytes)")]
    Binary(f64),
    #[error("undecodable: {errors} invalid byte sequences in {size} bytes (tried {tried})")]
    Undecodable {
        errors: usize,
        size: usize,
        tried: String,
    },
    #[error("no article body: {0}")]
    NoBody(String),
    #[error("malformed feed: {0}")]
    MalformedFeed(String),
    #[error("not a news document: {0}")]
    NotADocument(String),
    /// A stage panicked on this input (a bug): the input is rejected, the
    /// run goes on.
    #[error("internal error: {0}")]
    Internal(String),
}

/// One article-sized result of an input: feeds give one per item.
#[derive(Debug, Clone)]
pub struct Item {
    /// The input's file name, with `#n` for the n-th item of a feed (from 1).
    pub name: String,
    pub result: Result<Article, Reject>,
}

/// The extractor, built once (rules compiled) and shared by all inputs.
#[derive(Debug, Clone)]
pub struct Extractor {
    pub rules: Rules,
    pub max_bytes: usize,
}

impl Extractor {
    pub fn new(user_dir: Option<&Path>) -> Result<Self, shiju_lexicon::LexiconError> {
        Ok(Extractor {
            rules: Rules::new(user_dir)?,
            max_bytes: DEFAULT_MAX_BYTES,
        })
    }

    /// Extracts the articles of one raw input named `name` (its file name).
    pub fn extract(&self, name: &str, bytes: &[u8]) -> Vec<Item> {
        if warc::is_record(bytes) {
            return warc::extract(self, name, bytes);
        }
        self.extract_hinted(name, bytes, None)
    }

    /// [`Extractor::extract`] with the charset the transport declared (an
    /// HTTP `Content-Type`), weighed after the document's own declaration.
    pub fn extract_hinted(
        &self,
        name: &str,
        bytes: &[u8],
        charset: Option<&'static encoding_rs::Encoding>,
    ) -> Vec<Item> {
        let one = |result| {
            vec![Item {
                name: name.to_string(),
                result,
            }]
        };
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return one(Err(Reject::Empty));
        }
        if bytes.len() > self.max_bytes {
            return one(Err(Reject::TooLarge {
                size: bytes.len(),
                cap: self.max_bytes,
            }));
        }
        let bin = decode::binary_ratio(bytes);
        if bin > 0.05 {
            return one(Err(Reject::Binary(bin * 100.0)));
        }
        let (decoded, encoding, errors) = decode::decode_borrowed(bytes, charset);
        // (Without errors there is nothing to weigh: no count of characters.)
        if errors > 0 && errors * 20 > decoded.chars().count().max(1) {
            return one(Err(Reject::Undecodable {
                errors,
                size: bytes.len(),
                tried: encoding,
            }));
        }
        let text = decoded.trim_start_matches('\u{FEFF}');
        let lead = text.trim_start();
        if (lead.starts_with('{') || lead.starts_with('['))
            && serde_json::from_str::<serde::de::IgnoredAny>(lead).is_ok()
        {
            return one(Err(Reject::NotADocument("JSON data".into())));
        }
        if sogou::looks_like(text) {
            return sogou::extract(self, name, text)
                .into_iter()
                .map(|mut it| {
                    if let Ok(a) = &mut it.result {
                        a.encoding = encoding.clone();
                    }
                    it
                })
                .collect();
        }
        let form = sniff(text);
        let results: Vec<Item> = match form {
            Form::FeedItem => match feed::extract(self, name, bytes) {
                Ok(items) => items,
                Err(e) => return one(Err(e)),
            },
            _ => {
                let r = match form {
                    Form::FeedDump => feeddump::extract(self, text),
                    Form::Html => page::extract(self, text),
                    Form::Markdown => markdown::extract(self, text),
                    Form::Wire => wire::extract(self, text),
                    _ => text::extract(self, text),
                };
                one(r.map(|mut a| {
                    a.form = if form == Form::Plain && a.form == Form::Snapshot {
                        Form::Snapshot
                    } else if form == Form::Plain {
                        a.form
                    } else {
                        form
                    };
                    a
                }))
            }
        };
        results
            .into_iter()
            .map(|mut it| {
                if let Ok(a) = &mut it.result {
                    if a.encoding.is_empty() {
                        a.encoding = encoding.clone();
                    }
                }
                it
            })
            .collect()
    }
}

/// Recognises the raw form from the decoded text.
pub fn sniff(text: &str) -> Form {
    let t = text.trim_start();
    if feeddump::looks_like(t) {
        return Form::FeedDump;
    }
    if markdown::looks_like(t) {
        return Form::Markdown;
    }
    let head_end = nth_char_start(t, 4096).unwrap_or(t.len());
    let lower = t[..head_end].to_ascii_lowercase();
    if feed::looks_like(&lower) {
        return Form::FeedItem;
    }
    if lower.contains("<html")
        || lower.contains("<!doctype html")
        || lower.contains("<body")
        || html_tags_at_least(&lower, 3)
    {
        return Form::Html;
    }
    if wire::looks_like(t) {
        return Form::Wire;
    }
    Form::Plain
}

/// The byte index of the character `n` (from 0) of `s`, as
/// `s.char_indices().nth(n)` gives it: its bytes that start a character
/// (all but `80`–`BF`) counted a chunk of 64 at a time, without a branch,
/// and the chunk that holds the character read byte by byte.
fn nth_char_start(s: &str, n: usize) -> Option<usize> {
    let b = s.as_bytes();
    let starts = |c: &[u8]| c.iter().fold(0u8, |k, &x| k + u8::from(x as i8 >= -0x40));
    let (mut seen, mut i) = (0usize, 0usize);
    while let Some(chunk) = b.get(i..i + 64) {
        let c = usize::from(starts(chunk));
        if seen + c > n {
            break;
        }
        seen += c;
        i += 64;
    }
    for (k, &x) in b[i..].iter().enumerate() {
        if x as i8 >= -0x40 {
            if seen == n {
                return Some(i + k);
            }
            seen += 1;
        }
    }
    None
}

/// Whether `lower` holds at least `n` opening tags of elements only HTML
/// has: a fragment saved without `<html>`/`<body>` (an old page that opens
/// on its layout `<table>`, or on `<title>` and `<script>`) is still a page.
fn html_tags_at_least(lower: &str, n: usize) -> bool {
    const TAGS: [&str; 9] = [
        "p", "div", "table", "td", "title", "script", "style", "meta", "span",
    ];
    let mut count = 0;
    for (i, _) in lower.match_indices('<') {
        let rest = &lower[i + 1..];
        let is_tag = TAGS.iter().any(|t| {
            rest.strip_prefix(t)
                .is_some_and(|r| r.starts_with(|c: char| c == '>' || c.is_ascii_whitespace()))
        });
        if is_tag {
            count += 1;
            if count >= n {
                return true;
            }
        }
    }
    false
}

/// Whether a line is a navigation run: at least three short items (up to
/// six characters each) between `|` bars (`新闻 | 行情 | 评测 | 论坛 |`).
fn is_nav_run(p: &str) -> bool {
    // Each bar looked for by `memchr` (a set of characters would decode
    // every character of a paragraph of prose).
    if !(p.as_bytes().contains(&b'|') || p.contains(punct::VERTICAL_LINE)) {
        return false;
    }
    let mut items = 0;
    for part in p.split(['|', punct::VERTICAL_LINE]) {
        let n = part.trim().chars().count();
        if n > 6 {
            return false;
        }
        items += usize::from(n > 0);
    }
    items >= 3
}

/// Whether a paragraph is a rule between sections: no letter or digit,
/// one or two characters repeated (`------`, `＊＊＊`, `=-=-=-`). A line of a
/// box-drawing diagram mixes more; a line of blanks to fill in ends as a
/// sentence does (`______。`).
fn is_rule(p: &str) -> bool {
    if crate::page::ends_sentence(p) {
        return false;
    }
    let mut kinds: Vec<char> = Vec::new();
    for c in p.chars().filter(|c| !c.is_whitespace()) {
        if c.is_alphanumeric() {
            return false;
        }
        if !kinds.contains(&c) {
            kinds.push(c);
            if kinds.len() > 2 {
                return false;
            }
        }
    }
    true
}

/// Whether a paragraph is one character alone: a label set vertically
/// (`今`/`推`/`荐`, one per line beside a box), never a line of text.
fn is_lone_character(p: &str) -> bool {
    let mut chars = p.chars().filter(|c| !c.is_whitespace());
    chars.next().is_some() && chars.next().is_none()
}

/// Helpers shared by the extractors.
pub(crate) fn finish(
    rules: &Rules,
    article: Article,
    paragraphs: Vec<String>,
) -> Result<Article, Reject> {
    finish_known(rules, article, paragraphs, &rules::Known::default())
}

/// [`finish`], with the boilerplate verdicts `known` already given.
pub(crate) fn finish_known(
    rules: &Rules,
    mut article: Article,
    paragraphs: Vec<String>,
    known: &rules::Known,
) -> Result<Article, Reject> {
    let title_key = article.title.as_deref().map(squash);
    let paras: Vec<String> = paragraphs
        .into_iter()
        // A paragraph trimmed already (most are) is kept, not copied.
        .map(|p| {
            if p.trim().len() == p.len() {
                p
            } else {
                p.trim().to_string()
            }
        })
        .filter(|p| !p.is_empty() && !is_nav_run(p) && !is_lone_character(p))
        .filter(|p| !title_key.as_deref().is_some_and(|k| squash_eq(p, k)))
        .collect();
    let mut paras = rules.clean_known(paras, known);
    if let Some(last) = paras.last_mut() {
        credits::strip_read_more(last);
    }
    let credited = credits::strip_trailer(rules, &mut paras);
    article.authors = std::mem::take(&mut article.authors)
        .into_iter()
        .filter_map(|a| author_name(rules, &a))
        .collect();
    if article.authors.is_empty() {
        article.authors = credited;
    }
    if article.authors.is_empty() {
        if let Some(first) = paras.first() {
            article.authors = credits::lead_authors(rules, first);
        }
    }
    paras.retain(|p| (html::cjk_at_least(p, 1) || p.chars().count() > 20) && !is_rule(p));
    if paras.is_empty() {
        return Err(Reject::NoBody(
            "no paragraph of article text was found (a list of links, a video or image page, or an empty item)"
                .into(),
        ));
    }
    // Counted up to 20 only: a body with 20 or more is never rejected here.
    let body_cjk: usize = paras
        .iter()
        .flat_map(|p| p.chars())
        .filter(|c| html::is_cjk(*c))
        .take(20)
        .count();
    if body_cjk < 20 && paras.iter().map(|p| p.chars().count()).sum::<usize>() < 80 {
        return Err(Reject::NoBody(format!(
            "only {body_cjk} Chinese characters of text: not an article"
        )));
    }
    article.paragraphs = paras;
    Ok(article)
}

/// An author credit reduced to the name (`香港特約記者 某某` → 某某), or None
/// when it names an outlet, a desk or column (digits), or a compiler or
/// translator rather than a writer.
fn author_name(rules: &Rules, a: &str) -> Option<String> {
    let a = a.trim();
    // `某報記者`: a staff byline, kept as printed.
    let staff = rules
        .credits
        .iter()
        .any(|(m, is_author)| *is_author && a.ends_with(m.as_str()));
    if staff && a.chars().count() <= 12 && !a.contains([' ', '\u{3000}']) {
        return Some(a.to_string());
    }
    if a.is_empty() || rules.is_outlet_name(a) || a.contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if rules
        .credits
        .iter()
        .any(|(m, is_author)| !is_author && contains_short(a, m))
    {
        return None;
    }
    let mut name = a;
    for (m, is_author) in &rules.credits {
        if *is_author {
            if let Some(i) = name.rfind(m.as_str()) {
                name = name[i + m.len()..].trim_start_matches([' ', '\u{3000}', ':', punct::COLON]);
            }
        }
    }
    let name = name.trim();
    // A byline that is only a role (`某報記者`) stays as printed.
    Some(if name.is_empty() { a } else { name }.to_string())
}

/// A comparison key: no white space, full-width punctuation folded.
pub(crate) fn squash(s: &str) -> String {
    squashed(s).collect()
}

fn squashed(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
}

/// `hay.rfind(needle)` for a short haystack (a title): the occurrences
/// of the needle's first byte, last first, each compared in place (no
/// searcher is built). `needle` is not empty.
pub(crate) fn rfind_short(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    memchr::memrchr_iter(n[0], h).find(|&i| h[i..].starts_with(n))
}

/// `hay.contains(needle)` for a short haystack (a line, a name): the
/// occurrences of the needle's last byte (a CJK character's last byte
/// is one of 64, its first one of a few) each compared in place, no
/// searcher built.
pub(crate) fn contains_short(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some((&last, head)) = n.split_last() else {
        return true;
    };
    let Some(tail) = h.get(head.len()..) else {
        return false;
    };
    // A hit at `i` of `tail` ends a candidate that starts at `i` of `h`.
    memchr::memchr_iter(last, tail).any(|i| &h[i..i + head.len()] == head)
}

/// Whether `squash(s) == key`, without building the squashed string.
fn squash_eq(s: &str, key: &str) -> bool {
    squashed(s).eq(key.chars())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nth_char_start_agrees_with_char_indices() {
        let mixed: String = "外交部a发言人é表示𠀀 ".repeat(40);
        for s in ["", "abc", "外交部", mixed.as_str(), &"x".repeat(200)] {
            for n in [0, 1, 2, 3, 63, 64, 65, 100, 127, 128, 200, 500] {
                assert_eq!(
                    nth_char_start(s, n),
                    s.char_indices().nth(n).map(|(i, _)| i),
                    "{n} of {s:?}"
                );
            }
        }
    }

    #[test]
    fn contains_short_finds_as_contains() {
        let hays = [
            "",
            "a",
            "记者张三",
            "来源：新华社 记者 李四",
            "abcabd",
            "日期2024年",
        ];
        let needles = [
            "",
            "a",
            "记者",
            "新华社",
            "abd",
            "abc",
            "四",
            "日期2024年x",
            "期2",
        ];
        for h in hays {
            for n in needles {
                assert_eq!(contains_short(h, n), h.contains(n), "{n:?} in {h:?}");
            }
        }
    }

    #[test]
    fn rfind_short_finds_as_rfind() {
        let hays = [
            "",
            "a---b--",
            "标题 - 站名 - 网",
            "x_y_z",
            "——a——",
            " -- ",
            "-",
            "é – ü —",
        ];
        for h in hays {
            for n in [
                " - ", "--", "-", "_", "——", " – ", " — ", "- ", " -", "é", "ü —",
            ] {
                assert_eq!(rfind_short(h, n), h.rfind(n), "{n:?} in {h:?}");
            }
        }
    }

    #[test]
    fn navigation_runs_and_lone_characters() {
        assert!(is_nav_run("新闻 | 国际 | 军事 | 财经 | 体育 |"));
        assert!(is_nav_run("首页｜时政｜港澳台"));
        assert!(!is_nav_run("图说北京| 冬奥会志愿者培训启动"));
        assert!(!is_nav_run(
            "外交部：中方将继续 | 与各方保持沟通 | 推动和平进程取得实质进展"
        ));
        assert!(is_rule("------------------------------"));
        assert!(is_rule("＊ ＊ ＊"));
        assert!(!is_rule("┌───┬─────┼─────┐"));
        assert!(!is_rule("-----（完）-----"));
        assert!(!is_rule("________________________。"));
        assert!(is_lone_character("荐"));
        assert!(!is_lone_character("完。"));
    }
}
