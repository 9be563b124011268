//! Detection and linking on the shared seed documents (skipped when absent).
//! Prints the figures; asserts a modest recall floor once the gazetteer is populated.

use std::collections::BTreeSet;

use shiju_core::{date::parse_ymd, Context, EntityType};
use shiju_entities::Gazetteer;

/// The text of a page: tags dropped, the two entities the seeds use decoded.
fn strip_tags(s: &str) -> String {
    shiju_core::testdata::strip_tags(s)
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// The body, roughly: from the gold's first words to its last words when both are found.
fn crop<'a>(text: &'a str, starts: Option<&str>, ends: Option<&str>) -> &'a str {
    let s = starts.and_then(|b| text.find(b.trim())).unwrap_or(0);
    let e = ends
        .and_then(|b| text.rfind(b.trim()).map(|i| i + b.trim().len()))
        .filter(|&e| e > s)
        .unwrap_or(text.len());
    &text[s..e]
}

fn kind(s: &str) -> Option<EntityType> {
    match s {
        "person" => Some(EntityType::Person),
        "country" => Some(EntityType::Country),
        "org" => Some(EntityType::Org),
        _ => None,
    }
}

#[test]
fn seeds_detection_and_linking() {
    let Some(dir) = shiju_core::testdata::shared_dir("seeds") else {
        return;
    };
    let (_, r, _) = score_dir(&dir.to_string_lossy()).expect("the seeds have gold entities");
    assert!(r >= 0.7, "recall {r:.3} below the floor");
}

/// The project's own sample corpus (figures printed only).
#[test]
fn samples_detection_and_linking() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/corpus");
    let _ = score_dir(dir);
}

/// Scores a gold folder; returns (precision, recall, linking).
fn score_dir(dir: &str) -> Option<(f64, f64, f64)> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        eprintln!("no gold folder at {dir}: skipped");
        return None;
    };
    let g = Gazetteer::new(None).expect("lexicon loads");
    let mut paths: Vec<_> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    paths.sort();
    let (mut tp, mut fp, mut fn_, mut linked) = (0usize, 0usize, 0usize, 0usize);
    for gp in &paths {
        let Ok(gold_s) = std::fs::read_to_string(gp) else {
            continue;
        };
        let Ok(gold) = serde_json::from_str::<serde_json::Value>(&gold_s) else {
            continue;
        };
        let raw_path = gp
            .to_string_lossy()
            .trim_end_matches(".gold.json")
            .to_string();
        let Ok(raw) = std::fs::read_to_string(&raw_path) else {
            continue;
        };
        let art = &gold["article"];
        let stripped = strip_tags(&raw);
        let body = crop(
            &stripped,
            art["body_starts"].as_str(),
            art["body_ends"].as_str(),
        );
        let text = g.normalizer().normalize(body);
        let ctx = Context {
            published: art["published"].as_str().and_then(parse_ymd),
            script: shiju_text::detect_script(body),
            home: None,
        };
        let pred = g.recognize(&text, &ctx);
        let norm = |s: &str| g.normalizer().normalize_str(s.trim());
        let pforms: Vec<BTreeSet<String>> = pred
            .iter()
            .map(|e| {
                e.forms
                    .iter()
                    .chain(e.mentions.iter().map(|m| &m.text))
                    .map(|f| norm(f))
                    .collect()
            })
            .collect();
        let mut used = vec![false; pred.len()];
        let mut missed = Vec::new();
        let mut unlinked: Vec<String> = Vec::new();
        let empty = Vec::new();
        let gents = gold["entities"].as_array().unwrap_or(&empty);
        for ge in gents {
            let gk = ge["type"].as_str().and_then(kind);
            let gf: BTreeSet<String> = ge["forms"]
                .as_array()
                .unwrap_or(&empty)
                .iter()
                .filter_map(|f| f.as_str())
                .map(norm)
                .collect();
            let gid = ge["id"].as_str().unwrap_or("");
            // Prefer a match with the same id (as the scorer does).
            let cands: Vec<usize> = (0..pred.len())
                .filter(|&i| !used[i] && Some(pred[i].kind) == gk && !pforms[i].is_disjoint(&gf))
                .collect();
            let pick = cands
                .iter()
                .copied()
                .find(|&i| pred[i].id == gid)
                .or_else(|| cands.first().copied());
            match pick {
                Some(i) => {
                    used[i] = true;
                    tp += 1;
                    if pred[i].id == gid {
                        linked += 1;
                    } else {
                        unlinked.push(format!("{gid}≠{}", pred[i].id));
                    }
                }
                None => {
                    fn_ += 1;
                    missed.push(gid.to_string());
                }
            }
        }
        let spurious: Vec<String> = pred
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|(e, _)| {
                format!(
                    "{} ({})",
                    e.id,
                    e.forms.first().map(String::as_str).unwrap_or("")
                )
            })
            .collect();
        fp += spurious.len();
        let name = gp
            .file_name()
            .map(|f| f.to_string_lossy().to_string())
            .unwrap_or_default();
        println!("{name}: missed {missed:?}\n  spurious {spurious:?}\n  unlinked {unlinked:?}");
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    let l = linked as f64 / tp.max(1) as f64;
    println!(
        "{dir}: entities P {p:.3} R {r:.3} F1 {f1:.3} linking {l:.3} (tp {tp} fp {fp} fn {fn_})"
    );
    (tp + fn_ > 0).then_some((p, r, l))
}

#[test]
fn no_panics_on_slices_of_the_seeds() {
    let Some(dir) = shiju_core::testdata::shared_dir("seeds") else {
        return;
    };
    let rd = std::fs::read_dir(dir).expect("the seeds folder is readable");
    let g = Gazetteer::new(None).expect("lexicon loads");
    for p in rd.flatten().map(|e| e.path()) {
        if p.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let Ok(s) = std::fs::read_to_string(&p) else {
            continue;
        };
        let body = strip_tags(&s);
        let bounds: Vec<usize> = body.char_indices().map(|(i, _)| i).collect();
        for (k, &a) in bounds.iter().enumerate().step_by(13) {
            let b = bounds.get(k + 37).copied().unwrap_or(body.len());
            let piece = &body[a..b];
            let text = g.normalizer().normalize(piece);
            for e in g.recognize(&text, &Context::default()) {
                for m in &e.mentions {
                    assert_eq!(&piece[m.start..m.end], m.text);
                }
            }
        }
    }
}
