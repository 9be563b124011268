//! A short mutation fuzzer over the whole pipeline, run with the tests: real
//! pages (`../shared/realnews`) and the project's samples, mutated at
//! random (bytes flipped, ranges cut, repeated or spliced, markup and CJK
//! tokens inserted, truncation), go through `analyze_bytes` and the
//! `--jsonl` line protocol. No input may panic (a caught panic shows as a
//! `Reject::Internal`) and every `--jsonl` line must be answered.
//!
//! `SHIJU_MUTATIONS=N` sets the number of mutants (default 300; the long
//! run of issue 18 uses the libFuzzer target `fuzz/fuzz_targets/pipeline.rs`).

use shiju_ingest::Reject;
use shiju_pipeline::{jsonl, Options, Pipeline};

/// xorshift64*: deterministic, so a failure names a reproducible mutant.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const TOKENS: &[&str] = &[
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<script>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<a href=",
    "\n---\n",
    "[",
    "](",
    "\n# ",
    "年",
    "月",
    "日",
    "（",
    "）",
    "「",
    "」",
    "“",
    "\u{0}",
    "\r\n",
    "美国",
    "中國",
    "表示，",
    "会见",
    "2023年5月6日",
    "昨（5）日",
    "&#x5e74;",
    "&amp;",
    "\u{feff}",
    "<?xml version=\"1.0\"?>",
    "<rss>",
    "<item>",
    "<title>",
    "中央社記者",
    "（完）",
    "\u{ff0c}",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = b.len();
        match rng.below(6) {
            0 if len > 0 => {
                let i = rng.below(len);
                b[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                let j = (i + rng.below(4096)).min(len);
                b.drain(i..j);
            }
            2 if len > 0 => {
                let i = rng.below(len);
                let j = (i + rng.below(2048)).min(len);
                let piece = b[i..j].to_vec();
                let at = rng.below(len);
                for _ in 0..1 + rng.below(8) {
                    b.splice(at..at, piece.iter().copied());
                }
            }
            3 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let at = rng.below(len + 1);
                for _ in 0..1 + rng.below(50) {
                    b.splice(at..at, t.iter().copied());
                }
            }
            4 if len > 0 => b.truncate(rng.below(len)),
            _ => {
                let at = rng.below(len + 1);
                let junk: Vec<u8> = (0..rng.below(64)).map(|_| rng.next() as u8).collect();
                b.splice(at..at, junk);
            }
        }
    }
    b
}

fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut dirs = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/corpus"
    ))];
    dirs.extend(shiju_core::testdata::shared_dir("realnews"));
    let mut out = Vec::new();
    for d in dirs {
        let mut files: Vec<_> = std::fs::read_dir(&d)
            .unwrap_or_else(|e| panic!("{}: {e}", d.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| {
                // Documents only: not the gold files, README, manifest, sums.
                let n = p.file_name().unwrap().to_string_lossy();
                !n.ends_with(".json") && !n.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            })
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for f in files {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            out.push((name, std::fs::read(&f).unwrap()));
        }
    }
    out
}

#[test]
fn mutants_never_panic_and_every_jsonl_line_is_answered() {
    use base64::Engine as _;
    let pl = Pipeline::new(&Options::default()).unwrap();
    let seeds = seeds();
    assert!(seeds.len() >= 20, "{} seeds", seeds.len());
    let n: usize = std::env::var("SHIJU_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let mut rng = Rng(0x5348_494a_5500_0001);
    for i in 0..n {
        let (name, seed) = &seeds[rng.below(seeds.len())];
        let m = mutate(&mut rng, seed);
        for o in pl.analyze_bytes(name, &m) {
            if let Err(Reject::Internal(why)) = &o.result {
                let path = std::env::temp_dir().join(format!("shiju-mutant-{i}"));
                let _ = std::fs::write(&path, &m);
                panic!("mutant {i} of {name} ({}): {why}", path.display());
            }
        }
        // The same bytes as a `--jsonl` line, raw and as base64.
        assert!(!jsonl::answer(&pl, i, &m).is_empty() || m.trim_ascii().is_empty());
        let line = serde_json::json!({
            "id": i,
            "bytes_b64": base64::engine::general_purpose::STANDARD.encode(&m),
        })
        .to_string();
        let out = jsonl::answer(&pl, i, line.as_bytes());
        assert!(!out.is_empty(), "mutant {i} of {name}: no answer");
        for line in out {
            assert!(
                line.starts_with(&format!("{{\"id\":{i},")),
                "mutant {i} of {name}: {line}"
            );
            let v: serde_json::Value = serde_json::from_str(&line).unwrap();
            assert_eq!(v["id"], i, "mutant {i} of {name}");
        }
    }
}
