//! Read models for the HTTP API and the Atom feeds of `shiju serve`: one
//! article with every span the dashboard highlights, entities, input
//! outcomes, and articles selected for a feed. Queries only; nothing here
//! changes the store.

use anyhow::Result;
use rusqlite::types::Value as Sql;
use rusqlite::OptionalExtension;
use serde_json::{json, Value};

use crate::query::{self, EventFilter};
use crate::render::Rows;
use crate::{ArticleRow, Store};

/// Article `id` as JSON: metadata, `paragraphs`, `entities` (with mention
/// spans), `events` (with evidence spans), `quotes` and `timex`. Offsets
/// count characters in the body text (`paragraphs` joined with `"\n"`, see
/// docs/analysis-format.md). `None` when there is no such article.
pub fn article_json(store: &Store, id: i64) -> Result<Option<Value>> {
    let conn = &store.conn;
    let head = conn
        .query_row(
            &format!(
                "SELECT {}, d.sha256, d.name
                 FROM articles a JOIN documents d ON d.id = a.doc_id WHERE a.id = ?1",
                ArticleRow::COLUMNS
            ),
            [id],
            |r| {
                let sha: String = r.get(ArticleRow::WIDTH)?;
                let name: String = r.get(ArticleRow::WIDTH + 1)?;
                Ok((ArticleRow::from_row(r)?, sha, name))
            },
        )
        .optional()?;
    let Some((art, sha, name)) = head else {
        return Ok(None);
    };

    let mut entities: Vec<Value> = Vec::new();
    let mut st = conn.prepare(
        "SELECT e.id, e.key, e.kind, e.country, e.name, ae.forms, ae.role_title, ae.role_of, ae.role_status,
                ae.spans
         FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
         WHERE ae.article_id = ?1 ORDER BY e.key",
    )?;
    let mut rows = st.query([id])?;
    while let Some(r) = rows.next()? {
        let forms: String = r.get(5)?;
        let forms: Vec<String> = crate::json_column("article_entities.forms", &forms)?;
        let role_title: Option<String> = r.get(6)?;
        let spans: String = r.get(9)?;
        let mentions: Vec<Value> = crate::spans(&spans)?
            .into_iter()
            .map(|(start, end, text)| json!({"text": text, "start": start, "end": end}))
            .collect();
        entities.push(json!({
            "key": r.get::<_, String>(1)?,
            "kind": r.get::<_, String>(2)?,
            "country": r.get::<_, Option<String>>(3)?,
            "name": r.get::<_, Option<String>>(4)?,
            "forms": forms,
            "role": role_title.map(|t| -> rusqlite::Result<Value> {
                Ok(json!({
                    "title": t,
                    "of": r.get::<_, Option<String>>(7)?,
                    "status": r.get::<_, Option<String>>(8)?,
                }))
            }).transpose()?,
            "mentions": mentions,
        }));
    }

    let mut st = conn.prepare(&format!(
        "SELECT m.event_id, m.code, e.root, e.source, e.target, e.date, e.quad_class, m.goldstein,
                e.plover, m.source_entity, m.target_entity, {}, m.start, m.\"end\", e.num_articles
         FROM event_mentions m JOIN events e ON e.id = m.event_id
              JOIN articles a ON a.id = m.article_id
         WHERE m.article_id = ?1 ORDER BY m.start, m.id",
        crate::EVIDENCE
    ))?;
    let events: Vec<Value> = st
        .query_map([id], |r| {
            Ok(json!({
                "event": r.get::<_, i64>(0)?,
                "code": r.get::<_, String>(1)?,
                "root": r.get::<_, String>(2)?,
                "source": r.get::<_, String>(3)?,
                "target": r.get::<_, String>(4)?,
                "date": r.get::<_, String>(5)?,
                "quad": r.get::<_, i64>(6)?,
                "goldstein": r.get::<_, Option<f64>>(7)?,
                "plover": r.get::<_, Option<String>>(8)?,
                "source_entity": r.get::<_, Option<String>>(9)?,
                "target_entity": r.get::<_, Option<String>>(10)?,
                "evidence": r.get::<_, String>(11)?,
                "start": r.get::<_, i64>(12)?,
                "end": r.get::<_, i64>(13)?,
                "articles": r.get::<_, i64>(14)?,
            }))
        })?
        .collect::<rusqlite::Result<_>>()?;

    let mut st = conn.prepare(
        "SELECT speaker, text, start, \"end\" FROM quotes WHERE article_id = ?1 ORDER BY start, id",
    )?;
    let quotes: Vec<Value> = st
        .query_map([id], |r| {
            Ok(json!({
                "speaker": r.get::<_, Option<String>>(0)?,
                "text": r.get::<_, String>(1)?,
                "start": r.get::<_, i64>(2)?,
                "end": r.get::<_, i64>(3)?,
            }))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare(
        "SELECT text, value, start, \"end\" FROM timex WHERE article_id = ?1 ORDER BY start, id",
    )?;
    let timex: Vec<Value> = st
        .query_map([id], |r| {
            Ok(json!({
                "text": r.get::<_, String>(0)?,
                "value": r.get::<_, String>(1)?,
                "start": r.get::<_, i64>(2)?,
                "end": r.get::<_, i64>(3)?,
            }))
        })?
        .collect::<rusqlite::Result<_>>()?;

    let paragraphs: Vec<&str> = art.body.split('\n').collect();
    Ok(Some(json!({
        "id": id,
        "doc": art.doc_id,
        "sha256": sha,
        "name": name,
        "item": art.item,
        "title": art.title,
        "published": art.published,
        "dateline": art.dateline,
        "outlet": art.outlet,
        "url": art.url,
        "authors": art.authors,
        "script": art.script,
        "form": art.form,
        "encoding": art.encoding,
        "duplicate_of": art.duplicate_of,
        "dup_distance": art.dup_distance,
        "paragraphs": paragraphs,
        "entities": entities,
        "events": events,
        "quotes": quotes,
        "timex": timex,
    })))
}

fn like_pattern(q: &str) -> String {
    let esc = q
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{esc}%")
}

fn collect(st: &mut rusqlite::Statement<'_>, args: &[Sql], out: &mut Rows) -> Result<()> {
    let n = st.column_count();
    let mut rows = st.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        let mut row = Vec::with_capacity(n);
        for i in 0..n {
            row.push(match r.get::<_, Sql>(i)? {
                Sql::Null => Value::Null,
                Sql::Integer(v) => json!(v),
                Sql::Real(v) => json!(v),
                Sql::Text(s) => Value::String(s),
                Sql::Blob(b) => Value::String(format!("<{} bytes>", b.len())),
            });
        }
        out.rows.push(row);
    }
    Ok(())
}

/// Entities whose key, name or country contains `q` (all when `None`),
/// most-mentioned first, with their article and mention counts.
pub fn entities(store: &Store, q: Option<&str>, limit: usize) -> Result<Rows> {
    let mut out = Rows::new(&["key", "kind", "country", "name", "articles", "mentions"]);
    let mut args = Vec::new();
    let wh = match q.map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) => {
            args.push(Sql::Text(like_pattern(q)));
            "WHERE e.key LIKE ?1 ESCAPE '\\' OR e.name LIKE ?1 ESCAPE '\\' OR e.country LIKE ?1 ESCAPE '\\'"
        }
        None => "",
    };
    args.push(Sql::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
    let mut st = store.conn.prepare(&entities_sql(wh, args.len()))?;
    collect(&mut st, &args, &mut out)?;
    Ok(out)
}

/// The query of [`entities`]: its counts read the covering index
/// `article_entities_entity`, never the whole table per entity.
fn entities_sql(wh: &str, limit_arg: usize) -> String {
    format!(
        "SELECT e.key, e.kind, e.country, e.name,
                (SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id) AS arts,
                (SELECT coalesce(sum(ae.mentions), 0) FROM article_entities ae WHERE ae.entity_id = e.id) AS ms
         FROM entities e {wh} ORDER BY ms DESC, arts DESC, e.key LIMIT ?{limit_arg}"
    )
}

/// The recorded outcome of every input and feed item, newest first
/// (`status`: `article` or `rejected`; all when `None`).
pub fn outcomes(store: &Store, status: Option<&str>, limit: usize) -> Result<Rows> {
    let mut out = Rows::new(&[
        "id", "doc", "path", "item", "status", "reason", "article", "recorded",
    ]);
    let mut args = Vec::new();
    let wh = match status {
        Some(s) => {
            args.push(Sql::Text(s.to_string()));
            "WHERE o.status = ?1"
        }
        None => "",
    };
    args.push(Sql::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
    let sql = format!(
        "SELECT o.id, o.doc_id, o.source_path, o.item, o.status, o.reason, o.article_id, o.at
         FROM outcomes o {wh} ORDER BY o.id DESC LIMIT ?{}",
        args.len()
    );
    let mut st = store.conn.prepare(&sql)?;
    collect(&mut st, &args, &mut out)?;
    Ok(out)
}

/// `query::events` with, for each event, the article it was first coded
/// from (`article`) and that mention's evidence span (`start`, `end`) —
/// what the dashboard needs to open the article at the evidence.
pub fn events_with_articles(store: &Store, f: &EventFilter) -> Result<Rows> {
    let mut rows = query::events(store, f)?;
    let idx = rows.columns.iter().position(|c| c == "id");
    rows.columns
        .extend(["article", "start", "end"].map(String::from));
    let mut st = store.conn.prepare_cached(
        "SELECT m.article_id, m.start, m.\"end\" FROM events e
         JOIN event_mentions m ON m.event_id = e.id
         WHERE e.id = ?1 ORDER BY (m.article_id = e.first_article) DESC, m.id LIMIT 1",
    )?;
    for row in &mut rows.rows {
        let id = idx.and_then(|i| row.get(i)).and_then(Value::as_i64);
        let hit: Option<(i64, i64, i64)> = match id {
            Some(id) => st
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?,
            None => None,
        };
        match hit {
            Some((a, s, e)) => row.extend([json!(a), json!(s), json!(e)]),
            None => row.extend([Value::Null, Value::Null, Value::Null]),
        }
    }
    Ok(rows)
}

/// Which articles a feed lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedSelect {
    /// Articles with an event that has this actor on either side.
    Actor(String),
    /// Articles with an event between these two actors (either direction).
    Dyad(String, String),
    /// These articles (e.g. search hits).
    Ids(Vec<i64>),
}

/// One event of a feed entry.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEvent {
    pub date: String,
    pub source: String,
    pub target: String,
    pub code: String,
    pub quad: i64,
    pub goldstein: Option<f64>,
    pub evidence: String,
}

/// One article of a feed, with its coded events.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedArticle {
    pub id: i64,
    /// SHA-256 of the input document and the item's number inside it (feed
    /// files): stable across reanalysis, unlike `id`.
    pub sha256: String,
    pub item_no: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    /// RFC 3339: the publication day (midnight UTC) or, without one, the
    /// time the document was ingested.
    pub updated: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub authors: Vec<String>,
    pub paragraphs: Vec<String>,
    pub events: Vec<FeedEvent>,
}

/// RFC 3339 time of an article: its publication date if it has one that
/// parses, else `fetched` (`YYYY-MM-DDTHH:MM:SSZ`).
fn updated_of(published: Option<&str>, fetched: &str) -> String {
    if let Some(p) = published.map(str::trim) {
        if let Ok(t) = chrono::DateTime::parse_from_rfc3339(p) {
            return t
                .with_timezone(&chrono::Utc)
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string();
        }
        if let Some(day) = p.get(..10) {
            if let Ok(d) = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d") {
                return format!("{}T00:00:00Z", d.format("%Y-%m-%d"));
            }
        }
    }
    match chrono::DateTime::parse_from_rfc3339(fetched) {
        Ok(t) => t
            .with_timezone(&chrono::Utc)
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string(),
        Err(_) => "1970-01-01T00:00:00Z".to_string(),
    }
}

/// The articles `sel` names, newest first (by `updated`, then id), at most
/// `limit`, each with its events.
pub fn feed_articles(store: &Store, sel: &FeedSelect, limit: usize) -> Result<Vec<FeedArticle>> {
    let conn = &store.conn;
    let mut args: Vec<Sql> = Vec::new();
    let cond = match sel {
        FeedSelect::Actor(a) => {
            args.push(Sql::Text(a.to_uppercase()));
            "a.id IN (SELECT m.article_id FROM event_mentions m JOIN events e ON e.id = m.event_id
                      WHERE e.source = ?1 OR e.target = ?1)"
                .to_string()
        }
        FeedSelect::Dyad(x, y) => {
            args.push(Sql::Text(x.to_uppercase()));
            args.push(Sql::Text(y.to_uppercase()));
            "a.id IN (SELECT m.article_id FROM event_mentions m JOIN events e ON e.id = m.event_id
                      WHERE (e.source = ?1 AND e.target = ?2) OR (e.source = ?2 AND e.target = ?1))"
                .to_string()
        }
        FeedSelect::Ids(ids) => {
            if ids.is_empty() {
                return Ok(Vec::new());
            }
            let list: Vec<String> = ids.iter().map(i64::to_string).collect();
            format!("a.id IN ({})", list.join(","))
        }
    };
    args.push(Sql::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
    let sql = format!(
        "SELECT {}, d.sha256, d.fetched_at
         FROM articles a JOIN documents d ON d.id = a.doc_id
         WHERE {cond}
         ORDER BY coalesce(substr(a.published, 1, 10), substr(d.fetched_at, 1, 10)) DESC, a.id DESC
         LIMIT ?{}",
        ArticleRow::COLUMNS,
        args.len()
    );
    let mut st = conn.prepare(&sql)?;
    let mut out: Vec<FeedArticle> = st
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            let a = ArticleRow::from_row(r)?;
            let sha256: String = r.get(ArticleRow::WIDTH)?;
            let fetched: String = r.get(ArticleRow::WIDTH + 1)?;
            Ok(FeedArticle {
                id: a.id,
                sha256,
                item_no: a
                    .item
                    .rsplit_once('#')
                    .map(|(_, n)| n.to_string())
                    .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())),
                title: a.title,
                updated: updated_of(a.published.as_deref(), &fetched),
                published: a.published,
                url: a.url,
                outlet: a.outlet,
                authors: a.authors,
                paragraphs: a.body.split('\n').map(str::to_string).collect(),
                events: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare_cached(&format!(
        "SELECT e.date, e.source, e.target, m.code, e.quad_class, m.goldstein, {}
         FROM event_mentions m JOIN events e ON e.id = m.event_id
              JOIN articles a ON a.id = m.article_id
         WHERE m.article_id = ?1 ORDER BY m.start, m.id",
        crate::EVIDENCE
    ))?;
    for a in &mut out {
        a.events = st
            .query_map([a.id], |r| {
                Ok(FeedEvent {
                    date: r.get(0)?,
                    source: r.get(1)?,
                    target: r.get(2)?,
                    code: r.get(3)?,
                    quad: r.get(4)?,
                    goldstein: r.get(5)?,
                    evidence: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    out.sort_by(|x, y| y.updated.cmp(&x.updated).then(y.id.cmp(&x.id)));
    Ok(out)
}

/// Row counts and the times of the last ingest and reanalysis.
pub fn stats(store: &Store) -> Result<Value> {
    let c = store.counts()?;
    let meta = |k: &str| -> Result<Option<String>> {
        Ok(store
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [k], |r| r.get(0))
            .optional()?)
    };
    let span: (Option<String>, Option<String>) = store.conn.query_row(
        "SELECT min(day), max(day) FROM events WHERE day IS NOT NULL",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(json!({
        "documents": c.documents,
        "rejected_documents": c.rejected_documents,
        "articles": c.articles,
        "near_duplicates": c.near_duplicates,
        "entities": c.entities,
        "mentions": c.mentions,
        "quotes": c.quotes,
        "events": c.events,
        "event_mentions": c.event_mentions,
        "rejects": c.rejects,
        "first_day": span.0,
        "last_day": span.1,
        "last_ingest": meta("last_ingest")?,
        "last_reanalyze": meta("last_reanalyze")?,
    }))
}

/// The document with this SHA-256 (hex) and its articles' ids.
pub fn document_by_sha(store: &Store, sha: &str) -> Result<Option<(i64, String, Vec<i64>)>> {
    let doc: Option<(i64, String)> = store
        .conn
        .query_row(
            "SELECT id, status FROM documents WHERE sha256 = ?1",
            [sha],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((id, status)) = doc else {
        return Ok(None);
    };
    let mut st = store
        .conn
        .prepare("SELECT id FROM articles WHERE doc_id = ?1 ORDER BY id")?;
    let arts = st
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some((id, status, arts)))
}

#[cfg(test)]
mod tests {
    use super::{entities_sql, updated_of};

    #[test]
    fn entity_counts_read_the_index() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = crate::Store::open(dir.path()).expect("store");
        let mut st = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {}", entities_sql("", 1)))
            .expect("plan");
        let plan: Vec<String> = st
            .query_map([10], |r| r.get::<_, String>(3))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("plan rows");
        let subqueries: Vec<&String> = plan
            .iter()
            .filter(|d| d.contains("article_entities"))
            .collect();
        assert_eq!(subqueries.len(), 2, "{plan:?}");
        for d in subqueries {
            assert!(
                d.contains("COVERING INDEX article_entities_entity"),
                "{plan:?}"
            );
        }
    }

    #[test]
    fn updated_times() {
        assert_eq!(
            updated_of(Some("2024-11-19"), "2025-01-01T10:00:00Z"),
            "2024-11-19T00:00:00Z"
        );
        assert_eq!(
            updated_of(Some("2024-11-19T08:30:00+08:00"), "x"),
            "2024-11-19T00:30:00Z"
        );
        assert_eq!(
            updated_of(None, "2025-01-01T10:00:00Z"),
            "2025-01-01T10:00:00Z"
        );
        assert_eq!(updated_of(Some("soon"), "bad"), "1970-01-01T00:00:00Z");
    }
}
