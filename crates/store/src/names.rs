//! Names beside codes, for the read models of `shiju serve`: actors
//! (`countries.tsv`, the international bodies of `orgs.tsv`), CAMEO codes
//! (`cameo.tsv` in English, `cameo_zh.tsv` in Chinese), quad classes
//! (`quad_classes.tsv`), map points (`centroids.tsv`), Latin names of people,
//! states and bodies with their Chinese forms (for search), and the verb
//! words of each code's patterns (`verbs.tsv`, to highlight the verb inside
//! an evidence sentence). Everything comes from the lexicon tables, extended
//! by the user's folder (`--lexicon DIR`) like the analysis.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::Result;
use serde_json::{json, Value};
use shiju_lexicon::Table;

const COUNTRIES: &str = include_str!("../../../lexicon/countries.tsv");
const ORGS: &str = include_str!("../../../lexicon/orgs.tsv");
const PEOPLE: &str = include_str!("../../../lexicon/people.tsv");
const CAMEO: &str = include_str!("../../../lexicon/cameo.tsv");
const CAMEO_ZH: &str = include_str!("../../../lexicon/cameo_zh.tsv");
const QUADS: &str = include_str!("../../../lexicon/quad_classes.tsv");
const CENTROIDS: &str = include_str!("../../../lexicon/centroids.tsv");
const VERBS: &str = include_str!("../../../lexicon/verbs.tsv");

/// An English and a Chinese name (either may be empty).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Name {
    pub en: String,
    pub zh: String,
}

impl Name {
    fn json(&self) -> Value {
        json!({"en": self.en, "zh": self.zh})
    }
}

/// A quad class with its names and explanation in both languages.
#[derive(Debug, Clone, Default)]
pub struct Quad {
    pub quad: u8,
    pub name: Name,
    pub roots: String,
    pub color: String,
    pub about: Name,
}

/// The names and places the dashboard shows beside codes.
#[derive(Debug, Clone, Default)]
pub struct Names {
    actors: BTreeMap<String, Name>,
    cameo: BTreeMap<String, Name>,
    quads: Vec<Quad>,
    points: HashMap<String, (f64, f64)>,
    /// Folded Latin name (`kimjongun`) → Chinese forms.
    latin: HashMap<String, Vec<String>>,
    /// CAMEO code → verb words of its patterns.
    verbs: HashMap<String, Vec<String>>,
    /// Actors named in queries (`a=中国`, `actor=普京`).
    resolver: Option<std::sync::Arc<crate::resolve::ActorNames>>,
}

/// Lower-case letters and digits only: `Kim Jong-un` → `kimjongun`.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

use shiju_text::is_cjk;

/// The runs of two or more Chinese characters of a verb pattern, outside
/// its actor slots (`{S}(对|就){T}*(发表|作出)` → 发表, 作出).
fn pattern_words(p: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_slot = false;
    for c in p.chars() {
        match c {
            '{' => in_slot = true,
            '}' => in_slot = false,
            _ => {}
        }
        if !in_slot && is_cjk(c) {
            cur.push(c);
        } else {
            if cur.chars().count() >= 2 {
                out.push(std::mem::take(&mut cur));
            }
            cur.clear();
        }
    }
    if cur.chars().count() >= 2 {
        out.push(cur);
    }
    out
}

impl Names {
    /// Loads the built-in tables, extended by `lexicon` (a user folder).
    pub fn load(lexicon: Option<&Path>) -> Result<Names> {
        let mut n = Names::default();
        n.load_actors(lexicon)?;
        n.resolver = Some(std::sync::Arc::new(crate::resolve::ActorNames::load(
            lexicon,
        )?));
        let zh: HashMap<String, String> = Table::load("cameo_zh.tsv", CAMEO_ZH, lexicon)?
            .records()
            .map(|r| (r.get("code").to_string(), r.get("zh").to_string()))
            .collect();
        for r in Table::load("cameo.tsv", CAMEO, lexicon)?.records() {
            let code = r.get("code").to_string();
            let zh = zh.get(&code).cloned().unwrap_or_default();
            n.cameo.insert(
                code,
                Name {
                    en: r.get("name").to_string(),
                    zh,
                },
            );
        }
        for r in Table::load("quad_classes.tsv", QUADS, lexicon)?.records() {
            let Ok(quad) = r.get("quad").parse::<u8>() else {
                continue;
            };
            n.quads.push(Quad {
                quad,
                name: Name {
                    en: r.get("en").into(),
                    zh: r.get("zh").into(),
                },
                roots: r.get("roots").into(),
                color: r.get("color").into(),
                about: Name {
                    en: r.get("en_about").into(),
                    zh: r.get("zh_about").into(),
                },
            });
        }
        for r in Table::load("centroids.tsv", CENTROIDS, lexicon)?.records() {
            if let (Ok(lat), Ok(lon)) = (r.get("lat").parse(), r.get("lon").parse()) {
                n.points.insert(r.get("code").to_string(), (lat, lon));
            }
        }
        for r in Table::load("verbs.tsv", VERBS, lexicon)?.records() {
            let words = pattern_words(r.get("pattern"));
            let mut codes = vec![r.get("code").to_string()];
            if r.list("flags").contains(&"visit") {
                codes.push("043".into());
            }
            for c in codes {
                let e = n.verbs.entry(c).or_default();
                for w in &words {
                    if !e.contains(w) {
                        e.push(w.clone());
                    }
                }
            }
        }
        Ok(n)
    }

    fn load_actors(&mut self, lexicon: Option<&Path>) -> Result<()> {
        for r in Table::load("countries.tsv", COUNTRIES, lexicon)?.records() {
            let code = match r.get("cameo") {
                "" => r.get("iso3"),
                c => c,
            };
            let names = r.list("names");
            self.add_actor(code, r.get("en"), names.first().copied().unwrap_or(""));
            self.add_latin(r.get("en"), &names);
        }
        for r in Table::load("orgs.tsv", ORGS, lexicon)?.records() {
            let names = r.list("names");
            if r.get("kind") == "intl" && !r.get("actor").is_empty() {
                self.add_actor(
                    r.get("actor"),
                    r.get("en"),
                    names.first().copied().unwrap_or(""),
                );
            }
            self.add_latin(r.get("en"), &names);
        }
        for r in Table::load("people.tsv", PEOPLE, lexicon)?.records() {
            let forms = r.list("forms");
            self.add_latin(r.get("latin"), &forms);
            // The surname alone (`Putin`), as English news writes it.
            if let Some(last) = r.get("latin").split_whitespace().last() {
                if fold(last).len() >= 4 {
                    self.add_latin(last, &forms);
                }
            }
        }
        Ok(())
    }

    fn add_actor(&mut self, code: &str, en: &str, zh: &str) {
        if code.is_empty() {
            return;
        }
        self.actors.entry(code.to_string()).or_insert_with(|| Name {
            en: en.to_string(),
            zh: zh.to_string(),
        });
    }

    fn add_latin(&mut self, latin: &str, forms: &[&str]) {
        let key = fold(latin);
        if key.len() < 2 {
            return;
        }
        let e = self.latin.entry(key).or_default();
        for f in forms {
            if f.chars().any(is_cjk) && !e.iter().any(|x| x == f) {
                e.push(f.to_string());
            }
        }
    }

    /// The actor a query names (`CHN`, `中國`, `China`, `联合国`), as the
    /// code events hold, with the same rules and errors as the command line
    /// ([`crate::resolve::ActorNames`]); with `people`, a person's name
    /// resolves to the person's entity key (`person:putin`). Names built
    /// without the lexicon (`Names::default()`) take codes only.
    pub fn resolve_actor(&self, s: &str, people: bool) -> Result<String> {
        match &self.resolver {
            Some(r) if people => r.resolve_any(s),
            Some(r) => r.resolve(s),
            None => {
                let v = s.trim();
                if (2..=12).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    Ok(v.to_ascii_uppercase())
                } else {
                    anyhow::bail!("{v:?} is not an actor code (e.g. CHN)")
                }
            }
        }
    }

    /// The names of actor `code` (`CHN`, `UN`).
    pub fn actor(&self, code: &str) -> Option<&Name> {
        self.actors.get(code)
    }

    /// The names of CAMEO `code`; a code without a Chinese name takes its
    /// root's.
    pub fn cameo(&self, code: &str) -> Name {
        let mut n = self.cameo.get(code).cloned().unwrap_or_default();
        if n.zh.is_empty() && code.len() > 2 {
            if let Some(root) = code.get(..2).and_then(|r| self.cameo.get(r)) {
                n.zh = root.zh.clone();
            }
        }
        n
    }

    /// The quad classes, 1 to 4.
    pub fn quads(&self) -> &[Quad] {
        &self.quads
    }

    /// Latitude and longitude of a country's actor code.
    pub fn point(&self, code: &str) -> Option<(f64, f64)> {
        self.points.get(code).copied()
    }

    /// Chinese forms of a Latin name (`Kim Jong Un` → 金正恩…), empty when
    /// the lexicon has none.
    pub fn latin_forms(&self, name: &str) -> &[String] {
        self.latin.get(&fold(name)).map_or(&[], Vec::as_slice)
    }

    /// The verb words of the patterns that emit CAMEO `code`.
    pub fn verb_words(&self, code: &str) -> &[String] {
        self.verbs.get(code).map_or(&[], Vec::as_slice)
    }

    /// Every name as JSON (`/api/names`): `actors` and `cameo` maps of code
    /// → `{en, zh}` (actor map points as `lat`/`lon`), and `quads`.
    pub fn to_json(&self) -> Value {
        let actors: serde_json::Map<String, Value> = self
            .actors
            .iter()
            .map(|(k, v)| {
                let mut j = v.json();
                if let Some((lat, lon)) = self.point(k) {
                    j["lat"] = json!(lat);
                    j["lon"] = json!(lon);
                }
                (k.clone(), j)
            })
            .collect();
        let cameo: serde_json::Map<String, Value> = self
            .cameo
            .keys()
            .map(|k| (k.clone(), self.cameo(k).json()))
            .collect();
        let quads: Vec<Value> = self
            .quads
            .iter()
            .map(|q| {
                json!({
                    "quad": q.quad, "en": q.name.en, "zh": q.name.zh, "roots": q.roots,
                    "color": q.color, "about": q.about.json(),
                })
            })
            .collect();
        json!({"actors": actors, "cameo": cameo, "quads": quads})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_the_lexicon() {
        let n = Names::load(None).unwrap();
        let chn = n.actor("CHN").unwrap();
        assert_eq!((chn.en.as_str(), chn.zh.as_str()), ("China", "中国"));
        assert_eq!(n.actor("UN").unwrap().zh, "联合国");
        assert_eq!(n.cameo("042").zh, "访问");
        assert_eq!(n.cameo("042").en, "Make a visit");
        assert_eq!(n.quads().len(), 4);
        assert!(n.latin_forms("Kim Jong Un").iter().any(|f| f == "金正恩"));
        assert!(n.latin_forms("kim jong-un").iter().any(|f| f == "金正恩"));
        assert!(n.latin_forms("Putin").iter().any(|f| f == "普京"));
        assert!(n.verb_words("042").iter().any(|w| w == "访问"));
        assert!(n.verb_words("043").iter().any(|w| w == "访问"));
    }

    #[test]
    fn every_country_and_code_is_named_and_placed() {
        let n = Names::load(None).unwrap();
        for r in Table::load("countries.tsv", COUNTRIES, None)
            .unwrap()
            .records()
        {
            let code = match r.get("cameo") {
                "" => r.get("iso3"),
                c => c,
            };
            assert!(n.point(code).is_some(), "no centroid for {code}");
        }
        for r in Table::load("verbs.tsv", VERBS, None).unwrap().records() {
            assert!(!n.cameo(r.get("code")).zh.is_empty(), "{}", r.get("code"));
        }
        for root in 1..=20 {
            assert!(!n.cameo(&format!("{root:02}")).zh.is_empty());
        }
    }

    #[test]
    fn words_of_patterns() {
        assert_eq!(
            pattern_words("{S}(对|就){T}*(发表|作出)*(评论|表态)"),
            vec!["发表", "作出", "评论", "表态"]
        );
        assert_eq!(pattern_words("{S}*(访华){T:CHN}"), vec!["访华"]);
    }
}
