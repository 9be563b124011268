//! The compiled time-word rules (`lexicon/time_words.tsv`): kinds, units,
//! the fold of traditional and full-width characters, and form lookup.

use std::collections::HashMap;
use std::path::Path;

use shiju_lexicon::{LexiconError, Record, Table};

/// FxHash (rustc's hasher, from `rustc-hash`) for the char-keyed tables
/// (the default SipHash dominates the scan otherwise); keys come from the
/// lexicon, not from untrusted input, so no flooding resistance is needed.
pub(crate) type Fx = rustc_hash::FxBuildHasher;
pub(crate) type Map<K, V> = HashMap<K, V, Fx>;

pub(crate) const TIME_WORDS: &str = include_str!("../../../lexicon/time_words.tsv");
pub(crate) const FILE: &str = "time_words.tsv";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    RelDay,
    RelWeek,
    RelMonth,
    RelYear,
    AnaphorYear,
    AnaphorDay,
    TimeOfDay,
    NoAnchor,
    Weekday,
    PartMonth,
    PartYear,
    PartAlone,
    Unit,
    Ago,
    RocPrefix,
    Connector,
    Future,
    Past,
    Speech,
    CountPrefix,
    CountSuffix,
    Credit,
    Age,
    NoContext,
    DatelineEnd,
    Block,
    Neutral,
    RelDayParen,
    After,
    Holiday,
    Title,
    AnaphorMonth,
    /// Word right before a year that makes it a comparison (与2021年相当,
    /// 比去年): it sets no year context.
    Compare,
    /// Word earlier in a clause that makes a bare day a recurrence or a
    /// count (每周上课5到6日).
    Recur,
    /// Noun right after a bare four-digit year that makes it a year (2020大选).
    YearNoun,
    /// Measure word after a number: the number is a count, not a bare year.
    Measure,
    /// A numeric name of a holiday (十一, 五一) that is one only with a
    /// `holiday_context` word around it; value MMDD.
    BareHoliday,
    /// Word before or after a bare holiday name that makes it the holiday
    /// (十一长假, 今年十一).
    HolidayContext,
    /// A vague time (近日, 日前): an event dated only so gives 同日 no day.
    Vague,
}

impl Kind {
    pub(crate) fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "rel_day" => Kind::RelDay,
            "rel_week" => Kind::RelWeek,
            "rel_month" => Kind::RelMonth,
            "rel_year" => Kind::RelYear,
            "anaphor_year" => Kind::AnaphorYear,
            "anaphor_day" => Kind::AnaphorDay,
            "time_of_day" => Kind::TimeOfDay,
            "no_anchor" => Kind::NoAnchor,
            "weekday" => Kind::Weekday,
            "part_month" => Kind::PartMonth,
            "part_year" => Kind::PartYear,
            "part_alone" => Kind::PartAlone,
            "unit" => Kind::Unit,
            "ago" => Kind::Ago,
            "roc_prefix" => Kind::RocPrefix,
            "connector" => Kind::Connector,
            "future" => Kind::Future,
            "past" => Kind::Past,
            "speech" => Kind::Speech,
            "count_prefix" => Kind::CountPrefix,
            "count_suffix" => Kind::CountSuffix,
            "credit" => Kind::Credit,
            "age" => Kind::Age,
            "no_context" => Kind::NoContext,
            "dateline_end" => Kind::DatelineEnd,
            "block" => Kind::Block,
            "neutral" => Kind::Neutral,
            "rel_day_paren" => Kind::RelDayParen,
            "after" => Kind::After,
            "title" => Kind::Title,
            "anaphor_month" => Kind::AnaphorMonth,
            "compare" => Kind::Compare,
            "recur" => Kind::Recur,
            "year_noun" => Kind::YearNoun,
            "measure" => Kind::Measure,
            "bare_holiday" => Kind::BareHoliday,
            "holiday_context" => Kind::HolidayContext,
            "vague" => Kind::Vague,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Year,
    Month,
    Day,
    Days,
    Weeks,
    Months,
}

impl Unit {
    pub(crate) fn parse(s: &str) -> Option<Unit> {
        Some(match s {
            "year" => Unit::Year,
            "month" => Unit::Month,
            "day" => Unit::Day,
            "days" => Unit::Days,
            "weeks" => Unit::Weeks,
            "months" => Unit::Months,
            _ => return None,
        })
    }
    pub(crate) fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// One meaning of a lexicon form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) kind: Kind,
    /// Offset (rel_*), ISO weekday, month of a part (0 = keep precision).
    pub(crate) n: i32,
    pub(crate) unit: Option<Unit>,
    /// count_suffix: units it applies to (bit set), 0 = all.
    pub(crate) mask: u8,
}

/// The compiled time-word rules, built once from `lexicon/time_words.tsv`
/// (plus the user's file of that name) and shared read-only.
#[derive(Debug)]
pub struct TimexRules {
    pub(crate) words: Map<Box<[char]>, Vec<Entry>>,
    /// `words` as a trie, what [`TimexRules::lookup`] walks.
    pub(crate) forms: crate::forms::Forms,
    /// First character of a form → bit set of the form lengths starting with it.
    pub(crate) first: Map<char, u32>,
    /// `first` for `FOLD_LO..FOLD_HI` as a table: the bit set with bit 0
    /// (no form has length 0) marking presence, 0 for absent; empty until
    /// [`TimexRules::new`] has filled `first`.
    pub(crate) first_dense: Vec<u32>,
    pub(crate) fold: Map<char, char>,
    /// `fold` for `FOLD_LO..FOLD_HI` as a table ('\0': no row); empty
    /// until [`TimexRules::new`] has read the fold rows.
    pub(crate) fold_dense: Vec<char>,
    /// Some fold row maps a character outside `FOLD_LO..FOLD_HI`.
    pub(crate) fold_outside: bool,
    pub(crate) digit: Map<char, u32>,
    pub(crate) mult: Map<char, u32>,
    /// ASCII characters that can start an expression or a form.
    pub(crate) ascii: [bool; 128],
    /// The lunisolar calendar (`lexicon/lunar_calendar.tsv`) for lunar
    /// holidays.
    pub(crate) lunar: crate::holidays::Lunar,
}

/// The range of [`TimexRules::fold_dense`]: CJK punctuation to the end of
/// the unified ideographs.
pub(crate) const FOLD_LO: u32 = 0x3000;
pub(crate) const FOLD_HI: u32 = 0xA000;

impl Default for TimexRules {
    fn default() -> Self {
        TimexRules {
            words: Map::default(),
            forms: crate::forms::Forms::default(),
            first: Map::default(),
            first_dense: Vec::new(),
            fold: Map::default(),
            fold_dense: Vec::new(),
            fold_outside: false,
            digit: Map::default(),
            mult: Map::default(),
            ascii: [false; 128],
            lunar: crate::holidays::Lunar::default(),
        }
    }
}

impl TimexRules {
    /// Compiles `lexicon/time_words.tsv`, extended by `user_dir/time_words.tsv`.
    ///
    /// User rows add meanings; a row with the same form and kind as a
    /// built-in one replaces it; a form written `-FORM` removes the built-in
    /// rows of that form (only those of the row's kind when it names one).
    pub fn new(user_dir: Option<&Path>) -> Result<Self, LexiconError> {
        let table = Table::load(FILE, TIME_WORDS, user_dir)?;
        let mut rules = TimexRules::default();
        // Fold rows first: every other form is folded with them.
        for r in table.records() {
            if r.get("kind") != "fold" {
                continue;
            }
            let form = r.get("form");
            if let Some(rest) = form.strip_prefix('-') {
                if let Some(c) = rest.chars().next() {
                    rules.fold.remove(&c);
                }
                continue;
            }
            let mut f = form.chars();
            let mut v = r.get("value").chars();
            match (f.next(), f.next(), v.next(), v.next()) {
                (Some(a), None, Some(b), None) => {
                    rules.fold.insert(a, b);
                }
                _ => return Err(r.error("a fold row maps one character to one character")),
            }
        }
        let mut dense = vec!['\0'; (FOLD_HI - FOLD_LO) as usize];
        for (&a, &b) in &rules.fold {
            let u = a as u32;
            if (FOLD_LO..FOLD_HI).contains(&u) {
                dense[(u - FOLD_LO) as usize] = b;
            } else {
                rules.fold_outside = true;
            }
        }
        // ('\0' marks "no row": a row folding to it keeps the map alone.)
        if !rules.fold.values().any(|&b| b == '\0') {
            rules.fold_dense = dense;
        } else {
            rules.fold_outside = false;
        }
        // Keyed by form and kind: a later row of both replaces the earlier.
        let mut entries: shiju_lexicon::Rows<(String, Kind), Entry> = Default::default();
        for r in table.records() {
            let kind_s = r.get("kind");
            if kind_s == "fold" {
                continue;
            }
            let form_raw = r.get("form");
            if let Some(rest) = form_raw.strip_prefix('-') {
                let form = rules.fold_str(rest);
                match Kind::parse(kind_s) {
                    Some(kind) => entries.remove(&(form.clone(), kind)),
                    // Every kind of the form.
                    None => entries.remove_where(|(f, _)| *f == form),
                }
                if kind_s == "digit" || kind_s.is_empty() {
                    for c in form.chars() {
                        rules.digit.remove(&c);
                    }
                }
                if kind_s == "mult" || kind_s.is_empty() {
                    for c in form.chars() {
                        rules.mult.remove(&c);
                    }
                }
                continue;
            }
            let form = rules.fold_str(form_raw);
            if form.is_empty() {
                return Err(r.error("empty form"));
            }
            let value = r.get("value");
            if kind_s == "digit" || kind_s == "mult" {
                let mut cs = form.chars();
                let c = match (cs.next(), cs.next()) {
                    (Some(c), None) => c,
                    _ => return Err(r.error("a numeral is one character")),
                };
                let n: u32 = value
                    .parse()
                    .map_err(|_| r.error(format!("bad numeral value {value:?}")))?;
                if kind_s == "digit" {
                    if n > 9 {
                        return Err(r.error("a digit is 0-9"));
                    }
                    rules.digit.insert(c, n);
                } else {
                    if n != 10 && n != 100 && n != 1000 {
                        return Err(r.error("a multiplier is 10, 100 or 1000"));
                    }
                    rules.mult.insert(c, n);
                }
                continue;
            }
            let kind =
                Kind::parse(kind_s).ok_or_else(|| r.error(format!("unknown kind {kind_s:?}")))?;
            let e = Self::entry(kind, value, &r)?;
            entries.set((form, e.kind), e);
        }
        let mut entries: Vec<(String, Entry)> = entries
            .into_vec()
            .into_iter()
            .map(|((form, _), e)| (form, e))
            .collect();
        entries.extend(crate::holidays::entries(user_dir, &rules)?);
        rules.lunar = crate::holidays::lunar_table(user_dir)?;
        for (form, e) in entries {
            let len = form.chars().count();
            if len > 31 {
                return Err(LexiconError::Format {
                    file: FILE.to_string(),
                    line: 0,
                    msg: format!("form {form:?} is longer than 31 characters"),
                });
            }
            if let Some(c) = form.chars().next() {
                *rules.first.entry(c).or_default() |= 1 << len;
            }
            let key: Box<[char]> = form.chars().collect();
            rules.words.entry(key).or_default().push(e);
        }
        // Numerals are "interesting" too (mask 0: no form starts with them).
        let numerals: Vec<char> = rules
            .digit
            .keys()
            .chain(rules.mult.keys())
            .copied()
            .collect();
        for c in numerals {
            rules.first.entry(c).or_insert(0);
        }
        for (k, slot) in rules.ascii.iter_mut().enumerate() {
            let c = k as u8 as char;
            *slot = c.is_ascii_digit() || rules.first.contains_key(&c);
        }
        let mut first_dense = vec![0u32; (FOLD_HI - FOLD_LO) as usize];
        for (&c, &lens) in &rules.first {
            let u = c as u32;
            if (FOLD_LO..FOLD_HI).contains(&u) {
                first_dense[(u - FOLD_LO) as usize] = lens | 1;
            }
        }
        rules.first_dense = first_dense;
        rules.forms = crate::forms::Forms::new(
            rules.words.iter().map(|(k, v)| (&**k, v)),
            rules.digit.keys().chain(rules.mult.keys()).copied(),
        );
        Ok(rules)
    }

    /// The entry of a row of `kind` with its `value` checked.
    fn entry(kind: Kind, value: &str, r: &Record<'_>) -> Result<Entry, LexiconError> {
        let mut e = Entry {
            kind,
            n: 0,
            unit: None,
            mask: 0,
        };
        match kind {
            Kind::RelDay
            | Kind::RelWeek
            | Kind::RelMonth
            | Kind::RelYear
            | Kind::RelDayParen
            | Kind::AnaphorMonth
            | Kind::BareHoliday
            | Kind::AnaphorDay => {
                e.n = value
                    .parse()
                    .map_err(|_| r.error(format!("bad offset {value:?}")))?;
            }
            Kind::AnaphorYear | Kind::HolidayContext => {
                e.n = if value.is_empty() {
                    0
                } else {
                    value
                        .parse()
                        .map_err(|_| r.error(format!("bad offset {value:?}")))?
                };
            }
            Kind::Weekday => {
                e.n = value
                    .parse()
                    .ok()
                    .filter(|n| (1..=7).contains(n))
                    .ok_or_else(|| r.error("a weekday is 1 (Monday) to 7 (Sunday)"))?;
            }
            Kind::PartYear => {
                e.n = if value == "-" || value.is_empty() {
                    0
                } else {
                    value
                        .parse()
                        .ok()
                        .filter(|n| (1..=12).contains(n))
                        .ok_or_else(|| r.error("a part_year value is a month or -"))?
                };
            }
            Kind::PartAlone => {
                e.n = match value {
                    "month" => 0,
                    "year" => -1,
                    v => v
                        .strip_prefix("year:")
                        .and_then(|m| m.parse().ok())
                        .filter(|n| (1..=12).contains(n))
                        .ok_or_else(|| r.error("a part_alone value is year:M, year or month"))?,
                };
            }
            Kind::Unit => {
                e.unit = Some(
                    Unit::parse(value).ok_or_else(|| r.error(format!("unknown unit {value:?}")))?,
                );
            }
            Kind::Future => {
                e.n = match value {
                    "" => 0,
                    "adjacent" => 1,
                    "sentence" => 2,
                    v => return Err(r.error(format!("bad future value {v:?}"))),
                };
            }
            Kind::CountSuffix => {
                for u in shiju_lexicon::split_list(value) {
                    let u = Unit::parse(u).ok_or_else(|| r.error(format!("unknown unit {u:?}")))?;
                    e.mask |= u.bit();
                }
            }
            _ => {}
        }
        Ok(e)
    }

    /// The bit set of form lengths starting with `c`, if a form or a
    /// numeral starts with it.
    #[inline]
    pub(crate) fn first_lens(&self, c: char) -> Option<u32> {
        let u = c as u32;
        if !self.first_dense.is_empty() && (FOLD_LO..FOLD_HI).contains(&u) {
            let v = self.first_dense[(u - FOLD_LO) as usize];
            return (v != 0).then_some(v & !1);
        }
        self.first.get(&c).copied()
    }

    #[inline]
    pub(crate) fn fold_char(&self, c: char) -> char {
        let u = c as u32;
        if (0xFF01..=0xFF5E).contains(&u) {
            return char::from_u32(u - 0xFEE0).unwrap_or(c);
        }
        if u == 0x3000 {
            return ' ';
        }
        if !self.fold_dense.is_empty() {
            if (FOLD_LO..FOLD_HI).contains(&u) {
                let v = self.fold_dense[(u - FOLD_LO) as usize];
                return if v == '\0' { c } else { v };
            }
            if !self.fold_outside {
                return c;
            }
        }
        *self.fold.get(&c).unwrap_or(&c)
    }

    pub(crate) fn fold_str(&self, s: &str) -> String {
        s.chars().map(|c| self.fold_char(c)).collect()
    }

    /// The characters of [`TimexRules::prepare`] of a text whose
    /// characters are decoded already (a [`shiju_core::Text`]'s): they are
    /// only folded (the offsets are the text's own).
    pub(crate) fn fold_chars(&self, nc: &shiju_core::NormChars) -> Vec<char> {
        // Most characters are of the CJK blocks, past U+3000 (which folds
        // to a space): read from the table here, the rest by `fold_char`.
        let dense = !self.fold_dense.is_empty();
        let fold = |c: char| {
            let u = c as u32;
            if dense && FOLD_LO < u && u < FOLD_HI {
                let v = self.fold_dense[(u - FOLD_LO) as usize];
                if v == '\0' {
                    c
                } else {
                    v
                }
            } else {
                self.fold_char(c)
            }
        };
        nc.cs.iter().map(|&c| fold(c)).collect()
    }

    /// The characters of `s`, folded ([`TimexRules::fold_char`]).
    pub(crate) fn prepare(&self, s: &str) -> Vec<char> {
        s.chars().map(|c| self.fold_char(c)).collect()
    }

    /// Inlined: the first check (one table read) rejects most positions,
    /// so callers asking at every character pay no call for them.
    #[inline]
    pub(crate) fn lookup_kind(&self, cs: &[char], i: usize, kind: Kind) -> Option<(usize, Entry)> {
        if !self.forms.may_start(*cs.get(i)?, kind) {
            return None;
        }
        self.lookup_kind_from(cs, i, kind)
    }

    /// [`TimexRules::lookup_kind`] past its first check.
    #[inline(never)]
    fn lookup_kind_from(&self, cs: &[char], i: usize, kind: Kind) -> Option<(usize, Entry)> {
        self.lookup(cs, i, |e| e.kind == kind)
    }
}
