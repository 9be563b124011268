//! End-to-end tests of the `shiju` binary: analyze (files, folders, JSON,
//! --out, --jsonl, bad inputs) and eval on the seeds.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn shiju() -> Command {
    Command::new(env!("CARGO_BIN_EXE_shiju"))
}

/// Runs `cmd`, asserts it succeeded (showing its stderr if not) and
/// returns its standard output.
fn stdout_of(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// ../shared/seeds (a missing folder fails under CI).
fn seeds() -> Option<PathBuf> {
    shiju_core::testdata::shared_dir("seeds")
}

fn samples() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples"))
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("shiju-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn eval_on_the_seeds_gets_every_article_field_right() {
    let Some(dir) = seeds() else { return };
    let stdout = stdout_of(shiju().args(["eval", "--json"]).arg(&dir));
    let report: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(report["documents"], 5);
    for field in shiju_eval::ARTICLE_FIELDS {
        assert_eq!(
            report["article"][field].as_f64(),
            Some(1.0),
            "article.{field}: {report}"
        );
    }
    // The figures themselves are held up by quality/floors.tsv (tests/quality.rs).
    for key in ["entities", "timex", "quotes", "events"] {
        let f1 = report[key]["f1"].as_f64().unwrap_or(-1.0);
        assert!((0.0..=1.0).contains(&f1), "{key}: {f1}");
    }
    assert!(report["events"]["by_quad"].is_object());
    assert_eq!(report["per_document"].as_array().unwrap().len(), 5);
}

#[test]
fn analyze_json_gives_one_analysis_per_article() {
    let dir = samples().join("corpus");
    let stdout = stdout_of(shiju().args(["analyze", "--json"]).arg(&dir));
    let all: Vec<serde_json::Value> = serde_json::from_slice(&stdout).unwrap();
    // 20 single-article files + an RSS file with 3 items + an Atom file with 2.
    assert_eq!(all.len(), 25);
    for a in &all {
        for key in ["doc", "article", "entities", "timex", "quotes", "events"] {
            assert!(a.get(key).is_some(), "{key} missing in {}", a["doc"]);
        }
        let an: shiju_core::Analysis = serde_json::from_value(a.clone()).unwrap();
        // Offsets are character offsets into the body text.
        let body: Vec<char> = an.article.body_text().chars().collect();
        let at = |s: usize, e: usize| -> String { body[s..e].iter().collect() };
        for m in an.entities.iter().flat_map(|e| &e.mentions) {
            assert_eq!(at(m.start, m.end), m.text, "mention offsets in {}", an.doc);
        }
        for t in &an.timex {
            assert_eq!(at(t.start, t.end), t.text, "timex offsets in {}", an.doc);
        }
    }
    let docs: Vec<&str> = all.iter().map(|a| a["doc"].as_str().unwrap()).collect();
    assert!(docs.contains(&"r01_world_feed.xml#3"));
}

#[test]
fn analyze_out_writes_one_file_per_input_and_reports_rejects() {
    let out_dir = tmp("out");
    let out = shiju()
        .args(["analyze", "--out"])
        .arg(&out_dir)
        .arg(samples().join("bad"))
        .arg(samples().join("corpus/h01_xi_putin_moscow.html"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("empty.txt") && stderr.contains("empty file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("random.bin") && stderr.contains("binary data"),
        "{stderr}"
    );
    assert!(
        stderr.contains("link_list.html") && stderr.contains("no article body"),
        "{stderr}"
    );
    let written = std::fs::read_to_string(out_dir.join("h01_xi_putin_moscow.html.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(v["doc"], "h01_xi_putin_moscow.html");
    std::fs::remove_dir_all(&out_dir).unwrap();
}

/// `--out` mirrors the input folders (same-named files of two folders both
/// kept), shortens a name too long for the file system instead of aborting
/// the run, and names with control characters are escaped on the terminal.
#[test]
fn analyze_out_keeps_same_names_apart_and_survives_odd_names() {
    let input = tmp("odd-names-in");
    let out_dir = tmp("odd-names-out");
    let text = "俄罗斯总统普京周三在莫斯科会见了来访的中国外长王毅，双方讨论了双边关系。";
    for sub in ["a", "b"] {
        std::fs::create_dir_all(input.join(sub)).unwrap();
        std::fs::write(input.join(sub).join("same.txt"), text).unwrap();
    }
    // 251 bytes: with ".json" over the 255 a file name may have.
    let long = format!("{}.txt", "y".repeat(247));
    std::fs::write(input.join(&long), text).unwrap();
    // Not a valid analysis: it is rejected, and its name is printed.
    std::fs::write(input.join("esc\u{1b}[31mred.txt"), "").unwrap();
    let out = shiju()
        .args(["analyze", "--out"])
        .arg(&out_dir)
        .arg(&input)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    for sub in ["a", "b"] {
        assert!(out_dir.join(sub).join("same.txt.json").is_file(), "{sub}");
    }
    let written: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        written
            .iter()
            .any(|n| n.starts_with("yyyy") && n.len() <= 255),
        "{written:?}"
    );
    assert!(
        !stderr.contains('\u{1b}'),
        "a raw escape reached the terminal: {stderr:?}"
    );
    assert!(stderr.contains("esc\\u{1b}[31mred.txt"), "{stderr}");
    std::fs::remove_dir_all(&input).unwrap();
    std::fs::remove_dir_all(&out_dir).unwrap();
}

#[test]
fn analyze_a_bare_sentence_with_a_reference_date() {
    let dir = tmp("bare");
    let f = dir.join("s.txt");
    std::fs::write(
        &f,
        "俄罗斯总统普京周三在莫斯科会见了来访的中国外长王毅，双方讨论了双边关系。",
    )
    .unwrap();
    let stdout = stdout_of(
        shiju()
            .args(["analyze", "--json", "--published", "2024-05-16"])
            .arg(&f),
    );
    let v: Vec<serde_json::Value> = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(v[0]["article"]["published"], "2024-05-16");
    let tx = v[0]["timex"].as_array().unwrap();
    assert!(
        tx.iter()
            .any(|t| t["text"] == "周三" && t["value"] == "2024-05-15"),
        "{tx:?}"
    );
    let bad = shiju()
        .args(["analyze", "--published", "16/05/2024"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("YYYY-MM-DD"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn jsonl_streams_in_order_and_survives_bad_lines() {
    use base64::Engine as _;
    let wire = "（中央社記者王小明台北20日電）外交部今天表示，將持續與理念相近國家合作，維護區域和平穩定。（編輯：某甲）1130520";
    let lines = [
        serde_json::json!({"id": "t1", "text": "美国国务卿布林肯周一抵达北京，与中国外长王毅举行会谈。", "published": "2023-06-20"}).to_string(),
        "{not json".to_string(),
        serde_json::json!({"id": 7, "bytes_b64": base64::engine::general_purpose::STANDARD.encode([0u8, 1, 2, 3])}).to_string(),
        serde_json::json!({"id": "w", "bytes_b64": base64::engine::general_purpose::STANDARD.encode(wire)}).to_string(),
        serde_json::json!({"id": "x"}).to_string(),
    ];
    let mut child = shiju()
        .args(["analyze", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all((lines.join("\n") + "\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let outs: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(outs.len(), 5);
    assert_eq!(outs[0]["id"], "t1");
    assert_eq!(outs[0]["article"]["published"], "2023-06-20");
    assert!(outs[1]["error"].as_str().unwrap().contains("invalid JSON"));
    assert_eq!(outs[2]["id"], 7);
    assert!(outs[2]["error"].as_str().unwrap().contains("binary"));
    assert_eq!(outs[3]["id"], "w");
    assert_eq!(outs[3]["article"]["outlet"], "中央社");
    assert_eq!(outs[3]["article"]["published"], "2024-05-20");
    assert!(outs[4]["error"].is_string());
}

#[test]
fn the_body_supplies_a_missing_publication_date() {
    let dir = tmp("guess");
    let f = dir.join("plain.txt");
    std::fs::write(
        &f,
        "外交部发言人就朝鲜半岛局势答记者问\n2024年3月5日\n外交部发言人周一在例行记者会上表示，中方呼吁有关各方保持冷静克制，通过对话协商解决彼此关切。\n发言人说，各方应共同维护半岛和平稳定。\n",
    )
    .unwrap();
    let stdout = stdout_of(shiju().args(["analyze", "--json"]).arg(&f));
    let v: Vec<serde_json::Value> = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(
        v[0]["article"]["published"], "2024-03-05",
        "{}",
        v[0]["article"]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_warc_file_is_one_input_per_response_record() {
    let dir = tmp("warc");
    let page = "<html><body><article><h1>外交部：欢迎马克龙访华</h1><p>外交部发言人周二在例行记者会上表示，中方欢迎法国总统马克龙下月访华，双方将就双边关系深入交换意见。</p></article></body></html>";
    let record = |kind: &str, uri: &str, block: &[u8]| {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-07T08:00:00Z\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    };
    let ok = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}");
    let mut warc = record("warcinfo", "", b"software: test\r\n");
    warc.extend(record(
        "request",
        "https://a.example.org/1",
        b"GET /1 HTTP/1.1\r\n\r\n",
    ));
    warc.extend(record("response", "https://a.example.org/1", ok.as_bytes()));
    warc.extend(record(
        "response",
        "https://a.example.org/2",
        b"HTTP/1.1 404 Not Found\r\n\r\n",
    ));
    let mut cut = record("response", "https://a.example.org/3", ok.as_bytes());
    cut.truncate(cut.len() - 40);
    warc.extend(cut);
    let f = dir.join("crawl.warc");
    std::fs::write(&f, &warc).unwrap();
    let out = shiju()
        .args(["analyze", "--json"])
        .arg(&f)
        .output()
        .unwrap();
    let v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["doc"], "crawl.warc#000003");
    assert_eq!(v[0]["article"]["url"], "https://a.example.org/1");
    assert_eq!(v[0]["article"]["published"], "2024-05-07");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("HTTP status 404"), "{err}");
    assert!(err.contains("WARC record 5: truncated"), "{err}");
    assert!(err.contains("1 analysed, 2 rejected"), "{err}");
    let data = dir.join("data");
    let out = shiju()
        .arg("ingest")
        .arg("--data")
        .arg(&data)
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("3 inputs = 1 ingested + 0 duplicate + 2 rejected"),
        "{err}"
    );
}
