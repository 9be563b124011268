//! Dates of events: the timex of the clause, else the sentence, else the
//! previous sentence, else the reference date.

use super::segment::Sentence;
use shiju_core::{Context, Date, Text, Timex};

/// Time expressions that set a deadline (年内, 年底前): in a later clause,
/// the time of that clause's target.
static DEADLINES: shiju_lexicon::words::WordList =
    shiju_lexicon::words::WordList::new("event_words.tsv", "deadlines");
/// What joins the ends of a date range (`lexicon/event_words.tsv`).
static RANGE_JOINERS: shiju_lexicon::words::WordList =
    shiju_lexicon::words::WordList::new("event_words.tsv", "range_joiners");

/// Temporal expressions in norm space, with the start day of their period.
pub struct Timexes<'a> {
    items: Vec<(usize, usize, String, Option<Date>)>,
    published: Option<Date>,
    norm: &'a str,
}

/// First day of a `YYYY-MM-DD` / `YYYY-MM` / `YYYY-Www` / `YYYY` value.
pub fn period_start(v: &str) -> Option<Date> {
    shiju_core::Period::parse(v)?.first_day()
}

impl<'a> Timexes<'a> {
    pub fn new(timex: &[Timex], text: &Text, ctx: &Context, norm: &'a str) -> Self {
        let mut items: Vec<_> = timex
            .iter()
            .filter_map(|t| {
                let start = period_start(&t.value)?;
                let (s, e) = text.norm_span(t.start, t.end);
                Some((s, e, t.value.clone(), Some(start)))
            })
            // 自2000年以来首次访问: the start of a duration dates nothing.
            .filter(|x| !norm.get(x.1..).unwrap_or("").starts_with("以来"))
            .collect();
        items.sort_by_key(|x| x.0);
        Timexes {
            items,
            published: ctx.published,
            norm,
        }
    }

    /// A time expression after the publication date dates neither a
    /// reported event nor the announcement of a plan; nor does a period
    /// longer than a day that holds the publication date date a plan
    /// (本月稍晚将参加…): that is when the plan is carried out, while it is
    /// announced on the reference date, which lies in that period too.
    fn ok(&self, x: &(usize, usize, String, Option<Date>), intent: bool) -> bool {
        match (&x.3, self.published) {
            (Some(d), Some(p)) => {
                *d <= p
                    && !(intent
                        && shiju_core::Period::parse(&x.2)
                            .and_then(|q| q.range())
                            .is_some_and(|(a, b)| a < b && a <= p && p < b))
            }
            _ => true,
        }
    }

    /// Whether a time expression lies within `a..b`.
    pub fn any_in(&self, a: usize, b: usize) -> bool {
        let k = self.items.partition_point(|x| x.0 < a);
        self.items.get(k).is_some_and(|x| x.1 <= b)
    }

    /// Date of an event whose trigger is at `pos` in clause `cs..ce`,
    /// whether it comes from a time expression of the clause or sentence,
    /// and where it comes from (for the trace). `present` says whether a
    /// text returns from background to the present (此次, 如今): a time
    /// expression outside the clause followed by such a word before the
    /// trigger does not date it (外长2019年访问伊朗，此次又到访).
    pub fn date_for(
        &self,
        cs: usize,
        ce: usize,
        pos: usize,
        sent: &Sentence,
        future: bool,
        present: &dyn Fn(&str) -> bool,
    ) -> (String, bool, &'static str) {
        let resumes = |end: usize| end <= pos && self.norm.get(end..pos).is_some_and(present);
        // `later`: whether any time expression after the trigger may date
        // it (in the trigger's own clause); in the sentence, one that opens
        // a later clause sets that clause's time, not the trigger's
        // (批评了Y，去年他…).
        let pick = |lo: usize, hi: usize, later: bool| -> Option<(String, usize)> {
            // Items are sorted by start: only those starting in lo..hi.
            let from = self.items.partition_point(|x| x.0 < lo);
            let to = self.items.partition_point(|x| x.0 < hi).max(from);
            let inside: Vec<usize> = (from..to)
                .filter(|&i| {
                    let x = &self.items[i];
                    x.0 >= lo && x.1 <= hi && self.ok(x, future)
                })
                .collect();
            // Nearest before the trigger, else nearest after.
            let before = inside
                .iter()
                .copied()
                .filter(|&i| self.items[i].1 <= pos)
                .max_by_key(|&i| self.items[i].1);
            let opens_clause = |i: usize| {
                let (a, b) = (self.items[i].0, self.items[i].1);
                let later_clause = |g: &str| g.chars().any(shiju_text::segment::is_clause_break);
                self.norm[..a]
                    .trim_end()
                    .chars()
                    .next_back()
                    .is_some_and(shiju_text::segment::is_clause_break)
                    // A deadline in a later clause (…签署协定，实现年内完成
                    // 谈判的目标) is that clause's target, not the trigger's time.
                    || (self.norm.get(a..b).is_some_and(|t| DEADLINES.iter().any(|w| t.ends_with(w)))
                        && self.norm.get(pos..a).is_some_and(later_clause))
            };
            let chosen = before
                .or_else(|| {
                    inside
                        .iter()
                        .copied()
                        .filter(|&i| self.items[i].0 >= pos)
                        .min_by_key(|&i| self.items[i].0)
                        .filter(|&i| later || !opens_clause(i))
                })
                .or_else(|| inside.first().copied().filter(|_| later))?;
            // 13日至19日: a range is dated by its start.
            let mut c = chosen;
            while c > 0 {
                let prev = &self.items[c - 1];
                let between = self.norm_between(prev.1, self.items[c].0);
                if prev.0 >= lo
                    && between
                        .as_deref()
                        .is_some_and(|b| RANGE_JOINERS.contains(&b))
                {
                    c -= 1;
                } else {
                    break;
                }
            }
            Some((self.items[c].2.clone(), self.items[chosen].1))
        };
        let reference = |how| {
            (
                self.published
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                false,
                how,
            )
        };
        if let Some((v, _)) = pick(cs, ce, true) {
            return (v, true, "clause");
        }
        if let Some((v, end)) = pick(sent.start, sent.end, false) {
            if resumes(end) {
                return reference("reference date (back to the present)");
            }
            return (v, true, "sentence");
        }
        if !future {
            // The previous sentence of the paragraph.
            let lower = sent.para_start.max(sent.prev_start);
            let k = self.items.partition_point(|x| x.0 < sent.start);
            if let Some(x) = self.items[..k]
                .iter()
                .rev()
                .take_while(|x| x.0 >= lower)
                .find(|x| x.1 <= sent.start && self.ok(x, false))
            {
                if resumes(x.1) {
                    return reference("reference date (back to the present)");
                }
                return (x.2.clone(), false, "previous sentence");
            }
        }
        reference("reference date")
    }

    fn norm_between(&self, a: usize, b: usize) -> Option<String> {
        self.norm.get(a..b).map(|s| s.trim().to_string())
    }
}
