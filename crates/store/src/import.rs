//! `shiju import`: loads the Spark driver's Parquet output
//! (spark/shiju_spark.py: `DIR/articles`, `DIR/rejects`) into the store.
//!
//! Every article row carries the complete analysis (`analysis_json`); the
//! rows of one input (`id`) become one document whose items are stored
//! through the ingest writer (`Input::Analysed`), so near-duplicate links
//! and the events' NumMentions / NumArticles / NumSources are computed
//! exactly as for `shiju ingest`. Documents are keyed by the SHA-256 of
//! their raw bytes (the driver's `sha256` column; output of older drivers:
//! a hash of the input path and its analyses), so importing twice, or
//! importing what was also ingested, stores nothing twice. The raw bytes are
//! not part of the Parquet output: imported documents have none.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use sha2::{Digest, Sha256};
use shiju_core::Analysis;
use shiju_pipeline::Pipeline;

use crate::ingest::{Input, Progress, Summary};
use crate::Store;

/// The Parquet datasets `shiju import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dataset {
    Articles,
    Rejects,
}

/// Every `*.parquet` file of the `articles` and `rejects` datasets under
/// `dir` (recursively, in path order; hidden and `_`-prefixed files, which
/// Spark uses for its own bookkeeping, are skipped).
fn dataset_files(dir: &Path) -> Result<Vec<(Dataset, PathBuf)>> {
    fn walk(
        p: &Path,
        ds: Option<Dataset>,
        depth: usize,
        out: &mut Vec<(Dataset, PathBuf)>,
    ) -> Result<()> {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let meta = std::fs::metadata(p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
        if meta.is_dir() {
            if depth > 32 {
                anyhow::bail!("{}: folders nested more than 32 deep", p.display());
            }
            let ds = match name.as_str() {
                "articles" => Some(Dataset::Articles),
                "rejects" => Some(Dataset::Rejects),
                "events" | "entities" => None,
                _ => ds,
            };
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?
                .map(|e| {
                    e.map(|e| e.path())
                        .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))
                })
                .collect::<Result<_>>()?;
            entries.sort();
            for e in entries {
                let n = e.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if n.starts_with('.') || n.starts_with('_') {
                    continue;
                }
                walk(&e, ds, depth + 1, out)?;
            }
        } else if let Some(ds) = ds {
            if name.ends_with(".parquet") {
                out.push((ds, p.to_path_buf()));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, None, 0, &mut out)?;
    Ok(out)
}

/// One input document as the driver saw it.
#[derive(Default)]
struct Group {
    sha256: Option<String>,
    size: Option<usize>,
    /// (Spark document id, analysis or reason, the row's JSON for the key).
    items: Vec<(String, Result<Analysis, String>, String)>,
}

fn str_field<'a>(row: &'a serde_json::Value, key: &str) -> Option<&'a str> {
    row.get(key).and_then(|v| v.as_str())
}

/// The input path of a Spark id (`file:/a/b.html` → `/a/b.html`).
fn input_path(id: &str) -> String {
    let p = id
        .strip_prefix("file://")
        .or_else(|| id.strip_prefix("file:"));
    p.unwrap_or(id).to_string()
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

/// Item number of a feed item's document id (`…#3` → 3; whole documents 0).
fn item_number(id: &str, doc: &str) -> u64 {
    doc.strip_prefix(id)
        .and_then(|rest| rest.strip_prefix('#'))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Reads the Parquet files into one group per input `id`; a file that
/// cannot be read, or a row without an id, becomes an `Input::Error`.
fn read_groups(files: &[(Dataset, PathBuf)]) -> (BTreeMap<PathBuf, (String, Group)>, Vec<Input>) {
    let mut groups: BTreeMap<PathBuf, (String, Group)> = BTreeMap::new();
    let mut errors = Vec::new();
    for (ds, f) in files {
        let cols: &[&str] = match ds {
            Dataset::Articles => &["id", "doc", "analysis_json", "sha256", "size"],
            Dataset::Rejects => &["id", "doc", "error", "sha256", "size"],
        };
        let rows = match shiju_parquet::read_json_columns(f, cols) {
            Ok(r) => r,
            Err(e) => {
                errors.push(Input::Error {
                    path: f.display().to_string(),
                    error: format!("not a readable Parquet file: {e}"),
                });
                continue;
            }
        };
        for (n, row) in rows.iter().enumerate() {
            let doc = str_field(row, "doc");
            let Some(id) = str_field(row, "id").or(doc) else {
                let why = str_field(row, "error").unwrap_or("no id and no analysis");
                errors.push(Input::Error {
                    path: format!("{} (row {})", f.display(), n + 1),
                    error: why.to_string(),
                });
                continue;
            };
            let path = input_path(id);
            let g = &mut groups
                .entry(PathBuf::from(&path))
                .or_insert_with(|| (id.to_string(), Group::default()))
                .1;
            if let Some(sha) = str_field(row, "sha256").filter(|s| is_sha256(s)) {
                g.sha256 = Some(sha.to_ascii_lowercase());
            }
            if let Some(size) = row.get("size").and_then(|v| v.as_u64()) {
                g.size = usize::try_from(size).ok();
            }
            let doc = doc.unwrap_or(id).to_string();
            let (result, key) = match ds {
                Dataset::Articles => match str_field(row, "analysis_json") {
                    Some(j) => (
                        serde_json::from_str::<Analysis>(j).map_err(|e| {
                            format!(
                                "{}: analysis_json of {doc} is not a shiju analysis: {e}",
                                f.display()
                            )
                        }),
                        j.to_string(),
                    ),
                    None => (
                        Err(format!("{}: no analysis_json for {doc}", f.display())),
                        String::new(),
                    ),
                },
                Dataset::Rejects => {
                    let e = str_field(row, "error").unwrap_or("rejected").to_string();
                    (Err(e.clone()), e)
                }
            };
            g.items.push((doc, result, key));
        }
    }
    (groups, errors)
}

/// The ingest inputs of the Parquet output under `dir`, in input-path
/// order (the order `shiju ingest` walks the same folder in).
pub fn inputs(dir: &Path) -> Result<Vec<Input>> {
    let files = dataset_files(dir)?;
    if !files.iter().any(|(ds, _)| *ds == Dataset::Articles) {
        bail!(
            "{}: no articles Parquet files here (expected the output folder of spark/shiju_spark.py, \
             with articles/part-*.parquet)",
            dir.display()
        );
    }
    let (groups, mut out) = read_groups(&files);
    for (path, (id, mut g)) in groups {
        let path = path.display().to_string();
        let name = file_name(&path);
        g.items
            .sort_by(|a, b| (item_number(&id, &a.0), &a.0).cmp(&(item_number(&id, &b.0), &b.0)));
        // The same row twice (an appended rerun): once.
        g.items.dedup_by(|a, b| a.0 == b.0 && a.2 == b.2);
        let sha256 = g.sha256.unwrap_or_else(|| {
            let mut h = Sha256::new();
            h.update(b"shiju import\0");
            h.update(id.as_bytes());
            // (the analyses only: importing `DIR/articles` alone gives the
            // same keys)
            for (doc, _, key) in g.items.iter().filter(|i| i.1.is_ok()) {
                h.update(b"\0");
                h.update(doc.as_bytes());
                h.update(b"\0");
                h.update(key.as_bytes());
            }
            h.finalize().iter().map(|b| format!("{b:02x}")).collect()
        });
        let items = g
            .items
            .into_iter()
            .map(|(doc, r, _)| {
                // Item names as `shiju ingest` gives them: the file name,
                // plus `#n` for feed items.
                let item = match doc.strip_prefix(&id) {
                    Some(rest) => format!("{name}{rest}"),
                    None => file_name(&input_path(&doc)),
                };
                let r = r.map(|mut a| {
                    a.doc = item.clone();
                    a
                });
                (item, r)
            })
            .collect();
        out.push(Input::Analysed {
            name,
            path,
            sha256,
            size: g.size.unwrap_or(0),
            items,
        });
    }
    Ok(out)
}

/// Imports the Parquet output under `dir` into `store` (see the module
/// documentation); `progress` is called as documents are committed.
pub fn import(
    store: &mut Store,
    pl: &Pipeline,
    dir: &Path,
    threads: usize,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Summary> {
    let inputs = inputs(dir)?;
    let s = crate::ingest(store, pl, inputs, threads, progress)?;
    store.meta_set("last_import", &crate::now_utc())?;
    Ok(s)
}

/// The summary line of an import (`Summary`'s, in import's words).
pub fn summary_line(s: &Summary) -> String {
    s.to_string().replacen(" ingested + ", " imported + ", 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_items() {
        assert_eq!(input_path("file:/a/b c.html"), "/a/b c.html");
        assert_eq!(input_path("file:///a/b.html"), "/a/b.html");
        assert_eq!(input_path("hdfs://n/a.html"), "hdfs://n/a.html");
        assert_eq!(item_number("file:/f.xml", "file:/f.xml#12"), 12);
        assert_eq!(item_number("file:/f.xml", "file:/f.xml"), 0);
        assert!(is_sha256(&"a".repeat(64)));
        assert!(!is_sha256("abc"));
    }

    /// A walk that cannot finish is an error naming the folder, never a
    /// silent stop: folders nested past the limit, and a path that cannot
    /// be read.
    #[test]
    fn walks_past_the_depth_limit_or_into_nothing_are_errors() {
        let t = tempfile::tempdir().unwrap();
        let mut deep = t.path().join("articles");
        for i in 0..40 {
            deep.push(format!("d{i}"));
        }
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(deep.join("part-0.parquet"), b"PAR1").unwrap();
        let e = dataset_files(t.path()).unwrap_err().to_string();
        assert!(e.contains("nested more than 32 deep"), "{e}");
        let e = dataset_files(&t.path().join("gone"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("gone"), "{e}");
    }
}
