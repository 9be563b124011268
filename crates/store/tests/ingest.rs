//! Library-level tests of ingestion, idempotence, near-duplicates and
//! reanalysis (inputs are made here; nothing touches the user's folders).

mod common;

use common::{ingested, BODY};
use shiju_pipeline::{Options, Pipeline};
use shiju_store::query::{self, EventFilter, Span};
use shiju_store::{ingest, reanalyze, Input, Store};

fn md(title: &str, date: &str, source: &str, body: &[&str]) -> Vec<u8> {
    format!(
        "---\ntitle: {title}\ndate: {date}\nsource: {source}\n---\n\n{}\n",
        body.join("\n\n")
    )
    .into_bytes()
}

fn bytes(name: &str, b: Vec<u8>) -> Input {
    Input::Bytes {
        name: name.into(),
        path: format!("mem/{name}"),
        bytes: b,
    }
}

fn inputs() -> Vec<Input> {
    let mut v = vec![
        bytes("a.md", md("中俄外长会谈", "2024-03-05", "甲网", BODY)),
        bytes(
            "a-copy.md",
            md("外长会谈：中俄交换意见", "2024-03-05", "乙网", BODY),
        ),
        bytes("other.md", md("地震", "2024-03-06", "甲网", &[
            "强烈地震袭击该国东部沿海地区，造成多栋建筑倒塌，救援人员正在废墟中搜寻幸存者。",
            "气象部门警告，未来几天可能出现强余震和暴雨，当局已经开放临时避难所。",
        ])),
        bytes("empty.txt", Vec::new()),
        bytes("bin.dat", (0..2000u32).map(|i| (i % 32) as u8).collect()),
        Input::Error {
            path: "mem/unreadable".into(),
            error: "permission denied".into(),
        },
    ];
    // The same bytes twice in one run: the second is a duplicate.
    v.push(bytes(
        "a-again.md",
        md("中俄外长会谈", "2024-03-05", "甲网", BODY),
    ));
    v
}

/// The single integer `sql` (a `SELECT count(*)`) gives.
fn count(store: &Store, sql: &str) -> i64 {
    store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Events whose NumMentions / NumArticles / NumSources (kept up to date by
/// the writer) differ from a recount of their mentions.
fn miscounted(store: &Store) -> Vec<(i64, i64, i64, i64)> {
    rows4(
        store,
        "SELECT e.id, e.num_mentions, e.num_articles, e.num_sources FROM events e
         WHERE e.num_mentions != (SELECT count(*) FROM event_mentions m WHERE m.event_id = e.id)
            OR e.num_articles != (SELECT count(DISTINCT article_id) FROM event_mentions m
                                  WHERE m.event_id = e.id)
            OR e.num_sources != (SELECT count(DISTINCT outlet_key) FROM event_mentions m
                                 WHERE m.event_id = e.id)",
    )
}

/// The rows of a four-column query.
fn rows4<A, B, C, D>(store: &Store, sql: &str) -> Vec<(A, B, C, D)>
where
    A: rusqlite::types::FromSql,
    B: rusqlite::types::FromSql,
    C: rusqlite::types::FromSql,
    D: rusqlite::types::FromSql,
{
    let mut st = store.connection().prepare(sql).unwrap();
    let v = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<Vec<_>>>()
        .unwrap();
    v
}

#[test]
fn ingest_accounts_dedups_and_reanalyzes() {
    let t = tempfile::tempdir().unwrap();
    let pl = Pipeline::new(&Options::default()).unwrap();
    let mut store = Store::open(t.path()).unwrap();
    let mut last = None;
    let mut reported: Vec<String> = Vec::new();
    let s = ingest(&mut store, &pl, inputs(), 2, &mut |p| {
        reported.extend(p.rejections.iter().map(|r| r.0.clone()));
        last = Some(p.clone())
    })
    .unwrap();
    // Every rejection is reported once, whatever batch it fell in.
    reported.sort();
    assert_eq!(reported, ["mem/bin.dat", "mem/empty.txt", "mem/unreadable"]);
    assert_eq!(s.inputs, 7);
    assert_eq!(s.inputs, s.ingested + s.duplicate + s.rejected);
    assert_eq!((s.ingested, s.duplicate, s.rejected), (3, 1, 3));
    assert_eq!(last.as_ref().map(|p| p.done), Some(7));
    assert_eq!(s.near_duplicates, 1);
    let c = store.counts().unwrap();
    assert_eq!(c.documents, 5);
    assert_eq!(c.articles, 3);
    assert_eq!(c.rejects, 3);
    assert!(c.events > 0);
    // Every input has its outcome, duplicates included.
    let dups: Vec<(String, String)> = store
        .connection()
        .prepare("SELECT source_path, reason FROM outcomes WHERE status = 'duplicate'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(dups.len(), 1, "{dups:?}");
    assert!(dups[0].1.starts_with("same bytes as document "), "{dups:?}");

    // The copy is linked to the original, and shared events count both.
    let dup: Option<i64> = store
        .connection()
        .query_row(
            "SELECT duplicate_of FROM articles WHERE item = 'a-copy.md'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dup, Some(1));
    let ev = query::events(&store, &EventFilter::default()).unwrap();
    let multi = ev
        .rows
        .iter()
        .filter(|r| r[10] == serde_json::json!(2) && r[11] == serde_json::json!(2))
        .count();
    assert!(multi > 0, "{:?}", ev.rows);
    assert_eq!(miscounted(&store), []);
    // Evidence sentences are read back from the bodies (stored once).
    for r in &ev.rows {
        let evidence = r[12].as_str().unwrap();
        assert!(BODY.iter().any(|p| p.contains(evidence)), "{evidence}");
    }
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM event_mentions WHERE evidence != ''"
        ),
        0
    );

    // Idempotent.
    let again = ingest(&mut store, &pl, inputs(), 1, &mut |_| {}).unwrap();
    assert_eq!((again.ingested, again.duplicate, again.rejected), (0, 6, 1));
    assert_eq!(store.counts().unwrap(), c);
    assert_eq!(query::events(&store, &EventFilter::default()).unwrap(), ev);

    // Rebuilt from the snapshots alone.
    let r = reanalyze(&mut store, &pl, 2, &mut |_| {}).unwrap();
    assert_eq!(r.inputs, 5);
    assert_eq!(store.counts().unwrap(), c);
    assert_eq!(query::events(&store, &EventFilter::default()).unwrap(), ev);
    assert_eq!(miscounted(&store), []);

    // Raw bytes back, byte for byte.
    let id = store.resolve_doc("a.md").unwrap().unwrap();
    assert_eq!(
        store.raw(id).unwrap().unwrap(),
        md("中俄外长会谈", "2024-03-05", "甲网", BODY)
    );
    let hits = query::search(&store, "弹道导弹", None, &Span::default(), 10).unwrap();
    // The original and its near-duplicate copy collapse into one hit.
    assert_eq!(hits.rows.len(), 1);
    assert_eq!(hits.rows[0][7], serde_json::json!(2));
    let hits = query::search(&store, "地震", None, &Span::default(), 10).unwrap();
    assert_eq!(hits.rows.len(), 1);
    let mut out = Vec::new();
    store.show(id, &mut out).unwrap();
    assert!(String::from_utf8(out).unwrap().contains("中俄外长会谈"));

    // A later run adds one more article from an outlet already counted.
    let later = vec![bytes(
        "a-later.md",
        md("中俄外长会谈（更新）", "2024-03-05", "甲网", BODY),
    )];
    ingest(&mut store, &pl, later, 1, &mut |_| {}).unwrap();
    assert_eq!(miscounted(&store), []);
    let n3 = count(
        &store,
        "SELECT count(*) FROM events WHERE num_articles = 3 AND num_sources = 2",
    );
    assert!(n3 > 0);
}

/// A store written with schema version 1 (one `mentions` row per entity
/// mention) is migrated on open, with its mentions intact.
#[test]
fn version_1_stores_are_migrated() {
    let t = tempfile::tempdir().unwrap();
    let store = ingested(t.path(), inputs());
    let spans = |s: &Store| -> Vec<(i64, i64, i64, String)> {
        rows4(
            s,
            "SELECT article_id, entity_id, mentions, spans FROM article_entities ORDER BY 1, 2",
        )
    };
    let before = spans(&store);
    assert!(before.iter().any(|r| r.2 > 1), "{before:?}");
    let counts = store.counts().unwrap();
    // Turn it back into a version-1 store.
    store
        .connection()
        .execute_batch(
            r#"CREATE TABLE mentions(id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL,
                   entity_id INTEGER NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL,
                   "end" INTEGER NOT NULL);
               INSERT INTO mentions(article_id, entity_id, text, start, "end")
                   SELECT ae.article_id, ae.entity_id, j.value ->> 2, j.value ->> 0, j.value ->> 1
                   FROM article_entities ae, json_each(ae.spans) j ORDER BY 1, 2, j.key;
               ALTER TABLE articles DROP COLUMN norm;
               CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, norm, tokenize = 'trigram');
               INSERT INTO articles_fts(rowid, title, body, norm)
                   SELECT id, coalesce(title, ''), body, '' FROM articles;
               DROP INDEX article_entities_entity;
               ALTER TABLE article_entities DROP COLUMN spans;
               ALTER TABLE article_entities DROP COLUMN mentions;
               UPDATE meta SET value = '1' WHERE key = 'schema_version';"#,
        )
        .unwrap();
    drop(store);
    std::fs::remove_dir_all(t.path().join(shiju_store::search::SEARCH_DIR)).unwrap();
    let store = Store::open(t.path()).unwrap();
    assert_eq!(spans(&store), before);
    // The search index is rebuilt from the articles on first use.
    let hits = query::search(&store, "弹道导弹", None, &Span::default(), 10).unwrap();
    assert_eq!(hits.rows.len(), 1);
    assert_eq!(hits.rows[0][7], serde_json::json!(2));
    assert_eq!(store.counts().unwrap(), counts);
    let v: String = store
        .connection()
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(v, shiju_store::SCHEMA_VERSION);
}

/// Two-character names use the index, a character standing alone scans,
/// either script finds both (queries are looked up as typed and
/// simplified, as the CLI and the server pass them), and dates bound the
/// hits.
#[test]
fn search_finds_substrings_in_either_script() {
    let t = tempfile::tempdir().unwrap();
    let pl = Pipeline::new(&Options::default()).unwrap();
    let mut store = Store::open(t.path()).unwrap();
    let docs = vec![
        bytes(
            "tw.md",
            md(
                "烏克蘭總統訪問華府",
                "2024-09-26",
                "中央社",
                &[
                    "烏克蘭總統澤倫斯基週四在華府與美國總統拜登會面，雙方討論了軍事援助。",
                    "澤倫斯基表示，烏克蘭需要更多防空系統，以保護能源設施免受俄羅斯攻擊。",
                ],
            ),
        ),
        bytes(
            "cn.md",
            md(
                "普京会见朝鲜领导人",
                "2023-09-13",
                "甲网",
                &[
                    "俄罗斯总统普京在东方航天发射场会见朝鲜最高领导人金正恩。",
                    "两国领导人参观了发射场设施，并就双边合作举行会谈。",
                ],
            ),
        ),
    ];
    ingest(&mut store, &pl, docs, 1, &mut |_| {}).unwrap();
    let titles = |q: &str, span: &Span| -> Vec<String> {
        let norm = pl.normalizer().normalize_str(q);
        query::search(&store, q, Some(&norm), span, 10)
            .unwrap()
            .rows
            .iter()
            .map(|r| r[3].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let all = Span::default();
    assert_eq!(titles("普京", &all), ["普京会见朝鲜领导人"]);
    assert_eq!(titles("泽连斯基", &all), ["烏克蘭總統訪問華府"]);
    assert_eq!(titles("澤倫斯基", &all), ["烏克蘭總統訪問華府"]);
    assert_eq!(titles("会见朝鲜最高", &all).len(), 1);
    // Not a substring: the two bigrams are in the text, not side by side.
    assert!(titles("普京朝鲜", &all).is_empty());
    assert_eq!(titles("京", &all), ["普京会见朝鲜领导人"]);
    // A lone character beside other tokens is scanned for, in either script.
    assert_eq!(titles("拜登会面，双", &all), ["烏克蘭總統訪問華府"]);
    assert_eq!(titles("拜登會面，雙", &all), ["烏克蘭總統訪問華府"]);
    assert!(titles("会，面", &all).is_empty());
    assert_eq!(titles("週四在華府", &all), ["烏克蘭總統訪問華府"]);
    assert_eq!(titles("会面，双方讨", &all), ["烏克蘭總統訪問華府"]);
    let y2024 = Span {
        from: Some("2024".into()),
        to: Some("2024-09".into()),
    };
    assert_eq!(titles("总统", &y2024), ["烏克蘭總統訪問華府"]);
    assert!(titles("普京", &y2024).is_empty());
    let hit = &query::search(&store, "金正恩", None, &all, 10)
        .unwrap()
        .rows[0];
    assert!(hit[6].as_str().unwrap().contains("«金正恩»"), "{hit:?}");
}

/// The search index is derived data: an unreadable one is rebuilt.
#[test]
fn an_unreadable_search_index_is_rebuilt() {
    let t = tempfile::tempdir().unwrap();
    let store = ingested(t.path(), inputs());
    drop(store);
    let meta = t
        .path()
        .join(shiju_store::search::SEARCH_DIR)
        .join("meta.json");
    std::fs::write(&meta, b"{ not json").unwrap();
    let store = Store::open(t.path()).unwrap();
    let hits = query::search(&store, "弹道导弹", None, &Span::default(), 10).unwrap();
    assert_eq!(hits.rows.len(), 1);
    // Rebuilt, not read around.
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(&meta).unwrap()).unwrap();
    assert!(
        m["payload"].as_str().unwrap_or_default().contains("upto="),
        "{m}"
    );
}

/// JSON kept in the store that no longer parses is an error naming the
/// column, never read as empty (authors, entity forms, mention spans).
#[test]
fn corrupt_json_in_the_store_is_an_error() {
    let t = tempfile::tempdir().unwrap();
    let store = ingested(t.path(), inputs());
    let id: i64 = store
        .connection()
        .query_row("SELECT min(id) FROM articles", [], |r| r.get(0))
        .unwrap();
    let doc: i64 = store
        .connection()
        .query_row("SELECT doc_id FROM articles WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(shiju_store::api::article_json(&store, id).is_ok());
    for (sql, column) in [
        (
            "UPDATE article_entities SET spans = '[[1, 2' WHERE article_id = ?1",
            "article_entities.spans",
        ),
        (
            "UPDATE article_entities SET forms = '{' WHERE article_id = ?1",
            "article_entities.forms",
        ),
    ] {
        store.connection().execute(sql, [id]).unwrap();
        let e = shiju_store::api::article_json(&store, id).unwrap_err();
        assert!(format!("{e:#}").contains(column), "{e:#}");
    }
    store
        .connection()
        .execute("UPDATE articles SET authors = 'x' WHERE id = ?1", [id])
        .unwrap();
    let mut out = Vec::new();
    let e = store.show(doc, &mut out).unwrap_err();
    assert!(format!("{e:#}").contains("articles.authors"), "{e:#}");
}

/// A store whose folder cannot be written (here: SQLite cannot create its
/// WAL file, as on a read-only file system) is opened read-only for
/// queries instead of failing on "enabling WAL"; writing is still refused.
#[test]
fn a_store_that_cannot_be_written_can_be_queried() {
    let t = tempfile::tempdir().unwrap();
    let n = {
        let store = ingested(t.path(), inputs());
        query::events(&store, &EventFilter::default())
            .unwrap()
            .rows
            .len()
    };
    assert!(n > 0);
    let wal = t.path().join(format!("{}-wal", shiju_store::DB_FILE));
    assert!(!wal.exists(), "the last connection removes the WAL");
    std::fs::create_dir(&wal).unwrap();
    assert!(Store::open(t.path()).is_err());
    let store = Store::open_existing(t.path()).unwrap();
    assert!(store.is_read_only());
    let ev = query::events(&store, &EventFilter::default()).unwrap();
    assert_eq!(ev.rows.len(), n);
    let hits = query::search(&store, "会谈", None, &Span::default(), 10).unwrap();
    assert!(!hits.rows.is_empty());
    assert!(store
        .connection()
        .execute("DELETE FROM events", [])
        .is_err());
}
