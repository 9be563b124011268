//! WARC records as inputs: the record reader (framing, gzip members,
//! corrupt and truncated records) and the extraction of one record (HTTP
//! head, status, media type, charset hint, transfer and content
//! encodings, the target URI). Every record here is written by the test.

use std::io::{BufReader, Write};

use shiju_ingest::warc::{self, Records};
use shiju_ingest::{Extractor, Reject};

const STORY: &str =
    "新华社北京5月3日电 外交部发言人周二在例行记者会上表示，中方欢迎法国总统马克龙下月访华，\
双方将就双边关系和共同关心的国际问题深入交换意见。发言人说，中法两国领导人保持密切沟通，\
两国各领域合作不断取得新进展。";

fn page(charset_meta: bool) -> String {
    let meta = if charset_meta {
        "<meta charset=\"gbk\">"
    } else {
        ""
    };
    format!(
        "<html><head>{meta}<title>外交部：欢迎马克龙访华</title></head><body><article><h1>外交部：欢迎马克龙访华</h1>\
         <p>{STORY}</p><p>{STORY}</p></article></body></html>"
    )
}

fn record(kind: &str, uri: &str, date: &str, extra: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\n",
        block.len()
    );
    if !uri.is_empty() {
        r += &format!("WARC-Target-URI: {uri}\r\n");
    }
    if !date.is_empty() {
        r += &format!("WARC-Date: {date}\r\n");
    }
    for (k, v) in extra {
        r += &format!("{k}: {v}\r\n");
    }
    r += &format!("Content-Length: {}\r\n\r\n", block.len());
    let mut out = r.into_bytes();
    out.extend_from_slice(block);
    out
}

fn response(uri: &str, head: &str, body: &[u8]) -> Vec<u8> {
    let mut http = format!("HTTP/1.1 {head}\r\n\r\n").into_bytes();
    http.extend_from_slice(body);
    record(
        "response",
        uri,
        "2024-05-06T08:00:00Z",
        &[("Content-Type", "application/http; msgtype=response")],
        &http,
    )
}

fn ex() -> Extractor {
    Extractor::new(None).unwrap()
}

fn one(bytes: &[u8]) -> Result<shiju_core::Article, Reject> {
    let mut items = ex().extract("crawl.warc#000001", bytes);
    assert_eq!(items.len(), 1);
    items.remove(0).result
}

#[test]
fn a_response_record_is_its_page_with_the_url_of_the_record() {
    let body = page(false);
    let rec = response(
        "https://www.example.com/world/2024/05/03/macron.html",
        "200 OK\r\nContent-Type: text/html; charset=utf-8",
        body.as_bytes(),
    );
    assert!(warc::is_record(&rec));
    let a = one(&rec).unwrap();
    let direct = ex()
        .extract("page.html", body.as_bytes())
        .remove(0)
        .result
        .unwrap();
    assert_eq!(a.paragraphs, direct.paragraphs);
    assert_eq!(a.title, direct.title);
    assert_eq!(
        a.url.as_deref(),
        Some("https://www.example.com/world/2024/05/03/macron.html")
    );
    assert_eq!(warc::fetch_date(&rec).as_deref(), Some("2024-05-06"));
    assert_eq!(warc::fetch_date(body.as_bytes()), None);
}

#[test]
fn the_http_charset_is_a_hint_and_encodings_are_undone() {
    // GBK bytes without a <meta charset>: the HTTP header says gbk.
    let html = page(false);
    let (gbk, _, _) = encoding_rs::GBK.encode(&html);
    let plain = one(&response(
        "http://a.example.cn/1",
        "200 OK\r\nContent-Type: text/html; charset=GBK",
        &gbk,
    ))
    .unwrap();
    assert!(
        plain.paragraphs.iter().any(|p| p.contains("马克龙")),
        "{plain:?}"
    );
    // The same page chunked and gzipped.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&gbk).unwrap();
    let gz = gz.finish().unwrap();
    let mut chunked = Vec::new();
    for c in gz.chunks(700) {
        chunked.extend_from_slice(format!("{:x}\r\n", c.len()).as_bytes());
        chunked.extend_from_slice(c);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let enc = one(&response(
        "http://a.example.cn/1",
        "200 OK\r\nContent-Type: text/html; charset=gbk\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip",
        &chunked,
    ))
    .unwrap();
    assert_eq!(enc.paragraphs, plain.paragraphs);
}

#[test]
fn statuses_media_types_and_broken_records_are_rejections() {
    let why = |rec: &[u8]| one(rec).unwrap_err().to_string();
    let body = page(false);
    let e = why(&response("http://x/", "404 Not Found", body.as_bytes()));
    assert!(e.contains("HTTP status 404"), "{e}");
    let e = why(&response(
        "http://x/",
        "200 OK\r\nContent-Type: image/png",
        b"\x89PNG....",
    ));
    assert!(e.contains("image/png"), "{e}");
    let e = why(&response(
        "http://x/",
        "200 OK\r\nContent-Encoding: br",
        b"xx",
    ));
    assert!(e.contains("br"), "{e}");
    let mut cut = response("http://x/", "200 OK", body.as_bytes());
    cut.truncate(cut.len() - 100);
    let e = why(&cut);
    assert!(e.contains("truncated"), "{e}");
    let e = why(b"WARC/1.0\r\nWARC-Type: response\r\n\r\nno length");
    assert!(e.contains("WARC"), "{e}");
    let e = why(&record(
        "request",
        "http://x/",
        "",
        &[],
        b"GET / HTTP/1.1\r\n\r\n",
    ));
    assert!(e.contains("not a document"), "{e}");
    // A WARC/ prefix without an end of the header block, of any length.
    let e = why(&[b"WARC/1.0\r\nX: ".as_slice(), &vec![b'a'; 200_000]].concat());
    assert!(e.contains("header"), "{e}");
}

#[test]
fn a_source_url_gives_the_outlet_and_the_date_the_page_lacks() {
    let mut a = shiju_core::Article::default();
    ex().set_source_url(
        &mut a,
        "https://www.zaobao.com/news/china/20240503/story.html",
    );
    assert_eq!(
        a.url.as_deref(),
        Some("https://www.zaobao.com/news/china/20240503/story.html")
    );
    assert!(a.outlet.is_some());
    assert_eq!(a.published.as_deref(), Some("2024-05-03"));
}

fn gz_members(records: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for r in records {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(r).unwrap();
        gz.write_all(b"\r\n\r\n").unwrap();
        out.extend(gz.finish().unwrap());
    }
    out
}

fn split(bytes: &[u8], gz: bool) -> Vec<(usize, Result<Vec<u8>, String>)> {
    let r: Box<dyn std::io::BufRead> = if gz {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(bytes)))
    } else {
        Box::new(BufReader::new(bytes))
    };
    Records::new(r, 1 << 20)
        .map(|r| (r.number, r.bytes))
        .collect()
}

#[test]
fn the_reader_yields_document_records_of_every_gzip_member() {
    let body = page(false);
    let recs = vec![
        record(
            "warcinfo",
            "",
            "2024-05-06T08:00:00Z",
            &[],
            b"software: test\r\n",
        ),
        record("request", "http://a/1", "", &[], b"GET /1 HTTP/1.1\r\n\r\n"),
        response("http://a/1", "200 OK", body.as_bytes()),
        record("metadata", "http://a/1", "", &[], b"fetchTimeMs: 12\r\n"),
        response("http://a/2", "200 OK", body.as_bytes()),
        record(
            "resource",
            "file:///a/3.txt",
            "",
            &[("Content-Type", "text/plain")],
            STORY.as_bytes(),
        ),
    ];
    let gz = gz_members(&recs);
    assert!(warc::is_warc_file(&gz[..gz.len().min(1024)]));
    assert!(!warc::is_warc_file(b"\x1f\x8b\x08\x00garbage"));
    let got = split(&gz, true);
    assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), [3, 5, 6]);
    assert_eq!(got[0].1.as_ref().unwrap(), &recs[2]);
    assert_eq!(got[2].1.as_ref().unwrap(), &recs[5]);
    // Uncompressed, with the usual CRLF CRLF between records: the same.
    let plain: Vec<u8> = recs
        .iter()
        .flat_map(|r| [r.as_slice(), b"\r\n\r\n"].concat())
        .collect();
    let same = split(&plain, false);
    assert_eq!(same.len(), 3);
    assert!(same
        .iter()
        .zip(&got)
        .all(|(a, b)| a.1.as_ref().unwrap() == b.1.as_ref().unwrap()));
}

#[test]
fn corrupt_and_truncated_records_are_reported_by_number_and_reading_goes_on() {
    let body = page(false);
    let good = response("http://a/1", "200 OK", body.as_bytes());
    let mut stream = Vec::new();
    for r in [&good, &b"garbage that is no record\r\n".to_vec(), &good] {
        stream.extend_from_slice(r);
        stream.extend_from_slice(b"\r\n\r\n");
    }
    let got = split(&stream, false);
    assert_eq!(
        got.len(),
        3,
        "{:?}",
        got.iter()
            .map(|g| (g.0, g.1.as_ref().err()))
            .collect::<Vec<_>>()
    );
    assert!(got[0].1.is_ok() && got[2].1.is_ok());
    let e = got[1].1.as_ref().unwrap_err();
    assert!(
        e.contains("WARC record 2") && e.contains("no WARC/ version line"),
        "{e}"
    );

    // Truncated at the end: the last record is a rejection naming it.
    let mut cut = [good.clone(), b"\r\n\r\n".to_vec(), good.clone()].concat();
    cut.truncate(cut.len() - 500);
    let got = split(&gz_members(&[cut]), true);
    assert_eq!(got.len(), 2);
    let e = got[1].1.as_ref().unwrap_err();
    assert!(e.contains("WARC record 2: truncated"), "{e}");

    // A gzip stream cut in the middle of a member.
    let gz = gz_members(&[good.clone(), good.clone()]);
    let got = split(&gz[..gz.len() - 300], true);
    assert_eq!(got.len(), 2);
    assert!(got[0].1.is_ok() && got[1].1.is_err());

    // A header block without end, a file of no document record.
    let huge = [
        b"WARC/1.0\r\n".as_slice(),
        &b"X-Pad: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".repeat(3000),
    ]
    .concat();
    let got = split(&huge, false);
    assert_eq!(got.len(), 1);
    assert!(
        got[0].1.as_ref().unwrap_err().contains("header block over"),
        "{got:?}"
    );
    let info = record("warcinfo", "", "", &[], b"software: test\r\n");
    let got = split(&info, false);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, 0);
    assert!(got[0]
        .1
        .as_ref()
        .unwrap_err()
        .contains("without a response"));

    // A record over the cap is reported, not read.
    let r = Records::new(BufReader::new(good.as_slice()), 100)
        .next()
        .unwrap();
    assert!(r.bytes.unwrap_err().contains("too large"));
}
