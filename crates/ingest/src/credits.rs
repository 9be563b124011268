//! Credit lines at the end of a story: `（編輯：某某）1120823`, `（记者 某某）`,
//! `【责任编辑:某某】`, `（譯者：某某/核稿：某某）`, `(完)`, `编译 某某；审校 某某`.
//! They are not body text; the reporters they name are the authors.
//! The markers are data (`lexicon/credits.tsv`).

use crate::{html, Rules};
use shiju_lexicon::words::{CharSlice, WordList};
use shiju_text::punct;

static OPEN: CharSlice = CharSlice::new("page_words.tsv", "open");
static CLOSE: CharSlice = CharSlice::new("page_words.tsv", "close");

static READ_MORE: WordList = WordList::new("page_words.tsv", "read_more");
static END_MARKS: WordList = WordList::new("page_words.tsv", "end_marks");
static DATELINE_END_CHARS: CharSlice = CharSlice::new("page_words.tsv", "dateline_end_chars");

/// The credit markers a text starts with: `(marker, is_author)`.
fn starts_with_credit<'a>(rules: &'a Rules, s: &str) -> Option<&'a (String, bool)> {
    let s = s.trim_start();
    rules
        .credits
        .iter()
        .find(|(m, _)| s.starts_with(m.as_str()))
}

/// Names in a credit (`记者郭倩、实习记者陈涵旸` → 郭倩, 陈涵旸).
fn names(rules: &Rules, credit: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in credit.split([
        punct::ENUMERATION_COMMA,
        punct::COMMA,
        ',',
        ' ',
        '\u{3000}',
        '/',
        punct::SOLIDUS,
        punct::SEMICOLON,
        ';',
    ]) {
        let mut p = part.trim_matches(|c: char| c == punct::COLON || c == ':' || c.is_whitespace());
        let mut author = true;
        while let Some((m, is_author)) = starts_with_credit(rules, p) {
            author = *is_author;
            p = p[m.len()..].trim_start_matches([':', punct::COLON, ' ', '\u{3000}']);
        }
        if !author {
            break;
        }
        let n = p.chars().count();
        if (2..=4).contains(&n) && p.chars().all(html::is_cjk) {
            out.push(p.to_string());
        }
    }
    out
}

/// The byte offset where a trailing credit group of `p` starts (the group
/// and an optional ROC date code after it, `…。（編輯：某某）1120823`).
fn trailing_group(rules: &Rules, p: &str) -> Option<(usize, String)> {
    let t = p.trim_end();
    let t = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let t = t.trim_end();
    if !t.ends_with(&*CLOSE) {
        return None;
    }
    let open = t.rfind(&*OPEN)?;
    let inner = &t[open..];
    let inner = inner
        .trim_start_matches(&*OPEN)
        .trim_end_matches(&*CLOSE)
        .trim();
    if END_MARKS.contains(&inner) || starts_with_credit(rules, inner).is_some() {
        return Some((open, inner.to_string()));
    }
    None
}

/// Removes credit lines and trailing credit groups from the end of the
/// body; returns the authors they name.
pub fn strip_trailer(rules: &Rules, paras: &mut Vec<String>) -> Vec<String> {
    let mut authors = Vec::new();
    for _ in 0..8 {
        let Some(last) = paras.last() else { break };
        let p = last.trim();
        if p.is_empty() || END_MARKS.contains(&p) {
            paras.pop();
            continue;
        }
        // `编译 某某；审校 某某` — a short line of credits.
        if !p.contains(punct::FULL_STOP)
            && p.chars().count() <= 60
            && starts_with_credit(rules, p).is_some_and(|(_, a)| !a)
        {
            paras.pop();
            continue;
        }
        match trailing_group(rules, p) {
            Some((at, inner)) => {
                let mut found = names(rules, &inner);
                found.retain(|n| !authors.contains(n));
                authors.extend(found);
                let keep = p[..at].trim_end().to_string();
                if keep.is_empty() {
                    paras.pop();
                } else {
                    *paras.last_mut().expect("checked above") = keep;
                }
            }
            None => break,
        }
    }
    authors
}

/// Removes a feed's "read more" link text from the end of a truncated
/// story (`……more`, `… Read more`, `閱讀全文`), keeping the ellipsis.
pub fn strip_read_more(p: &mut String) {
    for tail in READ_MORE.iter() {
        if let Some(rest) = p.trim_end().strip_suffix(tail) {
            let rest = rest.trim_end();
            if rest.ends_with("...") || rest.ends_with('…') {
                let n = rest.len() - if rest.ends_with("......") { 3 } else { 0 };
                *p = rest[..n].to_string();
                return;
            }
        }
    }
}

/// The reporters a bracketed byline or agency dateline at the start of the
/// body names: `〔記者某某／台北報導〕`, `（某社記者某某、某某台北6日電）`. The
/// line stays in the body (it is part of the story as printed).
pub fn lead_authors(rules: &Rules, first: &str) -> Vec<String> {
    let t = first.trim_start();
    if !t.starts_with([
        punct::LEFT_TORTOISE,
        punct::LEFT_SQUARE,
        punct::LEFT_LENTICULAR,
        punct::LEFT_PAREN,
        '(',
        '[',
    ]) {
        return Vec::new();
    }
    let Some(close) = t.find([
        punct::RIGHT_TORTOISE,
        punct::RIGHT_SQUARE,
        punct::RIGHT_LENTICULAR,
        punct::RIGHT_PAREN,
        ')',
        ']',
    ]) else {
        return Vec::new();
    };
    let group = &t[t.chars().next().map_or(1, char::len_utf8)..close];
    if group.chars().count() > 40 {
        return Vec::new();
    }
    let Some((marker, _)) = rules
        .credits
        .iter()
        .filter(|(_, a)| *a)
        .find(|(m, _)| group.contains(m.as_str()))
    else {
        return Vec::new();
    };
    let at = group.find(marker.as_str()).unwrap_or(0) + marker.len();
    let rest = &group[at..];
    // `…／台北報導`: the names end at the slash; a dateline (`…台北6日電`)
    // ends with the place, the day and 電, after names of (mostly) three
    // characters.
    let (names_part, dateline) = match rest.find([punct::SOLIDUS, '/', '∕']) {
        Some(i) => (&rest[..i], false),
        None => (rest, rest.ends_with(&DATELINE_END_CHARS[..])),
    };
    let parts: Vec<&str> = names_part
        .split([punct::ENUMERATION_COMMA, punct::COMMA, ' ', '\u{3000}'])
        .filter(|p| !p.is_empty())
        .collect();
    let mut out = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        let p = p.trim();
        let name: String = if dateline && i + 1 == parts.len() {
            p.chars().take_while(|c| html::is_cjk(*c)).take(3).collect()
        } else {
            p.to_string()
        };
        let n = name.chars().count();
        if (2..=4).contains(&n) && name.chars().all(html::is_cjk) {
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(paras: &[&str]) -> (Vec<String>, Vec<String>) {
        let r = Rules::new(None).unwrap();
        let mut v: Vec<String> = paras.iter().map(|s| s.to_string()).collect();
        let a = strip_trailer(&r, &mut v);
        (v, a)
    }

    #[test]
    fn read_more_links() {
        let mut p = "他說：「有必要準備。」......more".to_string();
        strip_read_more(&mut p);
        assert_eq!(p, "他說：「有必要準備。」...");
        let mut p = "外長周三抵達… Read more".to_string();
        strip_read_more(&mut p);
        assert_eq!(p, "外長周三抵達…");
        let mut p = "我們需要更多".to_string();
        strip_read_more(&mut p);
        assert_eq!(p, "我們需要更多");
    }

    #[test]
    fn leading_bylines() {
        let r = Rules::new(None).unwrap();
        assert_eq!(
            lead_authors(&r, "〔記者王小明、李大華／台北報導〕市府今天宣布"),
            vec!["王小明", "李大華"]
        );
        assert_eq!(
            lead_authors(&r, "（中央社記者陳大文東京5日電）日本政府今天"),
            vec!["陳大文"]
        );
        assert!(lead_authors(&r, "（中央社東京5日綜合外電報導）日本").is_empty());
        assert!(lead_authors(&r, "市府今天宣布").is_empty());
    }

    #[test]
    fn trailing_credits() {
        let (v, a) = run(&[
            "外长周三抵达。",
            "双方签署协议。（編輯：王大明/李小華）1130105",
        ]);
        assert_eq!(v, vec!["外长周三抵达。", "双方签署协议。"]);
        assert!(a.is_empty());
        let (v, a) = run(&["双方签署协议。（记者 张小明）", "【责任编辑:李四】"]);
        assert_eq!(v, vec!["双方签署协议。"]);
        assert_eq!(a, vec!["张小明"]);
        let (v, _) = run(&["双方签署协议。(完)", "编译 王五；审校 赵六"]);
        assert_eq!(v, vec!["双方签署协议。"]);
        let (v, a) = run(&["会谈持续两小时。（记者王一、实习记者陈二）"]);
        assert_eq!(v, vec!["会谈持续两小时。"]);
        assert_eq!(a, vec!["王一", "陈二"]);
        let (v, _) = run(&["他说：“这是好事（完全正确）。”"]);
        assert_eq!(v.len(), 1);
        let (v, _) = run(&["民调误差为正负2个百分点。（譯者：某甲/核稿：某乙）1091005"]);
        assert_eq!(v, vec!["民调误差为正负2个百分点。"]);
    }
}
