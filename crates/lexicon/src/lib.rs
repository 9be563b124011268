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

/// One data row of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// File the row came from (`lexicon/people.tsv` or the user's path).
    pub file: String,
    /// 1-based line number in that file.
    pub line: usize,
    pub fields: Vec<String>,
}

/// A TSV table: header and rows, built-in rows first, then the user's.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

impl Table {
    /// Parses one TSV text. The first non-comment line is the header.
    pub fn parse(file: &str, content: &str) -> Result<Table, LexiconError> {
        let mut header: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        for (i, raw) in content.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<String> = line.split('\t').map(|f| f.trim().to_string()).collect();
            match &header {
                None => header = Some(fields),
                Some(h) => {
                    if fields.len() > h.len() {
                        return Err(LexiconError::Format {
                            file: file.to_string(),
                            line: i + 1,
                            msg: format!(
                                "{} fields, but the header has {} columns",
                                fields.len(),
                                h.len()
                            ),
                        });
                    }
                    rows.push(Row {
                        file: file.to_string(),
                        line: i + 1,
                        fields,
                    });
                }
            }
        }
        Ok(Table {
            name: file.to_string(),
            header: header.unwrap_or_default(),
            rows,
        })
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
                let user = Table::parse(&shown, &content)?;
                // A file written for a release with fewer trailing columns
                // (`title  forms` before `kind` was added) still loads: its
                // rows read the missing columns as "".
                if !user.header.is_empty() && !table.header.starts_with(&user.header) {
                    return Err(LexiconError::Format {
                        file: shown,
                        line: 1,
                        msg: format!(
                            "header {:?} differs from the built-in {:?}",
                            user.header, table.header
                        ),
                    });
                }
                table.rows.extend(user.rows);
            }
        }
        Ok(table)
    }

    /// Index of a column by header name.
    pub fn col(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// Rows as maps from column name to field (missing trailing fields are "").
    pub fn records(&self) -> impl Iterator<Item = Record<'_>> {
        self.rows.iter().map(move |row| Record { table: self, row })
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
            self.row.file,
            self.table.header.join(", ")
        );
        self.table
            .col(name)
            .and_then(|i| self.row.fields.get(i))
            .map(String::as_str)
            .unwrap_or("")
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
        format!("{}:{}", self.row.file, self.row.line)
    }

    /// An error about this row.
    pub fn error(&self, msg: impl Into<String>) -> LexiconError {
        LexiconError::Format {
            file: self.row.file.clone(),
            line: self.row.line,
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
        assert_eq!(t.header, vec!["id", "forms"]);
        let r: Vec<_> = t.records().collect();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].get("id"), "USA");
        assert_eq!(r[0].list("forms"), vec!["美国", "美國"]);
        assert_eq!(r[0].origin(), "t.tsv:4");
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
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].file, dir.join("x.tsv").display().to_string());
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
