//! Every export format read back with a typed reader: CAMEO codes stay
//! strings (`042` stays `042`), Parquet dates are DATE/TIMESTAMP, CSV and
//! Parquet carry evidence, title, outlet, URL and date precision, the GDELT
//! files have 61 (events) and 16 (mentions) fields in every row, a filled
//! Day, CAMEO IGO codes and no local paths.

use shiju_pipeline::{Options, Pipeline};
use shiju_store::export::{export, export_parquet, ExportFormat};
use shiju_store::query::Span;
use shiju_store::{ingest, Input, Store};

const BODY: &[&str] = &[
    "中国外交部长当天在北京会见到访的俄罗斯外长，双方就地区局势交换意见。",
    "美国政府强烈谴责朝鲜当天发射弹道导弹，并呼吁朝鲜停止挑衅。",
    "日本首相与韩国总统在东京举行会谈，两国同意加强安全合作。",
    "法国总统宣布将向乌克兰提供新一批人道主义援助。",
    "伊朗批评以色列的最新军事行动，称其违反国际法。",
];

fn input(name: &str, url: Option<&str>) -> Input {
    let url = url.map(|u| format!("url: {u}\n")).unwrap_or_default();
    Input::Bytes {
        name: name.into(),
        path: format!("/home/someone/{name}"),
        bytes: format!(
            "---\ntitle: 外长会谈\ndate: 2024-03-05\nsource: 甲网\n{url}---\n\n{}\n",
            BODY.join("\n\n")
        )
        .into_bytes(),
    }
}

/// A store with events, one of them recoded `042` with a month-precision
/// date, one with the UN as source, one with an unplaceable date.
fn store(t: &tempfile::TempDir) -> Store {
    let pl = Pipeline::new(&Options::default()).unwrap();
    let mut store = Store::open(&t.path().join("data")).unwrap();
    let inputs = vec![input("a.md", Some("https://example.com/a"))];
    ingest(&mut store, &pl, inputs, 1, &mut |_| {}).unwrap();
    let c = store.connection();
    let ids: Vec<i64> = c
        .prepare("SELECT id FROM events ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(ids.len() >= 3, "{ids:?}");
    c.execute(
        "UPDATE events SET code = '042', root = '04', date = '2024-03', day = '2024-03-01' WHERE id = ?1",
        [ids[0]],
    )
    .unwrap();
    c.execute(
        "UPDATE events SET source = 'UN', source_entity = NULL WHERE id = ?1",
        [ids[1]],
    )
    .unwrap();
    c.execute(
        "UPDATE events SET date = '2024-H1', day = NULL WHERE id = ?1",
        [ids[2]],
    )
    .unwrap();
    store
}

fn text(store: &Store, format: ExportFormat) -> String {
    let mut out = Vec::new();
    export(store, format, &Span::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// A CSV reader (RFC 4180) that keeps whether each field was quoted.
fn read_csv(s: &str) -> Vec<Vec<(String, bool)>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let (mut quoted, mut in_quotes) = (false, false);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                in_quotes = true;
                quoted = true;
            }
            ',' => row.push((std::mem::take(&mut field), std::mem::take(&mut quoted))),
            '\r' => {}
            '\n' => {
                row.push((std::mem::take(&mut field), std::mem::take(&mut quoted)));
                rows.push(std::mem::take(&mut row));
            }
            _ => field.push(c),
        }
    }
    rows
}

#[test]
fn exports_read_back_typed_and_complete() {
    let t = tempfile::tempdir().unwrap();
    let store = store(&t);

    // CSV: codes quoted strings, numbers bare, provenance present.
    let csv = read_csv(&text(&store, ExportFormat::Csv));
    let header: Vec<&str> = csv[0].iter().map(|(h, _)| h.as_str()).collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    for name in [
        "evidence",
        "title",
        "outlet",
        "source_url",
        "date_precision",
    ] {
        col(name);
    }
    let rows = &csv[1..];
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let r042 = rows
        .iter()
        .find(|r| r[col("event_code")].0 == "042")
        .expect("the 042 event");
    assert!(r042[col("event_code")].1, "event codes are quoted");
    assert_eq!(r042[col("root_code")], ("04".to_string(), true));
    assert_eq!(r042[col("date_precision")].0, "month");
    assert_eq!(r042[col("day")].0, "2024-03-01");
    assert!(!r042[col("event_id")].1, "numbers are bare");
    for r in rows {
        assert_eq!(r[col("source_url")].0, "https://example.com/a");
        assert_eq!(r[col("title")].0, "外长会谈");
        assert!(!r[col("evidence")].0.is_empty());
    }
    let un = rows.iter().find(|r| r[col("source")].0 == "UN").unwrap();
    assert_eq!(un[col("source_cameo")].0, "IGOUNO");
    assert_eq!(un[col("source_name")].0, "United Nations");

    // JSONL: the same facts.
    let jsonl = text(&store, ExportFormat::Jsonl);
    let evs: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(evs.len(), rows.len());
    let j042 = evs.iter().find(|e| e["code"] == "042").unwrap();
    assert_eq!(j042["date_precision"], "month");
    assert_eq!(j042["root"], "04");
    assert_eq!(j042["url"], "https://example.com/a");

    // Parquet: typed columns.
    let pq = t.path().join("events.parquet");
    export_parquet(&store, &Span::default(), &pq).unwrap();
    let types = shiju_parquet::column_types(&pq).unwrap();
    let ty = |name: &str| {
        let c = types.iter().find(|c| c.0 == name).unwrap();
        (c.1.as_str(), c.2.as_str())
    };
    assert_eq!(ty("day"), ("INT32", "DATE"));
    assert_eq!(ty("date_added").0, "INT64");
    assert!(ty("date_added").1.starts_with("TIMESTAMP"));
    assert_eq!(ty("event_code"), ("BYTE_ARRAY", "STRING"));
    assert_eq!(ty("root_code"), ("BYTE_ARRAY", "STRING"));
    assert_eq!(ty("event_id").0, "INT64");
    assert_eq!(ty("goldstein").0, "DOUBLE");
    for name in [
        "evidence",
        "title",
        "outlet",
        "source_url",
        "date_precision",
    ] {
        assert_eq!(ty(name), ("BYTE_ARRAY", "STRING"), "{name}");
    }
    let back = shiju_parquet::read_json(&pq).unwrap();
    assert_eq!(back.len(), rows.len());
    let p042 = back.iter().find(|r| r["event_code"] == "042").unwrap();
    assert_eq!(p042["root_code"], "04");
    assert_eq!(p042["date_precision"], "month");
    assert!(p042["day"].to_string().contains("2024-03-01"), "{p042}");

    // GDELT events: 61 fields, Day always filled, IGO codes, URLs only.
    let gdelt = text(&store, ExportFormat::Gdelt);
    let lines: Vec<Vec<&str>> = gdelt.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), rows.len());
    for f in &lines {
        assert_eq!(f.len(), 61);
        assert_eq!(f[1].len(), 8, "Day {:?}", f[1]);
        assert!(f[1].bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(f[60], "https://example.com/a");
    }
    let g042 = lines.iter().find(|f| f[26] == "042").unwrap();
    assert_eq!((g042[1], g042[28]), ("20240301", "04"));
    let gun = lines.iter().find(|f| f[5] == "IGOUNO").unwrap();
    assert_eq!((gun[8], gun[12]), ("UNO", "IGO"));
    let half = lines
        .iter()
        .find(|f| f[1] == "20240101")
        .expect("2024-H1 gets 1 January");
    assert_eq!(half[3], "2024");

    // GDELT mentions: 16 fields, the event ids, the sentence.
    let mentions = text(&store, ExportFormat::GdeltMentions);
    let ids: Vec<&str> = lines.iter().map(|f| f[0]).collect();
    assert!(!mentions.is_empty());
    for l in mentions.lines() {
        let f: Vec<&str> = l.split('\t').collect();
        assert_eq!(f.len(), 16);
        assert!(ids.contains(&f[0]));
        assert_eq!(f[5], "https://example.com/a");
        assert!(!f[15].is_empty());
        assert!(f[9].parse::<i64>().is_ok());
    }
}

#[test]
fn local_paths_never_become_urls() {
    let t = tempfile::tempdir().unwrap();
    let pl = Pipeline::new(&Options::default()).unwrap();
    let mut store = Store::open(&t.path().join("data")).unwrap();
    ingest(&mut store, &pl, vec![input("b.md", None)], 1, &mut |_| {}).unwrap();
    let gdelt = text(&store, ExportFormat::Gdelt);
    assert!(!gdelt.is_empty());
    for l in gdelt.lines() {
        let f: Vec<&str> = l.split('\t').collect();
        assert_eq!(f.len(), 61);
        assert_eq!(f[60], "");
    }
    assert!(!text(&store, ExportFormat::Csv).contains("/home/someone"));
}
