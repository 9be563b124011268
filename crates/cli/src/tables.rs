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

/// Answer bytes buffered before the rows are written out. 8 MB (about a
/// thousand real pages' answers) rather than 32: the rows, their JSON and
/// the Parquet buffers of one flush are several times the answers' size,
/// and with 32 MB a process peaked at 286 MB and spent 1.4–1.9 s of
/// system time per 4,000 pages faulting that memory in (8 MB: 146 MB,
/// 0.9–1.0 s; user time unchanged).
const FLUSH_BYTES: usize = 8 << 20;

/// One document's answers and its raw bytes' SHA-256 and size, and the
/// id of the input line it acknowledges (`None`: a WARC file's record
/// before the last, whose line is acknowledged with the file's rows).
struct Pending {
    answers: Vec<String>,
    raw: Option<(String, i64)>,
    ack: Option<Value>,
}

/// The tables of one `analyze --jsonl --tables` run.
pub struct Writer {
    dir: PathBuf,
    tag: String,
    seq: usize,
    pending: Vec<Pending>,
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
            pending: Vec::new(),
            bytes: 0,
            counts: [0; 4],
        })
    }

    /// Holds one document's answers (and the SHA-256 and size of its raw
    /// bytes, when it had any) until its input line is acknowledged: never
    /// written before, so a line's rows are all in files or none are.
    pub fn hold(&mut self, answers: Vec<String>, raw: Option<(String, i64)>) {
        self.bytes += answers.iter().map(String::len).sum::<usize>();
        self.pending.push(Pending {
            answers,
            raw,
            ack: None,
        });
    }

    /// Ends input line `id` (its documents held): acknowledged once its
    /// rows are written; writes the tables out when enough are held.
    pub fn end_line(&mut self, id: Value, out: &mut impl std::io::Write) -> Result<()> {
        self.pending.push(Pending {
            answers: Vec::new(),
            raw: None,
            ack: Some(id),
        });
        if self.bytes >= FLUSH_BYTES {
            self.flush(out)?;
        }
        Ok(())
    }

    /// Writes the held rows' files, then acknowledges their input lines.
    pub fn flush(&mut self, out: &mut impl std::io::Write) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let mut rows = Rows::default();
        let mut acks = String::new();
        for p in std::mem::take(&mut self.pending) {
            for line in &p.answers {
                let v: Value = serde_json::from_str(line).unwrap_or(Value::Null);
                rows.add(&v, line, p.raw.as_ref());
            }
            if let Some(id) = p.ack {
                acks.push_str(&format!("{{\"id\":{id},\"tables\":1}}\n"));
            }
        }
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

/// A JSON value as a string column's cell: null stays null, a string is
/// itself, anything else its JSON text (as Spark's `from_json` reads it).
fn text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

fn text_or(v: &Value, default: &str) -> String {
    text(v).unwrap_or_else(|| default.to_string())
}

fn int(v: &Value) -> i32 {
    v.as_i64()
        .and_then(|n| i32::try_from(n).ok())
        .unwrap_or_default()
}

fn array(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

fn strings(v: &Value) -> Vec<String> {
    array(v).iter().map(|s| text_or(s, "")).collect()
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
    rejects: Vec<[Option<String>; 5]>,
}

struct EventRow {
    id: i64,
    strings: [Option<String>; 10],
    goldstein: Option<f64>,
    ints: [i32; 3],
    meta: [Option<String>; 3],
}

struct ArticleRow {
    strings: [Option<String>; 11],
    authors: Vec<String>,
    paragraphs: Vec<String>,
    timex: Vec<[Value; 4]>,
    quotes: Vec<[Value; 4]>,
    counts: [i32; 2],
    json: String,
    size: Option<i64>,
}

struct EntityRow {
    strings: [Option<String>; 8],
    forms: Vec<String>,
    mentions: Vec<[Value; 3]>,
}

impl Rows {
    /// The rows of one answer line (`line`, parsed as `v`).
    fn add(&mut self, v: &Value, line: &str, raw: Option<&(String, i64)>) {
        let art = &v["article"];
        let ok = v.get("error").is_none_or(Value::is_null) && !art.is_null();
        let (sha, size) = (raw.map(|r| r.0.clone()), raw.map(|r| r.1));
        if !ok {
            let error = text(&v["error"]).unwrap_or_else(|| "no analysis".into());
            self.rejects.push([
                text(&v["id"]),
                text(&v["doc"]),
                Some(error),
                sha,
                size.map(|s| s.to_string()),
            ]);
            return;
        }
        let doc = text(&v["doc"])
            .or_else(|| text(&v["id"]))
            .unwrap_or_default();
        let meta = [
            text(&art["url"]),
            text(&art["outlet"]),
            text(&art["published"]),
        ];
        for e in array(&v["events"]) {
            let s = |k: &str| text_or(&e[k], "");
            let (source, target, code, date) = (s("source"), s("target"), s("code"), s("date"));
            let start = int(&e["start"]);
            let root = text(&e["cameo"]).unwrap_or_else(|| code.chars().take(2).collect());
            let row = EventRow {
                id: global_event_id([&doc, &source, &target, &code, &date], start),
                strings: [
                    Some(doc.clone()),
                    Some(source),
                    Some(target),
                    text(&e["source_entity"]),
                    text(&e["target_entity"]),
                    Some(code),
                    Some(root),
                    text(&e["plover"]),
                    Some(date.clone()),
                    Some(s("evidence")),
                ],
                goldstein: e["goldstein"].as_f64(),
                ints: [int(&e["quad_class"]), start, int(&e["end"])],
                meta: meta.clone(),
            };
            self.events.entry(event_month(&date)).or_default().push(row);
        }
        for en in array(&v["entities"]) {
            let role = &en["role"];
            self.entities.push(EntityRow {
                strings: [
                    Some(doc.clone()),
                    Some(text_or(&en["id"], "")),
                    Some(text_or(&en["type"], "")),
                    text(&en["name"]),
                    text(&en["country"]),
                    text(&role["title"]),
                    text(&role["of"]),
                    text(&role["status"]),
                ],
                forms: strings(&en["forms"]),
                mentions: array(&en["mentions"])
                    .iter()
                    .map(|m| [m["text"].clone(), m["start"].clone(), m["end"].clone()])
                    .collect(),
            });
        }
        let four = |x: &Value, k: [&str; 4]| {
            [
                x[k[0]].clone(),
                x[k[1]].clone(),
                x[k[2]].clone(),
                x[k[3]].clone(),
            ]
        };
        self.articles.push(ArticleRow {
            strings: [
                Some(doc.clone()),
                Some(text(&v["id"]).unwrap_or(doc)),
                text(&art["title"]),
                text(&art["published"]),
                text(&art["dateline"]),
                text(&art["outlet"]),
                text(&art["url"]),
                Some(text_or(&art["script"], "")),
                Some(text_or(&art["form"], "")),
                Some(text_or(&art["encoding"], "")),
                sha,
            ],
            authors: strings(&art["authors"]),
            paragraphs: strings(&art["paragraphs"]),
            timex: array(&v["timex"])
                .iter()
                .map(|t| four(t, ["text", "value", "start", "end"]))
                .collect(),
            quotes: array(&v["quotes"])
                .iter()
                .map(|q| four(q, ["speaker", "text", "start", "end"]))
                .collect(),
            counts: [
                i32::try_from(array(&v["entities"]).len()).unwrap_or(i32::MAX),
                i32::try_from(array(&v["events"]).len()).unwrap_or(i32::MAX),
            ],
            json: line.to_string(),
            size,
        });
    }
}

/// A string column of `rows`' cell `f`.
fn utf8<R>(rows: &[R], f: impl Fn(&R) -> Option<String>) -> Column {
    Column::Utf8(rows.iter().map(f).collect())
}

fn int32<R>(rows: &[R], f: impl Fn(&R) -> i32) -> Column {
    Column::Int32(rows.iter().map(|r| Some(f(r))).collect())
}

/// A list-of-records column: `fields` name, nullability and kind
/// (`true`: int) of each field, `items` the records of each row as JSON.
fn records<const N: usize>(rows: &[&[[Value; N]]], fields: [(&str, bool, bool); N]) -> Column {
    let lens = rows.iter().map(|r| r.len()).collect();
    let fields = fields
        .iter()
        .enumerate()
        .map(|(i, &(name, nullable, is_int))| {
            let all = rows.iter().flat_map(|r| r.iter().map(move |rec| &rec[i]));
            let values = if is_int {
                Leaf::Int32(all.map(|v| Some(int(v))).collect())
            } else if nullable {
                Leaf::Utf8(all.map(text).collect())
            } else {
                Leaf::Utf8(all.map(|v| Some(text_or(v, ""))).collect())
            };
            Field {
                name: name.to_string(),
                nullable,
                values,
            }
        })
        .collect();
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

fn events_table(rows: &[EventRow]) -> Table {
    let mut t = Table::default();
    t.push(
        "global_event_id",
        Column::Int64(rows.iter().map(|r| Some(r.id)).collect()),
    );
    // Spark's column order: doc … root, goldstein, quad_class, plover, date,
    // evidence, start, end, url, outlet, published.
    let s = |i: usize| utf8(rows, move |r: &EventRow| r.strings[i].clone());
    for (i, name) in EVENT_STRINGS.iter().enumerate().take(7) {
        t.push(name, s(i));
    }
    t.push(
        "goldstein",
        Column::Double(rows.iter().map(|r| r.goldstein).collect()),
    );
    t.push("quad_class", int32(rows, |r| r.ints[0]));
    for (i, name) in EVENT_STRINGS.iter().enumerate().skip(7) {
        t.push(name, s(i));
    }
    t.push("start", int32(rows, |r| r.ints[1]));
    t.push("end", int32(rows, |r| r.ints[2]));
    for (i, name) in ["url", "outlet", "published"].iter().enumerate() {
        t.push(name, utf8(rows, |r| r.meta[i].clone()));
    }
    t
}

fn articles_table(rows: &[ArticleRow]) -> Table {
    let mut t = Table::default();
    let s = |i: usize| utf8(rows, move |r: &ArticleRow| r.strings[i].clone());
    let names = ["doc", "id", "title", "published", "dateline"];
    for (i, name) in names.iter().enumerate() {
        t.push(name, s(i));
    }
    t.push(
        "authors",
        Column::List(rows.iter().map(|r| r.authors.clone()).collect()),
    );
    t.push("outlet", s(5));
    t.push("url", s(6));
    t.push("script", s(7));
    t.push("form", s(8));
    t.push("encoding", s(9));
    t.push(
        "paragraphs",
        Column::List(rows.iter().map(|r| r.paragraphs.clone()).collect()),
    );
    let timex: Vec<&[[Value; 4]]> = rows.iter().map(|r| r.timex.as_slice()).collect();
    t.push(
        "timex",
        records(
            &timex,
            [
                ("text", false, false),
                ("value", true, false),
                ("start", false, true),
                ("end", false, true),
            ],
        ),
    );
    let quotes: Vec<&[[Value; 4]]> = rows.iter().map(|r| r.quotes.as_slice()).collect();
    t.push(
        "quotes",
        records(
            &quotes,
            [
                ("speaker", true, false),
                ("text", false, false),
                ("start", false, true),
                ("end", false, true),
            ],
        ),
    );
    t.push("n_entities", int32(rows, |r| r.counts[0]));
    t.push("n_events", int32(rows, |r| r.counts[1]));
    t.push("analysis_json", utf8(rows, |r| Some(r.json.clone())));
    t.push("sha256", s(10));
    t.push("size", Column::Int64(rows.iter().map(|r| r.size).collect()));
    t
}

fn entities_table(rows: &[EntityRow]) -> Table {
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
        t.push(name, utf8(rows, |r| r.strings[i].clone()));
    }
    t.push(
        "forms",
        Column::List(rows.iter().map(|r| r.forms.clone()).collect()),
    );
    let mentions: Vec<&[[Value; 3]]> = rows.iter().map(|r| r.mentions.as_slice()).collect();
    t.push(
        "mentions",
        records(
            &mentions,
            [
                ("text", false, false),
                ("start", false, true),
                ("end", false, true),
            ],
        ),
    );
    t.push(
        "n_mentions",
        int32(rows, |r| {
            i32::try_from(r.mentions.len()).unwrap_or(i32::MAX)
        }),
    );
    t
}

fn rejects_table(rows: &[[Option<String>; 5]]) -> Table {
    let mut t = Table::default();
    for (i, name) in ["id", "doc", "error", "sha256"].iter().enumerate() {
        t.push(name, utf8(rows, |r| r[i].clone()));
    }
    t.push(
        "size",
        Column::Int64(
            rows.iter()
                .map(|r| r[4].as_deref().and_then(|s| s.parse().ok()))
                .collect(),
        ),
    );
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
    fn write(&self, dir: &Path, name: &str) -> Result<[u64; 4]> {
        let mut n = [0u64; 4];
        for (month, rows) in &self.events {
            let folder = format!(
                "event_month={}",
                month.as_deref().unwrap_or("__HIVE_DEFAULT_PARTITION__")
            );
            write_file(&dir.join("events").join(folder), name, &events_table(rows))?;
            n[0] += rows.len() as u64;
        }
        if !self.articles.is_empty() {
            write_file(&dir.join("articles"), name, &articles_table(&self.articles))?;
            n[1] = self.articles.len() as u64;
        }
        if !self.entities.is_empty() {
            write_file(&dir.join("entities"), name, &entities_table(&self.entities))?;
            n[2] = self.entities.len() as u64;
        }
        if !self.rejects.is_empty() {
            write_file(&dir.join("rejects"), name, &rejects_table(&self.rejects))?;
            n[3] = self.rejects.len() as u64;
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
