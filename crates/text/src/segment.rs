//! The one sentence segmenter of every stage and export: sentences and
//! clauses of Chinese text as byte spans.
//!
//! - A **sentence** ends at a [`is_sentence_end`] mark (。！？；!?;…),
//!   with the further ends and closing marks that follow it (`。”`), or at
//!   a line break (which also ends the paragraph). [`sentences`] is what
//!   events and quotes iterate over; [`sentence_number`] numbers them for
//!   the GDELT export; [`is_sentence_break`] is the same boundary for code
//!   that scans characters (the scope of tense and of reported speech in
//!   timex).
//! - A **clause** of a sentence ends at ，：— or a line break too
//!   ([`is_clause_break`], [`clauses`]): the reach of a verb pattern.
//! - A **scope** ([`is_scope_break`]) also ends at the list comma 、 and at
//!   quotation marks: timex's window for a tense marker, which must not
//!   reach into or out of a quotation nor across list items.

use crate::punct;

pub use crate::punct::is_sentence_end;

/// A mark that finishes a sentence whole (。！？!?): not ；, which joins
/// clauses of one sentence, nor …. Quote attribution asks it of the mark
/// before a closing quotation mark (“…。” starts new news).
pub fn is_full_stop(c: char) -> bool {
    matches!(
        c,
        punct::FULL_STOP | punct::EXCLAMATION | punct::QUESTION | '!' | '?'
    )
}

/// A sentence's end or a line break: where [`sentences`] cuts.
pub fn is_sentence_break(c: char) -> bool {
    is_sentence_end(c) || c == '\n'
}

/// A [`is_sentence_break`], or a mark that ends a tense marker's reach
/// (see the module's doc): ，：、 and quotation marks.
pub fn is_scope_break(c: char) -> bool {
    is_sentence_break(c)
        || matches!(
            c,
            punct::COMMA
                | ','
                | punct::COLON
                | ':'
                | punct::ENUMERATION_COMMA
                | '“'
                | '”'
                | punct::LEFT_CORNER
                | punct::RIGHT_CORNER
                | punct::LEFT_WHITE_CORNER
                | punct::RIGHT_WHITE_CORNER
                | '"'
        )
}

/// The number (1-based) of the sentence of `s` that the byte offset `at`
/// lies in; a position between two sentences (white space) belongs to the
/// next one. The sentences are those of [`sentences`]: an empty line is
/// none.
pub fn sentence_number(s: &str, at: usize) -> usize {
    1 + sentences(s).iter().take_while(|x| x.end <= at).count()
}

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

/// Characters that end a clause (besides sentence ends): ，：— and line
/// breaks, not the list comma 、.
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
    // The clause breaks read since `start` (their byte spans): the clauses
    // come from them, in the same pass.
    let mut breaks: Vec<(usize, usize)> = Vec::new();
    let push = |a: usize,
                b: usize,
                (para, para_start): (usize, usize),
                breaks: &mut Vec<(usize, usize)>,
                out: &mut Vec<Sentence>| {
        let (a, b) = trim(s, a, b);
        if a < b {
            out.push(Sentence {
                start: a,
                end: b,
                para,
                para_start,
                prev_start: out.last().map(|p: &Sentence| p.start).unwrap_or(a),
                clauses: clauses_at(a, b, breaks),
            });
        }
        breaks.clear();
    };
    let bytes = s.as_bytes();
    let mut pos = 0usize;
    while pos < bytes.len() {
        // Every line break, sentence end and clause break starts with one
        // of these bytes (the non-ASCII ones with the lead byte of
        // U+2000–U+3FFF or U+F000–U+FFFF); other characters are passed
        // over undecoded.
        pos = skip_to(bytes, pos, is_break_byte);
        let Some(c) = s[pos..].chars().next() else {
            break;
        };
        let next = pos + c.len_utf8();
        if c == '\n' {
            push(start, pos, (para, para_start), &mut breaks, &mut out);
            para += 1;
            start = next;
            para_start = start;
            pos = next;
            continue;
        }
        if is_sentence_end(c) {
            breaks.push((pos, next));
            // Further ends and closing marks stay with this sentence.
            let mut end = s.len();
            let mut q = next;
            while let Some(d) = s[q..].chars().next() {
                if is_sentence_end(d) {
                    breaks.push((q, q + d.len_utf8()));
                } else if !is_closer(d) {
                    end = q;
                    break;
                }
                q += d.len_utf8();
            }
            push(start, end, (para, para_start), &mut breaks, &mut out);
            start = end;
            pos = q;
            continue;
        }
        if is_clause_break(c) {
            breaks.push((pos, next));
        }
        pos = next;
    }
    push(start, s.len(), (para, para_start), &mut breaks, &mut out);
    out
}

/// The bytes a line break, sentence end or clause break can start with.
fn is_break_byte(x: u8) -> bool {
    matches!(
        x,
        b'\n' | b'\r' | b'!' | b'?' | b';' | b',' | b':' | 0xE2 | 0xE3 | 0xEF
    )
}

/// The clauses of the sentence `a..b` from the clause breaks read around
/// it (byte spans, in order): what [`clauses`] finds.
fn clauses_at(a: usize, b: usize, breaks: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = a;
    for &(p, e) in breaks.iter().filter(|&&(p, _)| a <= p && p < b) {
        if p > start {
            out.push((start, p));
        }
        start = e;
    }
    if b > start {
        out.push((start, b));
    }
    out
}

/// The first position from `pos` on whose byte `stop` accepts (the length
/// of `b` if none), stepping over the three bytes of a CJK ideograph
/// (lead byte E4–E9: U+4000–U+9FFF) at once. `b` is UTF-8 and `stop`
/// accepts no lead byte E4–E9 and no continuation byte.
#[inline]
pub fn skip_to(b: &[u8], mut pos: usize, stop: impl Fn(u8) -> bool) -> usize {
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

/// The clauses of the sentence `s[a..b]` (byte spans of `s`): it breaks at
/// every [`is_clause_break`] character, which is not kept.
pub fn clauses(s: &str, a: usize, b: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = a;
    let bytes = &s.as_bytes()[..b];
    let mut pos = a;
    while pos < b {
        // Only these bytes can start a clause break.
        pos = skip_to(bytes, pos, is_break_byte);
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
    fn clauses_read_with_the_sentences_are_those_of_each_sentence() {
        let texts = [
            "甲说：“好，走。”乙来了，丙走了！！丁？\n戊、己",
            "他说,a:b；c…d——e\r\n\r\n  f，。”g",
            "，，开头。”）结尾，",
            "a,b:c!d?e;f。",
            "“问题？”他问：“为什么——不？”",
            "",
            "\n\n，\n",
        ];
        for t in texts {
            for x in sentences(t) {
                assert_eq!(x.clauses, clauses(t, x.start, x.end), "{t:?} {x:?}");
            }
        }
    }

    #[test]
    fn empty_and_odd_input() {
        assert!(sentences("").is_empty());
        assert!(sentences("。。\n\n").len() <= 1);
        assert_eq!(sentences("abc").len(), 1);
        assert_eq!(sentence_number("", 0), 1);
        assert_eq!(sentence_number("abc", 99), 2);
    }

    /// The sentence numbers the GDELT export writes: ；and ！ end a
    /// sentence, a closing quotation mark stays with the sentence it ends,
    /// a line break ends one, an empty line is none.
    #[test]
    fn sentence_numbers_for_the_export() {
        let s = "外交部发言人表示：“中方愿与各方合作。”双方同意加强沟通；会谈将于下月举行！\n\n记者问：是否会延期？发言人说，不会。";
        let at = |p: &str| sentence_number(s, s.find(p).unwrap());
        assert_eq!(at("外交部"), 1);
        assert_eq!(at("中方"), 1);
        assert_eq!(at("双方"), 2);
        assert_eq!(at("会谈"), 3);
        assert_eq!(at("记者"), 4);
        assert_eq!(at("发言人说"), 5);
        // The closing quotation mark is the first sentence's.
        assert_eq!(sentence_number(s, s.find('”').unwrap()), 1);
    }

    #[test]
    fn scopes_are_narrower_than_clauses() {
        for c in "。；！？\n".chars() {
            assert!(is_sentence_break(c) && is_scope_break(c), "{c:?}");
        }
        for c in "，：、“”「」".chars() {
            assert!(is_scope_break(c) && !is_sentence_break(c), "{c}");
        }
        assert!(!is_scope_break('国'));
        assert!(is_clause_break('，') && !is_clause_break('、'));
        assert!("。！？!?".chars().all(is_full_stop));
        assert!(!"；;…，\n".chars().any(is_full_stop));
    }
}
