//! Where the tests find the project's shared data (`../shared` beside the
//! repository: the gold-annotated seeds and real-news sets).
//!
//! The folders are not part of the repository. On a developer's machine a
//! test may skip what needs a missing folder; under CI (the `CI` variable
//! set, as `.ci/run` does) a missing folder is a failure, so CI never passes
//! on tests that did not run.

use std::path::{Path, PathBuf};

/// `../shared/<name>` (e.g. `seeds`, `realnews`) when it is a folder; `None`
/// when it is absent on a developer's machine.
///
/// # Panics
/// When the folder is absent under CI.
pub fn shared_dir(name: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")).join(name);
    existing_or_skip(dir, in_ci())
}

/// `dir` when it is a folder; else `None` (a skip) on a developer's
/// machine, a panic under CI.
fn existing_or_skip(dir: PathBuf, ci: bool) -> Option<PathBuf> {
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        !ci,
        "{} is missing: under CI the shared data must be there",
        dir.display()
    );
    eprintln!(
        "{} is missing: the checks that need it are skipped",
        dir.display()
    );
    None
}

/// The documents in `dir` and its subfolders as (file name, bytes), in
/// path order: the corpus the benchmarks time. Gold files (`*.gold.json`),
/// `README.md` and hidden files are left out; a folder or file that cannot
/// be read is passed over (a benchmark times what is there).
pub fn documents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    add_documents(dir, &mut out);
    out
}

fn add_documents(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.ends_with(".gold.json") || name.starts_with('.') || name == "README.md" {
            continue;
        }
        if p.is_dir() {
            add_documents(&p, out);
        } else if let Ok(bytes) = std::fs::read(&p) {
            out.push((name, bytes));
        }
    }
}

/// `s` with everything between `<` and `>` dropped: a crude tag stripper
/// for examples and tests that want a page's text without the extractor.
pub fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether the tests run under CI (`CI` set to anything but `false`/`0`).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn missing() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("no-such-shared-folder")
    }

    #[test]
    fn a_missing_folder_is_skipped_on_a_developers_machine() {
        assert_eq!(existing_or_skip(missing(), false), None);
        let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        assert_eq!(existing_or_skip(here.clone(), true), Some(here));
    }

    #[test]
    fn documents_leave_out_gold_readme_and_hidden_files() {
        let dir = std::env::temp_dir().join(format!("shiju-docs-{}", std::process::id()));
        let sub = dir.join("sub");
        std::fs::create_dir_all(&sub).unwrap();
        for (path, text) in [
            (dir.join("b.html"), "b"),
            (dir.join("a.md"), "a"),
            (dir.join("a.gold.json"), "{}"),
            (dir.join("README.md"), "r"),
            (dir.join(".hidden"), "h"),
            (sub.join("c.txt"), "c"),
        ] {
            std::fs::write(path, text).unwrap();
        }
        let docs = documents(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        let names: Vec<&str> = docs.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["a.md", "b.html", "c.txt"]);
        assert_eq!(docs[2].1, b"c");
        assert!(documents(&dir).is_empty());
    }

    #[test]
    fn tags_are_stripped_and_a_lone_closer_kept() {
        assert_eq!(strip_tags("<p>a<b>b</b></p> > c<br"), "ab > c");
    }

    #[test]
    #[should_panic(expected = "under CI the shared data must be there")]
    fn a_missing_folder_fails_under_ci() {
        existing_or_skip(missing(), true);
    }
}
