//! Fuzzes the whole pipeline: any bytes, as a file and as a `--jsonl`
//! input line, must end as analyses or rejections, never a panic (the
//! pipeline turns a panic into `Reject::Internal`: that is a crash here).
//! Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run pipeline -- -max_total_time=3600`
//! (seed corpus: `fuzz/seed-corpus.sh pipeline` copies the samples, the
//! seeds and ../shared/realnews into fuzz/corpus/pipeline).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use shiju_ingest::Reject;
use shiju_pipeline::{jsonl, Options, Pipeline};

static PL: OnceLock<Pipeline> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let pl = PL.get_or_init(|| Pipeline::new(&Options::default()).expect("built-in lexicons"));
    for o in pl.analyze_bytes("fuzz", data) {
        if let Err(Reject::Internal(why)) = o.result {
            panic!("{why}");
        }
    }
    let answers = jsonl::answer(pl, 1, data);
    assert!(!answers.is_empty() || data.trim_ascii().is_empty());
});
