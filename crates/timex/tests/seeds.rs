//! Recall of the gold timex of ../shared/seeds (read at run time, skipped
//! when absent), and how often publication dates are guessed right.
//!
//! The body is cut crudely from the raw file: tags become newlines (block
//! elements) or nothing, then the text between the gold `body_starts` and
//! `body_ends` is kept. Captions inside that span stay in, so precision is a
//! lower bound.

use std::collections::HashSet;
use std::path::Path;

use shiju_core::{date::parse_ymd, Context, Script, Text};
use shiju_timex::TimexRules;

fn seeds_dir() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds")
}

/// The project's own sample corpus (gold files beside raw documents).
fn corpus_dir() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/corpus")
}

fn strip_tags(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(p) = rest.find('<') {
        out.push_str(&rest[..p]);
        let after = &rest[p..];
        let Some(q) = after.find('>') else {
            out.push_str(after);
            rest = "";
            break;
        };
        let tag = after[1..q].trim_start_matches('/').to_ascii_lowercase();
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if matches!(
            name.as_str(),
            "p" | "br"
                | "div"
                | "figcaption"
                | "figure"
                | "li"
                | "h1"
                | "h2"
                | "h3"
                | "section"
                | "footer"
                | "small"
        ) {
            out.push('\n');
        }
        rest = &after[q + 1..];
    }
    out.push_str(rest);
    out.replace("&amp;", "&").replace("&nbsp;", " ")
}

struct Seed {
    name: String,
    /// The whole stripped document (metadata lines included).
    full: String,
    published_alt: Vec<String>,
    body: String,
    published: String,
    script: Script,
    gold: Vec<(String, String)>,
}

fn load_seeds() -> Vec<Seed> {
    match shiju_core::testdata::shared_dir("seeds") {
        Some(_) => load_dir(seeds_dir()),
        None => Vec::new(),
    }
}

fn load_dir(dir: &str) -> Vec<Seed> {
    let dir = Path::new(dir);
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<_> = rd
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for g in names {
        let Ok(gs) = std::fs::read_to_string(&g) else {
            continue;
        };
        let Ok(gold) = serde_json::from_str::<serde_json::Value>(&gs) else {
            continue;
        };
        let raw_path = g
            .to_string_lossy()
            .trim_end_matches(".gold.json")
            .to_string();
        let Ok(raw) = std::fs::read_to_string(&raw_path) else {
            continue;
        };
        let text = strip_tags(&raw);
        let art = &gold["article"];
        let starts = art["body_starts"].as_str().unwrap_or("");
        let ends = art["body_ends"].as_str().unwrap_or("");
        let s = text.find(starts).unwrap_or(0);
        let e = text
            .rfind(ends)
            .map(|e| e + ends.len())
            .unwrap_or(text.len());
        let body = if s < e {
            text[s..e].to_string()
        } else {
            text.clone()
        };
        let script = if art["script"].as_str() == Some("traditional") {
            Script::Traditional
        } else {
            Script::Simplified
        };
        let gold_t = gold["timex"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|t| {
                        (
                            t["text"].as_str().unwrap_or("").to_string(),
                            t["value"].as_str().unwrap_or("").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let published_alt = art["published_alt"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        out.push(Seed {
            name: g.file_name().unwrap().to_string_lossy().to_string(),
            full: text.clone(),
            published_alt,
            body,
            published: art["published"].as_str().unwrap_or("").to_string(),
            script,
            gold: gold_t,
        });
    }
    out
}

/// (recall, precision) over a gold folder.
fn score(seeds: &[Seed]) -> (f64, f64) {
    let rules = TimexRules::new(None).unwrap();
    let (mut tp, mut ngold, mut npred) = (0usize, 0usize, 0usize);
    for s in seeds {
        let ctx = Context {
            published: parse_ymd(&s.published),
            script: s.script,
            home: None,
        };
        let text = Text::identity(&s.body);
        let found = rules.find(&text, &ctx);
        for t in &found {
            assert_eq!(&s.body[t.start..t.end], t.text, "offsets point at the text");
        }
        let pred: HashSet<(String, String)> = found
            .iter()
            .map(|t| (t.text.clone(), t.value.clone()))
            .collect();
        let gold: HashSet<(String, String)> = s.gold.iter().cloned().collect();
        let hit = gold.intersection(&pred).count();
        eprintln!(
            "{}: gold {} pred {} hit {}",
            s.name,
            gold.len(),
            pred.len(),
            hit
        );
        for g in gold.difference(&pred) {
            eprintln!("   missed {g:?}");
        }
        for p in pred.difference(&gold) {
            eprintln!("   extra  {p:?}");
        }
        tp += hit;
        ngold += gold.len();
        npred += pred.len();
    }
    let recall = tp as f64 / ngold.max(1) as f64;
    let precision = tp as f64 / npred.max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(1e-9);
    eprintln!("recall {recall:.3} precision {precision:.3} (captions included) F1 {f1:.3}");
    (recall, precision)
}

#[test]
fn seeds_recall() {
    let seeds = load_seeds();
    if seeds.is_empty() {
        eprintln!("no seeds at {}, skipped", seeds_dir());
        return;
    }
    let (recall, _) = score(&seeds);
    assert!(recall >= 0.9, "seeds recall {recall:.3} < 0.9");
}

#[test]
fn corpus_recall() {
    let docs = load_dir(corpus_dir());
    if docs.is_empty() {
        eprintln!("no corpus at {}, skipped", corpus_dir());
        return;
    }
    let (recall, _) = score(&docs);
    assert!(recall >= 0.8, "corpus recall {recall:.3} < 0.8");
}

/// How often `guess_published` finds the gold date (or an alternative) from
/// text alone: the body, then the whole stripped document. Most bodies
/// carry no date at all, so a body guess must only never be wrong; the
/// whole document (with its printed date lines) must give the right date
/// for at least 80% of the documents (18 of 21 when written).
#[test]
fn publication_dates_from_text() {
    let mut docs = load_seeds();
    docs.extend(load_dir(corpus_dir()));
    if docs.is_empty() {
        return;
    }
    let (mut body_ok, mut full_ok, mut body_none) = (0, 0, 0);
    for d in &docs {
        let ok = |g: Option<shiju_core::Date>| {
            g.map(|g| g.format("%Y-%m-%d").to_string())
                .is_some_and(|g| g == d.published || d.published_alt.contains(&g))
        };
        let b = shiju_timex::guess_published(&d.body, None);
        let f = shiju_timex::guess_published(&d.full, None);
        body_ok += ok(b) as usize;
        body_none += b.is_none() as usize;
        full_ok += ok(f) as usize;
        eprintln!("{}: gold {} body {:?} full {:?}", d.name, d.published, b, f);
    }
    eprintln!(
        "guess_published: body {body_ok}/{} right ({body_none} none), whole document {full_ok}/{} right",
        docs.len(),
        docs.len()
    );
    assert_eq!(body_ok + body_none, docs.len(), "a body guess was wrong");
    assert!(
        full_ok * 10 >= docs.len() * 8,
        "whole-document guesses right for {full_ok} of {}",
        docs.len()
    );
}
