//! Helpers shared by the CLI's integration tests.

use std::path::PathBuf;

/// A temporary folder, unique per test process and call, removed on drop.
pub struct Tmp(pub PathBuf);

impl Tmp {
    pub fn new(tag: &str) -> Tmp {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let p =
            std::env::temp_dir().join(format!("shiju-test-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&p).unwrap();
        Tmp(p)
    }

    /// `s` inside the folder.
    #[allow(dead_code)] // not every test binary needs it
    pub fn path(&self, s: &str) -> PathBuf {
        self.0.join(s)
    }
}

impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// (inputs, ingested or imported, duplicate, rejected) from the summary
/// line an `ingest` or `import` writes to stderr.
#[allow(dead_code)] // not every test binary needs it
pub fn summary(stderr: &[u8]) -> (usize, usize, usize, usize) {
    let s = String::from_utf8_lossy(stderr);
    let line = s
        .lines()
        .find(|l| l.contains(" inputs = "))
        .unwrap_or_else(|| panic!("no summary in {s}"));
    let n: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|t| !t.is_empty())
        .take(4)
        .map(|t| t.parse().unwrap())
        .collect();
    (n[0], n[1], n[2], n[3])
}
