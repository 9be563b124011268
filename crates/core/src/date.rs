//! Calendar dates. shiju uses `chrono::NaiveDate` (proleptic Gregorian, no
//! time zone): a publication date is the outlet's local date.

/// A calendar date.
pub type Date = chrono::NaiveDate;

/// Parses `YYYY-MM-DD`.
pub fn parse_ymd(s: &str) -> Option<Date> {
    Date::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

use chrono::{Datelike, Duration, Weekday};

/// `YYYY-MM-DD` of a day of the years 1–9999: what `format("%Y-%m-%d")`
/// writes, digit by digit (chrono's formatter parses the pattern and goes
/// through `fmt` at each call: some 1,200 instructions a date).
pub fn ymd(d: Date) -> String {
    debug_assert!((1..=9999).contains(&d.year()));
    let (y, m, dd) = (d.year().unsigned_abs(), d.month(), d.day());
    let digit = |v: u32| char::from(b'0' + (v % 10) as u8);
    let mut s = String::with_capacity(10);
    s.extend([digit(y / 1000), digit(y / 100), digit(y / 10), digit(y)]);
    s.extend(['-', digit(m / 10), digit(m), '-', digit(dd / 10), digit(dd)]);
    s
}

/// A date at one of four precisions, as the output and the gold format
/// write it: `YYYY-MM-DD`, `YYYY-MM`, `YYYY-Www` (ISO 8601 week) or `YYYY`.
/// Timex values, event dates and gold dates are all periods; their string
/// form ([`Period::render`], [`Period::parse`]) is the one stored and printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Day(Date),
    Month(i32, u32),
    /// ISO week-numbering year and week.
    Week(i32, u32),
    Year(i32),
}

/// `s` as a number of exactly `n` ASCII digits.
fn digits(s: &str, n: usize) -> Option<u32> {
    if s.len() == n && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

impl Period {
    /// The ISO week that contains `d`.
    pub fn week_of(d: Date) -> Period {
        let w = d.iso_week();
        Period::Week(w.year(), w.week())
    }

    /// Parses one of the four forms (surrounding white space allowed);
    /// `None` for anything else or an impossible date.
    pub fn parse(s: &str) -> Option<Period> {
        let s = s.trim();
        let mut parts = s.split('-');
        let year = digits(parts.next()?, 4)? as i32;
        let second = parts.next();
        let third = parts.next();
        if parts.next().is_some() {
            return None;
        }
        let p = match (second, third) {
            (None, None) => Period::Year(year),
            (Some(p), None) if p.starts_with(['W', 'w']) => {
                let w = digits(p.get(1..)?, 2)?;
                Date::from_isoywd_opt(year, w, Weekday::Mon)?;
                Period::Week(year, w)
            }
            (Some(p), None) => {
                let m = digits(p, 2)?;
                Date::from_ymd_opt(year, m, 1)?;
                Period::Month(year, m)
            }
            (Some(m), Some(d)) => {
                Period::Day(Date::from_ymd_opt(year, digits(m, 2)?, digits(d, 2)?)?)
            }
            (None, Some(_)) => return None,
        };
        Some(p)
    }

    /// The string form, `None` outside the years 1–9999 (or for a month or
    /// week that does not exist).
    pub fn render(&self) -> Option<String> {
        let year_ok = |y: i32| (1..=9999).contains(&y);
        match *self {
            Period::Day(d) => year_ok(d.year()).then(|| ymd(d)),
            Period::Month(y, m) => {
                (year_ok(y) && (1..=12).contains(&m)).then(|| format!("{y:04}-{m:02}"))
            }
            Period::Week(y, w) => {
                (year_ok(y) && (1..=53).contains(&w)).then(|| format!("{y:04}-W{w:02}"))
            }
            Period::Year(y) => year_ok(y).then(|| format!("{y:04}")),
        }
    }

    /// First and last day the period covers.
    pub fn range(&self) -> Option<(Date, Date)> {
        match *self {
            Period::Day(d) => Some((d, d)),
            Period::Month(y, m) => {
                let first = Date::from_ymd_opt(y, m, 1)?;
                let next = if m == 12 {
                    Date::from_ymd_opt(y + 1, 1, 1)?
                } else {
                    Date::from_ymd_opt(y, m + 1, 1)?
                };
                Some((first, next - Duration::days(1)))
            }
            Period::Week(y, w) => Some((
                Date::from_isoywd_opt(y, w, Weekday::Mon)?,
                Date::from_isoywd_opt(y, w, Weekday::Sun)?,
            )),
            Period::Year(y) => Some((Date::from_ymd_opt(y, 1, 1)?, Date::from_ymd_opt(y, 12, 31)?)),
        }
    }

    /// The first day the period covers.
    pub fn first_day(&self) -> Option<Date> {
        self.range().map(|(first, _)| first)
    }
}

/// A ROC (Minguo) date code as Taiwanese outlets print it, e.g. after CNA's
/// credit line: `1110915` = ROC year 111 (2022), September 15. Six or seven
/// ASCII digits: the year (1912 = year 1), then month and day, two digits
/// each. Anything else, or an impossible date, is `None`.
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
    Date::from_ymd_opt(1911 + y, m.parse().ok()?, d.parse().ok()?)
}

/// The date a dateline's bare day (`14日电`) denotes near the date `near`
/// (the publication date): `near`'s month when the day is at most `slack`
/// days after `near` (and exists in that month), else the month before.
pub fn dateline_day(day: u32, near: Date, slack: u32) -> Option<Date> {
    if day == 0 || day > 31 {
        return None;
    }
    if day <= near.day() + slack {
        if let Some(d) = Date::from_ymd_opt(near.year(), near.month(), day) {
            return Some(d);
        }
    }
    let (y, m) = if near.month() == 1 {
        (near.year() - 1, 12)
    } else {
        (near.year(), near.month() - 1)
    };
    Date::from_ymd_opt(y, m, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> Date {
        Date::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn periods_parse_render_and_cover() {
        for s in ["2024-05-20", "2024-05", "2024-W01", "2024"] {
            assert_eq!(
                Period::parse(s).and_then(|p| p.render()).as_deref(),
                Some(s)
            );
        }
        assert_eq!(
            Period::parse("2024-05").unwrap().first_day(),
            Some(d(2024, 5, 1))
        );
        assert_eq!(
            Period::parse("2024-W01").unwrap().first_day(),
            Some(d(2024, 1, 1))
        );
        assert_eq!(
            Period::parse("2024-02").unwrap().range(),
            Some((d(2024, 2, 1), d(2024, 2, 29)))
        );
        assert_eq!(Period::week_of(d(2021, 1, 3)), Period::Week(2020, 53));
        for bad in ["2024-13", "2024-02-30", "2024-W54", "24-05", "soon", ""] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        assert_eq!(Period::Year(0).render(), None);
    }

    #[test]
    fn ymd_writes_what_chrono_formats() {
        let mut day = d(1, 1, 1);
        let mut step = 0;
        while day.year() <= 9999 {
            assert_eq!(ymd(day), day.format("%Y-%m-%d").to_string());
            // Every day of some years, then jumps through the rest.
            step = if (1998..2031).contains(&day.year()) || day.year() < 3 {
                1
            } else {
                step % 97 + 13
            };
            match day.checked_add_signed(Duration::days(step)) {
                Some(next) => day = next,
                None => break,
            }
        }
        assert_eq!(ymd(d(9999, 12, 31)), "9999-12-31");
        assert_eq!(ymd(d(7, 3, 9)), "0007-03-09");
    }

    #[test]
    fn roc_codes_and_datelines() {
        assert_eq!(roc_date_code("1110915"), Some(d(2022, 9, 15)));
        assert_eq!(roc_date_code("991231"), Some(d(2010, 12, 31)));
        assert_eq!(roc_date_code("1111315"), None);
        assert_eq!(roc_date_code("0000915"), None);
        assert_eq!(dateline_day(14, d(2022, 9, 15), 0), Some(d(2022, 9, 14)));
        assert_eq!(dateline_day(16, d(2022, 9, 15), 0), Some(d(2022, 8, 16)));
        assert_eq!(dateline_day(16, d(2022, 9, 15), 1), Some(d(2022, 9, 16)));
        assert_eq!(dateline_day(31, d(2023, 1, 1), 1), Some(d(2022, 12, 31)));
        assert_eq!(dateline_day(31, d(2023, 4, 30), 1), Some(d(2023, 3, 31)));
        assert_eq!(dateline_day(0, d(2023, 4, 30), 1), None);
    }
}
