//! The harness the table-driven entity tests share.
// Each test crate that includes it uses part of it.
#![allow(dead_code)]

use shiju_core::{date::parse_ymd, Context, Entity};
use shiju_entities::Gazetteer;

/// Recognises the entities of `s`, published on `date`, and checks that
/// every mention is a verbatim slice of the original.
pub fn run_with(g: &Gazetteer, s: &str, date: &str) -> Vec<Entity> {
    let text = g.normalizer().normalize(s);
    let ctx = Context {
        published: parse_ymd(date),
        script: shiju_text::detect_script(s),
        home: None,
    };
    let ents = g.recognize(&text, &ctx);
    for e in &ents {
        for m in &e.mentions {
            assert_eq!(&s[m.start..m.end], m.text, "{s}: mention of {}", e.id);
        }
    }
    ents
}

/// Adds to `failures` each id of `must` (space-separated) that `got` lacks
/// and each id of `must_not` that it has.
pub fn check_ids(s: &str, got: &[String], must: &str, must_not: &str, failures: &mut Vec<String>) {
    for id in must.split_whitespace() {
        if !got.iter().any(|g| g == id) {
            failures.push(format!("{s}: missing {id}; got {got:?}"));
        }
    }
    for id in must_not.split_whitespace() {
        if got.iter().any(|g| g == id) {
            failures.push(format!("{s}: unexpected {id}; got {got:?}"));
        }
    }
}
