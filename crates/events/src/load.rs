//! Loading the lexicons (`cameo.tsv`, `verbs.tsv`, `places.tsv`) into a
//! [`Coder`].

use std::collections::HashMap;

use daachorse::CharwiseDoubleArrayAhoCorasick;
use rustc_hash::FxHashMap;
use shiju_lexicon::{LexiconError, Table};
use shiju_text::automaton::{build_cached, BuildOptions};

use crate::matcher::CElem;
use crate::pattern::{self, Flags, Pattern, Role};
use crate::{modality, quotes, stance, CameoCode, Coder, CAMEO_TSV, PLACES_TSV, VERBS_TSV};

impl Coder {
    /// Like [`Coder::new`], with the text normaliser applied to the names
    /// of `places.tsv` (written in any script, matched on normalised text).
    pub fn with_normalizer(
        user_dir: Option<&std::path::Path>,
        normalize: &dyn Fn(&str) -> String,
    ) -> Result<Self, LexiconError> {
        let cameo = load_cameo(user_dir)?;
        let stance_lex = stance::Lexicon::load(user_dir, normalize, &|c| cameo.contains_key(c))?;
        let patterns = load_patterns(user_dir, &cameo)?;
        let pair_abbr = crate::pairs::PairAbbr::load(user_dir, normalize)?;
        let opening: Vec<char> = pair_abbr.opening_chars().collect();
        let index = crate::index::Index::build(&patterns, &stance_lex.forms(), &opening)?;
        let (places, place_codes, places_alnum) = load_places(user_dir, normalize)?;
        let compiled = patterns.iter().map(|p| CElem::compile(&p.elems)).collect();
        let visit_trigger = index
            .by_trigger
            .iter()
            .map(|ps| ps.iter().any(|&pi| patterns[pi].flags.visit))
            .collect();
        Ok(Coder {
            visit_trigger,
            patterns,
            compiled,
            index,
            cameo,
            places,
            place_codes,
            places_alnum,
            modality: modality::Modality::load(user_dir, normalize)?,
            quote_lex: quotes::Lexicon::load(user_dir, normalize)?,
            stance_lex,
            pair_abbr,
        })
    }
}

type Automaton = Option<CharwiseDoubleArrayAhoCorasick<u32>>;

/// `cameo.tsv`: the CAMEO codes with their names, Goldstein scores, quad
/// classes and PLOVER types.
fn load_cameo(
    user_dir: Option<&std::path::Path>,
) -> Result<HashMap<String, CameoCode>, LexiconError> {
    let cameo_t = Table::load("cameo.tsv", CAMEO_TSV, user_dir)?;
    let mut cameo = HashMap::new();
    for r in cameo_t.records() {
        let code = r.get("code");
        if code.starts_with('-') {
            cameo.remove(code.trim_start_matches('-'));
            continue;
        }
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) || code.len() < 2 {
            return Err(r.error(format!("bad CAMEO code {code:?}")));
        }
        let quad: u8 = match r.get("quad_class").parse() {
            Ok(q @ 1..=4) => q,
            _ => return Err(r.error("quad_class must be 1-4")),
        };
        let goldstein = match r.get("goldstein") {
            "" => None,
            g => Some(g.parse::<f64>().map_err(|_| r.error("bad goldstein"))?),
        };
        let plover = Some(r.get("plover_event").to_string()).filter(|p| !p.is_empty());
        cameo.insert(
            code.to_string(),
            CameoCode {
                code: code.to_string(),
                name: r.get("name").to_string(),
                goldstein,
                quad_class: quad,
                plover,
            },
        );
    }

    Ok(cameo)
}

/// `verbs.tsv`: the verb patterns; a user row replaces the built-in row of
/// the same pattern, `-PATTERN` removes it.
fn load_patterns(
    user_dir: Option<&std::path::Path>,
    cameo: &HashMap<String, CameoCode>,
) -> Result<Vec<Pattern>, LexiconError> {
    let verbs = Table::load("verbs.tsv", VERBS_TSV, user_dir)?;
    let mut patterns: Vec<Pattern> = Vec::with_capacity(verbs.len());
    let mut index: FxHashMap<&str, usize> =
        FxHashMap::with_capacity_and_hasher(verbs.len(), Default::default());
    let [pattern_col, code_col, flags_col] = ["pattern", "code", "flags"].map(|c| verbs.column(c));
    for r in verbs.records() {
        let src = r.at(pattern_col);
        if let Some(key) = src.strip_prefix('-') {
            if let Some(i) = index.remove(key) {
                patterns[i].elems.clear();
            }
            continue;
        }
        let code = r.at(code_col);
        if !cameo.contains_key(code) {
            return Err(r.error(format!("unknown CAMEO code {code:?}")));
        }
        let mut flags = Flags::default();
        for f in shiju_lexicon::split_list(r.at(flags_col)) {
            match f {
                "sym" => flags.sym = true,
                "visit" => flags.visit = true,
                "host" => flags.host = true,
                "nofuture" => flags.nofuture = true,
                other => return Err(r.error(format!("unknown flag {other:?}"))),
            }
        }
        // A built-in pattern's words are slices of the text compiled in.
        let p = match r.at_static(pattern_col) {
            Some(fixed) => pattern::parse_builtin(fixed, code, flags),
            None => pattern::parse(src, code, flags),
        }
        .map_err(|m| r.error(format!("{src}: {m}")))?;
        if (flags.visit || flags.host) && !(p.has_slot(Role::S) && p.has_slot(Role::T)) {
            return Err(r.error("visit/host patterns need {S} and {T}"));
        }
        if let Some(&i) = index.get(src) {
            patterns[i] = p;
        } else {
            index.insert(src, patterns.len());
            patterns.push(p);
        }
    }
    patterns.retain(|p| !p.elems.is_empty());

    Ok(patterns)
}

/// `places.tsv`: cities (normalised) → the ISO3 code of their state; and
/// whether every name is letters and digits only.
fn load_places(
    user_dir: Option<&std::path::Path>,
    normalize: &dyn Fn(&str) -> String,
) -> Result<(Automaton, Vec<String>, bool), LexiconError> {
    let place_t = Table::load("places.tsv", PLACES_TSV, user_dir)?;
    // Rows keyed by their `names` field: a user row with the same key
    // replaces a built-in one, `-KEY` removes it.
    let mut rows: Vec<Option<(String, String)>> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for r in place_t.records() {
        let key = r.get("names").to_string();
        if let Some(del) = key.strip_prefix('-') {
            if let Some(i) = by_key.remove(del) {
                rows[i] = None;
            }
            continue;
        }
        let iso = r.get("iso3").trim().to_string();
        if iso.len() != 3 || !iso.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(r.error(format!("bad ISO3 code {iso:?}")));
        }
        match by_key.get(&key) {
            Some(&i) => rows[i] = Some((key, iso)),
            None => {
                by_key.insert(key.clone(), rows.len());
                rows.push(Some((key, iso)));
            }
        }
    }
    let mut place_codes: Vec<String> = Vec::new();
    let mut place_forms: HashMap<String, u32> = HashMap::new();
    for (names, iso) in rows.into_iter().flatten() {
        for name in shiju_lexicon::split_list(&names) {
            let n = normalize(name);
            if !n.is_empty() {
                place_forms.insert(n, place_codes.len() as u32);
                place_codes.push(iso.clone());
            }
        }
    }
    let alnum = (place_forms.keys()).all(|n| n.chars().all(char::is_alphanumeric));
    let places = if place_forms.is_empty() {
        None
    } else {
        Some(
            // (Sorted: the map's order differs between processes, and the
            // cache key follows the order.)
            build_cached("places", BuildOptions::LEFTMOST_LONGEST, {
                let mut forms: Vec<(String, u32)> = place_forms.into_iter().collect();
                forms.sort_unstable();
                forms
            })
            .map_err(|e| LexiconError::Format {
                file: "lexicon/places.tsv".into(),
                line: 0,
                msg: e.to_string(),
            })?,
        )
    };
    Ok((places, place_codes, alnum))
}
