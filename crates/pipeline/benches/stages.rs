//! Per-stage throughput on one core: `cargo bench -p shiju-pipeline`.
//!
//! Extracts every document under ../shared/seeds and samples/corpus once,
//! then times each analysis stage over the extracted bodies (repeated until
//! about two seconds have passed per stage) and the whole pipeline from raw
//! bytes. Prints documents/s, MB/s (of body text) and sentences/s for event
//! coding.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use shiju_core::testdata::documents;
use shiju_core::{Context, Text};

fn time<F: FnMut() -> usize>(label: &str, bytes: usize, docs: usize, mut f: F) {
    let start = Instant::now();
    let mut rounds = 0usize;
    let mut units = 0usize;
    while start.elapsed() < Duration::from_secs(2) {
        units += f();
        rounds += 1;
    }
    let s = start.elapsed().as_secs_f64();
    println!(
        "{label:<14} {:>9.0} docs/s {:>8.1} MB/s {:>10.0} units/s",
        (rounds * docs) as f64 / s,
        (rounds * bytes) as f64 / s / 1e6,
        units as f64 / s
    );
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut raw = documents(&root.join("../shared/seeds"));
    raw.extend(documents(&root.join("samples/corpus")));
    let opts = shiju_pipeline::Options::default();
    let t0 = Instant::now();
    let pl = shiju_pipeline::Pipeline::new(&opts).expect("lexicons load");
    println!(
        "start-up (all lexicons compiled): {:.0} ms",
        t0.elapsed().as_secs_f64() * 1e3
    );

    let normalizer = shiju_text::Normalizer::new(None).unwrap();
    let gaz = shiju_entities::Gazetteer::new(None).unwrap();
    let timex = shiju_timex::TimexRules::new(None).unwrap();
    let coder = shiju_events::Coder::new(None).unwrap();
    let mut bodies: Vec<(String, Context)> = Vec::new();
    for (name, b) in &raw {
        for item in pl.extractor.extract(name, b) {
            if let Ok(a) = item.result {
                let ctx = Context {
                    published: a.reference_date(),
                    script: shiju_text::detect_script(&a.body_text()),
                    home: None,
                };
                bodies.push((a.body_text(), ctx));
            }
        }
    }
    let n = bodies.len();
    let body_bytes: usize = bodies.iter().map(|b| b.0.len()).sum();
    let raw_bytes: usize = raw.iter().map(|r| r.1.len()).sum();
    println!(
        "corpus: {} inputs, {} articles, {:.0} KB of body text",
        raw.len(),
        n,
        body_bytes as f64 / 1024.0
    );
    let texts: Vec<Text> = bodies
        .iter()
        .map(|(b, _)| normalizer.normalize(b))
        .collect();
    let ents: Vec<_> = texts
        .iter()
        .zip(&bodies)
        .map(|(t, (_, c))| gaz.recognize(t, c))
        .collect();
    let tx: Vec<_> = texts
        .iter()
        .zip(&bodies)
        .map(|(t, (_, c))| timex.find(t, c))
        .collect();
    let sentences: usize = bodies
        .iter()
        .map(|(b, _)| b.matches(['。', '！', '？']).count().max(1))
        .sum();

    time("extract", raw_bytes, raw.len(), || {
        raw.iter()
            .map(|(n, b)| pl.extractor.extract(n, b).len())
            .sum()
    });
    time("normalise", body_bytes, n, || {
        bodies
            .iter()
            .map(|(b, _)| normalizer.normalize(b).norm.len())
            .sum()
    });
    time("entities", body_bytes, n, || {
        texts
            .iter()
            .zip(&bodies)
            .map(|(t, (_, c))| gaz.recognize(t, c).len())
            .sum()
    });
    time("timex", body_bytes, n, || {
        texts
            .iter()
            .zip(&bodies)
            .map(|(t, (_, c))| timex.find(t, c).len())
            .sum()
    });
    println!("({sentences} sentences per round for event coding)");
    time("events+quotes", body_bytes, n, || {
        texts
            .iter()
            .zip(&bodies)
            .zip(ents.iter().zip(&tx))
            .map(|((t, (_, c)), (e, x))| {
                coder.events(t, e, x, c).len() + coder.quotes(t, e, c).len()
            })
            .sum()
    });
    time("whole pipeline", raw_bytes, raw.len(), || {
        raw.iter().map(|(n, b)| pl.analyze_bytes(n, b).len()).sum()
    });
}
