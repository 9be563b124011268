//! Newsroom forms of Taiwan and Hong Kong: a bracketed day after a day word
//! (`今（25）日`, `今天（8日）`, `周日（3日）`), clock times after a time of day
//! (`今日下午5點`), and counts after which something happened (`三年后`).

use chrono::Datelike;
use shiju_core::Date;

use crate::lexicon::{Kind, TimexRules, Unit};
use crate::resolve::shift;
use crate::scan::{Num, Raw, RawKind, Style};

impl TimexRules {
    /// A bracketed day at `j`: `(25)日` or `(25日)` (full-width brackets are
    /// folded to ASCII); (end, day).
    pub(crate) fn paren_day(&self, cs: &[char], j: usize) -> Option<(usize, u32)> {
        if cs.get(j) != Some(&'(') {
            return None;
        }
        let mut k = j + 1;
        while k < cs.len() && k - j <= 2 && cs[k].is_ascii_digit() {
            k += 1;
        }
        if k == j + 1 {
            return None;
        }
        let day: u32 = cs[j + 1..k].iter().collect::<String>().parse().ok()?;
        if !(1..=31).contains(&day) {
            return None;
        }
        match (cs.get(k), cs.get(k + 1)) {
            (Some(')'), Some('日')) | (Some('日'), Some(')')) => Some((k + 2, day)),
            _ => None,
        }
    }

    /// `今（25）日`, `明（2日）`, `昨（23）日`: a one-character day word
    /// (`rel_day_paren`) that only counts before a bracketed day.
    pub(crate) fn short_paren(&self, cs: &[char], i: usize) -> Option<Raw> {
        let (l, e) = self.lookup_kind(cs, i, Kind::RelDayParen)?;
        let (end, _) = self.paren_day(cs, i + l)?;
        // 今(1日)天: the bracket sits inside 今天; the day is its own
        // expression (read at the bracket).
        if cs.get(end) == Some(&'天') {
            return None;
        }
        Some(Raw {
            start: i,
            end,
            kind: RawKind::RelDay(e.n),
        })
    }

    /// The end of `15-16日` when `num` is its first day (a hyphen or tilde
    /// between two days, the second later).
    pub(crate) fn day_range_end(&self, cs: &[char], num: &Num) -> Option<usize> {
        if num.style != Style::Arabic || !matches!(cs.get(num.end), Some('-' | '~' | '–')) {
            return None;
        }
        let second = self.parse_num(cs, num.end + 1)?;
        let (ul, unit) = self.unit_at(cs, second.end)?;
        (unit == Unit::Day
            && second.style == Style::Arabic
            && (1..=31).contains(&num.val)
            && num.val < second.val
            && second.val <= 31)
            .then_some(second.end + ul)
    }

    /// `2023年度中期业绩`: a fiscal year as a label (`title` word right
    /// after 年度), not a time the story happens in.
    pub(crate) fn fiscal_label(&self, cs: &[char], j: usize) -> bool {
        cs.get(j) == Some(&'度') && self.lookup_kind(cs, j + 1, Kind::Title).is_some()
    }

    /// A two-digit year: `'15年` (apostrophe, Arabic) or `零七年`/`九七年`
    /// (two Chinese digits, the first 零/〇 or 八/九): (start, year), 00–49
    /// in the 2000s, 50–99 in the 1900s. Not a count (`七年前`, `二三年`,
    /// `八九年`).
    pub(crate) fn short_year(
        &self,
        cs: &[char],
        i: usize,
        start: usize,
        num: &Num,
        j: usize,
        prefixed: bool,
    ) -> Option<(usize, i32)> {
        if num.ndig != 2 || prefixed || self.count_suffixed(cs, j, Unit::Year) {
            return None;
        }
        if self.lookup_kind(cs, j, Kind::Ago).is_some() || self.after_at(cs, j).is_some() {
            return None;
        }
        let v = num.val as i32;
        let year = if v < 50 { 2000 + v } else { 1900 + v };
        match num.style {
            Style::Arabic if i > 0 && matches!(cs[i - 1], '\'' | '’' | '‘') => {
                Some((i - 1, year))
            }
            // 八九年 (eight or nine years) is an approximate count.
            Style::CnDigits
                if matches!(self.digit.get(&cs[i]), Some(0 | 8 | 9)) && v % 10 != v / 10 + 1 =>
            {
                Some((start, year))
            }
            _ => None,
        }
    }

    /// Not before 的: `七个月后的今天` names 今天, the count only qualifies it.
    pub(crate) fn after_at(&self, cs: &[char], j: usize) -> Option<usize> {
        self.lookup_kind(cs, j, Kind::After)
            .map(|(l, _)| j + l)
            .filter(|&e| cs.get(e) != Some(&'的'))
    }
}

/// The bracketed day inside or right after a span (`今（25）日` → 25,
/// `周日（3日）` → 3), if any.
pub(crate) fn paren_hint(cs: &[char], start: usize, end: usize) -> Option<u32> {
    let span = &cs[start..(end + 4).min(cs.len())];
    let open = span.iter().position(|&c| c == '(')?;
    let rest = &span[open + 1..];
    let n = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    // A bare day only: (8月31日) names a month, not a day to pick.
    if !matches!(rest.get(n), Some('日' | ')')) {
        return None;
    }
    rest[..n].iter().collect::<String>().parse().ok()
}

/// The date nearest `d` (within ten days) whose day of month is `day`;
/// `d` itself when none is.
pub(crate) fn nearest_with_day(d: Date, day: u32) -> Date {
    for k in 0..=10i64 {
        for s in [k, -k] {
            if let Some(x) = shift(d, s) {
                if x.day() == day {
                    return x;
                }
            }
        }
    }
    d
}
