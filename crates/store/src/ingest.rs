//! Ingestion: worker threads read, hash, compress and analyse inputs; one
//! writer (the calling thread, the store's only connection) inserts each
//! document in its own transaction, in input order.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read as _;
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};

use anyhow::{Context as _, Result};
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use shiju_core::{Analysis, CharIndex};
use shiju_pipeline::Pipeline;

use crate::simhash;
use crate::Store;

/// zstd level for snapshots: level 1 makes archives about 3 % larger than
/// zstd's default (3) and compresses in half the time.
const ZSTD_LEVEL: i32 = 1;

/// One input to ingest.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file on disk.
    File(PathBuf),
    /// Bytes already read (standard input: `name` "stdin", `path` "-").
    Bytes {
        name: String,
        path: String,
        bytes: Vec<u8>,
    },
    /// An input that could not even be listed (missing path, unreadable
    /// folder): recorded as a rejection.
    Error { path: String, error: String },
    /// A document analysed elsewhere (`shiju import` of the Spark driver's
    /// Parquet output): its items (item name, analysis or rejection reason)
    /// are stored as an ingest would store them, keyed by `sha256` (of the
    /// raw bytes when known); no raw snapshot is kept, only the analyses
    /// (so `reanalyze` keeps them).
    Analysed {
        name: String,
        path: String,
        sha256: String,
        size: usize,
        items: Vec<(String, Result<Analysis, String>)>,
    },
}

/// Where an ingest stands, reported after every input the writer settles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub ingested: usize,
    pub duplicate: usize,
    pub rejected: usize,
    /// Rejections of the input just settled: (source path and item, reason).
    pub rejections: Vec<(String, String)>,
}

/// What an ingest (or reanalyze) did. `inputs = ingested + duplicate +
/// rejected`, counted per input file; `rejected_items` also counts feed
/// items rejected inside files that gave other articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub inputs: usize,
    pub ingested: usize,
    pub duplicate: usize,
    pub rejected: usize,
    pub articles: usize,
    pub near_duplicates: usize,
    pub rejected_items: usize,
    pub event_mentions: usize,
    pub new_events: usize,
    /// Items skipped because the store already had them (`IngestOptions::
    /// skip_seen_items`).
    pub seen_items: usize,
}

/// How `ingest_with` treats its inputs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IngestOptions {
    /// Skip an analysed item already in the store: one whose article URL is
    /// stored, or (items without a URL) one with the same title and body
    /// from the same source path. For re-polled feeds (`shiju watch`): a
    /// feed that changed is a new document, but only its new items become
    /// articles. An input whose items were all seen counts as a duplicate.
    pub skip_seen_items: bool,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} inputs = {} ingested + {} duplicate + {} rejected; {} articles ({} near-duplicates linked), {} rejected items, {} event mentions, {} new events",
            self.inputs,
            self.ingested,
            self.duplicate,
            self.rejected,
            self.articles,
            self.near_duplicates,
            self.rejected_items,
            self.event_mentions,
            self.new_events
        )
    }
}

enum Job {
    File(PathBuf),
    Bytes {
        name: String,
        path: String,
        bytes: Vec<u8>,
    },
    Error {
        path: String,
        error: String,
    },
    Stored {
        doc_id: i64,
        name: String,
        path: String,
        size: usize,
        raw: Option<Vec<u8>>,
    },
    Analysed {
        /// `Some(id)`: re-deriving stored (imported) document `id`.
        doc_id: Option<i64>,
        name: String,
        path: String,
        sha256: String,
        size: usize,
        items: Vec<(String, Result<Analysis, String>)>,
    },
}

impl Job {
    /// (name, path) for reporting.
    fn label(&self) -> (String, String) {
        match self {
            Job::File(p) => (file_name(p), p.display().to_string()),
            Job::Bytes { name, path, .. }
            | Job::Stored { name, path, .. }
            | Job::Analysed { name, path, .. } => (name.clone(), path.clone()),
            Job::Error { path, .. } => (path.clone(), path.clone()),
        }
    }
}

struct Analyzed {
    analysis: Analysis,
    body: String,
    norm: String,
    simhash: Option<u64>,
}

struct Item {
    name: String,
    result: Result<Analyzed, String>,
}

struct DocData {
    sha: String,
    size: usize,
    raw_z: Option<Vec<u8>>,
    /// Analysed elsewhere: `raw_z` holds the items' analyses (see
    /// `Store::imported`), not raw bytes.
    imported: bool,
    encoding: Option<String>,
    items: Vec<Item>,
}

enum Prep {
    /// Could not be read.
    Failed(String),
    /// Already in the store (checked before analysis).
    Known,
    Doc(DocData),
    /// Re-analysed snapshot of stored document `doc_id`.
    Stored(i64, DocData),
}

struct Prepared {
    idx: usize,
    name: String,
    path: String,
    prep: Prep,
}

fn sha_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(d: &[u8]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

fn file_name(p: &std::path::Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// Analyses `bytes` into the items of one document.
fn analyze(pl: &Pipeline, name: &str, bytes: &[u8]) -> (Option<String>, Vec<Item>) {
    let mut encoding = None;
    let items = pl
        .analyze_bytes_normalized(name, bytes)
        .into_iter()
        .map(|(name, result)| Item {
            name,
            result: match result {
                Ok((a, norm)) => {
                    if encoding.is_none() && !a.article.encoding.is_empty() {
                        encoding = Some(a.article.encoding.clone());
                    }
                    let body = a.article.body_text();
                    Ok(Analyzed {
                        simhash: simhash::simhash(&norm),
                        analysis: a,
                        body,
                        norm,
                    })
                }
                Err(e) => Err(e.to_string()),
            },
        })
        .collect();
    if encoding.is_none() && !bytes.is_empty() && bytes.len() <= pl.extractor.max_bytes {
        let d = shiju_ingest::decode::decode(bytes);
        if !d.encoding.is_empty() {
            encoding = Some(d.encoding);
        }
    }
    (encoding, items)
}

/// The items of a document analysed elsewhere, with what the writer needs.
fn analysed(
    pl: &Pipeline,
    items: Vec<(String, Result<Analysis, String>)>,
) -> (Option<String>, Vec<Item>) {
    let mut encoding = None;
    let items = items
        .into_iter()
        .map(|(name, r)| Item {
            name,
            result: r.map(|a| {
                if encoding.is_none() && !a.article.encoding.is_empty() {
                    encoding = Some(a.article.encoding.clone());
                }
                let body = a.article.body_text();
                let norm = pl.normalizer().normalize_str(&body);
                Analyzed {
                    simhash: simhash::simhash(&norm),
                    analysis: a,
                    body,
                    norm,
                }
            }),
        })
        .collect();
    (encoding, items)
}

/// `bytes` compressed with zstd, by a compressor kept per thread (setting
/// one up costs about as much as compressing a short page).
fn compress(bytes: &[u8]) -> Option<Vec<u8>> {
    thread_local! {
        static Z: std::cell::RefCell<Option<zstd::bulk::Compressor<'static>>> =
            const { std::cell::RefCell::new(None) };
    }
    Z.with(|z| {
        let mut z = z.borrow_mut();
        if z.is_none() {
            *z = zstd::bulk::Compressor::new(ZSTD_LEVEL).ok();
        }
        z.as_mut()?.compress(bytes).ok()
    })
}

/// The analyses kept for an imported document (zstd-compressed JSON array
/// of `{"item", "analysis"}` / `{"item", "error"}`).
fn encode_analysed(items: &[Item]) -> Option<Vec<u8>> {
    let v: Vec<serde_json::Value> = items
        .iter()
        .map(|i| match &i.result {
            Ok(a) => serde_json::json!({"item": i.name, "analysis": a.analysis}),
            Err(e) => serde_json::json!({"item": i.name, "error": e}),
        })
        .collect();
    let json = serde_json::to_vec(&v).ok()?;
    compress(&json)
}

/// Inverse of `encode_analysed`.
pub(crate) fn decode_analysed(blob: &[u8]) -> Result<Vec<(String, Result<Analysis, String>)>> {
    let json = zstd::stream::decode_all(blob).context("corrupt zstd analyses")?;
    let v: Vec<serde_json::Value> = serde_json::from_slice(&json).context("corrupt analyses")?;
    v.into_iter()
        .map(|mut o| {
            let item = o
                .get("item")
                .and_then(|i| i.as_str())
                .unwrap_or_default()
                .to_string();
            Ok(match o.get_mut("analysis") {
                Some(a) => (item, Ok(serde_json::from_value(a.take())?)),
                None => {
                    let e = o
                        .get("error")
                        .and_then(|e| e.as_str())
                        .unwrap_or("rejected");
                    (item, Err(e.to_string()))
                }
            })
        })
        .collect()
}

fn too_large(size: usize, cap: usize) -> String {
    shiju_ingest::Reject::TooLarge { size, cap }.to_string()
}

/// Which documents the store already holds, as a worker sees it: a
/// read-only connection of its own (WAL readers do not block the writer),
/// so memory does not grow with the store. Without one (a re-analysis, an
/// ingest into a store that held no documents when it began, or a database
/// that cannot be opened) nothing is known and the writer's own check
/// decides: only a file given twice in one run is then analysed twice.
struct Known(Option<Connection>);

impl Known {
    fn open(db: Option<&std::path::Path>) -> Known {
        Known(db.and_then(|p| {
            Connection::open_with_flags(
                p,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .ok()
        }))
    }

    fn contains(&self, sha: &str) -> bool {
        let Some(c) = &self.0 else { return false };
        c.prepare_cached("SELECT 1 FROM documents WHERE sha256 = ?1")
            .and_then(|mut st| st.exists([sha]))
            .unwrap_or(false)
    }
}

fn prepare(pl: &Pipeline, known: &Known, idx: usize, job: Job) -> Prepared {
    let cap = pl.extractor.max_bytes;
    let doc = |name: &str, bytes: &[u8]| -> Prep {
        let sha = sha_hex(bytes);
        if known.contains(&sha) {
            return Prep::Known;
        }
        let (encoding, items) = analyze(pl, name, bytes);
        let raw_z = compress(bytes);
        Prep::Doc(DocData {
            sha,
            size: bytes.len(),
            raw_z,
            imported: false,
            encoding,
            items,
        })
    };
    match job {
        Job::Analysed {
            doc_id,
            name,
            path,
            sha256,
            size,
            items,
        } => {
            let prep = if doc_id.is_none() && known.contains(&sha256) {
                Prep::Known
            } else {
                let (encoding, items) = analysed(pl, items);
                let data = DocData {
                    sha: sha256,
                    size,
                    raw_z: if doc_id.is_none() {
                        encode_analysed(&items)
                    } else {
                        None
                    },
                    imported: true,
                    encoding,
                    items,
                };
                match doc_id {
                    Some(id) => Prep::Stored(id, data),
                    None => Prep::Doc(data),
                }
            };
            Prepared {
                idx,
                name,
                path,
                prep,
            }
        }
        Job::Error { path, error } => Prepared {
            idx,
            name: path.clone(),
            path,
            prep: Prep::Failed(error),
        },
        Job::Bytes { name, path, bytes } => {
            let prep = doc(&name, &bytes);
            Prepared {
                idx,
                name,
                path,
                prep,
            }
        }
        Job::File(p) => {
            let name = file_name(&p);
            let path = p.display().to_string();
            let prep = match read_capped(&p, cap) {
                Err(e) => Prep::Failed(e.to_string()),
                Ok(Read::Whole(bytes)) => doc(&name, &bytes),
                Ok(Read::TooLarge { sha, size }) => {
                    if known.contains(&sha) {
                        Prep::Known
                    } else {
                        Prep::Doc(DocData {
                            sha,
                            size,
                            raw_z: None,
                            imported: false,
                            encoding: None,
                            items: vec![Item {
                                name: name.clone(),
                                result: Err(too_large(size, cap)),
                            }],
                        })
                    }
                }
            };
            Prepared {
                idx,
                name,
                path,
                prep,
            }
        }
        Job::Stored {
            doc_id,
            name,
            path,
            size,
            raw,
        } => {
            let data = match raw {
                Some(bytes) => {
                    let (encoding, items) = analyze(pl, &name, &bytes);
                    DocData {
                        sha: String::new(),
                        size,
                        raw_z: None,
                        imported: false,
                        encoding,
                        items,
                    }
                }
                None => DocData {
                    sha: String::new(),
                    size,
                    raw_z: None,
                    imported: false,
                    encoding: None,
                    items: vec![Item {
                        name: name.clone(),
                        result: Err(format!("too large: {size} bytes (no snapshot was kept)")),
                    }],
                },
            };
            Prepared {
                idx,
                name,
                path,
                prep: Prep::Stored(doc_id, data),
            }
        }
    }
}

enum Read {
    Whole(Vec<u8>),
    TooLarge { sha: String, size: usize },
}

/// Reads a file, or only hashes it (streaming) when it exceeds `cap`.
fn read_capped(p: &std::path::Path, cap: usize) -> std::io::Result<Read> {
    let mut f = std::fs::File::open(p)?;
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    if len > cap as u64 {
        let mut h = Sha256::new();
        let size = std::io::copy(&mut f, &mut h)?;
        return Ok(Read::TooLarge {
            sha: hex(&h.finalize()),
            size: usize::try_from(size).unwrap_or(usize::MAX),
        });
    }
    // The reported length may lie (a file that grows, a special file): read
    // no more than one byte past the cap, and hash the rest if there is more.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    (&mut f).take(cap as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > cap {
        let mut h = Sha256::new();
        h.update(&bytes);
        let rest = std::io::copy(&mut f, &mut h)?;
        return Ok(Read::TooLarge {
            sha: hex(&h.finalize()),
            size: bytes
                .len()
                .saturating_add(usize::try_from(rest).unwrap_or(usize::MAX)),
        });
    }
    Ok(Read::Whole(bytes))
}

/// Runs `jobs` through `threads` workers and hands each result, in job
/// order, to `write`.
fn run_parallel(
    pl: &Pipeline,
    db: Option<&std::path::Path>,
    threads: usize,
    feed: impl FnOnce(&mut dyn FnMut(Job) -> bool) + Send,
    mut write: impl FnMut(Prepared) -> Result<()>,
) -> Result<()> {
    let threads = threads.max(1);
    let (job_tx, job_rx) = sync_channel::<(usize, Job)>(threads * 2);
    let job_rx: Arc<Mutex<Receiver<(usize, Job)>>> = Arc::new(Mutex::new(job_rx));
    // Room for the results that pile up while the writer commits a batch
    // or waits for the disk (a WAL checkpoint): with room for 32 per
    // worker, the workers stopped for a third of a core (measured).
    let (out_tx, out_rx) = sync_channel::<Prepared>(threads * 256);
    std::thread::scope(|s| -> Result<()> {
        s.spawn(move || {
            let mut i = 0usize;
            let mut send = |job: Job| -> bool {
                let ok = job_tx.send((i, job)).is_ok();
                i += 1;
                ok
            };
            feed(&mut send);
        });
        for _ in 0..threads {
            let rx = Arc::clone(&job_rx);
            let tx = out_tx.clone();
            s.spawn(move || {
                let known = Known::open(db);
                loop {
                    let next = match rx.lock() {
                        Ok(g) => g.recv(),
                        Err(_) => return,
                    };
                    let Ok((idx, job)) = next else { return };
                    let (name, path) = job.label();
                    // A stage that panics costs one input, never the run (a
                    // missing result would stall the in-order writer).
                    let prepared = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        prepare(pl, &known, idx, job)
                    }))
                    .unwrap_or_else(|_| Prepared {
                        idx,
                        name,
                        path,
                        prep: Prep::Failed(
                            "internal error: the analysis panicked on this input".into(),
                        ),
                    });
                    if tx.send(prepared).is_err() {
                        return;
                    }
                }
            });
        }
        drop(out_tx);
        let mut pending: BTreeMap<usize, Prepared> = BTreeMap::new();
        let mut next = 0usize;
        let mut result = Ok(());
        for p in out_rx.iter() {
            pending.insert(p.idx, p);
            while let Some(p) = pending.remove(&next) {
                next += 1;
                if result.is_ok() {
                    result = write(p);
                }
            }
            if result.is_err() {
                break;
            }
        }
        // Results left behind a gap (none are expected): still written, in order.
        if result.is_ok() {
            for (_, p) in std::mem::take(&mut pending) {
                result = write(p);
                if result.is_err() {
                    break;
                }
            }
        }
        // Dropping the receiver stops the workers; the feeder stops when its
        // channel closes.
        drop(out_rx);
        drop(job_rx);
        result
    })
}

/// Mentions, articles and outlets an event gained in the current batch.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    mentions: i64,
    articles: i64,
    sources: i64,
}

/// The writer's state across documents.
struct Writer {
    /// (article id, fingerprint) of every article that is not itself a
    /// near-duplicate.
    prints: simhash::Prints,
    added: String,
    summary: Summary,
    /// Rejections of the input being written.
    rejections: Vec<(String, String)>,
    /// What the events got since the last `flush_counts`.
    counts: BTreeMap<i64, Counts>,
    skip_seen: bool,
    /// Cache of `entities` rows: key → (id, has a name, has a country).
    entity_ids: HashMap<String, (i64, bool, bool)>,
    /// Cache of `events` rows: `event_key` → id.
    event_ids: HashMap<String, i64>,
    /// The key being looked up (one buffer, no allocation on a hit).
    event_key: String,
    /// `PRAGMA data_version` when the caches were last known good.
    data_version: Option<i64>,
    /// When the current transaction began: the time the documents it
    /// stores are recorded as fetched and settled at.
    now: String,
}

impl Writer {
    /// Adds the batch's NumMentions / NumArticles / NumSources to its
    /// events; run inside the transaction, before it commits.
    fn flush_counts(&mut self, conn: &Connection) -> Result<()> {
        let mut upd = conn.prepare_cached(
            "UPDATE events SET num_mentions = num_mentions + ?2, num_articles = num_articles + ?3,
                               num_sources = num_sources + ?4
             WHERE id = ?1",
        )?;
        for (e, c) in std::mem::take(&mut self.counts) {
            upd.execute(params![e, c.mentions, c.articles, c.sources])?;
        }
        Ok(())
    }

    /// Empties the id caches if another connection changed the store since
    /// the last transaction (a `shiju reanalyze` or an upload in between);
    /// called at the start of each transaction.
    fn sync(&mut self, conn: &Connection) -> Result<()> {
        self.now = crate::now_utc();
        let v: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if self.data_version != Some(v) {
            self.entity_ids.clear();
            self.event_ids.clear();
            self.data_version = Some(v);
        }
        Ok(())
    }

    /// Where the run stands, with the rejections since the last report.
    fn progress(&mut self, done: usize, total: usize) -> Progress {
        Progress {
            done,
            total,
            ingested: self.summary.ingested,
            duplicate: self.summary.duplicate,
            rejected: self.summary.rejected,
            rejections: std::mem::take(&mut self.rejections),
        }
    }

    fn new(conn: &Connection) -> Result<Writer> {
        let mut st = conn.prepare(
            "SELECT id, simhash FROM articles WHERE duplicate_of IS NULL AND simhash IS NOT NULL
             ORDER BY id DESC LIMIT ?1",
        )?;
        let mut recent: Vec<(i64, u64)> = st
            .query_map([simhash::Prints::WINDOW as i64], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? as u64))
            })?
            .collect::<rusqlite::Result<_>>()?;
        recent.reverse();
        let mut prints = simhash::Prints::default();
        for (id, h) in recent {
            prints.push(id, h);
        }
        Ok(Writer {
            prints,
            added: chrono::Utc::now().format("%Y%m%d%H%M%S").to_string(),
            summary: Summary::default(),
            rejections: Vec::new(),
            counts: BTreeMap::new(),
            skip_seen: false,
            entity_ids: HashMap::new(),
            event_ids: HashMap::new(),
            event_key: String::new(),
            data_version: None,
            now: crate::now_utc(),
        })
    }

    /// Settles one prepared input inside an open transaction.
    fn write(&mut self, conn: &Connection, p: &Prepared) -> Result<()> {
        let now = self.now.clone();
        let (doc_id, data) = match &p.prep {
            Prep::Known => {
                self.summary.duplicate += 1;
                return Ok(());
            }
            Prep::Failed(err) => {
                conn.prepare_cached(
                    "INSERT OR IGNORE INTO outcomes(key, doc_id, item, source_path, status, reason, at)
                     VALUES (?1, NULL, ?2, ?3, 'rejected', ?4, ?5)"
                )?
                .execute(
                    params![format!("path:{}:{err}", p.path), p.name, p.path, err, now],
                )?;
                self.summary.rejected += 1;
                self.rejections.push((p.path.clone(), err.clone()));
                return Ok(());
            }
            Prep::Doc(d) => {
                let exists = conn
                    .prepare_cached("SELECT 1 FROM documents WHERE sha256 = ?1")?
                    .exists([&d.sha])?;
                if exists {
                    self.summary.duplicate += 1;
                    return Ok(());
                }
                let status = status_of(d);
                conn.prepare_cached(
                    "INSERT INTO documents(sha256, name, source_path, fetched_at, encoding, size, compression, raw, status)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                )?
                .execute(
                    params![
                        d.sha,
                        p.name,
                        p.path,
                        now,
                        d.encoding,
                        d.size as i64,
                        if d.imported {
                            crate::IMPORTED
                        } else if d.raw_z.is_some() {
                            "zstd"
                        } else {
                            "none"
                        },
                        d.raw_z,
                        status
                    ],
                )?;
                (conn.last_insert_rowid(), d)
            }
            Prep::Stored(id, d) => {
                conn.prepare_cached(
                    "UPDATE documents SET status = ?2, encoding = coalesce(?3, encoding) WHERE id = ?1"
                )?
                .execute(
                    params![id, status_of(d), d.encoding],
                )?;
                (*id, d)
            }
        };
        let mut any = false;
        let mut seen = false;
        for (n, item) in data.items.iter().enumerate() {
            let key = format!("doc:{doc_id}#{n}");
            match &item.result {
                Ok(a) if self.skip_seen && is_seen(conn, &p.path, &a.analysis, &a.body)? => {
                    seen = true;
                    self.summary.seen_items += 1;
                }
                Ok(a) => {
                    any = true;
                    let aid = self.article(conn, doc_id, a)?;
                    conn.prepare_cached(
                        "INSERT INTO outcomes(key, doc_id, item, source_path, status, reason, article_id, at)
                         VALUES (?1, ?2, ?3, ?4, 'article', NULL, ?5, ?6)"
                    )?
                    .execute(
                        params![key, doc_id, item.name, p.path, aid, now],
                    )?;
                }
                Err(reason) => {
                    self.summary.rejected_items += 1;
                    let at = if item.name == p.name {
                        p.path.clone()
                    } else {
                        format!("{} ({})", p.path, item.name)
                    };
                    self.rejections.push((at, reason.clone()));
                    conn.prepare_cached(
                        "INSERT INTO outcomes(key, doc_id, item, source_path, status, reason, at)
                         VALUES (?1, ?2, ?3, ?4, 'rejected', ?5, ?6)",
                    )?
                    .execute(params![key, doc_id, item.name, p.path, reason, now])?;
                }
            }
        }
        if any {
            self.summary.ingested += 1;
        } else if seen {
            self.summary.duplicate += 1;
        } else {
            self.summary.rejected += 1;
        }
        Ok(())
    }

    /// The row id of entity `ent`, inserted or completed (name, country)
    /// as needed. Known ids are cached: most articles name the same few
    /// hundred entities.
    fn entity_id(&mut self, conn: &Connection, ent: &shiju_core::Entity) -> Result<i64> {
        let name = ent.name.as_ref().or_else(|| ent.forms.first());
        if let Some(&(id, has_name, has_country)) = self.entity_ids.get(&ent.id) {
            if (has_name || name.is_none()) && (has_country || ent.country.is_none()) {
                return Ok(id);
            }
        }
        let kind = serde_json::to_value(ent.kind)?;
        conn.prepare_cached(
            "INSERT INTO entities(key, kind, country, name) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(key) DO UPDATE SET name = coalesce(entities.name, excluded.name),
                                            country = coalesce(entities.country, excluded.country)",
        )?
        .execute(params![
            ent.id,
            kind.as_str().unwrap_or(""),
            ent.country,
            name
        ])?;
        let (id, has_name, has_country) = conn
            .prepare_cached(
                "SELECT id, name IS NOT NULL, country IS NOT NULL FROM entities WHERE key = ?1",
            )?
            .query_row([&ent.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        if self.entity_ids.len() >= ID_CACHE {
            self.entity_ids.clear();
        }
        self.entity_ids
            .insert(ent.id.clone(), (id, has_name, has_country));
        Ok(id)
    }

    /// The row id of the event `ev` belongs to (one per source, target,
    /// root and date), inserted when new.
    fn event_id(
        &mut self,
        conn: &Connection,
        ev: &shiju_core::Event,
        is_lead: bool,
        aid: i64,
    ) -> Result<i64> {
        // Source, target, root and date, separated by a control character
        // no code or date contains.
        self.event_key.clear();
        for part in [&ev.source, &ev.target, &ev.cameo, &ev.date] {
            self.event_key.push_str(part);
            self.event_key.push('\u{1f}');
        }
        if let Some(&id) = self.event_ids.get(self.event_key.as_str()) {
            return Ok(id);
        }
        let found: Option<i64> = conn
            .prepare_cached(
                "SELECT id FROM events WHERE source = ?1 AND target = ?2 AND root = ?3 AND date = ?4",
            )?
            .query_row(params![ev.source, ev.target, ev.cameo, ev.date], |r| {
                r.get(0)
            })
            .optional()?;
        let id = match found {
            Some(id) => id,
            None => {
                conn.prepare_cached(
                    "INSERT INTO events(source, target, root, date, day, code, quad_class, goldstein, plover,
                                        source_entity, target_entity, is_root, first_article, added)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                )?
                .execute(params![
                    ev.source,
                    ev.target,
                    ev.cameo,
                    ev.date,
                    crate::first_day(&ev.date),
                    ev.code,
                    i64::from(ev.quad_class),
                    ev.goldstein,
                    ev.plover,
                    ev.source_entity,
                    ev.target_entity,
                    i64::from(is_lead),
                    aid,
                    self.added
                ])?;
                self.summary.new_events += 1;
                conn.last_insert_rowid()
            }
        };
        if self.event_ids.len() >= ID_CACHE {
            self.event_ids.clear();
        }
        self.event_ids.insert(self.event_key.clone(), id);
        Ok(id)
    }

    fn article(&mut self, conn: &Connection, doc_id: i64, a: &Analyzed) -> Result<i64> {
        let an = &a.analysis;
        let art = &an.article;
        let (dup, dist) = a
            .simhash
            .and_then(|h| self.prints.nearest(h))
            .map_or((None, None), |(id, d)| (Some(id), Some(d)));
        let lead_chars = art.paragraphs.first().map_or(0, |p| p.chars().count());
        conn.prepare_cached(
            "INSERT INTO articles(doc_id, item, title, published, dateline, outlet, url, authors, script, form,
                                  encoding, body, norm, lead_chars, simhash, duplicate_of, dup_distance)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        )?
        .execute(params![
            doc_id,
            an.doc,
            art.title,
            art.published,
            art.dateline,
            art.outlet,
            art.url,
            serde_json::to_string(&art.authors)?,
            art.script.as_str(),
            serde_json::to_value(art.form)?.as_str().unwrap_or("plain"),
            art.encoding,
            a.body,
            // The simplified form only where it differs (traditional script).
            (a.norm != a.body).then_some(a.norm.as_str()),
            lead_chars as i64,
            a.simhash.map(|h| h as i64),
            dup,
            dist.map(i64::from)
        ])?;
        let aid = conn.last_insert_rowid();
        self.summary.articles += 1;
        match (dup, a.simhash) {
            (Some(_), _) => self.summary.near_duplicates += 1,
            (None, Some(h)) => self.prints.push(aid, h),
            (None, None) => {}
        }
        for ent in &an.entities {
            let eid = self.entity_id(conn, ent)?;
            let status = ent
                .role
                .as_ref()
                .map(|r| serde_json::to_value(r.status))
                .transpose()?;
            let spans: Vec<(usize, usize, &str)> = ent
                .mentions
                .iter()
                .map(|m| (m.start, m.end, m.text.as_str()))
                .collect();
            conn.prepare_cached(
                "INSERT OR IGNORE INTO article_entities(article_id, entity_id, forms, role_title, role_of,
                                                        role_status, mentions, spans)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                aid,
                eid,
                serde_json::to_string(&ent.forms)?,
                ent.role.as_ref().map(|r| r.title.clone()),
                ent.role.as_ref().and_then(|r| r.of.clone()),
                status.as_ref().and_then(|s| s.as_str().map(str::to_string)),
                spans.len() as i64,
                serde_json::to_string(&spans)?
            ])?;
        }
        let mut st = conn.prepare_cached(
            "INSERT INTO timex(article_id, text, value, start, \"end\") VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for t in &an.timex {
            st.execute(params![aid, t.text, t.value, t.start as i64, t.end as i64])?;
        }
        let mut st = conn.prepare_cached(
            "INSERT INTO quotes(article_id, speaker, text, start, \"end\") VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for q in &an.quotes {
            st.execute(params![
                aid,
                q.speaker,
                q.text,
                q.start as i64,
                q.end as i64
            ])?;
        }
        let outlet_key = art
            .outlet
            .clone()
            .or_else(|| art.url.as_deref().and_then(host))
            .unwrap_or_else(|| format!("doc:{doc_id}"));
        // Events this article mentions (each counts the article once).
        let mut mentioned = BTreeSet::new();
        let chars = CharIndex::new(if an.events.is_empty() { "" } else { &a.body });
        for ev in &an.events {
            let is_lead = ev.start < lead_chars;
            let event_id = self.event_id(conn, ev, is_lead, aid)?;
            // Asked before the mention is inserted; sees the batch's own rows.
            let new_source = !conn
                .prepare_cached(
                    "SELECT 1 FROM event_mentions WHERE event_id = ?1 AND outlet_key = ?2 LIMIT 1",
                )?
                .exists(params![event_id, outlet_key])?;
            conn.prepare_cached(
                "INSERT INTO event_mentions(event_id, article_id, doc_id, code, goldstein, source_entity,
                                            target_entity, evidence, start, \"end\", is_lead, outlet_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(params![
                event_id,
                aid,
                doc_id,
                ev.code,
                ev.goldstein,
                ev.source_entity,
                ev.target_entity,
                // Read back through `EVIDENCE` when it is the body's span.
                if char_span(&a.body, &chars, ev.start, ev.end) == Some(ev.evidence.as_str()) {
                    ""
                } else {
                    ev.evidence.as_str()
                },
                ev.start as i64,
                ev.end as i64,
                i64::from(is_lead),
                outlet_key
            ])?;
            self.summary.event_mentions += 1;
            // Counted in memory, written once per batch (`flush_counts`).
            let c = self.counts.entry(event_id).or_default();
            c.mentions += 1;
            c.articles += i64::from(mentioned.insert(event_id));
            c.sources += i64::from(new_source);
        }
        Ok(aid)
    }
}

/// The characters [start, end) of `text`, whose character boundaries
/// `ci` indexes; `None` if it does not have them.
fn char_span<'a>(text: &'a str, ci: &CharIndex, start: usize, end: usize) -> Option<&'a str> {
    if end < start {
        return None;
    }
    text.get(ci.byte_of(start)?..ci.byte_of(end)?)
}

/// Whether the store already has this item (see `IngestOptions`).
fn is_seen(conn: &Connection, path: &str, a: &Analysis, body: &str) -> Result<bool> {
    let hit: Option<i64> = match a.article.url.as_deref().filter(|u| !u.is_empty()) {
        Some(url) => conn
            .prepare_cached("SELECT 1 FROM articles WHERE url = ?1 LIMIT 1")?
            .query_row([url], |r| r.get(0))
            .optional()?,
        None => conn
            .prepare_cached(
                "SELECT 1 FROM articles a JOIN documents d ON d.id = a.doc_id
                 WHERE d.source_path = ?1 AND a.title IS ?2 AND a.body = ?3 LIMIT 1",
            )?
            .query_row(params![path, a.article.title, body], |r| r.get(0))
            .optional()?,
    };
    Ok(hit.is_some())
}

fn status_of(d: &DocData) -> &'static str {
    if d.items.iter().any(|i| i.result.is_ok()) {
        "ingested"
    } else {
        "rejected"
    }
}

/// The host of a URL (`https://host/path` → `host`).
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let h = rest.split(['/', '?', '#']).next()?.trim();
    (!h.is_empty()).then(|| h.to_ascii_lowercase())
}

fn threads_or_default(threads: usize) -> usize {
    if threads > 0 {
        threads
    } else {
        std::thread::available_parallelism().map_or(2, |n| n.get())
    }
}

/// Ingests `inputs` into `store`: one transaction per input document,
/// committed in input order; `progress` is called after each input.
/// `threads = 0` uses one analysis worker per core.
pub fn ingest(
    store: &mut Store,
    pl: &Pipeline,
    inputs: Vec<Input>,
    threads: usize,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Summary> {
    ingest_with(
        store,
        pl,
        inputs,
        threads,
        IngestOptions::default(),
        progress,
    )
}

/// `ingest` with options.
pub fn ingest_with(
    store: &mut Store,
    pl: &Pipeline,
    inputs: Vec<Input>,
    threads: usize,
    options: IngestOptions,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Summary> {
    let conn = &store.conn;
    let db = store.dir().join(crate::DB_FILE);
    let _settings = WriterSettings::new(conn)?;
    // The search index follows each committed batch (see `search`); a
    // store whose index another process is writing leaves it to that one.
    let mut index = store.search_index()?.indexer()?;
    if let Some(ix) = index.as_mut() {
        ix.sync(conn).context("search index")?;
    }
    let mut index_committed = std::time::Instant::now();
    let mut w = Writer::new(conn)?;
    w.skip_seen = options.skip_seen_items;
    let total = inputs.len();
    let mut done = 0usize;
    let mut batched = 0usize;
    let mut in_tx = false;
    let mut batch_started = std::time::Instant::now();
    let any_documents = conn
        .prepare_cached("SELECT 1 FROM documents LIMIT 1")?
        .exists([])?;
    // A WARC file is one input per document record: the records past the
    // first are counted here as the feeder reads them.
    let more = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (fed_more, cap) = (Arc::clone(&more), pl.extractor.max_bytes);
    let total_now = || total + more.load(std::sync::atomic::Ordering::Relaxed);
    run_parallel(
        pl,
        any_documents.then_some(db.as_path()),
        threads_or_default(threads),
        move |send| {
            for i in inputs {
                let job = match i {
                    Input::File(p) => match shiju_pipeline::warc_records(&p, cap) {
                        Some(records) => {
                            for (n, r) in records.enumerate() {
                                fed_more.fetch_add(
                                    usize::from(n > 0),
                                    std::sync::atomic::Ordering::Relaxed,
                                );
                                let job = match r.bytes {
                                    Ok(bytes) => Job::Bytes {
                                        name: r.name,
                                        path: r.path,
                                        bytes,
                                    },
                                    Err(error) => Job::Error {
                                        path: r.path,
                                        error,
                                    },
                                };
                                if !send(job) {
                                    return;
                                }
                            }
                            continue;
                        }
                        None => Job::File(p),
                    },
                    Input::Bytes { name, path, bytes } => Job::Bytes { name, path, bytes },
                    Input::Error { path, error } => Job::Error { path, error },
                    Input::Analysed {
                        name,
                        path,
                        sha256,
                        size,
                        items,
                    } => Job::Analysed {
                        doc_id: None,
                        name,
                        path,
                        sha256,
                        size,
                        items,
                    },
                };
                if !send(job) {
                    return;
                }
            }
        },
        |p| {
            // Documents are written in batches: one transaction committed
            // every BATCH documents or BATCH_TIME, and reported only once
            // committed — so what was reported survives a kill. No savepoint
            // per document (they cost as much as the inserts). A write that
            // fails rolls the whole unreported batch back (a rerun stores it
            // again) and ends the run with the cause.
            if !in_tx {
                conn.execute_batch("BEGIN IMMEDIATE")?;
                in_tx = true;
                batch_started = std::time::Instant::now();
                w.sync(conn)?;
            }
            if let Err(e) = w.write(conn, &p) {
                let _ = conn.execute_batch("ROLLBACK");
                return Err(e.context(format!("{}: storing", p.path)));
            }
            batched += 1;
            if batched >= BATCH || batch_started.elapsed() >= BATCH_TIME {
                w.flush_counts(conn)?;
                conn.execute_batch("COMMIT")
                    .with_context(|| format!("{}: committing", p.path))?;
                in_tx = false;
                done += batched;
                batched = 0;
                if let Some(ix) = index.as_mut() {
                    ix.sync(conn).context("search index")?;
                    // A tantivy commit writes a segment: every few seconds
                    // is enough, since a lost tail is re-read from SQLite.
                    if index_committed.elapsed() >= INDEX_COMMIT_TIME {
                        ix.commit().context("search index")?;
                        index_committed = std::time::Instant::now();
                    }
                }
                progress(&w.progress(done, total_now()));
            }
            Ok(())
        },
    )?;
    if in_tx {
        w.flush_counts(conn)?;
        conn.execute_batch("COMMIT")
            .context("committing the last batch")?;
        done += batched;
    }
    if let Some(mut ix) = index {
        ix.sync(conn).context("search index")?;
        ix.finish().context("search index")?;
    }
    if in_tx {
        progress(&w.progress(done, total_now()));
    }
    w.summary.inputs = total_now();
    store.meta_set("last_ingest", &crate::now_utc())?;
    Ok(w.summary)
}

/// The ingest writer's connection settings, restored when dropped.
///
/// - Foreign keys are not enforced: the writer inserts every parent row
///   (document, article, entity, event) before the rows that refer to it,
///   in the same transaction, so the checks can never fail there; they cost
///   a b-tree probe per reference, about twenty per document. Other
///   connections, and this one afterwards, still enforce them.
/// - A page cache of `WRITER_CACHE_KIB` instead of SQLite's 2 MiB: the
///   indexes the writer inserts into at random places (content hashes,
///   event ids) then stay in memory instead of being read back from the
///   file.
struct WriterSettings<'c>(&'c Connection, i64);

/// Page cache of the ingest writer, in KiB.
const WRITER_CACHE_KIB: i64 = 32 * 1024;

impl<'c> WriterSettings<'c> {
    fn new(conn: &'c Connection) -> Result<WriterSettings<'c>> {
        let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        conn.pragma_update(None, "foreign_keys", "OFF")?;
        conn.pragma_update(None, "cache_size", -WRITER_CACHE_KIB)?;
        Ok(WriterSettings(conn, cache))
    }
}

impl Drop for WriterSettings<'_> {
    fn drop(&mut self) {
        let _ = self.0.pragma_update(None, "foreign_keys", "ON");
        let _ = self.0.pragma_update(None, "cache_size", self.1);
    }
}

/// Entries the writer's id caches hold before they are emptied (memory
/// stays bounded whatever the corpus).
const ID_CACHE: usize = 200_000;

/// Longest time between two commits of the search index during ingest.
const INDEX_COMMIT_TIME: std::time::Duration = std::time::Duration::from_secs(30);

/// Documents per transaction during ingest (see `ingest`).
const BATCH: usize = 1000;
/// Longest time a batch stays open before it is committed and reported.
const BATCH_TIME: std::time::Duration = std::time::Duration::from_secs(1);

/// Re-runs the pipeline over the stored snapshots alone and rebuilds every
/// derived table (articles, entities, events, outcomes, the search index) in
/// one transaction: on failure the store is left as it was.
pub fn reanalyze(
    store: &mut Store,
    pl: &Pipeline,
    threads: usize,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Summary> {
    let db = store.dir().join(crate::DB_FILE);
    let conn = &store.conn;
    let docs: Vec<(i64, String, String, i64, String)> = {
        let mut st = conn.prepare(
            "SELECT id, name, source_path, size, compression FROM documents ORDER BY id",
        )?;
        let v = st
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        v
    };
    let total = docs.len();
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let r = (|| -> Result<Summary> {
        for t in crate::DERIVED {
            // Rejections of inputs that never became documents (unreadable
            // paths) have no snapshot to re-run: they stay.
            let keep = if *t == "outcomes" {
                " WHERE doc_id IS NOT NULL"
            } else {
                ""
            };
            conn.execute(&format!("DELETE FROM {t}{keep}"), [])?;
        }
        // Articles are renumbered: the search index is rebuilt (see `search`).
        crate::meta_put(
            conn,
            "search_generation",
            &(crate::search::generation(conn)? + 1).to_string(),
        )?;
        let mut w = Writer::new(conn)?;
        let mut done = 0usize;
        let reader_err: Mutex<Option<anyhow::Error>> = Mutex::new(None);
        run_parallel(
            pl,
            None,
            threads_or_default(threads),
            |send| {
                // The feeder cannot return an error: it leaves it for the caller.
                let fail = |e: anyhow::Error| {
                    if let Ok(mut g) = reader_err.lock() {
                        *g = Some(e);
                    }
                };
                let rd = match Connection::open_with_flags(
                    &db,
                    rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
                ) {
                    Ok(c) => c,
                    Err(e) => return fail(e.into()),
                };
                let reader = crate::Store {
                    conn: rd,
                    dir: PathBuf::new(),
                    search: std::sync::OnceLock::new(),
                };
                for (id, name, path, size, compression) in docs {
                    if compression == crate::IMPORTED {
                        // Imported analyses have no raw bytes to re-run:
                        // they are stored again as they were imported.
                        let items = match reader.imported(id) {
                            Ok(i) => i,
                            Err(e) => return fail(e),
                        };
                        if !send(Job::Analysed {
                            doc_id: Some(id),
                            name,
                            path,
                            sha256: String::new(),
                            size: usize::try_from(size).unwrap_or(0),
                            items,
                        }) {
                            return;
                        }
                        continue;
                    }
                    let raw = match reader.raw(id) {
                        Ok(r) => r,
                        Err(e) => return fail(e),
                    };
                    if !send(Job::Stored {
                        doc_id: id,
                        name,
                        path,
                        size: usize::try_from(size).unwrap_or(0),
                        raw,
                    }) {
                        return;
                    }
                }
            },
            |p| {
                w.write(conn, &p)
                    .with_context(|| format!("{}: storing", p.path))?;
                done += 1;
                progress(&w.progress(done, total));
                Ok(())
            },
        )?;
        if let Some(e) = reader_err.lock().ok().and_then(|mut g| g.take()) {
            return Err(e.context("reading snapshots"));
        }
        w.flush_counts(conn)?;
        w.summary.inputs = total;
        Ok(w.summary)
    })();
    match r {
        Ok(s) => {
            conn.execute_batch("COMMIT")?;
            store.meta_set("last_reanalyze", &crate::now_utc())?;
            store.sync_search().context("rebuilding the search index")?;
            Ok(s)
        }
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{char_span, host};
    use shiju_core::CharIndex;

    #[test]
    fn char_spans() {
        let t = "中国a美国";
        let ci = CharIndex::new(t);
        assert_eq!(char_span(t, &ci, 1, 4), Some("国a美"));
        assert_eq!(char_span(t, &ci, 0, 5), Some("中国a美国"));
        assert_eq!(char_span(t, &ci, 5, 5), Some(""));
        assert_eq!(char_span(t, &ci, 4, 6), None);
        assert_eq!(char_span(t, &ci, 2, 1), None);
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host("https://CN.NYTimes.com/world/1").as_deref(),
            Some("cn.nytimes.com")
        );
        assert_eq!(host("example.org?q=1").as_deref(), Some("example.org"));
        assert_eq!(host(""), None);
    }
}
