//! Tables that more than one stage reads, parsed once per process and
//! lexicon folder: `countries.tsv` is read by the gazetteer (names, forms,
//! abbreviations) and by the event coder (one-character abbreviations of
//! pairs), which share the one parsed table.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::{LexiconError, Table};

const COUNTRIES: &str = include_str!("../../../lexicon/countries.tsv");

/// (file name, user folder) → the loaded table.
type Cache = Mutex<HashMap<(&'static str, Option<PathBuf>), Arc<Table>>>;

static CACHE: OnceLock<Cache> = OnceLock::new();

/// `countries.tsv`, built in and extended by `user_dir`, loaded once.
pub fn countries(user_dir: Option<&Path>) -> Result<Arc<Table>, LexiconError> {
    cached("countries.tsv", COUNTRIES, user_dir)
}

fn cached(
    name: &'static str,
    builtin: &'static str,
    user_dir: Option<&Path>,
) -> Result<Arc<Table>, LexiconError> {
    let cache = CACHE.get_or_init(Default::default);
    let key = (name, user_dir.map(Path::to_path_buf));
    if let Some(t) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(Arc::clone(t));
    }
    let table = Arc::new(Table::load(name, builtin, user_dir)?);
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, Arc::clone(&table));
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_are_parsed_once_per_folder() {
        let a = countries(None).unwrap();
        let b = countries(None).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert!(a.col("iso3").is_some());
        assert!(!a.is_empty());
    }
}
