//! Publication dates from body text: ROC date codes, credit lines,
//! datelines and printed date lines.

use std::sync::OnceLock;

use shiju_core::Date;
use shiju_text::punct;

use crate::lexicon::{Kind, TimexRules};
use crate::resolve::ymd;
use crate::scan::{MonthSpec, RawKind, YearSpec};

fn default_rules() -> Option<&'static TimexRules> {
    static RULES: OnceLock<Option<TimexRules>> = OnceLock::new();
    RULES.get_or_init(|| TimexRules::new(None).ok()).as_ref()
}

pub use shiju_core::date::roc_date_code;

/// The dateline date of a body (`（中央社巴黎13日電）`, `新华社北京3月5日电`),
/// resolved against the publication date (a day after it belongs to the
/// previous month). This is the reference date wire copy states relative
/// dates against; [`TimexRules::find`] applies it by itself.
pub fn dateline_date(body: &str, published: Option<Date>) -> Option<Date> {
    let rules = default_rules()?;
    let cs = rules.prepare(body);
    let raws = rules.scan(&cs, true);
    rules.dateline(&cs, &raws, published).map(|(_, d)| d)
}

/// Best guess of a publication date from body text when metadata has none.
///
/// Evidence, strongest first:
/// 1. a ROC date code (`1110915`) standing alone or after a closing
///    bracket, as CNA appends it to its credit line (the last one wins);
/// 2. the last full date (year, month, day) on a credit or date line
///    (`（编辑 …）`, `发布时间：2023-11-14`);
/// 3. the dateline (`新华社北京3月5日电`, `中央社巴黎13日電`), resolved against
///    `hint` or against the latest full date of the text;
/// 4. the first full date on a short line (≤ 60 chars, no sentence
///    punctuation) among the first six (a printed date line);
/// 5. `hint` itself.
pub fn guess_published(body: &str, hint: Option<Date>) -> Option<Date> {
    match default_rules() {
        Some(rules) => rules.guess_published(body, hint),
        None => hint,
    }
}

impl TimexRules {
    /// [`guess_published`] with these rules (the built-in time words
    /// extended by the user's `--lexicon`).
    ///
    /// Linear in the body: line bounds come from one list of newlines.
    pub fn guess_published(&self, body: &str, hint: Option<Date>) -> Option<Date> {
        let rules = self;
        // 1. ROC date codes.
        let bytes = body.as_bytes();
        let mut code: Option<Date> = None;
        let mut k = 0;
        while k < bytes.len() {
            if bytes[k].is_ascii_digit() {
                let s = k;
                while k < bytes.len() && bytes[k].is_ascii_digit() {
                    k += 1;
                }
                let run = &body[s..k];
                let before = body[..s].trim_end_matches([' ', '\t']);
                let after = body[k..].trim_start_matches([' ', '\t']);
                let standalone = before.is_empty()
                    || before.ends_with([
                        punct::RIGHT_PAREN,
                        ')',
                        '\n',
                        punct::RIGHT_LENTICULAR,
                        ']',
                    ])
                    || after.is_empty()
                    || after.starts_with(['\n', '\r']);
                if standalone {
                    if let Some(d) = roc_date_code(run) {
                        code = Some(d);
                    }
                }
            } else {
                k += 1;
            }
        }
        if code.is_some() {
            return code;
        }
        let cs = &rules.prepare(body);
        let raws = rules.scan(cs, true);
        let full: Vec<(usize, Date)> = raws
            .iter()
            .filter_map(|r| match r.kind {
                RawKind::Date {
                    year: YearSpec::Abs(y),
                    month: MonthSpec::Abs(m),
                    day: Some(d),
                    ..
                } => ymd(y, m, d).map(|dt| (r.start, dt)),
                _ => None,
            })
            .collect();
        // 2. Credit lines.
        let newlines: Vec<usize> = cs
            .iter()
            .enumerate()
            .filter(|&(_, &c)| c == '\n')
            .map(|(k, _)| k)
            .collect();
        let line_of = |pos: usize| -> (usize, usize) {
            let i = newlines.partition_point(|&k| k < pos);
            let s = if i == 0 { 0 } else { newlines[i - 1] + 1 };
            let e = newlines.get(i).copied().unwrap_or(cs.len());
            (s, e)
        };
        for &(pos, d) in full.iter().rev() {
            let (s, e) = line_of(pos);
            if e - s > 200 {
                continue;
            }
            // A credit word opening a bracket or followed by a colon/space:
            // （编辑 …）, 发布时间：… — not 日期 inside 30日期间, not 记者会.
            let credit = (s..e).any(|k| match rules.lookup_kind(cs, k, Kind::Credit) {
                Some((l, _)) => {
                    let before = k > s
                        && matches!(
                            cs[k - 1],
                            '(' | '[' | punct::LEFT_LENTICULAR | punct::LEFT_TORTOISE
                        );
                    let after = matches!(cs.get(k + l), Some(':' | ' ' | '/' | '\t'));
                    before || after
                }
                None => false,
            });
            if credit {
                return Some(d);
            }
        }
        // 3. Dateline.
        let anchor = hint.or_else(|| full.iter().map(|&(_, d)| d).max());
        if let Some((_, d)) = rules.dateline(cs, &raws, anchor) {
            return Some(d);
        }
        // 4. A printed date line near the top: a short line (≤ 60 chars)
        // among the first six.
        let sixth_line = newlines.get(5).copied().unwrap_or(cs.len());
        for &(p, d) in &full {
            if p >= sixth_line {
                break;
            }
            let (s, e) = line_of(p);
            // (Length first: scanning every long line once per date would
            // make one long line of dates quadratic.)
            if e - s <= 60
                && !cs[s..e]
                    .iter()
                    .any(|&c| matches!(c, punct::FULL_STOP | punct::COMMA | punct::SEMICOLON))
            {
                return Some(d);
            }
        }
        hint
    }
}
