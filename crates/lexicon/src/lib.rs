//! shiju-lexicon: the mechanism behind every knowledge file in `lexicon/`.
//!
//! Each stage crate compiles its own files in with `include_str!` and reads
//! them through [`Table::load`], which
//! 1. parses the built-in TSV (one header row; blank lines and lines starting
//!    with `#` are comments; fields separated by a tab), then
//! 2. appends the rows of the file of the same name in the user's lexicon
//!    folder (`shiju --lexicon DIR`), if there is one.
//!
//! What an appended row means (extension, or override of a built-in row with
//! the same key) is the stage's rule, documented in `lexicon/README.md`.
//! Conventional: a later row with the same key replaces an earlier one, and a
//! user row whose first field starts with `-` removes the built-in row with
//! that key.

mod rows;
pub mod shared;
pub mod words;

pub use rows::Rows;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{file}:{line}: {msg}")]
    Format {
        file: String,
        line: usize,
        msg: String,
    },
    #[error("{file}: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
}

/// One data row of a table: where it came from and where its fields are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// Index of the file the row came from in [`Table`]'s list of files.
    file: u32,
    /// 1-based line number in that file.
    line: u32,
    /// The row's first field in [`Table`]'s list of field spans.
    first: u32,
    /// How many fields the row has.
    len: u32,
}

impl Row {
    /// 1-based line number in the row's file.
    pub fn line(&self) -> usize {
        self.line as usize
    }
}

/// A TSV table: header and rows, built-in rows first, then the user's.
///
/// The files' text is kept whole, and every field is a span of it (no
/// `String` per field; the built-in text compiled in is borrowed, not
/// copied).
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub name: String,
    header: Vec<String>,
    rows: Vec<Row>,
    /// The files read (`lexicon/people.tsv`, then the user's path).
    files: Vec<String>,
    /// Each file's text, in the order of `files`.
    texts: Vec<Cow<'static, str>>,
    /// Byte spans of the text of the row's file, the fields of every row
    /// in row order.
    spans: Vec<(u32, u32)>,
}

/// `s.trim()`, decided on the bytes at its ends for the many strings that
/// neither begin nor end with white space: every character `str::trim`
/// strips (Unicode `White_Space`: ASCII tab to carriage return and space,
/// U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F,
/// U+3000) starts with a byte [`may_lead_space`] accepts and ends with a
/// byte [`may_end_space`] accepts; a string whose ends are neither is
/// returned whole without decoding a character, and one whose end byte
/// only might be a space's (the last byte of many Chinese characters is) is
/// told by the bytes before it ([`begins_with_space`], [`ends_with_space`]).
#[inline]
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return s;
    };
    if may_lead_space(first) || may_end_space(last) {
        trim_told(s)
    } else {
        s
    }
}

/// [`trim`] of a string whose end bytes might be a space's: told by the
/// bytes (out of line: the test above decides most strings inline).
#[inline(never)]
fn trim_told(s: &str) -> &str {
    let b = s.as_bytes();
    if begins_with_space(b) || ends_with_space(b) {
        s.trim()
    } else {
        s
    }
}

/// Whether `s` is empty or all `White_Space` (`s.trim().is_empty()`): a
/// string that does not begin with such a character is not.
fn is_blank(s: &str) -> bool {
    s.is_empty() || (begins_with_space(s.as_bytes()) && s.trim().is_empty())
}

/// Whether `b` (UTF-8) begins with a `White_Space` character.
fn begins_with_space(b: &[u8]) -> bool {
    matches!(
        b,
        [b'\t'..=b'\r' | b' ', ..]
            | [0xC2, 0x85 | 0xA0, ..]
            | [0xE1, 0x9A, 0x80, ..]
            | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
            | [0xE2, 0x81, 0x9F, ..]
            | [0xE3, 0x80, 0x80, ..]
    )
}

/// Whether `b` (UTF-8) ends with a `White_Space` character.
fn ends_with_space(b: &[u8]) -> bool {
    matches!(
        b,
        [.., b'\t'..=b'\r' | b' ']
            | [.., 0xC2, 0x85 | 0xA0]
            | [.., 0xE1, 0x9A, 0x80]
            | [.., 0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF]
            | [.., 0xE2, 0x81, 0x9F]
            | [.., 0xE3, 0x80, 0x80]
    )
}

/// Whether `b` can be the first byte of a white-space character.
#[inline]
fn may_lead_space(b: u8) -> bool {
    SPACE_BYTES[b as usize] & LEAD != 0
}

/// Whether `b` can be the last byte of a white-space character.
#[inline]
fn may_end_space(b: u8) -> bool {
    SPACE_BYTES[b as usize] & END != 0
}

/// [`SPACE_BYTES`]' bit of a byte that can begin a white-space character.
const LEAD: u8 = 1;
/// [`SPACE_BYTES`]' bit of a byte that can end one.
const END: u8 = 2;

/// The two tests of [`trim`] as one table look-up a byte (every field of
/// every table is trimmed: the range tests cost a dozen comparisons).
static SPACE_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let x = b as u8;
        if matches!(x, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3) {
            t[b] |= LEAD;
        }
        if matches!(
            x,
            b'\t'..=b'\r' | b' ' | 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF
        ) {
            t[b] |= END;
        }
        b += 1;
    }
    t
};

/// The positions of the tabs and line feeds of a text, in order, found
/// eight bytes at a time: fields are a few bytes long, and a `memchr2`
/// search pays its set-up again at every field. A text whose last line has
/// no line feed reports its length last (where that line ends).
struct Delims<'a> {
    bytes: &'a [u8],
    /// Start of the next word to read.
    next: usize,
    /// Start of the word `mask` describes.
    base: usize,
    /// Bit 7 of each byte of the current word that is a tab or a line feed
    /// (not reported yet).
    mask: u64,
    /// The text's length, still to report when its last line has no line
    /// feed.
    end: Option<usize>,
}

const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
const TABS: u64 = 0x0909_0909_0909_0909;
const LFS: u64 = 0x0A0A_0A0A_0A0A_0A0A;

/// Bit 7 set in each byte of `x` that is zero, no other bit (exact: no
/// carry crosses a byte, unlike the usual "has a zero byte" test).
#[inline]
fn zero_bytes(x: u64) -> u64 {
    !((x & LOW7).wrapping_add(LOW7) | x | LOW7)
}

impl<'a> Delims<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Delims {
            bytes,
            next: 0,
            base: 0,
            mask: 0,
            end: (bytes.last().is_some_and(|&b| b != b'\n')).then_some(bytes.len()),
        }
    }
}

impl Iterator for Delims<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            let w = match self.bytes.get(self.next..self.next + 8) {
                Some(c) => u64::from_le_bytes(c.try_into().unwrap_or_default()),
                None if self.next < self.bytes.len() => {
                    // The last few bytes padded with zeros (neither tab
                    // nor line feed).
                    let rest = &self.bytes[self.next..];
                    let mut buf = [0u8; 8];
                    buf[..rest.len()].copy_from_slice(rest);
                    u64::from_le_bytes(buf)
                }
                None => return self.end.take(),
            };
            self.base = self.next;
            self.next += 8;
            self.mask = zero_bytes(w ^ TABS) | zero_bytes(w ^ LFS);
        }
        let i = self.base + (self.mask.trailing_zeros() / 8) as usize;
        self.mask &= self.mask - 1;
        Some(i)
    }
}

/// The span `start..end` of `text` (ends next to a tab, a line end or the
/// text's ends, so on character boundaries) trimmed, as offsets into
/// `text`: [`trim`]'s test on the bytes, the characters decoded only for a
/// field with white space at an end.
#[inline(always)]
fn span_at(text: &str, start: usize, end: usize) -> (u32, u32) {
    let b = &text.as_bytes()[start..end];
    match (b.first(), b.last()) {
        (Some(&first), Some(&last)) if may_lead_space(first) || may_end_space(last) => {
            let field = trim_told(&text[start..end]);
            let start = field.as_ptr() as usize - text.as_ptr() as usize;
            (start as u32, (start + field.len()) as u32)
        }
        _ => (start as u32, end as u32),
    }
}

impl Table {
    /// Parses one TSV text. The first non-comment line is the header.
    pub fn parse(file: &str, content: &str) -> Result<Table, LexiconError> {
        let mut t = Table {
            name: file.to_string(),
            ..Table::default()
        };
        t.append(file, Cow::Owned(content.to_string()), None)?;
        Ok(t)
    }

    /// Adds the rows of one file (its text `content`) to the table. With
    /// `expect`, the file's header must be a prefix of it (a user's file);
    /// without, the file's header becomes the table's.
    fn append(
        &mut self,
        file: &str,
        content: Cow<'static, str>,
        expect: Option<&[String]>,
    ) -> Result<(), LexiconError> {
        let too_long = u32::try_from(content.len()).is_err();
        if too_long {
            return Err(LexiconError::Format {
                file: file.to_string(),
                line: 0,
                msg: "file too large".into(),
            });
        }
        let file_index = self.files.len() as u32;
        self.files.push(file.to_string());
        self.texts.push(content);
        let text: &str = &self.texts[file_index as usize];
        let bytes = text.as_bytes();
        // One row per line at most, one field per tab or line.
        let newlines = memchr::memchr_iter(b'\n', bytes).count() + 1;
        let tabs = memchr::memchr_iter(b'\t', bytes).count();
        self.rows.reserve(newlines);
        self.spans.reserve(newlines + tabs);
        let mut header: Option<Vec<String>> = None;
        let mut width = 0;
        // One scan for the tabs and line ends of the whole file, eight bytes
        // at a time ([`Delims`]); a last line without `\n` ends at the end. The fields
        // of a line are pushed as they come, and taken back when the line
        // turns out to be a comment, blank or the header.
        let (mut line_start, mut field_start, mut line_no) = (0, 0, 0);
        let mut first = self.spans.len();
        for end in Delims::new(bytes) {
            if end < bytes.len() && bytes[end] == b'\t' {
                self.spans.push(span_at(text, field_start, end));
                field_start = end + 1;
                continue;
            }
            let i = line_no;
            line_no += 1;
            // The line without the carriage returns at its end.
            let mut line_end = end;
            while line_end > line_start && bytes[line_end - 1] == b'\r' {
                line_end -= 1;
            }
            let line = &text[line_start..line_end];
            let rest = (field_start, line_end);
            (line_start, field_start) = (end + 1, end + 1);
            // (All white space or not: only a line that begins with a
            // white-space character can be, so a row ending in an empty
            // field, a tab, is not trimmed whole to tell.)
            if is_blank(line) || line.starts_with('#') {
                self.spans.truncate(first);
                continue;
            }
            if header.is_none() {
                self.spans.truncate(first);
                let h: Vec<String> = line.split('\t').map(|f| f.trim().to_string()).collect();
                width = h.len();
                header = Some(h);
                continue;
            }
            self.spans.push(span_at(text, rest.0, rest.1));
            let len = self.spans.len() - first;
            if len > width {
                return Err(LexiconError::Format {
                    file: file.to_string(),
                    line: i + 1,
                    msg: format!("{len} fields, but the header has {width} columns"),
                });
            }
            self.rows.push(Row {
                file: file_index,
                line: (i + 1) as u32,
                first: first as u32,
                len: len as u32,
            });
            first = self.spans.len();
        }
        let header = header.unwrap_or_default();
        match expect {
            None => self.header = header,
            // A file written for a release with fewer trailing columns
            // (`title  forms` before `kind` was added) still loads: its
            // rows read the missing columns as "".
            Some(builtin) if !header.is_empty() && !builtin.starts_with(&header) => {
                return Err(LexiconError::Format {
                    file: file.to_string(),
                    line: 1,
                    msg: format!("header {header:?} differs from the built-in {builtin:?}"),
                });
            }
            Some(_) => {}
        }
        Ok(())
    }

    /// The built-in table `name` (e.g. `people.tsv`), extended by
    /// `user_dir/name` when that file exists.
    pub fn load(
        name: &str,
        builtin: &'static str,
        user_dir: Option<&Path>,
    ) -> Result<Table, LexiconError> {
        let file = format!("lexicon/{name}");
        let mut table = Table {
            name: file.clone(),
            ..Table::default()
        };
        table.append(&file, Cow::Borrowed(builtin), None)?;
        if let Some(dir) = user_dir {
            let path: PathBuf = dir.join(name);
            if path.exists() {
                let shown = path.display().to_string();
                let content =
                    std::fs::read_to_string(&path).map_err(|source| LexiconError::Io {
                        file: shown.clone(),
                        source,
                    })?;
                let header = std::mem::take(&mut table.header);
                let appended = table.append(&shown, Cow::Owned(content), Some(&header));
                table.header = header;
                appended?;
            }
        }
        Ok(table)
    }

    /// The header's column names.
    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// How many data rows the table has.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the table has no data rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Index of a column by header name.
    pub fn col(&self, name: &str) -> Option<usize> {
        // Compared inline: column names are a few bytes, and a call to
        // memcmp per column per field read cost more than the comparison.
        let same = |h: &String| h.len() == name.len() && h.bytes().eq(name.bytes());
        self.header.iter().position(same)
    }

    /// The index of column `name` for [`Record::at`], resolved once for a
    /// loop over the rows instead of by name in every [`Record::get`]. A
    /// column the header does not have is a bug in the caller (debug builds
    /// stop); release builds give an index every row reads as "".
    pub fn column(&self, name: &str) -> usize {
        debug_assert!(
            self.col(name).is_some(),
            "{}: no column {name:?} (columns: {})",
            self.name,
            self.header.join(", ")
        );
        self.col(name).unwrap_or(usize::MAX)
    }

    /// Rows as maps from column name to field (missing trailing fields are "").
    pub fn records(&self) -> impl Iterator<Item = Record<'_>> {
        self.rows.iter().map(move |row| Record { table: self, row })
    }

    /// Field `i` of `row`, or "" when the row has fewer fields. (Inline:
    /// the stages read 100,000 fields at start-up, and a call across
    /// crates cost more than the read.)
    #[inline]
    fn field(&self, row: &Row, i: usize) -> &str {
        if i >= row.len as usize {
            return "";
        }
        let (s, e) = self.spans[row.first as usize + i];
        &self.texts[row.file as usize][s as usize..e as usize]
    }
}

/// What one row of a form-keyed list does ([`Record::form_edit`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormEdit {
    /// Add the form, or replace the earlier row for it.
    Add(String),
    /// Remove the form (`-FORM`).
    Remove(String),
}

/// A row with access by column name.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    table: &'a Table,
    pub row: &'a Row,
}

impl<'a> Record<'a> {
    /// The field of column `name`, or "" when the row has no such field.
    /// Asking for a column the table's header does not have is a bug in the
    /// caller (a misspelt name would read as "" on every row): debug builds,
    /// and so every test, stop there.
    #[inline]
    pub fn get(&self, name: &str) -> &'a str {
        debug_assert!(
            self.table.col(name).is_some(),
            "{}: no column {name:?} (columns: {})",
            self.file(),
            self.table.header.join(", ")
        );
        match self.table.col(name) {
            Some(i) => self.table.field(self.row, i),
            None => "",
        }
    }

    /// The field at column index `i` ([`Table::column`]), or "" when the
    /// row has no such field: [`Record::get`] without the look-up by name.
    #[inline]
    pub fn at(&self, i: usize) -> &'a str {
        self.table.field(self.row, i)
    }

    /// The field at column index `i` borrowed for the whole process when
    /// the row comes from a built-in text compiled in (a stage may keep it
    /// without a copy); `None` for a row of the user's file.
    #[inline]
    pub fn at_static(&self, i: usize) -> Option<&'static str> {
        match &self.table.texts[self.row.file as usize] {
            Cow::Borrowed(text) => {
                if i >= self.row.len as usize {
                    return Some("");
                }
                let (s, e) = self.table.spans[self.row.first as usize + i];
                Some(&text[s as usize..e as usize])
            }
            Cow::Owned(_) => None,
        }
    }

    /// The file the row came from (`lexicon/people.tsv` or the user's path).
    pub fn file(&self) -> &'a str {
        &self.table.files[self.row.file as usize]
    }

    /// A `|`-separated list field, empty items dropped.
    pub fn list(&self, name: &str) -> Vec<&'a str> {
        split_list(self.get(name))
    }

    /// The row's `form` column under `normalize`, as an edit of a
    /// form-keyed list: `-FORM` (in a user's file) removes the form, any
    /// other adds or replaces it; an empty form is an error naming the row.
    pub fn form_edit(&self, normalize: &dyn Fn(&str) -> String) -> Result<FormEdit, LexiconError> {
        let f = self.get("form");
        if let Some(k) = f.strip_prefix('-') {
            return Ok(FormEdit::Remove(normalize(k)));
        }
        let form = normalize(f);
        if form.is_empty() {
            return Err(self.error("empty form"));
        }
        Ok(FormEdit::Add(form))
    }

    /// `file:line`, for error messages.
    pub fn origin(&self) -> String {
        format!("{}:{}", self.file(), self.row.line)
    }

    /// An error about this row.
    pub fn error(&self, msg: impl Into<String>) -> LexiconError {
        LexiconError::Format {
            file: self.file().to_string(),
            line: self.row.line(),
            msg: msg.into(),
        }
    }
}

/// Splits a `|`-separated list field, trimming items and dropping empty ones:
/// [`list_items`] collected, into a list with room for the usual few items.
pub fn split_list(s: &str) -> Vec<&str> {
    let mut out = Vec::with_capacity(4);
    out.extend(list_items(s));
    out
}

/// The items of a `|`-separated list field one by one, trimmed, empty
/// ones dropped (for a caller that maps each item straight into its own
/// collection; [`split_list`] collects them). The bars are found by a byte
/// loop: a field is a few dozen bytes, less than a `memchr` search pays to
/// set up at each item.
pub fn list_items(s: &str) -> ListItems<'_> {
    ListItems { rest: Some(s) }
}

/// The iterator of [`list_items`].
pub struct ListItems<'s> {
    /// The field from the next item on; `None` once the last one is read.
    rest: Option<&'s str>,
}

impl<'s> Iterator for ListItems<'s> {
    type Item = &'s str;

    fn next(&mut self) -> Option<&'s str> {
        loop {
            let rest = self.rest?;
            let item = match rest.as_bytes().iter().position(|&b| b == b'|') {
                Some(i) => {
                    self.rest = Some(&rest[i + 1..]);
                    &rest[..i]
                }
                None => {
                    self.rest = None;
                    rest
                }
            };
            let item = trim(item);
            if !item.is_empty() {
                return Some(item);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_header_comments_and_lists() {
        let t = Table::parse("t.tsv", "# comment\nid\tforms\n\nUSA\t美国|美國| \n").unwrap();
        assert_eq!(t.header(), ["id", "forms"]);
        let r: Vec<_> = t.records().collect();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].get("id"), "USA");
        assert_eq!(r[0].list("forms"), vec!["美国", "美國"]);
        let cases: [(&str, &[&str]); 6] = [
            ("美国|美國| ", &["美国", "美國"]),
            ("", &[]),
            ("|", &[]),
            (" a | |b|", &["a", "b"]),
            ("甲", &["甲"]),
            ("甲||乙|", &["甲", "乙"]),
        ];
        for (f, want) in cases {
            assert_eq!(list_items(f).collect::<Vec<_>>(), want, "{f:?}");
            assert_eq!(split_list(f), want, "{f:?}");
        }
        assert_eq!(r[0].origin(), "t.tsv:4");
    }

    #[test]
    fn blank_lines_told_as_trim_tells_them() {
        for s in [
            "",
            " ",
            "\t",
            "\t\t",
            " \u{3000}",
            "\u{3000}",
            "\u{a0}x",
            "a\t",
            "a\t\t",
            "名字\t",
            "\t名字",
            " \u{2028}\u{85}",
            "\u{2028}a",
            "x",
            "\u{1680}",
        ] {
            assert_eq!(is_blank(s), s.trim().is_empty(), "{s:?}");
        }
    }

    #[test]
    fn delimiters_found_word_at_a_time_as_a_byte_loop_finds_them() {
        let texts = [
            "",
            "\t",
            "a\tb\nc",
            "名字\t别名|另名\n\n第二行\t\t\tx\n",
            "0123456\t89abcdef\n0123456789\t\n\u{0909}\u{0a0a}\t",
        ];
        // A text not ending with a line feed ends its last line at its length.
        let last = |t: &[u8]| t.last().is_some_and(|&b| b != b'\n').then_some(t.len());
        for t in texts {
            let want: Vec<usize> = t
                .bytes()
                .enumerate()
                .filter(|(_, b)| matches!(b, b'\t' | b'\n'))
                .map(|(i, _)| i)
                .chain(last(t.as_bytes()))
                .collect();
            assert_eq!(Delims::new(t.as_bytes()).collect::<Vec<_>>(), want, "{t:?}");
        }
        // Every byte value at every position of a word.
        for b in 0..=255u8 {
            for at in 0..9 {
                let mut v = vec![b'x'; 9];
                v[at] = b;
                let want: Vec<usize> = if matches!(b, b'\t' | b'\n') {
                    vec![at]
                } else {
                    vec![]
                };
                let want: Vec<usize> = want.into_iter().chain(last(&v)).collect();
                assert_eq!(Delims::new(&v).collect::<Vec<_>>(), want, "{b} at {at}");
            }
        }
    }

    #[test]
    fn crlf_lines_and_a_last_line_without_newline() {
        let t = Table::parse("t.tsv", "id\tforms\r\nUSA\t 美国 \r\n\r\nFRA\t法国").unwrap();
        let r: Vec<_> = t.records().collect();
        assert_eq!(t.len(), 2);
        assert_eq!(r[0].get("forms"), "美国");
        assert_eq!((r[1].get("id"), r[1].get("forms")), ("FRA", "法国"));
        assert_eq!(r[1].origin(), "t.tsv:4");
        // A row with fewer fields reads the missing ones as "".
        let t = Table::parse("t.tsv", "id\tforms\nUSA\n").unwrap();
        assert_eq!(t.records().next().unwrap().get("forms"), "");
    }

    #[test]
    fn comments_and_blank_lines_with_tabs_are_skipped() {
        let src = "# a\tcomment\n\t \t\r\nid\tforms\n#x\ty\n \nUSA\t美国 \r\r\nFRA\t\r\n\nCHN";
        let t = Table::parse("t.tsv", src).unwrap();
        let r: Vec<_> = t
            .records()
            .map(|r| (r.get("id"), r.get("forms"), r.row.line()))
            .collect();
        assert_eq!(r, vec![("USA", "美国", 6), ("FRA", "", 7), ("CHN", "", 9)]);
        // Lines of other white space (ideographic, no-break) are blank too;
        // a line starting with white space and then a field is a row.
        let src = "id\tforms\n\u{3000}\n\u{a0}\t\u{3000}\n \u{3000}x\t美国\n";
        let t = Table::parse("t.tsv", src).unwrap();
        let r: Vec<_> = t.records().map(|r| (r.get("id"), r.row.line())).collect();
        assert_eq!(r, vec![("x", 4)]);
        let e = Table::parse("t.tsv", "# c\na\tb\n\n1\t2\t\r\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.tsv:4: 3 fields, but the header has 2 columns"
        );
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "no column \"missing\"")]
    fn a_misspelt_column_is_caught() {
        let t = Table::parse("t.tsv", "id\tforms\nUSA\t美国\n").unwrap();
        let _ = t.records().next().unwrap().get("missing");
    }

    #[test]
    fn trim_strips_what_str_trim_strips() {
        let spaces = [
            "\t", "\n", "\u{b}", "\u{c}", "\r", " ", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}",
            "\u{2005}", "\u{200a}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}",
        ];
        let words = [
            "",
            "a",
            "美国",
            "美国·x",
            "，",
            "\u{200b}",
            "\u{1680}x",
            "乙\u{3000}",
        ];
        for sp in spaces {
            for w in words {
                for s in [
                    format!("{sp}{w}"),
                    format!("{w}{sp}"),
                    format!("{sp}{w}{sp}"),
                    w.into(),
                ] {
                    assert_eq!(trim(&s), s.trim(), "{s:?}");
                }
            }
        }
        // Every character whose encoding starts and ends like a space's.
        for c in (0..0x11000).filter_map(char::from_u32) {
            let s = format!("x{c}");
            assert_eq!(trim(&s), s.trim(), "{c:?}");
            let s = format!("{c}x");
            assert_eq!(trim(&s), s.trim(), "{c:?}");
            let s = c.to_string();
            assert_eq!(trim(&s), s.trim(), "{c:?}");
        }
    }

    #[test]
    fn lists_split_on_bars_trimmed_without_empty_items() {
        assert_eq!(
            split_list(" 美国 |美國||\u{3000}| x"),
            vec!["美国", "美國", "x"]
        );
        assert_eq!(split_list(""), Vec::<&str>::new());
        assert_eq!(split_list("|"), Vec::<&str>::new());
        assert_eq!(split_list("a"), vec!["a"]);
    }

    #[test]
    fn fields_by_column_index() {
        let t = Table::parse("t.tsv", "id\tforms\tkind\nUSA\t美国\nFRA\t法国\tstate\n").unwrap();
        let (id, kind) = (t.column("id"), t.column("kind"));
        let r: Vec<_> = t.records().map(|r| (r.at(id), r.at(kind))).collect();
        assert_eq!(r, vec![("USA", ""), ("FRA", "state")]);
        assert_eq!(t.records().next().unwrap().at(usize::MAX), "");
    }

    #[test]
    fn too_many_fields_is_an_error_naming_the_line() {
        let e = Table::parse("t.tsv", "a\tb\n1\t2\t3\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.tsv:2: 3 fields, but the header has 2 columns"
        );
    }

    #[test]
    fn user_folder_extends_builtin() {
        let dir = std::env::temp_dir().join(format!("shiju-lex-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("x.tsv"), "id\tforms\nFRA\t法国\n").unwrap();
        let t = Table::load("x.tsv", "id\tforms\nUSA\t美国\n", Some(&dir)).unwrap();
        assert_eq!(t.len(), 2);
        let second = t.records().nth(1).unwrap();
        assert_eq!(second.file(), dir.join("x.tsv").display().to_string());
        assert_eq!(second.get("forms"), "法国");
        // A user file with the columns of an older release (a prefix of
        // the built-in header) loads; its rows read the new column as "".
        std::fs::write(dir.join("x.tsv"), "id\tforms\nFRA\t法国\n").unwrap();
        let t = Table::load("x.tsv", "id\tforms\tkind\nUSA\t美国\tseat\n", Some(&dir)).unwrap();
        let kinds: Vec<_> = t.records().map(|r| r.get("kind")).collect();
        assert_eq!(kinds, vec!["seat", ""]);
        std::fs::write(dir.join("x.tsv"), "id\tnames\nFRA\t法国\n").unwrap();
        assert!(Table::load("x.tsv", "id\tforms\nUSA\t美国\n", Some(&dir)).is_err());
        // Each row's fields are spans of its own file's text (the built-in
        // one borrowed): a user file longer than the built-in text, with
        // comments and padding, reads every field of both.
        let user = "# mine\nid\tforms\n\n  DEU \t德国|德意志\nJPN\t 日本 \n";
        std::fs::write(dir.join("x.tsv"), user).unwrap();
        let t = Table::load("x.tsv", "id\tforms\nUSA\t美国\n", Some(&dir)).unwrap();
        let rows: Vec<_> = t
            .records()
            .map(|r| (r.get("id"), r.list("forms")))
            .collect();
        assert_eq!(
            rows,
            vec![
                ("USA", vec!["美国"]),
                ("DEU", vec!["德国", "德意志"]),
                ("JPN", vec!["日本"]),
            ]
        );
        assert_eq!(
            t.records().nth(2).unwrap().origin(),
            format!("{}:5", dir.join("x.tsv").display())
        );
        // The built-in row's fields are borrowed for the process, the
        // user's are not; a missing field is "" either way.
        let forms = t.column("forms");
        let statics: Vec<_> = t.records().map(|r| r.at_static(forms)).collect();
        assert_eq!(statics, vec![Some("美国"), None, None]);
        assert_eq!(t.records().next().unwrap().at_static(usize::MAX), Some(""));
        assert!(Table::parse("t.tsv", "a\n1\n")
            .unwrap()
            .records()
            .all(|r| r.at_static(0).is_none()));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
