//! Polling state of the feeds `shiju watch` follows: one row per URL with
//! the validators of the last good response (ETag, Last-Modified), the last
//! status, the consecutive error count and when to poll next.

use anyhow::Result;
use rusqlite::{params, OptionalExtension};

use crate::Store;

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS feeds(
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    last_status INTEGER,
    last_checked TEXT,
    errors INTEGER NOT NULL DEFAULT 0,
    next_check TEXT,
    last_error TEXT
)";

/// One feed's state (`last_checked` / `next_check`: `YYYY-MM-DDTHH:MM:SSZ`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Feed {
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// HTTP status of the last poll (`None`: no response, e.g. refused).
    pub last_status: Option<u16>,
    pub last_checked: Option<String>,
    /// Consecutive failed polls.
    pub errors: u32,
    pub next_check: Option<String>,
    pub last_error: Option<String>,
}

impl Store {
    /// Creates the `feeds` table if it is missing.
    pub fn ensure_feeds(&self) -> Result<()> {
        self.conn.execute_batch(SCHEMA)?;
        Ok(())
    }

    /// The stored state of `url` (a default one, with that URL, if none).
    pub fn feed(&self, url: &str) -> Result<Feed> {
        self.ensure_feeds()?;
        let f = self
            .conn
            .query_row(
                "SELECT etag, last_modified, last_status, last_checked, errors, next_check, last_error
                 FROM feeds WHERE url = ?1",
                [url],
                |r| {
                    Ok(Feed {
                        url: url.to_string(),
                        etag: r.get(0)?,
                        last_modified: r.get(1)?,
                        last_status: r
                            .get::<_, Option<i64>>(2)?
                            .and_then(|s| u16::try_from(s).ok()),
                        last_checked: r.get(3)?,
                        errors: u32::try_from(r.get::<_, i64>(4)?).unwrap_or(0),
                        next_check: r.get(5)?,
                        last_error: r.get(6)?,
                    })
                },
            )
            .optional()?;
        Ok(f.unwrap_or_else(|| Feed {
            url: url.to_string(),
            ..Feed::default()
        }))
    }

    /// Stores `f` (insert or replace).
    pub fn save_feed(&self, f: &Feed) -> Result<()> {
        self.ensure_feeds()?;
        self.conn.execute(
            "INSERT INTO feeds(url, etag, last_modified, last_status, last_checked, errors, next_check, last_error)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                 last_status = excluded.last_status, last_checked = excluded.last_checked,
                 errors = excluded.errors, next_check = excluded.next_check, last_error = excluded.last_error",
            params![
                f.url,
                f.etag,
                f.last_modified,
                f.last_status.map(i64::from),
                f.last_checked,
                i64::from(f.errors),
                f.next_check,
                f.last_error
            ],
        )?;
        Ok(())
    }
}
