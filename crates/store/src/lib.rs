//! shiju-store: the embedded event database (see ARCHITECTURE.md).
//!
//! One data folder (`./shiju-data` by default) holds `shiju.db`, a SQLite
//! database in WAL mode: the raw snapshot of every input (zstd), the outcome
//! of every input, articles with their entities, mentions, timex and quotes,
//! GDELT-style events (one row per (source, target, root, date)) with every
//! mention's provenance. Beside it, `search/` holds the full-text index
//! (tantivy, CJK bigrams; see [`search`]), derived from the articles.
//!
//! Writes go through one connection in one thread, a batch of inputs per
//! transaction, reported once committed: a killed process loses only the
//! unreported batch, and a rerun skips every document already stored (documents are keyed by the SHA-256 of
//! their raw bytes).

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use rusqlite::{params, Connection, OptionalExtension};

pub mod api;
pub mod dash;
pub mod export;
pub mod feeds;
pub mod find;
pub mod import;
pub mod ingest;
pub mod names;
pub mod query;
pub mod render;
pub mod resolve;
pub mod search;
pub mod simhash;
pub mod space;

pub use ingest::{ingest, ingest_with, reanalyze, IngestOptions, Input, Progress, Summary};
pub use render::Format;

/// File name of the database inside the data folder.
pub const DB_FILE: &str = "shiju.db";
/// Default data folder.
pub const DEFAULT_DATA: &str = "shiju-data";
/// `documents.compression` of a document imported from Parquet (`shiju
/// import`): no raw bytes; `raw` holds the imported analyses instead.
pub const IMPORTED: &str = "imported";

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents(
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    source_path TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    encoding TEXT,
    size INTEGER NOT NULL,
    compression TEXT NOT NULL,
    raw BLOB,
    status TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS outcomes(
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    doc_id INTEGER REFERENCES documents(id),
    item TEXT NOT NULL,
    source_path TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    article_id INTEGER,
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles(
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id),
    item TEXT NOT NULL,
    title TEXT,
    published TEXT,
    dateline TEXT,
    outlet TEXT,
    url TEXT,
    authors TEXT NOT NULL,
    script TEXT NOT NULL,
    form TEXT NOT NULL,
    encoding TEXT NOT NULL,
    body TEXT NOT NULL,
    -- The body in simplified script where it differs (for the search index).
    norm TEXT,
    lead_chars INTEGER NOT NULL,
    simhash INTEGER,
    duplicate_of INTEGER REFERENCES articles(id),
    dup_distance INTEGER
);
CREATE INDEX IF NOT EXISTS articles_doc ON articles(doc_id);
CREATE TABLE IF NOT EXISTS entities(
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    country TEXT,
    name TEXT
);
CREATE TABLE IF NOT EXISTS article_entities(
    article_id INTEGER NOT NULL REFERENCES articles(id),
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    forms TEXT NOT NULL,
    role_title TEXT,
    role_of TEXT,
    role_status TEXT,
    -- The entity's mentions in the article: their number, and a JSON array
    -- of [start, end, text] (character offsets into the body), in text order.
    mentions INTEGER NOT NULL DEFAULT 0,
    spans TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY(article_id, entity_id)
);
CREATE TABLE IF NOT EXISTS timex(
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    text TEXT NOT NULL,
    value TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS quotes(
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    speaker TEXT,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events(
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    root TEXT NOT NULL,
    date TEXT NOT NULL,
    day TEXT,
    code TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    goldstein REAL,
    plover TEXT,
    source_entity TEXT,
    target_entity TEXT,
    is_root INTEGER NOT NULL,
    num_mentions INTEGER NOT NULL DEFAULT 0,
    num_articles INTEGER NOT NULL DEFAULT 0,
    num_sources INTEGER NOT NULL DEFAULT 0,
    first_article INTEGER REFERENCES articles(id),
    added TEXT NOT NULL,
    UNIQUE(source, target, root, date)
);
CREATE INDEX IF NOT EXISTS events_day ON events(day);
CREATE INDEX IF NOT EXISTS events_target ON events(target);
CREATE TABLE IF NOT EXISTS event_mentions(
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id),
    article_id INTEGER NOT NULL REFERENCES articles(id),
    doc_id INTEGER NOT NULL REFERENCES documents(id),
    code TEXT NOT NULL,
    goldstein REAL,
    source_entity TEXT,
    target_entity TEXT,
    -- The evidence sentence; '' when it is the article body's characters
    -- [start, end) (always, for what shiju analyses: read it through
    -- `EVIDENCE`).
    evidence TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    is_lead INTEGER NOT NULL,
    outlet_key TEXT NOT NULL
);
-- An event's mentions, and whether an outlet already reported it (the
-- writer keeps NumSources up to date with it).
CREATE INDEX IF NOT EXISTS event_mentions_sources ON event_mentions(event_id, outlet_key);
CREATE INDEX IF NOT EXISTS event_mentions_article ON event_mentions(article_id);
"#;

/// One `articles` row as the read models (`show`, the API) use it.
pub(crate) struct ArticleRow {
    pub id: i64,
    pub doc_id: i64,
    pub item: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub dateline: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    pub script: String,
    pub form: String,
    pub encoding: String,
    pub body: String,
    pub duplicate_of: Option<i64>,
    pub dup_distance: Option<i64>,
}

impl ArticleRow {
    /// The columns `from_row` reads, first in a `SELECT` over `articles a`.
    pub(crate) const COLUMNS: &'static str =
        "a.id, a.doc_id, a.item, a.title, a.published, a.dateline, a.outlet, a.url, a.authors,
         a.script, a.form, a.encoding, a.body, a.duplicate_of, a.dup_distance";
    /// How many they are: further columns of the query start here.
    pub(crate) const WIDTH: usize = 15;

    pub(crate) fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ArticleRow> {
        let authors: String = r.get(8)?;
        Ok(ArticleRow {
            id: r.get(0)?,
            doc_id: r.get(1)?,
            item: r.get(2)?,
            title: r.get(3)?,
            published: r.get(4)?,
            dateline: r.get(5)?,
            outlet: r.get(6)?,
            url: r.get(7)?,
            authors: json_column("articles.authors", &authors)?,
            script: r.get(9)?,
            form: r.get(10)?,
            encoding: r.get(11)?,
            body: r.get(12)?,
            duplicate_of: r.get(13)?,
            dup_distance: r.get(14)?,
        })
    }
}

/// SQL for a mention's evidence sentence, with `event_mentions` as `m`
/// and its article as `a`: the writer leaves `evidence` empty when the
/// sentence is the body's span [start, end) — the usual case — instead of
/// storing every sentence twice.
pub(crate) const EVIDENCE: &str =
    "CASE WHEN m.evidence = '' THEN substr(a.body, m.start + 1, m.\"end\" - m.start) ELSE m.evidence END";

/// Derived tables: emptied and rebuilt by `reanalyze`.
pub(crate) const DERIVED: &[&str] = &[
    "event_mentions",
    "events",
    "quotes",
    "timex",
    "article_entities",
    "entities",
    "articles",
    "outcomes",
];

/// An open data folder.
/// How [`Store::resolve_doc_how`] found a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocRef {
    Name,
    Item,
    Id,
    Sha,
    Stem,
}

impl DocRef {
    /// As printed: "by file name", "by id"…
    pub fn as_str(self) -> &'static str {
        match self {
            DocRef::Name => "by file name",
            DocRef::Item => "by item name",
            DocRef::Id => "by id",
            DocRef::Sha => "by SHA-256 prefix",
            DocRef::Stem => "by file name without extension",
        }
    }
}

pub struct Store {
    pub(crate) conn: Connection,
    dir: PathBuf,
    search: std::sync::OnceLock<search::SearchIndex>,
    /// Opened by `open_existing` on a folder it could not write: queries
    /// only, the search index is never rebuilt.
    pub(crate) read_only: bool,
}

/// Row counts of the main tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub documents: u64,
    pub rejected_documents: u64,
    pub articles: u64,
    pub near_duplicates: u64,
    pub entities: u64,
    pub mentions: u64,
    pub quotes: u64,
    pub events: u64,
    pub event_mentions: u64,
    pub rejects: u64,
}

/// Page size of a new store's database. A snapshot (13.8 KB compressed on
/// average) took four 4 KiB pages and a body two; the WAL writes each page
/// with two `pwrite` calls (frame header, page) and a checkpoint with one
/// more. With 16 KiB pages an ingest of 5,000 documents spent about 0.17 s
/// less in the kernel (of 8 s of CPU), for 2 % more of SQLite's own
/// instructions and a 3 % larger file.
pub(crate) const PAGE_SIZE: i64 = 16 * 1024;

impl Store {
    /// Opens (creating if needed) the store in folder `dir`.
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating data folder {}", dir.display()))?;
        let path = dir.join(DB_FILE);
        let conn =
            Connection::open(&path).with_context(|| format!("opening {}", path.display()))?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // The ingest writer alone keeps about 20 statements in use (the
        // default cache holds 16: it would re-prepare them all the time).
        conn.set_prepared_statement_cache_capacity(64);
        // Set before WAL and the schema create the file: a store that
        // exists keeps the page size it has.
        conn.pragma_update(None, "page_size", PAGE_SIZE)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .with_context(|| format!("{}: enabling WAL", path.display()))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.execute_batch(SCHEMA)
            .with_context(|| format!("{}: creating the schema", path.display()))?;
        migrate(&conn).with_context(|| path.display().to_string())?;
        Ok(Store {
            conn,
            dir: dir.to_path_buf(),
            search: std::sync::OnceLock::new(),
            read_only: false,
        })
    }

    /// Opens the existing store in `dir` for queries. When it cannot be
    /// opened for writing — a read-only file system or snapshot, where WAL
    /// cannot even be enabled — it is opened read-only and immutable (no
    /// WAL, no locks): every query works, the search index is used as it is
    /// and never rebuilt. A store that still needs a schema upgrade cannot
    /// be read that way and reports the first error.
    pub fn open_existing(dir: &Path) -> Result<Store> {
        let writable = Store::open(dir);
        let Err(why) = writable else {
            return writable;
        };
        let path = dir.join(DB_FILE);
        if !path.is_file() {
            return Err(why);
        }
        Store::open_read_only(&path, dir).map_err(|_| why)
    }

    fn open_read_only(path: &Path, dir: &Path) -> Result<Store> {
        let mut uri = String::from("file:");
        for c in path.to_string_lossy().chars() {
            match c {
                '%' => uri.push_str("%25"),
                '?' => uri.push_str("%3f"),
                '#' => uri.push_str("%23"),
                c => uri.push(c),
            }
        }
        uri.push_str("?immutable=1");
        let conn = Connection::open_with_flags(
            &uri,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                | rusqlite::OpenFlags::SQLITE_OPEN_URI
                | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| format!("opening {} read-only", path.display()))?;
        conn.set_prepared_statement_cache_capacity(64);
        anyhow::ensure!(
            has_column(&conn, "article_entities", "spans")?,
            "{}: written by an older shiju; open it once where it can be written",
            path.display()
        );
        Ok(Store {
            conn,
            dir: dir.to_path_buf(),
            search: std::sync::OnceLock::new(),
            read_only: true,
        })
    }

    /// Whether the store was opened read-only (see `open_existing`).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The full-text index (`<data>/search/`), opened on first use.
    pub fn search_index(&self) -> Result<&search::SearchIndex> {
        if let Some(s) = self.search.get() {
            return Ok(s);
        }
        let dir = self.dir.join(search::SEARCH_DIR);
        let s = match search::SearchIndex::open(&dir) {
            Ok(s) => s,
            Err(e) if self.read_only => return Err(e),
            // The index is derived data: one that cannot be read (a torn
            // copy, files from another version) is started afresh and
            // rebuilt from the articles by the next sync.
            Err(_) => {
                std::fs::remove_dir_all(&dir)
                    .with_context(|| format!("removing the unreadable index {}", dir.display()))?;
                search::SearchIndex::open(&dir)?
            }
        };
        Ok(self.search.get_or_init(|| s))
    }

    /// Brings the search index up to date with the articles if it lags
    /// (after a killed ingest, a migration, or a writer that could not take
    /// the index's lock) and nobody else is writing it.
    pub fn sync_search(&self) -> Result<()> {
        let ix = self.search_index()?;
        if ix.is_current(&self.conn)? {
            return Ok(());
        }
        anyhow::ensure!(
            !self.read_only,
            "the search index of {} lags behind the store, which is read-only here",
            self.dir.display()
        );
        if let Some(mut w) = ix.indexer()? {
            w.sync(&self.conn)?;
            w.finish()?;
        }
        Ok(())
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The underlying connection (read-only use recommended).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    pub fn counts(&self) -> Result<Counts> {
        let n = |sql: &str| -> Result<u64> {
            let v: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            Ok(v.max(0) as u64)
        };
        Ok(Counts {
            documents: n("SELECT count(*) FROM documents")?,
            rejected_documents: n("SELECT count(*) FROM documents WHERE status = 'rejected'")?,
            articles: n("SELECT count(*) FROM articles")?,
            near_duplicates: n("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL")?,
            entities: n("SELECT count(*) FROM entities")?,
            mentions: n("SELECT coalesce(sum(mentions), 0) FROM article_entities")?,
            quotes: n("SELECT count(*) FROM quotes")?,
            events: n("SELECT count(*) FROM events")?,
            event_mentions: n("SELECT count(*) FROM event_mentions")?,
            rejects: n("SELECT count(*) FROM outcomes WHERE status = 'rejected'")?,
        })
    }

    /// Resolves a document reference (see [`Store::resolve_doc_how`]).
    pub fn resolve_doc(&self, r: &str) -> Result<Option<i64>> {
        Ok(self.resolve_doc_how(r)?.map(|(id, _)| id))
    }

    /// Resolves a document reference and says how: a file name or source
    /// path, an item name (`feed.xml#2`), a numeric id written without
    /// leading zeros, a SHA-256 prefix (at least 6 hex digits), or a file
    /// name without its extension (`001` for `001.html`) — in that order,
    /// so a file named like a number is found by its name.
    pub fn resolve_doc_how(&self, r: &str) -> Result<Option<(i64, DocRef)>> {
        let one = |sql: &str, arg: &dyn rusqlite::ToSql| -> Result<Option<i64>> {
            Ok(self
                .conn
                .query_row(sql, [arg], |row| row.get(0))
                .optional()?)
        };
        let q = "SELECT id FROM documents WHERE name = ?1 OR source_path = ?1 ORDER BY id LIMIT 1";
        if let Some(id) = one(q, &r)? {
            return Ok(Some((id, DocRef::Name)));
        }
        let q = "SELECT doc_id FROM articles WHERE item = ?1 ORDER BY id LIMIT 1";
        if let Some(id) = one(q, &r)? {
            return Ok(Some((id, DocRef::Item)));
        }
        let canonical = !r.starts_with('0') || r == "0";
        if let (Ok(n), true) = (r.parse::<i64>(), canonical) {
            if let Some(id) = one("SELECT id FROM documents WHERE id = ?1", &n)? {
                return Ok(Some((id, DocRef::Id)));
            }
        }
        let lower = r.to_ascii_lowercase();
        if lower.len() >= 6 && lower.len() <= 64 && lower.bytes().all(|b| b.is_ascii_hexdigit()) {
            let q = "SELECT id FROM documents WHERE sha256 LIKE ?1 || '%' ORDER BY id LIMIT 1";
            if let Some(id) = one(q, &lower)? {
                return Ok(Some((id, DocRef::Sha)));
            }
        }
        let stem = format!("{}.%", r.replace(['%', '_'], ""));
        let q = "SELECT id FROM documents WHERE name LIKE ?1 ORDER BY id LIMIT 1";
        Ok(one(q, &stem)?.map(|id| (id, DocRef::Stem)))
    }

    /// The original bytes of document `id`, exactly as ingested (`None` when
    /// the input was too large to keep).
    pub fn raw(&self, id: i64) -> Result<Option<Vec<u8>>> {
        let row: Option<(String, Option<Vec<u8>>)> = self
            .conn
            .query_row(
                "SELECT compression, raw FROM documents WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((comp, blob)) = row else {
            anyhow::bail!("no document {id}")
        };
        match (comp.as_str(), blob) {
            (IMPORTED, _) | (_, None) => Ok(None),
            ("zstd", Some(b)) => Ok(Some(
                zstd::stream::decode_all(&b[..])
                    .with_context(|| format!("document {id}: corrupt zstd snapshot"))?,
            )),
            ("none", Some(b)) => Ok(Some(b)),
            (other, _) => anyhow::bail!("document {id}: unknown compression {other:?}"),
        }
    }

    /// Whether document `id` was imported from Parquet (`shiju import`):
    /// it has analyses but no raw bytes.
    pub fn is_imported(&self, id: i64) -> Result<bool> {
        let comp: Option<String> = self
            .conn
            .query_row(
                "SELECT compression FROM documents WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(comp.as_deref() == Some(IMPORTED))
    }

    /// The items of imported document `id` as they were imported.
    pub(crate) fn imported(
        &self,
        id: i64,
    ) -> Result<Vec<(String, Result<shiju_core::Analysis, String>)>> {
        let blob: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT raw FROM documents WHERE id = ?1 AND compression = ?2",
                params![id, IMPORTED],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        match blob {
            Some(b) => {
                ingest::decode_analysed(&b).with_context(|| format!("imported document {id}"))
            }
            None => Ok(Vec::new()),
        }
    }

    /// Writes a human-readable view of document `id`: its metadata, then each
    /// article with body, entities, events and quotes, and its rejections.
    pub fn show(&self, id: i64, w: &mut dyn std::io::Write) -> Result<()> {
        let (sha, name, path, fetched, enc, size, status): (
            String,
            String,
            String,
            String,
            Option<String>,
            i64,
            String,
        ) = self.conn.query_row(
            "SELECT sha256, name, source_path, fetched_at, encoding, size, status FROM documents WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        ).with_context(|| format!("no document {id}"))?;
        writeln!(w, "document {id}  {name}  ({status})")?;
        writeln!(w, "  path:     {path}")?;
        writeln!(w, "  sha256:   {sha}")?;
        writeln!(w, "  fetched:  {fetched}")?;
        writeln!(
            w,
            "  encoding: {}  size: {size} bytes",
            enc.as_deref().unwrap_or("-")
        )?;
        if self.is_imported(id)? {
            writeln!(
                w,
                "  raw:      not kept (imported from Parquet by `shiju import`)"
            )?;
        }
        let mut st = self.conn.prepare(&format!(
            "SELECT {} FROM articles a WHERE a.doc_id = ?1 ORDER BY a.id",
            ArticleRow::COLUMNS
        ))?;
        let arts: Vec<ArticleRow> = st
            .query_map([id], ArticleRow::from_row)?
            .collect::<rusqlite::Result<_>>()?;
        for art in arts {
            let ArticleRow {
                id: aid,
                item,
                title,
                published,
                outlet,
                url,
                form,
                script,
                body,
                duplicate_of: dup,
                dup_distance: dist,
                ..
            } = art;
            writeln!(w)?;
            writeln!(
                w,
                "== article {aid} ({item}): {}",
                title.as_deref().unwrap_or("(no title)")
            )?;
            writeln!(
                w,
                "   {} | {} | {} | {form} {script}",
                published.as_deref().unwrap_or("(no date)"),
                outlet.as_deref().unwrap_or("(no outlet)"),
                url.as_deref().unwrap_or("(no url)")
            )?;
            if let Some(d) = dup {
                writeln!(
                    w,
                    "   near-duplicate of article {d} (SimHash distance {})",
                    dist.unwrap_or(0)
                )?;
            }
            writeln!(w)?;
            for p in body.split('\n') {
                writeln!(w, "   {p}")?;
            }
            writeln!(w)?;
            writeln!(w, "   entities:")?;
            let mut st = self.conn.prepare(
                "SELECT e.key, e.kind, e.country, e.name, ae.role_title, ae.role_of, ae.role_status,
                        ae.mentions,
                        ae.forms
                 FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
                 WHERE ae.article_id = ?1 ORDER BY e.key",
            )?;
            let mut rows = st.query([aid])?;
            while let Some(r) = rows.next()? {
                let key: String = r.get(0)?;
                let kind: String = r.get(1)?;
                let country: Option<String> = r.get(2)?;
                let ename: Option<String> = r.get(3)?;
                let role: Option<String> = r.get(4)?;
                let role_of: Option<String> = r.get(5)?;
                let role_status: Option<String> = r.get(6)?;
                let n: i64 = r.get(7)?;
                let forms: String = r.get(8)?;
                let forms: Vec<String> = json_column("article_entities.forms", &forms)?;
                let role = match role {
                    Some(t) => format!(
                        " [{t}{}{}]",
                        role_of.map(|o| format!(" of {o}")).unwrap_or_default(),
                        role_status.map(|s| format!(", {s}")).unwrap_or_default()
                    ),
                    None => String::new(),
                };
                writeln!(
                    w,
                    "     {key} ({kind}{}) {}{role} ×{n}: {}",
                    country.map(|c| format!(", {c}")).unwrap_or_default(),
                    ename.unwrap_or_default(),
                    forms.join(" / ")
                )?;
            }
            writeln!(w, "   events:")?;
            let mut st = self.conn.prepare(
                &format!(
                    "SELECT m.code, e.source, e.target, e.date, e.quad_class, m.goldstein, {EVIDENCE}, e.id,
                            e.num_articles, m.start, m.\"end\"
                     FROM event_mentions m JOIN events e ON e.id = m.event_id
                          JOIN articles a ON a.id = m.article_id
                     WHERE m.article_id = ?1 ORDER BY m.start, m.id"
                ),
            )?;
            let mut rows = st.query([aid])?;
            while let Some(r) = rows.next()? {
                let code: String = r.get(0)?;
                let src: String = r.get(1)?;
                let tgt: String = r.get(2)?;
                let date: String = r.get(3)?;
                let quad: i64 = r.get(4)?;
                let g: Option<f64> = r.get(5)?;
                let ev: String = r.get(6)?;
                let eid: i64 = r.get(7)?;
                let na: i64 = r.get(8)?;
                let s: i64 = r.get(9)?;
                let e: i64 = r.get(10)?;
                writeln!(
                    w,
                    "     {date} {src}→{tgt} {code} (quad {quad}, Goldstein {}) «{ev}» [{s}..{e}; event #{eid}, {na} article(s)]",
                    g.map(|g| format!("{g:+.1}")).unwrap_or_else(|| "-".into())
                )?;
            }
            let mut st = self
                .conn
                .prepare("SELECT speaker, text FROM quotes WHERE article_id = ?1 ORDER BY start")?;
            let quotes: Vec<(Option<String>, String)> = st
                .query_map([aid], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            if !quotes.is_empty() {
                writeln!(w, "   quotes:")?;
                for (sp, t) in quotes {
                    writeln!(w, "     {}: 「{t}」", sp.as_deref().unwrap_or("(unknown)"))?;
                }
            }
        }
        let mut st = self.conn.prepare(
            "SELECT item, reason FROM outcomes WHERE doc_id = ?1 AND status = 'rejected' ORDER BY id",
        )?;
        let rej: Vec<(String, Option<String>)> = st
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (item, reason) in rej {
            writeln!(
                w,
                "rejected {item}: {}",
                reason.as_deref().unwrap_or("(no reason)")
            )?;
        }
        Ok(())
    }

    pub(crate) fn meta_set(&self, key: &str, value: &str) -> Result<()> {
        meta_put(&self.conn, key, value)
    }
}

/// Sets `meta.key` to `value`.
pub(crate) fn meta_put(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// `meta.key`, if set.
pub(crate) fn meta_get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

/// Whether `table` has a column `column`.
fn has_column(conn: &Connection, table: &str, column: &str) -> Result<bool> {
    Ok(conn
        .prepare("SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2")?
        .exists(params![table, column])?)
}

/// A JSON value kept in a text column (`column` names it in the error): a
/// malformed value is an error naming the column, never read as empty.
pub(crate) fn json_column<T: serde::de::DeserializeOwned>(
    column: &str,
    json: &str,
) -> rusqlite::Result<T> {
    serde_json::from_str(json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("corrupt JSON in {column}: {e}").into(),
        )
    })
}

/// The mentions kept in `article_entities.spans` (a JSON array of `[start,
/// end, text]`), as (start, end, text).
pub(crate) fn spans(json: &str) -> rusqlite::Result<Vec<(i64, i64, String)>> {
    json_column("article_entities.spans", json)
}

/// Brings a store written by an older shiju to the current schema.
/// Version 1 kept one `mentions` row per entity mention; version 2 keeps
/// them in `article_entities` (`mentions`, `spans`): a third of the rows an
/// ingest wrote, for data always read per article and entity.
fn migrate(conn: &Connection) -> Result<()> {
    if !has_column(conn, "article_entities", "spans")? {
        conn.execute_batch(
            r#"BEGIN IMMEDIATE;
            ALTER TABLE article_entities ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE article_entities ADD COLUMN spans TEXT NOT NULL DEFAULT '[]';
            UPDATE article_entities SET
                mentions = (SELECT count(*) FROM mentions m
                            WHERE m.article_id = article_entities.article_id
                              AND m.entity_id = article_entities.entity_id),
                spans = coalesce((SELECT json_group_array(json_array(start, "end", text))
                                  FROM (SELECT start, "end", text FROM mentions m
                                        WHERE m.article_id = article_entities.article_id
                                          AND m.entity_id = article_entities.entity_id
                                        ORDER BY start, id)), '[]');
            DROP TABLE mentions;
            COMMIT;"#,
        )
        .context("migrating the store to schema version 2")?;
    }
    if !has_column(conn, "articles", "norm")? {
        conn.execute_batch("ALTER TABLE articles ADD COLUMN norm TEXT;")
            .context("migrating the store to schema version 2")?;
    }
    // Version 1 searched an FTS5 trigram table: its simplified bodies move
    // to `articles.norm`, and the tantivy index is built from the articles
    // by the next sync (`Store::sync_search`).
    let has_fts = conn
        .prepare("SELECT 1 FROM sqlite_master WHERE name = 'articles_fts'")?
        .exists([])?;
    if has_fts {
        conn.execute_batch(
            "BEGIN IMMEDIATE;
             UPDATE articles SET norm = (SELECT nullif(f.norm, '') FROM articles_fts f
                                         WHERE f.rowid = articles.id);
             DROP TABLE articles_fts;
             COMMIT;",
        )
        .context("migrating the store's search index")?;
    }
    // Counts were recounted from this index before they were kept up to
    // date by the writer; `event_mentions_sources` replaces it.
    conn.execute_batch("DROP INDEX IF EXISTS event_mentions_counts;")?;
    // An entity's articles and mentions without reading the whole table
    // (`api::entities` counts them for every entity it lists); made after
    // the upgrades above, which add `mentions` to older stores.
    conn.execute_batch(
        "CREATE INDEX IF NOT EXISTS article_entities_entity ON article_entities(entity_id, mentions);",
    )?;
    // The fingerprints an ingest compares new articles with
    // (`ingest::writer::Writer::new`: the newest distinct articles), read
    // from this index: read from the table, each row's body and norm,
    // stored before `simhash`, were paged through to reach it.
    conn.execute_batch(PRINTS_INDEX)?;
    meta_put(conn, "schema_version", SCHEMA_VERSION)
}

/// The index of the distinct articles' fingerprints, newest last (see
/// [`migrate`]); its `WHERE` is the one `Writer::new` selects with, and it
/// holds every column that query names, so the query reads no row.
pub(crate) const PRINTS_INDEX: &str = "CREATE INDEX IF NOT EXISTS articles_prints \
     ON articles(id, simhash, duplicate_of) WHERE duplicate_of IS NULL AND simhash IS NOT NULL;";

/// `meta.schema_version` of the stores this shiju writes.
pub const SCHEMA_VERSION: &str = "2";

/// `YYYY-MM-DDTHH:MM:SSZ` for now (UTC).
pub(crate) fn now_utc() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The first day of the period an event date names (`YYYY-MM-DD`, `YYYY-MM`,
/// `YYYY-Www`, `YYYY`), as `YYYY-MM-DD`; `None` if it is none of these.
pub fn first_day(date: &str) -> Option<String> {
    let day = shiju_core::Period::parse(date)?.first_day()?;
    Some(day.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_days() {
        assert_eq!(first_day("2024-05-20").as_deref(), Some("2024-05-20"));
        assert_eq!(first_day("2024-05").as_deref(), Some("2024-05-01"));
        assert_eq!(first_day("2024").as_deref(), Some("2024-01-01"));
        assert_eq!(first_day("2024-W01").as_deref(), Some("2024-01-01"));
        assert_eq!(first_day("2024-13"), None);
        assert_eq!(first_day("soon"), None);
    }
}
