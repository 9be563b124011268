//! Newsroom forms of Taiwan and Hong Kong: a bracketed day after a day word
//! (`今（25）日`, `今天（8日）`, `周日（3日）`), clock times after a time of day
//! (`今日下午5點`), and counts after which something happened (`三年后`).

use chrono::Datelike;
use shiju_core::Date;
use shiju_lexicon::words::CharSlice;

use crate::lexicon::{Kind, TimexRules, Unit};
use crate::resolve::shift;
use crate::scan::{MonthSpec, Num, Raw, RawKind, Style, YearSpec};

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

impl TimexRules {
    /// Whether a `kind` word ends right before `i` (up to four characters).
    pub(crate) fn word_before(&self, cs: &[char], i: usize, kind: Kind) -> bool {
        (1..=4.min(i)).any(|l| {
            self.lookup_kind(cs, i - l, kind)
                .is_some_and(|(len, _)| len == l)
        })
    }

    /// A recurrence word right before `i`, or before a 的 there
    /// (`每年3月8日`, `每年的3月`): a yearly date, not a day.
    pub(crate) fn recur_before(&self, cs: &[char], i: usize) -> bool {
        let k = if i > 0 && cs[i - 1] == '的' {
            i - 1
        } else {
            i
        };
        self.word_before(cs, k, Kind::Recur)
    }

    /// A recurrence word (`每周`) earlier in the clause of `i` (at most 12
    /// characters back): a day number there is a count (`每周上课5到6日`).
    pub(crate) fn recurring(&self, cs: &[char], i: usize) -> bool {
        let mut s = i;
        while s > 0 && i - s < 12 && !crate::tense::is_scope_break(cs[s - 1]) {
            s -= 1;
        }
        (s..i).any(|k| {
            self.lookup_kind(cs, k, Kind::Recur)
                .is_some_and(|(l, _)| k + l <= i)
        })
    }

    /// A four-digit year printed without 年: before a `year_noun`
    /// (`2020总统大选`), or after 于 and before a word that is no measure
    /// (`于2013遭处决`; not `高于2000名`).
    pub(crate) fn bare_year(&self, cs: &[char], i: usize, num: &Num, blocked: bool) -> Option<Raw> {
        if blocked || num.style != Style::Arabic || num.ndig != 4 {
            return None;
        }
        if !(1900..=2099).contains(&num.val) {
            return None;
        }
        let next = Self::next_part(cs, num.end);
        let noun = self.lookup_kind(cs, next, Kind::YearNoun).is_some();
        let after_yu = i > 0 && cs[i - 1] == '于' && {
            // 高于/低于/多于…2000: a comparison of quantities.
            static COMPARATIVES: CharSlice = CharSlice::new("timex_words.tsv", "comparatives");
            let comparative = i > 1 && COMPARATIVES.contains(&cs[i - 2]);
            let c = cs.get(num.end).copied().unwrap_or(' ');
            !comparative
                && is_cjk(c)
                && !self.is_numeral(c)
                && self.lookup_kind(cs, num.end, Kind::Measure).is_none()
        };
        (noun || after_yu).then_some(Raw {
            start: i,
            end: num.end,
            kind: RawKind::Date {
                year: YearSpec::Abs(num.val as i32),
                month: MonthSpec::None,
                day: None,
                year_part: 0,
            },
        })
    }

    /// `十一` (National Day) or `五一` at `i..j` only next to a
    /// `holiday_context` word (`十一长假`, `今年十一`), never inside a
    /// longer numeral or before a measure word (`十一届`, `十一大`).
    pub(crate) fn bare_holiday(&self, cs: &[char], i: usize, j: usize, mmdd: u32) -> Option<Raw> {
        if i > 0 && self.is_numeral(cs[i - 1]) {
            return None;
        }
        let after = self.lookup_kind(cs, j, Kind::HolidayContext).is_some();
        if let Some(&c) = cs.get(j) {
            let measure = self.lookup_kind(cs, j, Kind::Measure).is_some();
            if self.is_numeral(c) || c == '大' || (measure && !after) {
                return None;
            }
        }
        // A context word with a value applies to that holiday only (中共十一).
        let before = (1..=4.min(i)).any(|l| {
            self.lookup_kind(cs, i - l, Kind::HolidayContext)
                .is_some_and(|(len, e)| len == l && (e.n == 0 || e.n as u32 == mmdd))
        });
        let context = after || before;
        context.then_some(Raw {
            start: i,
            end: self.holiday_end(cs, j),
            kind: RawKind::Holiday(mmdd),
        })
    }

    /// The end of a holiday's span at `j`: `国庆节当天`, `六四当天` are one
    /// expression (an `anaphor_day` of offset 0 right after the name).
    pub(crate) fn holiday_end(&self, cs: &[char], j: usize) -> usize {
        match self.lookup_kind(cs, j, Kind::AnaphorDay) {
            Some((l, e)) if e.n == 0 => j + l,
            _ => j,
        }
    }
}

impl TimexRules {
    /// `的第二个星期日`, `第四个周四`, `最后一个星期一` at `j` (after a month):
    /// (end, ISO weekday, nth with 9 = last).
    pub(crate) fn month_weekday(&self, cs: &[char], j: usize) -> Option<(usize, u32, i32)> {
        let mut k = j + usize::from(cs.get(j) == Some(&'的'));
        let nth = if cs.get(k) == Some(&'第') {
            let num = self.parse_num(cs, k + 1)?;
            if !(1..=5).contains(&num.val) {
                return None;
            }
            k = num.end;
            num.val as i32
        } else if cs.get(k..k + 3) == Some(&['最', '后', '一']) {
            k += 3;
            9
        } else {
            return None;
        };
        if cs.get(k) == Some(&'个') {
            k += 1;
        }
        let (l, e) = self.lookup_kind(cs, k, Kind::Weekday)?;
        Some((k + l, e.n as u32, nth))
    }
}

// A CJK ideograph (a word follows, not a number, code or punctuation).
use shiju_text::is_cjk;

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
