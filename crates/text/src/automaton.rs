//! A file cache of the compiled Aho-Corasick automata.
//!
//! Compiling the lexicon's automata (the gazetteer, the event words, …) is
//! most of a process's start-up. [`build_cached`] keeps each compiled
//! automaton in a file named after what it was built from:
//! `<cache dir>/<name>-<key>.daac`, where the key is a 128-bit SipHash-1-3
//! of the cache format, the daachorse version, the match kind, the prefilter
//! option and every pattern with its value, in order. A file is trusted only
//! when its stored checksum matches its payload and daachorse's validating
//! deserializer accepts it; anything else (a missing, unreadable, truncated
//! or corrupted file) means building as without a cache, then writing the
//! file anew (to a temporary file in the same folder, renamed into place, so
//! that parallel processes never see half a file). Writing a new file removes
//! the files of the same name with another key. Write errors are ignored: it
//! is only a cache.
//!
//! The folder is `$SHIJU_CACHE_DIR`, else `$XDG_CACHE_HOME/shiju`, else
//! `$HOME/.cache/shiju`; `SHIJU_CACHE_DIR=off` (or empty) turns the cache off.

use daachorse::errors::Result as BuildResult;
use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};
use siphasher::sip128::{Hasher128, SipHasher13};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::LazyLock;

/// The compiled automaton type of the pipeline: values are `u32`.
pub type Automaton = CharwiseDoubleArrayAhoCorasick<u32>;

/// Version of the file layout and of the key; bump it when either changes.
const FORMAT_VERSION: u32 = 1;

/// The daachorse version whose serialisation the files hold (a test checks it
/// against Cargo.lock, so that an upgrade cannot reuse older files).
const DAACHORSE_VERSION: &str = "5.1.0";

/// First bytes of a cache file.
const MAGIC: &[u8; 8] = b"shijuAC\x01";

/// Length of the header: magic, payload length (u64), payload checksum (u64).
const HEADER_LEN: usize = 8 + 8 + 8;

/// How to build an automaton: what daachorse's builder is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BuildOptions {
    /// The match semantics.
    pub match_kind: MatchKind,
    /// Whether daachorse builds its prefilter.
    pub prefilter: bool,
}

impl BuildOptions {
    /// Standard match semantics, no prefilter.
    pub const STANDARD_NO_PREFILTER: BuildOptions = BuildOptions {
        match_kind: MatchKind::Standard,
        prefilter: false,
    };
    /// Leftmost-longest semantics with daachorse's default prefilter.
    pub const LEFTMOST_LONGEST: BuildOptions = BuildOptions {
        match_kind: MatchKind::LeftmostLongest,
        prefilter: true,
    };
    /// Leftmost-longest semantics, no prefilter.
    pub const LEFTMOST_LONGEST_NO_PREFILTER: BuildOptions = BuildOptions {
        match_kind: MatchKind::LeftmostLongest,
        prefilter: false,
    };
}

/// The cache folder of this process, from the environment (once).
static CACHE_DIR: LazyLock<Option<PathBuf>> = LazyLock::new(cache_dir_from_env);

/// Builds the automaton of `patterns` (with their values) as daachorse's
/// builder does with `options`, or reads it from the cache when it was built
/// from the same patterns before. `name` names the automaton's cache file
/// (short, distinct per build site, e.g. `"gazetteer"`). Errors are the
/// builder's.
pub fn build_cached<P: AsRef<str>>(
    name: &str,
    options: BuildOptions,
    patterns: impl IntoIterator<Item = (P, u32)>,
) -> BuildResult<Automaton> {
    build_in(CACHE_DIR.as_deref(), name, options, patterns)
}

/// [`build_cached`] with the cache in `dir` (`None`: no cache).
pub fn build_in<P: AsRef<str>>(
    dir: Option<&Path>,
    name: &str,
    options: BuildOptions,
    patterns: impl IntoIterator<Item = (P, u32)>,
) -> BuildResult<Automaton> {
    let patterns: Vec<(P, u32)> = patterns.into_iter().collect();
    let Some(dir) = dir else {
        return build(options, &patterns);
    };
    let file = dir.join(file_name(name, key(options, &patterns)));
    if let Some(automaton) = read(&file) {
        return Ok(automaton);
    }
    let automaton = build(options, &patterns)?;
    write(dir, name, &file, &automaton.serialize());
    Ok(automaton)
}

/// The automaton built by daachorse (no cache).
fn build<P: AsRef<str>>(options: BuildOptions, patterns: &[(P, u32)]) -> BuildResult<Automaton> {
    CharwiseDoubleArrayAhoCorasickBuilder::new()
        .match_kind(options.match_kind)
        .use_prefilter(options.prefilter)
        .build_with_values(patterns.iter().map(|(p, v)| (p.as_ref(), *v)))
}

/// The cache key: a 128-bit hash of everything the automaton is built from
/// (and of the versions of the format and of daachorse).
fn key<P: AsRef<str>>(options: BuildOptions, patterns: &[(P, u32)]) -> u128 {
    // One buffer, hashed in one call: far cheaper than a call per pattern.
    let mut bytes: Vec<u8> = Vec::with_capacity(64 + patterns.len() * 16);
    bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    bytes.extend_from_slice(DAACHORSE_VERSION.as_bytes());
    bytes.push(options.match_kind as u8);
    bytes.push(u8::from(options.prefilter));
    bytes.extend_from_slice(&(patterns.len() as u64).to_le_bytes());
    for (pattern, value) in patterns {
        let pattern = pattern.as_ref().as_bytes();
        bytes.extend_from_slice(&(pattern.len() as u32).to_le_bytes());
        bytes.extend_from_slice(pattern);
        bytes.extend_from_slice(&value.to_le_bytes());
    }
    let mut hasher = SipHasher13::new();
    hasher.write(&bytes);
    hasher.finish128().as_u128()
}

/// The cache file name of automaton `name` with `key`.
fn file_name(name: &str, key: u128) -> String {
    format!("{name}-{key:032x}.daac")
}

/// Whether `file` is a cache file of automaton `name` (with any key).
fn is_file_of(file: &str, name: &str) -> bool {
    file.strip_prefix(name)
        .and_then(|rest| rest.strip_prefix('-'))
        .and_then(|rest| rest.strip_suffix(".daac"))
        .is_some_and(|key| key.len() == 32 && key.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A fast 64-bit checksum of `bytes` (word-wise multiply and rotate): it
/// catches truncated and corrupted files; it is no defence against forgery.
fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (bytes.len() as u64) ^ K;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K).rotate_left(29);
    }
    let mut tail = [0u8; 8];
    tail[..words.remainder().len()].copy_from_slice(words.remainder());
    h = (h ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    h ^ (h >> 32)
}

/// The automaton in cache file `file`, if it is there, whole and valid.
fn read(file: &Path) -> Option<Automaton> {
    let bytes = std::fs::read(file).ok()?;
    let (header, payload) = bytes.split_at_checked(HEADER_LEN)?;
    let (magic, rest) = header.split_at(8);
    let (len, sum) = rest.split_at(8);
    if magic != MAGIC
        || u64::from_le_bytes(len.try_into().ok()?) != payload.len() as u64
        || u64::from_le_bytes(sum.try_into().ok()?) != checksum(payload)
    {
        return None;
    }
    match Automaton::deserialize(payload) {
        Ok((automaton, [])) => Some(automaton),
        _ => None,
    }
}

/// Writes `payload` as cache file `file` of automaton `name` in `dir` (via a
/// temporary file and a rename), then removes the other files of `name`.
/// Errors are ignored.
fn write(dir: &Path, name: &str, file: &Path, payload: &[u8]) {
    /// Makes temporary names unique within the process.
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let mut bytes = Vec::with_capacity(HEADER_LEN + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&checksum(payload).to_le_bytes());
    bytes.extend_from_slice(payload);
    let temp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    if std::fs::write(&temp, &bytes).is_err() || std::fs::rename(&temp, file).is_err() {
        let _ = std::fs::remove_file(&temp);
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let keep = file.file_name();
    for entry in entries.flatten() {
        let other = entry.file_name();
        if Some(other.as_os_str()) != keep && other.to_str().is_some_and(|o| is_file_of(o, name)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The cache folder the environment asks for (see the module's doc).
fn cache_dir_from_env() -> Option<PathBuf> {
    let non_empty = |var: &str| std::env::var_os(var).filter(|v| !v.is_empty());
    if let Some(dir) = std::env::var_os("SHIJU_CACHE_DIR") {
        return (!dir.is_empty() && dir != "off").then(|| PathBuf::from(dir));
    }
    if let Some(xdg) = non_empty("XDG_CACHE_HOME") {
        return Some(PathBuf::from(xdg).join("shiju"));
    }
    non_empty("HOME").map(|home| PathBuf::from(home).join(".cache").join("shiju"))
}

#[cfg(test)]
mod tests;
