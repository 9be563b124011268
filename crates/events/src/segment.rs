//! Sentences and clauses of Chinese text, as byte spans of the normalised text.

use shiju_text::punct;

/// A sentence: byte span of the normalised text and its clauses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Index of the paragraph (text between line breaks) the sentence is in.
    pub para: usize,
    /// Byte offset where the sentence's paragraph starts.
    pub para_start: usize,
    /// Start of the previous sentence (its own start for the first).
    pub prev_start: usize,
    pub clauses: Vec<(usize, usize)>,
}

/// Characters that end a sentence: 。！？；!?;… (one definition for every stage).
pub use shiju_text::punct::is_sentence_end;

/// Characters that end a clause (besides sentence ends).
pub fn is_clause_break(c: char) -> bool {
    is_sentence_end(c)
        || matches!(
            c,
            punct::COMMA | ',' | punct::COLON | ':' | '\n' | '\r' | '—'
        )
}

/// Closing marks that stay with the sentence they follow.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | punct::RIGHT_CORNER
            | punct::RIGHT_WHITE_CORNER
            | '’'
            | punct::RIGHT_PAREN
            | ')'
            | '"'
            | punct::RIGHT_BOOK_TITLE
    )
}

/// Splits `s` into sentences (at 。！？； and line breaks, keeping closing
/// quotation marks with the sentence they end) and clauses (at ，：— too).
/// List commas (、) do not break clauses. Spans exclude surrounding whitespace.
pub fn sentences(s: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut para = 0usize;
    let mut para_start = 0usize;
    let mut start = 0usize;
    let push = |a: usize, b: usize, para: usize, para_start: usize, out: &mut Vec<Sentence>| {
        let (a, b) = trim(s, a, b);
        if a < b {
            out.push(Sentence {
                start: a,
                end: b,
                para,
                para_start,
                prev_start: out.last().map(|p: &Sentence| p.start).unwrap_or(a),
                clauses: clauses(s, a, b),
            });
        }
    };
    let bytes = s.as_bytes();
    let mut pos = 0usize;
    while pos < bytes.len() {
        // Every line break and sentence end starts with one of these bytes
        // (the non-ASCII ones with the lead byte of U+2000–U+3FFF or
        // U+F000–U+FFFF); other characters are passed over undecoded.
        pos = skip_to(bytes, pos, |x| {
            matches!(x, b'\n' | b'!' | b'?' | b';' | 0xE2 | 0xE3 | 0xEF)
        });
        let Some(c) = s[pos..].chars().next() else {
            break;
        };
        let next = pos + c.len_utf8();
        if c == '\n' {
            push(start, pos, para, para_start, &mut out);
            para += 1;
            start = next;
            para_start = start;
            pos = next;
            continue;
        }
        if is_sentence_end(c) {
            // Further ends and closing marks stay with this sentence.
            let mut end = s.len();
            let mut q = next;
            while let Some(d) = s[q..].chars().next() {
                if is_sentence_end(d) || is_closer(d) {
                    q += d.len_utf8();
                } else {
                    end = q;
                    break;
                }
            }
            push(start, end, para, para_start, &mut out);
            start = end;
            pos = q;
            continue;
        }
        pos = next;
    }
    push(start, s.len(), para, para_start, &mut out);
    out
}

/// The first position from `pos` on whose byte `stop` accepts (the length
/// of `b` if none), stepping over the three bytes of a CJK ideograph
/// (lead byte E4–E9: U+4000–U+9FFF) at once. `b` is UTF-8 and `stop`
/// accepts no lead byte E4–E9 and no continuation byte.
#[inline]
pub(crate) fn skip_to(b: &[u8], mut pos: usize, stop: impl Fn(u8) -> bool) -> usize {
    while let Some(&x) = b.get(pos) {
        if (0xE4..=0xE9).contains(&x) {
            pos += 3;
        } else if stop(x) {
            return pos;
        } else {
            pos += 1;
        }
    }
    b.len()
}

fn trim(s: &str, mut a: usize, mut b: usize) -> (usize, usize) {
    let sub = &s[a..b];
    let t = sub.trim_start();
    a += sub.len() - t.len();
    let t2 = t.trim_end();
    b = a + t2.len();
    (a, b)
}

fn clauses(s: &str, a: usize, b: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = a;
    let bytes = &s.as_bytes()[..b];
    let mut pos = a;
    while pos < b {
        // As in `sentences`: only these bytes can start a clause break.
        pos = skip_to(bytes, pos, |x| {
            matches!(
                x,
                b'\n' | b'\r' | b'!' | b'?' | b';' | b',' | b':' | 0xE2 | 0xE3 | 0xEF
            )
        });
        let Some(c) = s[pos..b].chars().next() else {
            break;
        };
        if is_clause_break(c) {
            if pos > start {
                out.push((start, pos));
            }
            start = pos + c.len_utf8();
        }
        pos += c.len_utf8();
    }
    if b > start {
        out.push((start, b));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_and_clauses() {
        let s = "甲说：“好。”乙来了，丙走了！丁？\n戊、己";
        let v = sentences(s);
        let texts: Vec<&str> = v.iter().map(|x| &s[x.start..x.end]).collect();
        assert_eq!(
            texts,
            vec!["甲说：“好。”", "乙来了，丙走了！", "丁？", "戊、己"]
        );
        assert_eq!(v[3].para, 1);
        let c: Vec<&str> = v[1].clauses.iter().map(|&(a, b)| &s[a..b]).collect();
        assert_eq!(c, vec!["乙来了", "丙走了"]);
        let c: Vec<&str> = v[3].clauses.iter().map(|&(a, b)| &s[a..b]).collect();
        assert_eq!(c, vec!["戊、己"]);
    }

    #[test]
    fn empty_and_odd_input() {
        assert!(sentences("").is_empty());
        assert!(sentences("。。\n\n").is_empty() || sentences("。。\n\n").len() == 1);
        let v = sentences("abc");
        assert_eq!(v.len(), 1);
    }
}
