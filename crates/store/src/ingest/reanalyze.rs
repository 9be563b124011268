//! Re-running the pipeline over the stored snapshots.

use std::path::PathBuf;
use std::sync::Mutex;

use anyhow::{Context as _, Result};
use rusqlite::Connection;
use shiju_pipeline::Pipeline;

use super::prepare::Job;
use super::{run_parallel, threads_or_default, Progress, Summary, Writer};
use crate::Store;

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
                    read_only: true,
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
