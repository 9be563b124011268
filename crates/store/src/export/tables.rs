//! The entities and quotes exports (`--format entities|quotes`, as CSV,
//! JSON lines or Parquet): one row per entity of an article, one row per
//! quote, each with its article's id, date, URL, title and outlet, in the
//! same typed columns in every encoding.

use std::io::Write;

use anyhow::Result;
use serde_json::{json, Map, Value};

use super::actors::{self, EntityRow};
use super::{days_since_epoch, Kind};
use crate::query::Span;
use crate::Store;

/// Which table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Entities,
    Quotes,
}

/// How a table is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Csv,
    Jsonl,
    Parquet,
}

/// The columns every entity row has, in order.
const ARTICLE: &[(&str, Kind)] = &[
    ("article_id", Kind::Int64),
    ("doc_id", Kind::Int64),
    ("published", Kind::Date),
    ("source_url", Kind::Text),
    ("title", Kind::Text),
    ("outlet", Kind::Text),
];

const ENTITIES: &[(&str, Kind)] = &[
    ("entity", Kind::Text),
    ("kind", Kind::Text),
    ("country", Kind::Text),
    ("cameo", Kind::Text),
    ("name", Kind::Text),
    ("name_zh", Kind::Text),
    ("forms", Kind::Text),
    ("role_title", Kind::Text),
    ("role_of", Kind::Text),
    ("role_status", Kind::Text),
    ("mentions", Kind::Int64),
    ("first_start", Kind::Int64),
    ("first_end", Kind::Int64),
];

const QUOTES: &[(&str, Kind)] = &[
    ("quote_id", Kind::Int64),
    ("speaker", Kind::Text),
    ("speaker_cameo", Kind::Text),
    ("speaker_name", Kind::Text),
    ("speaker_name_zh", Kind::Text),
    ("text", Kind::Text),
    ("start", Kind::Int64),
    ("end", Kind::Int64),
];

/// The columns of `table`, in order.
pub fn columns(table: Table) -> Vec<(&'static str, Kind)> {
    let own = match table {
        Table::Entities => ENTITIES,
        Table::Quotes => QUOTES,
    };
    ARTICLE.iter().chain(own).copied().collect()
}

/// The actor code an entity row stands for (its organisation's code, else
/// its state's) and its description on `day`.
fn describe(ent: &EntityRow, day: Option<&str>) -> actors::Actor {
    let key = ent.key.as_deref().unwrap_or("");
    let code = key
        .strip_prefix("org:")
        .filter(|_| ent.kind.as_deref() == Some("intl"))
        .map(str::to_string)
        .or_else(|| ent.country.clone())
        .unwrap_or_default();
    actors::actor(&code, ent, day)
}

const ARTICLE_SQL: &str = "a.id, a.doc_id, a.published, a.url, a.title, a.outlet";

fn article_cells(r: &rusqlite::Row) -> rusqlite::Result<Vec<String>> {
    let s = |i: usize| -> rusqlite::Result<String> {
        Ok(r.get::<_, Option<String>>(i)?.unwrap_or_default())
    };
    Ok(vec![
        r.get::<_, i64>(0)?.to_string(),
        r.get::<_, i64>(1)?.to_string(),
        s(2)?,
        s(3)?,
        s(4)?,
        s(5)?,
    ])
}

/// Every row of `table` (articles published within `span`, or undated when
/// the span is open), as cells in `columns(table)` order.
pub fn rows(store: &Store, table: Table, span: &Span) -> Result<Vec<Vec<String>>> {
    let mut conds = Vec::new();
    let mut args = Vec::new();
    span.check()?;
    span.sql("a.published", &mut conds, &mut args);
    let wh = if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    };
    let sql = match table {
        Table::Entities => format!(
            "SELECT {ARTICLE_SQL}, en.key, en.kind, en.country, en.name, ae.forms, ae.role_title,
                    ae.role_of, ae.role_status, ae.mentions, ae.spans
             FROM article_entities ae JOIN articles a ON a.id = ae.article_id
                  JOIN entities en ON en.id = ae.entity_id {wh}
             ORDER BY a.id, ae.mentions DESC, en.key"
        ),
        Table::Quotes => format!(
            "SELECT {ARTICLE_SQL}, q.id, q.speaker, en.kind, en.country, en.name, q.text, q.start, q.\"end\"
             FROM quotes q JOIN articles a ON a.id = q.article_id
                  LEFT JOIN entities en ON en.key = q.speaker {wh}
             ORDER BY a.id, q.start"
        ),
    };
    let mut st = store.conn.prepare(&sql)?;
    let mut out = Vec::new();
    let mut q = st.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = q.next()? {
        let mut c = article_cells(r)?;
        let day = Some(c[2].clone()).filter(|d| super::date_precision(d) == "day");
        match table {
            Table::Entities => {
                let ent = EntityRow {
                    key: r.get(6)?,
                    kind: r.get(7)?,
                    country: r.get(8)?,
                    name: r.get(9)?,
                };
                let a = describe(&ent, day.as_deref());
                let forms: Vec<String> =
                    serde_json::from_str(&r.get::<_, String>(10)?).unwrap_or_default();
                let spans = crate::spans(&r.get::<_, String>(15)?)?;
                let first = spans.first();
                let s = |v: &Option<String>| v.clone().unwrap_or_default();
                c.extend([
                    s(&ent.key),
                    s(&ent.kind),
                    s(&ent.country),
                    a.cameo,
                    a.name,
                    a.name_zh,
                    forms.join("|"),
                    r.get::<_, Option<String>>(11)?.unwrap_or_default(),
                    r.get::<_, Option<String>>(12)?.unwrap_or_default(),
                    r.get::<_, Option<String>>(13)?.unwrap_or_default(),
                    r.get::<_, i64>(14)?.to_string(),
                    first.map(|f| f.0.to_string()).unwrap_or_default(),
                    first.map(|f| f.1.to_string()).unwrap_or_default(),
                ]);
            }
            Table::Quotes => {
                let ent = EntityRow {
                    key: r.get(7)?,
                    kind: r.get(8)?,
                    country: r.get(9)?,
                    name: r.get(10)?,
                };
                let known = ent.kind.is_some();
                let a = describe(&ent, day.as_deref());
                c.extend([
                    r.get::<_, i64>(6)?.to_string(),
                    ent.key.clone().unwrap_or_default(),
                    if known { a.cameo } else { String::new() },
                    if known { a.name } else { String::new() },
                    a.name_zh,
                    r.get(11)?,
                    r.get::<_, i64>(12)?.to_string(),
                    r.get::<_, i64>(13)?.to_string(),
                ]);
            }
        }
        out.push(c);
    }
    Ok(out)
}

/// One cell as a typed JSON value (`null` when empty).
fn json_cell(v: &str, kind: Kind) -> Value {
    if v.is_empty() {
        return Value::Null;
    }
    match kind {
        Kind::Int32 | Kind::Int64 => v.parse::<i64>().map_or(Value::Null, |n| json!(n)),
        Kind::Double => v.parse::<f64>().map_or(Value::Null, |n| json!(n)),
        Kind::Date => {
            if days_since_epoch(v).is_some() {
                json!(v)
            } else {
                Value::Null
            }
        }
        Kind::Text | Kind::Timestamp => json!(v),
    }
}

/// Writes `table` as CSV or JSON lines; returns the number of rows.
pub fn write(
    store: &Store,
    table: Table,
    enc: Encoding,
    span: &Span,
    w: &mut dyn Write,
) -> Result<usize> {
    let cols = columns(table);
    let rows = rows(store, table, span)?;
    match enc {
        Encoding::Csv => {
            let header: Vec<&str> = cols.iter().map(|(n, _)| *n).collect();
            write!(w, "{}\r\n", header.join(","))?;
            for r in &rows {
                let quoted = cols.iter().map(|(_, k)| *k == Kind::Text);
                crate::render::write_csv_cells(w, r.iter().map(String::as_str).zip(quoted))?;
            }
        }
        Encoding::Jsonl => {
            for r in &rows {
                let obj: Map<String, Value> = cols
                    .iter()
                    .zip(r)
                    .map(|((n, k), v)| (n.to_string(), json_cell(v, *k)))
                    .collect();
                writeln!(w, "{}", Value::Object(obj))?;
            }
        }
        Encoding::Parquet => anyhow::bail!("parquet is a file format: give --out FILE"),
    }
    Ok(rows.len())
}

/// Writes `table` as a typed Parquet file; returns the number of rows.
pub fn write_parquet(
    store: &Store,
    table: Table,
    span: &Span,
    path: &std::path::Path,
) -> Result<usize> {
    let cols = columns(table);
    let rows = rows(store, table, span)?;
    let t = super::parquet_table(&cols, &rows);
    shiju_parquet::write(path, &t).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    Ok(rows.len())
}
