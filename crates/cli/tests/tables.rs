//! `shiju analyze --jsonl --tables DIR`: the Spark driver's four tables
//! written by shiju hold what `analyze --jsonl` answers, row by row, and
//! `shiju import DIR` of them gives the events `shiju ingest` gives.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use base64::Engine as _;
use serde_json::Value;
use sha2::Digest as _;

const BIN: &str = env!("CARGO_BIN_EXE_shiju");
const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples");

mod common;
use common::Tmp;

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut c = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("running shiju");
    let mut w = c.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    std::thread::spawn(move || {
        let _ = w.write_all(&bytes);
    });
    let o = c.wait_with_output().unwrap();
    assert!(
        o.status.success(),
        "shiju {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// Every Parquet row of one table (all part files, events' month folders).
fn table(dir: &Path) -> Vec<(PathBuf, Value)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    let mut entries: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            out.extend(table(&p));
        } else if p.extension().is_some_and(|e| e == "parquet") {
            let rows = shiju_parquet::read_json(&p).unwrap();
            out.extend(rows.into_iter().map(|r| (p.clone(), r)));
        }
    }
    out
}

/// Input lines for the sample corpus and bad samples, plus a line the
/// caller rejected (a corrupt WARC record) and a line that is not JSON.
fn input() -> (String, BTreeMap<String, String>) {
    let mut lines = String::new();
    let mut sha = BTreeMap::new();
    for dir in ["corpus", "bad"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(SAMPLES).join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file() && !p.to_string_lossy().ends_with(".gold.json"))
            .collect();
        files.sort();
        for f in files {
            let bytes = std::fs::read(&f).unwrap();
            let id = format!("file:{}", f.display());
            let hash = sha2::Sha256::digest(&bytes);
            sha.insert(
                id.clone(),
                hash.iter().map(|b| format!("{b:02x}")).collect(),
            );
            let b64 = base64::engine::general_purpose::STANDARD.encode(&bytes);
            lines.push_str(&serde_json::json!({"id": id, "bytes_b64": b64}).to_string());
            lines.push('\n');
        }
    }
    lines.push_str("{\"id\":\"crawl.warc.gz#000004\",\"error\":\"WARC record 4: truncated\"}\n");
    lines.push_str("not json\n");
    (lines, sha)
}

/// The answer lines of `analyze --jsonl` (without `--tables`) for `input`.
fn jsonl_answers(input: &[u8]) -> Vec<Value> {
    let plain = run(&["analyze", "--jsonl"], input);
    String::from_utf8(plain.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn tables_hold_what_jsonl_answers() {
    let (lines, sha) = input();
    let answers = jsonl_answers(lines.as_bytes());
    let tmp = Tmp::new("tables");
    let dir = tmp.path("out");
    let o = run(
        &["analyze", "--jsonl", "--tables", dir.to_str().unwrap()],
        lines.as_bytes(),
    );
    // One acknowledgement per input line, in order.
    let acks: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(acks.len(), lines.lines().count());
    assert!(acks.iter().all(|a| a["tables"] == 1));
    assert_eq!(acks[acks.len() - 2]["id"], "crawl.warc.gz#000004");

    let (ok, bad): (Vec<&Value>, Vec<&Value>) =
        answers.iter().partition(|a| a.get("error").is_none());
    let articles = table(&dir.join("articles"));
    assert_eq!(articles.len(), ok.len());
    for ((_, row), a) in articles.iter().zip(&ok) {
        let line: Value = serde_json::from_str(row["analysis_json"].as_str().unwrap()).unwrap();
        assert_eq!(&&line, a);
        assert_eq!(row["doc"], a["doc"]);
        assert_eq!(row["paragraphs"], a["article"]["paragraphs"]);
        assert_eq!(row["n_events"], a["events"].as_array().unwrap().len());
        let id = a["id"].as_str().unwrap();
        assert_eq!(row["sha256"].as_str(), sha.get(id).map(String::as_str));
        let timex: Vec<Value> = a["timex"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| serde_json::json!({"text": t["text"], "value": t["value"], "start": t["start"], "end": t["end"]}))
            .collect();
        assert_eq!(row["timex"], Value::Array(timex));
    }
    let rejects = table(&dir.join("rejects"));
    let got: Vec<(Value, Value)> = rejects
        .iter()
        .map(|(_, r)| (r["id"].clone(), r["error"].clone()))
        .collect();
    let want: Vec<(Value, Value)> = bad
        .iter()
        .map(|a| (a["id"].clone(), a["error"].clone()))
        .collect();
    assert_eq!(got, want);
    assert!(got.iter().any(|(_, e)| e == "WARC record 4: truncated"));

    // Events: one row per event, in the folder of its month.
    let events = table(&dir.join("events"));
    let n: usize = ok
        .iter()
        .map(|a| a["events"].as_array().unwrap().len())
        .sum();
    assert!(n > 50, "too few events to mean anything: {n}");
    assert_eq!(events.len(), n);
    for (path, e) in &events {
        let folder = path
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy();
        let date = e["date"].as_str().unwrap();
        assert!(
            folder.starts_with("event_month=") && (date.is_empty() || folder.contains(&date[..4])),
            "{folder} {date}"
        );
        assert_eq!(
            e["root"].as_str().unwrap(),
            &e["code"].as_str().unwrap()[..2]
        );
    }
    let entities = table(&dir.join("entities"));
    let m: usize = ok
        .iter()
        .map(|a| a["entities"].as_array().unwrap().len())
        .sum();
    assert_eq!(entities.len(), m);
    let counts: Value = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("_counts-"))
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .unwrap();
    assert_eq!(counts["events"], n);
    assert_eq!(counts["rejects"], bad.len());
    cells_are_the_answers_fields(&ok, &articles, &events, &entities);
}

/// Every cell of the articles, events and entities rows is the field of
/// the answer line it comes from (the rows are built from the typed
/// analyses, never from the lines: this holds them to the same values).
fn cells_are_the_answers_fields(
    ok: &[&Value],
    articles: &[(PathBuf, Value)],
    events: &[(PathBuf, Value)],
    entities: &[(PathBuf, Value)],
) {
    let pick =
        |v: &Value, keys: &[&str]| -> Vec<Value> { keys.iter().map(|k| v[*k].clone()).collect() };
    let art_keys = [
        "title",
        "published",
        "dateline",
        "authors",
        "outlet",
        "url",
        "script",
        "form",
        "encoding",
    ];
    for ((_, row), a) in articles.iter().zip(ok) {
        assert_eq!(pick(row, &art_keys), pick(&a["article"], &art_keys));
        assert_eq!(row["id"], a["id"]);
        assert_eq!(row["n_entities"], a["entities"].as_array().unwrap().len());
        let quotes: Vec<Value> = a["quotes"].as_array().unwrap().clone();
        assert_eq!(row["quotes"], Value::Array(quotes));
    }
    let ev_keys = [
        "source",
        "target",
        "source_entity",
        "target_entity",
        "code",
        "goldstein",
        "quad_class",
        "plover",
        "date",
        "evidence",
        "start",
        "end",
    ];
    let meta = ["url", "outlet", "published"];
    let mut want: Vec<String> = Vec::new();
    for a in ok {
        for e in a["events"].as_array().unwrap() {
            let mut cells = pick(e, &ev_keys);
            cells.extend(pick(&a["article"], &meta));
            cells.push(a["doc"].clone());
            cells.push(e["cameo"].clone());
            want.push(Value::Array(cells).to_string());
        }
    }
    let mut got: Vec<String> = events
        .iter()
        .map(|(_, r)| {
            let mut cells = pick(r, &ev_keys);
            cells.extend(pick(r, &meta));
            cells.push(r["doc"].clone());
            cells.push(r["root"].clone());
            Value::Array(cells).to_string()
        })
        .collect();
    want.sort();
    got.sort();
    assert_eq!(got, want);
    let en_keys = ["id", "type", "name", "country", "forms", "mentions"];
    let want: Vec<Vec<Value>> = ok
        .iter()
        .flat_map(|a| a["entities"].as_array().unwrap())
        .map(|en| {
            let mut cells = pick(en, &en_keys);
            let role = &en["role"];
            cells.extend([
                role["title"].clone(),
                role["of"].clone(),
                role["status"].clone(),
            ]);
            cells
        })
        .collect();
    let got: Vec<Vec<Value>> = entities
        .iter()
        .map(|(_, r)| {
            let mut cells = pick(
                r,
                &["entity_id", "type", "name", "country", "forms", "mentions"],
            );
            cells.extend(pick(r, &["role_title", "role_of", "role_status"]));
            cells
        })
        .collect();
    assert_eq!(got, want);
    assert!(got.iter().any(|c| !c[6].is_null()), "no role to compare");
}

/// `shiju import` reads the tables shiju wrote as it reads Spark's.
#[test]
fn import_reads_the_tables() {
    let (lines, _) = input();
    let tmp = Tmp::new("tables-import");
    let dir = tmp.path("out");
    run(
        &["analyze", "--jsonl", "--tables", dir.to_str().unwrap()],
        lines.as_bytes(),
    );
    let data = tmp.path("data");
    let o = Command::new(BIN)
        .args([
            "import",
            dir.to_str().unwrap(),
            "--data",
            data.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    let (inputs, imported, _, rejected) = common::summary(&o.stderr);
    assert!(imported > 20, "{err}");
    assert_eq!(inputs, imported + rejected, "{err}");
}

/// A WARC file of `pages` as `response` records after a `warcinfo`, the
/// last cut short; its records' raw bytes by number.
fn warc_of(pages: &[&str]) -> (Vec<u8>, Vec<(usize, Vec<u8>)>) {
    let record = |kind: &str, uri: &str, content: &[u8], length: usize| {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
             Content-Type: application/http; msgtype=response\r\n\
             Content-Length: {length}\r\n\r\n"
        )
        .into_bytes();
        r.extend_from_slice(content);
        r
    };
    let mut file = record("warcinfo", "", b"software: test", 14);
    file.extend_from_slice(b"\r\n\r\n");
    let mut records = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        let page = std::fs::read(Path::new(SAMPLES).join("corpus").join(p)).unwrap();
        let mut http =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
        http.extend_from_slice(&page);
        let uri = format!("https://news.example.org/2024/05/0{i}/{p}");
        let r = record("response", &uri, &http, http.len());
        file.extend_from_slice(&r);
        file.extend_from_slice(b"\r\n\r\n");
        records.push((i + 2, r));
    }
    // a record whose content the file does not hold
    file.extend_from_slice(&record("response", "https://x.example/cut", b"<html>", 999));
    (file, records)
}

/// A line naming a WARC file (`{"id", "path"}`) is answered as its
/// records sent one a line would be (ids `ID#NNNNNN`), acknowledged once.
#[test]
fn a_warc_path_line_writes_its_records() {
    let tmp = Tmp::new("tables-path");
    let pages = [
        "h01_xi_putin_moscow.html",
        "h04_yoon_martial_law.html",
        "h06_iran_israel_april.html",
    ];
    let (file, records) = warc_of(&pages);
    let warc = tmp.path("crawl.warc");
    std::fs::write(&warc, &file).unwrap();
    let id = "file:/data/crawl.warc";
    let mut by_path = serde_json::json!({"id": id, "path": warc}).to_string();
    by_path.push_str("\n{\"id\": \"missing\", \"path\": \"/no/such/file.warc\"}\n");
    let mut by_record = String::new();
    for (n, r) in &records {
        let b64 = base64::engine::general_purpose::STANDARD.encode(r);
        let line = serde_json::json!({"id": format!("{id}#{n:06}"), "bytes_b64": b64});
        by_record.push_str(&format!("{line}\n"));
    }
    let (a, b) = (tmp.path("a"), tmp.path("b"));
    let o = run(
        &["analyze", "--jsonl", "--tables", a.to_str().unwrap()],
        by_path.as_bytes(),
    );
    let acks = String::from_utf8(o.stdout).unwrap();
    assert_eq!(
        acks,
        format!("{{\"id\":\"{id}\",\"tables\":1}}\n{{\"id\":\"missing\",\"tables\":1}}\n")
    );
    run(
        &["analyze", "--jsonl", "--tables", b.to_str().unwrap()],
        by_record.as_bytes(),
    );
    for t in ["articles", "entities", "events"] {
        let rows =
            |d: &Path| -> Vec<Value> { table(&d.join(t)).into_iter().map(|r| r.1).collect() };
        assert_eq!(rows(&a), rows(&b), "{t}");
    }
    let articles = table(&a.join("articles"));
    assert_eq!(articles.len(), pages.len());
    assert_eq!(articles[0].1["id"], format!("{id}#000002"));
    assert_eq!(
        articles[0].1["url"],
        format!("https://news.example.org/2024/05/00/{}", pages[0])
    );
    let rejects: Vec<(Value, String)> = table(&a.join("rejects"))
        .into_iter()
        .map(|(_, r)| (r["id"].clone(), r["error"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(rejects.len(), 2, "{rejects:?}");
    assert_eq!(rejects[0].0, format!("{id}#000005"));
    assert!(
        rejects[0].1.contains("WARC record 5: truncated"),
        "{rejects:?}"
    );
    assert_eq!(rejects[1].0, "missing");
    // without --tables: the records' answer lines
    let lines = jsonl_answers(by_path.as_bytes());
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            &format!("{id}#000002")[..],
            &format!("{id}#000003"),
            &format!("{id}#000004"),
            &format!("{id}#000005"),
            "missing"
        ]
    );
}

/// A table that gets no row still gets one file, with its columns and no
/// rows (as Spark writes an empty table); events, partitioned by month,
/// get none (nor does Spark write one).
#[test]
fn tables_without_rows_get_an_empty_file() {
    let tmp = Tmp::new("tables-empty");
    let dir = tmp.path("out");
    let line = serde_json::json!({
        "id": "file:/news/2024/visit.txt",
        "text": "新华社北京5月6日电 外交部发言人6日宣布，应法国总统邀请，国家主席将于5月5日至10日对法国进行国事访问。",
        "published": "2024-05-06",
    });
    run(
        &["analyze", "--jsonl", "--tables", dir.to_str().unwrap()],
        format!("{line}\n").as_bytes(),
    );
    let files = |t: &str| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir.join(t))
            .map(|rd| rd.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        v.sort();
        v
    };
    assert_eq!(table(&dir.join("articles")).len(), 1);
    let rejects = files("rejects");
    assert_eq!(rejects.len(), 1, "{rejects:?}");
    assert!(rejects[0].to_string_lossy().ends_with("-empty.parquet"));
    assert!(table(&dir.join("rejects")).is_empty());
    assert!(files("articles")
        .iter()
        .all(|p| !p.to_string_lossy().ends_with("-empty.parquet")));

    // no input at all: one empty file for each table but events
    let none = tmp.path("none");
    let o = run(
        &["analyze", "--jsonl", "--tables", none.to_str().unwrap()],
        b"",
    );
    assert!(o.stdout.is_empty());
    for t in ["articles", "entities", "rejects"] {
        let got: Vec<PathBuf> = std::fs::read_dir(none.join(t))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(got.len(), 1, "{t}: {got:?}");
        assert!(shiju_parquet::read_json(&got[0]).unwrap().is_empty(), "{t}");
    }
    assert!(!none.join("events").exists());
}
