//! The shape of every row of the entity lexicons: ids and ISO3 codes known,
//! dates well formed and ordered, no form listed for two entities unless
//! their roles never overlap in time.

use std::collections::{HashMap, HashSet};

use shiju_text::Normalizer;

fn rows(file: &str) -> Vec<HashMap<String, String>> {
    let path = format!("{}/../../lexicon/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut lines = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    let header: Vec<String> = lines
        .next()
        .expect("header")
        .split('\t')
        .map(str::to_string)
        .collect();
    lines
        .enumerate()
        .map(|(i, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(
                f.len() <= header.len(),
                "{file} row {}: {} fields for {} columns: {l}",
                i + 1,
                f.len(),
                header.len()
            );
            header
                .iter()
                .enumerate()
                .map(|(j, h)| (h.clone(), f.get(j).unwrap_or(&"").to_string()))
                .collect()
        })
        .collect()
}

fn list(s: &str) -> impl Iterator<Item = &str> {
    s.split('|').map(str::trim).filter(|x| !x.is_empty())
}

/// A date as a comparable (year, month, day); 0 for an unknown part.
type Ymd = (u32, u32, u32);

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as a comparable (y, m, d).
fn date(s: &str) -> Option<Ymd> {
    let p: Vec<&str> = s.split('-').collect();
    let num = |x: &str, len: usize| (x.len() == len).then(|| x.parse::<u32>().ok()).flatten();
    let y = num(p.first()?, 4)?;
    let m = match p.get(1) {
        Some(m) => num(m, 2).filter(|m| (1..=12).contains(m))?,
        None => 0,
    };
    let d = match p.get(2) {
        Some(d) => num(d, 2).filter(|d| (1..=31).contains(d))?,
        None => 0,
    };
    (p.len() <= 3).then_some((y, m, d))
}

fn isos() -> HashSet<String> {
    let mut s: HashSet<String> = rows("countries.tsv")
        .into_iter()
        .map(|r| r["iso3"].clone())
        .collect();
    s.insert("SUN".into()); // not in countries.tsv; allowed as a historical code
    s
}

#[test]
fn countries_are_iso3_once() {
    let mut seen = HashSet::new();
    for r in rows("countries.tsv") {
        let iso = &r["iso3"];
        assert!(
            iso.len() == 3 && iso.chars().all(|c| c.is_ascii_uppercase()),
            "bad iso3 {iso}"
        );
        assert!(seen.insert(iso.clone()), "duplicate iso3 {iso}");
    }
}

#[test]
fn orgs_have_known_states_and_own_names() {
    let isos = isos();
    let norm = Normalizer::new(None).unwrap();
    let mut ids = HashSet::new();
    let mut names: HashMap<String, String> = HashMap::new();
    for r in rows("orgs.tsv") {
        let id = &r["id"];
        assert!(ids.insert(id.clone()), "duplicate org id {id}");
        assert!(
            ["intl", "group", "national", "media", "company"].contains(&r["kind"].as_str()),
            "{id}: unknown kind {}",
            r["kind"]
        );
        let c = &r["country"];
        assert!(c.is_empty() || isos.contains(c), "{id}: unknown state {c}");
        if r["kind"] == "national" {
            assert!(!c.is_empty(), "{id}: a national body needs its state");
            assert!(
                id.starts_with(&format!("{c}-")),
                "{id}: id must start with {c}-"
            );
        }
        for f in list(&r["names"]) {
            let n = norm.normalize_str(f);
            if let Some(other) = names.insert(n.clone(), id.clone()) {
                assert_eq!(&other, id, "name {f} ({n}) listed for {other} and {id}");
            }
        }
    }
}

#[test]
fn bodies_have_slug_keys() {
    let mut keys = HashSet::new();
    for r in rows("bodies.tsv") {
        let k = &r["key"];
        assert!(
            !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "bad body key {k}"
        );
        assert!(keys.insert(k.clone()), "duplicate body key {k}");
        assert!(list(&r["forms"]).count() > 0, "{k}: no forms");
    }
}

#[test]
fn people_and_roles_are_well_formed() {
    let isos = isos();
    let org_ids: HashSet<String> = rows("orgs.tsv")
        .into_iter()
        .map(|r| r["id"].clone())
        .collect();
    let titles: HashSet<String> = rows("titles.tsv")
        .into_iter()
        .map(|r| r["title"].clone())
        .collect();
    let mut people: HashMap<String, String> = HashMap::new();
    for r in rows("people.tsv") {
        let id = &r["id"];
        assert!(
            !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "bad person id {id}"
        );
        let c = &r["country"];
        assert!(c.is_empty() || isos.contains(c), "{id}: unknown state {c}");
        assert!(
            people.insert(id.clone(), r["forms"].clone()).is_none(),
            "duplicate person id {id}"
        );
    }
    // Terms by person, for the shared-form check.
    let mut terms: HashMap<String, Vec<(Ymd, Ymd)>> = HashMap::new();
    for r in rows("roles.tsv") {
        let p = &r["person"];
        assert!(people.contains_key(p), "role of unknown person {p}");
        assert!(
            titles.contains(&r["title"]),
            "{p}: unknown title {}",
            r["title"]
        );
        let of = &r["of"];
        assert!(
            of.is_empty() || isos.contains(of) || org_ids.contains(of),
            "{p}: unknown state or org {of}"
        );
        let start = (!r["start"].is_empty())
            .then(|| date(&r["start"]).unwrap_or_else(|| panic!("{p}: bad start {}", r["start"])));
        let end = (!r["end"].is_empty())
            .then(|| date(&r["end"]).unwrap_or_else(|| panic!("{p}: bad end {}", r["end"])));
        let elected = (!r["elected"].is_empty()).then(|| {
            date(&r["elected"]).unwrap_or_else(|| panic!("{p}: bad elected {}", r["elected"]))
        });
        if let (Some(s), Some(e)) = (start, end) {
            assert!(s <= e, "{p} {}: start {s:?} after end {e:?}", r["title"]);
        }
        if let (Some(el), Some(s)) = (elected, start) {
            assert!(el <= s, "{p} {}: elected after start", r["title"]);
        }
        terms
            .entry(p.clone())
            .or_default()
            .push((start.unwrap_or((0, 0, 0)), end.unwrap_or((9999, 0, 0))));
    }
    // A form shared by two people only when their terms never overlap.
    let norm = Normalizer::new(None).unwrap();
    let mut by_form: HashMap<String, Vec<String>> = HashMap::new();
    for (id, forms) in &people {
        for f in list(forms) {
            let v = by_form.entry(norm.normalize_str(f)).or_default();
            if !v.contains(id) {
                v.push(id.clone());
            }
        }
    }
    for (f, ids) in by_form {
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                let (ta, tb) = (terms.get(a), terms.get(b));
                let overlap = match (ta, tb) {
                    (Some(ta), Some(tb)) => {
                        ta.iter().any(|x| tb.iter().any(|y| x.0 < y.1 && y.0 < x.1))
                    }
                    _ => true,
                };
                assert!(!overlap, "form {f} listed for {a} and {b}");
            }
        }
    }
}

/// Offices that one person holds at a time: two people never hold one of
/// them for the same state or organisation on the same day, and a person's
/// terms of one office never overlap (end = the successor's first day).
/// A term of office: start, end, holder.
type Term = (Ymd, Ymd, String);

#[test]
fn single_holder_offices_never_overlap() {
    const SINGLE: &[&str] = &[
        "president",
        "prime_minister",
        "chancellor",
        "foreign_minister",
        "defence_minister",
        "secretary_of_state",
        "king",
        "emir",
        "sultan",
        "pope",
        "secretary_general",
    ];
    let mut by_office: HashMap<(String, String), Vec<Term>> = HashMap::new();
    for r in rows("roles.tsv") {
        if !SINGLE.contains(&r["title"].as_str()) || r["of"].is_empty() {
            continue;
        }
        let start = date(&r["start"]).unwrap_or((0, 0, 0));
        let end = date(&r["end"]).unwrap_or((9999, 0, 0));
        by_office
            .entry((r["title"].clone(), r["of"].clone()))
            .or_default()
            .push((start, end, r["person"].clone()));
    }
    for ((title, of), terms) in by_office {
        for (i, a) in terms.iter().enumerate() {
            for b in &terms[i + 1..] {
                assert!(
                    !(a.0 < b.1 && b.0 < a.1),
                    "{title} of {of}: {} {:?}–{:?} overlaps {} {:?}–{:?}",
                    a.2,
                    a.0,
                    a.1,
                    b.2,
                    b.0,
                    b.1
                );
            }
        }
    }
}
