//! Tense: future, past or unmarked, from the markers around an expression.

use crate::lexicon::{Kind, TimexRules};

use shiju_text::punct;
/// The scope of tense and of reported speech ends at a sentence break;
/// a tense marker's reach at a scope break (`shiju_text::segment`).
pub(crate) use shiju_text::segment::{is_scope_break, is_sentence_break};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Future,
    Past,
    Unmarked,
}

impl TimexRules {
    /// Marker class of a word at `k`: (length, Some(is_future)) or (length, None) for neutral.
    /// `adjacent`: the position right after the expression (where `adjacent`
    /// future markers such as 会 count).
    pub(crate) fn marker_at(
        &self,
        cs: &[char],
        k: usize,
        adjacent: bool,
    ) -> Option<(usize, Option<bool>)> {
        let (l, e) = self.lookup(cs, k, |e| {
            matches!(
                e.kind,
                Kind::Future
                    | Kind::Past
                    | Kind::Neutral
                    | Kind::RelDay
                    | Kind::RelWeek
                    | Kind::RelMonth
                    | Kind::RelYear
            )
        })?;
        Some(match e.kind {
            Kind::Future if e.n == 1 && !adjacent => (l, None),
            Kind::Future => (l, Some(true)),
            Kind::Past => (l, Some(false)),
            Kind::RelDay | Kind::RelWeek | Kind::RelMonth | Kind::RelYear => {
                if e.n > 0 {
                    (l, Some(true))
                } else if e.n < 0 {
                    (l, Some(false))
                } else {
                    (l, None)
                }
            }
            _ => (l, None),
        })
    }

    pub(crate) fn tense(&self, cs: &[char], start: usize, end: usize) -> Tense {
        // Backward: the clause before the expression (at most 20 chars).
        let mut ws = start;
        while ws > 0 && start - ws < 20 && !is_scope_break(cs[ws - 1]) {
            ws -= 1;
        }
        let mut last: Option<bool> = None;
        let mut k = ws;
        while k < start {
            match self.marker_at(cs, k, false) {
                Some((l, m)) if k + l <= start => {
                    if m.is_some() {
                        last = m;
                    }
                    k += l;
                }
                _ => k += 1,
            }
        }
        match last {
            Some(true) => return Tense::Future,
            Some(false) => return Tense::Past,
            None => {}
        }
        // Forward: the rest of the clause; a topic-position expression
        // followed by a comma (12月，议会通过了…) reads the next clause.
        let mut from = end;
        if matches!(cs.get(end).copied(), Some(punct::COMMA) | Some(',')) {
            from = end + 1;
        }
        let mut k = from;
        while k < cs.len() && k - from < 12 && !is_scope_break(cs[k]) {
            match self.marker_at(cs, k, k == end) {
                Some((_, Some(f))) => return if f { Tense::Future } else { Tense::Past },
                Some((l, None)) => k += l,
                None => k += 1,
            }
        }
        // A forecast governs its whole sentence (若预测不变，台风到周日…).
        if self.forecast_before(cs, ws) {
            return Tense::Future;
        }
        Tense::Unmarked
    }

    /// Whether a `future` word of value `sentence` (预测, 预报) stands in
    /// the sentence before `ws` (at most 150 characters back: a forecast
    /// lists days in one long sentence).
    fn forecast_before(&self, cs: &[char], ws: usize) -> bool {
        let mut s = ws;
        while s > 0 && ws - s < 150 && !is_sentence_break(cs[s - 1]) {
            s -= 1;
        }
        (s..ws).any(|k| {
            self.lookup(cs, k, |e| e.kind == Kind::Future && e.n == 2)
                .is_some_and(|(l, _)| k + l <= ws)
        })
    }
}
