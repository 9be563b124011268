//! Scanning: numerals, numeric dates and relative words, left to right,
//! leftmost-longest, into raw (unresolved) expressions.

use crate::lexicon::{Kind, TimexRules, Unit};
use crate::resolve::ymd;
use shiju_lexicon::words::CharSlice;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Arabic,
    /// Chinese digits read one by one (二〇二二).
    CnDigits,
    /// Chinese numerals with 十/百 (二十三).
    CnPos,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Num {
    pub(crate) val: u64,
    pub(crate) end: usize,
    pub(crate) ndig: usize,
    pub(crate) style: Style,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearSpec {
    None,
    Abs(i32),
    Rel(i32),
    /// The year last mentioned, plus an offset (同年 0, 次年 1).
    Anaphor(i32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MonthSpec {
    None,
    Abs(u32),
    Rel(i32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RawKind {
    Date {
        year: YearSpec,
        month: MonthSpec,
        day: Option<u32>,
        /// For a year without a month: month of a year part (年底 12), 0 = none.
        year_part: u32,
    },
    Week(i32),
    Weekday {
        week: Option<i32>,
        wd: u32,
    },
    RelDay(i32),
    /// Offset from the last day mentioned (当天 0, 次日 1).
    AnaphorDay(i32),
    Ago {
        n: i64,
        unit: Unit,
    },
    /// N units after the narrative's time (三年后: the year last
    /// mentioned; 三天后: the day last mentioned), else the reference.
    After {
        n: i64,
        unit: Unit,
    },
    /// Offset from the last month mentioned (次月 1, 同月 0).
    AnaphorMonth(i32),
    /// The `nth` (1-5, 9 = last) weekday `wd` of a month (5月的第二个星期日).
    MonthWeekday {
        year: YearSpec,
        month: u32,
        wd: u32,
        nth: i32,
    },
    /// A named day (a `holidays` rule, see `holidays.rs`).
    Holiday(u32),
    /// Standalone 年初 (1) / 年底 (12); 0 = 月初/月底 (the reference month);
    /// 13 = the reference year (年内).
    Alone(u32),
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Raw {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: RawKind,
}

/// The kinds of word that start an expression on their own ([`TimexRules::parse_at`]).
const WORD_STARTS: [Kind; 12] = [
    Kind::RelDay,
    Kind::RelWeek,
    Kind::RelMonth,
    Kind::RelYear,
    Kind::AnaphorYear,
    Kind::AnaphorDay,
    Kind::Weekday,
    Kind::PartAlone,
    Kind::RocPrefix,
    Kind::Holiday,
    Kind::AnaphorMonth,
    Kind::BareHoliday,
];
const WORD_START_MASK: u64 = crate::forms::kinds_mask(&WORD_STARTS);

impl TimexRules {
    pub(crate) fn is_numeral(&self, c: char) -> bool {
        c.is_ascii_digit()
            || self
                .forms
                .numeral(c)
                .unwrap_or_else(|| self.digit.contains_key(&c) || self.mult.contains_key(&c))
    }

    /// Whether a count_prefix word ends right before `i`.
    pub(crate) fn count_prefixed(&self, cs: &[char], i: usize) -> bool {
        (1..=4.min(i)).any(|l| {
            self.lookup_kind(cs, i - l, Kind::CountPrefix)
                .is_some_and(|(len, _)| len == l)
        })
    }

    pub(crate) fn count_suffixed(&self, cs: &[char], j: usize, unit: Unit) -> bool {
        self.lookup_kind(cs, j, Kind::CountSuffix)
            .is_some_and(|(_, e)| e.mask == 0 || e.mask & unit.bit() != 0)
    }

    pub(crate) fn parse_num(&self, cs: &[char], i: usize) -> Option<Num> {
        let n = cs.len();
        let c = *cs.get(i)?;
        if c.is_ascii_digit() {
            let mut j = i;
            while j < n && cs[j].is_ascii_digit() {
                j += 1;
            }
            if i > 0 {
                // G20, F16: a code, unless a 4-digit year (BYLINE2024年).
                let p = cs[i - 1];
                if p.is_ascii_digit() || p == '.' || (p.is_ascii_alphabetic() && j - i != 4) {
                    return None;
                }
            }
            if j - i > 9 {
                return None;
            }
            // A decimal (1.5年) is no date part.
            if j + 1 < n && cs[j] == '.' && cs[j + 1].is_ascii_digit() && j - i != 4 {
                return None;
            }
            let s: String = cs[i..j].iter().collect();
            let val = s.parse().ok()?;
            return Some(Num {
                val,
                end: j,
                ndig: j - i,
                style: Style::Arabic,
            });
        }
        if !(self.digit.contains_key(&c) || self.mult.contains_key(&c)) {
            return None;
        }
        if i > 0 && self.is_numeral(cs[i - 1]) {
            return None;
        }
        let mut j = i;
        while j < n
            && j - i < 8
            && (self.digit.contains_key(&cs[j]) || self.mult.contains_key(&cs[j]))
        {
            j += 1;
        }
        let run = &cs[i..j];
        if run.iter().any(|c| self.mult.contains_key(c)) {
            let (mut total, mut cur, mut have_digit) = (0u64, 0u64, false);
            let mut last_mult = u64::MAX;
            for c in run {
                if let Some(&d) = self.digit.get(c) {
                    // 一百零五: a zero only marks a skipped place.
                    if d == 0 {
                        continue;
                    }
                    if have_digit {
                        return None;
                    }
                    cur = d as u64;
                    have_digit = true;
                } else if let Some(&m) = self.mult.get(c) {
                    let m = m as u64;
                    if m >= last_mult {
                        return None;
                    }
                    last_mult = m;
                    total += if have_digit { cur } else { 1 } * m;
                    cur = 0;
                    have_digit = false;
                }
            }
            total += cur;
            Some(Num {
                val: total,
                end: j,
                ndig: run.len(),
                style: Style::CnPos,
            })
        } else {
            let mut val = 0u64;
            for c in run {
                val = val * 10 + *self.digit.get(c)? as u64;
            }
            Some(Num {
                val,
                end: j,
                ndig: run.len(),
                style: Style::CnDigits,
            })
        }
    }

    /// The unit at `j`; one space may separate it from Arabic digits
    /// (`2022 年 9 月`, as some sites print).
    pub(crate) fn unit_at(&self, cs: &[char], j: usize) -> Option<(usize, Unit)> {
        let skip = usize::from(cs.get(j) == Some(&' ') && j > 0 && cs[j - 1].is_ascii_digit());
        self.lookup_kind(cs, j + skip, Kind::Unit)
            .and_then(|(l, e)| e.unit.map(|u| (l + skip, u)))
    }

    /// Where the next component after a unit at `j - 1` starts: `j`, or
    /// past one space before Arabic digits.
    pub(crate) fn next_part(cs: &[char], j: usize) -> usize {
        if cs.get(j) == Some(&' ') && cs.get(j + 1).is_some_and(|c| c.is_ascii_digit()) {
            j + 1
        } else {
            j
        }
    }

    /// `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.M.D` at `i` (a 4-digit number).
    pub(crate) fn iso_date(&self, cs: &[char], i: usize, num: &Num) -> Option<Raw> {
        if num.style != Style::Arabic || num.ndig != 4 {
            return None;
        }
        let sep = *cs.get(num.end)?;
        if !matches!(sep, '-' | '/' | '.') {
            return None;
        }
        let read = |k: usize| -> Option<(u32, usize)> {
            let mut j = k;
            while j < cs.len() && cs[j].is_ascii_digit() && j - k < 3 {
                j += 1;
            }
            if j == k || j - k > 2 {
                return None;
            }
            let s: String = cs[k..j].iter().collect();
            Some((s.parse().ok()?, j))
        };
        let (m, j) = read(num.end + 1)?;
        if cs.get(j) != Some(&sep) {
            return None;
        }
        let (d, j2) = read(j + 1)?;
        if cs.get(j2).is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        if !(1000..=2199).contains(&num.val) {
            return None;
        }
        ymd(num.val as i32, m, d)?;
        Some(Raw {
            start: i,
            end: j2,
            kind: RawKind::Date {
                year: YearSpec::Abs(num.val as i32),
                month: MonthSpec::Abs(m),
                day: Some(d),
                year_part: 0,
            },
        })
    }

    /// After a year expression ending at `j`: a month, a year part, or nothing.
    pub(crate) fn after_year(&self, cs: &[char], start: usize, j: usize, year: YearSpec) -> Raw {
        if let Some(num) = self.parse_num(cs, Self::next_part(cs, j)) {
            if let Some((ul, Unit::Month)) = self.unit_at(cs, num.end) {
                if (1..=12).contains(&num.val) {
                    return self.after_month(
                        cs,
                        start,
                        num.end + ul,
                        year,
                        MonthSpec::Abs(num.val as u32),
                    );
                }
            }
        }
        if let Some((l, e)) = self.lookup_kind(cs, j, Kind::PartYear) {
            return Raw {
                start,
                end: j + l,
                kind: RawKind::Date {
                    year,
                    month: MonthSpec::None,
                    day: None,
                    year_part: e.n as u32,
                },
            };
        }
        Raw {
            start,
            end: j,
            kind: RawKind::Date {
                year,
                month: MonthSpec::None,
                day: None,
                year_part: 0,
            },
        }
    }

    /// After a month expression ending at `j`: a day, a month part, or nothing.
    pub(crate) fn after_month(
        &self,
        cs: &[char],
        start: usize,
        j: usize,
        year: YearSpec,
        month: MonthSpec,
    ) -> Raw {
        if let (MonthSpec::Abs(m), Some((end, wd, nth))) = (month, self.month_weekday(cs, j)) {
            // 每年5月的第二个星期日 is a rule, not a day.
            if self.recur_before(cs, start) {
                return Raw {
                    start,
                    end: start,
                    kind: RawKind::Alone(0),
                };
            }
            return Raw {
                start,
                end,
                kind: RawKind::MonthWeekday {
                    year,
                    month: m,
                    wd,
                    nth,
                },
            };
        }
        if let Some(num) = self.parse_num(cs, Self::next_part(cs, j)) {
            // 10月15-16日: a range of days in one expression, valued at its
            // first day.
            if let Some(end) = self.day_range_end(cs, &num) {
                return Raw {
                    start,
                    end,
                    kind: RawKind::Date {
                        year,
                        month,
                        day: Some(num.val as u32),
                        year_part: 0,
                    },
                };
            }
            if let Some((ul, Unit::Day)) = self.unit_at(cs, num.end) {
                if (1..=31).contains(&num.val) {
                    return Raw {
                        start,
                        end: num.end + ul,
                        kind: RawKind::Date {
                            year,
                            month,
                            day: Some(num.val as u32),
                            year_part: 0,
                        },
                    };
                }
            }
        }
        let end = match self.lookup_kind(cs, j, Kind::PartMonth) {
            Some((l, _)) => j + l,
            None => j,
        };
        Raw {
            start,
            end,
            kind: RawKind::Date {
                year,
                month,
                day: None,
                year_part: 0,
            },
        }
    }

    /// A range's first half at `num` (no unit of its own): `13至19日`, `3至5月`.
    fn range_first(
        &self,
        cs: &[char],
        start: usize,
        num: &Num,
        prefixed: bool,
        four: bool,
    ) -> Option<Raw> {
        // A range's first half takes the unit of the second: 13至19日, 3至5月.
        let (cl, _) = self.lookup_kind(cs, num.end, Kind::Connector)?;
        let k = num.end + cl;
        let second = self.parse_num(cs, k)?;
        let (_, u2) = self.unit_at(cs, second.end)?;
        if prefixed || num.style != second.style || self.recurring(cs, start) {
            return None;
        }
        let kind = match u2 {
            Unit::Day if (1..=31).contains(&num.val) && num.val < second.val => RawKind::Date {
                year: YearSpec::None,
                month: MonthSpec::None,
                day: Some(num.val as u32),
                year_part: 0,
            },
            Unit::Month if (1..=12).contains(&num.val) && num.val < second.val => RawKind::Date {
                year: YearSpec::None,
                month: MonthSpec::Abs(num.val as u32),
                day: None,
                year_part: 0,
            },
            Unit::Year
                if four
                    && second.ndig == 4
                    && (1000..=2199).contains(&num.val)
                    && num.val < second.val =>
            {
                RawKind::Date {
                    year: YearSpec::Abs(num.val as i32),
                    month: MonthSpec::None,
                    day: None,
                    year_part: 0,
                }
            }
            _ => return None,
        };
        Some(Raw {
            start,
            end: num.end,
            kind,
        })
    }

    /// A numeric expression starting at `i` (`roc`: after 民国).
    pub(crate) fn numeric(
        &self,
        cs: &[char],
        i: usize,
        start: usize,
        roc: bool,
        trad: bool,
    ) -> Option<Raw> {
        let num = self.parse_num(cs, i)?;
        if !roc {
            if let Some(r) = self.iso_date(cs, i, &num) {
                return Some(r);
            }
        }
        let prefixed = !roc && self.count_prefixed(cs, i);
        let four = num.ndig == 4 && matches!(num.style, Style::Arabic | Style::CnDigits);
        let Some((ul, unit)) = self.unit_at(cs, num.end) else {
            return self
                .range_first(cs, start, &num, prefixed, four)
                .or_else(|| self.bare_year(cs, i, &num, prefixed || roc));
        };
        let j = num.end + ul;
        // 一周前夕 (on the eve of the first anniversary) is no count ago.
        let ago = |j: usize| {
            self.lookup_kind(cs, j, Kind::Ago)
                .map(|(l, _)| j + l)
                .filter(|&e| cs.get(e) != Some(&'夕'))
        };
        match unit {
            Unit::Year => {
                if roc {
                    if !(1..=300).contains(&num.val) {
                        return None;
                    }
                    return Some(self.after_year(
                        cs,
                        start,
                        j,
                        YearSpec::Abs(1911 + num.val as i32),
                    ));
                }
                if four && (1000..=2199).contains(&num.val) {
                    // 近2000年 counts years; 接近1962年 names one (counts of
                    // years that long are round).
                    let round = num.val % 100 == 0;
                    if (prefixed && round) || self.count_suffixed(cs, j, Unit::Year) {
                        return None;
                    }
                    // 1000年前 is a count of years ago, not the year 1000.
                    if num.val < 1800 && ago(j).is_some() {
                        return None;
                    }
                    if self.fiscal_label(cs, j) {
                        return None;
                    }
                    let r = self.after_year(cs, start, j, YearSpec::Abs(num.val as i32));
                    // 1980年代: a decade is no year (2030年代初 is a part).
                    if r.end == j && cs.get(j) == Some(&'代') {
                        return None;
                    }
                    return Some(r);
                }
                if let Some((s, y)) = self.short_year(cs, i, start, &num, j, prefixed) {
                    return Some(self.after_year(cs, s, j, YearSpec::Abs(y)));
                }
                let count_like = match num.style {
                    Style::Arabic => num.ndig <= 3,
                    Style::CnPos => true,
                    Style::CnDigits => num.ndig == 1,
                };
                if count_like && !prefixed {
                    // N年前 / N年后: a count of 1 to 300 years back or ahead.
                    let counted = ago(j)
                        .map(|e| (e, true))
                        .or_else(|| self.after_at(cs, j).map(|e| (e, false)));
                    if let Some((end, back)) = counted {
                        if !(1..=300).contains(&num.val) {
                            return None;
                        }
                        let (n, unit) = (num.val as i64, Unit::Year);
                        let kind = if back {
                            RawKind::Ago { n, unit }
                        } else {
                            RawKind::After { n, unit }
                        };
                        return Some(Raw { start, end, kind });
                    }
                }
                // Minguo year without the era name: 111年9月15日, or in
                // traditional text a bare 111年.
                if num.style == Style::Arabic
                    && num.ndig == 3
                    && (100..=199).contains(&num.val)
                    && !prefixed
                {
                    let y = YearSpec::Abs(1911 + num.val as i32);
                    let r = self.after_year(cs, start, j, y);
                    let has_month = matches!(
                        r.kind,
                        RawKind::Date {
                            month: MonthSpec::Abs(_),
                            ..
                        }
                    );
                    // Bare: ROC 100-130 (2011-2041) only, in traditional text.
                    if has_month
                        || (trad
                            && num.val <= 130
                            && !self.count_suffixed(cs, j, Unit::Year)
                            && self.lookup_kind(cs, j, Kind::Ago).is_none())
                    {
                        return Some(r);
                    }
                }
                None
            }
            Unit::Month => {
                if roc
                    || prefixed
                    || !(1..=12).contains(&num.val)
                    || self.count_suffixed(cs, j, Unit::Month)
                    || self.recur_before(cs, start)
                {
                    return None;
                }
                Some(self.after_month(cs, start, j, YearSpec::None, MonthSpec::Abs(num.val as u32)))
            }
            Unit::Day => {
                if roc
                    || prefixed
                    || !(1..=31).contains(&num.val)
                    || self.count_suffixed(cs, j, Unit::Day)
                {
                    return None;
                }
                // A bare day needs 日 (N号 alone is a number: 3号线) and,
                // in Chinese numerals, two characters (十五日, not 一日).
                if cs[j - 1] != '日' || (num.style != Style::Arabic && num.ndig < 2) {
                    return None;
                }
                // 每月15日 (recurring): a month word the parser did not take.
                if (i > 0 && cs[i - 1] == '月') || self.recurring(cs, i) {
                    return None;
                }
                Some(Raw {
                    start,
                    end: j,
                    kind: RawKind::Date {
                        year: YearSpec::None,
                        month: MonthSpec::None,
                        day: Some(num.val as u32),
                        year_part: 0,
                    },
                })
            }
            Unit::Days | Unit::Weeks | Unit::Months => {
                let count_like = num.style != Style::CnDigits || num.ndig == 1;
                if roc || prefixed || !count_like || num.val == 0 || num.val > 1000 {
                    return None;
                }
                let n = num.val as i64;
                if let Some(e) = ago(j) {
                    return Some(Raw {
                        start,
                        end: e,
                        kind: RawKind::Ago { n, unit },
                    });
                }
                let e = self.after_at(cs, j)?;
                Some(Raw {
                    start,
                    end: e,
                    kind: RawKind::After { n, unit },
                })
            }
        }
    }

    /// The expression starting at `i`, if any.
    pub(crate) fn parse_at(&self, cs: &[char], i: usize, trad: bool) -> Option<Raw> {
        let c = cs[i];
        if self.is_numeral(c) {
            if let Some(r) = self.numeric(cs, i, i, false, trad) {
                return Some(r);
            }
        }
        if !self.forms.may_start_any(c, WORD_START_MASK) {
            return None;
        }
        let (l, e) = self.lookup(cs, i, |e| WORD_STARTS.contains(&e.kind))?;
        let j = i + l;
        let prev = if i > 0 { Some(cs[i - 1]) } else { None };
        // 前日本首相, 同日本会谈: the 日 belongs to 日本 (Japan).
        if matches!(e.kind, Kind::RelDay | Kind::AnaphorDay)
            && cs[j - 1] == '日'
            && cs.get(j) == Some(&'本')
        {
            return None;
        }
        match e.kind {
            Kind::RocPrefix => self.numeric(cs, j, i, true, trad),
            Kind::RelYear => {
                let r = self.after_year(cs, i, j, YearSpec::Rel(e.n));
                // 他今年65岁: part of an age.
                if r.end == j {
                    let mut k = j;
                    while k < cs.len() && k - j < 5 && self.is_numeral(cs[k]) {
                        k += 1;
                    }
                    if k > j && self.lookup_kind(cs, k, Kind::Age).is_some() {
                        return None;
                    }
                }
                Some(r)
            }
            Kind::AnaphorYear => {
                // 同年2月, 当年9月: the anaphor is part of the span, as 去年
                // is; before a full date (同年12月9日) the span is the date,
                // as annotated, and 同年 only supplies its year.
                let mut r = self.after_year(cs, i, j, YearSpec::Anaphor(e.n));
                if matches!(r.kind, RawKind::Date { day: Some(_), .. }) {
                    r.start = j;
                }
                Some(r)
            }
            // 做出该决定的同一天: the day of an event the clause describes,
            // not of a date the text gave.
            Kind::AnaphorDay if prev == Some('的') => None,
            Kind::AnaphorDay => Some(Raw {
                start: i,
                end: j,
                kind: RawKind::AnaphorDay(e.n),
            }),
            Kind::RelMonth => Some(self.after_month(cs, i, j, YearSpec::None, MonthSpec::Rel(e.n))),
            Kind::RelWeek => {
                // 上周一, 上星期五, 下个礼拜天: a weekday sharing 周/星期/礼拜.
                for back in 1..=2usize {
                    if back >= l {
                        break;
                    }
                    if let Some((wl, we)) = self.lookup_kind(cs, j - back, Kind::Weekday) {
                        if wl == back + 1 {
                            return Some(Raw {
                                start: i,
                                end: j + 1,
                                kind: RawKind::Weekday {
                                    week: Some(e.n),
                                    wd: we.n as u32,
                                },
                            });
                        }
                    }
                }
                // 上周末; 本周早些时候 (a part keeps week precision).
                static WEEK_PART_STARTS: CharSlice =
                    CharSlice::new("timex_words.tsv", "week_part_starts");
                let end = if cs.get(j) == Some(&'末') {
                    j + 1
                } else {
                    match self.lookup_kind(cs, j, Kind::PartMonth) {
                        Some((pl, _)) if WEEK_PART_STARTS.contains(&cs[j]) => j + pl,
                        _ => j,
                    }
                };
                Some(Raw {
                    start: i,
                    end,
                    kind: RawKind::Week(e.n),
                })
            }
            Kind::RelDay => Some(Raw {
                start: i,
                end: j,
                kind: RawKind::RelDay(e.n),
            }),
            Kind::Weekday => {
                static WEEKDAY_COUNT_BEFORE: CharSlice =
                    CharSlice::new("timex_words.tsv", "weekday_count_before");
                // 两周一次, 每周一: a count or a recurrence, not a day.
                if let Some(p) = prev {
                    if self.is_numeral(p) || WEEKDAY_COUNT_BEFORE.contains(&p) {
                        return None;
                    }
                }
                Some(Raw {
                    start: i,
                    end: j,
                    kind: RawKind::Weekday {
                        week: None,
                        wd: e.n as u32,
                    },
                })
            }
            Kind::AnaphorMonth => Some(Raw {
                start: i,
                end: j,
                kind: RawKind::AnaphorMonth(e.n),
            }),
            Kind::BareHoliday => self.bare_holiday(cs, i, j, e.n as u32),
            Kind::Holiday => Some(Raw {
                start: i,
                end: self.holiday_end(cs, j),
                kind: RawKind::Holiday(e.n as u32),
            }),
            Kind::PartAlone => {
                if prev.is_some_and(|p| self.is_numeral(p) || p == '年' || p == '月') {
                    return None;
                }
                Some(Raw {
                    start: i,
                    end: j,
                    kind: RawKind::Alone(if e.n < 0 { 13 } else { e.n as u32 }),
                })
            }
            _ => None,
        }
    }

    /// All raw expressions, left to right, non-overlapping.
    pub(crate) fn scan(&self, cs: &[char], trad: bool) -> Vec<Raw> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < cs.len() {
            let c = cs[i];
            let interesting = if c.is_ascii() {
                self.ascii[c as usize]
            } else {
                self.first_lens(c).is_some()
            };
            if !interesting {
                i += 1;
                continue;
            }
            if let Some((l, _)) = self.lookup_kind(cs, i, Kind::Block) {
                i += l;
                continue;
            }
            let parsed = self
                .short_paren(cs, i)
                .or_else(|| self.parse_at(cs, i, trad));
            if let Some(mut r) = parsed {
                if r.end > i {
                    let day_precise = matches!(
                        r.kind,
                        RawKind::Weekday { .. }
                            | RawKind::RelDay(_)
                            | RawKind::AnaphorDay(_)
                            | RawKind::Date { day: Some(_), .. }
                    );
                    // 今（24）日 ends with its bracket (Taiwanese copy adds
                    // no time of day to the span).
                    let short = cs[r.start..r.end].contains(&')');
                    if day_precise && !short {
                        if let Some((l, _)) = self.lookup_kind(cs, r.end, Kind::TimeOfDay) {
                            r.end += l;
                        }
                    }
                    i = r.end;
                    out.push(r);
                    continue;
                }
            }
            // Skip the rest of a number so that its tail is not read alone.
            if c.is_ascii_digit() {
                while i < cs.len() && cs[i].is_ascii_digit() {
                    i += 1;
                }
            } else if self.is_numeral(c) {
                while i < cs.len() && self.is_numeral(cs[i]) && !cs[i].is_ascii_digit() {
                    i += 1;
                }
            } else {
                i += 1;
            }
        }
        out
    }
}
