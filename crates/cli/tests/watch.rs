//! `shiju watch --once` against a feed served on loopback by a small
//! HTTP server thread: conditional GET, new items, errors and backoff.

use std::io::{BufRead as _, BufReader, Write as _};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};

const BIN: &str = env!("CARGO_BIN_EXE_shiju");

mod common;
use common::Tmp;

/// What the server answers, and the requests it got.
#[derive(Default)]
struct State {
    status: u16,
    body: String,
    etag: String,
    last_modified: String,
    /// Header lines (lower-cased names) of every request.
    requests: Vec<Vec<(String, String)>>,
}

/// A feed URL on a port nobody listens on.
fn dead_feed() -> String {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    format!("http://127.0.0.1:{port}/feed.xml")
}

/// Serves `state` on 127.0.0.1 until the test ends; returns the feed URL.
fn serve(state: Arc<Mutex<State>>) -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in l.incoming() {
            let Ok(mut conn) = conn else { continue };
            let mut headers = Vec::new();
            let mut r = BufReader::new(conn.try_clone().unwrap());
            let mut line = String::new();
            let _ = r.read_line(&mut line); // request line
            loop {
                line.clear();
                if r.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                    break;
                }
                if let Some((k, v)) = line.split_once(':') {
                    headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
                }
            }
            let mut s = state.lock().unwrap();
            let h = |name: &str| {
                headers
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
            };
            let fresh = h("if-none-match").as_deref() == Some(s.etag.as_str());
            let (status, body) = if s.status == 200 && fresh {
                (304, String::new())
            } else {
                (s.status, s.body.clone())
            };
            s.requests.push(headers);
            let reason = match status {
                200 => "OK",
                304 => "Not Modified",
                _ => "Internal Server Error",
            };
            let mut resp = format!("HTTP/1.1 {status} {reason}\r\nConnection: close\r\n");
            if status == 200 || status == 304 {
                resp.push_str(&format!(
                    "ETag: {}\r\nLast-Modified: {}\r\n",
                    s.etag, s.last_modified
                ));
            }
            if status != 304 {
                resp.push_str(&format!(
                    "Content-Type: application/rss+xml; charset=utf-8\r\nContent-Length: {}\r\n",
                    body.len()
                ));
            }
            resp.push_str("\r\n");
            resp.push_str(&body);
            drop(s);
            let _ = conn.write_all(resp.as_bytes());
            let _ = conn.flush();
        }
    });
    format!("http://127.0.0.1:{port}/world/rss.xml")
}

/// Our own feed items (written for this test).
const ITEMS: &[(&str, &str, &str)] = &[
    (
        "中国与巴西签署农业合作协议",
        "Mon, 04 Nov 2024 02:00:00 GMT",
        "中国农业农村部部长周一在北京会见巴西农业部长，双方签署了扩大农产品贸易的合作协议。两国官员表示，协议将帮助巴西大豆和牛肉进入中国市场。",
    ),
    (
        "德国总理访问印度",
        "Tue, 05 Nov 2024 02:00:00 GMT",
        "德国总理周二抵达新德里，与印度总理举行会谈，讨论贸易、气候和防务合作。两国领导人同意在可再生能源领域加强合作。",
    ),
    (
        "联合国秘书长呼吁停火",
        "Wed, 06 Nov 2024 02:00:00 GMT",
        "联合国秘书长周三在纽约呼吁冲突各方立即停火，并要求允许人道主义援助进入受影响地区。",
    ),
];

fn rss(items: &[(&str, &str, &str)]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\
         <title>测试新闻 - 国际</title><link>http://127.0.0.1/</link><description>测试</description>\n",
    );
    for (i, (title, date, body)) in items.iter().enumerate() {
        s.push_str(&format!(
            "<item><title>{title}</title><link>http://127.0.0.1/news/{i}.html</link>\
             <guid>http://127.0.0.1/news/{i}.html</guid><pubDate>{date}</pubDate>\
             <description><![CDATA[<p>{body}</p>]]></description></item>\n"
        ));
    }
    s.push_str("</channel></rss>\n");
    s
}

fn watch(url: &str, data: &Path) -> Output {
    Command::new(BIN)
        .args(["watch", "--once", "--interval", "60", url, "--data"])
        .arg(data)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn db(data: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(data.join("shiju.db")).unwrap()
}

fn articles(data: &Path) -> i64 {
    db(data)
        .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .unwrap()
}

/// (last_status, errors, etag, next_check) of `url`.
fn feed_row(data: &Path, url: &str) -> (Option<i64>, i64, Option<String>, Option<String>) {
    db(data)
        .query_row(
            "SELECT last_status, errors, etag, next_check FROM feeds WHERE url = ?1",
            [url],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap()
}

#[test]
fn conditional_get_new_items_and_backoff() {
    let t = Tmp::new("watch-feed");
    let data = t.0.join("data");
    let state = Arc::new(Mutex::new(State {
        status: 200,
        body: rss(&ITEMS[..2]),
        etag: "\"v1\"".into(),
        last_modified: "Tue, 05 Nov 2024 03:00:00 GMT".into(),
        ..State::default()
    }));
    let url = serve(Arc::clone(&state));

    // 1. first poll: 200 with validators → the two items
    let o = watch(&url, &data);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{err}");
    assert!(err.contains("2 new article(s)"), "{err}");
    assert_eq!(articles(&data), 2, "{err}");
    {
        let s = state.lock().unwrap();
        assert_eq!(s.requests.len(), 1);
        assert!(!s.requests[0].iter().any(|(k, _)| k.starts_with("if-")));
    }

    // 2. second poll: conditional → 304 → nothing new
    let o = watch(&url, &data);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{err}");
    assert!(err.contains("not modified"), "{err}");
    {
        let s = state.lock().unwrap();
        let h = &s.requests[1];
        let get = |n: &str| h.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
        assert_eq!(get("if-none-match"), Some("\"v1\""));
        assert_eq!(
            get("if-modified-since"),
            Some("Tue, 05 Nov 2024 03:00:00 GMT")
        );
    }
    assert_eq!(articles(&data), 2);

    // 3. the feed changes: one new item, a new ETag → exactly one more article
    {
        let mut s = state.lock().unwrap();
        s.body = rss(ITEMS);
        s.etag = "\"v2\"".into();
        s.last_modified = "Wed, 06 Nov 2024 03:00:00 GMT".into();
    }
    let o = watch(&url, &data);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("1 new article(s), 2 item(s) already stored"),
        "{err}"
    );
    assert_eq!(articles(&data), 3);
    let (status, errors, etag, _) = feed_row(&data, &url);
    assert_eq!(
        (status, errors, etag.as_deref()),
        (Some(200), 0, Some("\"v2\""))
    );

    // 4. the server fails: error recorded, backoff grows, exit code still 0
    state.lock().unwrap().status = 500;
    let o = watch(&url, &data);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{err}");
    assert!(err.contains(&url) && err.contains("HTTP 500"), "{err}");
    assert!(err.contains("next try in 120 s"), "{err}");
    let o = watch(&url, &data);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success());
    assert!(err.contains("error 2 in a row; next try in 240 s"), "{err}");
    let (status, errors, etag, next) = feed_row(&data, &url);
    assert_eq!((status, errors), (Some(500), 2));
    // the validators of the last good response are kept
    assert_eq!(etag.as_deref(), Some("\"v2\""));
    assert!(next.is_some());
    assert_eq!(articles(&data), 3);

    // 5. recovery: errors reset (the server still has v2: a 304)
    state.lock().unwrap().status = 200;
    let o = watch(&url, &data);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(err.contains("not modified"), "{err}");
    let (status, errors, _, _) = feed_row(&data, &url);
    assert_eq!((status, errors), (Some(304), 0));
}

#[test]
fn refused_connection_and_malformed_feed_are_errors_not_exits() {
    let t = Tmp::new("watch-bad");
    let data = t.0.join("data");
    let dead = dead_feed();
    let state = Arc::new(Mutex::new(State {
        status: 200,
        body: "<rss version=\"2.0\"><channel><item><title>broken".into(),
        etag: "\"x\"".into(),
        last_modified: "Tue, 05 Nov 2024 03:00:00 GMT".into(),
        ..State::default()
    }));
    let bad = serve(state);
    let o = Command::new(BIN)
        .args(["watch", "--once", &dead, &bad, "--data"])
        .arg(&data)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{err}");
    assert!(err.contains(&format!("shiju watch: {dead}:")), "{err}");
    assert!(
        err.contains(&format!("shiju watch: {bad}: no articles")),
        "{err}"
    );
    assert!(err.contains("next try in 600 s"), "{err}");
    let (status, errors, etag, _) = feed_row(&data, &bad);
    assert_eq!((status, errors, etag), (Some(200), 1, None));
    let (status, errors, _, _) = feed_row(&data, &dead);
    assert_eq!((status, errors), (None, 1));
    assert_eq!(articles(&data), 0);
}

#[test]
fn without_once_it_keeps_polling_and_gives_up_after_max_errors() {
    let t = Tmp::new("watch-loop");
    let data = t.0.join("data");
    let dead = dead_feed();
    let started = std::time::Instant::now();
    let o = Command::new(BIN)
        .args([
            "watch",
            "--interval",
            "1",
            "--max-errors",
            "2",
            &dead,
            "--data",
        ])
        .arg(&data)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    // error 1, a 2 s backoff, error 2, given up: exit 1 (no feed left)
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("error 1 in a row; next try in 2 s"), "{err}");
    assert!(err.contains("error 2 in a row"), "{err}");
    assert!(err.contains("no longer polled"), "{err}");
    assert!(started.elapsed() >= std::time::Duration::from_secs(2));
    assert_eq!(feed_row(&data, &dead).1, 2);
}
