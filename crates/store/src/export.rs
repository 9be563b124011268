//! `shiju export`: the event table as GDELT 2.0 TSV, readable CSV or JSON
//! lines with provenance.
//!
//! Parquet (`--format parquet --out FILE`) has the CSV export's columns,
//! typed (integers, doubles, UTF-8 strings, nulls where a value is absent),
//! written by shiju-parquet.

use std::io::Write;

use anyhow::{bail, Result};
use serde_json::json;

use crate::query::Span;
use crate::render::write_csv_row;
use crate::Store;

/// Number of columns of the GDELT 2.0 event table.
pub const GDELT_COLUMNS: usize = 61;

/// Export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// GDELT 2.0 event table: 61 tab-separated columns, no header.
    Gdelt,
    /// CSV with a header of readable column names.
    Csv,
    /// One JSON object per event, with its mentions.
    Jsonl,
    /// Apache Parquet with the CSV columns, typed (needs a file).
    Parquet,
}

impl std::str::FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "gdelt" => Ok(ExportFormat::Gdelt),
            "csv" => Ok(ExportFormat::Csv),
            "jsonl" => Ok(ExportFormat::Jsonl),
            "parquet" => Ok(ExportFormat::Parquet),
            _ => Err(format!(
                "unknown export format {s:?} (expected gdelt, csv, jsonl or parquet)"
            )),
        }
    }
}

/// One actor as GDELT describes it.
#[derive(Debug, Default, Clone)]
struct Actor {
    code: String,
    name: String,
    country: String,
    group: String,
}

fn actor(store: &Store, code: &str, entity: Option<&str>) -> Result<Actor> {
    use rusqlite::OptionalExtension;
    let ent: Option<(String, Option<String>, Option<String>)> = match entity {
        Some(e) => store
            .conn
            .prepare_cached("SELECT kind, country, name FROM entities WHERE key = ?1")?
            .query_row([e], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?,
        None => None,
    };
    let mut a = Actor {
        code: code.to_string(),
        ..Actor::default()
    };
    match ent {
        Some((kind, country, name)) => {
            a.name = name.unwrap_or_default();
            if kind == "org" && country.is_none() {
                a.group = code.to_string();
            } else {
                a.country = country.unwrap_or_else(|| code.to_string());
            }
        }
        None => {
            if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
                a.country = code.to_string();
            } else {
                a.group = code.to_string();
            }
        }
    }
    Ok(a)
}

struct Ev {
    id: i64,
    date: String,
    day: Option<String>,
    source: String,
    target: String,
    root: String,
    code: String,
    quad: i64,
    goldstein: Option<f64>,
    plover: Option<String>,
    source_entity: Option<String>,
    target_entity: Option<String>,
    is_root: i64,
    mentions: i64,
    articles: i64,
    sources: i64,
    added: String,
    url: Option<String>,
    path: Option<String>,
}

fn load(store: &Store, span: &Span) -> Result<Vec<Ev>> {
    let f = crate::query::EventFilter {
        span: span.clone(),
        ..Default::default()
    };
    // Reuse the filter's validation and ordering, then read full rows.
    let ids = crate::query::events(store, &f)?;
    let mut st = store.conn.prepare_cached(
        "SELECT e.id, e.date, e.day, e.source, e.target, e.root, e.code, e.quad_class, e.goldstein, e.plover,
                e.source_entity, e.target_entity, e.is_root, e.num_mentions, e.num_articles, e.num_sources,
                e.added, a.url, d.source_path
         FROM events e LEFT JOIN articles a ON a.id = e.first_article
                       LEFT JOIN documents d ON d.id = a.doc_id
         WHERE e.id = ?1",
    )?;
    let mut out = Vec::with_capacity(ids.rows.len());
    for row in &ids.rows {
        let Some(id) = row.first().and_then(|v| v.as_i64()) else {
            continue;
        };
        out.push(st.query_row([id], |r| {
            Ok(Ev {
                id: r.get(0)?,
                date: r.get(1)?,
                day: r.get(2)?,
                source: r.get(3)?,
                target: r.get(4)?,
                root: r.get(5)?,
                code: r.get(6)?,
                quad: r.get(7)?,
                goldstein: r.get(8)?,
                plover: r.get(9)?,
                source_entity: r.get(10)?,
                target_entity: r.get(11)?,
                is_root: r.get(12)?,
                mentions: r.get(13)?,
                articles: r.get(14)?,
                sources: r.get(15)?,
                added: r.get(16)?,
                url: r.get(17)?,
                path: r.get(18)?,
            })
        })?);
    }
    Ok(out)
}

fn base_code(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

/// Day fields: (YYYYMMDD, YYYYMM, YYYY, fraction date).
fn day_fields(day: Option<&str>) -> (String, String, String, String) {
    let Some(d) = day.and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) else {
        return Default::default();
    };
    use chrono::Datelike;
    let frac = f64::from(d.year()) + f64::from(d.month() * 30 + d.day()) / 365.0;
    (
        d.format("%Y%m%d").to_string(),
        d.format("%Y%m").to_string(),
        d.format("%Y").to_string(),
        format!("{frac:.4}"),
    )
}

fn gdelt_row(store: &Store, e: &Ev) -> Result<Vec<String>> {
    let a1 = actor(store, &e.source, e.source_entity.as_deref())?;
    let a2 = actor(store, &e.target, e.target_entity.as_deref())?;
    let (day, month, year, frac) = day_fields(e.day.as_deref());
    let mut c: Vec<String> = Vec::with_capacity(GDELT_COLUMNS);
    c.push(e.id.to_string());
    c.extend([day, month, year, frac]);
    for a in [&a1, &a2] {
        c.extend([
            a.code.clone(),
            a.name.clone(),
            a.country.clone(),
            a.group.clone(),
        ]);
        // Ethnic, religion 1/2, type 1/2/3: not coded by shiju.
        c.extend(std::iter::repeat_n(String::new(), 6));
    }
    c.push(e.is_root.to_string());
    c.push(e.code.clone());
    c.push(base_code(&e.code).to_string());
    c.push(e.root.clone());
    c.push(e.quad.to_string());
    c.push(e.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default());
    c.push(e.mentions.to_string());
    c.push(e.sources.to_string());
    c.push(e.articles.to_string());
    // AvgTone: shiju scores no tone.
    c.push(String::new());
    // Actor1, Actor2 and Action geography: 3 × 8 columns, not coded.
    c.extend(std::iter::repeat_n(String::new(), 24));
    c.push(e.added.clone());
    c.push(e.url.clone().or_else(|| e.path.clone()).unwrap_or_default());
    debug_assert_eq!(c.len(), GDELT_COLUMNS);
    // GDELT fields never contain tabs or newlines.
    Ok(c.into_iter()
        .map(|s| s.replace(['\t', '\n', '\r'], " "))
        .collect())
}

const CSV_HEADER: &[&str] = &[
    "event_id",
    "date",
    "day",
    "source",
    "source_name",
    "source_country",
    "target",
    "target_name",
    "target_country",
    "event_code",
    "base_code",
    "root_code",
    "quad_class",
    "goldstein",
    "plover",
    "is_root_event",
    "num_mentions",
    "num_sources",
    "num_articles",
    "date_added",
    "source_url",
];

/// The CSV export's cells of one event, in `CSV_HEADER` order.
fn csv_cells(store: &Store, e: &Ev) -> Result<Vec<String>> {
    let a1 = actor(store, &e.source, e.source_entity.as_deref())?;
    let a2 = actor(store, &e.target, e.target_entity.as_deref())?;
    let cells = vec![
        e.id.to_string(),
        e.date.clone(),
        e.day.clone().unwrap_or_default(),
        e.source.clone(),
        a1.name,
        a1.country,
        e.target.clone(),
        a2.name,
        a2.country,
        e.code.clone(),
        base_code(&e.code).to_string(),
        e.root.clone(),
        e.quad.to_string(),
        e.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default(),
        e.plover.clone().unwrap_or_default(),
        e.is_root.to_string(),
        e.mentions.to_string(),
        e.sources.to_string(),
        e.articles.to_string(),
        e.added.clone(),
        e.url.clone().or_else(|| e.path.clone()).unwrap_or_default(),
    ];
    Ok(cells)
}

/// Writes every event (in `span`) as a Parquet file with the CSV columns,
/// typed; returns the number written.
pub fn export_parquet(store: &Store, span: &Span, path: &std::path::Path) -> Result<usize> {
    use shiju_parquet::{Column, Table};
    let evs = load(store, span)?;
    let rows: Vec<Vec<String>> = evs
        .iter()
        .map(|e| csv_cells(store, e))
        .collect::<Result<_>>()?;
    let text = |i: usize| {
        Column::Utf8(
            rows.iter()
                .map(|r| Some(r[i].clone()).filter(|v| !v.is_empty()))
                .collect(),
        )
    };
    let int64 = |i: usize| Column::Int64(rows.iter().map(|r| r[i].parse().ok()).collect());
    let int32 = |i: usize| Column::Int32(rows.iter().map(|r| r[i].parse().ok()).collect());
    let mut t = Table::default();
    for (i, name) in CSV_HEADER.iter().enumerate() {
        let col = match *name {
            "event_id" | "num_mentions" | "num_sources" | "num_articles" => int64(i),
            "quad_class" | "is_root_event" => int32(i),
            "goldstein" => Column::Double(evs.iter().map(|e| e.goldstein).collect()),
            _ => text(i),
        };
        t.push(name, col);
    }
    shiju_parquet::write(path, &t).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    Ok(evs.len())
}

/// Writes every event (in `span`) in `format`; returns the number written.
pub fn export(
    store: &Store,
    format: ExportFormat,
    span: &Span,
    w: &mut dyn Write,
) -> Result<usize> {
    if format == ExportFormat::Parquet {
        bail!("parquet is a file format: give --out FILE");
    }
    let evs = load(store, span)?;
    if format == ExportFormat::Csv {
        write_csv_row(w, CSV_HEADER.iter().copied())?;
    }
    let mut mst = store.conn.prepare_cached(&format!(
        "SELECT m.doc_id, d.sha256, d.source_path, a.item, a.title, a.url, m.code, {}, m.start, m.\"end\"
         FROM event_mentions m JOIN articles a ON a.id = m.article_id JOIN documents d ON d.id = m.doc_id
         WHERE m.event_id = ?1 ORDER BY m.id",
        crate::EVIDENCE
    ))?;
    for e in &evs {
        match format {
            ExportFormat::Gdelt => {
                let row = gdelt_row(store, e)?;
                if row.len() != GDELT_COLUMNS {
                    bail!("internal error: {} GDELT columns", row.len());
                }
                writeln!(w, "{}", row.join("\t"))?;
            }
            ExportFormat::Csv => {
                let cells = csv_cells(store, e)?;
                write_csv_row(w, cells.iter().map(String::as_str))?;
            }
            ExportFormat::Parquet => bail!("parquet is a file format: give --out FILE"),
            ExportFormat::Jsonl => {
                let mentions: Vec<serde_json::Value> = mst
                    .query_map([e.id], |r| {
                        Ok(json!({
                            "doc": r.get::<_, i64>(0)?,
                            "sha256": r.get::<_, String>(1)?,
                            "path": r.get::<_, String>(2)?,
                            "item": r.get::<_, String>(3)?,
                            "title": r.get::<_, Option<String>>(4)?,
                            "url": r.get::<_, Option<String>>(5)?,
                            "code": r.get::<_, String>(6)?,
                            "evidence": r.get::<_, String>(7)?,
                            "start": r.get::<_, i64>(8)?,
                            "end": r.get::<_, i64>(9)?,
                        }))
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                let v = json!({
                    "id": e.id,
                    "date": e.date,
                    "day": e.day,
                    "source": e.source,
                    "target": e.target,
                    "source_entity": e.source_entity,
                    "target_entity": e.target_entity,
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
                    "mentions": mentions,
                });
                writeln!(w, "{v}")?;
            }
        }
    }
    Ok(evs.len())
}
