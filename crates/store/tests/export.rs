//! Every export format read back with a typed reader: CAMEO codes stay
//! strings (`042` stays `042`), Parquet dates are DATE/TIMESTAMP, CSV and
//! Parquet carry evidence, title, outlet, URL and date precision, the GDELT
//! files have 61 (events) and 16 (mentions) fields in every row, a filled
//! Day, CAMEO IGO codes and no local paths.

mod common;

use common::{ingested, BODY};
use shiju_store::export::{export, export_parquet, ExportFormat};
use shiju_store::query::Span;
use shiju_store::{Input, Store};

/// The provenance columns the CSV and Parquet exports carry.
const PROVENANCE: [&str; 5] = [
    "evidence",
    "title",
    "outlet",
    "source_url",
    "date_precision",
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
    let store = ingested(
        &t.path().join("data"),
        vec![input("a.md", Some("https://example.com/a"))],
    );
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
    for name in PROVENANCE {
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
    for name in PROVENANCE {
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
    let store = ingested(&t.path().join("data"), vec![input("b.md", None)]);
    let gdelt = text(&store, ExportFormat::Gdelt);
    assert!(!gdelt.is_empty());
    for l in gdelt.lines() {
        let f: Vec<&str> = l.split('\t').collect();
        assert_eq!(f.len(), 61);
        assert_eq!(f[60], "");
    }
    assert!(!text(&store, ExportFormat::Csv).contains("/home/someone"));
}

/// A store (in a new temporary folder) of one article of `paragraphs`
/// dated 2024-05-16.
fn store_of(paragraphs: &[&str]) -> (tempfile::TempDir, Store) {
    let t = tempfile::tempdir().unwrap();
    let doc = Input::Bytes {
        name: "c.md".into(),
        path: "/home/someone/c.md".into(),
        bytes: format!(
            "---\ntitle: 元首会晤\ndate: 2024-05-16\nsource: 乙网\nurl: https://example.com/c\n---\n\n{}\n",
            paragraphs.join("\n\n")
        )
        .into_bytes(),
    };
    let store = ingested(&t.path().join("data"), vec![doc]);
    (t, store)
}

/// GDELT's 24 geography columns: the actors' states at country level
/// (FIPS 10-4 codes, centroids), the action's city when the sentence names
/// one of `places.tsv`; every row loads as 61 string fields.
#[test]
fn gdelt_geography_is_filled_where_known() {
    let (_t, store) = store_of(&[
        "俄罗斯总统在圣彼得堡会见到访的印度总理，双方讨论了能源合作。",
        "德国总理当天在柏林会见法国总统，两国同意加强防务合作。",
        "日本政府强烈谴责朝鲜发射弹道导弹。",
    ]);
    let gdelt = text(&store, ExportFormat::Gdelt);
    let rows: Vec<Vec<&str>> = gdelt.lines().map(|l| l.split('\t').collect()).collect();
    assert!(rows.len() >= 2, "{gdelt}");
    let fips = |cameo: &str| match cameo {
        "RUS" => "RS",
        "IND" => "IN",
        "DEU" => "GM",
        "FRA" => "FR",
        "JPN" => "JA",
        "PRK" => "KN",
        other => panic!("unexpected actor country {other}"),
    };
    for f in &rows {
        assert_eq!(f.len(), 61);
        // pandas.read_csv(sep='\t', header=None, dtype=str): no field may
        // open a quoted field.
        assert!(f.iter().all(|c| !c.starts_with('"')), "{f:?}");
        // Actor1 (7: country; 35..43: geo) and Actor2 (17; 43..51).
        for (country, geo) in [(f[7], 35), (f[17], 43)] {
            if country.is_empty() {
                assert!(f[geo..geo + 8].iter().all(|c| c.is_empty()));
                continue;
            }
            assert_eq!(f[geo], "1", "{f:?}");
            assert_eq!(f[geo + 2], fips(country));
            assert_eq!(f[geo + 3], fips(country));
            assert!(f[geo + 5].parse::<f64>().is_ok() && f[geo + 6].parse::<f64>().is_ok());
            assert_eq!(f[geo + 7], fips(country));
        }
    }
    let spb = rows
        .iter()
        .find(|f| f[52] == "Saint Petersburg, Russia")
        .unwrap_or_else(|| panic!("no event placed in Saint Petersburg: {gdelt}"));
    assert_eq!((spb[51], spb[53]), ("4", "RS"));
    assert_eq!((spb[56], spb[57]), ("59.9", "30.3"));
}

/// `--format entities|quotes` in every encoding, read back typed.
#[test]
fn entities_and_quotes_export_typed() {
    use shiju_store::export::{export_file, Encoding, Table};
    let (t, store) = store_of(&[
        "中国外交部发言人在例行记者会上表示：“中方坚决反对任何形式的单边制裁。”",
        "美国总统当天在白宫会见来访的日本首相。",
    ]);
    for table in [Table::Entities, Table::Quotes] {
        let csv = read_csv(&text(&store, ExportFormat::Table(table, Encoding::Csv)));
        let header: Vec<&str> = csv[0].iter().map(|(h, _)| h.as_str()).collect();
        let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
        let rows = &csv[1..];
        assert!(!rows.is_empty(), "{table:?}");
        for r in rows {
            assert_eq!(r.len(), header.len());
            assert_eq!(r[col("source_url")], ("https://example.com/c".into(), true));
            assert_eq!(r[col("published")].0, "2024-05-16");
            assert!(!r[col("article_id")].1, "numbers are bare");
        }
        let jsonl = text(&store, ExportFormat::Table(table, Encoding::Jsonl));
        let objs: Vec<serde_json::Value> = jsonl
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(objs.len(), rows.len());
        assert!(objs.iter().all(|o| o["article_id"].is_i64()));
        let pq = t.path().join(format!("{table:?}.parquet"));
        let n = export_file(
            &store,
            ExportFormat::Table(table, Encoding::Parquet),
            &Span::default(),
            &pq,
        )
        .unwrap();
        assert_eq!(n, rows.len());
        let types = shiju_parquet::column_types(&pq).unwrap();
        let ty = |name: &str| {
            let c = types.iter().find(|c| c.0 == name).unwrap();
            (c.1.clone(), c.2.clone())
        };
        assert_eq!(ty("published"), ("INT32".into(), "DATE".into()));
        assert_eq!(ty("article_id").0, "INT64");
        assert_eq!(ty("title"), ("BYTE_ARRAY".into(), "STRING".into()));
        assert_eq!(shiju_parquet::read_json(&pq).unwrap().len(), n);
        match table {
            Table::Entities => {
                let chn = rows
                    .iter()
                    .find(|r| r[col("entity")].0 == "country:CHN")
                    .expect("China is an entity");
                assert_eq!(chn[col("name")].0, "China");
                assert_eq!(chn[col("cameo")].0, "CHN");
                assert!(chn[col("mentions")].0.parse::<i64>().unwrap() >= 1);
                assert!(ty("mentions").0 == "INT64");
            }
            Table::Quotes => {
                assert!(rows.iter().any(|r| r[col("text")].0.contains("单边制裁")));
                assert!(ty("start").0 == "INT64");
            }
        }
    }
    // A span on the article date.
    let later = Span {
        from: Some("2025".into()),
        to: None,
    };
    let mut out = Vec::new();
    let n = export(
        &store,
        ExportFormat::Table(Table::Quotes, Encoding::Csv),
        &later,
        &mut out,
    )
    .unwrap();
    assert_eq!(n, 0);
}
