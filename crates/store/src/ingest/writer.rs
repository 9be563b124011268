//! The single writer: settles each prepared input inside the open
//! transaction (documents, articles, mentions, entities, events, outcomes).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};
use shiju_core::Analysis;

use super::prepare::{Analyzed, DocData, Prep, Prepared};
use super::{Progress, Summary};

use crate::simhash;

/// Mentions, articles and outlets an event gained in the current batch.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Counts {
    pub(super) mentions: i64,
    pub(super) articles: i64,
    pub(super) sources: i64,
}

/// The writer's state across documents.
pub(super) struct Writer {
    /// (article id, fingerprint) of every article that is not itself a
    /// near-duplicate.
    pub(super) prints: simhash::Prints,
    pub(super) added: String,
    pub(super) summary: Summary,
    /// Rejections of the input being written.
    pub(super) rejections: Vec<(String, String)>,
    /// What the events got since the last `flush_counts`.
    pub(super) counts: BTreeMap<i64, Counts>,
    pub(super) skip_seen: bool,
    /// Cache of `entities` rows: key → (id, has a name, has a country).
    pub(super) entity_ids: HashMap<String, (i64, bool, bool)>,
    /// Cache of `events` rows: `event_key` → id.
    pub(super) event_ids: HashMap<String, i64>,
    /// The key being looked up (one buffer, no allocation on a hit).
    pub(super) event_key: String,
    /// `PRAGMA data_version` when the caches were last known good.
    pub(super) data_version: Option<i64>,
    /// When the current transaction began: the time the documents it
    /// stores are recorded as fetched and settled at.
    pub(super) now: String,
    /// The articles stored in the open transaction, for the search index
    /// (`None`: no index to feed).
    pub(super) index: Option<crate::search::Written>,
}

impl Writer {
    /// Adds the batch's NumMentions / NumArticles / NumSources to its
    /// events; run inside the transaction, before it commits.
    pub(super) fn flush_counts(&mut self, conn: &Connection) -> Result<()> {
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
    pub(super) fn sync(&mut self, conn: &Connection) -> Result<()> {
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
    pub(super) fn progress(&mut self, done: usize, total: usize) -> Progress {
        Progress {
            done,
            total,
            ingested: self.summary.ingested,
            duplicate: self.summary.duplicate,
            rejected: self.summary.rejected,
            rejections: std::mem::take(&mut self.rejections),
        }
    }

    /// A writer; it compares new articles with the newest
    /// [`simhash::Prints::WINDOW`] distinct ones of the store.
    pub(super) fn new(conn: &Connection) -> Result<Writer> {
        let mut st = conn.prepare(RECENT_PRINTS)?;
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
            index: None,
        })
    }

    /// Records input `p` as a duplicate of the stored document with content
    /// hash `sha` (or, `why` given, for that reason). The outcome has no
    /// `doc_id` (like a rejection of an unreadable path, it describes an
    /// input, not a stored document, and survives `reanalyze`); the reason
    /// names the document it repeats.
    fn duplicate(
        &mut self,
        conn: &Connection,
        p: &Prepared,
        sha: &str,
        why: Option<&str>,
    ) -> Result<()> {
        self.summary.duplicate += 1;
        let original: Option<i64> = conn
            .prepare_cached("SELECT id FROM documents WHERE sha256 = ?1")?
            .query_row([sha], |r| r.get(0))
            .optional()?;
        let reason = match (why, original) {
            (Some(why), _) => why.to_string(),
            (None, Some(id)) => format!("same bytes as document {id}"),
            (None, None) => "same bytes as a stored document".to_string(),
        };
        conn.prepare_cached(
            "INSERT OR IGNORE INTO outcomes(key, doc_id, item, source_path, status, reason, at)
             VALUES (?1, NULL, ?2, ?3, 'duplicate', ?4, ?5)",
        )?
        .execute(params![
            format!("duplicate:{}:{sha}", p.path),
            p.name,
            p.path,
            reason,
            self.now
        ])?;
        Ok(())
    }

    /// Settles one prepared input inside an open transaction.
    pub(super) fn write(&mut self, conn: &Connection, p: &Prepared) -> Result<()> {
        let now = self.now.clone();
        let (doc_id, data) = match &p.prep {
            Prep::Known(sha) => return self.duplicate(conn, p, sha, None),
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
                    return self.duplicate(conn, p, &d.sha, None);
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
                        } else {
                            d.raw.as_ref().map_or("none", |r| r.compression)
                        },
                        d.raw.as_ref().map(|r| &r.blob),
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
            let why = "every item was already stored";
            return self.duplicate(conn, p, &data.sha, Some(why));
        } else {
            self.summary.rejected += 1;
        }
        Ok(())
    }

    /// The row id of entity `ent`, inserted or completed (name, country)
    /// as needed. Known ids are cached: most articles name the same few
    /// hundred entities.
    fn entity_id(
        &mut self,
        conn: &Connection,
        ent: &shiju_core::Entity<shiju_core::Chars>,
    ) -> Result<i64> {
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
        ev: &shiju_core::Event<shiju_core::Chars>,
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
        if let Some(ix) = self.index.as_mut() {
            ix.push(
                aid,
                art.title.as_deref(),
                &a.body,
                (a.norm != a.body).then_some(a.norm.as_str()),
                art.published.as_deref(),
            );
        }
        self.summary.articles += 1;
        match (dup, a.simhash) {
            (Some(_), _) => self.summary.near_duplicates += 1,
            (None, Some(h)) => self.prints.push(aid, h),
            (None, None) => {}
        }
        // Statements used once per entity or event: taken from the cache
        // once per article, not once per row.
        let mut link = conn.prepare_cached(
            "INSERT OR IGNORE INTO article_entities(article_id, entity_id, forms, role_title, role_of,
                                                    role_status, mentions, spans)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
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
            link.execute(params![
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
        let chars = Offsets::new(&a.body, an.events.iter().flat_map(|ev| [ev.start, ev.end]));
        let mut has_source = conn.prepare_cached(
            "SELECT 1 FROM event_mentions WHERE event_id = ?1 AND outlet_key = ?2 LIMIT 1",
        )?;
        let mut mention = conn.prepare_cached(
            "INSERT INTO event_mentions(event_id, article_id, doc_id, code, goldstein, source_entity,
                                        target_entity, evidence, start, \"end\", is_lead, outlet_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for ev in &an.events {
            let is_lead = ev.start < lead_chars;
            let event_id = self.event_id(conn, ev, is_lead, aid)?;
            // Asked before the mention is inserted; sees the batch's own rows.
            let new_source = !has_source.exists(params![event_id, outlet_key])?;
            mention.execute(params![
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

/// The byte offsets of some character offsets of a text (an event's
/// start and end), found in one walk of the text up to the largest: a
/// `CharIndex` of the whole body (a vector of every character's offset)
/// cost the writer more than anything else it does outside SQLite.
pub(super) struct Offsets {
    /// The character offsets asked for, sorted, distinct.
    chars: Vec<usize>,
    /// Their byte offsets (fewer: those past the text's end are missing).
    bytes: Vec<usize>,
}

impl Offsets {
    pub(super) fn new(text: &str, wanted: impl Iterator<Item = usize>) -> Offsets {
        let mut chars: Vec<usize> = wanted.collect();
        chars.sort_unstable();
        chars.dedup();
        let mut bytes = Vec::with_capacity(chars.len());
        // Every character's start, then the text's end.
        let mut starts = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()));
        let mut next = 0;
        for &c in &chars {
            match starts.nth(c - next) {
                Some(b) => bytes.push(b),
                None => break,
            }
            next = c + 1;
        }
        Offsets { chars, bytes }
    }

    /// The byte offset of character offset `ch`, if asked for and not past
    /// the text's end.
    fn byte_of(&self, ch: usize) -> Option<usize> {
        let i = self.chars.binary_search(&ch).ok()?;
        self.bytes.get(i).copied()
    }
}

/// The characters [start, end) of `text`, whose character offsets `at`
/// has; `None` if it does not have them.
pub(super) fn char_span<'a>(
    text: &'a str,
    at: &Offsets,
    start: usize,
    end: usize,
) -> Option<&'a str> {
    if end < start {
        return None;
    }
    text.get(at.byte_of(start)?..at.byte_of(end)?)
}

/// Whether the store already has this item (see `IngestOptions`).
pub(super) fn is_seen(conn: &Connection, path: &str, a: &Analysis, body: &str) -> Result<bool> {
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

pub(super) fn status_of(d: &DocData) -> &'static str {
    if d.items.iter().any(|i| i.result.is_ok()) {
        "ingested"
    } else {
        "rejected"
    }
}

/// The host of a URL (`https://host/path` → `host`).
pub(super) fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let h = rest.split(['/', '?', '#']).next()?.trim();
    (!h.is_empty()).then(|| h.to_ascii_lowercase())
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
/// - A WAL checkpoint every `WRITER_CHECKPOINT_BYTES` instead of SQLite's
///   1,000 pages: a batch writes several thousand pages, so SQLite checkpointed
///   after every commit, copying (and syncing) again every page the
///   batches share — the tails of the tables, the inner pages of every
///   b-tree, and the leaves of the indexes keyed at random places (content
///   hashes), of which a batch touches more the larger the store. What a
///   commit reported is in the WAL either way (a kill loses nothing).
pub(super) struct WriterSettings<'c> {
    conn: &'c Connection,
    cache: i64,
    checkpoint: i64,
}

/// The newest distinct articles' fingerprints, newest first: read from
/// the `articles_prints` index (`crate::PRINTS_INDEX`), not from the rows.
pub(super) const RECENT_PRINTS: &str = "SELECT id, simhash FROM articles \
     WHERE duplicate_of IS NULL AND simhash IS NOT NULL ORDER BY id DESC LIMIT ?1";

/// Page cache of the ingest writer, in KiB.
pub(super) const WRITER_CACHE_KIB: i64 = 32 * 1024;

/// WAL size after which the ingest writer's commits checkpoint (a few
/// batches), in bytes: 16,384 pages of 4 KiB, 4,096 of 16 KiB.
pub(super) const WRITER_CHECKPOINT_BYTES: i64 = 64 * 1024 * 1024;

/// `WRITER_CHECKPOINT_BYTES` in pages of `conn`'s database.
fn checkpoint_pages(conn: &Connection) -> Result<i64> {
    let page: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    Ok(WRITER_CHECKPOINT_BYTES / page.max(512))
}

impl<'c> WriterSettings<'c> {
    pub(super) fn new(conn: &'c Connection) -> Result<WriterSettings<'c>> {
        let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        let checkpoint: i64 = conn.query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))?;
        conn.pragma_update(None, "foreign_keys", "OFF")?;
        conn.pragma_update(None, "cache_size", -WRITER_CACHE_KIB)?;
        conn.pragma_update(None, "wal_autocheckpoint", checkpoint_pages(conn)?)?;
        Ok(WriterSettings {
            conn,
            cache,
            checkpoint,
        })
    }
}

impl Drop for WriterSettings<'_> {
    fn drop(&mut self) {
        let _ = self.conn.pragma_update(None, "foreign_keys", "ON");
        let _ = self.conn.pragma_update(None, "cache_size", self.cache);
        let _ = self
            .conn
            .pragma_update(None, "wal_autocheckpoint", self.checkpoint);
    }
}

/// Entries the writer's id caches hold before they are emptied (memory
/// stays bounded whatever the corpus).
pub(super) const ID_CACHE: usize = 200_000;

#[cfg(test)]
mod tests {
    use super::{
        char_span, host, Offsets, WriterSettings, RECENT_PRINTS, WRITER_CACHE_KIB,
        WRITER_CHECKPOINT_BYTES,
    };
    use rusqlite::Connection;

    #[test]
    fn recent_prints_are_read_from_their_index() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::Store::open(dir.path()).unwrap();
        let plan: Vec<String> = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {RECENT_PRINTS}"))
            .unwrap()
            .query_map([10], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(plan, ["SCAN articles USING COVERING INDEX articles_prints"]);
    }

    #[test]
    fn writer_settings_apply_and_restore() {
        let conn = Connection::open_in_memory().unwrap();
        let get = |p: &str| -> i64 {
            conn.query_row(&format!("PRAGMA {p}"), [], |r| r.get(0))
                .unwrap()
        };
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        let (cache, checkpoint) = (get("cache_size"), get("wal_autocheckpoint"));
        {
            let _s = WriterSettings::new(&conn).unwrap();
            assert_eq!(get("foreign_keys"), 0);
            assert_eq!(get("cache_size"), -WRITER_CACHE_KIB);
            assert_eq!(
                get("wal_autocheckpoint"),
                WRITER_CHECKPOINT_BYTES / get("page_size")
            );
        }
        assert_eq!(get("foreign_keys"), 1);
        assert_eq!(get("cache_size"), cache);
        assert_eq!(get("wal_autocheckpoint"), checkpoint);
    }

    #[test]
    fn new_stores_have_large_pages_and_old_ones_keep_theirs() {
        let page = |dir: &std::path::Path| -> (i64, i64) {
            let store = crate::Store::open(dir).unwrap();
            let size = store
                .conn
                .query_row("PRAGMA page_size", [], |r| r.get(0))
                .unwrap();
            (size, super::checkpoint_pages(&store.conn).unwrap())
        };
        let new = tempfile::tempdir().unwrap();
        assert_eq!(page(new.path()), (crate::PAGE_SIZE, 4096));
        // Reopened: the same.
        assert_eq!(page(new.path()), (crate::PAGE_SIZE, 4096));
        let old = tempfile::tempdir().unwrap();
        {
            let c = Connection::open(old.path().join(crate::DB_FILE)).unwrap();
            c.execute_batch("PRAGMA page_size = 4096; CREATE TABLE t(x);")
                .unwrap();
        }
        assert_eq!(page(old.path()), (4096, 16 * 1024));
    }

    #[test]
    fn char_spans() {
        let t = "中国a美国";
        let all = Offsets::new(t, [1, 4, 0, 5, 5, 4, 6, 2, 1].into_iter());
        assert_eq!(char_span(t, &all, 1, 4), Some("国a美"));
        assert_eq!(char_span(t, &all, 0, 5), Some("中国a美国"));
        assert_eq!(char_span(t, &all, 5, 5), Some(""));
        assert_eq!(char_span(t, &all, 4, 6), None);
        assert_eq!(char_span(t, &all, 2, 1), None);
        // As a CharIndex of the whole text answers, for offsets asked for.
        let ci = shiju_core::CharIndex::new(t);
        let some = Offsets::new(t, [3, 1, 9, 6, 5].into_iter());
        for ch in 0..8 {
            let want = [1, 3, 5].contains(&ch).then(|| ci.byte_of(ch)).flatten();
            assert_eq!(some.byte_of(ch), want, "{ch}");
        }
        let none = Offsets::new(t, std::iter::empty());
        assert_eq!(char_span(t, &none, 0, 0), None);
        assert_eq!(Offsets::new("", [0, 1].into_iter()).byte_of(0), Some(0));
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
