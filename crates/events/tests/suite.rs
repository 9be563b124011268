//! The sentence suite (`tests/suite.tsv`): sentences written for this
//! project, each run through the real normaliser, gazetteer, time rules
//! and event coder, and compared with the events it must give — or with
//! none (`NONE`). Every line is a fact a reviewer can check by reading it.
//!
//! Columns: sentence, reference date (`YYYY-MM-DD`), expected events as
//! space-separated `SRC>TGT:code` (full CAMEO code), each optionally
//! followed by `@date` when the date is part of the case; `NONE` when the
//! sentence must code nothing. Lines starting with `#` are comments; `\n`
//! in a sentence is a line break (a new paragraph).

use std::collections::BTreeSet;

use shiju_core::Context;

const SUITE: &str = include_str!("suite.tsv");

struct Stages {
    norm: shiju_text::Normalizer,
    gaz: shiju_entities::Gazetteer,
    timex: shiju_timex::TimexRules,
    coder: shiju_events::Coder,
}

impl Stages {
    fn new() -> Self {
        let norm = shiju_text::Normalizer::new(None).expect("normaliser");
        let coder =
            shiju_events::Coder::with_normalizer(None, &|s| norm.normalize_str(s)).expect("coder");
        Stages {
            gaz: shiju_entities::Gazetteer::new(None).expect("gazetteer"),
            timex: shiju_timex::TimexRules::new(None).expect("timex"),
            coder,
            norm,
        }
    }

    /// The events of one sentence as `SRC>TGT:code@date`.
    fn code(&self, sentence: &str, published: &str) -> Vec<(String, String)> {
        let sentence = sentence.replace("\\n", "\n");
        let sentence = sentence.as_str();
        let text = self.norm.normalize(sentence);
        let ctx = Context {
            published: shiju_core::date::parse_ymd(published),
            script: shiju_text::detect_script(sentence),
            home: None,
        };
        let entities = self.gaz.recognize(&text, &ctx);
        let timex = self.timex.find(&text, &ctx);
        self.coder
            .events(&text, &entities, &timex, &ctx)
            .into_iter()
            .map(|e| (format!("{}>{}:{}", e.source, e.target, e.code), e.date))
            .collect()
    }
}

/// One line of the suite: (line number, sentence, date, expected).
fn cases() -> Vec<(usize, &'static str, &'static str, &'static str)> {
    SUITE
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let mut f = l.split('\t');
            let (s, d, e) = (f.next(), f.next(), f.next());
            match (s, d, e) {
                (Some(s), Some(d), Some(e)) => (i + 1, s, d, e),
                _ => panic!("suite.tsv:{}: three tab-separated columns expected", i + 1),
            }
        })
        .collect()
}

#[test]
fn sentence_suite() {
    let st = Stages::new();
    let mut failures = Vec::new();
    let all = cases();
    for &(line, sentence, date, expected) in &all {
        let got = st.code(sentence, date);
        let mut want: BTreeSet<String> = BTreeSet::new();
        let mut dated: Vec<(String, String)> = Vec::new();
        if expected != "NONE" {
            for item in expected.split_whitespace() {
                match item.split_once('@') {
                    Some((ev, d)) => {
                        want.insert(ev.to_string());
                        dated.push((ev.to_string(), d.to_string()));
                    }
                    None => {
                        want.insert(item.to_string());
                    }
                }
            }
        }
        let have: BTreeSet<String> = got.iter().map(|g| g.0.clone()).collect();
        let dates_ok = dated
            .iter()
            .all(|(ev, d)| got.iter().any(|g| &g.0 == ev && &g.1 == d));
        if have != want || !dates_ok {
            let shown: Vec<String> = got.iter().map(|g| format!("{}@{}", g.0, g.1)).collect();
            failures.push(format!(
                "suite.tsv:{line}: {sentence}\n    want {expected}\n    got  {}",
                if shown.is_empty() {
                    "NONE".to_string()
                } else {
                    shown.join(" ")
                }
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} suite sentences fail:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

/// The suite keeps its promises: both scripts, every CAMEO root, and
/// sentences that must code nothing.
#[test]
fn suite_covers_every_root_both_scripts_and_negatives() {
    let all = cases();
    let none = all.iter().filter(|c| c.3 == "NONE").count();
    assert!(none >= 50, "only {none} sentences that must code nothing");
    let traditional = all
        .iter()
        .filter(|c| shiju_text::detect_script(c.1) == shiju_core::Script::Traditional)
        .count();
    assert!(
        traditional >= 40,
        "only {traditional} traditional-script sentences"
    );
    for root in 1..=20 {
        let r = format!(":{root:02}");
        assert!(
            all.iter()
                .any(|c| c.3.split_whitespace().any(|e| e.contains(&r))),
            "no suite sentence for root {root:02}"
        );
    }
}

/// The verb lexicon keeps its breadth (issue #16): every CAMEO root has at
/// least 50 patterns. `scripts/suite_check.py` prints the per-root counts.
#[test]
fn verb_lexicon_covers_every_root() {
    const VERBS: &str = include_str!("../../../lexicon/verbs.tsv");
    let mut per_root = [0usize; 21];
    for line in VERBS.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(pattern), Some(code)) = (cols.next(), cols.next()) else {
            continue;
        };
        if pattern == "pattern" || pattern.starts_with('-') {
            continue;
        }
        if let Some(root) = code.get(..2).and_then(|r| r.parse::<usize>().ok()) {
            if let Some(n) = per_root.get_mut(root) {
                *n += 1;
            }
        }
    }
    for (root, n) in per_root.iter().enumerate().skip(1) {
        assert!(*n >= 50, "root {root:02}: only {n} verb patterns");
    }
}
