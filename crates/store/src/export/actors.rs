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
const ROLES: &str = include_str!("../../../../lexicon/roles.tsv");
const ACTOR_TYPES: &str = include_str!("../../../../lexicon/actor_types.tsv");

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
    /// people.tsv id → (title, start, end) of each dated role.
    roles: HashMap<String, Vec<(String, String, String)>>,
    /// (scope, key) → CAMEO role code (`actor_types.tsv`).
    types: HashMap<(String, String), String>,
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
        let mut roles: HashMap<String, Vec<(String, String, String)>> = HashMap::new();
        for r in rows(ROLES) {
            roles.entry(get(&r, "person")).or_default().push((
                get(&r, "title"),
                get(&r, "start"),
                get(&r, "end"),
            ));
        }
        let types = rows(ACTOR_TYPES)
            .iter()
            .map(|r| ((get(r, "scope"), get(r, "key")), get(r, "type")))
            .collect();
        Tables {
            orgs,
            countries,
            org_names,
            people,
            roles,
            types,
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

/// The CAMEO role code of entity `ent` on `day` (`YYYY-MM-DD`): a person's
/// role that day (`roles.tsv`), a national body's (`org:ISO3-key`: the
/// organisation's own row, else the generic body's key), an organisation
/// kind's; `None` for states and people without a role that day.
fn role_type(ent: &EntityRow, day: Option<&str>) -> Option<String> {
    let t = tables();
    let ty = |scope: &str, key: &str| t.types.get(&(scope.to_string(), key.to_string())).cloned();
    let key = ent.key.as_deref()?;
    if let Some(id) = key.strip_prefix("person:") {
        let day = day?;
        return t.roles.get(id)?.iter().find_map(|(title, start, end)| {
            let held = start.as_str() <= day && (end.is_empty() || day < end.as_str());
            held.then(|| ty("role", title)).flatten()
        });
    }
    let id = key.strip_prefix("org:")?;
    ty("org", id)
        .or_else(|| id.split_once('-').and_then(|(_, body)| ty("body", body)))
        .or_else(|| ent.kind.as_deref().and_then(|k| ty("kind", k)))
}

/// Describes the actor coded `code` (shiju's code: ISO3 for a state, the
/// organisation's code otherwise) whose entity is `ent`, in an event of
/// `day`: a state's organ or official gets the state's code and its role
/// (`USAGOV`, `CHNMIL`), an international organisation its CAMEO code.
pub(crate) fn actor(code: &str, ent: &EntityRow, day: Option<&str>) -> Actor {
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
    } else if let Some(ty) = role_type(ent, day) {
        if !a.country.is_empty() {
            a.cameo = format!("{}{ty}", a.country);
        }
        a.types = vec![ty];
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
        let un = actor("UN", &EntityRow::default(), None);
        assert_eq!((un.cameo.as_str(), un.group.as_str()), ("IGOUNO", "UNO"));
        assert_eq!(un.types, ["IGO"]);
        assert_eq!(actor("EU", &EntityRow::default(), None).cameo, "IGOEUREEC");
        assert_eq!(
            actor("NATO", &EntityRow::default(), None).cameo,
            "IGOWSTNAT"
        );
        assert_eq!(actor("WHO", &EntityRow::default(), None).group, "WHO");
        assert_eq!(actor("APEC", &EntityRow::default(), None).cameo, "IGO");
        let usa = actor("USA", &EntityRow::default(), None);
        assert_eq!(usa.cameo, "USA");
        assert_eq!(usa.country, "USA");
        assert_eq!(usa.name, "United States");
    }

    fn ent(key: &str, kind: &str, country: &str) -> EntityRow {
        EntityRow {
            key: Some(key.into()),
            kind: Some(kind.into()),
            country: Some(country.into()),
            name: None,
        }
    }

    #[test]
    fn officials_and_organs_take_their_states_code_and_role() {
        // A president in office that day, and the day after he left it.
        let bush = ent("person:george-w-bush", "person", "USA");
        let a = actor("USA", &bush, Some("2003-03-20"));
        assert_eq!(
            (a.cameo.as_str(), a.types.as_slice()),
            ("USAGOV", &["GOV".to_string()][..])
        );
        let after = actor("USA", &bush, Some("2010-01-01"));
        assert_eq!(after.cameo, "USA");
        assert!(after.types.is_empty());
        assert_eq!(actor("USA", &bush, None).cameo, "USA");
        // Named organs (orgs.tsv) and generic bodies (bodies.tsv).
        assert_eq!(
            actor("CHN", &ent("org:CHN-pla", "national", "CHN"), None).cameo,
            "CHNMIL"
        );
        assert_eq!(
            actor("GBR", &ent("org:GBR-mod", "national", "GBR"), None).cameo,
            "GBRMIL"
        );
        assert_eq!(
            actor("FRA", &ent("org:FRA-mofa", "national", "FRA"), None).cameo,
            "FRAGOV"
        );
        assert_eq!(
            actor("KOR", &ent("org:KOR-parliament", "national", "KOR"), None).cameo,
            "KORLEG"
        );
        assert_eq!(
            actor(
                "JPN",
                &ent("org:JPN-supreme-court", "national", "JPN"),
                None
            )
            .types,
            ["JUD"]
        );
        // IGOs keep their own codes; a state stays a state.
        assert_eq!(
            actor("UN", &ent("org:UN", "intl", ""), None).cameo,
            "IGOUNO"
        );
        assert_eq!(
            actor("RUS", &ent("country:RUS", "country", "RUS"), None).cameo,
            "RUS"
        );
    }

    #[test]
    fn every_type_is_a_cameo_code_and_every_key_is_known() {
        let known = [
            "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "MED", "BUS", "OPP", "PTY",
        ];
        let bodies = include_str!("../../../../lexicon/bodies.tsv");
        let body_keys: Vec<&str> = bodies
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .filter_map(|l| l.split('\t').next())
            .collect();
        let titles: Vec<String> = rows(ROLES).iter().map(|r| r["title"].to_string()).collect();
        for ((scope, key), ty) in &tables().types {
            assert!(known.contains(&ty.as_str()), "{scope} {key}: {ty}");
            match scope.as_str() {
                "role" => assert!(titles.contains(key), "role {key} is in no roles.tsv row"),
                "body" => assert!(body_keys.contains(&key.as_str()), "body {key}"),
                "org" => assert!(tables().org_names.contains_key(key), "org {key}"),
                "kind" => {}
                other => panic!("unknown scope {other}"),
            }
        }
    }

    #[test]
    fn every_code_is_made_of_cameo_trigrams() {
        let Some(dir) = shiju_core::testdata::shared_dir("reference") else {
            return;
        };
        let reference = std::fs::read_to_string(dir.join("cameo_actor_types.tsv")).unwrap();
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
