//! Named days of a fixed calendar date (`lexicon/holidays.tsv`): public
//! holidays of China, Taiwan and Hong Kong and international days.
//!
//! A name resolves to its most recent occurrence on or before the
//! reference date, or with a future marker the next one on or after it;
//! a year just before the name (`2020年国庆节`) fixes the year.

use std::path::Path;

use chrono::{Datelike, Duration};
use shiju_core::Date;
use shiju_lexicon::{LexiconError, Table};

use crate::lexicon::{Entry, Kind, TimexRules};
use crate::resolve::ymd;
use crate::tense::Tense;

const HOLIDAYS: &str = include_str!("../../../lexicon/holidays.tsv");
const FILE: &str = "holidays.tsv";

/// The holiday rows as lexicon entries (`n` = month × 100 + day), forms
/// folded with the time-word rules' fold.
pub(crate) fn entries(
    user_dir: Option<&Path>,
    rules: &TimexRules,
) -> Result<Vec<(String, Entry)>, LexiconError> {
    let table = Table::load(FILE, HOLIDAYS, user_dir)?;
    let mut out: Vec<(String, Entry)> = Vec::new();
    for r in table.records() {
        let form_raw = r.get("form");
        if let Some(rest) = form_raw.strip_prefix('-') {
            let form = rules.fold_str(rest);
            out.retain(|(f, _)| f != &form);
            continue;
        }
        let form = rules.fold_str(form_raw);
        if form.is_empty() {
            return Err(r.error("empty form"));
        }
        let m: u32 = r
            .get("month")
            .parse()
            .ok()
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(|| r.error("month is 1-12"))?;
        let d: u32 = r
            .get("day")
            .parse()
            .ok()
            .filter(|&d| ymd(2024, m, d).is_some())
            .ok_or_else(|| r.error("no such day in that month"))?;
        out.retain(|(f, _)| f != &form);
        out.push((
            form,
            Entry {
                kind: Kind::Holiday,
                n: (m * 100 + d) as i32,
                unit: None,
                mask: 0,
            },
        ));
    }
    Ok(out)
}

/// The date of holiday `mmdd` (month × 100 + day) relative to `rf`: in
/// `year` when given, else the most recent on or before `rf`, or with
/// `future` the next on or after it. 29 February falls back a year at a
/// time to a leap year.
pub(crate) fn holiday_date(rf: Date, mmdd: u32, future: bool, year: Option<i32>) -> Option<Date> {
    let (m, d) = (mmdd / 100, mmdd % 100);
    if let Some(y) = year {
        return ymd(y, m, d);
    }
    let this = (0..8).find_map(|k| ymd(rf.year() - k, m, d))?;
    if future {
        if this >= rf {
            return Some(this);
        }
        return (1..9).find_map(|k| ymd(rf.year() + k, m, d));
    }
    if this <= rf {
        Some(this)
    } else {
        (1..9).find_map(|k| ymd(rf.year() - k, m, d))
    }
}

/// Which occurrence of a named day a text means, given the last one on or
/// before `rf` and the next one on or after it: with a past marker the
/// last; with a future marker the next, unless the last passed at most
/// five days ago (a plan reported before the day: 日前…准备在国庆节举行);
/// unmarked, the last (as weekdays, GUIDELINES §3).
pub(crate) fn pick(rf: Date, past: Option<Date>, next: Option<Date>, tense: Tense) -> Option<Date> {
    match (past, next) {
        (Some(p), Some(n)) => Some(match tense {
            Tense::Past | Tense::Unmarked => p,
            Tense::Future if rf - p <= Duration::days(5) => p,
            Tense::Future => n,
        }),
        (p, n) => p.or(n),
    }
}
