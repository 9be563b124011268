//! Walking input paths and reading input files: everything that is not read
//! is reported, never dropped in silence.
//!
//! - Regular files are inputs; FIFOs, sockets and devices are reported by
//!   type before anything opens them (opening a FIFO blocks, a device may
//!   never end).
//! - A directory reached twice (symlinks to itself or to an ancestor) is
//!   walked once, by device and inode.
//! - Folders deeper than [`MAX_DEPTH`] and unreadable entries are reported.
//! - Reads stop one byte past the cap whatever length the file reports.

use std::collections::HashSet;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// How many folders deep a walk descends below each path it is given.
pub const MAX_DEPTH: usize = 64;

type Found = Vec<Result<PathBuf, (PathBuf, std::io::Error)>>;

/// The files under `paths` (directories walked recursively, in name order),
/// leaving out gold annotations (`*.gold.json`) and hidden files; what
/// cannot be read (special files, unreadable entries, folders past
/// [`MAX_DEPTH`]) is an `Err` naming the path and the cause.
pub fn input_files(paths: &[PathBuf]) -> Found {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for p in paths {
        walk(p, &mut out, 0, &mut seen);
    }
    out
}

fn other(msg: &str) -> std::io::Error {
    std::io::Error::other(msg.to_string())
}

#[cfg(unix)]
fn dir_key(m: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt as _;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn dir_key(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

fn walk(p: &Path, out: &mut Found, depth: usize, seen: &mut HashSet<(u64, u64)>) {
    let m = match std::fs::metadata(p) {
        Ok(m) => m,
        Err(e) => return out.push(Err((p.to_path_buf(), e))),
    };
    if m.is_file() {
        return out.push(Ok(p.to_path_buf()));
    }
    if !m.is_dir() {
        return out.push(Err((
            p.to_path_buf(),
            other("not a regular file (a FIFO, socket or device): not read"),
        )));
    }
    if dir_key(&m).is_some_and(|k| !seen.insert(k)) {
        return; // already walked (a symlink to a folder seen before)
    }
    if depth > MAX_DEPTH {
        return out.push(Err((
            p.to_path_buf(),
            other(&format!("more than {MAX_DEPTH} folders deep: not read")),
        )));
    }
    let mut entries = Vec::new();
    match std::fs::read_dir(p) {
        Ok(rd) => {
            for e in rd {
                match e {
                    Ok(e) => entries.push(e.path()),
                    Err(err) => out.push(Err((p.to_path_buf(), err))),
                }
            }
        }
        Err(e) => return out.push(Err((p.to_path_buf(), e))),
    }
    entries.sort();
    for e in entries {
        let name = e.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name.ends_with(".gold.json") {
            continue;
        }
        walk(&e, out, depth + 1, seen);
    }
}

/// Reads at most `cap + 1` bytes of a file: a result longer than `cap` means
/// the file exceeds the cap (the extractor rejects it as too large), even
/// when the file system reports a smaller length.
pub fn read_capped(p: &Path, cap: usize) -> std::io::Result<Vec<u8>> {
    let f = std::fs::File::open(p)?;
    let hint = f
        .metadata()
        .map(|m| m.len())
        .unwrap_or(0)
        .min(cap as u64 + 1);
    let mut bytes = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    f.take(cap as u64 + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// One document record of a WARC file ([`warc_records`]).
#[derive(Debug)]
pub struct WarcDoc {
    /// The file's name, `#` and the record's number (six digits, so that
    /// names sort in file order): `crawl.warc.gz#000002`.
    pub name: String,
    /// The file's path, likewise numbered.
    pub path: String,
    /// The record's raw bytes, or why it could not be read (naming the
    /// record).
    pub bytes: Result<Vec<u8>, String>,
}

/// The document records of `p` if it is a WARC file (`WARC/…` or gzip of
/// it, told by its first bytes, not its name); `None` for any other file.
/// Records over `cap` bytes are reported as too large, unread.
pub fn warc_records(p: &Path, cap: usize) -> Option<impl Iterator<Item = WarcDoc> + Send> {
    use shiju_ingest::warc;
    let mut head = Vec::with_capacity(1024);
    std::fs::File::open(p)
        .ok()?
        .take(1024)
        .read_to_end(&mut head)
        .ok()?;
    if !warc::is_warc_file(&head) {
        return None;
    }
    let file = std::fs::File::open(p).ok()?;
    let reader: Box<dyn std::io::BufRead + Send> = if head.starts_with(&[0x1f, 0x8b]) {
        let gz = flate2::read::MultiGzDecoder::new(std::io::BufReader::new(file));
        Box::new(std::io::BufReader::with_capacity(256 * 1024, gz))
    } else {
        Box::new(std::io::BufReader::with_capacity(256 * 1024, file))
    };
    let file_name = p
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string());
    let path = p.display().to_string();
    Some(warc::Records::new(reader, cap).map(move |r| {
        let (name, path) = if r.number == 0 {
            (file_name.clone(), path.clone())
        } else {
            (
                format!("{file_name}#{:06}", r.number),
                format!("{path}#{:06}", r.number),
            )
        };
        WarcDoc {
            name,
            path,
            bytes: r.bytes,
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("shiju-walk-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn files_in_name_order_without_gold_or_hidden_files() {
        let d = tmp("order");
        for n in ["b.txt", "a.html", "a.html.gold.json", ".hidden"] {
            std::fs::write(d.join(n), "x").unwrap();
        }
        let got: Vec<_> = input_files(std::slice::from_ref(&d))
            .into_iter()
            .map(|r| {
                r.unwrap()
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(got, ["a.html", "b.txt"]);
        let _ = std::fs::remove_dir_all(d);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_walked_once_and_special_files_reported() {
        let d = tmp("loops");
        std::fs::write(d.join("story.txt"), "x").unwrap();
        std::os::unix::fs::symlink(&d, d.join("self1")).unwrap();
        std::os::unix::fs::symlink(&d, d.join("self2")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", d.join("zero")).unwrap();
        let fifo = d.join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        let found = input_files(std::slice::from_ref(&d));
        let ok: Vec<_> = found.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(ok.len(), 1, "{found:?}");
        let errs: Vec<String> = found
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|(p, e)| format!("{}: {e}", p.display()))
            .collect();
        assert!(errs
            .iter()
            .any(|e| e.contains("zero") && e.contains("not a regular file")));
        if made.is_ok_and(|s| s.success()) {
            assert!(
                errs.iter()
                    .any(|e| e.contains("pipe") && e.contains("FIFO")),
                "{errs:?}"
            );
        }
        let _ = std::fs::remove_dir_all(d);
    }

    #[test]
    fn folders_past_the_depth_limit_are_reported() {
        let d = tmp("deep");
        let mut p = d.clone();
        for i in 0..MAX_DEPTH + 2 {
            p = p.join(format!("d{i}"));
        }
        std::fs::create_dir_all(&p).unwrap();
        std::fs::write(p.join("deep.txt"), "x").unwrap();
        let found = input_files(std::slice::from_ref(&d));
        assert_eq!(found.len(), 1);
        let (_, e) = found[0].as_ref().unwrap_err();
        assert!(e.to_string().contains("folders deep"), "{e}");
        let _ = std::fs::remove_dir_all(d);
    }

    #[test]
    fn reads_stop_past_the_cap() {
        let d = tmp("cap");
        std::fs::write(d.join("big.txt"), vec![b'a'; 1000]).unwrap();
        assert_eq!(read_capped(&d.join("big.txt"), 100).unwrap().len(), 101);
        assert_eq!(read_capped(&d.join("big.txt"), 5000).unwrap().len(), 1000);
        let _ = std::fs::remove_dir_all(d);
    }
}
