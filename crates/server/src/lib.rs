//! shiju-server: `shiju serve` — a JSON API over the store, the web
//! dashboard (embedded assets, works offline) and full-text Atom feeds.
//!
//! * Reads run on tokio's blocking pool, each on a connection taken from a
//!   small pool of store connections (SQLite in WAL mode: readers never wait
//!   for the writer); uploads go through one writer connection, one at a time.
//! * Every error is JSON, `{"error": "..."}` (including 404, 405 and 413).
//! * `POST /api/documents` needs the token given with `--token` or
//!   `SHIJU_TOKEN`; without one configured, uploads are refused.
//! * Untrusted text (titles, bodies, evidence) only ever leaves as JSON or as
//!   escaped XML; the dashboard builds its DOM with `textContent`.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::{Context as _, Result};
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::Query;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::{Json, Router};
use serde_json::{json, Value};
use shiju_pipeline::Pipeline;
use shiju_store::names::Names;
use shiju_store::query::Span;
use shiju_store::Store;

mod article;
mod assets;
pub mod atom;
mod conn;
pub use conn::Limits;
mod feeds;
mod guard;
mod routes;
mod upload;

/// Where `shiju serve` listens unless told otherwise (loopback only).
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";
/// Default cap on a request body (`--max-body`), in bytes.
pub const DEFAULT_MAX_BODY: usize = 16 * 1024 * 1024;
/// Environment variable holding the upload token.
pub const TOKEN_ENV: &str = "SHIJU_TOKEN";
/// The OpenAPI 3.1 description of every route in [`ROUTES`].
pub const OPENAPI: &str = include_str!("../openapi.json");

/// Largest `limit` any list endpoint returns.
const MAX_LIMIT: usize = 10_000;

/// Settings of one server.
#[derive(Debug, Clone)]
pub struct Config {
    /// The data folder holding the store (created if missing).
    pub data: PathBuf,
    pub addr: SocketAddr,
    /// Upload token; `None` refuses every upload.
    pub token: Option<String>,
    /// Largest request body accepted (413 above).
    pub max_body: usize,
    /// Pipeline for uploaded documents (and script normalisation of searches).
    pub pipeline: shiju_pipeline::Options,
    /// Analysis threads for uploads (0 = one per core).
    pub threads: usize,
    /// The server's address as clients reach it (`https://news.example.org`),
    /// for absolute links in Atom feeds; by default `http://` + the bound
    /// address. The request's `Host` header is never used.
    pub public_url: Option<String>,
    /// Connection limits: header-read/idle timeout, open connections.
    pub limits: Limits,
}

impl Config {
    /// Defaults: loopback:8080, no token, 16 MiB bodies, built-in lexicons.
    pub fn new(data: PathBuf) -> Config {
        Config {
            data,
            addr: DEFAULT_ADDR.parse().expect("valid default address"),
            token: None,
            max_body: DEFAULT_MAX_BODY,
            pipeline: shiju_pipeline::Options::default(),
            threads: 1,
            public_url: None,
            limits: Limits::default(),
        }
    }
}

/// The API's routes: (method, path as in the OpenAPI document). The router
/// is built from this list and a test checks it against [`OPENAPI`].
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/events"),
    ("GET", "/api/relations"),
    ("GET", "/api/timeline"),
    ("GET", "/api/map"),
    ("GET", "/api/network"),
    ("GET", "/api/search"),
    ("GET", "/api/articles/{id}"),
    ("GET", "/api/entities"),
    ("GET", "/api/outcomes"),
    ("GET", "/api/outlets"),
    ("GET", "/api/names"),
    ("GET", "/api/stats"),
    ("GET", "/api/openapi.json"),
    ("POST", "/api/documents"),
    ("GET", "/feeds/actor/{feed}"),
    ("GET", "/feeds/dyad/{feed}"),
    ("GET", "/feeds/search.atom"),
];

type Shared = Arc<App>;

struct App {
    dir: PathBuf,
    readers: Mutex<Vec<Store>>,
    writer: Mutex<Store>,
    pipeline: Pipeline,
    /// Names beside codes and map points, from the lexicon.
    names: Names,
    token: Option<String>,
    max_body: usize,
    threads: usize,
    /// `http://host[:port]` for absolute links in feeds (never the request's
    /// `Host` header).
    base_url: String,
}

/// An error answered as `{"error": message}` with `status`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }
    fn bad(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
    fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }
}

/// An internal error: the whole chain goes to the server's log (standard
/// error), the client gets a short message without internals.
impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> ApiError {
        eprintln!("shiju serve: internal error: {e:#}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error (the details are in the server's log)",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (self.status, Json(json!({ "error": self.message }))).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"shiju\""),
            );
        }
        r
    }
}

type ApiResult<T> = Result<T, ApiError>;

impl App {
    /// Runs `f` on a pooled read connection, off the async runtime.
    async fn read<T, F>(self: &Arc<Self>, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store, &Pipeline, &Names) -> ApiResult<T> + Send + 'static,
    {
        let app = self.clone();
        tokio::task::spawn_blocking(move || {
            let store = match app.readers.lock().ok().and_then(|mut p| p.pop()) {
                Some(s) => s,
                None => Store::open_existing(&app.dir)?,
            };
            let r = f(&store, &app.pipeline, &app.names);
            if let Ok(mut p) = app.readers.lock() {
                if p.len() < 8 {
                    p.push(store);
                }
            }
            r
        })
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
    }
}

/// Query parameters, with every error a 400.
struct Params(HashMap<String, String>);

impl Params {
    fn from(q: Result<Query<HashMap<String, String>>, QueryRejection>) -> ApiResult<Params> {
        match q {
            Ok(Query(m)) => Ok(Params(m)),
            Err(e) => Err(ApiError::bad(format!("bad query string: {e}"))),
        }
    }
    fn str(&self, k: &str) -> Option<String> {
        self.0
            .get(k)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }
    fn required(&self, k: &str) -> ApiResult<String> {
        self.str(k)
            .ok_or_else(|| ApiError::bad(format!("missing parameter {k:?}")))
    }
    fn num<T: std::str::FromStr>(&self, k: &str) -> ApiResult<Option<T>> {
        match self.str(k) {
            None => Ok(None),
            Some(v) => v
                .parse()
                .map(Some)
                .map_err(|_| ApiError::bad(format!("{k}={v:?} is not a valid number"))),
        }
    }
    fn limit(&self, default: usize) -> ApiResult<usize> {
        Ok(self
            .num::<usize>("limit")?
            .unwrap_or(default)
            .min(MAX_LIMIT))
    }
    fn span(&self) -> ApiResult<Span> {
        let span = Span {
            from: self.str("from"),
            to: self.str("to"),
        };
        for (k, v) in [("from", &span.from), ("to", &span.to)] {
            if let Some(v) = v {
                if !shiju_store::query::is_date(v) {
                    return Err(ApiError::bad(format!(
                        "{k}={v:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
                    )));
                }
            }
        }
        Ok(span)
    }
}

/// An actor code as stored (`CHN`, `USAGOV`…): letters and digits, 2–12.
fn actor_code(k: &str, v: &str) -> ApiResult<String> {
    let v = v.trim();
    if (2..=12).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(v.to_ascii_uppercase())
    } else {
        Err(ApiError::bad(format!(
            "{k}={v:?} is not an actor code (e.g. CHN)"
        )))
    }
}

fn dyad(k: &str, v: &str) -> ApiResult<(String, String)> {
    let (a, b) = v
        .split_once('-')
        .ok_or_else(|| ApiError::bad(format!("{k}={v:?}: expected SOURCE-TARGET, e.g. CHN-RUS")))?;
    Ok((actor_code(k, a)?, actor_code(k, b)?))
}

/// The `q` of a search: required, at most 200 characters.
fn query_text(p: &Params) -> ApiResult<String> {
    let q = p.required("q")?;
    if q.chars().count() > 200 {
        return Err(ApiError::bad("q: at most 200 characters"));
    }
    Ok(q)
}

fn json_ok(v: Value) -> Response {
    Json(v).into_response()
}

/// The method router of each entry of [`ROUTES`].
fn handler(method: &str, path: &str) -> Option<MethodRouter<Shared>> {
    Some(match (method, path) {
        ("GET", "/api/events") => get(routes::events),
        ("GET", "/api/relations") => get(routes::relations),
        ("GET", "/api/timeline") => get(routes::timeline),
        ("GET", "/api/map") => get(routes::map),
        ("GET", "/api/network") => get(routes::network),
        ("GET", "/api/search") => get(routes::search),
        ("GET", "/api/articles/{id}") => get(routes::article),
        ("GET", "/api/entities") => get(routes::entities),
        ("GET", "/api/outcomes") => get(routes::outcomes),
        ("GET", "/api/outlets") => get(routes::outlets),
        ("GET", "/api/names") => get(routes::names),
        ("GET", "/api/stats") => get(routes::stats),
        ("GET", "/api/openapi.json") => get(routes::openapi),
        ("POST", "/api/documents") => post(upload::upload),
        ("GET", "/feeds/actor/{feed}") => get(feeds::feed_actor),
        ("GET", "/feeds/dyad/{feed}") => get(feeds::feed_dyad),
        ("GET", "/feeds/search.atom") => get(feeds::feed_search),
        _ => return None,
    })
}

/// Turns every error answer that is not JSON yet (axum's own 404, 405,
/// 413, extractor rejections) into `{"error": ...}`, and sets the headers
/// every answer carries.
async fn finish(res: Response) -> Response {
    let (mut parts, body) = res.into_parts();
    let is_json = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let res = if (parts.status.is_client_error() || parts.status.is_server_error()) && !is_json {
        let text = axum::body::to_bytes(body, 64 * 1024)
            .await
            .map(|b| String::from_utf8_lossy(&b).trim().to_string())
            .unwrap_or_default();
        let msg = if text.is_empty() {
            parts
                .status
                .canonical_reason()
                .unwrap_or("error")
                .to_ascii_lowercase()
        } else {
            text
        };
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        Response::from_parts(parts, Body::from(json!({ "error": msg }).to_string()))
    } else {
        Response::from_parts(parts, body)
    };
    let mut res = res;
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
        ),
    );
    res
}

async fn not_found() -> ApiError {
    ApiError::not_found("no such route")
}

fn router(app: Shared) -> Router {
    let mut r = Router::new();
    for (m, p) in ROUTES {
        if let Some(h) = handler(m, p) {
            r = r.route(p, h);
        }
    }
    assets::routes(r)
        .fallback(not_found)
        .layer(axum::extract::DefaultBodyLimit::max(app.max_body))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            guard::guard,
        ))
        .layer(axum::middleware::map_response(finish))
        .with_state(app)
}

/// A server running on its own runtime in a background thread.
pub struct Server {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Result<()>>>,
}

impl Server {
    /// Opens the store, builds the pipeline, binds `cfg.addr` and starts
    /// serving (port 0 picks a free port: see [`Server::addr`]).
    pub fn start(cfg: Config) -> Result<Server> {
        // A store on a read-only file system is served read-only: every
        // query works, uploads are answered 503.
        let writer = Store::open_existing(&cfg.data)
            .with_context(|| format!("opening the store in {}", cfg.data.display()))?;
        let pipeline = Pipeline::new(&cfg.pipeline).context("building the pipeline")?;
        let names = Names::load(cfg.pipeline.lexicon.as_deref()).context("loading the names")?;
        // Two read connections opened now, while nothing writes (opening
        // one records the schema version).
        let readers = vec![
            Store::open_existing(&cfg.data)?,
            Store::open_existing(&cfg.data)?,
        ];
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .max_blocking_threads(16)
            .enable_all()
            .build()
            .context("starting the runtime")?;
        let listener = rt
            .block_on(tokio::net::TcpListener::bind(cfg.addr))
            .with_context(|| format!("binding {}", cfg.addr))?;
        let addr = listener.local_addr()?;
        let app = Arc::new(App {
            dir: cfg.data.clone(),
            readers: Mutex::new(readers),
            writer: Mutex::new(writer),
            pipeline,
            names,
            token: cfg.token.clone().filter(|t| !t.trim().is_empty()),
            max_body: cfg.max_body,
            threads: cfg.threads,
            base_url: cfg
                .public_url
                .clone()
                .map(|u| u.trim_end_matches('/').to_string())
                .unwrap_or_else(|| format!("http://{addr}")),
        });
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let limits = cfg.limits;
        let thread = std::thread::Builder::new()
            .name("shiju-serve".into())
            .spawn(move || -> Result<()> {
                rt.block_on(conn::serve(listener, router(app), limits, rx));
                Ok(())
            })?;
        Ok(Server {
            addr,
            stop: Some(tx),
            thread: Some(thread),
        })
    }

    /// The address actually bound.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting connections and waits for the server to end.
    pub fn stop(mut self) -> Result<()> {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        self.join()
    }

    fn join(&mut self) -> Result<()> {
        match self.thread.take() {
            Some(t) => t
                .join()
                .map_err(|_| anyhow::anyhow!("the server thread panicked"))?,
            None => Ok(()),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        let _ = self.join();
    }
}

/// `shiju serve`: serves until Ctrl-C (or SIGTERM).
pub fn serve(cfg: Config) -> Result<()> {
    let data = cfg.data.display().to_string();
    let loopback = cfg.addr.ip().is_loopback();
    let uploads = cfg.token.as_deref().is_some_and(|t| !t.trim().is_empty());
    let mut server = Server::start(cfg)?;
    eprintln!(
        "shiju serve: http://{}/ (data {data}; uploads {})",
        server.addr(),
        if uploads {
            "need the token"
        } else {
            "disabled: no token"
        }
    );
    if !loopback {
        eprintln!("shiju serve: warning: listening beyond this machine (not a loopback address)");
    }
    let stop = server.stop.take();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        #[cfg(unix)]
        {
            let mut term =
                tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
        }
        #[cfg(not(unix))]
        tokio::signal::ctrl_c().await?;
        anyhow::Ok(())
    })?;
    if let Some(tx) = stop {
        let _ = tx.send(());
    }
    server.join()
}

#[cfg(test)]
mod tests {
    use super::*;
    use shiju_store::query::is_date;

    #[test]
    fn dates() {
        assert!(is_date("2024"));
        assert!(is_date("2024-05"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2024-13"));
        assert!(!is_date("yesterday"));
        assert!(!is_date("2024-1-1"));
    }

    /// An internal error reaches the client as a short message: the chain
    /// (paths, SQL, column names) stays in the server's log.
    #[test]
    fn internal_errors_answer_without_their_chain() {
        let e = anyhow::anyhow!("no such table: event_mentions")
            .context("reading /var/lib/shiju/shiju.db");
        let r = ApiError::from(e).into_response();
        assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let err = ApiError::from(anyhow::anyhow!("x").context("/secret/path"));
        assert!(!err.message.contains("secret"), "{}", err.message);
        assert!(err.message.contains("server's log"), "{}", err.message);
    }

    #[test]
    fn every_route_has_a_handler() {
        for (m, p) in ROUTES {
            assert!(handler(m, p).is_some(), "{m} {p}");
        }
    }
}
