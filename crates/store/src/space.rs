//! Telling a full disk apart from other write errors.
//!
//! SQLite says "database or disk is full", but the search index's writer
//! threads report only "an index writer was killed". When a write fails,
//! [`explain`] looks for a storage-full error in the chain and, failing
//! that, tries to write a small probe file beside the store: if that fails
//! for lack of space, the error says so first, in one line.

use std::io::Write as _;
use std::path::Path;

/// How much the probe writes: more than a file system's reserved slack.
const PROBE_BYTES: usize = 256 * 1024;

/// Whether `e` is "no space left on device" (or a quota exceeded).
pub fn is_storage_full(e: &std::io::Error) -> bool {
    // ENOSPC 28, EDQUOT 122 on Linux.
    e.kind() == std::io::ErrorKind::StorageFull
        || e.kind() == std::io::ErrorKind::QuotaExceeded
        || matches!(e.raw_os_error(), Some(28 | 122))
}

/// Whether writing `PROBE_BYTES` to the file `path` fails for lack of
/// space. The probe is removed afterwards.
pub fn probe_full(path: &Path) -> bool {
    let r = std::fs::File::create(path).and_then(|mut f| {
        f.write_all(&vec![0u8; PROBE_BYTES])?;
        f.sync_all()
    });
    let full = matches!(&r, Err(e) if is_storage_full(e));
    if path.is_file() {
        let _ = std::fs::remove_file(path);
    }
    full
}

/// `e`, or `e` with "no space left on device in DIR" in front of it when
/// the disk holding `dir` is full.
pub fn explain(e: anyhow::Error, dir: &Path) -> anyhow::Error {
    let in_chain = e
        .chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(is_storage_full);
    if in_chain || probe_full(&dir.join(".shiju-space-probe")) {
        e.context(format!(
            "no space left on device in {} (free some space and run the command again: \
             what was stored before stays consistent)",
            dir.display()
        ))
    } else {
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_device_is_recognised() {
        // /dev/full answers every write with ENOSPC.
        let full = Path::new("/dev/full");
        if !full.exists() {
            return;
        }
        let e = std::fs::OpenOptions::new()
            .write(true)
            .open(full)
            .and_then(|mut f| f.write_all(&[0u8; 4096]).and_then(|_| f.flush()))
            .expect_err("writing /dev/full fails");
        assert!(is_storage_full(&e), "{e:?}");
        let wrapped = explain(
            anyhow::Error::new(e).context("search index"),
            Path::new("."),
        );
        let msg = format!("{wrapped:#}");
        assert!(msg.starts_with("no space left on device in ."), "{msg}");
    }

    #[test]
    fn other_errors_are_left_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let e = anyhow::anyhow!("An index writer was killed");
        let msg = format!("{:#}", explain(e, dir.path()));
        assert_eq!(msg, "An index writer was killed");
        assert!(!dir.path().join(".shiju-space-probe").exists());
        assert!(!probe_full(&dir.path().join("probe")));
    }
}
