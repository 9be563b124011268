//! `shiju export`: the event table as GDELT 2.0 TSV (events, or mentions),
//! readable CSV, JSON lines with provenance, or typed Parquet.
//!
//! Every format carries the same facts: CAMEO codes as strings (quoted in
//! CSV), actors as shiju's codes and as CAMEO actor codes with English
//! names, the date as coded (`2024`, `2024-03`, `2024-W10`, `2024-03-05`),
//! its precision (`year|month|week|day`) and the first day of its period,
//! and the first article's URL, title, outlet and evidence sentence.
//! Parquet (`--format parquet --out FILE`) has the CSV export's columns,
//! typed: integers, doubles, `day` a DATE, `date_added` a TIMESTAMP (UTC),
//! UTF-8 strings, nulls where a value is absent.

use std::io::Write;

use anyhow::{bail, Result};
use serde_json::json;

use crate::query::Span;
use crate::Store;

mod actors;
mod gdelt;
mod geo;
pub mod tables;

pub use gdelt::{GDELT_COLUMNS, MENTIONS_COLUMNS};
pub use tables::{Encoding, Table};

use actors::{Actor, EntityRow};

/// Export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// GDELT 2.0 event table: 61 tab-separated columns, no header.
    Gdelt,
    /// GDELT 2.0 mentions table: 16 tab-separated columns, no header.
    GdeltMentions,
    /// CSV with a header of readable column names.
    Csv,
    /// One JSON object per event, with its mentions.
    Jsonl,
    /// Apache Parquet with the CSV columns, typed (needs a file).
    Parquet,
    /// Another table than the events: entities or quotes, as CSV, JSON
    /// lines or Parquet (`entities`, `entities-jsonl`, `quotes-parquet`…).
    Table(Table, Encoding),
}

impl ExportFormat {
    /// Whether the format can only be written to a file (`--out`).
    pub fn needs_file(self) -> bool {
        matches!(
            self,
            ExportFormat::Parquet | ExportFormat::Table(_, Encoding::Parquet)
        )
    }
}

impl std::str::FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "gdelt" => Ok(ExportFormat::Gdelt),
            "gdelt-mentions" | "mentions" => Ok(ExportFormat::GdeltMentions),
            "csv" => Ok(ExportFormat::Csv),
            "jsonl" => Ok(ExportFormat::Jsonl),
            "parquet" => Ok(ExportFormat::Parquet),
            other => {
                let (table, enc) = other.split_once('-').unwrap_or((other, "csv"));
                let table = match table {
                    "entities" => Table::Entities,
                    "quotes" => Table::Quotes,
                    _ => return Err(format!("unknown export format {s:?} ({FORMATS})")),
                };
                let enc = match enc {
                    "csv" => Encoding::Csv,
                    "jsonl" => Encoding::Jsonl,
                    "parquet" => Encoding::Parquet,
                    _ => return Err(format!("unknown export format {s:?} ({FORMATS})")),
                };
                Ok(ExportFormat::Table(table, enc))
            }
        }
    }
}

/// The export formats, for error messages.
pub const FORMATS: &str = "expected gdelt, gdelt-mentions, csv, jsonl, parquet, \
     entities[-csv|-jsonl|-parquet] or quotes[-csv|-jsonl|-parquet]";

/// How precise an event's date is: `day`, `week`, `month` or `year` (empty
/// for a date shiju cannot place in the calendar).
pub fn date_precision(date: &str) -> &'static str {
    let parts: Vec<&str> = date.trim().split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] if digits(y, 4) => "year",
        [y, w] if digits(y, 4) && w.starts_with('W') && digits(&w[1..], 2) => "week",
        [y, m] if digits(y, 4) && digits(m, 2) => "month",
        [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => "day",
        _ => "",
    }
}

/// One event with what every format writes of it.
pub(crate) struct Ev {
    pub id: i64,
    pub date: String,
    pub day: Option<String>,
    pub source: String,
    pub target: String,
    pub root: String,
    pub code: String,
    pub quad: i64,
    pub goldstein: Option<f64>,
    pub plover: Option<String>,
    pub source_entity: Option<String>,
    pub target_entity: Option<String>,
    pub is_root: i64,
    pub mentions: i64,
    pub articles: i64,
    pub sources: i64,
    pub added: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub evidence: Option<String>,
    pub a1: Actor,
    pub a2: Actor,
    /// Entity mentions in the evidence sentence (character ranges of it).
    pub named: Vec<(usize, usize)>,
}

impl Ev {
    pub fn precision(&self) -> &'static str {
        date_precision(&self.date)
    }
}

fn load(store: &Store, span: &Span) -> Result<Vec<Ev>> {
    let f = crate::query::EventFilter {
        span: span.clone(),
        ..Default::default()
    };
    // Reuse the filter's validation and ordering, then read full rows.
    let ids = crate::query::events(store, &f)?;
    let mut st = store.conn.prepare_cached(&format!(
        "SELECT e.id, e.date, e.day, e.source, e.target, e.root, e.code, e.quad_class, e.goldstein, e.plover,
                e.source_entity, e.target_entity, e.is_root, e.num_mentions, e.num_articles, e.num_sources,
                e.added, fa.url, fa.title, fa.outlet,
                (SELECT {} FROM event_mentions m JOIN articles a ON a.id = m.article_id
                 WHERE m.event_id = e.id ORDER BY m.id LIMIT 1),
                s.kind, s.country, s.name, t.kind, t.country, t.name
         FROM events e LEFT JOIN articles fa ON fa.id = e.first_article
                       LEFT JOIN entities s ON s.key = e.source_entity
                       LEFT JOIN entities t ON t.key = e.target_entity
         WHERE e.id = ?1",
        crate::EVIDENCE
    ))?;
    let mut out = Vec::with_capacity(ids.rows.len());
    for row in &ids.rows {
        let Some(id) = row.first().and_then(|v| v.as_i64()) else {
            continue;
        };
        out.push(st.query_row([id], |r| {
            let source: String = r.get(3)?;
            let target: String = r.get(4)?;
            let source_entity: Option<String> = r.get(10)?;
            let target_entity: Option<String> = r.get(11)?;
            let ent = |key: &Option<String>, i: usize| -> rusqlite::Result<EntityRow> {
                Ok(EntityRow {
                    key: key.clone(),
                    kind: r.get(i)?,
                    country: r.get(i + 1)?,
                    name: r.get(i + 2)?,
                })
            };
            let day: Option<String> = r.get(2)?;
            let a1 = actors::actor(&source, &ent(&source_entity, 21)?, day.as_deref());
            let a2 = actors::actor(&target, &ent(&target_entity, 24)?, day.as_deref());
            Ok(Ev {
                id: r.get(0)?,
                date: r.get(1)?,
                day: r.get(2)?,
                source,
                target,
                root: r.get(5)?,
                code: r.get(6)?,
                quad: r.get(7)?,
                goldstein: r.get(8)?,
                plover: r.get(9)?,
                source_entity,
                target_entity,
                is_root: r.get(12)?,
                mentions: r.get(13)?,
                articles: r.get(14)?,
                sources: r.get(15)?,
                added: r.get(16)?,
                url: r.get::<_, Option<String>>(17)?.filter(|u| !u.is_empty()),
                title: r.get(18)?,
                outlet: r.get(19)?,
                evidence: r.get(20)?,
                a1,
                a2,
                named: Vec::new(),
            })
        })?);
        if let Some(e) = out.last_mut() {
            e.named = named_in_evidence(store, e.id)?;
        }
    }
    Ok(out)
}

/// The entity mentions inside event `id`'s evidence sentence, as character
/// ranges of the sentence (a place name inside one, 尼斯 in 突尼斯, is not
/// a place).
fn named_in_evidence(store: &Store, id: i64) -> Result<Vec<(usize, usize)>> {
    use rusqlite::OptionalExtension;
    let first: Option<(i64, i64, i64)> = store
        .conn
        .prepare_cached(
            "SELECT article_id, start, \"end\" FROM event_mentions WHERE event_id = ?1 ORDER BY id LIMIT 1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((article, start, end)) = first else {
        return Ok(Vec::new());
    };
    let mut st = store
        .conn
        .prepare_cached("SELECT spans FROM article_entities WHERE article_id = ?1")?;
    let all: Vec<String> = st
        .query_map([article], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for json in &all {
        for (s, e, _) in crate::spans(json)? {
            if s < end && e > start {
                let rel = |x: i64| usize::try_from(x.clamp(start, end) - start).unwrap_or(0);
                out.push((rel(s), rel(e)));
            }
        }
    }
    Ok(out)
}

pub(crate) fn base_code(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

/// The type of a CSV / Parquet column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A string (CAMEO codes included): always quoted in CSV.
    Text,
    Int32,
    Int64,
    Double,
    /// `YYYY-MM-DD`; a Parquet DATE.
    Date,
    /// `YYYYMMDDHHMMSS` (UTC); a Parquet TIMESTAMP in milliseconds.
    Timestamp,
}

/// The CSV and Parquet columns, in order.
const COLUMNS: &[(&str, Kind)] = &[
    ("event_id", Kind::Int64),
    ("date", Kind::Text),
    ("date_precision", Kind::Text),
    ("day", Kind::Date),
    ("source", Kind::Text),
    ("source_cameo", Kind::Text),
    ("source_name", Kind::Text),
    ("source_name_zh", Kind::Text),
    ("source_country", Kind::Text),
    ("target", Kind::Text),
    ("target_cameo", Kind::Text),
    ("target_name", Kind::Text),
    ("target_name_zh", Kind::Text),
    ("target_country", Kind::Text),
    ("event_code", Kind::Text),
    ("base_code", Kind::Text),
    ("root_code", Kind::Text),
    ("quad_class", Kind::Int32),
    ("goldstein", Kind::Double),
    ("plover", Kind::Text),
    ("is_root_event", Kind::Int32),
    ("num_mentions", Kind::Int64),
    ("num_sources", Kind::Int64),
    ("num_articles", Kind::Int64),
    ("date_added", Kind::Timestamp),
    ("source_url", Kind::Text),
    ("title", Kind::Text),
    ("outlet", Kind::Text),
    ("evidence", Kind::Text),
];

/// The CSV export's cells of one event, in `COLUMNS` order ('' = absent).
fn cells(e: &Ev) -> Vec<String> {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        e.id.to_string(),
        e.date.clone(),
        e.precision().to_string(),
        s(&e.day),
        e.source.clone(),
        e.a1.cameo.clone(),
        e.a1.name.clone(),
        e.a1.name_zh.clone(),
        e.a1.country.clone(),
        e.target.clone(),
        e.a2.cameo.clone(),
        e.a2.name.clone(),
        e.a2.name_zh.clone(),
        e.a2.country.clone(),
        e.code.clone(),
        base_code(&e.code).to_string(),
        e.root.clone(),
        e.quad.to_string(),
        e.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default(),
        s(&e.plover),
        e.is_root.to_string(),
        e.mentions.to_string(),
        e.sources.to_string(),
        e.articles.to_string(),
        e.added.clone(),
        s(&e.url),
        s(&e.title),
        s(&e.outlet),
        s(&e.evidence),
    ]
}

/// One CSV record: text columns always quoted (so that a reader told to
/// keep quoted fields as strings keeps `042`), numbers bare, CRLF ended.
fn write_csv_record(w: &mut dyn Write, cells: &[String]) -> std::io::Result<()> {
    let quoted = COLUMNS.iter().map(|(_, kind)| *kind == Kind::Text);
    crate::render::write_csv_cells(w, cells.iter().map(String::as_str).zip(quoted))
}

pub(crate) fn days_since_epoch(day: &str) -> Option<i32> {
    let d = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?;
    i32::try_from((d - epoch).num_days()).ok()
}

fn millis_since_epoch(stamp: &str) -> Option<i64> {
    let t = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d%H%M%S").ok()?;
    Some(t.and_utc().timestamp_millis())
}

/// A Parquet table of `rows` (cells in `cols` order, '' = null), typed.
pub(crate) fn parquet_table(cols: &[(&str, Kind)], rows: &[Vec<String>]) -> shiju_parquet::Table {
    use shiju_parquet::{Column, Table};
    let mut t = Table::default();
    for (i, (name, kind)) in cols.iter().enumerate() {
        let vals = rows.iter().map(|r| r.get(i).map_or("", String::as_str));
        let col = match kind {
            Kind::Text => Column::Utf8(
                vals.map(|v| Some(v.to_string()).filter(|v| !v.is_empty()))
                    .collect(),
            ),
            Kind::Int32 => Column::Int32(vals.map(|v| v.parse().ok()).collect()),
            Kind::Int64 => Column::Int64(vals.map(|v| v.parse().ok()).collect()),
            Kind::Double => Column::Double(vals.map(|v| v.parse().ok()).collect()),
            Kind::Date => Column::Date(vals.map(days_since_epoch).collect()),
            Kind::Timestamp => Column::Timestamp(vals.map(millis_since_epoch).collect()),
        };
        t.push(name, col);
    }
    t
}

/// Writes every event (in `span`) as a Parquet file with the CSV columns,
/// typed; returns the number written.
pub fn export_parquet(store: &Store, span: &Span, path: &std::path::Path) -> Result<usize> {
    let evs = load(store, span)?;
    let rows: Vec<Vec<String>> = evs.iter().map(cells).collect();
    let t = parquet_table(COLUMNS, &rows);
    shiju_parquet::write(path, &t).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    Ok(evs.len())
}

/// Writes `format` to the file `path`: Parquet (events, entities or quotes)
/// or any other format; returns the number of rows written.
pub fn export_file(
    store: &Store,
    format: ExportFormat,
    span: &Span,
    path: &std::path::Path,
) -> Result<usize> {
    match format {
        ExportFormat::Parquet => export_parquet(store, span, path),
        ExportFormat::Table(t, Encoding::Parquet) => tables::write_parquet(store, t, span, path),
        _ => {
            let f = std::fs::File::create(path)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            let mut w = std::io::BufWriter::new(f);
            let n = export(store, format, span, &mut w)?;
            w.flush()?;
            Ok(n)
        }
    }
}

/// Writes every event (in `span`) in `format`; returns the number of events
/// written (of mentions, for `GdeltMentions`).
pub fn export(
    store: &Store,
    format: ExportFormat,
    span: &Span,
    w: &mut dyn Write,
) -> Result<usize> {
    if format.needs_file() {
        bail!("parquet is a file format: give --out FILE");
    }
    if let ExportFormat::Table(t, enc) = format {
        return tables::write(store, t, enc, span, w);
    }
    let evs = load(store, span)?;
    match format {
        ExportFormat::Gdelt => {
            for e in &evs {
                gdelt::write_event(w, e)?;
            }
            return Ok(evs.len());
        }
        ExportFormat::GdeltMentions => return gdelt::write_mentions(store, &evs, w),
        ExportFormat::Csv => {
            let header: Vec<String> = COLUMNS.iter().map(|(n, _)| n.to_string()).collect();
            let mut line = header.join(",");
            line.push_str("\r\n");
            w.write_all(line.as_bytes())?;
            for e in &evs {
                write_csv_record(w, &cells(e))?;
            }
            return Ok(evs.len());
        }
        ExportFormat::Jsonl | ExportFormat::Parquet | ExportFormat::Table(..) => {}
    }
    let mut mst = store.conn.prepare_cached(&format!(
        "SELECT m.doc_id, d.sha256, d.source_path, a.item, a.title, a.url, m.code, {}, m.start, m.\"end\", a.outlet
         FROM event_mentions m JOIN articles a ON a.id = m.article_id JOIN documents d ON d.id = m.doc_id
         WHERE m.event_id = ?1 ORDER BY m.id",
        crate::EVIDENCE
    ))?;
    for e in &evs {
        let mentions: Vec<serde_json::Value> = mst
            .query_map([e.id], |r| {
                Ok(json!({
                    "doc": r.get::<_, i64>(0)?,
                    "sha256": r.get::<_, String>(1)?,
                    "path": r.get::<_, String>(2)?,
                    "item": r.get::<_, String>(3)?,
                    "title": r.get::<_, Option<String>>(4)?,
                    "url": r.get::<_, Option<String>>(5)?,
                    "outlet": r.get::<_, Option<String>>(10)?,
                    "code": r.get::<_, String>(6)?,
                    "evidence": r.get::<_, String>(7)?,
                    "start": r.get::<_, i64>(8)?,
                    "end": r.get::<_, i64>(9)?,
                }))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let actor = |a: &Actor| {
            json!({
                "cameo": a.cameo,
                "name": a.name,
                "name_zh": a.name_zh,
                "country": a.country,
                "known_group": a.group,
                "types": a.types,
            })
        };
        let v = json!({
            "id": e.id,
            "date": e.date,
            "date_precision": e.precision(),
            "day": e.day,
            "source": e.source,
            "target": e.target,
            "source_entity": e.source_entity,
            "target_entity": e.target_entity,
            "source_actor": actor(&e.a1),
            "target_actor": actor(&e.a2),
            "code": e.code,
            "root": e.root,
            "quad_class": e.quad,
            "goldstein": e.goldstein,
            "plover": e.plover,
            "is_root_event": e.is_root == 1,
            "num_mentions": e.mentions,
            "num_sources": e.sources,
            "num_articles": e.articles,
            "date_added": e.added,
            "url": e.url,
            "title": e.title,
            "outlet": e.outlet,
            "evidence": e.evidence,
            "mentions": mentions,
        });
        writeln!(w, "{v}")?;
    }
    Ok(evs.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precisions() {
        assert_eq!(date_precision("2024"), "year");
        assert_eq!(date_precision("2024-03"), "month");
        assert_eq!(date_precision("2024-W09"), "week");
        assert_eq!(date_precision("2024-03-05"), "day");
        assert_eq!(date_precision("soon"), "");
        assert_eq!(days_since_epoch("1970-01-02"), Some(1));
        assert_eq!(millis_since_epoch("19700101000001"), Some(1000));
    }
}
