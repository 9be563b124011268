//! Metadata found in text: dates in the many forms pages print them,
//! bylines (记者…报道, 文／…, 作者：…), "发布时间/来源" lines, ROC date codes.

use chrono::{Datelike, NaiveDate};
use shiju_lexicon::words::WordList;
use shiju_text::punct;
use std::sync::LazyLock;

fn digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            punct::FULLWIDTH_ZERO..=punct::FULLWIDTH_NINE => {
                char::from_u32(c as u32 - punct::FULLWIDTH_ZERO as u32 + '0' as u32).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

/// Word lists of bylines and information lines (`lexicon/page_words.tsv`).
/// What separates the names of a byline or an author box.
const NAME_SEPARATORS: [char; 7] = [
    ' ',
    '\u{3000}',
    punct::ENUMERATION_COMMA,
    ',',
    punct::COMMA,
    '/',
    punct::SOLIDUS,
];

static AUTHOR_PREFIXES: WordList = WordList::new("page_words.tsv", "author_prefixes");
static BYLINE_STOPS: WordList = WordList::new("page_words.tsv", "byline_stops");
static INFO_LINE_OTHER_KEYS: WordList = WordList::new("page_words.tsv", "info_line_other_keys");

/// The first calendar date written in `s` as `YYYY-MM-DD`, `YYYY/MM/DD`,
/// `YYYY.MM.DD`, `YYYY年M月D日` or `YYYYMMDD` inside an ISO timestamp.
pub fn find_date(s: &str) -> Option<NaiveDate> {
    let s = digits(s);
    let b: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(|c| c.is_ascii_digit()) && (i == 0 || !b[i - 1].is_ascii_digit())
        {
            let year: i32 = b[i..i + 4].iter().collect::<String>().parse().ok()?;
            let mut j = i + 4;
            let sep = b.get(j).copied();
            if matches!(sep, Some('-' | '/' | '.' | '年')) {
                j += 1;
                let (m, nj) = number(&b, j);
                if let Some(m) = m {
                    j = nj;
                    let sep2 = b.get(j).copied();
                    let ok_sep = match sep {
                        Some('年') => sep2 == Some('月'),
                        other => sep2 == other,
                    };
                    if ok_sep {
                        let (d, _) = number(&b, j + 1);
                        if let Some(d) = d {
                            if (1900..=2100).contains(&year) {
                                if let Some(date) = NaiveDate::from_ymd_opt(year, m, d) {
                                    return Some(date);
                                }
                            }
                        }
                    }
                }
            }
        }
        i += 1;
    }
    None
}

fn number(b: &[char], from: usize) -> (Option<u32>, usize) {
    let mut j = from;
    while j < b.len() && j < from + 2 && b[j].is_ascii_digit() {
        j += 1;
    }
    if j == from {
        return (None, from);
    }
    (b[from..j].iter().collect::<String>().parse().ok(), j)
}

/// The local date of a page's timestamp: a UTC timestamp (`…Z`, `+00:00`)
/// is taken to Chinese-speaking local time (UTC+8), since the outlets this
/// reads publish there; a timestamp with another offset keeps its own date.
pub fn local_date(s: &str) -> Option<NaiveDate> {
    let t = s.trim();
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(t) {
        if d.offset().local_minus_utc() == 0 {
            return d
                .checked_add_signed(chrono::Duration::hours(8))
                .map(|x| x.date_naive());
        }
        return Some(d.date_naive());
    }
    find_date(t)
}

/// `YYYY-MM-DD` of a date.
pub fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A date from an epoch-milliseconds value, in the given UTC offset (hours).
pub fn from_epoch_ms(ms: i64, offset_hours: i32) -> Option<NaiveDate> {
    let secs = ms.div_euclid(1000) + i64::from(offset_hours) * 3600;
    chrono::DateTime::from_timestamp(secs, 0).map(|d| d.date_naive())
}

/// ROC date code as CNA prints it after the credits: `1110915` = ROC year
/// 111 (2022), September 15 ([`shiju_core::date::roc_date_code`]), here
/// only with seven digits and a year between 1991 and 2111.
pub fn roc_date_code(s: &str) -> Option<NaiveDate> {
    shiju_core::date::roc_date_code(s)
        .filter(|d| s.trim().len() == 7 && (1991..=2111).contains(&d.year()))
}

/// The date a dateline's bare day (`14日`) denotes, given a nearby full date:
/// the same month (up to a day after it), else the month before.
pub fn day_near(day: u32, near: NaiveDate) -> Option<NaiveDate> {
    shiju_core::date::dateline_day(day, near, 1)
}

/// Splits an author field ("DAVID PIERSON, PAUL SONNE", "张三、李四",
/// "A and B") into names.
pub fn split_authors(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let s = s.replace(" and ", ",").replace(" AND ", ",");
    for part in s.split([
        ',',
        punct::COMMA,
        punct::ENUMERATION_COMMA,
        ';',
        punct::SEMICOLON,
        '/',
        punct::SOLIDUS,
        '|',
    ]) {
        let mut p = part.trim();
        for m in AUTHOR_PREFIXES.iter() {
            if let Some(r) = p.strip_prefix(m) {
                p = r.trim();
            }
        }
        if !p.is_empty() && p.chars().count() <= 40 {
            out.push(p.to_string());
        }
    }
    out
}

/// Markers of people credited in a byline line, and whether they are authors.
/// The first characters of a list of words, as bits by the low ten bits
/// of their code points: a line with none of them holds none of the
/// words (an empty word is in every line).
struct Firsts {
    bits: [u64; 16],
    empty_word: bool,
}

impl Firsts {
    fn of<'w>(words: impl Iterator<Item = &'w &'static str>) -> Self {
        let mut f = Firsts {
            bits: [0; 16],
            empty_word: false,
        };
        for w in words {
            match w.chars().next() {
                Some(c) => f.bits[(c as usize >> 6) & 15] |= 1 << (c as u32 & 63),
                None => f.empty_word = true,
            }
        }
        f
    }

    /// Whether `l` has at most `max` characters, none of `stops`, and
    /// one that may start a word of the list. Cheapest question first:
    /// most lines asked are paragraphs of the story, too long (a line of
    /// more than `4 * max` bytes not counted at all) or holding a stop
    /// (found by `memchr`, which stops at a paragraph's first sentence
    /// where counting its characters, without decoding, reads it all).
    fn short_line_may_hold(&self, l: &str, max: usize, stops: &[char]) -> bool {
        // A stop searched by its last byte ([`crate::contains_short`]):
        // `str::contains` of a character beyond ASCII builds a searcher.
        let has_stop = |s: &char| crate::contains_short(l, s.encode_utf8(&mut [0; 4]));
        if l.len() > 4 * max || stops.iter().any(has_stop) || l.chars().count() > max {
            return false;
        }
        self.empty_word
            || l.chars()
                .any(|c| self.bits[(c as usize >> 6) & 15] >> (c as u32 & 63) & 1 != 0)
    }
}

static AUTHOR_MARKERS: WordList = WordList::new("page_words.tsv", "author_markers");
/// Credits that are not authors (translators, editors, photographers).
static NON_AUTHOR_MARKERS: WordList = WordList::new("page_words.tsv", "non_author_markers");

/// Reads a byline line: returns the authors it names, or None when the line
/// is not a byline. A byline is short and has no sentence-final punctuation.
pub fn byline(line: &str) -> Option<Vec<String>> {
    static FIRSTS: LazyLock<Firsts> = LazyLock::new(|| Firsts::of(AUTHOR_MARKERS.iter()));
    let l = line.trim();
    // Empty, more than 60 characters (the 61st exists), a full stop or a
    // comma, or no marker's first character: no byline.
    if l.is_empty() || !FIRSTS.short_line_may_hold(l, 60, &[punct::FULL_STOP, punct::COMMA]) {
        return None;
    }
    let marker = AUTHOR_MARKERS
        .iter()
        .find(|m| crate::contains_short(l, m))?;
    let at = l.find(marker)? + marker.len();
    let rest = &l[at..];
    // Stop at the closing verb or bracket.
    let mut end = rest.len();
    for stop in BYLINE_STOPS.iter() {
        if let Some(i) = rest.find(stop) {
            end = end.min(i);
        }
    }
    let mut names_part = &rest[..end];
    // Digits start a date or time, not a name.
    if let Some(i) = names_part.find(|c: char| c.is_ascii_digit()) {
        names_part = &names_part[..i];
    }
    // "記者林怡君∕台北報導": after the last slash comes the place.
    if let Some(i) = names_part.rfind(['/', punct::SOLIDUS, '∕']) {
        if names_part[..i].chars().any(crate::html::is_cjk) {
            names_part = &names_part[..i];
        }
    }
    let mut names = Vec::new();
    for part in names_part.split(NAME_SEPARATORS) {
        let p = part.trim_matches(|c: char| c == punct::COLON || c == ':' || c.is_whitespace());
        if p.is_empty() {
            continue;
        }
        // Everything after a translator/editor credit is not an author.
        if NON_AUTHOR_MARKERS.iter().any(|m| p.starts_with(m)) {
            break;
        }
        let len = p.chars().count();
        let looks_like_name = (2..=4).contains(&len) && p.chars().all(crate::html::is_cjk)
            || (p.chars().any(|c| c.is_ascii_alphabetic()) && len <= 30);
        if looks_like_name && !is_markup_residue(p) {
            names.push(p.to_string());
        }
    }
    Some(names)
}

/// The names an author box prints (`洪毅 2023年08月31日 21:00:00`,
/// `関谷智`, `記者王小明／台北報導`): a byline, or a short line of names
/// (2–4 CJK characters each, or a `·`-joined transliteration) with a date or
/// time after them dropped. Empty when the line does not read as names
/// only (a role such as `国際部記者`, a biography, a list of headlines).
pub fn author_box_names(line: &str) -> Vec<String> {
    if let Some(names) = byline(line) {
        return names;
    }
    let l = line.trim();
    let l = l[..l.find(|c: char| c.is_ascii_digit()).unwrap_or(l.len())].trim();
    if l.is_empty() || l.chars().nth(30).is_some() {
        return Vec::new();
    }
    let mut names = Vec::new();
    for part in l.split(|c| NAME_SEPARATORS.contains(&c) || c == '|') {
        let p = part.trim();
        if p.is_empty() {
            continue;
        }
        let n = p.chars().count();
        let plain = (2..=4).contains(&n) && p.chars().all(crate::html::is_cjk);
        let joined =
            n <= 12 && p.contains('·') && p.chars().all(|c| c == '·' || crate::html::is_cjk(c));
        if !(plain || joined) {
            return Vec::new();
        }
        names.push(p.to_string());
    }
    names
}

/// A "发布时间：… 来源：…" style line: its date and source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InfoLine {
    pub date: Option<NaiveDate>,
    pub source: Option<String>,
    pub category: Option<String>,
}

static DATE_KEYS: WordList = WordList::new("page_words.tsv", "date_keys");
static SOURCE_KEYS: WordList = WordList::new("page_words.tsv", "source_keys");
static CATEGORY_KEYS: WordList = WordList::new("page_words.tsv", "category_keys");

fn value_after<'a>(l: &'a str, keys: &[&str]) -> Option<&'a str> {
    for k in keys {
        if let Some(i) = l.find(k) {
            let rest = &l[i + k.len()..];
            let rest = rest.trim_start_matches([':', punct::COLON, ' ', '\u{3000}']);
            let end = rest
                .find(['\u{3000}', '|', punct::VERTICAL_LINE])
                .or_else(|| {
                    // Stop at the next key.
                    DATE_KEYS
                        .iter()
                        .chain(SOURCE_KEYS.iter())
                        .chain(CATEGORY_KEYS.iter())
                        .chain(INFO_LINE_OTHER_KEYS.iter())
                        .filter_map(|k2| rest.find(k2))
                        .min()
                })
                .unwrap_or(rest.len());
            return Some(rest[..end].trim());
        }
    }
    None
}

/// Reads an information line; None when the line is not one.
/// Whether a value read after `作者：`/`来源：` is a broken template's
/// markup (`size="20"`) rather than a name: names hold no `=`, `"`, `<`, `>`.
fn is_markup_residue(s: &str) -> bool {
    s.contains(['=', '"', '<', '>'])
}

pub fn info_line(line: &str) -> Option<InfoLine> {
    // The source keys followed by a colon, built once.
    static SOURCE_COLON: std::sync::LazyLock<Vec<(String, String)>> =
        std::sync::LazyLock::new(|| {
            SOURCE_KEYS
                .iter()
                .map(|k| (format!("{k}:"), format!("{k}{}", punct::COLON)))
                .collect()
        });
    static FIRSTS: LazyLock<Firsts> =
        LazyLock::new(|| Firsts::of(DATE_KEYS.iter().chain(SOURCE_KEYS.iter())));
    let l = line.trim();
    // More than 120 characters (the 121st exists), a full stop, or no
    // key's first character: no date or source key.
    if !FIRSTS.short_line_may_hold(l, 120, &[punct::FULL_STOP]) {
        return None;
    }
    let has_date_key = DATE_KEYS.iter().any(|k| crate::contains_short(l, k));
    let has_source_key = SOURCE_COLON
        .iter()
        .any(|(a, b)| crate::contains_short(l, a) || crate::contains_short(l, b));
    if !has_date_key && !has_source_key {
        return None;
    }
    let source = if has_source_key {
        value_after(l, &SOURCE_KEYS)
            .map(|s| {
                // `来源：[ 人民网 ]`: the name inside the brackets.
                let s = s.trim_start_matches(|c: char| {
                    c == '[' || c == punct::LEFT_LENTICULAR || c.is_whitespace()
                });
                s.split(|c: char| c.is_whitespace() || c == ']' || c == punct::RIGHT_LENTICULAR)
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .filter(|s| {
                s.chars().count() <= 30
                    && s.chars().any(char::is_alphanumeric)
                    && !is_markup_residue(s)
            })
    } else {
        None
    };
    Some(InfoLine {
        date: find_date(l),
        source,
        category: value_after(l, &CATEGORY_KEYS)
            .map(|s| s.split_whitespace().next().unwrap_or("").to_string())
            .filter(|s| !s.is_empty()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_characters_pass_every_line_holding_a_word() {
        let words: [&'static str; 3] = ["记者", "来源", "𠀀x"];
        let f = Firsts::of(words.iter());
        for (l, want) in [
            ("本报记者 王小明", true),
            ("来源：新华社", true),
            ("前𠀀x后", true),
            ("外交部发言人", false),
            ("", false),
            ("记者。", false),
            ("一二三四五六七八九十记者", false),
        ] {
            assert_eq!(f.short_line_may_hold(l, 10, &['。']), want, "{l}");
        }
        let empty: [&'static str; 1] = [""];
        assert!(Firsts::of(empty.iter()).short_line_may_hold("外交部", 5, &[]));
        // As one pass over the characters read it.
        let one_pass = |f: &Firsts, l: &str, max: usize, stops: &[char]| {
            let mut hit = f.empty_word;
            for (n, c) in l.chars().enumerate() {
                if n == max || stops.contains(&c) {
                    return false;
                }
                hit |= f.bits[(c as usize >> 6) & 15] >> (c as u32 & 63) & 1 != 0;
            }
            hit
        };
        let lines = [
            "",
            "记者",
            "本报记者 王",
            "记者。",
            "。记者",
            "x记者，y",
            "𠀀𠀀𠀀x",
        ];
        for l in lines {
            for max in 0..8 {
                for stops in [&[][..], &['。'], &['。', '，']] {
                    assert_eq!(
                        f.short_line_may_hold(l, max, stops),
                        one_pass(&f, l, max, stops),
                        "{l} {max} {stops:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_broken_template_prints_no_author_or_source() {
        // A CMS that failed to fill its fields leaves attribute text.
        let l = "作者： size=\"20\"  来源： size=\"20\"  发布日期： 7/5/2005 9:23:57 PM";
        assert_eq!(byline(l), Some(Vec::new()));
        assert_eq!(info_line(l).and_then(|i| i.source), None);
        let l = "来源：[  ]  时间：2024-03-05";
        assert_eq!(info_line(l).and_then(|i| i.source), None);
        assert_eq!(
            info_line("2024年3月5日 来源：[ 人民网 ]").and_then(|i| i.source),
            Some("人民网".to_string())
        );
        assert_eq!(
            info_line("来源：新华社 2024-03-05").and_then(|i| i.source),
            Some("新华社".to_string())
        );
    }

    #[test]
    fn author_box_lines() {
        assert_eq!(
            author_box_names("洪大同 2024年05月01日 21:00:00"),
            ["洪大同"]
        );
        assert_eq!(author_box_names("王小明、李四"), ["王小明", "李四"]);
        assert_eq!(author_box_names("記者林美華／台北報導"), ["林美華"]);
        assert_eq!(author_box_names("约翰·史密斯"), ["约翰·史密斯"]);
        assert!(author_box_names("國際部記者").is_empty());
        assert!(author_box_names("王小明是本報駐上海記者，長期報導經濟新聞。").is_empty());
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_many_shapes() {
        assert_eq!(find_date("2024-11-19 11:51:55"), Some(d(2024, 11, 19)));
        assert_eq!(find_date("发布时间：2023/5/8 10:00"), Some(d(2023, 5, 8)));
        assert_eq!(find_date("2022年9月15日 星期四"), Some(d(2022, 9, 15)));
        assert_eq!(find_date("２０２４年１１月１９日"), Some(d(2024, 11, 19)));
        assert_eq!(find_date("2024-02-30"), None);
        assert_eq!(find_date("共12345人"), None);
    }

    #[test]
    fn roc_codes_and_days() {
        assert_eq!(roc_date_code("1110915"), Some(d(2022, 9, 15)));
        assert_eq!(roc_date_code("1111315"), None);
        assert_eq!(roc_date_code("8000000"), None);
        assert_eq!(day_near(14, d(2022, 9, 15)), Some(d(2022, 9, 14)));
        assert_eq!(day_near(31, d(2023, 1, 1)), Some(d(2022, 12, 31)));
    }

    #[test]
    fn utc_timestamps_to_local_dates() {
        assert_eq!(
            local_date("2023-08-23T23:31:03.000000Z"),
            Some(d(2023, 8, 24))
        );
        assert_eq!(
            local_date("2023-08-24T08:25:00+08:00"),
            Some(d(2023, 8, 24))
        );
        assert_eq!(local_date("2023-08-23 23:31"), Some(d(2023, 8, 23)));
    }

    #[test]
    fn epoch() {
        assert_eq!(from_epoch_ms(1731989221000, 8), Some(d(2024, 11, 19)));
    }

    #[test]
    fn bylines() {
        assert_eq!(
            byline("本报记者 张三 李四 报道"),
            Some(vec!["张三".into(), "李四".into()])
        );
        assert_eq!(byline("文／王小明"), Some(vec!["王小明".into()]));
        assert_eq!(byline("（记者 陈静 编译 刘军）"), Some(vec!["陈静".into()]));
        assert_eq!(byline("记者表示，会谈取得成果。"), None);
        assert_eq!(byline("普京周三抵达"), None);
    }

    #[test]
    fn info_lines() {
        let i = info_line("类别:国际 发布时间:2023-11-14 11:19:00 来源:河南广播电视台").unwrap();
        assert_eq!(i.date, Some(d(2023, 11, 14)));
        assert_eq!(i.source.as_deref(), Some("河南广播电视台"));
        assert_eq!(i.category.as_deref(), Some("国际"));
        let i = info_line("2024-05-21 10:32　來源：中央社").unwrap();
        assert_eq!(i.source.as_deref(), Some("中央社"));
        assert!(info_line("俄罗斯总统普京表示，来源可靠。").is_none());
        assert_eq!(
            split_authors("DAVID PIERSON, PAUL SONNE"),
            vec!["DAVID PIERSON", "PAUL SONNE"]
        );
    }
}
