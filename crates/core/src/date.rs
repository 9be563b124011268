//! Calendar dates. shiju uses `chrono::NaiveDate` (proleptic Gregorian, no
//! time zone): a publication date is the outlet's local date.

/// A calendar date.
pub type Date = chrono::NaiveDate;

/// Parses `YYYY-MM-DD`.
pub fn parse_ymd(s: &str) -> Option<Date> {
    Date::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}
