//! The `shiju analyze --jsonl` protocol, one input line at a time: a JSON
//! object `{"id", "bytes_b64" | "text", "published"?, "url"?}` in, one JSON
//! line per article (the analysis with `"id"` added) or per rejection
//! (`{"id", "doc", "error"}`) out. `"id"` is always the first key, so a
//! reader can route a line by its prefix (`{"id":…,`) without parsing it. A
//! line that is not valid UTF-8 or JSON, or lacks the bytes, answers one
//! error line; nothing a line holds stops the stream (the Spark driver
//! relies on every line being answered). A line with an `"error"` (and
//! `"doc"`?) but no bytes or text is a rejection the caller made (a corrupt
//! WARC record), answered as that error line: `analyze --jsonl --tables`
//! then writes it as a reject. A line with a `"path"` (and no bytes or
//! text) names a local file that shiju reads itself: a WARC(.gz) file is
//! answered as its document records, each with the id `ID#NNNNNN` (the
//! record's number, as `shiju ingest` names it), the lines a caller would
//! get sending each record as bytes; any other file as one document, the
//! line a caller would get sending its bytes (a file that cannot be read
//! answers one error line naming the path and the cause).

use std::borrow::Cow;
use std::path::Path;

use base64::Engine as _;
use serde_json::Value;
use shiju_core::Analysis;

use crate::Pipeline;

/// One answer line and the typed value it was printed from, so that a
/// caller writing tables (`analyze --jsonl --tables`) never parses the line
/// back.
#[derive(Debug)]
pub struct Answer {
    /// The JSON line, without its newline.
    pub line: String,
    /// The input line's id (the record's, for a WARC file's record).
    pub id: Value,
    pub what: Answered,
}

/// What an answer line holds.
#[derive(Debug)]
pub enum Answered {
    /// An article's analysis (the line is it with `"id"` first).
    Analysis(Box<Analysis>),
    /// A rejection: the item's name, when there was one, and the reason.
    Error { doc: Option<String>, error: String },
}

impl Answer {
    /// The error line `{"id":ID,"doc":DOC,"error":MSG}` (no `doc` when
    /// `None`).
    fn error(id: &Value, doc: Option<&str>, msg: &str) -> Answer {
        Answer {
            line: error_line(id, doc, msg),
            id: id.clone(),
            what: Answered::Error {
                doc: doc.map(str::to_string),
                error: msg.to_string(),
            },
        }
    }
}

/// One input line.
#[derive(serde::Deserialize)]
struct Input<'a> {
    id: Value,
    #[serde(default, borrow)]
    bytes_b64: Option<Borrowed<'a>>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    published: Option<String>,
    /// Where the document was fetched from: its URL (and outlet and date
    /// where the page gives none).
    #[serde(default)]
    url: Option<String>,
    /// A rejection the caller already made (a corrupt WARC record): with
    /// no bytes and no text, answered as the error line it names.
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    doc: Option<String>,
    /// A local file to read: a WARC file's records are the documents, any
    /// other file is one.
    #[serde(default)]
    path: Option<String>,
}

/// A string borrowed from the line when it holds no escapes: the base64
/// text, the bulk of a line, never needs one. (An `Option<Cow<str>>` field
/// would always be copied: serde borrows a `Cow` only as a field itself.)
#[derive(serde::Deserialize)]
struct Borrowed<'a>(#[serde(borrow)] Cow<'a, str>);

/// `{"id":ID,"doc":DOC,"error":MSG}` (no `doc` when `None`).
fn error_line(id: &Value, doc: Option<&str>, msg: &str) -> String {
    let mut out = format!("{{\"id\":{id}");
    if let Some(doc) = doc {
        out.push_str(",\"doc\":");
        out.push_str(&Value::from(doc).to_string());
    }
    out.push_str(",\"error\":");
    out.push_str(&Value::from(msg).to_string());
    out.push('}');
    out
}

/// The input line read: as `serde_json` reads it, but the `bytes_b64`
/// string, the bulk of a line, is found by [`b64_value`] (a `memchr` scan,
/// many times fewer instructions than serde_json's byte loop) and cut out
/// of what serde_json reads. A line the scan does not follow, or one
/// serde_json rejects once cut, is read whole by serde_json, so its
/// answers and error messages are as before.
fn parse_input(line: &str) -> serde_json::Result<Input<'_>> {
    if let Some((v, e)) = b64_value(line.as_bytes()) {
        let rest = format!("{}null{}", &line[..v], &line[e..]);
        if let Ok(i) = serde_json::from_str::<Input>(&rest) {
            if i.bytes_b64.is_none() {
                return Ok(Input {
                    id: i.id,
                    bytes_b64: Some(Borrowed(Cow::Borrowed(&line[v + 1..e - 1]))),
                    text: i.text,
                    published: i.published,
                    url: i.url,
                    error: i.error,
                    doc: i.doc,
                    path: i.path,
                });
            }
        }
    }
    serde_json::from_str(line)
}

/// The span (from its opening to past its closing quotation mark) of the
/// string value of the top-level object's `"bytes_b64"` key, when it holds
/// no escape; `None` when the line is not a plain object the scan follows.
fn b64_value(b: &[u8]) -> Option<(usize, usize)> {
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    loop {
        i = skip_ws(b, i);
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let key_end = string_end(b, i)?;
        let key = &b[i + 1..key_end - 1];
        i = skip_ws(b, key_end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        let v = skip_ws(b, i + 1);
        let e = value_end(b, v)?;
        if key == b"bytes_b64" {
            let plain = b.get(v) == Some(&b'"') && memchr::memchr(b'\\', &b[v..e]).is_none();
            return plain.then_some((v, e));
        }
        i = skip_ws(b, e);
        match b.get(i) {
            Some(b',') => i += 1,
            _ => return None,
        }
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b
        .get(i)
        .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
    {
        i += 1;
    }
    i
}

/// Past the closing quotation mark of the string opening at `b[i]`.
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        j += memchr::memchr2(b'"', b'\\', b.get(j..)?)?;
        if b[j] == b'"' {
            return Some(j + 1);
        }
        j += 2;
    }
}

/// Past the value starting at `b[i]` (a string, an object or array with
/// its nesting, or a literal up to the next `,`, `}`, `]` or white space).
fn value_end(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => string_end(b, i),
        b'{' | b'[' => {
            let (mut j, mut depth) = (i, 0usize);
            loop {
                match b.get(j)? {
                    b'"' => {
                        j = string_end(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let n = b[i..]
                .iter()
                .position(|c| matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))?;
            Some(i + n)
        }
    }
}

/// Standard base64 with padding, as the `base64` crate's `STANDARD`
/// engine decodes it (its errors too), by a SIMD decoder: several times
/// fewer instructions on the page-sized strings of a line. The SIMD
/// decoder accepts non-zero bits after the last symbol, which `STANDARD`
/// rejects; its answer is taken when the last group of four decodes the
/// same with `STANDARD`, else `STANDARD` decodes (or rejects) the whole.
fn decode_b64(s: &str) -> Result<Vec<u8>, base64::DecodeError> {
    let standard = &base64::engine::general_purpose::STANDARD;
    if let Ok(v) = base64_simd::STANDARD.decode_to_vec(s) {
        if s.len().is_multiple_of(4) {
            let tail = &s[s.len().saturating_sub(4)..];
            if standard
                .decode(tail)
                .is_ok_and(|t| v.len() >= t.len() && v[v.len() - t.len()..] == t[..])
            {
                return Ok(v);
            }
        }
    }
    standard.decode(s)
}

/// The answers to input line number `n` (1-based, for messages): none for
/// a blank line, else one or more JSON lines (without their newline) in
/// order.
pub fn answer(pl: &Pipeline, n: usize, line: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    answer_docs(pl, n, line, &mut |answers, _| {
        out.extend(answers.into_iter().map(|a| a.line));
    });
    out
}

/// What [`answer_docs`] hands each document's answers and raw bytes to.
pub type Each<'f> = dyn FnMut(Vec<Answer>, Option<&[u8]>) + 'f;

/// [`answer`], document by document: `each` gets each document's answers
/// with its raw bytes (decoded from `bytes_b64`, the text's UTF-8, a WARC
/// record's bytes; none for a line answered by an error alone). Returns the
/// line's id (`null` for a line not read), or `None` for a blank line.
pub fn answer_docs(pl: &Pipeline, n: usize, line: &[u8], each: &mut Each<'_>) -> Option<Value> {
    macro_rules! err {
        ($id:expr, $msg:expr) => {{
            let id: Value = $id;
            each(vec![Answer::error(&id, None, &*$msg)], None);
            return Some(id);
        }};
    }
    let Ok(line) = simdutf8::basic::from_utf8(line) else {
        err!(Value::Null, format!("line {n}: not UTF-8"));
    };
    if line.trim().is_empty() {
        return None;
    }
    let input: Input = match parse_input(line) {
        Ok(i) => i,
        Err(e) => err!(Value::Null, format!("line {n}: invalid JSON: {e}")),
    };
    let id = input.id;
    let name = match &id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let bad_date = input
        .published
        .as_deref()
        .filter(|p| shiju_core::date::parse_ymd(p).is_none())
        .map(|p| format!("published {p:?} is not YYYY-MM-DD"));
    let published = input.published.as_deref();
    let bytes = match (input.bytes_b64, input.text) {
        (Some(b), _) => match decode_b64(b.0.trim()) {
            Ok(b) => b,
            Err(e) => err!(id, format!("bytes_b64: {e}")),
        },
        (None, Some(t)) => t.into_bytes(),
        (None, None) if input.path.is_some() => {
            let path = input.path.unwrap_or_default();
            let cap = pl.extractor.max_bytes;
            match crate::warc_records(Path::new(&path), cap) {
                Some(records) => {
                    if let Some(msg) = bad_date {
                        err!(id, msg);
                    }
                    for r in records {
                        warc_record(pl, &id, &name, &path, r, published, each);
                    }
                    return Some(id);
                }
                // Any other file is one document, as if its bytes were sent.
                None => match crate::read_capped(Path::new(&path), cap) {
                    Ok(b) => b,
                    Err(e) => err!(id, format!("{path}: {e}")),
                },
            }
        }
        (None, None) if input.error.is_some() => {
            let msg = input.error.unwrap_or_default();
            each(vec![Answer::error(&id, input.doc.as_deref(), &msg)], None);
            return Some(id);
        }
        (None, None) => err!(id, "neither bytes_b64 nor text"),
    };
    if let Some(msg) = bad_date {
        err!(id, msg);
    }
    let url = input.url.as_deref().filter(|u| !u.is_empty());
    each(
        analysed(pl, &id, &name, &bytes, published, url),
        Some(&bytes),
    );
    Some(id)
}

/// Answers one document record of the WARC file at `path` (the line's
/// `"path"`): its id and name are the line's, suffixed `#NNNNNN` as the
/// record's path is (the path itself for a whole-file rejection).
fn warc_record(
    pl: &Pipeline,
    id: &Value,
    name: &str,
    path: &str,
    r: crate::WarcDoc,
    published: Option<&str>,
    each: &mut Each<'_>,
) {
    let suffix = r.path.get(path.len()..).unwrap_or_default();
    let rid = match (id, suffix) {
        (_, "") => id.clone(),
        (Value::String(s), _) => Value::from(format!("{s}{suffix}")),
        (other, _) => Value::from(format!("{other}{suffix}")),
    };
    match r.bytes {
        Ok(b) => {
            let name = format!("{name}{suffix}");
            each(analysed(pl, &rid, &name, &b, published, None), Some(&b));
        }
        Err(e) => each(vec![Answer::error(&rid, None, &e)], None),
    }
}

/// The answers of one document's analysis.
fn analysed(
    pl: &Pipeline,
    id: &Value,
    name: &str,
    bytes: &[u8],
    published: Option<&str>,
    url: Option<&str>,
) -> Vec<Answer> {
    pl.analyze_bytes_from(name, bytes, published, url)
        .into_iter()
        .map(|o| match o.result {
            Ok(a) => {
                // `{"id":…,` then the analysis' own fields, written as
                // serde_json would write them (`Analysis::write_json_fields`).
                let id_json = id.to_string();
                let mut line = String::with_capacity(id_json.len() + 8 + a.json_len_hint());
                line.push_str("{\"id\":");
                line.push_str(&id_json);
                line.push(',');
                a.write_json_fields(&mut line);
                Answer {
                    line,
                    id: id.clone(),
                    what: Answered::Analysis(Box::new(a)),
                }
            }
            Err(e) => Answer::error(id, Some(&o.name), &e.to_string()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{answer, decode_b64};
    use base64::Engine as _;

    /// The base64 text is not copied out of the line.
    #[test]
    fn base64_text_is_borrowed() {
        let input: super::Input =
            serde_json::from_str(r#"{"id": 1, "bytes_b64": "5Lit5paH"}"#).unwrap();
        let b64 = input.bytes_b64.map(|b| b.0);
        assert!(matches!(b64, Some(std::borrow::Cow::Borrowed("5Lit5paH"))));
    }

    /// The line read with the base64 string cut out answers as serde_json
    /// reading the whole line, on plain lines and on ones the scan leaves
    /// to serde_json (escapes, nesting, duplicates, bad JSON).
    #[test]
    fn input_is_read_as_serde_json_reads_it() {
        fn fields(i: &super::Input) -> String {
            format!(
                "{:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                i.id,
                i.bytes_b64.as_ref().map(|b| &b.0),
                i.text,
                i.published,
                i.url,
                i.error,
                i.doc,
                i.path
            )
        }
        for line in [
            r#"{"id": 1, "bytes_b64": "5Lit5paH"}"#,
            r#" { "id" : "a" , "bytes_b64" : "5Lit5paH" , "published": "2024-05-01" } "#,
            r#"{"meta": {"x": [1, "}", {"y": "\"]"}]}, "id": [2], "url": "u", "bytes_b64": "QUJD"}"#,
            r#"{"id": 3, "bytes_b64": "QU\/JD"}"#,
            r#"{"id": 4, "bytes_b64": null, "text": "美国总统发表讲话"}"#,
            r#"{"id": 5, "bytes_b64": "QUJD", "bytes_b64": "QUJD"}"#,
            r#"{"id": 6, "note": ""bytes_b64": "x"", "bytes_b64": "QUJD"}"#,
            r#"{"id": 7, "bytes_b64": "QUJD" "#,
            r#"{"id": 8, "bytes_b64": "QUJD",}"#,
            r#"{"id": 9, "bytes_b64": 12}"#,
            r#"{"id": 10, "bytes_b64": "QUJD"} trailing"#,
            r#"{"id": true, "flag": false, "n": -1.5e3, "bytes_b64": "QUJD"}"#,
            r#"[{"bytes_b64": "QUJD"}]"#,
            r#"{"id": 11, "bytes_b64": "QUJD"#,
        ] {
            let fast = super::parse_input(line);
            let slow: serde_json::Result<super::Input> = serde_json::from_str(line);
            match (&fast, &slow) {
                (Ok(a), Ok(b)) => assert_eq!(fields(a), fields(b), "{line}"),
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{line}"),
                _ => panic!("{line}: {:?} against {:?}", fast.is_ok(), slow.is_ok()),
            }
        }
        let line = r#"{"id": 1, "bytes_b64": "5Lit5paH"}"#;
        let b64 = super::parse_input(line).unwrap().bytes_b64.map(|b| b.0);
        assert!(matches!(b64, Some(std::borrow::Cow::Borrowed("5Lit5paH"))));
    }

    /// The SIMD path answers exactly as `base64`'s `STANDARD` engine, on
    /// every short string over symbols, padding and strays.
    #[test]
    fn base64_decodes_as_the_standard_engine() {
        let standard = |s: &str| base64::engine::general_purpose::STANDARD.decode(s);
        let same = |s: &str| {
            let (a, b) = (decode_b64(s), standard(s));
            assert_eq!(
                format!("{a:?}"),
                format!("{b:?}"),
                "{s:?}: {a:?} against {b:?}"
            );
        };
        let symbols: Vec<char> = "AQgw/+=9 -_\n".chars().collect();
        for len in 0..=5u32 {
            for mut k in 0..symbols.len().pow(len) {
                let mut s = String::new();
                for _ in 0..len {
                    s.push(symbols[k % symbols.len()]);
                    k /= symbols.len();
                }
                same(&s);
                same(&format!("5pel5pys5Lit5paH{s}"));
            }
        }
        let page = "<p>国际新闻：外长会谈在日内瓦举行。</p>".repeat(40);
        for cut in 0..8 {
            let b = &page.as_bytes()[..page.len() - cut];
            let enc = base64::engine::general_purpose::STANDARD.encode(b);
            assert_eq!(decode_b64(&enc).unwrap(), b);
            same(&enc[..enc.len() - 1]);
            same(&enc.replace('A', "="));
        }
    }
    use crate::{Options, Pipeline};

    #[test]
    fn every_line_is_answered() {
        let pl = Pipeline::new(&Options::default()).unwrap();
        let ok = r#"{"id": 7, "text": "美国总统当天在白宫会见来访的日本首相，双方就地区安全局势和经贸合作深入交换了意见。", "published": "2024-05-01"}"#.as_bytes();
        let out = answer(&pl, 1, ok);
        assert_eq!(out.len(), 1);
        assert!(out[0].starts_with("{\"id\":7,"), "{}", out[0]);
        let v: serde_json::Value = serde_json::from_str(&out[0]).unwrap();
        assert_eq!(v["id"], 7);
        assert!(v.get("error").is_none(), "{}", out[0]);
        let with_url = r#"{"id": "a", "text": "美国总统当天在白宫会见来访的日本首相，双方就地区安全局势和经贸合作深入交换了意见。", "url": "https://example.com/2024/05/01/x.html"}"#;
        let v: serde_json::Value =
            serde_json::from_str(&answer(&pl, 1, with_url.as_bytes())[0]).unwrap();
        assert_eq!(v["article"]["url"], "https://example.com/2024/05/01/x.html");
        assert!(answer(&pl, 2, b"   ").is_empty());
        for (line, why) in [
            (&b"\xff\xfe{}"[..], "not UTF-8"),
            (b"{\"id\": 1", "invalid JSON"),
            (b"{\"id\": 1}", "neither bytes_b64 nor text"),
            (b"{\"id\": 1, \"bytes_b64\": \"%%%\"}", "bytes_b64"),
            (
                b"{\"id\": 1, \"text\": \"x\", \"published\": \"May 1\"}",
                "YYYY-MM-DD",
            ),
            (b"{\"id\": 1, \"text\": \"\"}", "empty"),
            (
                b"{\"id\": 1, \"error\": \"WARC record 3: truncated\"}",
                "WARC record 3: truncated",
            ),
        ] {
            let out = answer(&pl, 3, line);
            assert_eq!(out.len(), 1, "{line:?}");
            assert!(out[0].starts_with("{\"id\":"), "{}", out[0]);
            let v: serde_json::Value = serde_json::from_str(&out[0]).unwrap();
            let e = v["error"].as_str().unwrap_or_default();
            assert!(e.contains(why), "{line:?}: {e}");
        }
    }

    /// A `"path"` naming a file that is not WARC answers as the file's
    /// bytes sent inline; one that cannot be read answers one error line
    /// naming it; the date is checked as for bytes.
    #[test]
    fn a_plain_file_path_is_one_document() {
        let pl = Pipeline::new(&Options::default()).unwrap();
        let dir = std::env::temp_dir().join(format!("shiju-jsonl-path-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let page = "<html><head><title>两国外长会谈</title></head><body><article>\
            <p>2024年5月1日，美国国务卿在华盛顿会见来访的日本外务大臣，双方就地区安全局势深入交换了意见。</p>\
            <p>双方同意加强经贸合作，并将于年内举行新一轮磋商。</p></article></body></html>";
        let file = dir.join("page.html");
        std::fs::write(&file, page).unwrap();
        let b64 = base64::engine::general_purpose::STANDARD.encode(page);
        let by_bytes = answer(
            &pl,
            1,
            format!(r#"{{"id": "p", "bytes_b64": "{b64}"}}"#).as_bytes(),
        );
        let line = serde_json::json!({"id": "p", "path": file.display().to_string()}).to_string();
        assert_eq!(answer(&pl, 1, line.as_bytes()), by_bytes);
        assert!(!by_bytes[0].contains("\"error\""), "{}", by_bytes[0]);
        let missing = dir.join("missing.html").display().to_string();
        let line = serde_json::json!({"id": "m", "path": missing}).to_string();
        let out = answer(&pl, 2, line.as_bytes());
        assert_eq!(out.len(), 1);
        let v: serde_json::Value = serde_json::from_str(&out[0]).unwrap();
        assert!(
            v["error"].as_str().unwrap().contains(&missing),
            "{}",
            out[0]
        );
        let line = serde_json::json!({"id": "d", "path": file.display().to_string(), "published": "May 1"})
            .to_string();
        let v: serde_json::Value =
            serde_json::from_str(&answer(&pl, 3, line.as_bytes())[0]).unwrap();
        assert!(v["error"].as_str().unwrap().contains("YYYY-MM-DD"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
