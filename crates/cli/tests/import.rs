//! `shiju import`: Parquet written the way spark/shiju_spark.py writes it
//! (from `shiju analyze --jsonl` output) is imported, and `shiju export`
//! then gives the events `shiju ingest` + `shiju export` give.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use base64::Engine as _;
use serde_json::Value;
use sha2::Digest as _;
use shiju_parquet::{Column, Table};

const BIN: &str = env!("CARGO_BIN_EXE_shiju");
const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples");

mod common;
use common::{summary, Tmp};

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut c = Command::new(BIN)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("running shiju");
    if let Some(bytes) = stdin {
        let mut w = c.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            let _ = w.write_all(&bytes);
        });
    }
    c.wait_with_output().unwrap()
}

fn ok(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let o = run(args, stdin);
    assert!(
        o.status.success(),
        "shiju {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// The raw inputs: the sample corpus, the bad samples and the seeds.
fn files() -> Vec<PathBuf> {
    let mut dirs = vec![
        PathBuf::from(SAMPLES).join("corpus"),
        PathBuf::from(SAMPLES).join("bad"),
    ];
    if let Some(seeds) = shiju_core::testdata::shared_dir("seeds") {
        dirs.push(seeds);
    }
    let mut out = Vec::new();
    for d in dirs {
        let mut v: Vec<PathBuf> = std::fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let n = p.file_name().unwrap().to_string_lossy();
                p.is_file() && !n.starts_with('.') && !n.ends_with(".gold.json")
            })
            .collect();
        v.sort();
        out.extend(v.into_iter().map(|p| p.canonicalize().unwrap()));
    }
    // Import stores documents in input-path order, the order `shiju ingest`
    // walks one folder in (and which event mention comes first decides the
    // event's code and root flag): ingest them in that order too.
    out.sort();
    out
}

/// Spark's output for `files`, as spark/shiju_spark.py writes it (the
/// columns `shiju import` reads): `analyze --jsonl` over every file, the
/// analyses in two `articles` part files, the errors in `rejects`.
fn write_spark_output(out: &Path, files: &[PathBuf], with_sha: bool) -> (usize, usize) {
    let mut input = String::new();
    let mut sha = BTreeMap::new();
    for f in files {
        let bytes = std::fs::read(f).unwrap();
        let id = format!("file:{}", f.display());
        sha.insert(id.clone(), hex(&sha2::Sha256::digest(&bytes)));
        let b64 = base64::engine::general_purpose::STANDARD.encode(&bytes);
        input.push_str(&serde_json::json!({"id": id, "bytes_b64": b64}).to_string());
        input.push('\n');
    }
    let o = ok(&["analyze", "--jsonl"], Some(input.as_bytes()));
    let lines: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (arts, rejs): (Vec<&Value>, Vec<&Value>) =
        lines.iter().partition(|v| v.get("error").is_none());
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let table = |rows: &[&Value], last: &str| {
        let mut t = Table::default();
        t.push(
            "doc",
            Column::Utf8(rows.iter().map(|v| s(v, "doc")).collect()),
        );
        t.push(
            "id",
            Column::Utf8(rows.iter().map(|v| s(v, "id")).collect()),
        );
        if last == "analysis_json" {
            t.push(
                "title",
                Column::Utf8(rows.iter().map(|v| s(&v["article"], "title")).collect()),
            );
            t.push(
                last,
                Column::Utf8(rows.iter().map(|v| Some(v.to_string())).collect()),
            );
        } else {
            t.push(
                last,
                Column::Utf8(rows.iter().map(|v| s(v, last)).collect()),
            );
        }
        if with_sha {
            t.push(
                "sha256",
                Column::Utf8(
                    rows.iter()
                        .map(|v| s(v, "id").and_then(|id| sha.get(&id).cloned()))
                        .collect(),
                ),
            );
        }
        t
    };
    let a = out.join("articles");
    std::fs::create_dir_all(&a).unwrap();
    let half = arts.len() / 2;
    shiju_parquet::write(
        &a.join("part-00000-x.snappy.parquet"),
        &table(&arts[..half], "analysis_json"),
    )
    .unwrap();
    shiju_parquet::write(
        &a.join("part-00001-x.snappy.parquet"),
        &table(&arts[half..], "analysis_json"),
    )
    .unwrap();
    std::fs::write(a.join("_SUCCESS"), b"").unwrap();
    let r = out.join("rejects");
    std::fs::create_dir_all(&r).unwrap();
    shiju_parquet::write(
        &r.join("part-00000-x.snappy.parquet"),
        &table(&rejs, "error"),
    )
    .unwrap();
    // events and entities are not read by import
    std::fs::create_dir_all(out.join("events/event_month=2024-01")).unwrap();
    std::fs::write(
        out.join("events/event_month=2024-01/part-00000.parquet"),
        b"not parquet",
    )
    .unwrap();
    (arts.len(), rejs.len())
}

fn hex(d: &[u8]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// `shiju export --format jsonl`, without what depends on when and in
/// which order rows were inserted (event ids, date added, document ids),
/// sorted.
fn export(data: &Path) -> Vec<String> {
    let mut out: Vec<String> = raw_export(data)
        .lines()
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).unwrap();
            let o = v.as_object_mut().unwrap();
            o.remove("id");
            o.remove("date_added");
            for m in o["mentions"].as_array_mut().unwrap() {
                let m = m.as_object_mut().unwrap();
                m.remove("doc");
                m.remove("path");
            }
            v.to_string()
        })
        .collect();
    out.sort();
    out
}

fn raw_export(data: &Path) -> String {
    let o = ok(
        &[
            "export",
            "--format",
            "jsonl",
            "--data",
            data.to_str().unwrap(),
        ],
        None,
    );
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn import_equals_ingest_and_is_idempotent() {
    let t = Tmp::new("import-eq");
    let files = files();
    let spark = t.path("spark");
    let (n_arts, n_rejs) = write_spark_output(&spark, &files, true);
    assert!(
        n_arts >= 15 && n_rejs >= 3,
        "{n_arts} articles, {n_rejs} rejects"
    );
    // a corrupt part file: one reject, not a failure
    std::fs::write(
        spark.join("articles/part-00009-bad.parquet"),
        b"PAR1 garbage",
    )
    .unwrap();

    let ing = t.path("ingested");
    let mut args = vec!["ingest", "--data", ing.to_str().unwrap()];
    let paths: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    args.extend(paths.iter().map(String::as_str));
    let o = ok(&args, None);
    let (inputs, ingested, dup, rejected) = summary(&o.stderr);
    assert_eq!(inputs, files.len());

    let imp = t.path("imported");
    let imp_s = imp.to_str().unwrap();
    let o = ok(&["import", spark.to_str().unwrap(), "--data", imp_s], None);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(err.contains(" imported + "), "{err}");
    assert!(
        err.contains("part-00009-bad.parquet") && err.contains("Parquet"),
        "the corrupt file is named: {err}"
    );
    assert_eq!(
        summary(&o.stderr),
        (inputs + 1, ingested, dup, rejected + 1),
        "{err}"
    );

    let want = export(&ing);
    assert!(want.len() > 50, "only {} events", want.len());
    let got = export(&imp);
    if got != want {
        let missing: Vec<_> = want.iter().filter(|l| !got.contains(l)).take(2).collect();
        let extra: Vec<_> = got.iter().filter(|l| !want.contains(l)).take(2).collect();
        panic!("import differs from ingest: missing {missing:?}, extra {extra:?}");
    }
    // the same rejections (plus the corrupt file)
    let rejects = |d: &Path| {
        let o = ok(
            &["rejects", "--format", "json", "--data", d.to_str().unwrap()],
            None,
        );
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        v.as_array().map_or(0, Vec::len)
    };
    assert_eq!(rejects(&imp), rejects(&ing) + 1);

    // idempotent: a second import adds nothing and changes nothing
    let before = raw_export(&imp);
    let o = ok(&["import", spark.to_str().unwrap(), "--data", imp_s], None);
    let (i2, new2, dup2, rej2) = summary(&o.stderr);
    assert_eq!((i2, new2, rej2), (inputs + 1, 0, 1));
    assert_eq!(dup2, inputs);
    assert_eq!(raw_export(&imp), before);
    assert_eq!(rejects(&imp), rejects(&ing) + 1);

    // what was ingested is not imported again (same SHA-256 keys)
    let o = ok(
        &[
            "import",
            spark.to_str().unwrap(),
            "--data",
            ing.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(summary(&o.stderr).1, 0);
    assert_eq!(export(&ing), want);

    // an imported document has no raw bytes: said so, no crash
    let doc = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "html"))
        .unwrap();
    let name = doc.file_name().unwrap().to_str().unwrap();
    let o = run(&["show", name, "--data", imp_s], None);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("imported from Parquet"));
    let o = run(&["show", "--raw", name, "--data", imp_s], None);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("imported") && err.contains("raw bytes"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");

    // reanalyze keeps the imported analyses
    ok(&["reanalyze", "--data", imp_s], None);
    assert_eq!(export(&imp), want);
}

#[test]
fn import_without_sha_column_and_errors() {
    let t = Tmp::new("import-nosha");
    let files: Vec<PathBuf> = files().into_iter().take(6).collect();
    let spark = t.path("spark");
    write_spark_output(&spark, &files, false);
    let data = t.path("d");
    let d = data.to_str().unwrap();
    let o = ok(&["import", spark.to_str().unwrap(), "--data", d], None);
    let (inputs, imported, _, _) = summary(&o.stderr);
    assert_eq!(inputs, files.len());
    assert!(imported > 0);
    let before = raw_export(&data);
    let o = ok(
        &[
            "import",
            spark.join("articles").to_str().unwrap(),
            "--data",
            d,
        ],
        None,
    );
    let (_, imported2, dup2, _) = summary(&o.stderr);
    assert_eq!(imported2, 0, "{}", String::from_utf8_lossy(&o.stderr));
    assert!(dup2 > 0);
    assert_eq!(raw_export(&data), before);

    // not a Spark output folder: an error naming it
    let empty = t.path("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let o = run(&["import", empty.to_str().unwrap(), "--data", d], None);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no articles Parquet files"), "{err}");
    let o = run(
        &["import", t.path("missing").to_str().unwrap(), "--data", d],
        None,
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing"));
}
