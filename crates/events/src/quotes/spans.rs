//! Quoted spans: “…”, 「…」, 『…』 and, inside them, the quotes they quote.

use super::lexicon::Lexicon;
use shiju_text::punct;
use shiju_text::short::{ends_in, starts_in};

/// Quotes of four characters or fewer are terms, not speech.
pub const MIN_CHARS: usize = 5;
/// Longest quote considered (characters).
const MAX_CHARS: usize = 1500;

fn closer(c: char) -> Option<char> {
    Some(match c {
        '“' => '”',
        punct::LEFT_CORNER => punct::RIGHT_CORNER,
        punct::LEFT_WHITE_CORNER => punct::RIGHT_WHITE_CORNER,
        '‘' => '’',
        _ => return None,
    })
}

/// The first closing mark `close` after `inner`, before a line break and
/// within [`MAX_CHARS`].
fn find_close(norm: &str, inner: usize, close: char) -> Option<usize> {
    for (n, (j, d)) in norm[inner..].char_indices().enumerate() {
        if n > MAX_CHARS || d == '\n' {
            return None;
        }
        if d == close {
            return Some(inner + j);
        }
    }
    None
}

/// A quote opened with “ that never closes before the line ends, whose
/// closing mark was printed as another “ right after the end of a sentence
/// (说：“数据站不住脚。“ 据报道…): that mark closes it.
fn misprinted_close(norm: &str, inner: usize, open: char) -> Option<usize> {
    if open != '“' {
        return None;
    }
    let mut prev = None;
    for (n, (j, d)) in norm[inner..].char_indices().enumerate() {
        if n > MAX_CHARS || d == '\n' {
            return None;
        }
        if d == '“' && prev.is_some_and(crate::segment::is_full_stop) {
            return Some(inner + j);
        }
        prev = Some(d);
    }
    None
}

/// Inner spans of the top-level quotations of `norm` (“…”, 「…」, 『…』),
/// terms of four characters or fewer included (names inside them are
/// quoted, not actors).
pub fn spans(norm: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = norm.as_bytes();
    let mut pos = 0usize;
    loop {
        // “ (E2 80 9C), 「 and 『 (E3 80 8C/8E): only these lead bytes open.
        pos = crate::segment::skip_to(bytes, pos, |x| x == 0xE2 || x == 0xE3);
        let Some(c) = norm[pos..].chars().next() else {
            break;
        };
        pos += c.len_utf8();
        let Some(close) = closer(c).filter(|_| c != '‘') else {
            continue;
        };
        let j = find_close(norm, pos, close).or_else(|| misprinted_close(norm, pos, c));
        if let Some(j) = j {
            out.push((pos, j));
            // Go on after the closing mark.
            pos = j + close.len_utf8();
        }
    }
    out
}

/// Quotes inside the quote `a..b` (‘…’, 『…』, or the other kind of mark):
/// the words of someone the speaker quotes. Inner spans, one level deep.
pub fn nested(norm: &str, a: usize, b: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = a;
    while pos < b {
        let Some(c) = norm[pos..b].chars().next() else {
            break;
        };
        pos += c.len_utf8();
        let Some(close) = closer(c) else {
            continue;
        };
        if let Some(j) = find_close(&norm[..b], pos, close) {
            if norm[pos..j].chars().count() >= MIN_CHARS {
                out.push((pos, j));
            }
            pos = j + close.len_utf8();
        }
    }
    out
}

/// A quoted name or term, not speech: short, without punctuation, and
/// ending like the name of a law, plan or body; or Latin words each
/// capitalised (“Pokemon Center TAIPEI”).
pub fn name_like(lex: &Lexicon, q: &str) -> bool {
    let q = q.trim();
    // Latin words (accented letters too: “Café Central Wien”): short,
    // each capitalised, or a few words without a sentence's punctuation
    // (“Journal of Strategic Studies”).
    if !q.chars().any(|c| c >= '\u{2E80}') {
        let words: Vec<&str> = q.split_whitespace().collect();
        return q.chars().count() <= 12
            || words.iter().all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            })
            || (words.len() <= 6 && !q.contains(['.', ',', '!', '?', ';', ':']));
    }
    if q.chars().count() > 16
        || q.contains([
            punct::FULL_STOP,
            punct::COMMA,
            punct::EXCLAMATION,
            punct::QUESTION,
            punct::SEMICOLON,
            punct::ENUMERATION_COMMA,
            punct::COLON,
        ])
    {
        return false;
    }
    lex.term.iter().any(|e| q.ends_with(e.as_str()))
}

/// The quote `a..b`'s marks: where its opening mark starts and its closing
/// mark ends (`a`/`b` themselves at the text's edges).
pub fn marks(norm: &str, a: usize, b: usize) -> (usize, usize) {
    let open = norm[..a]
        .char_indices()
        .next_back()
        .map(|x| x.0)
        .unwrap_or(a);
    let close_end = b + norm[b..].chars().next().map(|c| c.len_utf8()).unwrap_or(0);
    (open, close_end)
}

/// A quoted term rather than speech: a name by its own form, or a short
/// span introduced as a so-called term (所谓“…”) or naming what follows it
/// (“…”节目).
pub fn is_term(lex: &Lexicon, norm: &str, a: usize, b: usize) -> bool {
    let q = &norm[a..b];
    if name_like(lex, q) {
        return true;
    }
    if q.chars().count() > 16
        || q.contains([
            punct::FULL_STOP,
            punct::EXCLAMATION,
            punct::QUESTION,
            punct::SEMICOLON,
        ])
    {
        return false;
    }
    let (open, close_end) = marks(norm, a, b);
    let before = &norm[..open];
    let after = &norm[close_end..];
    lex.prefix.iter().any(|w| ends_in(before, w)) || lex.suffix.iter().any(|w| starts_in(after, w))
}
