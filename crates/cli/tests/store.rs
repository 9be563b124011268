//! End-to-end tests of the store subcommands, driving the built binary.

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_shiju");

mod common;
use common::{summary, Tmp};

fn shiju(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("running shiju")
}

fn ok(args: &[&str]) -> Output {
    let o = shiju(args);
    assert!(
        o.status.success(),
        "shiju {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

const PAIRS: &[(&str, &str)] = &[
    ("中国", "俄罗斯"),
    ("美国", "日本"),
    ("法国", "德国"),
    ("伊朗", "以色列"),
    ("印度", "巴西"),
    ("韩国", "朝鲜"),
    ("英国", "乌克兰"),
];

const TEMPLATES: &[&str] = &[
    "{A}外交部长当天在首都会见到访的{B}外长，双方就地区局势交换意见。",
    "{A}政府强烈谴责{B}当天的军事行动，并呼吁{B}保持克制。",
    "{A}总统宣布将向{B}提供新一批人道主义援助。",
    "{A}与{B}在当天举行会谈，两国同意加强经贸合作。",
    "{A}批评{B}的最新政策，称其违反国际法。",
];

/// A small news-like document (markdown with front matter), made of
/// templated sentences over rotating country pairs plus a sentence unique to
/// `i`, so that no two documents are byte-identical.
fn doc(i: usize) -> String {
    let day = 1 + i % 28;
    let month = 1 + (i / 28) % 12;
    let mut body = Vec::new();
    for k in 0..3 {
        let (a, b) = PAIRS[(i + k * 3) % PAIRS.len()];
        let t = TEMPLATES[(i + k) % TEMPLATES.len()];
        body.push(t.replace("{A}", a).replace("{B}", b));
    }
    body.push(format!(
        "本稿为第{i}号综合稿，记者在第{}个采访点补充了现场见闻。",
        i * 7 + 3
    ));
    format!(
        "---\ntitle: 国际要闻第{i}号\ndate: 2024-{month:02}-{day:02}\nsource: 测试通讯社{}\n---\n\n{}\n",
        i % 5,
        body.join("\n\n")
    )
}

fn corpus(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        std::fs::write(dir.join(format!("doc{i:04}.md")), doc(i)).unwrap();
    }
}

fn counts(data: &Path) -> shiju_store::Counts {
    shiju_store::Store::open(data).unwrap().counts().unwrap()
}

#[test]
fn kill_mid_ingest_then_rerun_loses_and_duplicates_nothing() {
    let t = Tmp::new("store-kill");
    let src = t.path("corpus");
    corpus(&src, 600);
    let data = t.path("data");
    let clean = t.path("clean");

    let mut child = Command::new(BIN)
        .args(["ingest", "--data", s(&data), s(&src)])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reported = 0usize;
    {
        let err = child.stderr.take().unwrap();
        let mut lines = BufReader::new(err).lines();
        for line in lines.by_ref() {
            let line = line.unwrap();
            if let Some(rest) = line.strip_prefix("progress: ") {
                // "progress: D/T inputs: I ingested, ..."
                let ingested: usize = rest
                    .split(": ")
                    .nth(1)
                    .and_then(|x| x.split(' ').next())
                    .and_then(|x| x.parse().ok())
                    .unwrap();
                reported = ingested;
                child.kill().unwrap();
                break;
            }
        }
    }
    let status = child.wait().unwrap();
    assert!(reported > 0, "no progress was reported");
    if status.success() {
        eprintln!("warning: ingest finished before it could be killed");
    }
    let after_kill = counts(&data);
    assert!(
        after_kill.documents as usize >= reported,
        "{} stored < {reported} reported",
        after_kill.documents
    );

    let o = ok(&["ingest", "--data", s(&data), s(&src)]);
    let (inputs, ingested, dup, rejected) = summary(&o.stderr);
    assert_eq!(inputs, 600);
    assert_eq!(inputs, ingested + dup + rejected);
    assert_eq!(dup, after_kill.documents as usize);

    let o = ok(&["ingest", "--data", s(&clean), s(&src)]);
    assert_eq!(summary(&o.stderr), (600, 600, 0, 0));
    let (a, b) = (counts(&data), counts(&clean));
    assert_eq!(a, b);
    assert!(a.events > 0 && a.event_mentions >= a.events);
    let ev = |d: &Path| stdout(&ok(&["events", "--data", s(d), "--format", "csv"]));
    assert_eq!(ev(&data), ev(&clean));
}

fn seed_dirs() -> Vec<PathBuf> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    shiju_core::testdata::shared_dir("seeds")
        .into_iter()
        .chain([
            Path::new(root).join("samples/corpus"),
            Path::new(root).join("samples/bad"),
        ])
        .collect()
}

#[test]
fn reingest_is_idempotent_and_reanalyze_gives_the_same_events() {
    let dirs = seed_dirs();
    if dirs.is_empty() {
        eprintln!("skipped: no seeds or samples");
        return;
    }
    let t = Tmp::new("store-idem");
    let data = t.path("data");
    let mut args = vec!["ingest".to_string(), "--data".into(), s(&data).into()];
    args.extend(dirs.iter().map(|d| s(d).to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let first = shiju(&args);
    let (inputs, ingested, dup, rejected) = summary(&first.stderr);
    assert_eq!(inputs, ingested + dup + rejected);
    assert!(ingested > 0);
    let c1 = counts(&data);
    let ev = || stdout(&ok(&["events", "--data", s(&data), "--format", "csv"]));
    let e1 = ev();

    let second = shiju(&args);
    assert_eq!(
        summary(&second.stderr),
        (
            inputs,
            0,
            inputs - rejected_unstored(&data, rejected),
            rejected_unstored(&data, rejected)
        )
    );
    assert_eq!(counts(&data), c1);
    assert_eq!(ev(), e1);

    ok(&["reanalyze", "--data", s(&data)]);
    assert_eq!(counts(&data), c1);
    assert_eq!(ev(), e1);
}

/// The one number a `count(*)` query gives.
fn count(st: &shiju_store::Store, sql: &str) -> i64 {
    st.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Rejections that leave no document (unreadable paths): they are rejected
/// again on every run; all other inputs are duplicates the second time.
fn rejected_unstored(data: &Path, _first_rejected: usize) -> usize {
    let st = shiju_store::Store::open(data).unwrap();
    count(
        &st,
        "SELECT count(*) FROM outcomes WHERE doc_id IS NULL AND status = 'rejected'",
    ) as usize
}

#[test]
fn garbage_is_fully_accounted_for() {
    let t = Tmp::new("store-garbage");
    let src = t.path("in");
    std::fs::create_dir_all(&src).unwrap();
    let bin: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 256) as u8).collect();
    std::fs::write(src.join("binary.bin"), &bin).unwrap();
    std::fs::write(src.join("empty.txt"), b"").unwrap();
    std::fs::write(src.join("blank.txt"), b"  \n\t\n").unwrap();
    let good = doc(1);
    let cut = good.as_bytes();
    let mut trunc = cut[..cut.len() / 2].to_vec();
    trunc.push(0xE4); // a cut multi-byte sequence
    std::fs::write(src.join("truncated.md"), &trunc).unwrap();
    std::fs::write(src.join("huge.md"), doc(2).repeat(200)).unwrap();
    let wrong: Vec<u8> = (0..3000u32)
        .map(|i| [0xFF, 0xFE, 0x80, 0xC0, 0x41][i as usize % 5])
        .collect();
    std::fs::write(src.join("wrong_encoding.txt"), &wrong).unwrap();
    std::fs::write(src.join("data.json"), b"{\"a\": [1, 2, 3]}").unwrap();
    std::fs::write(src.join("ok.md"), doc(3)).unwrap();
    let data = t.path("data");
    // A mistyped path is the command's error (exit ≠ 0, one line naming
    // it), and nothing is stored.
    let missing = t.path("does-not-exist.txt");
    let o = shiju(&["ingest", "--data", s(&data), s(&src), s(&missing)]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("does-not-exist.txt") && err.contains("no such file"),
        "{err}"
    );
    let o = shiju(&[
        "ingest",
        "--data",
        s(&data),
        "--max-bytes",
        "20000",
        s(&src),
    ]);
    let (inputs, ingested, dup, rejected) = summary(&o.stderr);
    assert_eq!(inputs, 8);
    assert_eq!(
        inputs,
        ingested + dup + rejected,
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        ingested >= 1 && rejected >= 5,
        "{ingested} ingested, {rejected} rejected"
    );

    let rej = stdout(&ok(&["rejects", "--data", s(&data), "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&rej).unwrap();
    let rows = v.as_array().unwrap();
    for name in ["binary.bin", "empty.txt", "huge.md"] {
        let row = rows
            .iter()
            .find(|r| r["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .unwrap_or_else(|| panic!("{name} not among the rejects: {rej}"));
        assert!(!row["reason"].as_str().unwrap_or("").is_empty());
    }
    let huge = rows
        .iter()
        .find(|r| r["path"].as_str().is_some_and(|p| p.ends_with("huge.md")))
        .unwrap();
    assert!(huge["reason"].as_str().unwrap().contains("too large"));
    // Every stored document has exactly one status.
    let c = counts(&data);
    assert_eq!(
        c.documents as usize,
        inputs,
        "{rej}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn show_raw_gives_back_the_exact_bytes() {
    let t = Tmp::new("store-raw");
    let src = t.path("in");
    std::fs::create_dir_all(&src).unwrap();
    let mut odd = doc(5).replace('\n', "\r\n").into_bytes();
    odd.extend_from_slice(&[0xEF, 0xBB, 0xBF, b'\n', 0xA4, b'\n']);
    std::fs::write(src.join("crlf.md"), &odd).unwrap();
    let data = t.path("data");
    ok(&["ingest", "--data", s(&data), s(&src)]);
    let o = ok(&["show", "--data", s(&data), "crlf.md", "--raw"]);
    assert_eq!(o.stdout, odd);
    let view = stdout(&ok(&["show", "--data", s(&data), "crlf.md"]));
    assert!(view.contains("国际要闻第5号"), "{view}");
    assert!(view.contains("events:"));

    // Standard input.
    let mut child = Command::new(BIN)
        .args(["ingest", "--data", s(&data), "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let piped = doc(6).into_bytes();
    child.stdin.take().unwrap().write_all(&piped).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(summary(&out.stderr), (1, 1, 0, 0));
    let o = ok(&["show", "--data", s(&data), "stdin", "--raw"]);
    assert_eq!(o.stdout, piped);
    let o = shiju(&["show", "--data", s(&data), "nothing-like-this"]);
    assert!(!o.status.success());
}

#[test]
fn queries_and_exports() {
    let t = Tmp::new("store-query");
    let src = t.path("in");
    corpus(&src, 80);
    let data = t.path("data");
    ok(&["ingest", "--data", s(&data), s(&src)]);
    let d = s(&data);

    let g = stdout(&ok(&["export", "--data", d, "--format", "gdelt"]));
    let lines: Vec<&str> = g.lines().collect();
    assert!(!lines.is_empty());
    for l in &lines {
        let cols: Vec<&str> = l.split('\t').collect();
        assert_eq!(cols.len(), 61, "{l}");
        assert_eq!(cols[1].len(), 8); // Day YYYYMMDD
        assert!(cols[26].len() >= 3); // EventCode
        assert!(matches!(cols[29], "1" | "2" | "3" | "4"));
        assert_eq!(cols[59].len(), 14); // DATEADDED
    }
    let out = t.path("events.csv");
    ok(&["export", "--data", d, "--format", "csv", "--out", s(&out)]);
    let csv = std::fs::read_to_string(&out).unwrap();
    // Text columns are quoted (so codes such as 042 stay strings).
    let header = csv.lines().next().unwrap_or("").replace('"', "");
    assert!(
        header.starts_with("event_id,date,date_precision,day,source"),
        "{header}"
    );
    assert_eq!(csv.lines().count(), lines.len() + 1);
    let jl = stdout(&ok(&["export", "--data", d, "--format", "jsonl"]));
    for l in jl.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert!(!v["mentions"].as_array().unwrap().is_empty());
    }

    let ev = stdout(&ok(&[
        "events", "--data", d, "--dyad", "CHN-RUS", "--format", "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&ev).unwrap();
    let rows = v.as_array().unwrap();
    assert!(!rows.is_empty(), "no CHN→RUS events");
    assert!(rows
        .iter()
        .all(|r| r["source"] == "CHN" && r["target"] == "RUS"));
    let ev = stdout(&ok(&[
        "events", "--data", d, "--quad", "4", "--format", "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&ev).unwrap();
    assert!(v.as_array().unwrap().iter().all(|r| r["quad"] == 4));
    let ev = stdout(&ok(&[
        "events", "--data", d, "--from", "2024-02", "--to", "2024-02", "--format", "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&ev).unwrap();
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["date"].as_str().unwrap().starts_with("2024-02")));

    let rel = stdout(&ok(&[
        "relations",
        "--data",
        d,
        "CHN",
        "RUS",
        "--by",
        "month",
    ]));
    assert!(rel.contains("CHN→RUS"), "{rel}");
    assert!(rel.contains("both"));
    assert!(rel.contains("Goldstein mean CHN–RUS"));
    assert!(rel.chars().any(|c| ('▁'..='█').contains(&c)), "{rel}");
    let relj = stdout(&ok(&[
        "relations",
        "--data",
        d,
        "CHN",
        "RUS",
        "--by",
        "week",
        "--format",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&relj).unwrap();
    assert!(v["periods"].as_array().unwrap()[0]
        .as_str()
        .unwrap()
        .contains("-W"));

    let net = stdout(&ok(&[
        "network",
        "--data",
        d,
        "--min-count",
        "2",
        "--format",
        "csv",
    ]));
    assert!(net.starts_with("source,target,events"));
    assert!(net.lines().count() > 1);

    let hit = stdout(&ok(&[
        "search",
        "--data",
        d,
        "第17号综合稿",
        "--format",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&hit).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1, "{hit}");
    assert!(v[0]["snippet"].as_str().unwrap().contains("«"));
    // Traditional-script query finds simplified text.
    let hit = stdout(&ok(&[
        "search",
        "--data",
        d,
        "國際要聞",
        "--format",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&hit).unwrap();
    assert!(!v.as_array().unwrap().is_empty(), "{hit}");
    // Two characters: the LIKE fallback.
    let hit = stdout(&ok(&["search", "--data", d, "援助", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&hit).unwrap();
    assert!(!v.as_array().unwrap().is_empty());
}

#[test]
fn near_duplicates_are_linked() {
    let t = Tmp::new("store-neardup");
    let src = t.path("in");
    std::fs::create_dir_all(&src).unwrap();
    let body = (0..6)
        .map(|k| {
            let (a, b) = PAIRS[k % PAIRS.len()];
            TEMPLATES[k % TEMPLATES.len()]
                .replace("{A}", a)
                .replace("{B}", b)
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let one = format!("---\ntitle: 多国外交动态\ndate: 2024-05-02\nsource: 甲网\n---\n\n{body}\n\n（甲网记者综合报道）\n");
    let two = format!("---\ntitle: 外交观察：多国密集互动\ndate: 2024-05-02\nsource: 乙网\n---\n\n{body}\n\n责任编辑：乙网国际部 转载请注明出处\n");
    std::fs::write(src.join("a.md"), one).unwrap();
    std::fs::write(src.join("b.md"), two).unwrap();
    std::fs::write(src.join("c.md"), doc(11)).unwrap();
    let data = t.path("data");
    ok(&["ingest", "--data", s(&data), s(&src)]);
    let st = shiju_store::Store::open(&data).unwrap();
    let links: Vec<(String, Option<String>)> = st
        .connection()
        .prepare(
            "SELECT a.item, o.item FROM articles a LEFT JOIN articles o ON o.id = a.duplicate_of ORDER BY a.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        links,
        vec![
            ("a.md".to_string(), None),
            ("b.md".to_string(), Some("a.md".to_string())),
            ("c.md".to_string(), None),
        ]
    );
    // The shared events count two articles from two sources.
    let n = count(
        &st,
        "SELECT count(*) FROM events WHERE num_articles = 2 AND num_sources = 2",
    );
    assert!(n > 0);
    let view = stdout(&ok(&["show", "--data", s(&data), "b.md"]));
    assert!(view.contains("near-duplicate of article 1"), "{view}");
}
