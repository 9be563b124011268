//! `shiju watch URL...`: polls RSS / Atom feeds over HTTP and ingests their
//! new items.
//!
//! Per feed the store keeps (table `feeds`) the ETag and Last-Modified of the
//! last good response, sent back as If-None-Match / If-Modified-Since: a 304
//! costs nothing. A 200 is ingested through the normal ingest path with the
//! URL as the source; items the store already has (same article URL, or same
//! title and body from this feed) are skipped, so a changed feed adds only
//! its new items. Errors (refused connections, timeouts, HTTP errors, bodies
//! that are not feeds) are logged naming the URL and back off per feed:
//! `interval × 2^errors`, at most 6 hours. One feed's error never stops the
//! others.

use std::io::Read as _;
use std::time::Duration;

use anyhow::Result;
use shiju_pipeline::Pipeline;
use shiju_store::feeds::Feed;
use shiju_store::{IngestOptions, Input, Store};

/// Longest backoff.
const MAX_BACKOFF_SECS: u64 = 6 * 3600;
/// Timeout of one request (connect + headers + body).
const TIMEOUT: Duration = Duration::from_secs(60);

pub struct WatchOptions {
    pub urls: Vec<String>,
    pub interval_secs: u64,
    pub once: bool,
    pub max_errors: Option<u32>,
    pub max_bytes: usize,
    pub threads: usize,
}

/// What one poll did.
#[derive(Debug, PartialEq, Eq)]
enum Polled {
    NotModified,
    Fetched { new_articles: usize, seen: usize },
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

fn stamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn parse_stamp(s: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%SZ")
        .ok()
        .map(|t| t.and_utc())
}

/// Seconds to wait after the `errors`-th consecutive error.
pub fn backoff_secs(interval: u64, errors: u32) -> u64 {
    let factor = 1u64.checked_shl(errors.min(63)).unwrap_or(u64::MAX);
    interval.max(1).saturating_mul(factor).min(MAX_BACKOFF_SECS)
}

/// A document name for the feed at `url`: its last path segment, else its host.
fn feed_name(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.split(['?', '#']).next().unwrap_or(rest);
    let mut parts = path.split('/').filter(|s| !s.is_empty());
    let host = parts.next().unwrap_or("feed").to_string();
    parts.next_back().map(str::to_string).unwrap_or(host)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .user_agent(concat!(
            "shiju/",
            env!("CARGO_PKG_VERSION"),
            " (feed watcher)"
        ))
        .build()
        .into()
}

/// Polls `f` once; `Err` is the cause of a failed poll (the state is
/// updated by the caller).
fn poll(
    agent: &ureq::Agent,
    store: &mut Store,
    pl: &Pipeline,
    f: &mut Feed,
    o: &WatchOptions,
) -> Result<Polled, String> {
    // (stays `None` when no response arrives: refused, timed out)
    f.last_status = None;
    let mut req = agent.get(&f.url);
    if let Some(e) = &f.etag {
        req = req.header("If-None-Match", e);
    }
    if let Some(m) = &f.last_modified {
        req = req.header("If-Modified-Since", m);
    }
    let mut resp = req.call().map_err(|e| e.to_string())?;
    let status = resp.status().as_u16();
    f.last_status = Some(status);
    if status == 304 {
        return Ok(Polled::NotModified);
    }
    if !(200..300).contains(&status) {
        let reason = resp.status().canonical_reason().unwrap_or("");
        return Err(format!("HTTP {status} {reason}").trim_end().to_string());
    }
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (etag, last_modified) = (header("etag"), header("last-modified"));
    let mut bytes = Vec::new();
    let cap = o.max_bytes as u64;
    resp.body_mut()
        .as_reader()
        .take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("reading the response: {e}"))?;
    if bytes.len() as u64 > cap {
        return Err(format!("response larger than {cap} bytes (--max-bytes)"));
    }
    let mut reasons = Vec::new();
    let s = shiju_store::ingest_with(
        store,
        pl,
        vec![Input::Bytes {
            name: feed_name(&f.url),
            path: f.url.clone(),
            bytes,
        }],
        o.threads,
        IngestOptions {
            skip_seen_items: true,
        },
        &mut |p| reasons.extend(p.rejections.iter().map(|(_, r)| r.clone())),
    )
    .map_err(|e| format!("storing: {e:#}"))?;
    if s.rejected > 0 {
        return Err(format!(
            "no articles in the response: {}",
            reasons.first().map_or("rejected", String::as_str)
        ));
    }
    // Validators only from a response that was stored.
    f.etag = etag;
    f.last_modified = last_modified;
    Ok(Polled::Fetched {
        new_articles: s.articles,
        seen: s.seen_items,
    })
}

/// Polls every due feed once and records the outcome.
fn round(
    agent: &ureq::Agent,
    store: &mut Store,
    pl: &Pipeline,
    o: &WatchOptions,
    urls: &[String],
) -> Result<()> {
    for url in urls {
        let mut f = store.feed(url)?;
        let t = now();
        if !o.once {
            if let Some(next) = f.next_check.as_deref().and_then(parse_stamp) {
                if next > t {
                    continue;
                }
            }
        }
        let r = poll(agent, store, pl, &mut f, o);
        let t = now();
        f.last_checked = Some(stamp(t));
        match r {
            Ok(p) => {
                f.errors = 0;
                f.last_error = None;
                f.next_check = Some(stamp(t + chrono::Duration::seconds(o.interval_secs as i64)));
                match p {
                    Polled::NotModified => eprintln!("{url}: not modified"),
                    Polled::Fetched { new_articles, seen } => eprintln!(
                        "{url}: {new_articles} new article(s), {seen} item(s) already stored"
                    ),
                }
            }
            Err(cause) => {
                f.errors = f.errors.saturating_add(1);
                let wait = backoff_secs(o.interval_secs, f.errors);
                f.next_check = Some(stamp(t + chrono::Duration::seconds(wait as i64)));
                eprintln!(
                    "shiju watch: {url}: {cause} (error {} in a row; next try in {wait} s)",
                    f.errors
                );
                f.last_error = Some(cause);
            }
        }
        store.save_feed(&f)?;
    }
    Ok(())
}

/// Runs the watcher: `--once` polls each feed once; otherwise it polls due
/// feeds until every feed has exceeded `--max-errors` (exit 1) or the
/// process is stopped (each ingest is its own transaction: nothing is half
/// stored).
pub fn run(store: &mut Store, pl: &Pipeline, o: &WatchOptions) -> Result<bool> {
    store.ensure_feeds()?;
    let agent = agent();
    let mut urls = o.urls.clone();
    urls.dedup();
    loop {
        round(&agent, store, pl, o, &urls)?;
        if o.once {
            return Ok(true);
        }
        if let Some(max) = o.max_errors {
            let mut keep = Vec::new();
            for u in urls {
                let f = store.feed(&u)?;
                if f.errors >= max {
                    eprintln!(
                        "shiju watch: {u}: {} errors in a row, no longer polled",
                        f.errors
                    );
                } else {
                    keep.push(u);
                }
            }
            urls = keep;
            if urls.is_empty() {
                eprintln!("shiju watch: no feed left to poll");
                return Ok(false);
            }
        }
        // Sleep until the first feed is due (at most one interval).
        let mut wait = o.interval_secs.max(1);
        let t = now();
        for u in &urls {
            if let Some(next) = store.feed(u)?.next_check.as_deref().and_then(parse_stamp) {
                let secs = (next - t).num_seconds().max(1) as u64;
                wait = wait.min(secs);
            }
        }
        std::thread::sleep(Duration::from_secs(wait));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff_secs(300, 1), 600);
        assert_eq!(backoff_secs(300, 2), 1200);
        assert_eq!(backoff_secs(300, 10), MAX_BACKOFF_SECS);
        assert_eq!(backoff_secs(300, 200), MAX_BACKOFF_SECS);
        assert_eq!(backoff_secs(0, 1), 2);
    }

    #[test]
    fn names() {
        assert_eq!(
            feed_name("http://127.0.0.1:8080/rss/world.xml?x=1"),
            "world.xml"
        );
        assert_eq!(feed_name("https://example.org"), "example.org");
        assert_eq!(feed_name("https://example.org/"), "example.org");
    }
}
