//! shiju-timex: finds Chinese temporal expressions and resolves them against
//! the publication date.
//!
//! # How it works
//!
//! 1. **Folding.** The scanner reads `text.norm` char by char through a fold:
//!    full-width ASCII (`０`–`９`, `－`, `～`) becomes half-width and the
//!    traditional characters of `lexicon/time_words.tsv` (`fold` rows: 週→周,
//!    個→个, 號→号…) become simplified, so the rules work on traditional and
//!    full-width text even when no normaliser ran before.
//! 2. **Scanning** (left to right, leftmost-longest) builds raw expressions:
//!    numeric dates (`2022年3月`, `二〇二二年`, `十一月十五日`, `14日`,
//!    `民国111年`, `111年9月15日`, `2022-09-15`), counts before 前 (`三年前`,
//!    `两天前`), relative words (`去年10月`, `本月早些时候`, `上周一`, `明天`),
//!    weekdays and standalone parts (`年底`). Counts (`两年多`, `三年来`,
//!    `前6个月`, `近两日`) and names (`今日俄罗斯`) never become timex.
//! 3. **Resolution** against a reference date, in text order, with context:
//!    * reference: `ctx.published`; a wire dateline in the first lines
//!      (`中央社倫敦14日電`, `新华社北京3月5日电`) moves it to the dateline day;
//!      relative day/week words inside a quotation take the date of the
//!      paragraph's dated attribution (`…佩斯科夫周一…说。“…今天…”`).
//!    * tense: the nearest marker before the expression in its clause, else
//!      the first one after it (`将于`, `计划` = future; `曾`, `已`, `表示` =
//!      past; rel words with a positive offset count as future).
//!    * weekdays: the most recent such day on or before the reference; with a
//!      future marker the next one on or after it.
//!    * anaphoric days (`当天`, `当晚`, `次日`): the last day-precision date
//!      mentioned outside quotes and not introduced by `对于`/`关于`, else the
//!      reference. A time of day after a day expression joins its span
//!      (`周一上午`, `17日晚`).
//!    * **year inheritance** of a month (or month-day) without a year:
//!      1. future tense → the next such month from the reference on (this
//!         year; next year when it passed more than two months ago);
//!      2. else the year of the last explicit or relative year expression
//!         (`2022年`, `去年`, `三年前`; not bounds like `1991年以来`,
//!         `2030年前`) in the same or the previous paragraph, when that is
//!         not the reference year;
//!      3. else the reference year when the month is not ahead of the
//!         reference; ahead of it: last year's with a past marker;
//!         unmarked, up to six months ahead it is upcoming (Chinese news
//!         writes 去年X月 for last year's months), further ahead (a January
//!         article's 12月) last year's.
//!    * a bare day (`19日`) takes the month of the last month-bearing
//!      expression of the same sentence (`11月13日至19日`), or of the same
//!      paragraph when that month is not the reference month (the dateline
//!      never counts); otherwise the reference month, or the previous month
//!      when the day is more than one day after the reference day (the next
//!      month when future and before it).
//!    * without a reference only absolute expressions resolve.
//! 4. Values: `YYYY-MM-DD`, `YYYY-MM`, `YYYY-Www` (ISO week), `YYYY`; parts
//!    of months keep month precision, `年初`/`年底` give the first/last month.
//!
//! [`guess_published`] finds a publication date in body text; see its doc
//! for the order of evidence.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use chrono::{Datelike, Duration};
use shiju_core::{Context, Date, Script, Text, Timex};
use shiju_lexicon::{LexiconError, Table};

/// FxHash (rustc's hasher, from `rustc-hash`) for the char-keyed tables
/// (the default SipHash dominates the scan otherwise); keys come from the
/// lexicon, not from untrusted input, so no flooding resistance is needed.
type Fx = rustc_hash::FxBuildHasher;
type Map<K, V> = HashMap<K, V, Fx>;

const TIME_WORDS: &str = include_str!("../../../lexicon/time_words.tsv");
const FILE: &str = "time_words.tsv";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
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
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
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
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Year,
    Month,
    Day,
    Days,
    Weeks,
    Months,
}

impl Unit {
    fn parse(s: &str) -> Option<Unit> {
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
    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// One meaning of a lexicon form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    kind: Kind,
    /// Offset (rel_*), ISO weekday, month of a part (0 = keep precision).
    n: i32,
    unit: Option<Unit>,
    /// count_suffix: units it applies to (bit set), 0 = all.
    mask: u8,
}

/// The compiled time-word rules, built once from `lexicon/time_words.tsv`
/// (plus the user's file of that name) and shared read-only.
#[derive(Debug)]
pub struct TimexRules {
    words: Map<Box<[char]>, Vec<Entry>>,
    /// First character of a form → bit set of the form lengths starting with it.
    first: Map<char, u32>,
    /// `first` for `FOLD_LO..FOLD_HI` as a table: the bit set with bit 0
    /// (no form has length 0) marking presence, 0 for absent; empty until
    /// [`TimexRules::new`] has filled `first`.
    first_dense: Vec<u32>,
    max_len: usize,
    fold: Map<char, char>,
    /// `fold` for `FOLD_LO..FOLD_HI` as a table ('\0': no row); empty
    /// until [`TimexRules::new`] has read the fold rows.
    fold_dense: Vec<char>,
    /// Some fold row maps a character outside `FOLD_LO..FOLD_HI`.
    fold_outside: bool,
    digit: Map<char, u32>,
    mult: Map<char, u32>,
    /// ASCII characters that can start an expression or a form.
    ascii: [bool; 128],
}

/// The range of [`TimexRules::fold_dense`]: CJK punctuation to the end of
/// the unified ideographs.
const FOLD_LO: u32 = 0x3000;
const FOLD_HI: u32 = 0xA000;

impl Default for TimexRules {
    fn default() -> Self {
        TimexRules {
            words: Map::default(),
            first: Map::default(),
            first_dense: Vec::new(),
            max_len: 0,
            fold: Map::default(),
            fold_dense: Vec::new(),
            fold_outside: false,
            digit: Map::default(),
            mult: Map::default(),
            ascii: [false; 128],
        }
    }
}

/// Folded characters of a text with the byte offset (in `text.norm`) of each.
struct Chars {
    cs: Vec<char>,
    /// Byte offset of each char, plus the text's length.
    off: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Arabic,
    /// Chinese digits read one by one (二〇二二).
    CnDigits,
    /// Chinese numerals with 十/百 (二十三).
    CnPos,
}

#[derive(Debug, Clone, Copy)]
struct Num {
    val: u64,
    end: usize,
    ndig: usize,
    style: Style,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearSpec {
    None,
    Abs(i32),
    Rel(i32),
    Anaphor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MonthSpec {
    None,
    Abs(u32),
    Rel(i32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RawKind {
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
    /// Standalone 年初 (1) / 年底 (12); 0 = 月初/月底 (the reference month).
    Alone(u32),
}

#[derive(Debug, Clone, Copy)]
struct Raw {
    start: usize,
    end: usize,
    kind: RawKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Future,
    Past,
    Unmarked,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Value {
    Day(Date),
    Month(i32, u32),
    Week(Date),
    Year(i32),
}

impl Value {
    fn render(self) -> Option<String> {
        match self {
            Value::Day(d) => {
                if (1..=9999).contains(&d.year()) {
                    Some(d.format("%Y-%m-%d").to_string())
                } else {
                    None
                }
            }
            Value::Month(y, m) => {
                if (1..=9999).contains(&y) && (1..=12).contains(&m) {
                    Some(format!("{y:04}-{m:02}"))
                } else {
                    None
                }
            }
            Value::Week(d) => {
                let w = d.iso_week();
                if (1..=9999).contains(&w.year()) {
                    Some(format!("{:04}-W{:02}", w.year(), w.week()))
                } else {
                    None
                }
            }
            Value::Year(y) => {
                if (1..=9999).contains(&y) {
                    Some(format!("{y:04}"))
                } else {
                    None
                }
            }
        }
    }
}

fn add_months(y: i32, m: u32, off: i32) -> (i32, u32) {
    let idx = y as i64 * 12 + (m as i64 - 1) + off as i64;
    let y2 = idx.div_euclid(12) as i32;
    let m2 = idx.rem_euclid(12) as u32 + 1;
    (y2, m2)
}

/// `d` moved by `days` (None outside chrono's range).
fn shift(d: Date, days: i64) -> Option<Date> {
    d.checked_add_signed(Duration::try_days(days)?)
}

fn ymd(y: i32, m: u32, d: u32) -> Option<Date> {
    Date::from_ymd_opt(y, m, d)
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '\n')
}

fn is_clause_end(c: char) -> bool {
    is_sentence_end(c)
        || matches!(
            c,
            '，' | ',' | '：' | ':' | '、' | '“' | '”' | '「' | '」' | '『' | '』' | '"'
        )
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
        let mut entries: Vec<(String, Entry)> = Vec::new();
        for r in table.records() {
            let kind_s = r.get("kind");
            if kind_s == "fold" {
                continue;
            }
            let form_raw = r.get("form");
            if let Some(rest) = form_raw.strip_prefix('-') {
                let form = rules.fold_str(rest);
                let kind = Kind::parse(kind_s);
                entries.retain(|(f, e)| !(f == &form && kind.is_none_or(|k| k == e.kind)));
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
                | Kind::AnaphorDay => {
                    e.n = value
                        .parse()
                        .map_err(|_| r.error(format!("bad offset {value:?}")))?;
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
                        v => v
                            .strip_prefix("year:")
                            .and_then(|m| m.parse().ok())
                            .filter(|n| (1..=12).contains(n))
                            .ok_or_else(|| r.error("a part_alone value is year:M or month"))?,
                    };
                }
                Kind::Unit => {
                    e.unit = Some(
                        Unit::parse(value)
                            .ok_or_else(|| r.error(format!("unknown unit {value:?}")))?,
                    );
                }
                Kind::Future => {
                    e.n = match value {
                        "" => 0,
                        "adjacent" => 1,
                        v => return Err(r.error(format!("bad future value {v:?}"))),
                    };
                }
                Kind::CountSuffix => {
                    for u in shiju_lexicon::split_list(value) {
                        let u =
                            Unit::parse(u).ok_or_else(|| r.error(format!("unknown unit {u:?}")))?;
                        e.mask |= u.bit();
                    }
                }
                _ => {}
            }
            entries.retain(|(f, x)| !(f == &form && x.kind == kind));
            entries.push((form, e));
        }
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
            rules.max_len = rules.max_len.max(len);
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
        Ok(rules)
    }

    /// The bit set of form lengths starting with `c`, if a form or a
    /// numeral starts with it.
    #[inline]
    fn first_lens(&self, c: char) -> Option<u32> {
        let u = c as u32;
        if !self.first_dense.is_empty() && (FOLD_LO..FOLD_HI).contains(&u) {
            let v = self.first_dense[(u - FOLD_LO) as usize];
            return (v != 0).then_some(v & !1);
        }
        self.first.get(&c).copied()
    }

    fn fold_char(&self, c: char) -> char {
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

    fn fold_str(&self, s: &str) -> String {
        s.chars().map(|c| self.fold_char(c)).collect()
    }

    fn prepare(&self, s: &str) -> Chars {
        let mut cs = Vec::with_capacity(s.len() / 2);
        let mut off = Vec::with_capacity(s.len() / 2 + 1);
        for (i, c) in s.char_indices() {
            cs.push(self.fold_char(c));
            off.push(i);
        }
        off.push(s.len());
        Chars { cs, off }
    }

    /// Longest form at `i` with an entry accepted by `pred`: (length in chars, entry).
    fn lookup(
        &self,
        cs: &[char],
        i: usize,
        pred: impl Fn(&Entry) -> bool,
    ) -> Option<(usize, Entry)> {
        let lens = cs.get(i).and_then(|&c| self.first_lens(c))?;
        let maxl = self.max_len.min(cs.len() - i);
        // The form lengths 1..=maxl starting with cs[i], longest first (bit l
        // set for length l; forms are at most 31 characters).
        let mut bits = lens & !1;
        if maxl < 31 {
            bits &= (1u32 << (maxl + 1)) - 1;
        }
        while bits != 0 {
            let l = 31 - bits.leading_zeros() as usize;
            bits &= !(1u32 << l);
            if let Some(es) = self.words.get(&cs[i..i + l]) {
                if let Some(e) = es.iter().find(|e| pred(e)) {
                    return Some((l, *e));
                }
            }
        }
        None
    }

    fn lookup_kind(&self, cs: &[char], i: usize, kind: Kind) -> Option<(usize, Entry)> {
        self.lookup(cs, i, |e| e.kind == kind)
    }

    fn is_numeral(&self, c: char) -> bool {
        c.is_ascii_digit() || self.digit.contains_key(&c) || self.mult.contains_key(&c)
    }

    /// Whether a count_prefix word ends right before `i`.
    fn count_prefixed(&self, cs: &[char], i: usize) -> bool {
        (1..=4.min(i)).any(|l| {
            self.lookup_kind(cs, i - l, Kind::CountPrefix)
                .is_some_and(|(len, _)| len == l)
        })
    }

    fn count_suffixed(&self, cs: &[char], j: usize, unit: Unit) -> bool {
        self.lookup_kind(cs, j, Kind::CountSuffix)
            .is_some_and(|(_, e)| e.mask == 0 || e.mask & unit.bit() != 0)
    }

    fn parse_num(&self, cs: &[char], i: usize) -> Option<Num> {
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
    fn unit_at(&self, cs: &[char], j: usize) -> Option<(usize, Unit)> {
        let skip = usize::from(cs.get(j) == Some(&' ') && j > 0 && cs[j - 1].is_ascii_digit());
        self.lookup_kind(cs, j + skip, Kind::Unit)
            .and_then(|(l, e)| e.unit.map(|u| (l + skip, u)))
    }

    /// Where the next component after a unit at `j - 1` starts: `j`, or
    /// past one space before Arabic digits.
    fn next_part(cs: &[char], j: usize) -> usize {
        if cs.get(j) == Some(&' ') && cs.get(j + 1).is_some_and(|c| c.is_ascii_digit()) {
            j + 1
        } else {
            j
        }
    }

    /// `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.M.D` at `i` (a 4-digit number).
    fn iso_date(&self, cs: &[char], i: usize, num: &Num) -> Option<Raw> {
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
    fn after_year(&self, cs: &[char], start: usize, j: usize, year: YearSpec) -> Raw {
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
    fn after_month(
        &self,
        cs: &[char],
        start: usize,
        j: usize,
        year: YearSpec,
        month: MonthSpec,
    ) -> Raw {
        if let Some(num) = self.parse_num(cs, Self::next_part(cs, j)) {
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

    /// A numeric expression starting at `i` (`roc`: after 民国).
    fn numeric(&self, cs: &[char], i: usize, start: usize, roc: bool, trad: bool) -> Option<Raw> {
        let num = self.parse_num(cs, i)?;
        if !roc {
            if let Some(r) = self.iso_date(cs, i, &num) {
                return Some(r);
            }
        }
        let prefixed = !roc && self.count_prefixed(cs, i);
        let four = num.ndig == 4 && matches!(num.style, Style::Arabic | Style::CnDigits);
        let Some((ul, unit)) = self.unit_at(cs, num.end) else {
            // A range's first half takes the unit of the second: 13至19日, 3至5月.
            let (cl, _) = self.lookup_kind(cs, num.end, Kind::Connector)?;
            let k = num.end + cl;
            let second = self.parse_num(cs, k)?;
            let (_, u2) = self.unit_at(cs, second.end)?;
            if prefixed || num.style != second.style {
                return None;
            }
            let kind = match u2 {
                Unit::Day if (1..=31).contains(&num.val) && num.val < second.val => RawKind::Date {
                    year: YearSpec::None,
                    month: MonthSpec::None,
                    day: Some(num.val as u32),
                    year_part: 0,
                },
                Unit::Month if (1..=12).contains(&num.val) && num.val < second.val => {
                    RawKind::Date {
                        year: YearSpec::None,
                        month: MonthSpec::Abs(num.val as u32),
                        day: None,
                        year_part: 0,
                    }
                }
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
            return Some(Raw {
                start,
                end: num.end,
                kind,
            });
        };
        let j = num.end + ul;
        let ago = |j: usize| self.lookup_kind(cs, j, Kind::Ago).map(|(l, _)| j + l);
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
                    if prefixed || self.count_suffixed(cs, j, Unit::Year) {
                        return None;
                    }
                    // 1000年前 is a count of years ago, not the year 1000.
                    if num.val < 1800 && ago(j).is_some() {
                        return None;
                    }
                    return Some(self.after_year(cs, start, j, YearSpec::Abs(num.val as i32)));
                }
                let count_like = match num.style {
                    Style::Arabic => num.ndig <= 3,
                    Style::CnPos => true,
                    Style::CnDigits => num.ndig == 1,
                };
                if count_like && !prefixed {
                    if let Some(e) = ago(j) {
                        if (1..=300).contains(&num.val) {
                            return Some(Raw {
                                start,
                                end: e,
                                kind: RawKind::Ago {
                                    n: num.val as i64,
                                    unit: Unit::Year,
                                },
                            });
                        }
                        return None;
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
                if i > 0 && cs[i - 1] == '月' {
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
                let e = ago(j)?;
                Some(Raw {
                    start,
                    end: e,
                    kind: RawKind::Ago {
                        n: num.val as i64,
                        unit,
                    },
                })
            }
        }
    }

    /// The expression starting at `i`, if any.
    fn parse_at(&self, cs: &[char], i: usize, trad: bool) -> Option<Raw> {
        let c = cs[i];
        if self.is_numeral(c) {
            if let Some(r) = self.numeric(cs, i, i, false, trad) {
                return Some(r);
            }
        }
        let (l, e) = self.lookup(cs, i, |e| {
            matches!(
                e.kind,
                Kind::RelDay
                    | Kind::RelWeek
                    | Kind::RelMonth
                    | Kind::RelYear
                    | Kind::AnaphorYear
                    | Kind::AnaphorDay
                    | Kind::Weekday
                    | Kind::PartAlone
                    | Kind::RocPrefix
            )
        })?;
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
                // 同年12月9日: the span is the month expression (as annotated);
                // 同年 only supplies the year.
                let mut r = self.after_year(cs, i, j, YearSpec::Anaphor);
                if matches!(
                    r.kind,
                    RawKind::Date {
                        month: MonthSpec::Abs(_),
                        ..
                    }
                ) {
                    r.start = j;
                }
                Some(r)
            }
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
                let end = if cs.get(j) == Some(&'末') {
                    j + 1
                } else {
                    match self.lookup_kind(cs, j, Kind::PartMonth) {
                        Some((pl, _)) if matches!(cs[j], '早' | '晚' | '稍') => j + pl,
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
                // 两周一次, 每周一: a count or a recurrence, not a day.
                if let Some(p) = prev {
                    if self.is_numeral(p)
                        || matches!(p, '每' | '几' | '数' | '多' | '半' | '个' | '隔' | '逢')
                    {
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
            Kind::PartAlone => {
                if prev.is_some_and(|p| self.is_numeral(p) || p == '年' || p == '月') {
                    return None;
                }
                Some(Raw {
                    start: i,
                    end: j,
                    kind: RawKind::Alone(e.n as u32),
                })
            }
            _ => None,
        }
    }

    /// All raw expressions, left to right, non-overlapping.
    fn scan(&self, cs: &[char], trad: bool) -> Vec<Raw> {
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
            if let Some(mut r) = self.parse_at(cs, i, trad) {
                if r.end > i {
                    let day_precise = matches!(
                        r.kind,
                        RawKind::Weekday { .. }
                            | RawKind::RelDay(_)
                            | RawKind::AnaphorDay(_)
                            | RawKind::Date { day: Some(_), .. }
                    );
                    if day_precise {
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

    /// Marker class of a word at `k`: (length, Some(is_future)) or (length, None) for neutral.
    /// `adjacent`: the position right after the expression (where `adjacent`
    /// future markers such as 会 count).
    fn marker_at(&self, cs: &[char], k: usize, adjacent: bool) -> Option<(usize, Option<bool>)> {
        let (l, e) = self.lookup(cs, k, |e| {
            matches!(
                e.kind,
                Kind::Future
                    | Kind::Past
                    | Kind::Neutral
                    | Kind::RelDay
                    | Kind::RelWeek
                    | Kind::RelMonth
                    | Kind::RelYear
            )
        })?;
        Some(match e.kind {
            Kind::Future if e.n == 1 && !adjacent => (l, None),
            Kind::Future => (l, Some(true)),
            Kind::Past => (l, Some(false)),
            Kind::RelDay | Kind::RelWeek | Kind::RelMonth | Kind::RelYear => {
                if e.n > 0 {
                    (l, Some(true))
                } else if e.n < 0 {
                    (l, Some(false))
                } else {
                    (l, None)
                }
            }
            _ => (l, None),
        })
    }

    fn tense(&self, cs: &[char], start: usize, end: usize) -> Tense {
        // Backward: the clause before the expression (at most 20 chars).
        let mut ws = start;
        while ws > 0 && start - ws < 20 && !is_clause_end(cs[ws - 1]) {
            ws -= 1;
        }
        let mut last: Option<bool> = None;
        let mut k = ws;
        while k < start {
            match self.marker_at(cs, k, false) {
                Some((l, m)) if k + l <= start => {
                    if m.is_some() {
                        last = m;
                    }
                    k += l;
                }
                _ => k += 1,
            }
        }
        match last {
            Some(true) => return Tense::Future,
            Some(false) => return Tense::Past,
            None => {}
        }
        // Forward: the rest of the clause; a topic-position expression
        // followed by a comma (12月，议会通过了…) reads the next clause.
        let mut from = end;
        if matches!(cs.get(end), Some('，') | Some(',')) {
            from = end + 1;
        }
        let mut k = from;
        while k < cs.len() && k - from < 12 && !is_clause_end(cs[k]) {
            match self.marker_at(cs, k, k == end) {
                Some((_, Some(f))) => return if f { Tense::Future } else { Tense::Past },
                Some((l, None)) => k += l,
                None => k += 1,
            }
        }
        Tense::Unmarked
    }

    /// Temporal expressions of the text, in text order, resolved against
    /// `ctx.published` (see the crate doc for the rules).
    ///
    /// Matching runs over `text.norm` (folded further for traditional and
    /// full-width forms); `start`/`end` are byte offsets into
    /// `text.original` and `text` is the original surface
    /// (`text.orig_str`). Without a reference date only absolute
    /// expressions are returned. `ctx.script == Traditional` also enables
    /// bare ROC years (`112年度`).
    pub fn find(&self, text: &Text, ctx: &Context) -> Vec<Timex> {
        let chars = self.prepare(&text.norm);
        let trad = ctx.script == Script::Traditional;
        let raws = self.scan(&chars.cs, trad);
        let resolved = self.resolve_all(&chars.cs, &raws, ctx.published);
        let mut out = Vec::with_capacity(resolved.len());
        for (raw, value) in resolved {
            let (ns, ne) = (chars.off[raw.start], chars.off[raw.end]);
            let (s, e) = text.orig_span(ns, ne);
            out.push(Timex {
                text: text.orig_str(ns, ne).to_string(),
                value,
                start: s,
                end: e,
            });
        }
        out
    }

    /// The dateline date of a text: a day (or month and day) closing into
    /// 电/綜合外電報導… within the first lines, resolved against `published`.
    fn dateline(
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
                    let p = published?;
                    let (y, m) = if d > p.day() {
                        add_months(p.year(), p.month(), -1)
                    } else {
                        (p.year(), p.month())
                    };
                    ymd(y, m, d)
                }
                _ => None,
            };
            if let Some(dt) = date {
                return Some((r.start, dt));
            }
        }
        None
    }

    fn resolve_all(
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
        // Paragraph and sentence of each char; quotation depth.
        let n = cs.len();
        let mut para = vec![0u32; n + 1];
        let mut sent = vec![0u32; n + 1];
        let mut quoted = vec![false; n + 1];
        let (mut p, mut s, mut depth, mut ascii_open) = (0u32, 0u32, 0i32, false);
        // Blank lines do not count as paragraphs.
        let mut para_has_text = false;
        for (k, &c) in cs.iter().enumerate() {
            match c {
                '“' | '「' | '『' => depth += 1,
                '”' | '」' | '』' => depth = (depth - 1).max(0),
                '"' => ascii_open = !ascii_open,
                '\n' => {
                    depth = 0;
                    ascii_open = false;
                }
                _ => {}
            }
            para[k] = p;
            sent[k] = s;
            quoted[k] = depth > 0 || ascii_open;
            if c == '\n' {
                if para_has_text {
                    p += 1;
                }
                para_has_text = false;
            } else if !c.is_whitespace() {
                para_has_text = true;
            }
            if is_sentence_end(c) {
                s += 1;
            }
        }
        para[n] = p;
        sent[n] = s;
        // Dated attributions: a weekday or day word outside quotes followed by
        // a reporting verb in the same sentence.
        let mut attribution: HashMap<u32, Date> = HashMap::new();
        if let Some(rf) = reference {
            for r in raws {
                if quoted[r.start] || attribution.contains_key(&para[r.start]) {
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
                let mut k = r.end;
                while k < n
                    && k - r.end < 20
                    && !is_sentence_end(cs[k])
                    && !matches!(cs[k], '“' | '「' | '『')
                {
                    if self.lookup_kind(cs, k, Kind::Speech).is_some() {
                        attribution.insert(para[r.start], d);
                        break;
                    }
                    k += 1;
                }
            }
        }
        let mut out = Vec::new();
        let mut year_ctx: Option<(i32, u32)> = None; // (year, paragraph)
        let mut month_ctx: Option<(i32, u32, u32, u32)> = None; // (year, month, sentence, paragraph)
        let mut last_day: Option<(usize, Date)> = None;
        // The day 当天 refers to: the last day-precision date not introduced
        // by 对于/关于 (a topic, not the narrative's day).
        let mut anchor: Option<Date> = None;
        for r in raws {
            let pi = para[r.start];
            let si = sent[r.start];
            let rf = match r.kind {
                RawKind::RelDay(_) | RawKind::Week(_) | RawKind::Weekday { week: Some(_), .. }
                    if quoted[r.start] =>
                {
                    attribution.get(&pi).copied().or(reference)
                }
                _ => reference,
            };
            let ctx_year = year_ctx.filter(|&(_, yp)| pi <= yp + 1).map(|(y, _)| y);
            let mut set_year: Option<i32> = None;
            let mut set_month: Option<(i32, u32)> = None;
            let value: Option<Value> = match r.kind {
                RawKind::Date {
                    year,
                    month,
                    day,
                    year_part,
                } => {
                    let y_explicit = match year {
                        YearSpec::Abs(y) => Some(y),
                        YearSpec::Rel(o) => rf.map(|d| d.year() + o),
                        YearSpec::Anaphor => year_ctx.map(|(y, _)| y),
                        YearSpec::None => None,
                    };
                    match (month, day) {
                        (MonthSpec::None, None) => y_explicit.map(|y| {
                            if !matches!(year, YearSpec::Anaphor) {
                                set_year = Some(y);
                            }
                            if year_part > 0 {
                                Value::Month(y, year_part)
                            } else {
                                Value::Year(y)
                            }
                        }),
                        (MonthSpec::None, Some(d)) => {
                            // Bare day.
                            let ym = match month_ctx {
                                // Same sentence (11月13日至19日); same paragraph
                                // when the month is not the reference month
                                // (去年11月13日…。15日…).
                                Some((y, m, ms, mp))
                                    if ms == si
                                        || (mp == pi
                                            && rf.is_none_or(|f| {
                                                (f.year(), f.month()) != (y, m)
                                            })) =>
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
                            ym.and_then(|(y, m)| ymd(y, m, d)).map(Value::Day)
                        }
                        (MonthSpec::Rel(o), d) => rf.and_then(|f| {
                            let (y, m) = add_months(f.year(), f.month(), o);
                            set_year = Some(y);
                            set_month = Some((y, m));
                            match d {
                                Some(d) => ymd(y, m, d).map(Value::Day),
                                None => Some(Value::Month(y, m)),
                            }
                        }),
                        (MonthSpec::Abs(m), d) => {
                            let y = match y_explicit {
                                Some(y) => {
                                    if !matches!(year, YearSpec::Anaphor) {
                                        set_year = Some(y);
                                    }
                                    Some(y)
                                }
                                None => {
                                    let t = self.tense(cs, r.start, r.end);
                                    infer_year(m, d, t, ctx_year, rf)
                                }
                            };
                            y.and_then(|y| {
                                set_month = Some((y, m));
                                match d {
                                    Some(d) => ymd(y, m, d).map(Value::Day),
                                    None => Some(Value::Month(y, m)),
                                }
                            })
                        }
                    }
                }
                RawKind::Week(o) => rf.and_then(|f| shift(f, 7 * o as i64)).map(Value::Week),
                RawKind::Weekday { week: Some(o), wd } => {
                    rf.and_then(|f| shift(f, 7 * o as i64)).and_then(|base| {
                        let cur = base.weekday().number_from_monday() as i64;
                        shift(base, wd as i64 - cur).map(Value::Day)
                    })
                }
                RawKind::Weekday { week: None, wd } => {
                    // 9月15日（星期四）: the weekday of the date just given.
                    let after_date = last_day.and_then(|(e, d)| {
                        let between = &cs[e.min(r.start)..r.start];
                        (between.len() <= 2
                            && between.iter().all(|c| matches!(c, '(' | ' ' | '，' | ',')))
                        .then_some(d)
                    });
                    match after_date {
                        Some(d) => {
                            (d.weekday().number_from_monday() == wd).then_some(Value::Day(d))
                        }
                        None => rf.and_then(|f| {
                            let fut = self.tense(cs, r.start, r.end) == Tense::Future;
                            weekday_date(f, wd, fut).map(Value::Day)
                        }),
                    }
                }
                RawKind::RelDay(o) => rf.and_then(|f| shift(f, o as i64)).map(Value::Day),
                RawKind::AnaphorDay(o) => anchor
                    .or(reference)
                    .and_then(|a| a.checked_add_signed(Duration::days(o as i64)))
                    .map(Value::Day),
                RawKind::Ago { n, unit } => rf.and_then(|f| match unit {
                    Unit::Year => {
                        let y = f.year() - n as i32;
                        set_year = Some(y);
                        Some(Value::Year(y))
                    }
                    Unit::Months => {
                        let (y, m) = add_months(f.year(), f.month(), -(n as i32));
                        Some(Value::Month(y, m))
                    }
                    Unit::Weeks => f.checked_sub_signed(Duration::days(7 * n)).map(Value::Week),
                    Unit::Days => f.checked_sub_signed(Duration::days(n)).map(Value::Day),
                    _ => None,
                }),
                // 年底 alone: in the year of the context (2019年成立，年底上市),
                // else the reference year; 月底 alone: the reference month.
                RawKind::Alone(m) => {
                    if m == 0 {
                        rf.map(|f| Value::Month(f.year(), f.month()))
                    } else {
                        ctx_year
                            .or(rf.map(|f| f.year()))
                            .map(|y| Value::Month(y, m))
                    }
                }
            };
            if let Some(y) = set_year {
                // 自1991年以来 / 2030年前: a bound, not the narrative's year.
                if self.lookup_kind(cs, r.end, Kind::NoContext).is_none() {
                    year_ctx = Some((y, pi));
                }
            }
            // The dateline is no narrative month (新华社北京3月5日电 外交部28日…).
            if let Some((y, m)) = set_month.filter(|_| r.start != dateline_at) {
                month_ctx = Some((y, m, si, pi));
            }
            if let Some(v) = value {
                if let Value::Day(d) = v {
                    last_day = Some((r.end, d));
                    let topic = (1..=3.min(r.start)).any(|l| {
                        self.lookup_kind(cs, r.start - l, Kind::NoAnchor)
                            .is_some_and(|(len, _)| len == l)
                    });
                    if !topic && !quoted[r.start] {
                        anchor = Some(d);
                    }
                }
                if let Some(s) = v.render() {
                    out.push((*r, s));
                }
            }
        }
        out
    }
}

/// Weekday `wd` (1 = Monday) relative to `rf`: the most recent on or before
/// it, or with `future` the first on or after it (the reference day itself
/// when it is that weekday: news dated in Asia often reports a US "Saturday"
/// on that Saturday).
fn weekday_date(rf: Date, wd: u32, future: bool) -> Option<Date> {
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
fn infer_year(
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

fn default_rules() -> Option<&'static TimexRules> {
    static RULES: OnceLock<Option<TimexRules>> = OnceLock::new();
    RULES.get_or_init(|| TimexRules::new(None).ok()).as_ref()
}

/// ROC date code like "1110915" → 2022-09-15 (validate month/day).
///
/// Six or seven ASCII digits: the Minguo year (1912 = year 1), then month
/// and day, two digits each. Anything else, or an impossible date, is None.
pub fn roc_date_code(s: &str) -> Option<Date> {
    let s = s.trim();
    if !(6..=7).contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, rest) = s.split_at(s.len() - 4);
    let (m, d) = rest.split_at(2);
    let y: i32 = y.parse().ok()?;
    if y == 0 {
        return None;
    }
    ymd(1911 + y, m.parse().ok()?, d.parse().ok()?)
}

/// The dateline date of a body (`（中央社倫敦14日電）`, `新华社北京3月5日电`),
/// resolved against the publication date (a day after it belongs to the
/// previous month). This is the reference date wire copy states relative
/// dates against; [`TimexRules::find`] applies it by itself.
pub fn dateline_date(body: &str, published: Option<Date>) -> Option<Date> {
    let rules = default_rules()?;
    let chars = rules.prepare(body);
    let raws = rules.scan(&chars.cs, true);
    rules.dateline(&chars.cs, &raws, published).map(|(_, d)| d)
}

/// Best guess of a publication date from body text when metadata has none.
///
/// Evidence, strongest first:
/// 1. a ROC date code (`1110915`) standing alone or after a closing
///    bracket, as CNA appends it to its credit line (the last one wins);
/// 2. the last full date (year, month, day) on a credit or date line
///    (`（编辑 …）`, `发布时间：2023-11-14`);
/// 3. the dateline (`新华社北京3月5日电`, `中央社倫敦14日電`), resolved against
///    `hint` or against the latest full date of the text;
/// 4. the first full date on a short line (≤ 60 chars, no sentence
///    punctuation) among the first six (a printed date line);
/// 5. `hint` itself.
pub fn guess_published(body: &str, hint: Option<Date>) -> Option<Date> {
    let Some(rules) = default_rules() else {
        return hint;
    };
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
                || before.ends_with(['）', ')', '\n', '】', ']'])
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
    let chars = rules.prepare(body);
    let cs = &chars.cs;
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
    let line_of = |pos: usize| -> (usize, usize) {
        let mut s = pos;
        while s > 0 && cs[s - 1] != '\n' {
            s -= 1;
        }
        let mut e = pos;
        while e < cs.len() && cs[e] != '\n' {
            e += 1;
        }
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
                let before = k > s && matches!(cs[k - 1], '(' | '[' | '【' | '〔');
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
    let sixth_line = cs
        .iter()
        .enumerate()
        .filter(|(_, &c)| c == '\n')
        .nth(5)
        .map(|(k, _)| k)
        .unwrap_or(cs.len());
    for &(p, d) in &full {
        if p >= sixth_line {
            break;
        }
        let (s, e) = line_of(p);
        let sentence = cs[s..e].iter().any(|&c| matches!(c, '。' | '，' | '；'));
        if e - s <= 60 && !sentence {
            return Some(d);
        }
    }
    hint
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_compiles() {
        let r = TimexRules::new(None).unwrap();
        let key: Vec<char> = "上周".chars().collect();
        assert!(r.words.contains_key(key.as_slice()));
        assert_eq!(r.fold_char('週'), '周');
        assert_eq!(r.fold_char('１'), '1');
    }

    #[test]
    fn chinese_numerals() {
        let r = TimexRules::new(None).unwrap();
        let v = |s: &str| {
            let cs: Vec<char> = s.chars().collect();
            r.parse_num(&cs, 0).map(|n| n.val)
        };
        assert_eq!(v("二〇二二"), Some(2022));
        assert_eq!(v("十一"), Some(11));
        assert_eq!(v("二十三"), Some(23));
        assert_eq!(v("五十三"), Some(53));
        assert_eq!(v("十"), Some(10));
        assert_eq!(v("一百二十"), Some(120));
        assert_eq!(v("十十"), None);
        assert_eq!(v("一百零五"), Some(105));
        assert_eq!(v("两"), Some(2));
    }

    #[test]
    fn add_months_wraps() {
        assert_eq!(add_months(2025, 1, -1), (2024, 12));
        assert_eq!(add_months(2024, 12, 1), (2025, 1));
        assert_eq!(add_months(2024, 3, -15), (2022, 12));
    }
}
