//! The worker pool: jobs in, prepared inputs out, handed to the writer in
//! job order.

use std::collections::BTreeMap;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};

use anyhow::Result;
use shiju_pipeline::Pipeline;

use super::prepare::{prepare, Job, Known, Prep, Prepared};

/// Runs `jobs` through `threads` workers and hands each result, in job
/// order, to `write`.
pub(super) fn run_parallel(
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
