//! Ingestion: worker threads read, hash, compress and analyse inputs
//! (`prepare`, run by `parallel`); one writer (the calling thread, the
//! store's only connection) inserts the documents in input order, in
//! batched transactions (`writer`). `reanalyze` re-runs the same path over
//! the stored snapshots.

mod parallel;
mod prepare;
mod reanalyze;
mod writer;

pub(crate) use prepare::decode_analysed;
pub use reanalyze::reanalyze;

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context as _, Result};
use shiju_core::Analysis;
use shiju_pipeline::Pipeline;

use crate::Store;
use parallel::run_parallel;
use prepare::Job;
use writer::{Writer, WriterSettings};

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

fn threads_or_default(threads: usize) -> usize {
    if threads > 0 {
        threads
    } else {
        std::thread::available_parallelism().map_or(2, |n| n.get())
    }
}

/// Ingests `inputs` into `store` in input order, in batched transactions
/// (see `BATCH`); `progress` is called after each committed batch.
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
    // The writer hands the articles it stores to the index (see
    // `Indexer::sync_written`) instead of the index reading them back.
    w.index = index.as_ref().map(|ix| ix.written());
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
                if let Some(written) = w.index.as_mut() {
                    written.clear();
                }
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
                if let (Some(ix), Some(written)) = (index.as_mut(), w.index.as_mut()) {
                    ix.sync_written(conn, written).context("search index")?;
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
        match w.index.as_mut() {
            Some(written) => ix.sync_written(conn, written),
            None => ix.sync(conn),
        }
        .context("search index")?;
        ix.finish().context("search index")?;
    }
    if in_tx {
        progress(&w.progress(done, total_now()));
    }
    w.summary.inputs = total_now();
    store.meta_set("last_ingest", &crate::now_utc())?;
    Ok(w.summary)
}

/// Longest time between two commits of the search index during ingest.
const INDEX_COMMIT_TIME: std::time::Duration = std::time::Duration::from_secs(30);

/// Documents per transaction during ingest (see `ingest`).
const BATCH: usize = 1000;
/// Longest time a batch stays open before it is committed and reported.
const BATCH_TIME: std::time::Duration = std::time::Duration::from_secs(1);
