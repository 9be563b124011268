//! Actors named on the command line: `relations 中国 美国`, `relations China
//! Russia`, `events --actor 俄罗斯` and `events --actor RUS` all resolve to
//! the code the store holds, through the same lexicon files as the analysis
//! (`countries.tsv`, `orgs.tsv`, extended by `--lexicon`). An unknown value
//! is an error that lists the closest known codes and names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{bail, Result};
use shiju_lexicon::Table;

const COUNTRIES: &str = include_str!("../../../lexicon/countries.tsv");
const ORGS: &str = include_str!("../../../lexicon/orgs.tsv");

/// Names and codes of the actors events can have.
pub struct ActorNames {
    /// Normalised (simplified, lower-cased) name → code.
    by_name: BTreeMap<String, String>,
    /// Every known code, with an English name for error messages.
    codes: BTreeMap<String, String>,
    normalizer: shiju_text::Normalizer,
}

impl ActorNames {
    pub fn load(lexicon: Option<&Path>) -> Result<ActorNames> {
        let normalizer = shiju_text::Normalizer::new(lexicon)?;
        let mut names = ActorNames {
            by_name: BTreeMap::new(),
            codes: BTreeMap::new(),
            normalizer,
        };
        let countries = Table::load("countries.tsv", COUNTRIES, lexicon)?;
        for r in countries.records() {
            let code = match r.get("cameo") {
                "" => r.get("iso3"),
                c => c,
            };
            let mut forms = r.list("names");
            forms.extend(r.list("forms"));
            forms.push(r.get("en"));
            forms.push(r.get("iso3"));
            names.add(code, r.get("en"), &forms);
        }
        let orgs = Table::load("orgs.tsv", ORGS, lexicon)?;
        for r in orgs.records() {
            // Only bodies that are actors of their own (IGOs): a national
            // body's events carry its state's code.
            if r.get("kind") != "intl" || r.get("actor").is_empty() {
                continue;
            }
            let mut forms = r.list("names");
            forms.push(r.get("en"));
            forms.push(r.get("id"));
            names.add(r.get("actor"), r.get("en"), &forms);
        }
        Ok(names)
    }

    fn add(&mut self, code: &str, en: &str, forms: &[&str]) {
        if code.is_empty() {
            return;
        }
        self.codes
            .entry(code.to_string())
            .or_insert_with(|| en.to_string());
        for f in forms.iter().filter(|f| !f.is_empty()) {
            let key = self.key(f);
            self.by_name.entry(key).or_insert_with(|| code.to_string());
        }
        let key = self.key(code);
        self.by_name.insert(key, code.to_string());
    }

    fn key(&self, s: &str) -> String {
        self.normalizer.normalize_str(s.trim()).to_lowercase()
    }

    /// The code for `s`: a known code (any case), or a country's or
    /// organisation's name in either script or in English.
    pub fn resolve(&self, s: &str) -> Result<String> {
        if let Some(code) = self.by_name.get(&self.key(s)) {
            return Ok(code.clone());
        }
        let close = self.closest(s);
        if close.is_empty() {
            bail!(
                "{s:?} is not a known actor (a code such as CHN, or a name such as 中国 or China)"
            );
        }
        bail!(
            "{s:?} is not a known actor; did you mean {}?",
            close.join(", ")
        )
    }

    /// Up to five codes whose code or English name is within two edits of
    /// `s` (case-insensitive), or starts with it.
    fn closest(&self, s: &str) -> Vec<String> {
        let q = s.trim().to_lowercase();
        let mut scored: BTreeSet<(usize, String)> = BTreeSet::new();
        for (code, en) in &self.codes {
            let d = [code.to_lowercase(), en.to_lowercase()]
                .iter()
                .map(|c| {
                    if !q.is_empty() && c.starts_with(&q) {
                        0
                    } else {
                        edits(&q, c)
                    }
                })
                .min()
                .unwrap_or(usize::MAX);
            if d <= 2 {
                scored.insert((d, format!("{code} ({en})")));
            }
        }
        scored.into_iter().take(5).map(|(_, s)| s).collect()
    }
}

/// Levenshtein distance over characters.
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_in_any_script_and_english() {
        let n = ActorNames::load(None).unwrap();
        for s in ["CHN", "chn", "中国", "中國", "China"] {
            assert_eq!(n.resolve(s).unwrap(), "CHN", "{s}");
        }
        assert_eq!(n.resolve("俄罗斯").unwrap(), "RUS");
        assert_eq!(n.resolve("Russia").unwrap(), "RUS");
        assert_eq!(n.resolve("联合国").unwrap(), "UN");
    }

    #[test]
    fn unknown_actors_are_errors_with_close_matches() {
        let n = ActorNames::load(None).unwrap();
        let e = n.resolve("XYZ").unwrap_err().to_string();
        assert!(e.contains("not a known actor"), "{e}");
        let e = n.resolve("Chna").unwrap_err().to_string();
        assert!(e.contains("CHN"), "{e}");
    }

    #[test]
    fn edit_distance() {
        assert_eq!(edits("chna", "china"), 1);
        assert_eq!(edits("", "abc"), 3);
        assert_eq!(edits("usa", "usa"), 0);
    }
}
