//! Dates at four precisions and the event date rule.

use chrono::{Duration, NaiveDate, Weekday};

/// A date as the gold format writes it: `YYYY-MM-DD`, `YYYY-MM`, `YYYY-Www`
/// (ISO 8601 week) or `YYYY`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSpec {
    Day(NaiveDate),
    Month(i32, u32),
    /// ISO week-numbering year and week.
    Week(i32, u32),
    Year(i32),
}

fn digits(s: &str, n: usize) -> Option<u32> {
    if s.len() == n && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

impl DateSpec {
    /// Parses one of the four formats (surrounding whitespace allowed);
    /// `None` for anything else or an impossible date.
    pub fn parse(s: &str) -> Option<DateSpec> {
        let s = s.trim();
        let mut parts = s.split('-');
        let year = digits(parts.next()?, 4)? as i32;
        let second = parts.next();
        let third = parts.next();
        if parts.next().is_some() {
            return None;
        }
        let spec = match (second, third) {
            (None, None) => DateSpec::Year(year),
            (Some(p), None) if p.starts_with(['W', 'w']) => {
                let w = digits(p.get(1..)?, 2)?;
                NaiveDate::from_isoywd_opt(year, w, Weekday::Mon)?;
                DateSpec::Week(year, w)
            }
            (Some(p), None) => {
                let m = digits(p, 2)?;
                NaiveDate::from_ymd_opt(year, m, 1)?;
                DateSpec::Month(year, m)
            }
            (Some(m), Some(d)) => {
                DateSpec::Day(NaiveDate::from_ymd_opt(year, digits(m, 2)?, digits(d, 2)?)?)
            }
            (None, Some(_)) => return None,
        };
        Some(spec)
    }

    /// First and last day the date covers.
    pub fn range(&self) -> Option<(NaiveDate, NaiveDate)> {
        match *self {
            DateSpec::Day(d) => Some((d, d)),
            DateSpec::Month(y, m) => {
                let first = NaiveDate::from_ymd_opt(y, m, 1)?;
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(y, m + 1, 1)?
                };
                Some((first, next - Duration::days(1)))
            }
            DateSpec::Week(y, w) => Some((
                NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)?,
                NaiveDate::from_isoywd_opt(y, w, Weekday::Sun)?,
            )),
            DateSpec::Year(y) => Some((
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y, 12, 31)?,
            )),
        }
    }
}

/// Whether a predicted date equals a gold date at the gold date's precision:
/// a gold day matches a predicted day at most one day away; a gold month,
/// ISO week or year matches a predicted date whose days all lie inside it
/// (a day in it, the same period, or a finer period inside it).
pub fn date_matches(gold: &DateSpec, pred: &DateSpec) -> bool {
    match (gold, pred) {
        (DateSpec::Day(g), DateSpec::Day(p)) => (*p - *g).num_days().abs() <= 1,
        (DateSpec::Day(_), _) => false,
        _ => match (gold.range(), pred.range()) {
            (Some((gs, ge)), Some((ps, pe))) => gs <= ps && pe <= ge,
            _ => false,
        },
    }
}
