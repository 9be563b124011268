//! The quality ratchet: `shiju eval` on the seeds, the real-news set and the
//! bundled samples must reach every floor of `quality/floors.tsv`. Floors
//! only go up (scripts/raise-floors.py); a drop below one fails here.
//!
//! `../shared/seeds` and `../shared/realnews` are read where they are. Under
//! CI (`CI` set) a missing folder fails the test instead of skipping it.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_shiju");
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn folder(key: &str) -> PathBuf {
    let root = PathBuf::from(ROOT);
    match key {
        "seeds" => root.join("../shared/seeds"),
        "realnews" => root.join("../shared/realnews"),
        "samples" => root.join("samples/corpus"),
        other => panic!("quality/floors.tsv: unknown folder {other:?}"),
    }
}

/// (folder, metric) → floor, in file order.
fn floors() -> Vec<(String, String, f64)> {
    let path = PathBuf::from(ROOT).join("quality/floors.tsv");
    let text = std::fs::read_to_string(&path).expect("quality/floors.tsv is readable");
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') || line.starts_with("folder\t") {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "quality/floors.tsv:{}: 3 columns", i + 1);
        let floor: f64 = cols[2]
            .parse()
            .unwrap_or_else(|_| panic!("quality/floors.tsv:{}: bad floor", i + 1));
        out.push((cols[0].to_string(), cols[1].to_string(), floor));
    }
    out
}

fn figure(report: &serde_json::Value, metric: &str) -> f64 {
    let mut v = report;
    for k in metric.split('.') {
        v = &v[k];
    }
    v.as_f64()
        .unwrap_or_else(|| panic!("no figure {metric} in the eval report"))
}

fn eval(dir: &PathBuf) -> serde_json::Value {
    let out = Command::new(BIN)
        .arg("eval")
        .arg("--json")
        .arg(dir)
        .output()
        .expect("shiju runs");
    assert!(
        out.status.success(),
        "shiju eval {} failed: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("eval --json prints JSON")
}

#[test]
fn every_figure_reaches_its_floor() {
    let floors = floors();
    assert!(floors.len() >= 30, "the floor file lost rows");
    let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
    let mut reports: BTreeMap<String, Option<serde_json::Value>> = BTreeMap::new();
    let mut below = Vec::new();
    for (key, metric, floor) in &floors {
        let report = reports.entry(key.clone()).or_insert_with(|| {
            let dir = folder(key);
            if dir.is_dir() {
                Some(eval(&dir))
            } else {
                assert!(
                    !in_ci,
                    "{} is missing: under CI it must be there",
                    dir.display()
                );
                eprintln!("{} missing: its floors are not checked", dir.display());
                None
            }
        });
        let Some(report) = report else { continue };
        let now = figure(report, metric);
        eprintln!("{key:<9} {metric:<20} {now:.4} (floor {floor:.3})");
        if now + 1e-9 < *floor {
            below.push(format!("{key} {metric}: {now:.4} < floor {floor:.3}"));
        }
    }
    assert!(
        below.is_empty(),
        "quality dropped below the floor:\n{}",
        below.join("\n")
    );
}
