//! Where the tests find the project's shared data (`../shared` beside the
//! repository: the gold-annotated seeds and real-news sets).
//!
//! The folders are not part of the repository. On a developer's machine a
//! test may skip what needs a missing folder; under CI (the `CI` variable
//! set, as `.ci/run` does) a missing folder is a failure, so CI never passes
//! on tests that did not run.

use std::path::PathBuf;

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
    #[should_panic(expected = "under CI the shared data must be there")]
    fn a_missing_folder_fails_under_ci() {
        existing_or_skip(missing(), true);
    }
}
