//! Loading gold folders, including the real seeds.

mod common;

use std::path::PathBuf;

use common::*;
use shiju_eval::{evaluate, load_gold_dir, EvalError};

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("shiju-eval-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

const MINIMAL: &str = r#"{"doc": "a.txt", "article": {"title": null, "published": "2024-01-02",
  "authors": [], "outlet": "某报", "url": null, "script": "simplified",
  "body_starts": "", "body_ends": "", "body_must_contain": [], "body_must_not_contain": []},
  "entities": [], "timex": [], "quotes": [],
  "events": [{"source": "USA", "target": "CHN", "cameo": "04", "cameo_alt": [], "date": "2024-W01", "evidence": "x"}]}"#;

#[test]
fn loads_recursively_and_pairs_raw_documents() {
    let d = temp_dir("rec");
    std::fs::create_dir_all(d.join("sub")).expect("mkdir");
    std::fs::write(d.join("a.txt.gold.json"), MINIMAL).expect("write");
    std::fs::write(
        d.join("sub/b.html.gold.json"),
        MINIMAL.replace("a.txt", "b.html"),
    )
    .expect("write");
    std::fs::write(d.join("a.txt"), "raw").expect("write");
    std::fs::write(d.join("notes.json"), "{}").expect("write");
    let golds = load_gold_dir(&d).expect("load");
    assert_eq!(golds.len(), 2);
    assert_eq!(golds[0].0, d.join("a.txt"));
    assert_eq!(golds[1].0, d.join("sub/b.html"));
    assert_eq!(golds[1].1.doc, "b.html");
    assert_eq!(golds[0].1.article.title, None);
    assert_eq!(golds[0].1.events[0].code, None);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn errors_name_the_file() {
    let d = temp_dir("err");
    std::fs::write(d.join("bad.txt.gold.json"), "{not json").expect("write");
    let e = load_gold_dir(&d).expect_err("must fail");
    assert!(matches!(e, EvalError::Parse { .. }));
    assert!(e.to_string().contains("bad.txt.gold.json"), "{e}");
    std::fs::write(
        d.join("bad.txt.gold.json"),
        MINIMAL.replace("2024-W01", "early 2024"),
    )
    .expect("write");
    let e = load_gold_dir(&d).expect_err("must fail");
    assert!(matches!(e, EvalError::Invalid { .. }));
    assert!(
        e.to_string().contains("bad.txt.gold.json") && e.to_string().contains("date"),
        "{e}"
    );
    std::fs::write(
        d.join("bad.txt.gold.json"),
        MINIMAL.replace("\"04\"", "\"25\""),
    )
    .expect("write");
    assert!(load_gold_dir(&d).is_err());
    let e = load_gold_dir(&d.join("missing")).expect_err("must fail");
    assert!(e.to_string().contains("missing"), "{e}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn seeds_parse_and_a_perfect_analysis_scores_one() {
    let Some(dir) = shiju_core::testdata::shared_dir("seeds") else {
        return;
    };
    let dir = dir.as_path();
    let golds = load_gold_dir(dir).expect("seeds load");
    assert_eq!(golds.len(), 5);
    for (raw, g) in &golds {
        assert_eq!(
            raw.file_name().and_then(|n| n.to_str()),
            Some(g.doc.as_str())
        );
        assert!(raw.is_file(), "{}", raw.display());
        assert!(!g.events.is_empty() && !g.entities.is_empty());
    }
    let perfect: Vec<_> = golds.iter().map(|(_, g)| perfect(g)).collect();
    let pairs: Vec<_> = golds
        .iter()
        .zip(&perfect)
        .map(|((_, g), a)| (g, Some(a)))
        .collect();
    let r = evaluate(&pairs, &identity);
    let failures: Vec<_> = r
        .per_document
        .iter()
        .flat_map(|d| d.article.failures.clone())
        .collect();
    assert!(failures.is_empty(), "{failures:?}");
    let j = r.to_json();
    assert_eq!(j["documents"], 5);
    for k in shiju_eval::ARTICLE_FIELDS {
        assert_eq!(j["article"][k], 1.0, "article.{k}");
    }
    for task in ["entities", "timex", "quotes", "events"] {
        for m in ["precision", "recall", "f1"] {
            assert_eq!(j[task][m], 1.0, "{task}.{m}\n{}", r.to_table());
        }
    }
    assert_eq!(j["entities"]["linking"], 1.0);
    for q in ["1", "2", "3", "4"] {
        assert_eq!(j["events"]["by_quad"][q]["f1"], 1.0, "quad {q}");
    }
    // Every gold event is counted under one quad.
    let by_quad: usize = r.counts.events_by_quad.iter().map(|c| c.tp).sum();
    assert_eq!(by_quad, r.counts.events.tp);
    // And nothing predicted scores zero.
    let none: Vec<_> = golds.iter().map(|(_, g)| (g, None)).collect();
    let r0 = evaluate(&none, &identity);
    assert_eq!(r0.counts.events.recall(), 0.0);
    assert_eq!(r0.article.body, 0.0);
}
