//! Extraction throughput on one core: `cargo bench -p shiju-ingest`.
//!
//! The corpus is every document under ../shared/seeds and samples/ (gold
//! files left out), read once into memory and extracted repeatedly for about
//! three seconds. Prints documents/s and MB/s.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use shiju_core::testdata::documents;
use shiju_ingest::Extractor;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut docs = documents(&root.join("../shared/seeds"));
    docs.extend(documents(&root.join("samples/corpus")));
    if docs.is_empty() {
        eprintln!("no documents found");
        return;
    }
    let bytes: usize = docs.iter().map(|d| d.1.len()).sum();
    let ex = Extractor::new(None).expect("built-in rules load");
    let start = Instant::now();
    let mut n = 0usize;
    let mut total = 0usize;
    let mut articles = 0usize;
    while start.elapsed() < Duration::from_secs(3) {
        for (name, b) in &docs {
            let items = ex.extract(name, b);
            articles += items.iter().filter(|i| i.result.is_ok()).count();
            n += 1;
            total += b.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "extraction: {} inputs ({} distinct, {:.1} KB), {:.0} docs/s, {:.1} MB/s, {} articles",
        n,
        docs.len(),
        bytes as f64 / 1024.0,
        n as f64 / secs,
        total as f64 / secs / 1e6,
        articles
    );
}
