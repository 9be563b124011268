//! GDELT's geography columns (`Actor1Geo_*`, `Actor2Geo_*`, `ActionGeo_*`:
//! Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID)
//! from what shiju knows:
//!
//! - an actor's place is the state it is or belongs to, at country level
//!   (Type 1): the state's English name, its FIPS 10-4 code as CountryCode,
//!   ADM1Code and FeatureID (GDELT's convention for country matches), and
//!   the state's centroid (`lexicon/centroids.tsv`);
//! - the action's place is a place of `lexicon/places.tsv` named in the
//!   evidence sentence (a city or site: Type 4, or 3 in the US; a region:
//!   5, or 2 for a US state), with its point from `lexicon/place_points.tsv`
//!   (at country level when it has none); else, by CAMEO's definitions, the
//!   target's state for 042 (make a visit) and the source's for 043 (host a
//!   visit); else the state both actors belong to; else nothing.
//!
//! shiju has no GNS/GNIS feature ids, ADM1 codes of places or GAUL ADM2
//! ids: those cells stay empty below country level.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::Ev;

const COUNTRIES: &str = include_str!("../../../../lexicon/countries.tsv");
const CENTROIDS: &str = include_str!("../../../../lexicon/centroids.tsv");
const PLACES: &str = include_str!("../../../../lexicon/places.tsv");
const POINTS: &str = include_str!("../../../../lexicon/place_points.tsv");

/// One location, as GDELT's eight geography columns describe it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Geo {
    pub ty: u8,
    pub full_name: String,
    pub country: String,
    pub adm1: String,
    pub lat: f64,
    pub lon: f64,
    pub feature: String,
}

impl Geo {
    /// The eight cells (Type, FullName, CountryCode, ADM1Code, ADM2Code,
    /// Lat, Long, FeatureID); all empty for `None`.
    pub fn cells(g: Option<&Geo>) -> [String; 8] {
        let Some(g) = g else {
            return Default::default();
        };
        [
            g.ty.to_string(),
            g.full_name.clone(),
            g.country.clone(),
            g.adm1.clone(),
            String::new(),
            format!("{}", g.lat),
            format!("{}", g.lon),
            g.feature.clone(),
        ]
    }
}

struct State {
    en: String,
    fips: String,
    lat: f64,
    lon: f64,
}

struct Place {
    /// Normalised forms.
    forms: Vec<String>,
    en: String,
    /// Actor code of its state.
    state: String,
    point: Option<(u8, f64, f64)>,
}

struct Tables {
    /// Actor country code (CAMEO, else ISO3) → state.
    states: HashMap<String, State>,
    places: Vec<Place>,
    normalizer: Option<shiju_text::Normalizer>,
}

fn rows(tsv: &'static str) -> impl Iterator<Item = HashMap<&'static str, &'static str>> {
    let mut lines = tsv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
    let names: Vec<&str> = lines
        .next()
        .map(|h| h.split('\t').collect())
        .unwrap_or_default();
    lines.map(move |l| names.iter().copied().zip(l.split('\t')).collect())
}

fn get<'a>(r: &HashMap<&str, &'a str>, k: &str) -> &'a str {
    r.get(k).copied().unwrap_or("").trim()
}

/// `Istanbul (Taiwan rendering)` → `Istanbul`.
fn plain_en(en: &str) -> &str {
    en.split(" (").next().unwrap_or(en).trim()
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let normalizer = shiju_text::Normalizer::new(None).ok();
        let norm = |s: &str| match &normalizer {
            Some(n) => n.normalize_str(s),
            None => s.to_string(),
        };
        let mut iso_to_code = HashMap::new();
        let mut en_of = HashMap::new();
        for r in rows(COUNTRIES) {
            let iso = get(&r, "iso3");
            let code = Some(get(&r, "cameo"))
                .filter(|c| !c.is_empty())
                .unwrap_or(iso);
            iso_to_code.insert(iso.to_string(), code.to_string());
            en_of.insert(code.to_string(), get(&r, "en").to_string());
        }
        let mut states = HashMap::new();
        for r in rows(CENTROIDS) {
            let code = get(&r, "code");
            let (Ok(lat), Ok(lon)) = (get(&r, "lat").parse(), get(&r, "lon").parse()) else {
                continue;
            };
            let Some(en) = en_of.get(code) else { continue };
            states.insert(
                code.to_string(),
                State {
                    en: en.clone(),
                    fips: get(&r, "fips").to_string(),
                    lat,
                    lon,
                },
            );
        }
        let points: HashMap<(String, String), (u8, f64, f64)> = rows(POINTS)
            .filter_map(|r| {
                let p = (
                    get(&r, "type").parse().ok()?,
                    get(&r, "lat").parse().ok()?,
                    get(&r, "lon").parse().ok()?,
                );
                Some(((get(&r, "en").to_string(), get(&r, "iso3").to_string()), p))
            })
            .collect();
        let places = rows(PLACES)
            .filter_map(|r| {
                let iso = get(&r, "iso3");
                let en = plain_en(get(&r, "en"));
                let state = iso_to_code.get(iso)?.clone();
                let forms = get(&r, "names")
                    .split('|')
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .map(norm)
                    .collect();
                Some(Place {
                    forms,
                    en: en.to_string(),
                    state,
                    point: points.get(&(en.to_string(), iso.to_string())).copied(),
                })
            })
            .collect();
        Tables {
            states,
            places,
            normalizer,
        }
    })
}

/// The state `code` (an actor country code) at country level.
pub(crate) fn country(code: &str) -> Option<Geo> {
    let s = tables().states.get(code)?;
    Some(Geo {
        ty: 1,
        full_name: s.en.clone(),
        country: s.fips.clone(),
        adm1: s.fips.clone(),
        lat: s.lat,
        lon: s.lon,
        feature: s.fips.clone(),
    })
}

/// The first place of `places.tsv` named in `text` (the longest at the
/// earliest position) outside the entity mentions `named` (character ranges
/// of `text`: a place's name inside a state's or a person's is no place).
pub(crate) fn place_in(text: &str, named: &[(usize, usize)]) -> Option<Geo> {
    let t = tables();
    let norm = match &t.normalizer {
        Some(n) => n.normalize_str(text),
        None => text.to_string(),
    };
    let inside_a_name = |at: usize, f: &str| {
        let s = norm.get(..at).map_or(0, |p| p.chars().count());
        let e = s + f.chars().count();
        named.iter().any(|&(ns, ne)| ns < e && s < ne)
    };
    let mut best: Option<(usize, std::cmp::Reverse<usize>, &Place)> = None;
    for p in &t.places {
        for f in &p.forms {
            let Some(at) = norm
                .match_indices(f.as_str())
                .map(|(at, _)| at)
                .find(|&at| !inside_a_name(at, f))
            else {
                continue;
            };
            let key = (at, std::cmp::Reverse(f.len()), p);
            if best.as_ref().is_none_or(|b| (b.0, b.1) > (key.0, key.1)) {
                best = Some(key);
            }
        }
    }
    let p = best?.2;
    let state = country(&p.state)?;
    let Some((ty, lat, lon)) = p.point else {
        return Some(state);
    };
    Some(Geo {
        ty,
        full_name: format!("{}, {}", p.en, state.full_name),
        country: state.country,
        adm1: String::new(),
        lat,
        lon,
        feature: String::new(),
    })
}

/// The place of event `e`'s action (see the module's documentation).
pub(crate) fn action(e: &Ev) -> Option<Geo> {
    if let Some(g) = e.evidence.as_deref().and_then(|t| place_in(t, &e.named)) {
        return Some(g);
    }
    let (s, t) = (e.a1.country.as_str(), e.a2.country.as_str());
    let state = match e.code.as_str() {
        "042" => t,
        "043" => s,
        _ if s == t => s,
        _ => "",
    };
    (!state.is_empty()).then(|| country(state)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_have_fips_codes_and_centroids() {
        let us = country("USA").unwrap();
        assert_eq!(
            Geo::cells(Some(&us)),
            ["1", "United States", "US", "US", "", "38", "-97", "US"].map(String::from)
        );
        // FIPS, not ISO: Germany GM, China CH, UK UK, Russia RS.
        for (code, fips) in [("DEU", "GM"), ("CHN", "CH"), ("GBR", "UK"), ("RUS", "RS")] {
            assert_eq!(country(code).unwrap().country, fips);
        }
        assert!(country("UN").is_none());
        assert_eq!(Geo::cells(None), <[String; 8]>::default());
    }

    #[test]
    fn every_state_has_a_distinct_fips_code() {
        let mut seen = std::collections::HashSet::new();
        for (code, s) in &tables().states {
            if code == "PSE" {
                assert!(s.fips.is_empty());
                continue;
            }
            assert_eq!(s.fips.len(), 2, "{code}");
            assert!(seen.insert(s.fips.clone()), "{code}: {} twice", s.fips);
        }
        assert!(tables().states.len() > 200);
    }

    #[test]
    fn places_in_a_sentence_are_cities_with_points() {
        let g = place_in("两国领导人在上海举行会谈，就双边关系交换意见。", &[]).unwrap();
        assert_eq!((g.ty, g.full_name.as_str()), (4, "Shanghai, China"));
        assert_eq!((g.country.as_str(), g.lat, g.lon), ("CH", 31.2, 121.5));
        // Any script; a US city is Type 3.
        let g = place_in("聯合國大會在紐約舉行", &[]).unwrap();
        assert_eq!((g.ty, g.country.as_str()), (3, "US"));
        let g = place_in("峰会将于明年在日内瓦召开", &[]).unwrap();
        assert_eq!(g.full_name, "Geneva, Switzerland");
        assert!(place_in("外交部发言人回答记者提问", &[]).is_none());
        // Inside an entity's mention (a state, a person) a city's name is
        // no place: 尼斯 in 突尼斯 (characters 0..3), or in a name.
        let s = "突尼斯总统会见到访的法国外长。";
        assert_eq!(place_in(s, &[]).unwrap().full_name, "Nice, France");
        assert!(place_in(s, &[(0, 3)]).is_none());
        let s = "丹尼斯在尼斯发表讲话。";
        let g = place_in(s, &[(0, 3)]).unwrap();
        assert_eq!(g.full_name, "Nice, France");
    }

    #[test]
    fn every_point_is_a_place_and_most_places_have_one() {
        let t = tables();
        let with_point = t.places.iter().filter(|p| p.point.is_some()).count();
        assert!(with_point * 10 >= t.places.len() * 9, "{with_point}");
        for r in rows(POINTS) {
            let (en, iso) = (get(&r, "en"), get(&r, "iso3"));
            assert!(
                t.places.iter().any(|p| p.en == en && p.point.is_some()),
                "{en} ({iso}) is in no places.tsv row"
            );
            let lat: f64 = get(&r, "lat").parse().unwrap();
            let lon: f64 = get(&r, "lon").parse().unwrap();
            assert!(lat.abs() <= 90.0 && lon.abs() <= 180.0, "{en}");
            assert!(["2", "3", "4", "5"].contains(&get(&r, "type")), "{en}");
            // Within 20 degrees of its state's centroid (catches a swapped
            // sign or a wrong state), except in the largest states.
            let s = &t.states[iso];
            if !["USA", "RUS", "CAN", "CHN", "BRA", "AUS"].contains(&iso) {
                assert!(
                    (lat - s.lat).abs() < 20.0 && (lon - s.lon).abs() < 20.0,
                    "{en}: {lat},{lon} far from {iso}"
                );
            }
        }
    }
}
