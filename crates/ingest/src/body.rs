//! Which blocks of an article's markup are its body: the filters shared by
//! the forms whose markup holds one article (Markdown posts, feed items):
//! captions (figure captions, `<small>` lines under photos, lines ending in
//! a photo credit, `▲▼` lines), date-only lines, bylines and "来源" lines
//! before the text, a headline repeated as a heading or as a link.

use crate::html::{self, Block};
use crate::{meta, page, squash, Rules};
use shiju_lexicon::words::{CharStr, WordList};
use shiju_text::punct;

/// What [`pick`] found.
#[derive(Debug, Default)]
pub struct Picked {
    pub paragraphs: Vec<String>,
    pub authors: Vec<String>,
    pub captions: Vec<String>,
    /// The first date line before the text, `YYYY-MM-DD`.
    pub date: Option<String>,
}

/// Characters a date line may hold besides digits, separators and Latin
/// month/weekday names.
static DATE_CJK: CharStr = CharStr::new("page_words.tsv", "date_cjk");

/// A line that is only a date or timestamp (`2021-01-14 17:22:10`,
/// `Fri, 24 Jul 2020 01:17:25 GMT`, `09/10/2020 - 08:53`, `2023年9月10日`).
pub fn is_date_line(s: &str) -> bool {
    let s = s.trim();
    let n = s.chars().count();
    if n == 0 || n > 40 {
        return false;
    }
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let letters = s.chars().filter(char::is_ascii_alphabetic).count();
    digits >= 6
        && letters <= 16
        && s.chars()
            .filter(|c| html::is_cjk(*c))
            .all(|c| DATE_CJK.contains(c))
}

/// A line of a writer's name alone: two to four Chinese characters (a
/// transliteration may join parts with `·` and add its original in
/// brackets: `尼克·馬什（Nick Marsh）`), or two to four capitalised Latin words.
pub fn is_name_line(s: &str) -> bool {
    let s = name_of_line(s);
    let n = s.chars().count();
    if s.contains('·') {
        return (3..=12).contains(&n) && s.chars().all(|c| c == '·' || html::is_cjk(c));
    }
    if s.chars().all(html::is_cjk) {
        return (2..=4).contains(&n);
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && w.chars()
                    .all(|c| c.is_ascii_alphabetic() || c == '.' || c == '-' || c == '\'')
        })
}

/// The name of a name line without its bracketed original.
fn name_of_line(s: &str) -> &str {
    let s = s.trim();
    match s.find([punct::LEFT_PAREN, '(']) {
        Some(i) if i > 0 && s.ends_with([punct::RIGHT_PAREN, ')']) => s[..i].trim(),
        _ => s,
    }
}

/// Role words that end a writer's job line under the name (`BBC亞洲商業事務記者`).
static ROLES: WordList = WordList::new("page_words.tsv", "roles");
static DESK_BYLINE_ENDS: WordList = WordList::new("page_words.tsv", "desk_byline_ends");

fn is_role_line(s: &str) -> bool {
    let s = s.trim();
    s.chars().count() <= 24
        && !s.contains([punct::COMMA, punct::FULL_STOP])
        && ROLES.iter().any(|r| s.ends_with(r))
}

/// A short line that starts with a date and has no sentence after it
/// (`2023/08/23 某專欄`).
fn is_dated_line(s: &str) -> bool {
    let s = s.trim();
    is_date_line(s)
        || (s.starts_with(|c: char| c.is_ascii_digit())
            && s.chars().count() <= 30
            && !s.contains([punct::COMMA, punct::FULL_STOP, ','])
            && meta::find_date(s).is_some())
}

/// A desk byline line, `生活中心／某某某報導`: the writer's name.
fn desk_byline(s: &str) -> Option<String> {
    let s = s.trim();
    if s.chars().count() > 24 || s.contains([punct::COMMA, punct::FULL_STOP]) {
        return None;
    }
    let rest = DESK_BYLINE_ENDS.iter().find_map(|e| s.strip_suffix(e))?;
    let i = rest.rfind([punct::SOLIDUS, '/'])?;
    let name = rest[i..].trim_start_matches([punct::SOLIDUS, '/']).trim();
    let n = name.chars().count();
    ((2..=4).contains(&n) && name.chars().all(html::is_cjk)).then(|| name.to_string())
}

/// The lines above an article's text: a writer's name, a job line and a
/// date line form a byline; a name followed by anything else is text.
#[derive(Debug, Default)]
pub struct Lead {
    pending: Vec<String>,
    pub authors: Vec<String>,
    pub date: Option<String>,
}

impl Lead {
    /// Takes the next line before the text; returns the lines that are
    /// text after all (held-back lines released, and this one).
    pub fn take(&mut self, text: &str) -> Vec<String> {
        if let Some(name) = desk_byline(text) {
            if !self.authors.contains(&name) {
                self.authors.push(name);
            }
            return std::mem::take(&mut self.pending);
        }
        if is_dated_line(text) {
            self.date = self
                .date
                .take()
                .or_else(|| meta::find_date(text).map(meta::ymd));
            if let Some(name) = self.pending.first() {
                let name = name_of_line(name).to_string();
                if !self.authors.contains(&name) {
                    self.authors.push(name);
                }
            }
            self.pending.clear();
            return Vec::new();
        }
        if !self.pending.is_empty() && is_role_line(text) {
            self.pending.push(text.to_string());
            return Vec::new();
        }
        let mut out = std::mem::take(&mut self.pending);
        if is_name_line(text) {
            self.pending.push(text.to_string());
        } else {
            out.push(text.to_string());
        }
        out
    }

    /// The lines still held back.
    pub fn finish(&mut self) -> Vec<String> {
        std::mem::take(&mut self.pending)
    }
}

/// A short line that is a photo caption: it starts with ▲/▼, or it ends
/// with a photo credit (`…。美聯社`, `…（圖／翻攝…）`, `（圖取自…）`).
pub fn is_photo_caption(rules: &Rules, s: &str) -> bool {
    let s = s.trim();
    if s.starts_with(['▲', '▼', '△', '▽']) {
        return true;
    }
    if s.chars().nth(150).is_some() {
        return false;
    }
    // A trailing bracket group naming a photo source.
    let body = s.trim_end_matches([punct::FULL_STOP, ' ']);
    if let Some(open) = body
        .ends_with([punct::RIGHT_PAREN, ')'])
        .then(|| body.rfind([punct::LEFT_PAREN, '(']))
        .flatten()
    {
        let inner = &body[open..];
        if rules.photo_credit_in(inner) {
            return true;
        }
    }
    // Caption sentence, then the credit after 。/space: `…。新華網`.
    if s.chars().nth(100).is_some() {
        return false;
    }
    let tail_at = s
        .rfind([punct::FULL_STOP, ' ', '\u{3000}', punct::COMMA])
        .map(|i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    match tail_at {
        Some(i) if i < s.len() => rules.is_photo_credit(&s[i..]),
        _ => false,
    }
}

/// The caption under a photo set in `<small>`.
fn is_small_caption(b: &Block) -> bool {
    let n = b.text.chars().count();
    n > 0 && n <= 200 && b.small_chars * 2 >= n
}

fn is_heading(b: &Block) -> bool {
    matches!(&*b.tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Prose: a sentence of Chinese text.
fn is_prose(s: &str) -> bool {
    html::cjk_at_least(s, 12)
        && s.contains([
            punct::COMMA,
            punct::FULL_STOP,
            punct::ENUMERATION_COMMA,
            ',',
        ])
}

/// Splits `blocks` into body paragraphs, captions and the metadata lines
/// printed before the text. `titles` are the headline's forms: a heading
/// or a line repeating one before the text is dropped.
pub fn pick(rules: &Rules, blocks: &[Block], titles: &[&str]) -> Picked {
    let keys: Vec<String> = titles.iter().map(|t| squash(t)).collect();
    let mut out = Picked::default();
    let mut seen_prose = false;
    let mut lead = Lead::default();
    for b in blocks {
        let text = b.text.trim();
        if text.is_empty() {
            continue;
        }
        if b.noise
            || b.in_caption
            || page::is_caption(b)
            || is_small_caption(b)
            || is_photo_caption(rules, text)
        {
            if html::cjk_at_least(text, 6) && !out.captions.iter().any(|c| c == text) {
                out.captions.push(text.to_string());
            }
            continue;
        }
        if b.link_density() > 0.6 && text.chars().count() < 120 {
            continue;
        }
        if seen_prose {
            out.paragraphs.push(text.to_string());
            continue;
        }
        let key = squash(text);
        if keys.contains(&key) || (is_heading(b) && b.link_density() > 0.5) {
            continue;
        }
        if let Some(info) = meta::info_line(text) {
            out.date = out.date.take().or(info.date.map(meta::ymd));
            continue;
        }
        if let Some(names) = meta::byline(text) {
            if out.authors.is_empty() {
                out.authors = names;
            }
            continue;
        }
        seen_prose |= is_prose(text);
        out.paragraphs.extend(lead.take(text));
    }
    out.paragraphs.extend(lead.finish());
    if out.authors.is_empty() {
        out.authors = lead.authors;
    }
    out.date = out.date.or(lead.date);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines() {
        assert!(is_date_line("2021-01-14 17:22:10"));
        assert!(is_date_line("Fri, 24 Jul 2020 01:17:25 GMT"));
        assert!(is_date_line("09/10/2020 - 08:53"));
        assert!(is_date_line("2023年9月10日"));
        assert!(!is_date_line("2023年9月10日，外长抵达。"));
        assert!(!is_date_line("共有12345人"));
    }

    #[test]
    fn names() {
        assert!(is_name_line("JOHN SMITH"));
        assert!(is_name_line("王小明"));
        assert!(!is_name_line("外长周三抵达首都访问"));
        assert!(!is_name_line("hello world"));
        assert!(is_name_line("約翰·史密斯（John Smith）"));
        let mut l = Lead::default();
        assert!(l.take("約翰·史密斯（John Smith）").is_empty());
        assert!(l.take("本台駐京記者").is_empty());
        assert!(l.take("2023年8月31日").is_empty());
        assert_eq!(l.authors, vec!["約翰·史密斯"]);
        let mut l = Lead::default();
        assert!(l.take("國際中心／王小明報導").is_empty());
        assert_eq!(l.authors, vec!["王小明"]);
        let mut l = Lead::default();
        assert!(l.take("王小明").is_empty());
        assert_eq!(l.take("外长周三抵达。"), vec!["王小明", "外长周三抵达。"]);
    }

    #[test]
    fn photo_captions() {
        let r = Rules::new(None).unwrap();
        assert!(is_photo_caption(&r, "市長在會上發言。網上截圖"));
        assert!(is_photo_caption(&r, "▲市長在會上發言。"));
        assert!(is_photo_caption(&r, "（圖取自市政府網站）"));
        assert!(is_photo_caption(&r, "市長在會上發言。（圖／翻攝自臉書）"));
        assert!(is_photo_caption(&r, "兩國領導人握手。(美聯社/達志影像)"));
        assert!(is_photo_caption(
            &r,
            "市長（左二）與議員握手致意。（讀者提供）"
        ));
        assert!(!is_photo_caption(&r, "市長在會上發言，呼籲市民節約用水。"));
        assert!(!is_photo_caption(&r, "据美联社报道，两国领导人周三会面。"));
    }
}
