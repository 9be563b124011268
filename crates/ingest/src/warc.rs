//! WARC (ISO 28500) input: web archives as crawlers and clusters hold them.
//!
//! A WARC file is a sequence of records (`.warc.gz`: one gzip member per
//! record, read with flate2's `MultiGzDecoder`). Each `response`, `resource`
//! or `conversion` record is one document: [`Records`] splits a file into
//! the records' raw bytes (the WARC header block and its content), and the
//! extractor reads one such record ([`is_record`]) as a form of its own:
//!
//! - the URL is the record's `WARC-Target-URI` (also the source of the
//!   outlet and of a date in the URL when the page gives neither);
//! - the fetch day (`WARC-Date`, [`fetch_date`]) is the publication date's
//!   last resort: the pipeline uses it only where the page and its body
//!   give none, like `--published`;
//! - a `response` record's HTTP head is read (httparse): a status other
//!   than 2xx or a media type that is not text rejects the record with the
//!   status or type; chunked transfer and gzip/deflate content encodings
//!   are undone; the `charset` of its `Content-Type` is a hint to the
//!   decoder, after the page's own declaration.
//!
//! Other record types (`warcinfo`, `request`, `metadata`, `revisit`,
//! `continuation`) are not documents and are skipped. Header blocks are
//! parsed by the `warc` crate's parser; the framing is done here, bounded:
//! a header block over [`MAX_HEADER`] bytes, a record that is truncated or
//! not followed by another record's version line is reported with its
//! number, and the reader moves on to the next `WARC/` line.

use std::borrow::Cow;
use std::io::{BufRead, Read};

use encoding_rs::Encoding;
use shiju_core::Article;

use crate::{Extractor, Item, Reject};

/// Largest WARC header block read (real ones are well under 2 KiB).
pub const MAX_HEADER: usize = 64 * 1024;

/// Record types that hold a document.
const DOCUMENT_TYPES: [&str; 3] = ["response", "resource", "conversion"];

/// Whether `bytes` is one WARC record (what [`Records`] yields).
pub fn is_record(bytes: &[u8]) -> bool {
    bytes.starts_with(b"WARC/")
}

/// Whether a file starting with `head` is a WARC file: `WARC/` itself, or
/// gzip whose first member starts with it.
pub fn is_warc_file(head: &[u8]) -> bool {
    if is_record(head) {
        return true;
    }
    if !head.starts_with(&[0x1f, 0x8b]) {
        return false;
    }
    let mut first = [0u8; 5];
    let mut d = flate2::read::GzDecoder::new(head);
    let mut got = 0;
    while got < first.len() {
        match d.read(&mut first[got..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => got += n,
        }
    }
    got == first.len() && is_record(&first)
}

/// A record's WARC header block, parsed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// `WARC-Type`, lower-cased.
    pub kind: String,
    pub target_uri: Option<String>,
    /// `WARC-Date` as printed.
    pub date: Option<String>,
    pub content_type: Option<String>,
    /// `Content-Length`: the size of the record's content.
    pub length: usize,
}

/// Parses a header block (the version line through the empty line).
pub fn parse_header(block: &[u8]) -> Result<Header, String> {
    let (_, (_, fields, length)) = warc::parser::headers(block).map_err(|_| {
        "malformed WARC header block (no Content-Length, or a bad line)".to_string()
    })?;
    let mut h = Header {
        length,
        ..Header::default()
    };
    for (name, value) in fields {
        let value = String::from_utf8_lossy(value).trim().to_string();
        match name.to_ascii_lowercase().as_str() {
            "warc-type" => h.kind = value.to_ascii_lowercase(),
            // WARC 1.0 examples bracket the URI: `<http://…>`.
            "warc-target-uri" => {
                h.target_uri = Some(value.trim_matches(|c| c == '<' || c == '>').to_string())
            }
            "warc-date" => h.date = Some(value),
            "content-type" => h.content_type = Some(value),
            _ => {}
        }
    }
    Ok(h)
}

/// Where the header block of `record` ends (after its empty line).
fn header_end(record: &[u8]) -> Option<usize> {
    let head = &record[..record.len().min(MAX_HEADER)];
    head.windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| i + 4)
        .or_else(|| head.windows(2).position(|w| w == b"\n\n").map(|i| i + 2))
}

/// The fetch day of a WARC record (`WARC-Date`, `YYYY-MM-DD`), if `bytes`
/// is one and the date is valid.
pub fn fetch_date(bytes: &[u8]) -> Option<String> {
    if !is_record(bytes) {
        return None;
    }
    let h = parse_header(&bytes[..header_end(bytes)?]).ok()?;
    let day = h.date?.get(..10)?.to_string();
    shiju_core::date::parse_ymd(&day).map(|_| day)
}

/// A record's document: its payload, the charset its HTTP head declares,
/// and where it was fetched from.
struct Payload<'a> {
    bytes: Cow<'a, [u8]>,
    charset: Option<&'static Encoding>,
    url: Option<String>,
}

/// The `charset` parameter of a `Content-Type` value.
fn charset_of(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let i = lower.find("charset=")?;
    let v = lower[i + 8..].trim_start_matches(['"', '\'']);
    let end = v
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(v.len());
    Encoding::for_label(&v.as_bytes()[..end])
}

/// Media types that are not documents (images, audio, video, fonts,
/// binary application types); anything textual, XML or unknown is read.
fn not_text(content_type: &str) -> bool {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if media.is_empty() || media.starts_with("text/") || media.contains("xml") {
        return false;
    }
    ["image/", "audio/", "video/", "font/", "application/"]
        .iter()
        .any(|p| media.starts_with(p))
}

/// Undoes `Transfer-Encoding: chunked`; `None` if the body is not valid
/// chunked data.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let eol = body.windows(2).position(|w| w == b"\r\n")?;
        let size_field = std::str::from_utf8(&body[..eol]).ok()?;
        let size_hex = size_field.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        body = &body[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        let chunk = body.get(..size)?;
        out.extend_from_slice(chunk);
        body = body.get(size..)?;
        body = body.strip_prefix(b"\r\n").unwrap_or(body);
    }
}

/// Undoes a `Content-Encoding`, reading at most `cap + 1` bytes.
fn decode_content(body: &[u8], encoding: &str, cap: usize) -> Result<Vec<u8>, Reject> {
    let mut out = Vec::new();
    let limit = cap as u64 + 1;
    let read = match encoding {
        "gzip" | "x-gzip" => flate2::read::MultiGzDecoder::new(body)
            .take(limit)
            .read_to_end(&mut out),
        "deflate" => {
            let zlib = flate2::read::ZlibDecoder::new(body)
                .take(limit)
                .read_to_end(&mut out);
            if zlib.is_err() {
                out.clear();
                flate2::read::DeflateDecoder::new(body)
                    .take(limit)
                    .read_to_end(&mut out)
            } else {
                zlib
            }
        }
        other => {
            return Err(Reject::NotADocument(format!(
                "HTTP Content-Encoding {other:?} is not supported"
            )))
        }
    };
    match read {
        Ok(_) if out.len() > cap => Err(Reject::TooLarge {
            size: out.len(),
            cap,
        }),
        Ok(_) => Ok(out),
        Err(e) => Err(Reject::NotADocument(format!(
            "HTTP Content-Encoding {encoding}: {e}"
        ))),
    }
}

/// The document inside an HTTP response.
fn http_payload(
    block: &[u8],
    cap: usize,
) -> Result<(Cow<'_, [u8]>, Option<&'static Encoding>), Reject> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut resp = httparse::Response::new(&mut headers);
    let head_len = match resp.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => {
            return Err(Reject::NotADocument(
                "WARC response record: truncated HTTP head".into(),
            ))
        }
        Err(e) => {
            return Err(Reject::NotADocument(format!(
                "WARC response record: unreadable HTTP head ({e})"
            )))
        }
    };
    let code = resp.code.unwrap_or(0);
    if !(200..300).contains(&code) {
        return Err(Reject::NotADocument(format!(
            "HTTP status {code} {}",
            resp.reason.unwrap_or("")
        )));
    }
    let header = |name: &str| {
        resp.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
    };
    let content_type = header("content-type");
    if let Some(ct) = content_type.as_deref().filter(|ct| not_text(ct)) {
        return Err(Reject::NotADocument(format!(
            "HTTP Content-Type {ct}: not a text document"
        )));
    }
    let charset = content_type.as_deref().and_then(charset_of);
    let mut body: Cow<'_, [u8]> = Cow::Borrowed(&block[head_len..]);
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        if let Some(b) = dechunk(&body) {
            body = Cow::Owned(b);
        }
    }
    if let Some(enc) = header("content-encoding").filter(|e| !e.is_empty() && e != "identity") {
        body = Cow::Owned(decode_content(&body, &enc, cap)?);
    }
    Ok((body, charset))
}

/// The document of one WARC record.
fn payload(bytes: &[u8], cap: usize) -> Result<Payload<'_>, Reject> {
    let bad = |why: &str| Reject::NotADocument(format!("WARC record: {why}"));
    let end = header_end(bytes).ok_or_else(|| bad("no end of the header block"))?;
    let h = parse_header(&bytes[..end]).map_err(|e| bad(&e))?;
    let rest = &bytes[end..];
    if rest.len() < h.length {
        return Err(bad(&format!(
            "truncated: Content-Length {} but {} bytes",
            h.length,
            rest.len()
        )));
    }
    if rest[h.length..].iter().any(|b| !b.is_ascii_whitespace()) {
        return Err(bad(
            "more than one record (a whole WARC file: give it as a file, which is read record by record)",
        ));
    }
    let block = &rest[..h.length];
    let (bytes, charset) = match h.kind.as_str() {
        "response" => http_payload(block, cap)?,
        "resource" | "conversion" => {
            if let Some(ct) = h.content_type.as_deref().filter(|ct| not_text(ct)) {
                return Err(Reject::NotADocument(format!(
                    "WARC Content-Type {ct}: not a text document"
                )));
            }
            (
                Cow::Borrowed(block),
                h.content_type.as_deref().and_then(charset_of),
            )
        }
        other => return Err(bad(&format!("a {other:?} record is not a document"))),
    };
    Ok(Payload {
        bytes,
        charset,
        url: h.target_uri.filter(|u| !u.is_empty()),
    })
}

/// The articles of one WARC record named `name`.
pub(crate) fn extract(ex: &Extractor, name: &str, bytes: &[u8]) -> Vec<Item> {
    let p = match payload(bytes, ex.max_bytes) {
        Ok(p) => p,
        Err(e) => {
            return vec![Item {
                name: name.to_string(),
                result: Err(e),
            }]
        }
    };
    let mut items = ex.extract_hinted(name, &p.bytes, p.charset);
    if let Some(url) = &p.url {
        for it in &mut items {
            if let Ok(a) = &mut it.result {
                ex.set_source_url(a, url);
            }
        }
    }
    items
}

impl Extractor {
    /// Records where an article was fetched from (a WARC record's target
    /// URI, the `url` of a JSON line): the article's URL, and the outlet and
    /// the date the URL gives when the page named neither.
    pub fn set_source_url(&self, article: &mut Article, url: &str) {
        if article.outlet.is_none() {
            article.outlet = self.rules.outlet_of_url(url);
        }
        if article.published.is_none() {
            article.published = crate::page::date_in_url(url);
        }
        article.url = Some(url.to_string());
    }
}

/// One document record of a WARC file, or why it could not be read.
#[derive(Debug)]
pub struct Record {
    /// The record's number in its file, from 1, counting every record.
    pub number: usize,
    /// The record's raw bytes (header block and content), or why it was
    /// not read.
    pub bytes: Result<Vec<u8>, String>,
}

/// The document records of a WARC stream (decompressed already): see the
/// module documentation. Records larger than `cap` are skipped unread and
/// reported as too large.
pub struct Records<R: BufRead> {
    r: R,
    cap: usize,
    number: usize,
    documents: usize,
    done: bool,
    /// A version line found while skipping a corrupt record.
    pending: Option<Vec<u8>>,
}

impl<R: BufRead> Records<R> {
    pub fn new(r: R, cap: usize) -> Self {
        Records {
            r,
            cap,
            number: 0,
            documents: 0,
            done: false,
            pending: None,
        }
    }

    /// Reads one line (through `\n`) into `buf`, at most `limit` bytes of
    /// it (the rest of a longer line is consumed and dropped); 0 at the end.
    fn line(&mut self, buf: &mut Vec<u8>, limit: usize) -> std::io::Result<usize> {
        let mut total = 0;
        loop {
            let chunk = self.r.fill_buf()?;
            if chunk.is_empty() {
                return Ok(total);
            }
            let (take, found) = match chunk.iter().position(|b| *b == b'\n') {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            let room = limit.saturating_sub(buf.len()).min(take);
            buf.extend_from_slice(&chunk[..room]);
            self.r.consume(take);
            total += take;
            if found {
                return Ok(total);
            }
        }
    }

    /// Skips to the next `WARC/` version line (after a corrupt record);
    /// returns it, or `None` at the end.
    fn resync(&mut self) -> std::io::Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        loop {
            line.clear();
            if self.line(&mut line, 64)? == 0 {
                return Ok(None);
            }
            if line.starts_with(b"WARC/") {
                return Ok(Some(line));
            }
        }
    }

    /// The next record (any type): `Ok(None)` at the end of the stream.
    fn next_record(&mut self, first: Option<Vec<u8>>) -> Result<Option<(Header, Vec<u8>)>, String> {
        let io = |e: std::io::Error| format!("unreadable: {e}");
        let mut block = first.unwrap_or_default();
        // Blank lines between records are tolerated.
        while block.is_empty() || block.iter().all(u8::is_ascii_whitespace) {
            block.clear();
            if self.line(&mut block, MAX_HEADER).map_err(io)? == 0 {
                return Ok(None);
            }
        }
        if !block.starts_with(b"WARC/") {
            return Err("not a WARC record (no WARC/ version line)".into());
        }
        loop {
            let before = block.len();
            let n = self.line(&mut block, MAX_HEADER + 1).map_err(io)?;
            if n == 0 {
                return Err("truncated: the file ends inside the header block".into());
            }
            if block.len() > MAX_HEADER {
                return Err(format!("a header block over {MAX_HEADER} bytes"));
            }
            if matches!(&block[before..], b"\r\n" | b"\n") {
                break;
            }
        }
        let h = parse_header(&block)?;
        if h.length > self.cap || !DOCUMENT_TYPES.contains(&h.kind.as_str()) {
            let skipped = std::io::copy(
                &mut (&mut self.r).take(h.length as u64),
                &mut std::io::sink(),
            )
            .map_err(io)?;
            if (skipped as usize) < h.length {
                return Err(format!(
                    "truncated: Content-Length {} but the file ends after {skipped} bytes",
                    h.length
                ));
            }
            self.trailer().map_err(io)?;
            return Ok(Some((h, Vec::new())));
        }
        let mut bytes = block;
        let want = bytes.len() + h.length;
        bytes.reserve(h.length);
        (&mut self.r)
            .take(h.length as u64)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() < want {
            return Err(format!(
                "truncated: Content-Length {} but the file ends after {} bytes",
                h.length,
                h.length - (want - bytes.len())
            ));
        }
        self.trailer().map_err(io)?;
        Ok(Some((h, bytes)))
    }

    /// Consumes the `\r\n\r\n` after a record's content.
    fn trailer(&mut self) -> std::io::Result<()> {
        for _ in 0..4 {
            match self.r.fill_buf()?.first() {
                Some(b'\r' | b'\n') => self.r.consume(1),
                _ => break,
            }
        }
        Ok(())
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        while !self.done {
            self.number += 1;
            let number = self.number;
            let first = self.pending.take();
            match self.next_record(first) {
                Ok(None) => {
                    self.done = true;
                    self.number -= 1;
                }
                Ok(Some((h, bytes))) => {
                    if !DOCUMENT_TYPES.contains(&h.kind.as_str()) {
                        continue;
                    }
                    self.documents += 1;
                    let bytes = if h.length > self.cap {
                        Err(Reject::TooLarge {
                            size: h.length,
                            cap: self.cap,
                        }
                        .to_string())
                    } else {
                        Ok(bytes)
                    };
                    return Some(Record { number, bytes });
                }
                Err(why) => {
                    self.documents += 1;
                    // Go on at the next record, if there is one.
                    match self.resync() {
                        Ok(Some(line)) => self.pending = Some(line),
                        _ => self.done = true,
                    }
                    return Some(Record {
                        number,
                        bytes: Err(format!("WARC record {number}: {why}")),
                    });
                }
            }
        }
        if self.documents == 0 {
            self.documents = 1;
            return Some(Record {
                number: 0,
                bytes: Err("a WARC file without a response, resource or conversion record".into()),
            });
        }
        None
    }
}
