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

pub mod shared;
pub mod words;

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
/// The files' text is kept whole, and every field is a span of it (one
/// copy of each file instead of a `String` per field).
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub name: String,
    header: Vec<String>,
    rows: Vec<Row>,
    /// The files read (`lexicon/people.tsv`, then the user's path).
    files: Vec<String>,
    /// The files' text, one after the other.
    text: String,
    /// Byte spans of `text`, the fields of every row in row order.
    spans: Vec<(u32, u32)>,
}

/// The lines of a text as `str::lines` splits them (without their `\n`;
/// none after a final `\n`), found by SIMD.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    ends.filter_map(move |end| {
        if start >= text.len() && end == text.len() {
            return None;
        }
        let line = &text[start..end];
        start = end + 1;
        Some(line)
    })
}

/// `field.trim()`, decided on two bytes for the many fields that begin and
/// end with a printable ASCII character (ids, codes, dates).
fn trim_field(field: &str) -> &str {
    let plain = |b: &u8| b.is_ascii_graphic();
    let b = field.as_bytes();
    if b.first().is_some_and(plain) && b.last().is_some_and(plain) {
        field
    } else {
        field.trim()
    }
}

/// A field's span: `field`, a slice of `text`, as offsets from `text`'s start.
fn span_of(text: &str, field: &str) -> (u32, u32) {
    let start = field.as_ptr() as usize - text.as_ptr() as usize;
    (start as u32, (start + field.len()) as u32)
}

impl Table {
    /// Parses one TSV text. The first non-comment line is the header.
    pub fn parse(file: &str, content: &str) -> Result<Table, LexiconError> {
        let mut t = Table {
            name: file.to_string(),
            ..Table::default()
        };
        t.append(file, content, None)?;
        Ok(t)
    }

    /// Adds the rows of one file (its text `content`) to the table. With
    /// `expect`, the file's header must be a prefix of it (a user's file);
    /// without, the file's header becomes the table's.
    fn append(
        &mut self,
        file: &str,
        content: &str,
        expect: Option<&[String]>,
    ) -> Result<(), LexiconError> {
        let too_long = u32::try_from(self.text.len() + content.len()).is_err();
        if too_long {
            return Err(LexiconError::Format {
                file: file.to_string(),
                line: 0,
                msg: "file too large".into(),
            });
        }
        let base = self.text.len();
        self.text.push_str(content);
        let file_index = self.files.len() as u32;
        self.files.push(file.to_string());
        let text = &self.text[base..];
        let mut header: Option<Vec<String>> = None;
        let mut width = 0;
        for (i, raw) in lines(text).enumerate() {
            let line = raw.trim_end_matches('\r');
            if line.trim_start().is_empty() || line.starts_with('#') {
                continue;
            }
            let Some(_) = &header else {
                let h: Vec<String> = line.split('\t').map(|f| f.trim().to_string()).collect();
                width = h.len();
                header = Some(h);
                continue;
            };
            let first = self.spans.len();
            let mut start = 0;
            for tab in memchr::memchr_iter(b'\t', line.as_bytes()).chain([line.len()]) {
                let (s, e) = span_of(text, trim_field(&line[start..tab]));
                self.spans.push((s + base as u32, e + base as u32));
                start = tab + 1;
            }
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
    pub fn load(name: &str, builtin: &str, user_dir: Option<&Path>) -> Result<Table, LexiconError> {
        let mut table = Table::parse(&format!("lexicon/{name}"), builtin)?;
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
                let appended = table.append(&shown, &content, Some(&header));
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

    /// Rows as maps from column name to field (missing trailing fields are "").
    pub fn records(&self) -> impl Iterator<Item = Record<'_>> {
        self.rows.iter().map(move |row| Record { table: self, row })
    }

    /// Field `i` of `row`, or "" when the row has fewer fields.
    fn field(&self, row: &Row, i: usize) -> &str {
        if i >= row.len as usize {
            return "";
        }
        let (s, e) = self.spans[row.first as usize + i];
        &self.text[s as usize..e as usize]
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

impl FormEdit {
    /// An addition's form; a removal takes the form's rows out of `rows`
    /// (keyed by `key`) and gives `None`.
    pub fn or_remove_from<T>(self, rows: &mut Vec<T>, key: impl Fn(&T) -> &str) -> Option<String> {
        match self {
            FormEdit::Add(form) => Some(form),
            FormEdit::Remove(k) => {
                rows.retain(|r| key(r) != k);
                None
            }
        }
    }
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

/// Splits a `|`-separated list field, trimming items and dropping empty ones.
pub fn split_list(s: &str) -> Vec<&str> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .collect()
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
        assert_eq!(r[0].origin(), "t.tsv:4");
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
    #[cfg(debug_assertions)]
    #[should_panic(expected = "no column \"missing\"")]
    fn a_misspelt_column_is_caught() {
        let t = Table::parse("t.tsv", "id\tforms\nUSA\t美国\n").unwrap();
        let _ = t.records().next().unwrap().get("missing");
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
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
