//! The accept loop: one HTTP/1.1 connection task per client, each with a
//! header-read timeout that also bounds how long an idle keep-alive
//! connection stays open, and a cap on open connections.
//!
//! `axum::serve` sets no timers, so a client that opens a connection and
//! sends nothing — or half a request line — would hold it forever. Here
//! hyper closes a connection whose request headers have not all arrived
//! [`Limits::header_timeout`] after it was opened or after its previous
//! answer was sent. Request bodies and handlers are bounded by the request
//! guard (`guard.rs`).

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{oneshot, watch, Semaphore};

/// Connection limits of one server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Longest wait for a complete set of request headers, counted from the
    /// connection's opening or from its previous answer (idle time).
    pub header_timeout: Duration,
    /// Most connections open at once; further clients wait in the kernel's
    /// accept queue until one closes.
    pub max_connections: usize,
    /// How long a stopping server lets open requests finish.
    pub drain: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(10),
            max_connections: 256,
            drain: Duration::from_secs(5),
        }
    }
}

/// Serves `app` on `listener` until `stop` fires, then lets open requests
/// finish for at most `limits.drain`.
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    mut stop: oneshot::Receiver<()>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    // Dropping `closing` tells every connection task to shut down.
    let (closing, closed) = watch::channel(());
    loop {
        let permit = tokio::select! {
            _ = &mut stop => break,
            p = slots.clone().acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
        };
        let io = tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok((io, _)) => io,
                Err(e) => {
                    // Out of file descriptors and the like: wait, go on.
                    eprintln!("shiju serve: accepting a connection failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let service = TowerToHyperService::new(app.clone());
        let mut closed = closed.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout);
            let conn = builder.serve_connection(TokioIo::new(io), service);
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = closed.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(limits.drain, conn.as_mut()).await;
                }
            }
        });
    }
    drop(closing);
    // Wait until every connection task has given its slot back.
    let all = u32::try_from(limits.max_connections.max(1)).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(limits.drain, slots.acquire_many(all)).await;
}
