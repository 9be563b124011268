//! Quotes inside quotes: a speaker quoting someone (邓恩说：“罗斯福表示，
//! 民主是‘一个有生命的东西’”). The inner words belong to the person the
//! outer quote names before them with a verb of saying.

use super::lexicon::Lexicon;
use super::spans::{is_term, nested, MIN_CHARS};
use super::{speaker, Attributed};
use crate::actors::Units;
use crate::segment::is_sentence_end;

/// The attributed quotes inside the quote `a..b`.
pub fn inner(lex: &Lexicon, norm: &str, units: &Units, a: usize, b: usize) -> Vec<Attributed> {
    let mut out = Vec::new();
    for (na, nb) in nested(norm, a, b) {
        if norm[na..nb].chars().count() < MIN_CHARS || is_term(lex, norm, na, nb) {
            continue;
        }
        let open = norm[..na]
            .char_indices()
            .next_back()
            .map(|x| x.0)
            .unwrap_or(na);
        // The sentence of the outer quote the inner one is in.
        let lo = norm[a..open]
            .char_indices()
            .rev()
            .find(|&(_, c)| is_sentence_end(c))
            .map(|(i, c)| a + i + c.len_utf8())
            .unwrap_or(a);
        let mut verb = None;
        let mut p = lo;
        for c in norm[lo..open].chars() {
            if let Some(l) = lex.speech_at(norm, p) {
                verb = Some((p, p + l));
            }
            p += c.len_utf8();
        }
        let Some((vs, ve)) = verb else {
            continue;
        };
        if norm[ve..open].chars().count() > 60 {
            continue;
        }
        let cs = super::clause_start(norm, lo, vs);
        if let Some(s) = speaker::Scan::new(lex, norm, units).quoted_person(cs, vs) {
            out.push(Attributed {
                start: na,
                end: nb,
                speaker: Some(s.id),
                official: s.official,
            });
        }
    }
    out
}
