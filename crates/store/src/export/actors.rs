//! Actors as the exports describe them: CAMEO actor codes (organisations
//! through `lexicon/cameo_orgs.tsv`, states by their CAMEO country code),
//! GDELT's known-group and type codes, and English names (from
//! `lexicon/countries.tsv`, `orgs.tsv` and `people.tsv`) beside the
//! Chinese ones the store keeps.

use std::collections::HashMap;
use std::sync::OnceLock;

const CAMEO_ORGS: &str = include_str!("../../../../lexicon/cameo_orgs.tsv");
const COUNTRIES: &str = include_str!("../../../../lexicon/countries.tsv");
const ORGS: &str = include_str!("../../../../lexicon/orgs.tsv");
const PEOPLE: &str = include_str!("../../../../lexicon/people.tsv");

/// The rows of a compiled-in TSV file (comment lines `#` skipped, the first
/// other line is the header), as column → value maps.
fn rows(tsv: &'static str) -> Vec<HashMap<&'static str, &'static str>> {
    let mut lines = tsv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    let Some(header) = lines.next() else {
        return Vec::new();
    };
    let names: Vec<&str> = header.split('\t').collect();
    lines
        .map(|l| names.iter().copied().zip(l.split('\t')).collect())
        .collect()
}

/// One organisation's CAMEO description.
#[derive(Debug, Clone, Default)]
pub(crate) struct OrgCode {
    pub cameo: String,
    pub group: String,
    pub types: Vec<String>,
}

struct Tables {
    orgs: HashMap<String, OrgCode>,
    /// ISO3 → (CAMEO country code, English name).
    countries: HashMap<String, (String, String)>,
    /// orgs.tsv id → English name.
    org_names: HashMap<String, String>,
    /// people.tsv id → Latin name.
    people: HashMap<String, String>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let get = |r: &HashMap<&str, &str>, k: &str| r.get(k).copied().unwrap_or("").to_string();
        let orgs = rows(CAMEO_ORGS)
            .iter()
            .map(|r| {
                let types = get(r, "types")
                    .split('|')
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
                    .collect();
                (
                    get(r, "actor"),
                    OrgCode {
                        cameo: get(r, "cameo"),
                        group: get(r, "group"),
                        types,
                    },
                )
            })
            .collect();
        let countries = rows(COUNTRIES)
            .iter()
            .map(|r| {
                let iso = get(r, "iso3");
                let cameo = Some(get(r, "cameo"))
                    .filter(|c| !c.is_empty())
                    .unwrap_or_else(|| iso.clone());
                (iso, (cameo, get(r, "en")))
            })
            .collect();
        let org_names = rows(ORGS)
            .iter()
            .map(|r| (get(r, "id"), get(r, "en")))
            .collect();
        let people = rows(PEOPLE)
            .iter()
            .map(|r| (get(r, "id"), get(r, "latin")))
            .collect();
        Tables {
            orgs,
            countries,
            org_names,
            people,
        }
    })
}

/// What the store knows of an event's actor entity.
#[derive(Debug, Clone, Default)]
pub(crate) struct EntityRow {
    pub key: Option<String>,
    pub kind: Option<String>,
    pub country: Option<String>,
    pub name: Option<String>,
}

/// One actor of an event, as the exports write it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Actor {
    /// The full CAMEO actor code (`USA`, `IGOUNO`, `IGOEUREEC`); empty when
    /// CAMEO has none (a group it does not list, a state it does not code).
    pub cameo: String,
    /// English (or Latin) name; the Chinese one when no English is known.
    pub name: String,
    /// The name the store keeps (simplified Chinese).
    pub name_zh: String,
    /// CAMEO country code of the state the actor is or belongs to.
    pub country: String,
    /// ISO3 of that state (for the English place name).
    pub iso3: String,
    /// GDELT KnownGroupCode.
    pub group: String,
    /// CAMEO type/role trigrams (GDELT Type1-3).
    pub types: Vec<String>,
}

/// Describes the actor coded `code` (shiju's code: ISO3 for a state, the
/// organisation's code otherwise) whose entity is `ent`.
pub(crate) fn actor(code: &str, ent: &EntityRow) -> Actor {
    let t = tables();
    let mut a = Actor {
        name_zh: ent.name.clone().unwrap_or_default(),
        ..Actor::default()
    };
    // The state the actor is (a country code) or belongs to.
    let iso3 = ent.country.clone().or_else(|| {
        (ent.kind.is_none() || ent.kind.as_deref() == Some("country"))
            .then(|| code.to_string())
            .filter(|c| t.countries.contains_key(c))
    });
    if let Some(iso) = iso3.filter(|i| t.countries.contains_key(i)) {
        let (cameo, en) = &t.countries[&iso];
        a.country = cameo.clone();
        a.cameo = cameo.clone();
        a.name = en.clone();
        a.iso3 = iso;
    }
    if let Some(o) = t.orgs.get(code) {
        a.cameo = o.cameo.clone();
        a.group = o.group.clone();
        a.types = o.types.clone();
    }
    let key = ent.key.as_deref().unwrap_or("");
    let own_name = if let Some(id) = key.strip_prefix("org:") {
        t.org_names.get(id)
    } else if let Some(id) = key.strip_prefix("person:") {
        t.people.get(id)
    } else {
        // No entity: the organisation the code names, if any.
        t.orgs.get(code).and_then(|_| t.org_names.get(code))
    };
    if let Some(n) = own_name.filter(|n| !n.is_empty()) {
        a.name = n.clone();
    }
    if a.name.is_empty() {
        a.name = a.name_zh.clone();
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn igos_take_cameo_codes() {
        let un = actor("UN", &EntityRow::default());
        assert_eq!((un.cameo.as_str(), un.group.as_str()), ("IGOUNO", "UNO"));
        assert_eq!(un.types, ["IGO"]);
        assert_eq!(actor("EU", &EntityRow::default()).cameo, "IGOEUREEC");
        assert_eq!(actor("NATO", &EntityRow::default()).cameo, "IGOWSTNAT");
        assert_eq!(actor("WHO", &EntityRow::default()).group, "WHO");
        assert_eq!(actor("APEC", &EntityRow::default()).cameo, "IGO");
        let usa = actor("USA", &EntityRow::default());
        assert_eq!(usa.cameo, "USA");
        assert_eq!(usa.country, "USA");
        assert_eq!(usa.name, "United States");
    }

    #[test]
    fn every_code_is_made_of_cameo_trigrams() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/reference/cameo_actor_types.tsv"
        );
        let Ok(reference) = std::fs::read_to_string(path) else {
            eprintln!("{path} not found: skipped");
            return;
        };
        let known: Vec<&str> = reference
            .lines()
            .skip(1)
            .filter_map(|l| l.split('\t').next())
            .collect();
        for (actor, o) in &tables().orgs {
            assert!(o.cameo.len() % 3 == 0, "{actor}: {}", o.cameo);
            assert!(o.cameo.ends_with(&o.group), "{actor}: {}", o.cameo);
            let first = &o.cameo[..3];
            assert!(
                known.contains(&first) || tables().countries.contains_key(first),
                "{actor}: {first} is not a CAMEO type or country"
            );
            for ty in &o.types {
                assert!(known.contains(&ty.as_str()), "{actor}: type {ty}");
                assert!(o.cameo.contains(ty.as_str()), "{actor}: {ty}");
            }
        }
    }
}
