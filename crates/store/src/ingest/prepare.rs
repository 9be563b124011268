//! What a worker does with one input: read (bounded), hash, compress the
//! snapshot and analyse it into items.

use std::io::Read as _;
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use shiju_core::Analysis;
use shiju_pipeline::Pipeline;

use crate::simhash;

/// zstd level for snapshots: level 1 makes archives about 3 % larger than
/// zstd's default (3) and compresses in half the time. The negative levels
/// do not pay: on 1,500 real pages (93.5 MB) level 1 took 1,684 M
/// instructions for 20.7 MB; −1 saved 9 % of that for 12 % more bytes, −3
/// 22 % for 22 %, −5 29 % for 35 %.
pub(super) const ZSTD_LEVEL: i32 = 1;

pub(super) enum Job {
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
    pub(super) fn label(&self) -> (String, String) {
        match self {
            Job::File(p) => (file_name(p), p.display().to_string()),
            Job::Bytes { name, path, .. }
            | Job::Stored { name, path, .. }
            | Job::Analysed { name, path, .. } => (name.clone(), path.clone()),
            Job::Error { path, .. } => (path.clone(), path.clone()),
        }
    }
}

pub(super) struct Analyzed {
    pub(super) analysis: Analysis,
    pub(super) body: String,
    pub(super) norm: String,
    pub(super) simhash: Option<u64>,
}

pub(super) struct Item {
    pub(super) name: String,
    pub(super) result: Result<Analyzed, String>,
}

pub(super) struct DocData {
    pub(super) sha: String,
    pub(super) size: usize,
    /// The bytes kept (`None`: too large to keep).
    pub(super) raw: Option<Snapshot>,
    /// Analysed elsewhere: `raw` holds the items' analyses (see
    /// `Store::imported`), not raw bytes.
    pub(super) imported: bool,
    pub(super) encoding: Option<String>,
    pub(super) items: Vec<Item>,
}

impl DocData {
    /// A document with no bytes kept and one rejected item (too large to
    /// analyse).
    fn rejected(sha: String, size: usize, name: &str, error: String) -> DocData {
        DocData {
            sha,
            size,
            raw: None,
            imported: false,
            encoding: None,
            items: vec![Item {
                name: name.to_string(),
                result: Err(error),
            }],
        }
    }
}

pub(super) enum Prep {
    /// Could not be read.
    Failed(String),
    /// Already in the store (checked before analysis): its SHA-256.
    Known(String),
    Doc(DocData),
    /// Re-analysed snapshot of stored document `doc_id`.
    Stored(i64, DocData),
}

pub(super) struct Prepared {
    pub(super) idx: usize,
    pub(super) name: String,
    pub(super) path: String,
    pub(super) prep: Prep,
}

pub(super) fn sha_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// `d` in lower-case hexadecimal (written digit by digit: a `format!` per
/// byte made 32 strings per document).
pub(super) fn hex(d: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(2 * d.len());
    for b in d {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    s
}

pub(super) fn file_name(p: &std::path::Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// Analyses `bytes` into the items of one document.
pub(super) fn analyze(pl: &Pipeline, name: &str, bytes: &[u8]) -> (Option<String>, Vec<Item>) {
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
pub(super) fn analysed(
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

/// What the store keeps of an input's bytes: zstd-compressed, or — should
/// compression fail — the bytes themselves (`documents.compression`
/// "none"), so that every input's raw bytes are kept whatever happens.
pub(super) struct Snapshot {
    pub(super) compression: &'static str,
    pub(super) blob: Vec<u8>,
}

/// `bytes` as a snapshot, compressed by `z`.
fn snapshot_with(bytes: &[u8], z: impl FnOnce(&[u8]) -> std::io::Result<Vec<u8>>) -> Snapshot {
    match z(bytes) {
        Ok(blob) => Snapshot {
            compression: "zstd",
            blob,
        },
        Err(_) => Snapshot {
            compression: "none",
            blob: bytes.to_vec(),
        },
    }
}

/// `bytes` as a snapshot compressed with zstd.
pub(super) fn snapshot(bytes: &[u8]) -> Snapshot {
    snapshot_with(bytes, compress)
}

/// `bytes` compressed with zstd, by a compressor kept per thread (setting
/// one up costs about as much as compressing a short page).
fn compress(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    thread_local! {
        static Z: std::cell::RefCell<Option<zstd::bulk::Compressor<'static>>> =
            const { std::cell::RefCell::new(None) };
    }
    Z.with(|z| {
        let mut z = z.borrow_mut();
        if z.is_none() {
            *z = Some(zstd::bulk::Compressor::new(ZSTD_LEVEL)?);
        }
        match z.as_mut() {
            Some(z) => z.compress(bytes),
            None => Err(std::io::Error::other("no zstd compressor")),
        }
    })
}

/// The analyses kept for an imported document: a JSON array of
/// `{"item", "analysis"}` / `{"item", "error"}`, zstd-compressed (or plain
/// should compression fail; `decode_analysed` reads both).
pub(super) fn encode_analysed(items: &[Item]) -> Snapshot {
    let v: Vec<serde_json::Value> = items
        .iter()
        .map(|i| match &i.result {
            Ok(a) => serde_json::json!({"item": i.name, "analysis": a.analysis}),
            Err(e) => serde_json::json!({"item": i.name, "error": e}),
        })
        .collect();
    // Serialising `Value`s with string keys cannot fail.
    let json = serde_json::to_vec(&v).unwrap_or_else(|_| b"[]".to_vec());
    snapshot(&json)
}

/// Inverse of `encode_analysed`.
pub(crate) fn decode_analysed(blob: &[u8]) -> Result<Vec<(String, Result<Analysis, String>)>> {
    let json = if blob.starts_with(b"[") {
        blob.to_vec()
    } else {
        zstd::stream::decode_all(blob).context("corrupt zstd analyses")?
    };
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

pub(super) fn too_large(size: usize, cap: usize) -> String {
    shiju_ingest::Reject::TooLarge { size, cap }.to_string()
}

/// Which documents the store already holds, as a worker sees it: a
/// read-only connection of its own (WAL readers do not block the writer),
/// so memory does not grow with the store. Without one (a re-analysis, an
/// ingest into a store that held no documents when it began, or a database
/// that cannot be opened) nothing is known and the writer's own check
/// decides: only a file given twice in one run is then analysed twice.
pub(super) struct Known(Option<Connection>);

impl Known {
    pub(super) fn open(db: Option<&std::path::Path>) -> Known {
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

pub(super) fn prepare(pl: &Pipeline, known: &Known, idx: usize, job: Job) -> Prepared {
    let cap = pl.extractor.max_bytes;
    let doc = |name: &str, bytes: &[u8]| -> Prep {
        let sha = sha_hex(bytes);
        if known.contains(&sha) {
            return Prep::Known(sha);
        }
        let (encoding, items) = analyze(pl, name, bytes);
        let raw = Some(snapshot(bytes));
        Prep::Doc(DocData {
            sha,
            size: bytes.len(),
            raw,
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
                Prep::Known(sha256)
            } else {
                let (encoding, items) = analysed(pl, items);
                let data = DocData {
                    sha: sha256,
                    size,
                    raw: if doc_id.is_none() {
                        Some(encode_analysed(&items))
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
                        Prep::Known(sha)
                    } else {
                        Prep::Doc(DocData::rejected(sha, size, &name, too_large(size, cap)))
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
                        raw: None,
                        imported: false,
                        encoding,
                        items,
                    }
                }
                None => DocData::rejected(
                    String::new(),
                    size,
                    &name,
                    format!("too large: {size} bytes (no snapshot was kept)"),
                ),
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

pub(super) enum Read {
    Whole(Vec<u8>),
    TooLarge { sha: String, size: usize },
}

/// Reads a file, or only hashes it (streaming) when it exceeds `cap`.
pub(super) fn read_capped(p: &std::path::Path, cap: usize) -> std::io::Result<Read> {
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

#[cfg(test)]
mod tests {
    use super::{decode_analysed, hex, sha_hex, snapshot, snapshot_with};

    #[test]
    fn hex_is_lower_case_two_digits_a_byte() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff, 0x10]), "000fa5ff10");
        assert_eq!(hex(&[]), "");
        assert_eq!(
            sha_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_failed_compression_keeps_the_bytes_uncompressed() {
        let page = "<p>美国总统访问北京</p>".as_bytes();
        let kept = snapshot_with(page, |_| Err(std::io::Error::other("out of memory")));
        assert_eq!(kept.compression, "none");
        assert_eq!(kept.blob, page);
        let z = snapshot(page);
        assert_eq!(z.compression, "zstd");
        assert_eq!(zstd::stream::decode_all(&z.blob[..]).unwrap(), page);
    }

    #[test]
    fn analyses_are_read_compressed_or_plain() {
        let json = br#"[{"item":"a.html","error":"no body"}]"#;
        let plain = decode_analysed(json).unwrap();
        assert_eq!(plain[0].0, "a.html");
        assert_eq!(plain[0].1.as_ref().unwrap_err(), "no body");
        let z = zstd::stream::encode_all(&json[..], 1).unwrap();
        assert_eq!(decode_analysed(&z).unwrap()[0].0, "a.html");
        assert!(decode_analysed(b"garbage").is_err());
    }
}
