//! Fuzzes the extractor: any bytes must end as articles or a reject, never a
//! panic. Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run extract -- -max_total_time=600`
//! (seed corpus: `fuzz/seed-corpus.sh` copies samples and seeds into
//! fuzz/corpus/extract).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use shiju_ingest::Extractor;

static EX: OnceLock<Extractor> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let ex = EX.get_or_init(|| Extractor::new(None).expect("built-in rules"));
    for item in ex.extract("fuzz.txt", data) {
        if let Ok(a) = item.result {
            assert!(!a.paragraphs.is_empty());
        }
    }
});
