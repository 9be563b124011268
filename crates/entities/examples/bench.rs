//! Throughput of normalisation + recognition over the seed texts, replicated.
//! `cargo run --release -p shiju-entities --example bench [SEEDS_DIR]`
use std::time::Instant;

use shiju_core::testdata::strip_tags;
use shiju_core::{date::parse_ymd, Context};
use shiju_entities::Gazetteer;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds").to_string()
    });
    let t0 = Instant::now();
    let g = match Gazetteer::new(None) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    println!(
        "gazetteer built in {:.0} ms",
        t0.elapsed().as_secs_f64() * 1e3
    );
    let mut docs: Vec<(String, bool)> = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|x| x == "txt") {
                if let Ok(s) = std::fs::read_to_string(&p) {
                    let body = strip_tags(&s);
                    let trad = shiju_text::detect_script(&body) == shiju_core::Script::Traditional;
                    docs.push((body, trad));
                }
            }
        }
    }
    let ctx = Context {
        published: parse_ymd("2024-11-19"),
        ..Context::default()
    };
    for want_trad in [false, true] {
        let set: Vec<&String> = docs
            .iter()
            .filter(|d| d.1 == want_trad)
            .map(|d| &d.0)
            .collect();
        if set.is_empty() {
            continue;
        }
        let reps = 40;
        let mut bytes = 0usize;
        let mut ents = 0usize;
        let mut t_norm = 0.0;
        let t = Instant::now();
        for _ in 0..reps {
            for d in &set {
                let a = Instant::now();
                let text = g.normalizer().normalize(d);
                t_norm += a.elapsed().as_secs_f64();
                ents += g.recognize(&text, &ctx).len();
                bytes += d.len();
            }
        }
        let dt = t.elapsed().as_secs_f64();
        println!(
            "{}: {:.1} MB/s normalise+recognise ({:.1} MB/s normalise only), {} bytes, {} entities",
            if want_trad {
                "traditional"
            } else {
                "simplified"
            },
            bytes as f64 / dt / 1e6,
            bytes as f64 / t_norm / 1e6,
            bytes,
            ents
        );
    }
}
