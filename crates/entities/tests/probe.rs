//! The probe suite: news sentences over the whole world, scored.
//!
//! `tests/probe/hand.tsv` holds sentences written by hand for this project;
//! `tests/probe/generated.tsv` is made by `scripts/make_probe.py` from the
//! lexicon (templates varying state, title, name form and script). Each row
//! is `kind  date  span  expect  sentence`:
//!
//! - `office`: `span` is an office-holder's name as printed; detected when a
//!   person mention covers it, linked when that entity's id is
//!   `person:<expect>`;
//! - `body`: `span` is a national body as printed; detected when an
//!   organisation of state `expect` has a mention overlapping it;
//! - `unknown`: `span` is a person the gazetteer does not list; detected when
//!   a person mention covers it (state `expect`, when given, must agree).
//!
//! Set `PROBE_SHOW=1` to print every miss.

mod common;

use std::sync::OnceLock;

use shiju_core::{Entity, EntityType};
use shiju_entities::Gazetteer;

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::new(None).expect("lexicon loads"))
}

struct Row {
    kind: String,
    date: String,
    span: String,
    expect: String,
    sentence: String,
}

fn load(name: &str) -> Vec<Row> {
    let path = format!("{}/tests/probe/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 5, "{name}: {l}");
            assert!(f[4].contains(f[2]), "{name}: span not in sentence: {l}");
            Row {
                kind: f[0].to_string(),
                date: f[1].to_string(),
                span: f[2].to_string(),
                expect: f[3].to_string(),
                sentence: f[4].to_string(),
            }
        })
        .collect()
}

fn run(s: &str, date: &str) -> Vec<Entity> {
    common::run_with(gaz(), s, date)
}

/// The byte span of `span` in `s` (its first occurrence).
fn locate(s: &str, span: &str) -> (usize, usize) {
    let a = s.find(span).unwrap_or(0);
    (a, a + span.len())
}

#[derive(Default)]
struct Score {
    n: usize,
    found: usize,
    linked: usize,
    misses: Vec<String>,
}

impl Score {
    fn rate(&self, x: usize) -> f64 {
        if self.n == 0 {
            1.0
        } else {
            x as f64 / self.n as f64
        }
    }
}

fn score(rows: &[Row]) -> (Score, Score, Score) {
    let (mut office, mut body, mut unknown) =
        (Score::default(), Score::default(), Score::default());
    for r in rows {
        let ents = run(&r.sentence, &r.date);
        let (a, b) = locate(&r.sentence, &r.span);
        let covers = |e: &Entity| e.mentions.iter().any(|m| m.start <= a && b <= m.end);
        let overlaps = |e: &Entity| e.mentions.iter().any(|m| m.start < b && a < m.end);
        let got: Vec<String> = ents.iter().map(|e| e.id.clone()).collect();
        match r.kind.as_str() {
            "office" => {
                office.n += 1;
                let p = ents
                    .iter()
                    .find(|e| e.kind == EntityType::Person && covers(e));
                if let Some(p) = p {
                    office.found += 1;
                    if p.id == format!("person:{}", r.expect) {
                        office.linked += 1;
                    } else {
                        office.misses.push(format!(
                            "office link {} ≠ {}: {}",
                            p.id, r.expect, r.sentence
                        ));
                    }
                } else {
                    office.misses.push(format!(
                        "office miss {} [{}]: {} → {got:?}",
                        r.expect, r.date, r.sentence
                    ));
                }
            }
            "body" => {
                body.n += 1;
                let hit = ents.iter().any(|e| {
                    e.kind == EntityType::Org
                        && overlaps(e)
                        && e.country.as_deref() == Some(r.expect.as_str())
                });
                if hit {
                    body.found += 1;
                    body.linked += 1;
                } else {
                    body.misses
                        .push(format!("body miss {}: {} → {got:?}", r.span, r.sentence));
                }
            }
            "unknown" => {
                unknown.n += 1;
                let p = ents
                    .iter()
                    .find(|e| e.kind == EntityType::Person && covers(e));
                match p {
                    Some(p) => {
                        unknown.found += 1;
                        if r.expect.is_empty() || p.country.as_deref() == Some(r.expect.as_str()) {
                            unknown.linked += 1;
                        } else {
                            unknown.misses.push(format!(
                                "unknown state {:?} ≠ {}: {}",
                                p.country, r.expect, r.sentence
                            ));
                        }
                    }
                    None => unknown
                        .misses
                        .push(format!("unknown miss {}: {} → {got:?}", r.span, r.sentence)),
                }
            }
            k => panic!("unknown probe kind {k}"),
        }
    }
    (office, body, unknown)
}

#[test]
fn probe_suite_meets_its_thresholds() {
    let mut rows = load("hand.tsv");
    rows.extend(load("cn.tsv"));
    let hand = rows.len();
    rows.extend(load("generated.tsv"));
    assert!(rows.len() >= 800, "probe has {} sentences", rows.len());
    let (office, body, unknown) = score(&rows);
    let show = std::env::var_os("PROBE_SHOW").is_some();
    for s in [&office, &body, &unknown] {
        for m in &s.misses {
            if show {
                eprintln!("{m}");
            }
        }
    }
    eprintln!(
        "probe: {} sentences ({hand} by hand); office {} detection {:.3} linking {:.3}; \
         bodies {} detection {:.3}; unknown names {} detection {:.3} state {:.3}",
        rows.len(),
        office.n,
        office.rate(office.found),
        office.rate(office.linked),
        body.n,
        body.rate(body.found),
        unknown.n,
        unknown.rate(unknown.found),
        unknown.rate(unknown.linked),
    );
    assert!(office.n >= 600 && body.n >= 200 && unknown.n >= 100);
    assert!(office.rate(office.found) >= 0.97, "office detection");
    assert!(office.rate(office.linked) >= 0.95, "office linking");
    assert!(body.rate(body.found) >= 0.95, "body detection");
    assert!(
        unknown.rate(unknown.found) >= 0.90,
        "unknown-name detection"
    );
}
