//! Named days (`lexicon/holidays.tsv`): public holidays of China, Taiwan
//! and Hong Kong and international days, of four kinds:
//!
//! * a fixed Gregorian date (`国庆节` 10-1);
//! * a date of the lunisolar calendar (`春节` L1-1, `中秋节` L8-15, `除夕`
//!   the day before L1-1), converted with `lexicon/lunar_calendar.tsv`
//!   (1990–2035; outside it a lunar holiday has no date);
//! * an ordinal weekday of a month (`感恩节`: the fourth Thursday of
//!   November; `阵亡将士纪念日`: the last Monday of May);
//! * the solar term Qingming (`清明节`, 4 or 5 April, from the same table).
//!
//! A name resolves to its most recent occurrence on or before the
//! reference date, or with a future marker the next one ([`pick`]).

use std::path::Path;

use chrono::{Datelike, Duration};
use shiju_core::Date;
use shiju_lexicon::{LexiconError, Record, Table};

use crate::lexicon::{Entry, Kind, Map, TimexRules};
use crate::resolve::{shift, ymd};
use crate::tense::Tense;

const HOLIDAYS: &str = include_str!("../../../lexicon/holidays.tsv");
const FILE: &str = "holidays.tsv";
const LUNAR: &str = include_str!("../../../lexicon/lunar_calendar.tsv");
const LUNAR_FILE: &str = "lunar_calendar.tsv";

/// `Entry::n` of a holiday: the kind in the hundred-thousands.
const LUNAR_BASE: i32 = 100_000;
const ORDINAL_BASE: i32 = 200_000;
const QINGMING: i32 = 300_000;

/// One lunar year: its first day, the month its leap month repeats (0 =
/// none), month lengths in order (leap month included), 清明's April day.
#[derive(Debug, Clone)]
pub(crate) struct LunarYear {
    new_year: Date,
    leap: u32,
    months: Vec<u32>,
    qingming: u32,
}

/// The lunar calendar by lunar year.
pub(crate) type Lunar = Map<i32, LunarYear>;

/// Reads `lexicon/lunar_calendar.tsv` (extended by the user's file).
pub(crate) fn lunar_table(user_dir: Option<&Path>) -> Result<Lunar, LexiconError> {
    let table = Table::load(LUNAR_FILE, LUNAR, user_dir)?;
    let mut out = Lunar::default();
    for r in table.records() {
        let year: i32 = r
            .get("year")
            .parse()
            .map_err(|_| r.error("year is a number"))?;
        let new_year = shiju_core::date::parse_ymd(r.get("new_year"))
            .ok_or_else(|| r.error("new_year is YYYY-MM-DD"))?;
        let leap: u32 = r
            .get("leap")
            .parse()
            .ok()
            .filter(|l| *l <= 12)
            .ok_or_else(|| r.error("leap is 0-12"))?;
        let months: Vec<u32> = shiju_lexicon::split_list(r.get("months"))
            .into_iter()
            .map(|m| m.parse().ok().filter(|d| (29..=30).contains(d)))
            .collect::<Option<_>>()
            .ok_or_else(|| r.error("months are 29 or 30 days"))?;
        if months.len() != if leap > 0 { 13 } else { 12 } {
            return Err(r.error("12 months, 13 with a leap month"));
        }
        let qingming: u32 = r
            .get("qingming")
            .parse()
            .ok()
            .filter(|d| (3..=6).contains(d))
            .ok_or_else(|| r.error("qingming is an April day, 3-6"))?;
        out.insert(
            year,
            LunarYear {
                new_year,
                leap,
                months,
                qingming,
            },
        );
    }
    Ok(out)
}

/// The encoded rule of a row (`Entry::n`): see the module doc.
fn rule_of(r: &Record<'_>) -> Result<i32, LexiconError> {
    let month = r.get("month");
    let day = r.get("day");
    if let Some(lm) = month.strip_prefix('L') {
        let lm: i32 = lm
            .parse()
            .ok()
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(|| r.error("a lunar month is L1-L12"))?;
        let ld: i32 = day
            .parse()
            .ok()
            .filter(|d| (0..=30).contains(d))
            .ok_or_else(|| r.error("a lunar day is 1-30 (0: the day before the month)"))?;
        return Ok(LUNAR_BASE + lm * 100 + ld);
    }
    let m: u32 = month
        .parse()
        .ok()
        .filter(|m| (1..=12).contains(m))
        .ok_or_else(|| r.error("month is 1-12 or L1-L12"))?;
    if day == "qingming" {
        return Ok(QINGMING);
    }
    if let Some(i) = day.find(|c: char| c.is_ascii_digit() || c == '-') {
        let wd = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .iter()
            .position(|w| *w == &day[..i]);
        if let Some(wd) = wd {
            let nth: i32 = match &day[i..] {
                "-1" => 9,
                n => n
                    .parse()
                    .ok()
                    .filter(|n| (1..=5).contains(n))
                    .ok_or_else(|| r.error("an ordinal weekday is mon1…sun5 or mon-1 (last)"))?,
            };
            return Ok(ORDINAL_BASE + m as i32 * 100 + (wd as i32 + 1) * 10 + nth);
        }
    }
    let d: u32 = day
        .parse()
        .ok()
        .filter(|&d| ymd(2024, m, d).is_some())
        .ok_or_else(|| r.error("no such day in that month"))?;
    Ok((m * 100 + d) as i32)
}

/// The holiday rows as lexicon entries, forms folded with the time-word
/// rules' fold.
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
        let n = rule_of(&r)?;
        out.retain(|(f, _)| f != &form);
        out.push((
            form,
            Entry {
                kind: Kind::Holiday,
                n,
                unit: None,
                mask: 0,
            },
        ));
    }
    Ok(out)
}

impl TimexRules {
    /// The date of holiday `rule` in (Gregorian = lunar) year `y`.
    pub(crate) fn occurrence(&self, rule: u32, y: i32) -> Option<Date> {
        let rule = rule as i32;
        if rule == QINGMING {
            return ymd(y, 4, self.lunar.get(&y)?.qingming);
        }
        if rule >= ORDINAL_BASE {
            let x = rule - ORDINAL_BASE;
            let (m, wd, nth) = ((x / 100) as u32, ((x / 10) % 10) as u32, x % 10);
            if !(1..=12).contains(&m) || !(1..=7).contains(&wd) {
                return None;
            }
            return nth_weekday(y, m, wd, nth);
        }
        if rule >= LUNAR_BASE {
            let x = rule - LUNAR_BASE;
            let (lm, ld) = ((x / 100) as u32, (x % 100) as u32);
            if !(1..=12).contains(&lm) {
                return None;
            }
            let ly = self.lunar.get(&y)?;
            // The leap month follows the month it repeats.
            let idx = if ly.leap > 0 && lm > ly.leap {
                lm
            } else {
                lm - 1
            } as usize;
            let len = *ly.months.get(idx)?;
            if ld > len {
                return None;
            }
            let before: u32 = ly.months[..idx].iter().sum();
            return shift(ly.new_year, before as i64 + ld as i64 - 1);
        }
        ymd(y, rule as u32 / 100, rule as u32 % 100)
    }

    /// The last occurrence on or before `rf` and the next on or after it
    /// (29 February looks up to eight years away).
    pub(crate) fn occurrences(&self, rule: u32, rf: Date) -> (Option<Date>, Option<Date>) {
        let past = (0..9)
            .filter_map(|k| self.occurrence(rule, rf.year() - k))
            .find(|&d| d <= rf);
        let next = (0..9)
            .filter_map(|k| self.occurrence(rule, rf.year() + k))
            .find(|&d| d >= rf);
        (past, next)
    }
}

/// The `nth` (1-5, 9 = last) weekday `wd` (1 = Monday) of month `m`.
pub(crate) fn nth_weekday(y: i32, m: u32, wd: u32, nth: i32) -> Option<Date> {
    if nth == 9 {
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        let last = ymd(ny, nm, 1)?.pred_opt()?;
        let back = (last.weekday().number_from_monday() + 7 - wd) % 7;
        return shift(last, -(back as i64));
    }
    let first = ymd(y, m, 1)?;
    let ahead = (wd + 7 - first.weekday().number_from_monday()) % 7;
    let d = shift(first, ahead as i64 + 7 * (nth as i64 - 1))?;
    (d.month() == m).then_some(d)
}

/// Which occurrence of a named day a text means, given the last one on or
/// before `rf` and the next one on or after it: unmarked or with a past
/// marker the last (as weekdays, GUIDELINES §3); with a future marker the
/// next, unless the last passed at most five days ago (a plan reported
/// before the day: 日前…准备在国庆节举行).
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

#[cfg(test)]
mod tests {
    use super::nth_weekday;
    use shiju_core::date::parse_ymd;

    #[test]
    fn ordinal_weekdays() {
        // Thanksgiving: the fourth Thursday of November.
        assert_eq!(nth_weekday(2023, 11, 4, 4), parse_ymd("2023-11-23"));
        assert_eq!(nth_weekday(2024, 11, 4, 4), parse_ymd("2024-11-28"));
        // Mother's Day: the second Sunday of May.
        assert_eq!(nth_weekday(2024, 5, 7, 2), parse_ymd("2024-05-12"));
        // Memorial Day: the last Monday of May.
        assert_eq!(nth_weekday(2024, 5, 1, 9), parse_ymd("2024-05-27"));
        assert_eq!(nth_weekday(2023, 12, 7, 9), parse_ymd("2023-12-31"));
        // No fifth Monday in February 2023.
        assert_eq!(nth_weekday(2023, 2, 1, 5), None);
    }
}
