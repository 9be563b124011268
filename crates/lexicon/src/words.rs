//! Word lists: the `lexicon/*_words.tsv` files (one per stage crate), each
//! row one word of one named list.
//!
//! Columns: `class` (the list's name, e.g. `compound_next`), `word`, `note`.
//! A list is its words in file order (order matters to some stages: the
//! first match wins). A `word` may use the escapes `\t`, `\n`, `\r`, `\\`
//! and `\u{XXXX}` (needed for spaces, which TSV fields lose at their edges).
//! Words are not script-normalised: each list is matched as written.
//!
//! A user lexicon folder (`--lexicon DIR`, given to [`init`] once at
//! start-up) extends a list with rows of the same columns: a row appends its
//! word to the list (when not already in it); a row whose word is `-WORD`
//! removes `WORD` from the list.
//!
//! Each list is built once per process, the first time a stage reads it;
//! lookups never re-parse a file.

use std::collections::HashMap;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::{LexiconError, Table};

/// The word files compiled in: (file name, content).
const FILES: &[(&str, &str)] = &[
    (
        "entity_words.tsv",
        include_str!("../../../lexicon/entity_words.tsv"),
    ),
    (
        "event_words.tsv",
        include_str!("../../../lexicon/event_words.tsv"),
    ),
    (
        "page_words.tsv",
        include_str!("../../../lexicon/page_words.tsv"),
    ),
    (
        "timex_words.tsv",
        include_str!("../../../lexicon/timex_words.tsv"),
    ),
];

const HEADER: [&str; 3] = ["class", "word", "note"];

/// A list: its words, and the same words concatenated (for lists of
/// characters read as one string).
struct List {
    words: &'static [&'static str],
    joined: &'static str,
    chars: &'static [char],
}

/// file → class → key → list. A class written `name:key` (a list per key,
/// e.g. `bad_prev:与`) is stored under `name` and `key`; a plain class under
/// the key "".
type Lists = HashMap<&'static str, HashMap<String, Class>>;

/// The lists of one class: by key, and the keys in file order.
#[derive(Default)]
struct Class {
    keys: Vec<&'static str>,
    /// Fx-hashed: stages look lists up per sentence and per match.
    lists: rustc_hash::FxHashMap<String, List>,
}

static USER_DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
static LISTS: OnceLock<Lists> = OnceLock::new();

/// Names the user's lexicon folder for every word list of this process and
/// checks its word files. Call it once, before any stage runs; later calls
/// (another pipeline in the same process) keep the first folder.
pub fn init(user_dir: Option<&Path>) -> Result<(), LexiconError> {
    let mut tables = Vec::with_capacity(FILES.len());
    for (name, builtin) in FILES {
        tables.push((*name, load(name, builtin, user_dir)?));
    }
    let _ = USER_DIR.set(user_dir.map(Path::to_path_buf));
    // The tables just checked are the lists' (unless a stage built them
    // before: then they stay as they are).
    LISTS.get_or_init(|| lists_of(tables));
    Ok(())
}

fn load(name: &str, builtin: &'static str, user_dir: Option<&Path>) -> Result<Table, LexiconError> {
    let t = Table::load(name, builtin, user_dir)?;
    if t.header() != HEADER {
        return Err(LexiconError::Format {
            file: t.name.clone(),
            line: 1,
            msg: format!("header must be {}", HEADER.join("\t")),
        });
    }
    Ok(t)
}

/// Undoes the escapes a `word` field may use.
fn unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some('u') if it.peek() == Some(&'{') => {
                let hex: String = it.by_ref().skip(1).take_while(|&c| c != '}').collect();
                if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    out.push(ch);
                }
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The lists of a process where no [`init`] came first.
fn build() -> Lists {
    let user_dir = USER_DIR.get().cloned().flatten();
    let tables = FILES
        .iter()
        .map(|(name, builtin)| {
            // `init` has checked the user's files; should one have changed
            // or gone since, the built-in lists still load.
            let table = load(name, builtin, user_dir.as_deref())
                .or_else(|_| load(name, builtin, None))
                .unwrap_or_default();
            (*name, table)
        })
        .collect();
    lists_of(tables)
}

/// The lists of the word files' tables, (file name, table).
fn lists_of(tables: Vec<(&'static str, Table)>) -> Lists {
    // (file, class) in file order, with its words; the classes are the
    // tables' own strings, looked up without a copy per row.
    let mut order: Vec<((&'static str, &str), Vec<String>)> = Vec::new();
    // (Fx: the 3,000 rows' keys are a few bytes each; SipHash cost more.)
    let mut index: rustc_hash::FxHashMap<(&'static str, &str), usize> =
        rustc_hash::FxHashMap::default();
    for (name, table) in &tables {
        let (class_col, word_col) = (table.column("class"), table.column("word"));
        for r in table.records() {
            let key = (*name, r.at(class_col));
            let word = unescape(r.at(word_col));
            let i = *index.entry(key).or_insert_with(|| {
                order.push((key, Vec::new()));
                order.len() - 1
            });
            let list = &mut order[i].1;
            let builtin_row = r.file().starts_with("lexicon/");
            if builtin_row {
                list.push(word);
            } else if let Some(gone) = word.strip_prefix('-') {
                list.retain(|w| w != gone);
            } else if !list.contains(&word) {
                list.push(word);
            }
        }
    }
    let mut lists: Lists = HashMap::new();
    for (key, ws) in order {
        let joined: &'static str = Box::leak(ws.concat().into_boxed_str());
        let chars: Vec<char> = joined.chars().collect();
        let ws: Vec<&'static str> = ws
            .into_iter()
            .map(|w| &*Box::leak(w.into_boxed_str()))
            .collect();
        let list = List {
            words: Box::leak(ws.into_boxed_slice()),
            joined,
            chars: Box::leak(chars.into_boxed_slice()),
        };
        let (file, class) = key;
        let (name, sub) = class.split_once(':').unwrap_or((class, ""));
        let class = lists
            .entry(file)
            .or_default()
            .entry(name.to_string())
            .or_default();
        class.keys.push(Box::leak(sub.to_string().into_boxed_str()));
        class.lists.insert(sub.to_string(), list);
    }
    lists
}

fn lists() -> &'static Lists {
    LISTS.get_or_init(build)
}

fn find(file: &str, class: &str, key: &str) -> Option<&'static List> {
    lists().get(file)?.get(class)?.lists.get(key)
}

/// The list `class` of the word file `file`, if there is one.
pub fn get(file: &'static str, class: &str) -> Option<&'static [&'static str]> {
    find(file, class, "").map(|l| l.words)
}

/// The list `class:key` of `file` (one of a family of lists, one per
/// key), if there is one.
pub fn get_keyed(file: &'static str, class: &str, key: &str) -> Option<&'static [&'static str]> {
    find(file, class, key).map(|l| l.words)
}

/// The characters of list `class:key` of `file`, if there is one.
pub fn get_keyed_chars(file: &'static str, class: &str, key: &str) -> Option<&'static [char]> {
    find(file, class, key).map(|l| l.chars)
}

/// The words of list `class` of `file` concatenated, if there is one.
pub fn get_joined(file: &'static str, class: &str) -> Option<&'static str> {
    find(file, class, "").map(|l| l.joined)
}

/// The characters of list `class` of `file`, if there is one.
pub fn get_chars(file: &'static str, class: &str) -> Option<&'static [char]> {
    find(file, class, "").map(|l| l.chars)
}

fn missing(file: &str, class: &str) -> ! {
    panic!("bug: lexicon/{file} has no list {class:?}")
}

/// A named list, read through `Deref` as the view `T` of its words,
/// looked up once: see [`WordList`], [`CharStr`], [`CharSlice`].
pub struct Named<T: ?Sized + 'static> {
    file: &'static str,
    class: &'static str,
    view: fn(&'static List) -> &'static T,
    cell: OnceLock<&'static T>,
}

/// A named list of words, read as a slice: `static W: WordList =
/// WordList::new("event_words.tsv", "negations");` then `W.iter()`,
/// `W.contains(&w)`.
pub type WordList = Named<[&'static str]>;
/// A named list of characters (one a row), read as one string:
/// `CHARS.contains(c)`.
pub type CharStr = Named<str>;
/// A named list of characters (one a row), read as a slice of `char`:
/// `CHARS.contains(&c)`.
pub type CharSlice = Named<[char]>;

impl WordList {
    pub const fn new(file: &'static str, class: &'static str) -> WordList {
        Named::with(file, class, |l| l.words)
    }
}

impl CharStr {
    pub const fn new(file: &'static str, class: &'static str) -> CharStr {
        Named::with(file, class, |l| l.joined)
    }
}

impl CharSlice {
    pub const fn new(file: &'static str, class: &'static str) -> CharSlice {
        Named::with(file, class, |l| l.chars)
    }
}

impl<T: ?Sized + 'static> Named<T> {
    const fn with(
        file: &'static str,
        class: &'static str,
        view: fn(&'static List) -> &'static T,
    ) -> Named<T> {
        Named {
            file,
            class,
            view,
            cell: OnceLock::new(),
        }
    }
}

impl<T: ?Sized + 'static> Deref for Named<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.cell.get_or_init(|| {
            let list =
                find(self.file, self.class, "").unwrap_or_else(|| missing(self.file, self.class));
            (self.view)(list)
        })
    }
}

/// A family of lists, one per key (rows `class:key`), e.g. the
/// characters that may not come before each preposition. A key with no list
/// has an empty one.
pub struct Family {
    file: &'static str,
    class: &'static str,
    cell: OnceLock<Option<&'static Class>>,
}

impl Family {
    pub const fn new(file: &'static str, class: &'static str) -> Family {
        Family {
            file,
            class,
            cell: OnceLock::new(),
        }
    }

    fn list(&self, key: &str) -> Option<&'static List> {
        let map = self
            .cell
            .get_or_init(|| lists().get(self.file).and_then(|f| f.get(self.class)));
        map.and_then(|m| m.lists.get(key))
    }

    /// The keys of the family, in file order.
    pub fn keys(&self) -> &'static [&'static str] {
        self.cell
            .get_or_init(|| lists().get(self.file).and_then(|f| f.get(self.class)))
            .map(|c| c.keys.as_slice())
            .unwrap_or(&[])
    }

    /// The words of the list for `key` (none when there is no such list).
    pub fn words(&self, key: &str) -> &'static [&'static str] {
        self.list(key).map(|l| l.words).unwrap_or(&[])
    }

    /// The characters of the list for `key`.
    pub fn chars(&self, key: &str) -> &'static [char] {
        self.list(key).map(|l| l.chars).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(unescape(r"a\tb\u{20}\u{3000}\\n"), "a\tb \u{3000}\\n");
    }

    #[test]
    fn every_builtin_file_has_the_header() {
        for (name, builtin) in FILES {
            load(name, builtin, None).unwrap();
        }
    }

    #[test]
    fn user_rows_extend_and_remove() {
        let dir = std::env::temp_dir().join(format!("shiju-words-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("event_words.tsv"),
            "class\tword\tnote\nnegations\t从未想过\t\nnegations\t-没\t\n",
        )
        .unwrap();
        init(Some(&dir)).unwrap();
        let n = get("event_words.tsv", "negations").unwrap();
        assert!(n.contains(&"从未想过"));
        assert!(!n.contains(&"没"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
