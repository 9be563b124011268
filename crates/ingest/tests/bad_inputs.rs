//! Untrusted input never panics: every input ends as articles or a reject
//! with a reason.

use shiju_ingest::{Extractor, Reject};

fn ex() -> Extractor {
    Extractor::new(None).unwrap()
}

fn one(bytes: &[u8]) -> Result<shiju_core::Article, Reject> {
    let mut items = ex().extract("t.txt", bytes);
    assert_eq!(items.len(), 1);
    items.remove(0).result
}

#[test]
fn empty_and_blank_files() {
    assert_eq!(one(b"").unwrap_err(), Reject::Empty);
    assert_eq!(one(b" \n\t\r\n").unwrap_err(), Reject::Empty);
}

#[test]
fn binary_data() {
    let mut x: u32 = 12345;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x = x.wrapping_mul(1103515245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect();
    assert!(matches!(one(&bytes).unwrap_err(), Reject::Binary(_)));
}

#[test]
fn oversized_files_respect_the_cap() {
    let mut e = ex();
    e.max_bytes = 1000;
    let big = "普京说。".repeat(500);
    let r = e.extract("big.txt", big.as_bytes()).remove(0).result;
    assert_eq!(
        r.unwrap_err(),
        Reject::TooLarge {
            size: big.len(),
            cap: 1000
        }
    );
}

#[test]
fn a_list_of_links_has_no_body() {
    let mut html = String::from("<html><head><title>国际新闻 - 某网</title></head><body><ul>");
    for i in 0..30 {
        html.push_str(&format!(
            "<li><a href=\"/n/{i}.html\">俄罗斯与乌克兰举行第{i}轮谈判的消息汇总</a></li>"
        ));
    }
    html.push_str("</ul></body></html>");
    assert!(matches!(
        one(html.as_bytes()).unwrap_err(),
        Reject::NoBody(_)
    ));
}

#[test]
fn a_video_only_feed_item_is_rejected_per_item() {
    let rss = r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>某台</title>
<item><title>视频：峰会现场</title><link>https://example.com/v/1</link><description><![CDATA[<video src="a.mp4"></video>]]></description></item>
<item><title>中美外长会谈</title><link>https://example.com/a/2</link><description><![CDATA[<p>中国外交部长王毅与美国国务卿在华盛顿举行会谈，双方就双边关系和共同关心的国际问题交换了意见。</p>]]></description></item>
</channel></rss>"#;
    let items = ex().extract("feed.xml", rss.as_bytes());
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].name, "feed.xml#1");
    assert!(matches!(items[0].result, Err(Reject::NoBody(_))));
    let a = items[1].result.as_ref().unwrap();
    assert_eq!(a.title.as_deref(), Some("中美外长会谈"));
    assert_eq!(a.url.as_deref(), Some("https://example.com/a/2"));
}

#[test]
fn malformed_feed() {
    let r = one(b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>x</ti");
    assert!(r.is_err());
}

#[test]
fn truncated_and_invalid_sequences_decode_what_is_there() {
    let s = "（中央社記者王小明台北1日電）外交部今天表示，將持續與理念相近國家合作，共同維護區域和平與穩定，並歡迎各國支持。";
    let cut = &s.as_bytes()[..s.len() - 4];
    let a = one(cut).unwrap();
    assert_eq!(a.encoding, "UTF-8");
    assert!(a.paragraphs[0].contains("外交部今天表示"));

    let (gbk, _, _) = encoding_rs::GBK.encode(
        "<html><head><meta charset=\"gbk\"></head><body><p>中国外交部发言人在例行记者会上表示，中方坚决反对任何形式的单边制裁。</p><p>发言人说，各方应当通过对话协商解决分歧，维护地区和平稳定。</p></body></html>",
    );
    let mut bytes = gbk.into_owned();
    bytes.splice(120..120, [0x81u8, 0x20, 0xFF]);
    let a = one(&bytes).unwrap();
    assert!(a.body_text().contains("各方应当通过对话协商解决分歧"));
}

#[test]
fn json_is_not_a_document() {
    assert!(matches!(
        one(br#"{"a": [1, 2]}"#).unwrap_err(),
        Reject::NotADocument(_)
    ));
}

#[test]
fn the_bundled_bad_samples_are_all_accounted_for() {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/bad"));
    let e = ex();
    let mut n = 0;
    for f in std::fs::read_dir(dir).unwrap().flatten() {
        let bytes = std::fs::read(f.path()).unwrap();
        let items = e.extract(&f.file_name().to_string_lossy(), &bytes);
        assert!(!items.is_empty());
        n += 1;
    }
    assert!(n >= 5);
}

#[test]
fn fuzzer_findings_stay_fixed() {
    let dir = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fuzz-regressions"
    ));
    let e = ex();
    for f in std::fs::read_dir(dir).unwrap().flatten() {
        let bytes = std::fs::read(f.path()).unwrap();
        let _ = e.extract("regression", &bytes);
    }
}

#[test]
fn pages_nested_past_the_budget_are_rejected_before_parsing() {
    let deep = format!(
        "<html><body>{}<p>中国外交部发言人周二表示，欢迎法国总统马克龙下月访华，双方将举行会谈。</p>{}</body></html>",
        "<div>".repeat(20_000),
        "</div>".repeat(20_000)
    );
    match one(deep.as_bytes()) {
        Err(Reject::NotADocument(why)) => assert!(why.contains("levels deep"), "{why}"),
        other => panic!("{other:?}"),
    }
}

/// Containers left open in table cells are closed by the cells' end tags:
/// the page is shallow although its start and end tags do not balance, and
/// the fast tree builder reads it without the depth budget (which counts
/// tags, not the tree).
#[test]
fn unclosed_containers_in_cells_are_not_deep() {
    let page = format!(
        "<html><head><title>表格</title></head><body><table>{}</table><p>{}</p></body></html>",
        "<tr><td><div>单元格里的说明文字</td></tr>".repeat(2_500),
        "联合国秘书长周三在纽约表示，各方应当通过对话解决分歧，并呼吁国际社会提供更多人道主义援助。".repeat(3)
    );
    let article = one(page.as_bytes()).expect("read, not rejected as deep");
    assert!(article.body_text().contains("单元格里的说明文字"));
}
