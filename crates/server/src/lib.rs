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
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::{Json, Router};
use serde_json::{json, Value};
use shiju_pipeline::Pipeline;
use shiju_store::query::{By, EventFilter, Span};
use shiju_store::Store;

mod assets;
pub mod atom;
mod guard;

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
        }
    }
}

/// The API's routes: (method, path as in the OpenAPI document). The router
/// is built from this list and a test checks it against [`OPENAPI`].
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/events"),
    ("GET", "/api/relations"),
    ("GET", "/api/network"),
    ("GET", "/api/search"),
    ("GET", "/api/articles/{id}"),
    ("GET", "/api/entities"),
    ("GET", "/api/outcomes"),
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
        F: FnOnce(&Store, &Pipeline) -> ApiResult<T> + Send + 'static,
    {
        let app = self.clone();
        tokio::task::spawn_blocking(move || {
            let store = match app.readers.lock().ok().and_then(|mut p| p.pop()) {
                Some(s) => s,
                None => Store::open(&app.dir)?,
            };
            let r = f(&store, &app.pipeline);
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

fn json_ok(v: Value) -> Response {
    Json(v).into_response()
}

async fn events(
    State(app): State<Shared>,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Response> {
    let p = Params::from(q)?;
    let f = EventFilter {
        span: p.span()?,
        actor: p
            .str("actor")
            .map(|a| actor_code("actor", &a))
            .transpose()?,
        dyad: p.str("dyad").map(|d| dyad("dyad", &d)).transpose()?,
        root: match p.str("root") {
            Some(r) if r.len() <= 2 && r.bytes().all(|b| b.is_ascii_digit()) => Some(r),
            Some(r) => {
                return Err(ApiError::bad(format!(
                    "root={r:?}: a CAMEO root is 01 to 20"
                )))
            }
            None => None,
        },
        code: match p.str("code") {
            Some(c) if c.len() <= 4 && c.bytes().all(|b| b.is_ascii_digit()) => Some(c),
            Some(c) => return Err(ApiError::bad(format!("code={c:?} is not a CAMEO code"))),
            None => None,
        },
        quad: match p.num::<u8>("quad")? {
            Some(q) if !(1..=4).contains(&q) => {
                return Err(ApiError::bad(format!("quad={q}: quad classes are 1 to 4")))
            }
            q => q,
        },
        limit: Some(p.limit(500)?),
    };
    app.read(move |s, _| {
        Ok(json_ok(
            shiju_store::api::events_with_articles(s, &f)?.to_json(),
        ))
    })
    .await
}

async fn relations(
    State(app): State<Shared>,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Response> {
    let p = Params::from(q)?;
    let a = actor_code("a", &p.required("a")?)?;
    let b = actor_code("b", &p.required("b")?)?;
    let by: By = match p.str("by") {
        Some(v) => v
            .parse()
            .map_err(|e: String| ApiError::bad(format!("by: {e}")))?,
        None => By::Month,
    };
    let span = p.span()?;
    app.read(move |s, _| {
        let r = shiju_store::query::relations(s, &a, &b, by, &span)?;
        Ok(json_ok(json!({
            "a": a,
            "b": b,
            "by": match by { By::Day => "day", By::Week => "week", By::Month => "month" },
            "periods": r.periods,
            "goldstein_mean": r.means,
            "rows": r.rows.to_json(),
        })))
    })
    .await
}

async fn network(
    State(app): State<Shared>,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Response> {
    let p = Params::from(q)?;
    let span = p.span()?;
    let min = p.num::<usize>("min")?.unwrap_or(1);
    app.read(move |s, _| {
        Ok(json_ok(
            shiju_store::query::network(s, &span, min)?.to_json(),
        ))
    })
    .await
}

/// The search snippet (`…before«hit»after…`) as plain text and the character
/// ranges of its hits.
fn split_snippet(s: &str) -> (String, Vec<[usize; 2]>) {
    let mut text = String::with_capacity(s.len());
    let mut marks = Vec::new();
    let mut n = 0usize;
    let mut open: Option<usize> = None;
    for c in s.chars() {
        match c {
            '«' if open.is_none() => open = Some(n),
            '»' if open.is_some() => {
                if let Some(o) = open.take() {
                    marks.push([o, n]);
                }
            }
            _ => {
                text.push(c);
                n += 1;
            }
        }
    }
    (text, marks)
}

/// The `q` of a search: required, at most 200 characters.
fn query_text(p: &Params) -> ApiResult<String> {
    let q = p.required("q")?;
    if q.chars().count() > 200 {
        return Err(ApiError::bad("q: at most 200 characters"));
    }
    Ok(q)
}

async fn search(
    State(app): State<Shared>,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Response> {
    let p = Params::from(q)?;
    let text = query_text(&p)?;
    let limit = p.limit(20)?;
    let span = p.span()?;
    app.read(move |s, pl| {
        let norm = pl.normalizer().normalize_str(&text);
        let rows = shiju_store::query::search(s, &text, Some(&norm), &span, limit)?;
        let mut out = rows.to_json();
        if let Value::Array(items) = &mut out {
            for it in items.iter_mut() {
                if let Some(obj) = it.as_object_mut() {
                    let snip = obj.get("snippet").and_then(Value::as_str).unwrap_or("");
                    let (t, marks) = split_snippet(snip);
                    obj.insert("snippet_text".into(), json!(t));
                    obj.insert("highlights".into(), json!(marks));
                }
            }
        }
        Ok(json_ok(out))
    })
    .await
}

async fn article(State(app): State<Shared>, Path(id): Path<String>) -> ApiResult<Response> {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::bad(format!("{id:?} is not an article id")))?;
    app.read(move |s, _| match shiju_store::api::article_json(s, id)? {
        Some(v) => Ok(json_ok(v)),
        None => Err(ApiError::not_found(format!("no article {id}"))),
    })
    .await
}

async fn entities(
    State(app): State<Shared>,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Response> {
    let p = Params::from(q)?;
    let text = p.str("q");
    let limit = p.limit(100)?;
    app.read(move |s, _| {
        Ok(json_ok(
            shiju_store::api::entities(s, text.as_deref(), limit)?.to_json(),
        ))
    })
    .await
}

async fn outcomes(
    State(app): State<Shared>,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Response> {
    let p = Params::from(q)?;
    let status = match p.str("status").as_deref() {
        None => None,
        Some(s @ ("article" | "rejected")) => Some(s.to_string()),
        Some(s) => {
            return Err(ApiError::bad(format!(
                "status={s:?}: expected article or rejected"
            )))
        }
    };
    let limit = p.limit(500)?;
    app.read(move |s, _| {
        Ok(json_ok(
            shiju_store::api::outcomes(s, status.as_deref(), limit)?.to_json(),
        ))
    })
    .await
}

async fn stats(State(app): State<Shared>) -> ApiResult<Response> {
    app.read(|s, _| Ok(json_ok(shiju_store::api::stats(s)?)))
        .await
}

async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        OPENAPI.to_string(),
    )
        .into_response()
}

/// Byte-wise comparison whose time does not depend on where they differ.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn check_token(app: &App, headers: &HeaderMap) -> ApiResult<()> {
    let Some(expected) = &app.token else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!("uploads are disabled: start shiju serve with --token or {TOKEN_ENV}"),
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .or_else(|| headers.get("x-shiju-token").and_then(|v| v.to_str().ok()));
    match given {
        Some(t) if same_secret(t.trim().as_bytes(), expected.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::new(StatusCode::UNAUTHORIZED, "wrong token")),
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "missing token: send Authorization: Bearer <token>",
        )),
    }
}

/// A safe document name from `?name=`: its last path component, printable.
fn upload_name(raw: Option<String>) -> String {
    let n = raw.unwrap_or_default();
    let last = n.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = last.chars().filter(|c| !c.is_control()).take(200).collect();
    let clean = clean.trim().trim_start_matches('.').to_string();
    if clean.is_empty() {
        "upload".to_string()
    } else {
        clean
    }
}

async fn upload(
    State(app): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
    body: Body,
) -> ApiResult<Response> {
    // The token is checked before a byte of the body is read.
    check_token(&app, &headers)?;
    let p = Params::from(q)?;
    let name = upload_name(p.str("name"));
    let bytes = axum::body::to_bytes(body, app.max_body)
        .await
        .map_err(|e| {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "request body over the limit of {} bytes ({e})",
                    app.max_body
                ),
            )
        })?;
    if bytes.is_empty() {
        return Err(ApiError::bad("empty body: send the raw document bytes"));
    }
    let app2 = app.clone();
    tokio::task::spawn_blocking(move || -> ApiResult<Response> {
        use sha2::Digest as _;
        let sha: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let mut store = app2
            .writer
            .lock()
            .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "writer poisoned"))?;
        let mut rejections = Vec::new();
        let summary = shiju_store::ingest(
            &mut store,
            &app2.pipeline,
            vec![shiju_store::Input::Bytes {
                name: name.clone(),
                path: format!("upload:{name}"),
                bytes: bytes.to_vec(),
            }],
            app2.threads,
            &mut |p| {
                rejections.extend(
                    p.rejections
                        .iter()
                        .map(|(w, r)| json!({"item": w, "reason": r})),
                )
            },
        )?;
        let doc = shiju_store::api::document_by_sha(&store, &sha)?;
        let (status, code) = if summary.ingested > 0 {
            ("ingested", StatusCode::CREATED)
        } else if summary.duplicate > 0 {
            ("duplicate", StatusCode::OK)
        } else {
            ("rejected", StatusCode::UNPROCESSABLE_ENTITY)
        };
        let mut v = json!({
            "status": status,
            "name": name,
            "sha256": sha,
            "document": doc.as_ref().map(|d| d.0),
            "articles": doc.map(|d| d.2).unwrap_or_default(),
            "rejections": rejections,
            "summary": {
                "ingested": summary.ingested,
                "duplicate": summary.duplicate,
                "rejected": summary.rejected,
                "articles": summary.articles,
                "event_mentions": summary.event_mentions,
                "new_events": summary.new_events,
            },
        });
        if status == "rejected" {
            v["error"] = json!("the document was rejected: no article could be extracted");
        }
        Ok((code, Json(v)).into_response())
    })
    .await
    .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
}

fn feed_name<'a>(feed: &'a str, what: &str) -> ApiResult<&'a str> {
    feed.strip_suffix(".atom")
        .ok_or_else(|| ApiError::not_found(format!("{what} feeds end in .atom (e.g. CHN.atom)")))
}

fn atom_response(xml: String) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/atom+xml; charset=utf-8"),
        )],
        xml,
    )
        .into_response()
}

async fn feed_actor(State(app): State<Shared>, Path(feed): Path<String>) -> ApiResult<Response> {
    let code = actor_code("actor", feed_name(&feed, "actor")?)?;
    let base = app.base_url.clone();
    app.read(move |s, _| {
        let arts = shiju_store::api::feed_articles(
            s,
            &shiju_store::api::FeedSelect::Actor(code.clone()),
            100,
        )?;
        Ok(atom_response(atom::feed(
            &atom::FeedMeta {
                id: format!("urn:shiju:feed:actor:{code}"),
                title: format!("shiju: events of {code}"),
                self_url: format!("{base}/feeds/actor/{code}.atom"),
                base,
            },
            &arts,
        )))
    })
    .await
}

async fn feed_dyad(State(app): State<Shared>, Path(feed): Path<String>) -> ApiResult<Response> {
    let (a, b) = dyad("dyad", feed_name(&feed, "dyad")?)?;
    let base = app.base_url.clone();
    app.read(move |s, _| {
        let arts = shiju_store::api::feed_articles(
            s,
            &shiju_store::api::FeedSelect::Dyad(a.clone(), b.clone()),
            100,
        )?;
        Ok(atom_response(atom::feed(
            &atom::FeedMeta {
                id: format!("urn:shiju:feed:dyad:{a}-{b}"),
                title: format!("shiju: {a}–{b} relations"),
                self_url: format!("{base}/feeds/dyad/{a}-{b}.atom"),
                base,
            },
            &arts,
        )))
    })
    .await
}

/// Percent-encodes a query value.
fn encode_query(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

async fn feed_search(
    State(app): State<Shared>,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Response> {
    let p = Params::from(q)?;
    let text = query_text(&p)?;
    let base = app.base_url.clone();
    app.read(move |s, pl| {
        let norm = pl.normalizer().normalize_str(&text);
        let hits = shiju_store::query::search(s, &text, Some(&norm), &Span::default(), 100)?;
        let ids: Vec<i64> = hits
            .rows
            .iter()
            .filter_map(|r| r.first().and_then(Value::as_i64))
            .collect();
        let arts =
            shiju_store::api::feed_articles(s, &shiju_store::api::FeedSelect::Ids(ids), 100)?;
        let enc = encode_query(&text);
        Ok(atom_response(atom::feed(
            &atom::FeedMeta {
                id: format!("urn:shiju:feed:search:{enc}"),
                title: format!("shiju: search «{text}»"),
                self_url: format!("{base}/feeds/search.atom?q={enc}"),
                base,
            },
            &arts,
        )))
    })
    .await
}

/// The method router of each entry of [`ROUTES`].
fn handler(method: &str, path: &str) -> Option<MethodRouter<Shared>> {
    Some(match (method, path) {
        ("GET", "/api/events") => get(events),
        ("GET", "/api/relations") => get(relations),
        ("GET", "/api/network") => get(network),
        ("GET", "/api/search") => get(search),
        ("GET", "/api/articles/{id}") => get(article),
        ("GET", "/api/entities") => get(entities),
        ("GET", "/api/outcomes") => get(outcomes),
        ("GET", "/api/stats") => get(stats),
        ("GET", "/api/openapi.json") => get(openapi),
        ("POST", "/api/documents") => post(upload),
        ("GET", "/feeds/actor/{feed}") => get(feed_actor),
        ("GET", "/feeds/dyad/{feed}") => get(feed_dyad),
        ("GET", "/feeds/search.atom") => get(feed_search),
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
        let writer = Store::open(&cfg.data)
            .with_context(|| format!("opening the store in {}", cfg.data.display()))?;
        let pipeline = Pipeline::new(&cfg.pipeline).context("building the pipeline")?;
        // Two read connections opened now, while nothing writes (opening
        // one records the schema version).
        let readers = vec![Store::open(&cfg.data)?, Store::open(&cfg.data)?];
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
        let thread = std::thread::Builder::new()
            .name("shiju-serve".into())
            .spawn(move || -> Result<()> {
                rt.block_on(async move {
                    axum::serve(listener, router(app))
                        .with_graceful_shutdown(async move {
                            let _ = rx.await;
                        })
                        .await
                })?;
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

    #[test]
    fn snippets_split() {
        let (t, m) = split_snippet("…中国«外交»部«外交»");
        assert_eq!(t, "…中国外交部外交");
        assert_eq!(m, vec![[3, 5], [6, 8]]);
    }

    #[test]
    fn names_and_secrets() {
        assert_eq!(upload_name(Some("../../etc/passwd".into())), "passwd");
        assert_eq!(upload_name(Some("..".into())), "upload");
        assert_eq!(upload_name(None), "upload");
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abc", b"abd"));
        assert!(!same_secret(b"abc", b"ab"));
    }

    #[test]
    fn every_route_has_a_handler() {
        for (m, p) in ROUTES {
            assert!(handler(m, p).is_some(), "{m} {p}");
        }
    }
}
