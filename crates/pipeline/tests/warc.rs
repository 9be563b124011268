//! A WARC file of a few hundred responses, written by the test from the
//! real pages of `../shared/realnews` (read at test time; nothing
//! third-party is committed): every record is one input, analysed as its
//! page is, with the URL of the record and the fetch day where the page
//! has no date.

use std::io::Write;

use shiju_pipeline::{warc_records, Options, Pipeline};

fn record(uri: &str, date: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    http.extend_from_slice(body);
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    r.extend_from_slice(&http);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

#[test]
fn a_warc_of_real_pages_gives_the_pages_analyses() {
    let Some(dir) = shiju_core::testdata::shared_dir("realnews") else {
        return;
    };
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().into_owned();
            n.starts_with('r') && (n.ends_with(".html") || n.ends_with(".md"))
        })
        .collect();
    pages.sort();
    assert!(pages.len() >= 50, "{}", pages.len());
    let pl = Pipeline::new(&Options::default()).unwrap();
    let out = std::env::temp_dir().join(format!("shiju-warc-{}.warc.gz", std::process::id()));
    let mut expected = Vec::new();
    {
        let mut f = std::fs::File::create(&out).unwrap();
        for copy in 0..5 {
            for (i, p) in pages.iter().enumerate() {
                let mut body = std::fs::read(p).unwrap();
                body.extend_from_slice(format!("\n<!-- copy {copy} -->\n").as_bytes());
                let uri = format!("https://news.example.org/{copy}/{i}.html");
                let date = format!("2024-06-{:02}T09:30:00Z", 1 + i % 28);
                let ct = if p.extension().unwrap() == "md" {
                    "text/markdown; charset=utf-8"
                } else {
                    "text/html"
                };
                let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                gz.write_all(&record(&uri, &date, ct, &body)).unwrap();
                f.write_all(&gz.finish().unwrap()).unwrap();
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                expected.push((uri, date[..10].to_string(), pl.analyze_bytes(&name, &body)));
            }
        }
    }
    let records: Vec<_> = warc_records(&out, 20 << 20).unwrap().collect();
    let _ = std::fs::remove_file(&out);
    assert_eq!(records.len(), expected.len());
    let mut compared = 0;
    for (r, (uri, fetched, direct)) in records.iter().zip(&expected) {
        assert!(r.name.contains(".warc.gz#0"), "{}", r.name);
        let bytes = r.bytes.as_ref().unwrap();
        let got = pl.analyze_bytes(&r.name, bytes);
        assert_eq!(got.len(), direct.len(), "{}", r.name);
        for (g, d) in got.iter().zip(direct) {
            match (&g.result, &d.result) {
                (Ok(g), Ok(d)) => {
                    assert_eq!(g.article.url.as_deref(), Some(uri.as_str()));
                    assert_eq!(g.article.paragraphs, d.article.paragraphs);
                    match &d.article.published {
                        Some(p) => assert_eq!(g.article.published.as_ref(), Some(p)),
                        None => assert_eq!(g.article.published.as_ref(), Some(fetched)),
                    }
                    if d.article.published.is_some() && d.article.outlet.is_some() {
                        assert_eq!(g.events, d.events, "{}", r.name);
                        assert_eq!(g.entities, d.entities, "{}", r.name);
                        compared += 1;
                    }
                }
                (Err(g), Err(d)) => assert_eq!(g, d),
                (g, d) => panic!("{}: {g:?} vs {d:?}", r.name),
            }
        }
    }
    assert!(compared >= 200, "{compared}");
}
