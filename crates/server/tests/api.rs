//! Integration tests: a real server on 127.0.0.1 (a free port) over a store
//! seeded with ../shared/seeds and a hostile HTML document, spoken to with a
//! minimal HTTP/1.1 client over std's TcpStream.

use std::collections::{BTreeSet, HashMap};
use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use serde_json::Value;
use shiju_server::{Config, Server, OPENAPI, ROUTES};

const TOKEN: &str = "test-token-7f3a";
const MAX_BODY: usize = 256 * 1024;
const XSS: &str = include_str!("data/xss.html");

/// ../shared/seeds (a missing folder fails under CI).
fn seeds() -> Option<PathBuf> {
    shiju_core::testdata::shared_dir("seeds")
}

fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "shiju-server-test-{tag}-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

struct Fixture {
    server: Server,
    seeded: bool,
}

/// One server shared by the tests of this file: seeds + the XSS document.
fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = temp_dir("shared");
        let pl = shiju_pipeline::Pipeline::new(&shiju_pipeline::Options::default()).unwrap();
        let mut store = shiju_store::Store::open(&dir).unwrap();
        let mut inputs: Vec<shiju_store::Input> = Vec::new();
        let seeded = match seeds() {
            Some(s) => {
                let mut files: Vec<PathBuf> = std::fs::read_dir(&s)
                    .unwrap()
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| !p.to_string_lossy().ends_with(".gold.json"))
                    .collect();
                files.sort();
                inputs.extend(files.into_iter().map(shiju_store::Input::File));
                true
            }
            None => {
                eprintln!("../shared/seeds missing: seed-dependent checks skipped");
                false
            }
        };
        inputs.push(shiju_store::Input::Bytes {
            name: "xss.html".into(),
            path: "tests/data/xss.html".into(),
            bytes: XSS.as_bytes().to_vec(),
        });
        shiju_store::ingest(&mut store, &pl, inputs, 2, &mut |_| {}).unwrap();
        drop(store);
        let mut cfg = Config::new(dir);
        cfg.addr = "127.0.0.1:0".parse().unwrap();
        cfg.token = Some(TOKEN.into());
        cfg.max_body = MAX_BODY;
        Fixture {
            server: Server::start(cfg).unwrap(),
            seeded,
        }
    })
}

struct Resp {
    status: u16,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

impl Resp {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn header(&self, k: &str) -> &str {
        self.headers.get(k).map(String::as_str).unwrap_or("")
    }
}

/// Percent-encodes a query value.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(i) = b.windows(2).position(|w| w == b"\r\n") {
        let size_line = String::from_utf8_lossy(&b[..i]);
        let size = usize::from_str_radix(size_line.split(';').next().unwrap_or("0").trim(), 16)
            .unwrap_or(0);
        b = &b[i + 2..];
        if size == 0 || b.len() < size {
            break;
        }
        out.extend_from_slice(&b[..size]);
        b = &b[(size + 2).min(b.len())..];
    }
    out
}

fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Resp {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if method != "GET" || !body.is_empty() {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    // The server may answer (413, 401) before reading the whole body and
    // close: a failed write is fine, the answer is still there to read.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP answer: {:?}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap();
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .get("transfer-encoding")
        .is_some_and(|t| t.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Resp {
        status,
        headers,
        body,
    }
}

fn get(path: &str) -> Resp {
    request(fixture().server.addr(), "GET", path, &[], b"")
}

fn assert_json_error(r: &Resp, status: u16) {
    assert_eq!(r.status, status, "{}", r.text());
    assert!(
        r.header("content-type").starts_with("application/json"),
        "content type {:?}",
        r.header("content-type")
    );
    let v = r.json();
    assert!(
        v["error"].as_str().is_some_and(|m| !m.is_empty()),
        "no error message: {v}"
    );
}

#[test]
fn openapi_matches_the_routes() {
    let doc: Value = serde_json::from_str(OPENAPI).unwrap();
    assert_eq!(doc["openapi"].as_str().map(|v| &v[..3]), Some("3.1"));
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for m in ["get", "post", "put", "delete", "patch"] {
            if item.get(m).is_some() {
                documented.insert((m.to_ascii_uppercase(), path.clone()));
            }
        }
    }
    let routed: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(documented, routed);
    // And the server answers the document itself.
    let r = get("/api/openapi.json");
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), doc);
}

/// Fills a documented path with its parameters' examples.
fn example_url(path: &str, op: &Value) -> String {
    let mut url = path.to_string();
    let mut query = Vec::new();
    for p in op["parameters"].as_array().into_iter().flatten() {
        let name = p["name"].as_str().unwrap();
        let ex = p["example"].as_str();
        match p["in"].as_str() {
            Some("path") => {
                url = url.replace(
                    &format!("{{{name}}}"),
                    ex.expect("path parameters have examples"),
                )
            }
            _ if p["required"].as_bool() == Some(true) => query.push(format!(
                "{name}={}",
                enc(ex.expect("required parameters have examples"))
            )),
            _ => {}
        }
    }
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query.join("&"));
    }
    url
}

#[test]
fn every_documented_get_answers_200() {
    let f = fixture();
    let doc: Value = serde_json::from_str(OPENAPI).unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let Some(op) = item.get("get") else { continue };
        let mut url = example_url(path, op);
        if path == "/api/articles/{id}" {
            // The first article of the store.
            let hits = get("/api/events?limit=1").json();
            let id = hits["events"][0]["article"].as_i64().unwrap_or(1);
            url = format!("/api/articles/{id}");
        }
        let r = get(&url);
        assert_eq!(r.status, 200, "GET {url}: {}", r.text());
        let ty = r.header("content-type");
        if path.starts_with("/feeds/") {
            assert!(ty.starts_with("application/atom+xml"), "{url}: {ty}");
        } else {
            assert!(ty.starts_with("application/json"), "{url}: {ty}");
            r.json();
        }
    }
    if f.seeded {
        let rel = get("/api/relations?a=CHN&b=RUS&by=month").json();
        assert!(!rel["periods"].as_array().unwrap().is_empty(), "{rel}");
    }
}

#[test]
fn events_filters_and_article_spans() {
    let f = fixture();
    let all = get("/api/events?limit=10000").json();
    assert_eq!(
        all["total"].as_u64().unwrap() as usize,
        all["events"].as_array().unwrap().len()
    );
    let all = all["events"].as_array().unwrap();
    assert!(!all.is_empty(), "the XSS document alone codes events");
    let first = &all[0];
    for k in [
        "id", "date", "source", "target", "code", "quad", "evidence", "article", "start", "end",
    ] {
        assert!(first.get(k).is_some(), "events rows have {k}: {first}");
    }
    let q1 = get("/api/events?quad=1&limit=10000").json();
    assert!(q1["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["quad"] == 1));
    let lim = get("/api/events?limit=1").json();
    assert_eq!(lim["events"].as_array().unwrap().len(), 1);
    assert_eq!(lim["total"], all.len());
    if f.seeded {
        let chn = get("/api/events?actor=CHN&limit=10000").json();
        assert!(chn["events"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["source"] == "CHN" || e["target"] == "CHN"));
    }
    // Every event's evidence is at its offsets in its article's body.
    for e in all.iter().take(40) {
        let a = get(&format!("/api/articles/{}", e["article"])).json();
        // The article view is an Article with the analysis beside it.
        let article: shiju_core::Article = serde_json::from_value(a.clone()).unwrap();
        let body: Vec<char> = article.body_text().chars().collect();
        let (s, t) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        let at: String = body[s.min(body.len())..t.min(body.len())].iter().collect();
        let ev = a["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["event"] == e["id"] && x["start"] == e["start"])
            .expect("the article lists the event");
        assert_eq!(at, ev["evidence"].as_str().unwrap());
        for ent in a["entities"].as_array().unwrap() {
            for m in ent["mentions"].as_array().unwrap() {
                let (s, t) = (
                    m["start"].as_u64().unwrap() as usize,
                    m["end"].as_u64().unwrap() as usize,
                );
                let at: String = body[s.min(body.len())..t.min(body.len())].iter().collect();
                assert_eq!(at, m["text"].as_str().unwrap());
            }
        }
    }
}

#[test]
fn bad_parameters_are_json_400s() {
    for url in [
        "/api/events?from=yesterday",
        "/api/events?to=2024-13",
        "/api/events?quad=9",
        "/api/events?limit=lots",
        "/api/events?dyad=CHN",
        "/api/relations?a=CHN",
        "/api/relations?a=CHN&b=RUS&by=year",
        "/api/network?from=2024-02-30",
        "/api/search",
        "/api/search?q=a&sort=best",
        "/api/search?q=a+b+c+d+e+f+g+h+i",
        "/api/events?sort=random",
        "/api/events?format=xml",
        "/api/events?pair=CHN",
        "/api/events?offset=-1",
        "/api/timeline",
        "/api/timeline?actor=CHN&by=day&from=1900&to=2024",
        "/api/map?from=2024-02-30",
        "/api/articles/abc",
        "/api/outcomes?status=maybe",
        "/feeds/search.atom",
    ] {
        assert_json_error(&get(url), 400);
    }
    assert_json_error(&get("/api/articles/99999999"), 404);
    assert_json_error(&get("/api/nothing-here"), 404);
    assert_json_error(&get("/feeds/actor/CHN.rss"), 404);
    let r = request(fixture().server.addr(), "DELETE", "/api/events", &[], b"");
    assert_json_error(&r, 405);
}

/// Actors by name as on the command line: any script, English, codes alike;
/// people where the query takes one; unknown names are 400s naming them.
#[test]
fn actors_are_taken_by_name() {
    let by_code = get("/api/relations?a=CHN&b=RUS&by=month").json();
    for (a, b) in [("中国", "俄罗斯"), ("中國", "Russia"), ("china", "rus")] {
        let url = format!("/api/relations?a={}&b={}&by=month", enc(a), enc(b));
        assert_eq!(get(&url).json(), by_code, "{a} {b}");
    }
    let by_code = get("/api/events?actor=USA&limit=500").json();
    let url = format!("/api/events?actor={}&limit=500", enc("美國"));
    assert_eq!(get(&url).json(), by_code);
    assert_eq!(
        get(&format!("/api/events?dyad={}", enc("中国-俄罗斯"))).status,
        200
    );
    let r = get(&format!("/api/events?actor={}", enc("普京")));
    assert_eq!(r.status, 200, "{}", r.text());
    for url in [
        "/api/relations?a=CHN&b=XYZ".to_string(),
        format!("/api/relations?a=CHN&b={}", enc("普京")),
        format!("/api/events?actor={}", enc("某某国")),
    ] {
        let r = get(&url);
        assert_json_error(&r, 400);
    }
    let e = get("/api/relations?a=CHN&b=XYZ").json();
    assert!(e["error"].as_str().unwrap().contains("XYZ"), "{e}");
}

#[test]
fn search_returns_plain_snippets_with_ranges() {
    let r = get(&format!("/api/search?q={}", enc("外交部"))).json();
    let hits = r["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(r["total"].as_u64().unwrap() as usize >= hits.len());
    for h in hits {
        let text = h["snippet_text"].as_str().unwrap();
        let chars: Vec<char> = text.chars().collect();
        for r in h["highlights"].as_array().unwrap() {
            let (s, e) = (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            );
            let hit: String = chars[s..e].iter().collect();
            assert_eq!(hit, "外交部");
        }
    }
}

#[test]
fn entities_outcomes_stats() {
    let s = get("/api/stats").json();
    assert!(s["documents"].as_u64().unwrap() >= 1);
    assert!(s["events"].as_u64().unwrap() >= 1);
    let o = get("/api/outcomes").json();
    assert!(o
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["status"] == "article"));
    let e = get("/api/entities?q=CHN").json();
    assert!(!e.as_array().unwrap().is_empty());
}

fn xss_article() -> Value {
    let hits = get(&format!("/api/search?q={}", enc("安全测试"))).json();
    let id = hits["hits"][0]["article"]
        .as_i64()
        .expect("the XSS document is indexed");
    get(&format!("/api/articles/{id}")).json()
}

#[test]
fn xss_text_stays_text_in_json() {
    let a = xss_article();
    // The hostile markup is stored as text and comes back as a JSON string:
    // the dashboard renders it with textContent.
    let title = a["title"].as_str().unwrap();
    assert!(title.contains("<script>window.__xss=1</script>"), "{title}");
    let body = a["paragraphs"].to_string();
    assert!(body.contains("<img src=x onerror="), "{body}");
}

#[test]
fn dashboard_is_served_with_safe_headers() {
    let r = get("/");
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").starts_with("text/html"));
    let csp = r.header("content-security-policy");
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert_eq!(r.header("x-content-type-options"), "nosniff");
    let html = r.text();
    assert!(html.contains("/assets/vendor/echarts.min.js"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no CDN"
    );
    for a in [
        "/assets/app.js",
        "/assets/app.css",
        "/assets/vendor/echarts.min.js",
    ] {
        let r = get(a);
        assert_eq!(r.status, 200, "{a}");
        assert!(r.body.len() > 1000, "{a}");
    }
    let js = get("/assets/app.js").text();
    assert!(
        !js.contains("innerHTML"),
        "the dashboard never uses innerHTML"
    );
    assert_json_error(&get("/assets/nope.js"), 404);
}

fn parse_feed(r: &Resp) -> feed_rs::model::Feed {
    assert_eq!(r.status, 200, "{}", r.text());
    feed_rs::parser::parse(&r.body[..]).unwrap_or_else(|e| panic!("{e}: {}", r.text()))
}

#[test]
fn atom_feeds_parse_in_order_with_stable_ids() {
    let f = fixture();
    let paths = if f.seeded {
        vec![
            "/feeds/actor/CHN.atom",
            "/feeds/dyad/CHN-RUS.atom",
            "/feeds/dyad/rus-chn.atom",
        ]
    } else {
        vec!["/feeds/actor/CHN.atom"]
    };
    for path in paths {
        let one = parse_feed(&get(path));
        let two = parse_feed(&get(path));
        assert!(!one.entries.is_empty(), "{path} has entries");
        let ids: Vec<&str> = one.entries.iter().map(|e| e.id.as_str()).collect();
        let ids2: Vec<&str> = two.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ids2, "{path}: ids stable across requests");
        assert!(ids.iter().all(|i| i.starts_with("urn:shiju:article:")));
        let set: BTreeSet<&str> = ids.iter().copied().collect();
        assert_eq!(set.len(), ids.len(), "{path}: ids unique");
        let times: Vec<_> = one
            .entries
            .iter()
            .map(|e| e.updated.expect("updated"))
            .collect();
        assert!(
            times.windows(2).all(|w| w[0] >= w[1]),
            "{path}: newest first"
        );
        assert_eq!(one.updated, times.first().copied());
        for e in &one.entries {
            let c = e
                .content
                .as_ref()
                .and_then(|c| c.body.as_deref())
                .unwrap_or("");
            assert!(
                c.contains("<h3>Events</h3>"),
                "{path}: entries list their events"
            );
            assert!(e.links.iter().any(|l| l.href.contains("/#article/")));
        }
    }
    let s = parse_feed(&get(&format!("/feeds/search.atom?q={}", enc("外交部"))));
    assert!(!s.entries.is_empty());
}

#[test]
fn xss_in_feeds_comes_back_as_text() {
    let feed = parse_feed(&get(&format!("/feeds/search.atom?q={}", enc("安全测试"))));
    let e = feed
        .entries
        .iter()
        .find(|e| {
            e.title
                .as_ref()
                .is_some_and(|t| t.content.contains("安全") || t.content.contains("外交部"))
        })
        .expect("the XSS article is in the feed");
    let title = &e.title.as_ref().unwrap().content;
    assert!(
        title.contains("<script>window.__xss=1</script>"),
        "the title is text, tags included: {title}"
    );
    let html = e.content.as_ref().and_then(|c| c.body.clone()).unwrap();
    // The entry's HTML carries the article's tags only as escaped text.
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(
        html.contains("&lt;script&gt;window.__xss=1&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.contains("href=\"javascript:"), "{html}");
}

#[test]
fn uploads_need_the_token() {
    let addr = fixture().server.addr();
    let doc = "<html><head><title>令牌测试</title></head><body><p>2024年4月2日，日本外交部长会见韩国外交部长，双方表示将加强合作。</p></body></html>";
    let r = request(
        addr,
        "POST",
        "/api/documents?name=t.html",
        &[],
        doc.as_bytes(),
    );
    assert_json_error(&r, 401);
    assert!(r.header("www-authenticate").starts_with("Bearer"));
    let r = request(
        addr,
        "POST",
        "/api/documents?name=t.html",
        &[("Authorization", "Bearer wrong-token-0000")],
        doc.as_bytes(),
    );
    assert_json_error(&r, 401);
}

#[test]
fn oversize_bodies_are_413() {
    let addr = fixture().server.addr();
    let big = vec![b'a'; MAX_BODY + 1];
    let auth = format!("Bearer {TOKEN}");
    let r = request(
        addr,
        "POST",
        "/api/documents?name=big.txt",
        &[("Authorization", auth.as_str())],
        &big,
    );
    assert_json_error(&r, 413);
}

#[test]
fn post_then_get_the_new_article() {
    let addr = fixture().server.addr();
    let doc = "<html><head><title>上传测试：越南与老挝签署协议</title>\
               <meta property=\"article:published_time\" content=\"2024-06-11\"></head><body><article>\
               <p>2024年6月11日，越南政府与老挝政府在河内签署经济合作协议，双方同意扩大投资。</p>\
               <p>越南外交部表示，该协议将促进两国贸易往来。</p></article></body></html>";
    let auth = format!("Bearer {TOKEN}");
    let r = request(
        addr,
        "POST",
        "/api/documents?name=../upload%2Dtest.html",
        &[
            ("Authorization", auth.as_str()),
            ("Content-Type", "text/html"),
        ],
        doc.as_bytes(),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let v = r.json();
    assert_eq!(v["status"], "ingested");
    assert_eq!(v["name"], "upload-test.html");
    let id = v["articles"][0].as_i64().expect("an article id");
    let a = get(&format!("/api/articles/{id}")).json();
    assert_eq!(a["title"], "上传测试：越南与老挝签署协议");
    assert_eq!(a["sha256"], v["sha256"]);
    // The same bytes again: a duplicate, not a second article.
    let r = request(
        addr,
        "POST",
        "/api/documents?name=again.html",
        &[("X-Shiju-Token", TOKEN)],
        doc.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["status"], "duplicate");
    // Nothing to extract: 422 with the reason.
    let r = request(
        addr,
        "POST",
        "/api/documents?name=empty.html",
        &[("X-Shiju-Token", TOKEN)],
        b"<html><body></body></html>",
    );
    assert_json_error(&r, 422);
}

#[test]
fn without_a_configured_token_uploads_are_refused() {
    let dir = temp_dir("notoken");
    let mut cfg = Config::new(dir);
    cfg.addr = "127.0.0.1:0".parse().unwrap();
    let server = Server::start(cfg).unwrap();
    let r = request(
        server.addr(),
        "POST",
        "/api/documents",
        &[("Authorization", "Bearer anything")],
        b"hello",
    );
    assert_json_error(&r, 403);
    let r = request(server.addr(), "GET", "/api/stats", &[], b"");
    assert_eq!(r.status, 200);
    server.stop().unwrap();
}

/// `request` written as is on a new connection; what came back before the
/// server closed it (or `secs` passed).
fn exchange(addr: std::net::SocketAddr, request: &[u8], secs: u64) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(secs))).unwrap();
    s.write_all(request).unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    String::from_utf8_lossy(&raw).into_owned()
}

#[test]
fn feed_links_never_reflect_the_host_header() {
    let addr = fixture().server.addr();
    let text = exchange(
        addr,
        b"GET /feeds/actor/CHN.atom HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
        60,
    );
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(!text.contains("evil.example"), "{text}");
    assert!(text.contains(&format!("http://{addr}/")), "{text}");
}

#[test]
fn a_declared_oversize_body_is_refused_at_once() {
    let addr = fixture().server.addr();
    let request = format!(
        "POST /api/documents HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {TOKEN}\r\n\
         Content-Length: 1000000000000\r\nConnection: close\r\n\r\nabc"
    );
    let text = exchange(addr, request.as_bytes(), 30);
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    assert!(text.contains("\"error\""), "{text}");
}

fn ids(v: &Value) -> Vec<i64> {
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn events_page_sort_pair_and_csv() {
    let f = fixture();
    let all = get("/api/events?limit=10000&sort=date").json();
    let total = all["total"].as_u64().unwrap() as usize;
    // Pages are slices of the whole list, with the same total.
    let p1 = get("/api/events?limit=2&sort=date").json();
    let p2 = get("/api/events?limit=2&offset=2&sort=date").json();
    assert_eq!(p2["total"].as_u64().unwrap() as usize, total);
    let whole = ids(&all);
    assert_eq!(ids(&p1), whole[..2.min(total)].to_vec());
    assert_eq!(ids(&p2), whole[2.min(total)..4.min(total)].to_vec());
    // Oldest first by the first day of the date's period, undated last.
    let first_day = |d: &str| shiju_store::first_day(d);
    let days: Vec<Option<String>> = all["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| first_day(e["date"].as_str().unwrap_or("")))
        .collect();
    let dated: Vec<&String> = days.iter().flatten().collect();
    assert!(dated.windows(2).all(|w| w[0] <= w[1]), "{dated:?}");
    if let Some(i) = days.iter().position(Option::is_none) {
        assert!(days[i..].iter().all(Option::is_none));
    }
    // Names beside codes.
    let e = &all["events"][0];
    for k in [
        "source_en",
        "target_zh",
        "code_en",
        "code_zh",
        "url",
        "outlet",
    ] {
        assert!(e.get(k).is_some(), "{k}: {e}");
    }
    // CSV of the whole filtered set.
    let csv = get("/api/events?format=csv&limit=1");
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").starts_with("text/csv"));
    assert_eq!(csv.text().trim_end().lines().count(), 2);
    let csv = get("/api/events?format=csv");
    assert_eq!(csv.text().trim_end().lines().count(), total + 1);
    if f.seeded {
        let pair = get("/api/events?pair=CHN-RUS&limit=10000").json();
        let ab = get("/api/events?dyad=CHN-RUS&limit=10000").json();
        let ba = get("/api/events?dyad=RUS-CHN&limit=10000").json();
        assert_eq!(
            pair["total"],
            ab["total"].as_u64().unwrap() + ba["total"].as_u64().unwrap()
        );
        let chn = get("/api/events?actor=CHN&limit=1").json();
        assert!(chn["events"][0]["source_zh"].as_str().is_some());
    }
}

#[test]
fn relations_by_direction_root_and_precision() {
    let f = fixture();
    if !f.seeded {
        return;
    }
    let r = get("/api/relations?a=CHN&b=RUS&by=month").json();
    let n = r["periods"].as_array().unwrap().len();
    let sum = |v: &Value| -> i64 {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_i64().unwrap())
            .sum()
    };
    let (ab, ba, both) = (
        &r["series"]["ab"]["events"],
        &r["series"]["ba"]["events"],
        &r["series"]["both"]["events"],
    );
    assert_eq!(ab.as_array().unwrap().len(), n);
    assert_eq!(sum(ab) + sum(ba), sum(both));
    assert!(sum(ab) > 0, "{r}");
    // Roots add up to the directions; periods are consecutive months.
    let roots: i64 = r["roots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| sum(&x["both"]))
        .sum();
    assert_eq!(roots, sum(both));
    let dyad = get("/api/events?pair=CHN-RUS&limit=10000").json();
    let imprecise: i64 = r["imprecise"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["events"].as_i64().unwrap())
        .sum();
    assert_eq!(sum(both) + imprecise, dyad["total"].as_i64().unwrap());
    for x in r["imprecise"].as_array().unwrap() {
        assert_ne!(x["precision"], "day", "{x}");
    }
    // A range is drawn whole, zero-filled.
    let r = get("/api/relations?a=CHN&b=RUS&by=month&from=2000-01&to=2000-03").json();
    assert_eq!(
        r["periods"],
        serde_json::json!(["2000-01", "2000-02", "2000-03"])
    );
    assert_eq!(r["series"]["ab"]["events"], serde_json::json!([0, 0, 0]));
}

#[test]
fn timeline_map_names_and_search_terms() {
    let f = fixture();
    let names = get("/api/names").json();
    assert_eq!(names["actors"]["CHN"]["zh"], "中国");
    assert_eq!(names["cameo"]["042"]["en"], "Make a visit");
    assert_eq!(names["quads"].as_array().unwrap().len(), 4);
    assert!(get("/api/outlets").json().is_array());
    if !f.seeded {
        return;
    }
    let t = get("/api/timeline?actor=CHN&by=month").json();
    let cps = t["counterparts"].as_array().unwrap();
    assert!(cps.iter().any(|c| c["code"] == "RUS"), "{t}");
    assert!(cps.iter().all(|c| c["code"] != "CHN"));
    let m = get("/api/map").json();
    let chn = m["countries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "CHN")
        .expect("CHN on the map");
    assert_eq!(
        (chn["lat"].as_f64(), chn["lon"].as_f64()),
        (Some(35.0), Some(105.0))
    );
    // Two terms (AND), OR, a Latin name.
    let total = |q: &str| {
        get(&format!("/api/search?q={}", enc(q))).json()["total"]
            .as_u64()
            .unwrap()
    };
    let (a, b) = (total("普京"), total("金正恩"));
    let both = total("普京 金正恩");
    assert!(both >= 1 && both <= a.min(b), "{a} {b} {both}");
    assert!(total("普京 OR 金正恩") >= a.max(b));
    assert!(total("Kim Jong Un") >= 1);
    assert!(total("Putin") >= a.min(total("普京 OR 普丁")));
    let r = get(&format!(
        "/api/search?q={}&sort=date&outlet=zzzz",
        enc("普京")
    ))
    .json();
    assert_eq!(r["total"], 0);
}
