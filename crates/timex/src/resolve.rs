//! Resolution of raw expressions against the reference date, in text order.

use shiju_lexicon::words::CharSlice;
use shiju_text::punct;
use std::collections::HashMap;

use chrono::{Datelike, Duration};
use shiju_core::{Date, Period};

use crate::lexicon::{Kind, TimexRules, Unit};
use crate::news::{nearest_with_day, paren_hint};
use crate::scan::{MonthSpec, Raw, RawKind, YearSpec};
use crate::tense::{is_sentence_break, Tense};

/// Word lists of this module (`lexicon/timex_words.tsv`).
static SPEECH_NOT_AFTER: CharSlice = CharSlice::new("timex_words.tsv", "speech_not_after");
static MONTH_COUNT_FRACTIONS: CharSlice =
    CharSlice::new("timex_words.tsv", "month_count_fractions");
static COPULAS: CharSlice = CharSlice::new("timex_words.tsv", "copulas");
static LUNAR_MARK: CharSlice = CharSlice::new("timex_words.tsv", "lunar_mark");

pub(crate) fn add_months(y: i32, m: u32, off: i32) -> (i32, u32) {
    let idx = y as i64 * 12 + (m as i64 - 1) + off as i64;
    let y2 = idx.div_euclid(12) as i32;
    let m2 = idx.rem_euclid(12) as u32 + 1;
    (y2, m2)
}

/// `d` moved by `days` (None outside chrono's range).
pub(crate) fn shift(d: Date, days: i64) -> Option<Date> {
    d.checked_add_signed(Duration::try_days(days)?)
}

pub(crate) fn ymd(y: i32, m: u32, d: u32) -> Option<Date> {
    Date::from_ymd_opt(y, m, d)
}

impl TimexRules {
    /// The dateline date of a text: a day (or month and day) closing into
    /// 电/綜合外電報導… within the first lines, resolved against `published`.
    pub(crate) fn dateline(
        &self,
        cs: &[char],
        raws: &[Raw],
        published: Option<Date>,
    ) -> Option<(usize, Date)> {
        // Char index where the 4th line starts.
        let mut line = 0;
        let mut line_start = 0;
        let mut limit = cs.len();
        let mut starts = vec![0usize];
        for (k, &c) in cs.iter().enumerate() {
            if c == '\n' {
                line += 1;
                starts.push(k + 1);
                if line == 3 {
                    limit = k;
                    break;
                }
            }
        }
        for r in raws {
            if r.start >= limit {
                break;
            }
            while starts.len() > 1
                && line_start + 1 < starts.len()
                && starts[line_start + 1] <= r.start
            {
                line_start += 1;
            }
            if r.start - starts[line_start] > 60 {
                continue;
            }
            let RawKind::Date {
                year,
                month,
                day: Some(d),
                ..
            } = r.kind
            else {
                continue;
            };
            let mut k = r.end;
            while k < cs.len() && cs[k] == ' ' {
                k += 1;
            }
            if self.lookup_kind(cs, k, Kind::DatelineEnd).is_none() {
                continue;
            }
            let date = match (year, month) {
                (YearSpec::Abs(y), MonthSpec::Abs(m)) => ymd(y, m, d),
                (YearSpec::None, MonthSpec::Abs(m)) => {
                    let p = published?;
                    let y = if (m, d) > (p.month(), p.day()) {
                        p.year() - 1
                    } else {
                        p.year()
                    };
                    ymd(y, m, d)
                }
                (YearSpec::None, MonthSpec::None) => {
                    shiju_core::date::dateline_day(d, published?, 0)
                }
                _ => None,
            };
            if let Some(dt) = date {
                return Some((r.start, dt));
            }
        }
        None
    }

    pub(crate) fn resolve_all(
        &self,
        cs: &[char],
        raws: &[Raw],
        published: Option<Date>,
    ) -> Vec<(Raw, String)> {
        // Reference: the dateline day when it is within a month before publication.
        let mut reference = published;
        let mut dateline_at = usize::MAX;
        if let Some((at, d)) = self.dateline(cs, raws, published) {
            dateline_at = at;
            match published {
                Some(p) if d <= p && p - d <= Duration::days(31) => reference = Some(d),
                None => reference = Some(d),
                _ => {}
            }
        }
        // 今天是2021年1月6日: the text states its own day.
        if let Some(d) = stated_today(cs, raws) {
            reference = Some(d);
        }
        // Both maps are read at the expressions' starts only, and each
        // position's value depends on the text before it (and the words
        // starting there): they stop at the last start that asks.
        let Some(last) = raws.iter().map(|r| r.start).max() else {
            return Vec::new();
        };
        let lay = Layout::new(&cs[..(last + 1).min(cs.len())]);
        let speech_to = raws
            .iter()
            .filter(|r| speech_sensitive(r.kind))
            .map(|r| r.start)
            .max();
        let speech = speech_to.map_or_else(Vec::new, |to| self.speech_zones(cs, &lay, to));
        // The first vague time word (近日): looked for only when an
        // anaphoric day asks (a scan of the whole text).
        let mut vague_at: Option<usize> = None;
        let mut st = State {
            attribution: self.attributions(cs, raws, &lay, reference),
            ..State::default()
        };
        let mut out = Vec::new();
        for (idx, r) in raws.iter().enumerate() {
            // 近日…发布。…同日发布…: the same day as an undated event, with
            // no day before it or after it in its sentence, is not in the text.
            if matches!(r.kind, RawKind::AnaphorDay(_))
                && st.anchor.is_none()
                && *vague_at.get_or_insert_with(|| {
                    (0..cs.len())
                        .find(|&k| self.lookup_kind(cs, k, Kind::Vague).is_some())
                        .unwrap_or(usize::MAX)
                }) < r.start
                && !day_follows(&raws[idx + 1..], &lay, lay.at[r.start].sent)
            {
                continue;
            }
            // 《2021财年国防授权法》, 《2022年中国统计年鉴》: a year opening a
            // title names an edition or a law, not a time (《关于2030年前…
            // 的联合声明》 is one).
            let label = r.start > 0
                && lay.at[r.start].titled
                && matches!(cs[r.start - 1], punct::LEFT_BOOK_TITLE | punct::LEFT_ANGLE);
            if label || is_date_stamp(cs, r) || is_caption_date(cs, r) || defined(cs, r, &st) {
                continue;
            }
            let pi = lay.at[r.start].para;
            let si = lay.at[r.start].sent;
            let rf = match r.kind {
                k if speech_sensitive(k) && (lay.at[r.start].quoted || speech[r.start]) => {
                    st.attribution.get(&pi).copied().or(st.lead).or(reference)
                }
                _ => reference,
            };
            let mut set = Sets::default();
            let mut value = self.value_of(cs, r, rf, reference, pi, si, &st, &mut set);
            // 周日（3日）: the bracketed day decides between neighbours.
            if let (Some(Period::Day(d)), Some(day)) = (value, paren_hint(cs, r.start, r.end)) {
                value = Some(Period::Day(nearest_with_day(d, day)));
            }
            if let Some(y) = set.year {
                // 自1991年以来 / 2030年前: a bound, not the narrative's year;
                // 与2021年相当 / 比去年: a point of comparison.
                if self.lookup_kind(cs, r.end, Kind::NoContext).is_none()
                    && !self.word_before(cs, r.start, Kind::Compare)
                {
                    st.year_ctx = Some((y, pi));
                    if let RawKind::Date {
                        year: YearSpec::Abs(a),
                        ..
                    } = r.kind
                    {
                        st.abs_year = Some((a, pi));
                    }
                }
            }
            // The dateline is no narrative month (新华社北京3月5日电 外交部28日…).
            if let Some((y, m)) = set.month.filter(|_| r.start != dateline_at) {
                st.month_ctx = Some((y, m, si, pi));
                st.month_ctx_end = r.end;
                st.month_ctx_day = match r.kind {
                    RawKind::Date { day, .. } => day,
                    _ => None,
                };
            }
            if let Some(v) = value {
                if let Period::Day(d) = v {
                    st.last_day = Some((r.end, d));
                    let topic = (1..=3.min(r.start)).any(|l| {
                        self.lookup_kind(cs, r.start - l, Kind::NoAnchor)
                            .is_some_and(|(len, _)| len == l)
                    });
                    if !topic && !lay.at[r.start].quoted {
                        st.anchor = Some(d);
                        st.anchor_para = pi;
                    }
                    let explicit = matches!(r.kind, RawKind::Date { day: Some(_), .. });
                    if explicit && !lay.at[r.start].quoted {
                        if pi == 0 && st.lead.is_none() {
                            st.lead = reference
                                .filter(|&f| d < f && f - d <= Duration::days(2))
                                .map(|_| d);
                        }
                        // 麦高文4日说：“…今天…”: a dated attribution.
                        if !st.attribution.contains_key(&pi) && self.speech_follows(cs, r.end) {
                            st.attribution.insert(pi, d);
                        }
                    }
                }
                if let Some(s) = v.render() {
                    out.push((*r, s));
                }
            }
        }
        out
    }

    /// The value of one raw expression; `set` records the year and month
    /// it establishes as context.
    #[allow(clippy::too_many_arguments)]
    fn value_of(
        &self,
        cs: &[char],
        r: &Raw,
        rf: Option<Date>,
        reference: Option<Date>,
        pi: u32,
        si: u32,
        st: &State,
        set: &mut Sets,
    ) -> Option<Period> {
        let ctx_year = st.year_ctx.filter(|&(_, yp)| pi <= yp + 1).map(|(y, _)| y);
        match r.kind {
            RawKind::Date {
                year,
                month,
                day,
                year_part,
            } => self.date_value(
                cs,
                r,
                (year, month, day, year_part),
                rf,
                ctx_year,
                si,
                pi,
                st,
                set,
            ),
            RawKind::Week(o) => rf.and_then(|f| shift(f, 7 * o as i64)).map(Period::week_of),
            RawKind::Weekday { week: Some(o), wd } => {
                rf.and_then(|f| shift(f, 7 * o as i64)).and_then(|base| {
                    let cur = base.weekday().number_from_monday() as i64;
                    shift(base, wd as i64 - cur).map(Period::Day)
                })
            }
            RawKind::Weekday { week: None, wd } => {
                // 9月15日（星期四）: the weekday of the date just given.
                let after_date = st.last_day.and_then(|(e, d)| {
                    let between = &cs[e.min(r.start)..r.start];
                    (between.len() <= 2
                        && between
                            .iter()
                            .all(|&c| matches!(c, '(' | ' ' | punct::COMMA | ',')))
                    .then_some(d)
                });
                match after_date {
                    Some(d) => (d.weekday().number_from_monday() == wd).then_some(Period::Day(d)),
                    None => rf.and_then(|f| {
                        let fut = self.tense(cs, r.start, r.end) == Tense::Future;
                        weekday_date(f, wd, fut).map(Period::Day)
                    }),
                }
            }
            RawKind::RelDay(o) => rf.and_then(|f| shift(f, o as i64)).map(Period::Day),
            RawKind::AnaphorDay(o) => st
                .anchor
                .or(reference)
                .and_then(|a| a.checked_add_signed(Duration::days(o as i64)))
                .map(Period::Day),
            RawKind::Ago { n, unit } => rf.and_then(|f| {
                // 8月29日…拿出一个月前购买的: counted from the narrative's
                // day when the paragraph (or the one before) gave one.
                let f = match (unit, st.anchor) {
                    (Unit::Days | Unit::Weeks | Unit::Months, Some(a))
                        if a < f && pi <= st.anchor_para + 1 =>
                    {
                        a
                    }
                    _ => f,
                };
                match unit {
                    Unit::Year => {
                        let y = f.year() - n as i32;
                        set.year = Some(y);
                        Some(Period::Year(y))
                    }
                    Unit::Months => {
                        let (y, m) = add_months(f.year(), f.month(), -(n as i32));
                        Some(Period::Month(y, m))
                    }
                    // 一周前: the day a week before (a count of weeks, not a week).
                    Unit::Weeks => f.checked_sub_signed(Duration::days(7 * n)).map(Period::Day),
                    Unit::Days => f.checked_sub_signed(Duration::days(n)).map(Period::Day),
                    _ => None,
                }
            }),
            // 年底 alone: in the year of the context (2019年成立，年底上市),
            // else the reference year; 月底 alone: the reference month.
            RawKind::After { n, unit } => self.after_value(n, unit, rf, pi, st, set),
            // 七月份…次月: the month after the one last mentioned.
            RawKind::AnaphorMonth(o) => st
                .month_ctx
                .map(|(y, m, _, _)| (y, m))
                .or(rf.map(|f| (f.year(), f.month())))
                .map(|(y, m)| {
                    let (y, m) = add_months(y, m, o);
                    set.month = Some((y, m));
                    Period::Month(y, m)
                }),
            RawKind::Holiday(rule) => rf.and_then(|f| {
                let tense = self.tense(cs, r.start, r.end);
                let (past, next) = self.occurrences(rule, f);
                crate::holidays::pick(f, past, next, tense).map(Period::Day)
            }),
            RawKind::MonthWeekday {
                year,
                month,
                wd,
                nth,
            } => {
                let y = match year {
                    YearSpec::Abs(y) => Some(y),
                    YearSpec::Rel(o) => rf.map(|f| f.year() + o),
                    YearSpec::Anaphor(o) => st.anaphor_year(pi).map(|y| y + o),
                    YearSpec::None => {
                        let t = self.tense(cs, r.start, r.end);
                        infer_year(month, None, t, ctx_year, rf)
                    }
                };
                y.and_then(|y| crate::holidays::nth_weekday(y, month, wd, nth))
                    .map(Period::Day)
            }
            // 年内: within the year of the context, else the reference year.
            RawKind::Alone(13) => ctx_year.or(rf.map(|f| f.year())).map(Period::Year),
            RawKind::Alone(m) => {
                if m == 0 {
                    rf.map(|f| Period::Month(f.year(), f.month()))
                } else {
                    ctx_year
                        .or(rf.map(|f| f.year()))
                        .map(|y| Period::Month(y, m))
                }
            }
        }
    }

    /// N units after the narrative's time: years after the context year
    /// (1990年… 一年后 → 1991), days, weeks and months after the last day
    /// mentioned; nothing without one.
    fn after_value(
        &self,
        n: i64,
        unit: Unit,
        rf: Option<Date>,
        pi: u32,
        st: &State,
        set: &mut Sets,
    ) -> Option<Period> {
        // Counted from a day the narrative gave (3月5日…三天后); from the
        // reference it would be a forecast's count.
        let base = st.anchor;
        match unit {
            // Only in a narrative of a past year (1990年… 一年后); 三年后
            // from now is a forecast's count, not a date.
            Unit::Year => {
                // The year of this or the previous paragraph only.
                let a = st
                    .year_ctx
                    .filter(|&(_, yp)| pi <= yp + 1)
                    .map(|(y, _)| y)
                    .filter(|&a| rf.is_none_or(|f| a < f.year()))?;
                let y = a + n as i32;
                set.year = Some(y);
                Some(Period::Year(y))
            }
            Unit::Months => {
                let b = base?;
                let (y, m) = add_months(b.year(), b.month(), n as i32);
                Some(Period::Month(y, m))
            }
            Unit::Weeks => shift(base?, 7 * n).map(Period::Day),
            Unit::Days => shift(base?, n).map(Period::Day),
            _ => None,
        }
    }

    /// The value of a date (year, month, day, year part).
    #[allow(clippy::too_many_arguments)]
    fn date_value(
        &self,
        cs: &[char],
        r: &Raw,
        (year, month, day, year_part): (YearSpec, MonthSpec, Option<u32>, u32),
        rf: Option<Date>,
        ctx_year: Option<i32>,
        si: u32,
        pi: u32,
        st: &State,
        set: &mut Sets,
    ) -> Option<Period> {
        let y_explicit = match year {
            YearSpec::Abs(y) => Some(y),
            YearSpec::Rel(o) => rf.map(|d| d.year() + o),
            YearSpec::Anaphor(o) => st.anaphor_year(pi).map(|y| y + o),
            YearSpec::None => None,
        };
        match (month, day) {
            (MonthSpec::None, None) => y_explicit.map(|y| {
                if !matches!(year, YearSpec::Anaphor(_)) {
                    set.year = Some(y);
                }
                if year_part > 0 {
                    Period::Month(y, year_part)
                } else {
                    Period::Year(y)
                }
            }),
            (MonthSpec::None, Some(d)) => {
                // Bare day.
                let ym = match st.month_ctx {
                    // Same sentence (11月13日至19日); same paragraph
                    // when the month is not the reference month
                    // (去年11月13日…。15日…).
                    Some((y, m, ms, mp))
                        if (ms == si
                            || (mp == pi
                                && rf.is_none_or(|f| (f.year(), f.month()) != (y, m))))
                            && !stale_month(cs, r, (y, m, ms), d, si, rf, st) =>
                    {
                        Some((y, m))
                    }
                    _ => rf.map(|f| {
                        let t = self.tense(cs, r.start, r.end);
                        if t == Tense::Future {
                            if d >= f.day() {
                                (f.year(), f.month())
                            } else {
                                add_months(f.year(), f.month(), 1)
                            }
                        } else if d > f.day() + 1 {
                            // One day ahead is the same month
                            // (time zones east of the outlet).
                            add_months(f.year(), f.month(), -1)
                        } else {
                            (f.year(), f.month())
                        }
                    }),
                };
                ym.and_then(|(y, m)| ymd(y, m, d)).map(Period::Day)
            }
            (MonthSpec::Rel(o), d) => rf.and_then(|f| {
                let (y, m) = add_months(f.year(), f.month(), o);
                set.year = Some(y);
                set.month = Some((y, m));
                match d {
                    Some(d) => ymd(y, m, d).map(Period::Day),
                    None => Some(Period::Month(y, m)),
                }
            }),
            (MonthSpec::Abs(m), d) => {
                let y = match y_explicit {
                    Some(y) => {
                        if !matches!(year, YearSpec::Anaphor(_)) {
                            set.year = Some(y);
                        }
                        Some(y)
                    }
                    None => {
                        let t = self.tense(cs, r.start, r.end);
                        infer_year(m, d, t, ctx_year, rf)
                    }
                };
                y.and_then(|y| {
                    set.month = Some((y, m));
                    match d {
                        Some(d) => ymd(y, m, d).map(Period::Day),
                        None => Some(Period::Month(y, m)),
                    }
                })
            }
        }
    }

    /// Dated attributions: paragraph → the day of a weekday or day word
    /// outside quotes followed by a reporting verb in the same sentence.
    fn attributions(
        &self,
        cs: &[char],
        raws: &[Raw],
        lay: &Layout,
        reference: Option<Date>,
    ) -> HashMap<u32, Date> {
        let mut attribution: HashMap<u32, Date> = HashMap::new();
        if let Some(rf) = reference {
            for r in raws {
                if lay.at[r.start].quoted || attribution.contains_key(&lay.at[r.start].para) {
                    continue;
                }
                let d = match r.kind {
                    RawKind::RelDay(o) => match shift(rf, o as i64) {
                        Some(d) => d,
                        None => continue,
                    },
                    RawKind::Weekday { week: None, wd } => {
                        match weekday_date(rf, wd, self.tense(cs, r.start, r.end) == Tense::Future)
                        {
                            Some(d) => d,
                            None => continue,
                        }
                    }
                    _ => continue,
                };
                if self.speech_follows(cs, r.end) {
                    attribution.insert(lay.at[r.start].para, d);
                }
            }
        }
        attribution
    }

    /// Whether a reporting verb follows `e` within its sentence (at most 20
    /// characters on, before any opening quote).
    fn speech_follows(&self, cs: &[char], e: usize) -> bool {
        let mut k = e;
        while k < cs.len()
            && k - e < 20
            && !is_sentence_break(cs[k])
            && !matches!(cs[k], '“' | punct::LEFT_CORNER | punct::LEFT_WHITE_CORNER)
        {
            if self.lookup_kind(cs, k, Kind::Speech).is_some() {
                return true;
            }
            k += 1;
        }
        false
    }

    /// Reported speech without quotation marks: the rest of a paragraph
    /// after a reporting verb and a colon or comma (`她说：今天，我们…`,
    /// `他说，今天我们…`); relative day words there take the speech's day.
    /// Computed up to position `to` (inclusive; `lay` must reach it).
    fn speech_zones(&self, cs: &[char], lay: &Layout, to: usize) -> Vec<bool> {
        let mut zone = vec![false; cs.len() + 1];
        let mut on = false;
        let mut k = 0;
        while k < cs.len() && k <= to {
            if k > 0 && lay.at[k].para != lay.at[k - 1].para {
                on = false;
            }
            if !on && !lay.at[k].quoted {
                if let Some((l, _)) = self.lookup_kind(cs, k, Kind::Speech) {
                    let reported = k == 0 || !SPEECH_NOT_AFTER.contains(&cs[k - 1]);
                    if reported
                        && matches!(
                            cs.get(k + l).copied(),
                            Some(punct::COLON | ':' | punct::COMMA | ',')
                        )
                    {
                        on = true;
                        for z in zone.iter_mut().take(k + l + 1).skip(k) {
                            *z = false;
                        }
                        k += l + 1;
                        continue;
                    }
                }
            }
            zone[k] = on;
            k += 1;
        }
        zone
    }
}

/// Whether the month context does not carry to the bare day `d` at `r`:
/// a count of months lies between them (`7月14日发射，经过1个多月的飞行，
/// 23日登月`), or a later sentence goes back in last month (`8月24日…。
/// 4日…` in a September story: the reference month's 4th).
fn stale_month(
    cs: &[char],
    r: &Raw,
    (y, m, ms): (i32, u32, u32),
    d: u32,
    si: u32,
    rf: Option<Date>,
    st: &State,
) -> bool {
    let between = &cs[st.month_ctx_end.min(r.start)..r.start];
    let counted = between.windows(2).any(|w| w[0] == '个' && w[1] == '月')
        || between
            .windows(3)
            .any(|w| w[0] == '个' && MONTH_COUNT_FRACTIONS.contains(&w[1]) && w[2] == '月');
    let back = ms != si
        && st.month_ctx_day.is_some_and(|cd| d < cd)
        && rf.is_some_and(|f| add_months(f.year(), f.month(), -1) == (y, m) && d <= f.day() + 1);
    counted || back
}

/// Expressions that take the speech's day inside quotes or reported
/// speech (今天, 本周, 下周三).
fn speech_sensitive(kind: RawKind) -> bool {
    matches!(
        kind,
        RawKind::RelDay(_) | RawKind::Week(_) | RawKind::Weekday { week: Some(_), .. }
    )
}

/// Whether a day-precision expression follows in sentence `si`
/// (`同一天周五`).
fn day_follows(rest: &[Raw], lay: &Layout, si: u32) -> bool {
    rest.iter()
        .take_while(|x| lay.at[x.start].sent == si)
        .any(|x| {
            matches!(
                x.kind,
                RawKind::Weekday { .. } | RawKind::RelDay(_) | RawKind::Date { day: Some(_), .. }
            )
        })
}

/// A holiday named as what the date just given is (`10月1日是国庆节`,
/// `8月22日为农历…`): the date is the expression, not the name.
fn defined(cs: &[char], r: &Raw, st: &State) -> bool {
    if !matches!(r.kind, RawKind::Holiday(_)) {
        return false;
    }
    let Some((e, _)) = st.last_day else {
        return false;
    };
    e < r.start
        && r.start - e <= 4
        && COPULAS.contains(&cs[e])
        && cs[e + 1..r.start].iter().all(|c| LUNAR_MARK.contains(c))
}

/// The day a text states as today (`今天是2021年1月6日`): a day-0 word,
/// 是/为, then a full date.
fn stated_today(cs: &[char], raws: &[Raw]) -> Option<Date> {
    raws.windows(2).find_map(|w| {
        let (a, b) = (&w[0], &w[1]);
        if !matches!(a.kind, RawKind::RelDay(0)) || b.start != a.end + 1 {
            return None;
        }
        if !cs.get(a.end).is_some_and(|c| COPULAS.contains(c)) {
            return None;
        }
        match b.kind {
            RawKind::Date {
                year: YearSpec::Abs(y),
                month: MonthSpec::Abs(m),
                day: Some(d),
                ..
            } => ymd(y, m, d),
            _ => None,
        }
    })
}

/// A numeric date (`2023/08/23`, `2023-08-23`) on a line without sentence
/// punctuation: a page's own date stamp, not an expression of the story.
fn is_date_stamp(cs: &[char], r: &Raw) -> bool {
    if !matches!(cs.get(r.start + 4), Some('-' | '/' | '.')) {
        return false;
    }
    let mut s = r.start;
    while s > 0 && cs[s - 1] != '\n' && r.start - s < 200 {
        s -= 1;
    }
    let mut e = r.end;
    while e < cs.len() && cs[e] != '\n' && e - r.end < 200 {
        e += 1;
    }
    !cs[s..e].iter().any(|&c| {
        matches!(
            c,
            punct::FULL_STOP
                | punct::COMMA
                | punct::SEMICOLON
                | punct::EXCLAMATION
                | punct::QUESTION
                | ','
        )
    })
}

/// A full date alone in brackets after a finished sentence or closing a
/// line (`…宣传牌。（2020年7月28日）`): a photo caption's date, not the story's.
fn is_caption_date(cs: &[char], r: &Raw) -> bool {
    let full = matches!(
        r.kind,
        RawKind::Date {
            year: YearSpec::Abs(_),
            month: MonthSpec::Abs(_),
            day: Some(_),
            ..
        }
    );
    if !full || r.start == 0 || cs[r.start - 1] != '(' || cs.get(r.end) != Some(&')') {
        return false;
    }
    let before = r.start.checked_sub(2).map(|k| cs[k]);
    let after = cs.get(r.end + 1).copied();
    matches!(
        before,
        None | Some(punct::FULL_STOP | '\n' | punct::EXCLAMATION | punct::QUESTION | '.')
    ) || matches!(after, None | Some('\n'))
}

/// Paragraph and sentence of each char, and whether it is quoted.
pub(crate) struct Layout {
    /// Per char, then one past the last: what [`At`] holds.
    pub(crate) at: Vec<At>,
}

/// Where a char of the text is ([`Layout`]).
#[derive(Clone, Copy, Default)]
pub(crate) struct At {
    pub(crate) para: u32,
    pub(crate) sent: u32,
    pub(crate) quoted: bool,
    /// Inside a title mark (《…》, 〈…〉).
    pub(crate) titled: bool,
}

impl Layout {
    pub(crate) fn new(cs: &[char]) -> Layout {
        // Paragraph and sentence of each char; quotation depth.
        let mut at = Vec::with_capacity(cs.len() + 1);
        let mut title_depth = 0i32;
        let (mut p, mut s, mut depth, mut ascii_open) = (0u32, 0u32, 0i32, false);
        // Blank lines do not count as paragraphs.
        let mut para_has_text = false;
        for &c in cs {
            // Ideographs (most characters) are no mark, space or break:
            // they only carry the state on.
            if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                at.push(At {
                    para: p,
                    sent: s,
                    quoted: depth > 0 || ascii_open,
                    titled: title_depth > 0,
                });
                para_has_text = true;
                continue;
            }
            match c {
                '“' | punct::LEFT_CORNER | punct::LEFT_WHITE_CORNER => depth += 1,
                '”' | punct::RIGHT_CORNER | punct::RIGHT_WHITE_CORNER => {
                    depth = (depth - 1).max(0)
                }
                '"' => ascii_open = !ascii_open,
                punct::LEFT_BOOK_TITLE | punct::LEFT_ANGLE => title_depth += 1,
                punct::RIGHT_BOOK_TITLE | punct::RIGHT_ANGLE => {
                    title_depth = (title_depth - 1).max(0)
                }
                '\n' => {
                    depth = 0;
                    title_depth = 0;
                    ascii_open = false;
                }
                _ => {}
            }
            at.push(At {
                para: p,
                sent: s,
                quoted: depth > 0 || ascii_open,
                titled: title_depth > 0,
            });
            if c == '\n' {
                if para_has_text {
                    p += 1;
                }
                para_has_text = false;
            } else if !c.is_whitespace() {
                para_has_text = true;
            }
            if is_sentence_break(c) {
                s += 1;
            }
        }
        at.push(At {
            para: p,
            sent: s,
            quoted: false,
            titled: false,
        });
        Layout { at }
    }
}

/// Context carried through the text.
#[derive(Default)]
pub(crate) struct State {
    /// (year, paragraph) of the last year expression.
    pub(crate) year_ctx: Option<(i32, u32)>,
    /// The last explicit year (`1962年`, not `今年`): what 当年/同年 and
    /// 三年后 count from.
    pub(crate) abs_year: Option<(i32, u32)>,
    /// (year, month, sentence, paragraph) of the last month expression.
    pub(crate) month_ctx: Option<(i32, u32, u32, u32)>,
    /// End and date of the last day-precision expression.
    pub(crate) last_day: Option<(usize, Date)>,
    /// The day 当天 refers to: the last day-precision date not introduced
    /// by 对于/关于 (a topic, not the narrative's day).
    pub(crate) anchor: Option<Date>,
    /// Paragraph of `anchor`.
    pub(crate) anchor_para: u32,
    /// Day and end of the last month expression (with `month_ctx`).
    pub(crate) month_ctx_day: Option<u32>,
    pub(crate) month_ctx_end: usize,
    /// The lead's day: the first explicit day of the first paragraph, when
    /// it is one or two days before the reference (the story's day, as
    /// overseas copy dated the next morning prints it).
    pub(crate) lead: Option<Date>,
    /// Paragraph → the day of its dated attribution (`佩洛西4日说`).
    pub(crate) attribution: HashMap<u32, Date>,
}

impl State {
    /// The year 当年/同年 refer to in paragraph `pi`: the last explicit
    /// year, else the last year expression, of this paragraph or the two
    /// before it (a year further back is stale: the text has moved on).
    fn anaphor_year(&self, pi: u32) -> Option<i32> {
        let near = |(y, p): (i32, u32)| (pi <= p + 2).then_some(y);
        self.abs_year
            .and_then(near)
            .or(self.year_ctx.and_then(near))
    }
}

/// Context an expression establishes.
#[derive(Default)]
pub(crate) struct Sets {
    pub(crate) year: Option<i32>,
    pub(crate) month: Option<(i32, u32)>,
}

/// Weekday `wd` (1 = Monday) relative to `rf`: the most recent on or before
/// it, or with `future` the first on or after it (the reference day itself
/// when it is that weekday: news dated in Asia often reports a US "Saturday"
/// on that Saturday).
pub(crate) fn weekday_date(rf: Date, wd: u32, future: bool) -> Option<Date> {
    let cur = rf.weekday().number_from_monday() as i64;
    let wd = wd as i64;
    let delta = if future {
        (wd - cur).rem_euclid(7)
    } else {
        -((cur - wd).rem_euclid(7))
    };
    rf.checked_add_signed(Duration::days(delta))
}

/// Year of a month (and day) printed without one; see the crate doc.
pub(crate) fn infer_year(
    m: u32,
    d: Option<u32>,
    tense: Tense,
    ctx_year: Option<i32>,
    rf: Option<Date>,
) -> Option<i32> {
    let md = (m, d.unwrap_or(0));
    if tense == Tense::Future {
        if let Some(f) = rf {
            let now = (f.month(), if d.is_some() { f.day() } else { 0 });
            // A month just passed is this year's (the tense was misread or
            // the text was written before); one long passed is next year's.
            let behind = f.month() as i32 - m as i32;
            return Some(if md >= now || behind <= 2 {
                f.year()
            } else {
                f.year() + 1
            });
        }
    }
    if let Some(y) = ctx_year {
        if rf.is_none_or(|f| f.year() != y) {
            return Some(y);
        }
    }
    let f = rf?;
    let now = (f.month(), if d.is_some() { f.day() } else { 0 });
    if md <= now {
        return Some(f.year());
    }
    let ahead = m as i32 - f.month() as i32;
    if tense == Tense::Unmarked && ahead <= 6 {
        Some(f.year())
    } else {
        Some(f.year() - 1)
    }
}
