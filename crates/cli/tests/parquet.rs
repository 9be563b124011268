//! `shiju export --format parquet` writes the events that the JSONL export
//! lists, read back from the Parquet file.

use std::path::PathBuf;
use std::process::Command;

fn shiju() -> Command {
    Command::new(env!("CARGO_BIN_EXE_shiju"))
}

#[test]
fn parquet_export_reads_back_as_the_jsonl_events() {
    let corpus = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/corpus"));
    let dir = std::env::temp_dir().join(format!("shiju-pq-export-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let data = dir.join("data");
    let ok = shiju()
        .args(["ingest", "--data"])
        .arg(&data)
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let pq = dir.join("events.parquet");
    let out = shiju()
        .args(["export", "--format", "parquet", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&pq)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = shiju_parquet::read_json(&pq).unwrap();
    let jsonl = shiju()
        .args(["export", "--format", "jsonl", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    let events: Vec<serde_json::Value> = String::from_utf8(jsonl.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!events.is_empty());
    assert_eq!(rows.len(), events.len());
    for (r, e) in rows.iter().zip(&events) {
        assert_eq!(r["event_id"], e["id"]);
        assert_eq!(r["source"], e["source"]);
        assert_eq!(r["target"], e["target"]);
        assert_eq!(r["event_code"], e["code"]);
        assert_eq!(r["root_code"], e["root"]);
        assert_eq!(r["date"], e["date"]);
        assert_eq!(r["quad_class"], e["quad_class"]);
        assert_eq!(r["num_articles"], e["num_articles"]);
        match e["goldstein"].as_f64() {
            Some(g) => assert!((r["goldstein"].as_f64().unwrap() - g).abs() < 1e-9),
            None => assert!(r["goldstein"].is_null()),
        }
    }
    // Without a file, parquet is refused with a clear message.
    let bad = shiju()
        .args(["export", "--format", "parquet", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--out"));
    std::fs::remove_dir_all(&dir).unwrap();
}
