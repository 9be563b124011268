//! The query commands say no: each invalid invocation exits non-zero with
//! one line naming the bad value; names (any script, English, people) work
//! as queries; `relations` draws a zero line and keeps imprecise dates apart.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn shiju(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shiju"))
        .args(args)
        .output()
        .unwrap()
}

fn ok(args: &[&str]) -> String {
    let o = shiju(args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("shiju-no-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn md(title: &str, date: &str, paragraphs: &[&str]) -> String {
    format!(
        "---\ntitle: {title}\ndate: {date}\nsource: 测试社\n---\n\n{}\n",
        paragraphs.join("\n\n")
    )
}

/// A store of three short articles written for this test.
fn store(dir: &Path) -> String {
    let src = dir.join("in");
    std::fs::create_dir_all(src.join("z")).unwrap();
    std::fs::write(
        src.join("a.md"),
        md(
            "中美会谈",
            "2024-03-05",
            &[
                "中国外交部长当天在北京会见到访的美国国务卿，双方就双边关系交换意见。",
                "美国政府批评中国的贸易政策，中方表示强烈不满。",
            ],
        ),
    )
    .unwrap();
    std::fs::write(
        src.join("b.md"),
        md(
            "俄罗斯总统会见印度总理",
            "2024-07-09",
            &[
                "俄罗斯总统普京在莫斯科会见到访的印度总理，双方同意扩大能源合作。",
                "普京表示，俄方愿同印方加强战略协作。",
            ],
        ),
    )
    .unwrap();
    std::fs::write(
        src.join("z").join("001.md"),
        md(
            "日本首相访问美国",
            "2024-04-10",
            &["日本首相当天抵达华盛顿，开始对美国进行正式访问。"],
        ),
    )
    .unwrap();
    let data = dir.join("data");
    let d = data.to_str().unwrap().to_string();
    ok(&["ingest", "--data", &d, src.to_str().unwrap()]);
    d
}

#[test]
fn invalid_invocations_exit_nonzero_naming_the_value() {
    let dir = tmp("invalid");
    let d = store(&dir);
    for (args, value) in [
        (vec!["events", "--from", "2023-13-01"], "2023-13-01"),
        (vec!["events", "--from", "2023-02-30"], "2023-02-30"),
        (vec!["export", "--from", "2022-13"], "2022-13"),
        (vec!["relations", "CHN", "XYZ"], "XYZ"),
        (vec!["relations", "中国", "普京"], "普京"),
        (vec!["events", "--root", "99"], "99"),
        (vec!["events", "--actor", "某某国"], "某某国"),
        (vec!["events", "--code", "999"], "999"),
        (vec!["show", "7777"], "7777"),
        (vec!["ingest", "nonexistent.html"], "nonexistent.html"),
        (vec!["export", "--format", "entities-xml"], "entities-xml"),
    ] {
        let mut full = args.clone();
        full.extend(["--data", &d]);
        let o = shiju(&full);
        assert!(!o.status.success(), "{args:?} succeeded");
        let err = String::from_utf8_lossy(&o.stderr);
        let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!(lines.iter().any(|l| l.contains(value)), "{args:?}: {err}");
        assert!(lines.len() <= 2, "{args:?}: more than one line: {err}");
    }
    // The mistyped path is an error of the command, not a stored rejection.
    let rejects = ok(&["rejects", "--data", &d, "--format", "json"]);
    assert!(!rejects.contains("nonexistent"), "{rejects}");
    // `show 001` is the file 001.md (not document id 1), and says so.
    let o = shiju(&["show", "--data", &d, "001"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("日本首相访问美国"));
    assert!(String::from_utf8_lossy(&o.stderr).contains("without extension"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn names_are_queries_and_periods_are_honest() {
    let dir = tmp("names");
    let d = store(&dir);
    let by_code = ok(&["relations", "--data", &d, "CHN", "USA"]);
    assert!(by_code.contains("CHN→USA"), "{by_code}");
    for (a, b) in [
        ("中国", "美国"),
        ("China", "USA"),
        ("中國", "United States"),
    ] {
        assert_eq!(ok(&["relations", "--data", &d, a, b]), by_code, "{a} {b}");
    }
    // The zero line: one sign per period under the sparkline.
    let lines: Vec<&str> = by_code.lines().collect();
    let spark = lines
        .iter()
        .position(|l| l.starts_with("Goldstein mean CHN–USA"))
        .unwrap();
    let zero = lines[spark + 1].trim();
    assert!(
        !zero.is_empty() && zero.chars().all(|c| matches!(c, '+' | '-' | '0' | ' ')),
        "{by_code}"
    );
    // A person: the events whose source or target he is.
    let ev = ok(&[
        "events", "--data", &d, "--actor", "普京", "--format", "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&ev).unwrap();
    let rows = v.as_array().unwrap();
    assert!(!rows.is_empty(), "no events of 普京");
    assert!(rows
        .iter()
        .all(|r| r["source"] == "RUS" || r["target"] == "RUS"));
    let latin = ok(&[
        "events",
        "--data",
        &d,
        "--actor",
        "Vladimir Putin",
        "--format",
        "json",
    ]);
    assert_eq!(latin, ev);
    // Entities and quotes exports from the command line.
    let ents = ok(&["export", "--data", &d, "--format", "entities"]);
    assert!(ents.starts_with("article_id,doc_id,published"), "{ents}");
    assert!(ents.contains("\"person:putin\""), "{ents}");
    let _ = std::fs::remove_dir_all(&dir);
}
