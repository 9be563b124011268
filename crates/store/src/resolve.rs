//! Actors named in queries, on the command line and in the API alike:
//! `relations 中国 美国`, `relations China Russia`, `events --actor 俄罗斯`,
//! `events --actor RUS` and `/api/relations?a=中國&b=USA` all resolve to the
//! code the store holds, through the same lexicon files as the analysis
//! (`countries.tsv`, `orgs.tsv`, `people.tsv`, extended by `--lexicon`). A
//! person (`events --actor 普京`, `Vladimir Putin`) resolves to the entity
//! key events keep beside the codes (`person:putin`), where the query can
//! take one. An unknown value is an error that lists the closest known codes
//! and names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{bail, Result};
use shiju_lexicon::Table;

const COUNTRIES: &str = include_str!("../../../lexicon/countries.tsv");
const ORGS: &str = include_str!("../../../lexicon/orgs.tsv");
const PEOPLE: &str = include_str!("../../../lexicon/people.tsv");

/// Names and codes of the actors events can have.
pub struct ActorNames {
    /// Normalised (simplified, lower-cased) name → code.
    by_name: BTreeMap<String, String>,
    /// Normalised name of a person → (entity key, Latin name, state).
    people: BTreeMap<String, (String, String, String)>,
    /// Every known code, with an English name for error messages.
    codes: BTreeMap<String, String>,
    normalizer: shiju_text::Normalizer,
}

impl std::fmt::Debug for ActorNames {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ActorNames")
            .field("names", &self.by_name.len())
            .field("people", &self.people.len())
            .finish()
    }
}

impl ActorNames {
    pub fn load(lexicon: Option<&Path>) -> Result<ActorNames> {
        let normalizer = shiju_text::Normalizer::new(lexicon)?;
        let mut names = ActorNames {
            by_name: BTreeMap::new(),
            people: BTreeMap::new(),
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
        let people = Table::load("people.tsv", PEOPLE, lexicon)?;
        for r in people.records() {
            let id = r.get("id");
            if id.is_empty() {
                continue;
            }
            let person = (
                format!("person:{id}"),
                r.get("latin").to_string(),
                r.get("country").to_string(),
            );
            let mut forms = r.list("forms");
            forms.push(r.get("latin"));
            for f in forms.iter().filter(|f| !f.is_empty()) {
                let key = names.key(f);
                // A name that is also a state's or body's stays theirs.
                if !names.by_name.contains_key(&key) {
                    names.people.entry(key).or_insert_with(|| person.clone());
                }
            }
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
    /// organisation's name in either script or in English. A person's name
    /// is an error that says so (see [`ActorNames::resolve_any`]).
    pub fn resolve(&self, s: &str) -> Result<String> {
        if let Some(code) = self.by_name.get(&self.key(s)) {
            return Ok(code.clone());
        }
        if let Some((_, latin, state)) = self.people.get(&self.key(s)) {
            bail!("{s:?} is a person ({latin}, {state}): give a state or an organisation here");
        }
        self.unknown(s)
    }

    /// Like [`ActorNames::resolve`], but a person's name (any script, or
    /// Latin) or entity key resolves to the person's entity key
    /// (`person:putin`), which the events filter matches on either side.
    pub fn resolve_any(&self, s: &str) -> Result<String> {
        if let Some(code) = self.by_name.get(&self.key(s)) {
            return Ok(code.clone());
        }
        if let Some((key, _, _)) = self.people.get(&self.key(s)) {
            return Ok(key.clone());
        }
        if let Some(id) = s.trim().strip_prefix("person:") {
            if self
                .people
                .values()
                .any(|(k, _, _)| k.strip_prefix("person:") == Some(id))
            {
                return Ok(format!("person:{id}"));
            }
        }
        self.unknown(s)
    }

    fn unknown<T>(&self, s: &str) -> Result<T> {
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
        // Codes and English names are Latin: a name in Chinese is not a
        // misspelling of one.
        if !q.is_ascii() {
            return Vec::new();
        }
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
        assert_eq!(n.resolve("United States").unwrap(), "USA");
        assert_eq!(n.resolve("美國").unwrap(), "USA");
    }

    #[test]
    fn people_resolve_to_their_entity_key_where_a_query_takes_one() {
        let n = ActorNames::load(None).unwrap();
        for s in ["普京", "普丁", "蒲亭", "Vladimir Putin", "person:putin"] {
            assert_eq!(n.resolve_any(s).unwrap(), "person:putin", "{s}");
        }
        assert_eq!(n.resolve_any("中国").unwrap(), "CHN");
        let e = n.resolve("普京").unwrap_err().to_string();
        assert!(e.contains("is a person") && e.contains("RUS"), "{e}");
        assert!(n.resolve_any("person:nobody-at-all").is_err());
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
