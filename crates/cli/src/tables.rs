//! `shiju analyze --jsonl --tables DIR`: the Spark driver's four output
//! tables (`spark/README.md`, "Output"), written by shiju itself as Parquet
//! files, so that no JVM parses the analyses: `DIR/events/event_month=M/`,
//! `DIR/articles/`, `DIR/entities/`, `DIR/rejects/`, each flush one
//! `part-….parquet` file per table (per month for events).
//!
//! The rows are those `spark/shiju_tables.py` derives in Spark SQL from the
//! output lines (and `shiju_spark.rows_of_line` in Python): the same
//! columns, types, defaults, `global_event_id` and `event_month`. An input
//! line is acknowledged on standard output (`{"id":…,"tables":1}`) only
//! once its rows are in files under their final names, so a caller that
//! sees a process die re-runs exactly the lines it has no answer for.
//! `DIR/_counts-TAG.json` holds the rows written so far by the process.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use serde_json::Value;
use sha2::{Digest, Sha256};
use shiju_parquet::{Column, Field, Leaf, Records, Table};
use shiju_pipeline::jsonl::{Answer, Answered};

/// Answer bytes buffered before the rows are written out. 8 MB (about a
/// thousand real pages' answers) rather than 32: the rows, their JSON and
/// the Parquet buffers of one flush are several times the answers' size,
/// and with 32 MB a process peaked at 286 MB and spent 1.4–1.9 s of
/// system time per 4,000 pages faulting that memory in (8 MB: 146 MB,
/// 0.9–1.0 s; user time unchanged).
const FLUSH_BYTES: usize = 8 << 20;

/// The tables of one `analyze --jsonl --tables` run.
pub struct Writer {
    dir: PathBuf,
    tag: String,
    seq: usize,
    /// The rows of the documents held since the last flush, built from
    /// their typed analyses as they come.
    rows: Rows,
    /// The acknowledgements of the input lines ended since the last flush.
    acks: String,
    /// Whether anything was held or ended since the last flush.
    held: bool,
    bytes: usize,
    counts: [u64; 4],
}

impl Writer {
    /// A writer into `dir` (created); file names carry the process id and
    /// the start time, so runs never overwrite each other's files.
    pub fn new(dir: &Path) -> Result<Writer> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Ok(Writer {
            dir: dir.to_path_buf(),
            tag: format!("{}-{nanos:x}", std::process::id()),
            seq: 0,
            rows: Rows::default(),
            acks: String::new(),
            held: false,
            bytes: 0,
            counts: [0; 4],
        })
    }

    /// Holds one document's answers (and the SHA-256 and size of its raw
    /// bytes, when it had any) as rows until its input line is
    /// acknowledged: never written before, so a line's rows are all in
    /// files or none are.
    pub fn hold(&mut self, answers: Vec<Answer>, raw: Option<(String, i64)>) {
        self.held = true;
        for a in answers {
            self.bytes += a.line.len();
            self.rows.add(a, raw.as_ref());
        }
    }

    /// Ends input line `id` (its documents held): acknowledged once its
    /// rows are written; writes the tables out when enough are held.
    pub fn end_line(&mut self, id: Value, out: &mut impl std::io::Write) -> Result<()> {
        self.held = true;
        self.acks
            .push_str(&format!("{{\"id\":{id},\"tables\":1}}\n"));
        if self.bytes >= FLUSH_BYTES {
            self.flush(out)?;
        }
        Ok(())
    }

    /// Writes the held rows' files, then acknowledges their input lines.
    pub fn flush(&mut self, out: &mut impl std::io::Write) -> Result<()> {
        if !std::mem::take(&mut self.held) {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.rows);
        let acks = std::mem::take(&mut self.acks);
        self.bytes = 0;
        self.seq += 1;
        let name = format!("part-{}-{:05}.parquet", self.tag, self.seq);
        let written = rows.write(&self.dir, &name)?;
        for (c, n) in self.counts.iter_mut().zip(written) {
            *c += n;
        }
        let counts = serde_json::json!({
            "events": self.counts[0], "articles": self.counts[1],
            "entities": self.counts[2], "rejects": self.counts[3],
        });
        let file = self.dir.join(format!("_counts-{}.json", self.tag));
        publish(&file, counts.to_string().as_bytes())?;
        out.write_all(acks.as_bytes())?;
        out.flush()?;
        Ok(())
    }
}

impl Writer {
    /// Ends the run: writes what is held, then, for each of `articles`,
    /// `entities` and `rejects` that got no row from this process, one file
    /// with the table's columns and no rows (`part-TAG-empty.parquet`), as
    /// Spark writes an empty table, so that a caller never needs Spark to
    /// give an empty table its schema. Events, partitioned by month, get
    /// none (Spark writes no file for an empty partitioned table either).
    pub fn finish(&mut self, out: &mut impl std::io::Write) -> Result<()> {
        self.flush(out)?;
        let name = format!("part-{}-empty.parquet", self.tag);
        for (i, table) in ["articles", "entities", "rejects"].into_iter().enumerate() {
            if self.counts[i + 1] > 0 {
                continue;
            }
            let columns = match i {
                0 => articles_table(Vec::new()),
                1 => entities_table(Vec::new()),
                _ => rejects_table(Vec::new()),
            };
            write_file(&self.dir.join(table), &name, &columns)?;
        }
        Ok(())
    }
}

/// The SHA-256 (hex) and size of raw bytes.
pub fn digest(bytes: &[u8]) -> (String, i64) {
    let hash = Sha256::digest(bytes);
    let hex = hash.iter().map(|b| format!("{b:02x}")).collect();
    (hex, i64::try_from(bytes.len()).unwrap_or(i64::MAX))
}

/// Writes `bytes` to a hidden name beside `path`, then renames it: readers
/// see the whole file or none.
fn publish(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = hidden(path);
    std::fs::write(&tmp, bytes).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("renaming {}", tmp.display()))?;
    Ok(())
}

/// `DIR/.NAME.tmp` for `DIR/NAME` (Spark and `shiju import` skip dot files).
fn hidden(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp"))
}

/// The input line's id as a string cell: null stays null, a string is
/// itself, anything else its JSON text (as Spark's `from_json` reads it).
fn text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// An offset as an int cell: 0 past `i32::MAX`.
fn int(n: usize) -> i32 {
    i32::try_from(n).unwrap_or_default()
}

/// A length as an int cell: `i32::MAX` past it.
fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// `global_event_id`: the first 8 bytes (big-endian) of SHA-256 over the
/// fields joined by U+001F, top bit cleared.
pub fn global_event_id(fields: [&str; 5], start: i32) -> i64 {
    let key = format!("{}\u{1f}{start}", fields.join("\u{1f}"));
    let hash = Sha256::digest(key.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash[..8]);
    (u64::from_be_bytes(first) & 0x7FFF_FFFF_FFFF_FFFF) as i64
}

/// `event_month` of an event date: YYYY-MM of a day or month, the month of
/// an ISO week's Thursday, YYYY-00 for a year, else none.
pub fn event_month(date: &str) -> Option<String> {
    let d = date.trim();
    let b = d.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if !digits(0..4) {
        return None;
    }
    let year: i32 = d.get(..4)?.parse().ok()?;
    if b.get(4) == Some(&b'-') && digits(5..7) {
        let month: u32 = d.get(5..7)?.parse().ok()?;
        return (1..=12).contains(&month).then(|| d[..7].to_string());
    }
    if d.get(4..6) == Some("-W") && digits(6..8) {
        let week: u32 = d.get(6..8)?.parse().ok()?;
        let thu = chrono::NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Thu)?;
        return Some(thu.format("%Y-%m").to_string());
    }
    (d.len() == 4).then(|| format!("{d}-00"))
}

/// The rows of one flush, column by column.
#[derive(Default)]
struct Rows {
    /// Events by `event_month`, each a list of row cells.
    events: std::collections::BTreeMap<Option<String>, Vec<EventRow>>,
    articles: Vec<ArticleRow>,
    entities: Vec<EntityRow>,
    rejects: Vec<RejectRow>,
}

struct EventRow {
    id: i64,
    strings: [Option<String>; 10],
    goldstein: Option<f64>,
    ints: [i32; 3],
    meta: [Option<String>; 3],
}

/// One record of a list-of-records column: its string fields, then its
/// `start` and `end`.
struct Rec<const S: usize> {
    strings: [Option<String>; S],
    span: [i32; 2],
}

struct ArticleRow {
    strings: [Option<String>; 11],
    authors: Vec<String>,
    paragraphs: Vec<String>,
    timex: Vec<Rec<2>>,
    quotes: Vec<Rec<2>>,
    counts: [i32; 2],
    json: String,
    size: Option<i64>,
}

struct EntityRow {
    strings: [Option<String>; 8],
    forms: Vec<String>,
    mentions: Vec<Rec<1>>,
}

struct RejectRow {
    strings: [Option<String>; 4],
    size: Option<i64>,
}

impl Rows {
    /// The rows of one answer, from its typed value (the cells Spark's
    /// `from_json` reads from its line; the line itself is the article's
    /// `analysis_json`).
    fn add(&mut self, answer: Answer, raw: Option<&(String, i64)>) {
        let (sha, size) = (raw.map(|r| r.0.clone()), raw.map(|r| r.1));
        let a = match answer.what {
            Answered::Error { doc, error } => {
                self.rejects.push(RejectRow {
                    strings: [text(&answer.id), doc, Some(error), sha],
                    size,
                });
                return;
            }
            Answered::Analysis(a) => *a,
        };
        let doc = a.doc;
        let art = a.article;
        let meta = [art.url.clone(), art.outlet.clone(), art.published.clone()];
        let counts = [count(a.entities.len()), count(a.events.len())];
        for e in a.events {
            let start = int(e.start);
            let row = EventRow {
                id: global_event_id([&doc, &e.source, &e.target, &e.code, &e.date], start),
                strings: [
                    Some(doc.clone()),
                    Some(e.source),
                    Some(e.target),
                    e.source_entity,
                    e.target_entity,
                    Some(e.code),
                    Some(e.cameo),
                    e.plover,
                    Some(e.date.clone()),
                    Some(e.evidence),
                ],
                // JSON has no NaN or infinity: serde_json prints them as null.
                goldstein: e.goldstein.filter(|g| g.is_finite()),
                ints: [i32::from(e.quad_class), start, int(e.end)],
                meta: meta.clone(),
            };
            self.events
                .entry(event_month(&e.date))
                .or_default()
                .push(row);
        }
        for en in a.entities {
            let (title, of, status) = match en.role {
                Some(r) => (Some(r.title), r.of, Some(r.status.as_str().to_string())),
                None => (None, None, None),
            };
            self.entities.push(EntityRow {
                strings: [
                    Some(doc.clone()),
                    Some(en.id),
                    Some(en.kind.as_str().to_string()),
                    en.name,
                    en.country,
                    title,
                    of,
                    status,
                ],
                forms: en.forms,
                mentions: en
                    .mentions
                    .into_iter()
                    .map(|m| Rec {
                        strings: [Some(m.text)],
                        span: [int(m.start), int(m.end)],
                    })
                    .collect(),
            });
        }
        self.articles.push(ArticleRow {
            strings: [
                Some(doc.clone()),
                Some(text(&answer.id).unwrap_or(doc)),
                art.title,
                art.published,
                art.dateline,
                art.outlet,
                art.url,
                Some(art.script.as_str().to_string()),
                Some(art.form.as_str().to_string()),
                Some(art.encoding),
                sha,
            ],
            authors: art.authors,
            paragraphs: art.paragraphs,
            timex: a
                .timex
                .into_iter()
                .map(|t| Rec {
                    strings: [Some(t.text), Some(t.value)],
                    span: [int(t.start), int(t.end)],
                })
                .collect(),
            quotes: a
                .quotes
                .into_iter()
                .map(|q| Rec {
                    strings: [q.speaker, Some(q.text)],
                    span: [int(q.start), int(q.end)],
                })
                .collect(),
            counts,
            json: answer.line,
            size,
        });
    }
}

/// A string column of `rows`' cell `f` (moved out of the rows).
fn utf8<R>(rows: &mut [R], f: impl Fn(&mut R) -> Option<String>) -> Column {
    Column::Utf8(rows.iter_mut().map(f).collect())
}

fn int32<R>(rows: &[R], f: impl Fn(&R) -> i32) -> Column {
    Column::Int32(rows.iter().map(|r| Some(f(r))).collect())
}

/// A list-of-records column of the records of each row: `names` the
/// name and nullability of each string field, then `start` and `end`.
fn records<const S: usize>(rows: Vec<Vec<Rec<S>>>, names: [(&str, bool); S]) -> Column {
    let lens = rows.iter().map(Vec::len).collect();
    let mut strings: [Vec<Option<String>>; S] = std::array::from_fn(|_| Vec::new());
    let mut spans = [Vec::new(), Vec::new()];
    for rec in rows.into_iter().flatten() {
        for (col, s) in strings.iter_mut().zip(rec.strings) {
            col.push(s);
        }
        for (col, n) in spans.iter_mut().zip(rec.span) {
            col.push(Some(n));
        }
    }
    let mut fields: Vec<Field> = names
        .iter()
        .zip(strings)
        .map(|(&(name, nullable), values)| Field {
            name: name.to_string(),
            nullable,
            values: Leaf::Utf8(values),
        })
        .collect();
    for (name, values) in ["start", "end"].into_iter().zip(spans) {
        fields.push(Field {
            name: name.to_string(),
            nullable: false,
            values: Leaf::Int32(values),
        });
    }
    Column::Records(Records { lens, fields })
}

const EVENT_STRINGS: [&str; 10] = [
    "doc",
    "source",
    "target",
    "source_entity",
    "target_entity",
    "code",
    "root",
    "plover",
    "date",
    "evidence",
];

fn events_table(mut rows: Vec<EventRow>) -> Table {
    let mut t = Table::default();
    t.push(
        "global_event_id",
        Column::Int64(rows.iter().map(|r| Some(r.id)).collect()),
    );
    // Spark's column order: doc … root, goldstein, quad_class, plover, date,
    // evidence, start, end, url, outlet, published.
    for (i, name) in EVENT_STRINGS.iter().enumerate().take(7) {
        t.push(name, utf8(&mut rows, |r| r.strings[i].take()));
    }
    t.push(
        "goldstein",
        Column::Double(rows.iter().map(|r| r.goldstein).collect()),
    );
    t.push("quad_class", int32(&rows, |r| r.ints[0]));
    for (i, name) in EVENT_STRINGS.iter().enumerate().skip(7) {
        t.push(name, utf8(&mut rows, |r| r.strings[i].take()));
    }
    t.push("start", int32(&rows, |r| r.ints[1]));
    t.push("end", int32(&rows, |r| r.ints[2]));
    for (i, name) in ["url", "outlet", "published"].iter().enumerate() {
        t.push(name, utf8(&mut rows, |r| r.meta[i].take()));
    }
    t
}

fn articles_table(mut rows: Vec<ArticleRow>) -> Table {
    let mut t = Table::default();
    let names = ["doc", "id", "title", "published", "dateline"];
    for (i, name) in names.iter().enumerate() {
        t.push(name, utf8(&mut rows, |r| r.strings[i].take()));
    }
    let list = |rows: &mut [ArticleRow], f: fn(&mut ArticleRow) -> &mut Vec<String>| {
        Column::List(rows.iter_mut().map(|r| std::mem::take(f(r))).collect())
    };
    t.push("authors", list(&mut rows, |r| &mut r.authors));
    for (i, name) in ["outlet", "url", "script", "form", "encoding"]
        .iter()
        .enumerate()
    {
        t.push(name, utf8(&mut rows, |r| r.strings[5 + i].take()));
    }
    t.push("paragraphs", list(&mut rows, |r| &mut r.paragraphs));
    let timex = rows.iter_mut().map(|r| std::mem::take(&mut r.timex));
    t.push(
        "timex",
        records(timex.collect(), [("text", false), ("value", true)]),
    );
    let quotes = rows.iter_mut().map(|r| std::mem::take(&mut r.quotes));
    t.push(
        "quotes",
        records(quotes.collect(), [("speaker", true), ("text", false)]),
    );
    t.push("n_entities", int32(&rows, |r| r.counts[0]));
    t.push("n_events", int32(&rows, |r| r.counts[1]));
    t.push(
        "analysis_json",
        utf8(&mut rows, |r| Some(std::mem::take(&mut r.json))),
    );
    t.push("sha256", utf8(&mut rows, |r| r.strings[10].take()));
    t.push("size", Column::Int64(rows.iter().map(|r| r.size).collect()));
    t
}

fn entities_table(mut rows: Vec<EntityRow>) -> Table {
    let mut t = Table::default();
    let names = [
        "doc",
        "entity_id",
        "type",
        "name",
        "country",
        "role_title",
        "role_of",
        "role_status",
    ];
    for (i, name) in names.iter().enumerate() {
        t.push(name, utf8(&mut rows, |r| r.strings[i].take()));
    }
    t.push(
        "forms",
        Column::List(
            rows.iter_mut()
                .map(|r| std::mem::take(&mut r.forms))
                .collect(),
        ),
    );
    let n_mentions = int32(&rows, |r| count(r.mentions.len()));
    let mentions = rows.iter_mut().map(|r| std::mem::take(&mut r.mentions));
    t.push("mentions", records(mentions.collect(), [("text", false)]));
    t.push("n_mentions", n_mentions);
    t
}

fn rejects_table(mut rows: Vec<RejectRow>) -> Table {
    let mut t = Table::default();
    for (i, name) in ["id", "doc", "error", "sha256"].iter().enumerate() {
        t.push(name, utf8(&mut rows, |r| r.strings[i].take()));
    }
    t.push("size", Column::Int64(rows.iter().map(|r| r.size).collect()));
    t
}

/// Writes `table` as `dir/name` (through a hidden name, then renamed).
fn write_file(dir: &Path, name: &str, table: &Table) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let path = dir.join(name);
    let tmp = hidden(&path);
    shiju_parquet::write(&tmp, table).map_err(|e| anyhow::anyhow!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("renaming {}", tmp.display()))?;
    Ok(())
}

impl Rows {
    /// Writes every non-empty table as `name` in its folder under `dir`;
    /// returns the rows of events, articles, entities and rejects.
    fn write(self, dir: &Path, name: &str) -> Result<[u64; 4]> {
        let mut n = [0u64; 4];
        for (month, rows) in self.events {
            let folder = format!(
                "event_month={}",
                month.as_deref().unwrap_or("__HIVE_DEFAULT_PARTITION__")
            );
            n[0] += rows.len() as u64;
            write_file(&dir.join("events").join(folder), name, &events_table(rows))?;
        }
        if !self.articles.is_empty() {
            n[1] = self.articles.len() as u64;
            write_file(&dir.join("articles"), name, &articles_table(self.articles))?;
        }
        if !self.entities.is_empty() {
            n[2] = self.entities.len() as u64;
            write_file(&dir.join("entities"), name, &entities_table(self.entities))?;
        }
        if !self.rejects.is_empty() {
            n[3] = self.rejects.len() as u64;
            write_file(&dir.join("rejects"), name, &rejects_table(self.rejects))?;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::{event_month, global_event_id};

    /// The months of `shiju_spark.event_month` (spark/tests/test_pipe.py).
    #[test]
    fn event_months_as_the_driver_computes_them() {
        for (date, month) in [
            ("2024-11-19", Some("2024-11")),
            ("2024-11", Some("2024-11")),
            ("2024-W01", Some("2024-01")),
            ("2020-W53", Some("2020-12")),
            ("2026-W01", Some("2026-01")),
            ("2021-W53", None),
            ("2024", Some("2024-00")),
            ("", None),
            ("2024-13-01", None),
            ("二〇二四", None),
        ] {
            assert_eq!(event_month(date).as_deref(), month, "{date}");
        }
    }

    /// The id pinned in spark/tests/test_pipe.py.
    #[test]
    fn global_event_id_is_the_pinned_one() {
        let f = ["file:/news/a.txt", "USA", "CHN", "042", "2023-06-19"];
        assert_eq!(global_event_id(f, 0), 2904223324909897347);
        assert_ne!(global_event_id(f, 1), 2904223324909897347);
    }
}
