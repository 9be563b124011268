//! Bytes → text: BOM, declared charset (HTML `<meta>`, XML declaration),
//! validation, and statistical detection (chardetng) when the declaration is
//! missing or wrong. Pages mixing two encodings are decoded line by line.

use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_8};
use shiju_lexicon::words::CharSlice;

/// How much of a document chardetng sees: detection on the whole page costs
/// 50–90 ms, a prefix gives the same answer for news pages.
const SNIFF_PREFIX: usize = 16 * 1024;

/// The decoded text and the name of the encoding used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name (`UTF-8`, `GBK`, `gb18030`, `Big5`); `A+B` for mixed pages.
    pub encoding: String,
    /// Number of byte sequences that could not be decoded (replaced by U+FFFD).
    pub errors: usize,
}

/// The charset a document declares in its first 2 KiB, if any.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    for key in [&b"charset="[..], &b"encoding="[..]] {
        let mut from = 0;
        while let Some(pos) = find(&lower[from..], key) {
            let start = from + pos + key.len();
            let rest = &lower[start..];
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let end = rest
                .iter()
                .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
                .unwrap_or(rest.len());
            if end > 0 {
                if let Some(enc) = Encoding::for_label(&rest[..end]) {
                    return Some(enc);
                }
            }
            from = start;
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The encoding chardetng guesses from a prefix of the bytes.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let prefix = &bytes[..bytes.len().min(SNIFF_PREFIX)];
    det.feed(prefix, prefix.len() == bytes.len());
    det.guess(None, chardetng::Utf8Detection::Allow)
}

/// Widens legacy Chinese encodings to their supersets: a page labelled
/// GB2312 is in practice GBK or GB18030, and Big5 pages use HKSCS
/// characters (encoding_rs' Big5 decoder is Big5-HKSCS).
fn widen(enc: &'static Encoding) -> &'static Encoding {
    if enc == GBK {
        GB18030
    } else {
        enc
    }
}

fn decode_with(bytes: &[u8], enc: &'static Encoding) -> (String, usize) {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    let errors = text.matches('\u{FFFD}').count();
    (text.into_owned(), errors)
}

/// Decodes `bytes`. Order of evidence: byte-order mark; valid UTF-8; the
/// declared charset if it decodes cleanly; chardetng's guess; and for pages
/// that mix encodings, line-by-line decoding (UTF-8 where a line is valid
/// UTF-8, the page's legacy encoding elsewhere).
pub fn decode(bytes: &[u8]) -> Decoded {
    decode_hinted(bytes, None)
}

/// [`decode_hinted`] without copying a page that is valid UTF-8 and has
/// no byte-order mark (most pages): its text borrowed from `bytes`, with
/// the encoding's name and the count of undecodable sequences.
pub(crate) fn decode_borrowed<'a>(
    bytes: &'a [u8],
    hint: Option<&'static Encoding>,
) -> (std::borrow::Cow<'a, str>, String, usize) {
    if Encoding::for_bom(bytes).is_none() {
        if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
            return (s.into(), UTF_8.name().to_string(), 0);
        }
    }
    let d = decode_hinted(bytes, hint);
    (d.text.into(), d.encoding, d.errors)
}

/// [`decode`] with a charset declared outside the document (an HTTP
/// `Content-Type`), taken where the document declares none.
pub fn decode_hinted(bytes: &[u8], hint: Option<&'static Encoding>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, errors) = decode_with(&bytes[bom_len..], enc);
        return Decoded {
            text,
            encoding: enc.name().to_string(),
            errors,
        };
    }
    match simdutf8::compat::from_utf8(bytes) {
        Ok(s) => {
            return Decoded {
                text: s.to_string(),
                encoding: UTF_8.name().to_string(),
                errors: 0,
            }
        }
        Err(e) => {
            // UTF-8 with a few broken sequences (a truncated download, one bad
            // byte) is still UTF-8: legacy encodings are almost never valid
            // UTF-8 over more than a few characters.
            let (text, errors) = decode_with(bytes, UTF_8);
            let chars = text.chars().count().max(1);
            let mostly_valid = e.valid_up_to() * 10 >= bytes.len() * 9 || errors * 200 <= chars;
            if mostly_valid && text.chars().filter(|c| !c.is_ascii()).count() > errors * 20 {
                return Decoded {
                    text,
                    encoding: UTF_8.name().to_string(),
                    errors,
                };
            }
        }
    }
    let declared = declared_charset(bytes)
        .or(hint)
        .filter(|e| *e != UTF_8 && e.is_ascii_compatible())
        .map(widen);
    // A legacy encoding that decodes cleanly into text that reads like
    // Chinese is taken without running the detector (the costliest step of
    // extraction: chardetng spends about 2 ms on a 16 KiB prefix): the
    // declared one; else, on a page that declares none, GB18030 or Big5
    // when exactly one of them reads as Chinese — a page in the other one,
    // or in Japanese or Korean, decodes into characters that are seldom
    // the commonest Chinese ones.
    //
    // A page mixing encodings has valid non-ASCII UTF-8 lines; since the
    // whole page is not valid UTF-8, some other line is not.
    let mixed = has_utf8_lines(bytes);
    if !mixed {
        let reads_chinese = |enc: &'static Encoding| -> Option<Decoded> {
            let (text, errors) = decode_with(bytes, enc);
            let cjk = text
                .chars()
                .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
                .count();
            (errors == 0 && cjk > 0 && chinese_plausibility(&text) * 50 >= cjk).then(|| Decoded {
                text,
                encoding: name_of(enc, bytes),
                errors,
            })
        };
        match declared {
            Some(enc) => {
                if let Some(d) = reads_chinese(enc) {
                    return d;
                }
            }
            None => match (reads_chinese(GB18030), reads_chinese(BIG5)) {
                (Some(d), None) | (None, Some(d)) => return d,
                _ => {}
            },
        }
    }
    let guessed = Some(widen(guess(bytes))).filter(|e| *e != UTF_8);
    let primary = declared.or(guessed).unwrap_or(GB18030);

    // Pages mixing encodings: decoded line by line.
    if mixed {
        let mut text = String::with_capacity(bytes.len() * 2);
        let mut errors = 0;
        for line in bytes.split_inclusive(|b| *b == b'\n') {
            match std::str::from_utf8(line) {
                Ok(s) => text.push_str(s),
                Err(_) => {
                    let (t, e) = decode_with(line, primary);
                    errors += e;
                    text.push_str(&t);
                }
            }
        }
        return Decoded {
            text,
            encoding: format!("{}+UTF-8", name_of(primary, bytes)),
            errors,
        };
    }

    // One legacy encoding: the declared one and chardetng's guess compete on
    // decoding errors, then on how much the result reads like Chinese.
    let mut candidates: Vec<&'static Encoding> = Vec::new();
    for enc in [declared, guessed, Some(GB18030), Some(BIG5)]
        .into_iter()
        .flatten()
    {
        if !candidates.contains(&enc) {
            candidates.push(enc);
        }
    }
    // Ranking: how Chinese the result reads (three points per common
    // function character) minus its decoding errors; then fewer errors.
    let mut best: Option<(String, usize, usize, &'static Encoding)> = None;
    let rank = |errors: usize, plausible: usize| {
        (
            plausible as i64 * 3 - errors as i64,
            std::cmp::Reverse(errors),
        )
    };
    for enc in candidates {
        let (text, errors) = decode_with(bytes, enc);
        let plausible = chinese_plausibility(&text);
        let better = match &best {
            None => true,
            Some((_, be, bp, _)) => rank(errors, plausible) > rank(*be, *bp),
        };
        if better {
            best = Some((text, errors, plausible, enc));
        }
        if errors == 0 && Some(enc) == declared && guessed.is_none_or(|g| g == enc) {
            break;
        }
    }
    let (text, errors, _, enc) = best.expect("at least one candidate encoding");
    Decoded {
        text,
        encoding: name_of(enc, bytes),
        errors,
    }
}

/// Whether some line is valid non-ASCII UTF-8 (a page mixing encodings).
fn has_utf8_lines(bytes: &[u8]) -> bool {
    bytes
        .split(|b| *b == b'\n')
        .any(|l| !l.is_ascii() && std::str::from_utf8(l).is_ok())
}

/// How many of the commonest Chinese function characters (both scripts) a
/// text contains: the right decoding of a Chinese page has many of them, a
/// wrong one almost none.
fn chinese_plausibility(s: &str) -> usize {
    static COMMON_CHARS: CharSlice = CharSlice::new("page_words.tsv", "common_chars");
    // The characters of 的是在了和有这這为為们們国國中人一不会會说說对對年月日.
    s.chars().filter(|c| COMMON_CHARS.contains(c)).count()
}

/// Reports GB18030 as `GBK` when the bytes use no four-byte GB18030 sequence
/// (the page is plain GBK/GB2312), which is what users expect to read.
fn name_of(enc: &'static Encoding, bytes: &[u8]) -> String {
    if enc == GB18030 && !has_gb18030_four_byte(bytes) {
        return "GBK".to_string();
    }
    enc.name().to_string()
}

fn has_gb18030_four_byte(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        if i + 3 < bytes.len()
            && (0x81..=0xFE).contains(&b)
            && (0x30..=0x39).contains(&bytes[i + 1])
            && (0x81..=0xFE).contains(&bytes[i + 2])
            && (0x30..=0x39).contains(&bytes[i + 3])
        {
            return true;
        }
        i += 2;
    }
    false
}

/// Share of bytes that look like binary data (NUL and C0 controls other than
/// tab/CR/LF/FF/ESC), over a prefix.
pub fn binary_ratio(bytes: &[u8]) -> f64 {
    let prefix = &bytes[..bytes.len().min(8192)];
    if prefix.is_empty() {
        return 0.0;
    }
    // Counted per chunk of 128 bytes into a byte, with comparisons and no
    // branch: a loop the compiler turns into vector instructions.
    let bad: usize = prefix
        .chunks(128)
        .map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + u8::from(is_binary_byte(b)))))
        .sum();
    bad as f64 / prefix.len() as f64
}

/// NUL or a C0 control other than tab, LF, FF, CR and ESC.
#[inline(always)]
fn is_binary_byte(b: u8) -> bool {
    (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0C) & (b != 0x1B)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrowed_decoding_agrees_with_the_copy() {
        let utf8 = "<p>外交部发言人表示欢迎。</p>".as_bytes();
        let (t, enc, errors) = decode_borrowed(utf8, None);
        assert!(matches!(t, std::borrow::Cow::Borrowed(_)));
        assert_eq!(
            (t.as_ref(), enc.as_str(), errors),
            ("<p>外交部发言人表示欢迎。</p>", "UTF-8", 0)
        );
        let (gbk, _, _) = encoding_rs::GBK.encode("<p>外交部发言人表示欢迎双方继续对话。</p>");
        let bom = [&[0xEF, 0xBB, 0xBF][..], utf8].concat();
        for bytes in [&gbk[..], &bom[..]] {
            let d = decode_hinted(bytes, None);
            let (t, enc, errors) = decode_borrowed(bytes, None);
            assert_eq!(
                (t.as_ref(), enc, errors),
                (d.text.as_str(), d.encoding, d.errors)
            );
        }
    }

    #[test]
    fn utf8_and_bom() {
        assert_eq!(decode("普京".as_bytes()).encoding, "UTF-8");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("普京".as_bytes());
        let d = decode(&b);
        assert_eq!(d.text, "普京");
    }

    #[test]
    fn gbk_declared_and_undeclared() {
        let (bytes, _, _) =
            GBK.encode("<meta charset=\"gb2312\"><p>中国外交部发言人表示，中方坚决反对。</p>");
        let d = decode(&bytes);
        assert_eq!(d.encoding, "GBK");
        assert!(d.text.contains("中方坚决反对"));
        let (bytes, _, _) =
            GBK.encode("俄罗斯总统普京与朝鲜领导人金正恩举行会晤，双方讨论了合作问题。");
        let d = decode(&bytes);
        assert!(d.text.contains("金正恩"), "{}", d.text);
    }

    #[test]
    fn big5_and_wrong_declaration() {
        let (bytes, _, _) = BIG5.encode(
            "<meta charset=\"utf-8\"><p>中央社記者報導，總統府今天表示，將持續與美國合作。</p>",
        );
        let d = decode(&bytes);
        assert_eq!(d.encoding, "Big5");
        assert!(d.text.contains("總統府"), "{}", d.text);
    }

    /// Undeclared pages: GBK and Big5 are told apart without the detector;
    /// Japanese and Korean pages still reach it and keep their encodings.
    #[test]
    fn undeclared_legacy_pages() {
        let (bytes, _, _) = BIG5.encode(
            "<p>中央社記者報導，外交部今天表示，台灣將與友邦持續合作，共同維護區域和平。</p>",
        );
        let d = decode(&bytes);
        assert_eq!(d.encoding, "Big5");
        assert!(d.text.contains("外交部今天表示"), "{}", d.text);
        let (bytes, _, _) = GBK
            .encode("<p>新华社北京电 外交部发言人今天在例行记者会上说，中方愿同各方一道努力。</p>");
        let d = decode(&bytes);
        assert_eq!(d.encoding, "GBK");
        assert!(d.text.contains("例行记者会"), "{}", d.text);
        let ja = "<p>日本政府は今日、東京で記者会見を開き、韓国との首脳会談について説明した。</p>";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(ja);
        let d = decode(&bytes);
        assert_eq!(d.encoding, "Shift_JIS");
        assert!(d.text.contains("記者会見"), "{}", d.text);
        let ko = "<p>한국 정부는 오늘 서울에서 일본과의 정상회담 결과를 발표했다.</p>";
        let (bytes, _, _) = encoding_rs::EUC_KR.encode(ko);
        let d = decode(&bytes);
        assert_eq!(d.encoding, "EUC-KR");
        assert!(d.text.contains("정상회담"), "{}", d.text);
    }

    #[test]
    fn mixed_lines() {
        let mut bytes = GBK
            .encode("<meta charset=gbk>\n<p>中国外交部发言人表示。</p>\n")
            .0
            .into_owned();
        bytes.extend_from_slice("<p>這是一段UTF-8的文字，俄羅斯。</p>\n".as_bytes());
        let d = decode(&bytes);
        assert!(d.text.contains("中国外交部"), "{}", d.text);
        assert!(d.text.contains("這是一段UTF-8的文字"), "{}", d.text);
        assert!(d.encoding.ends_with("+UTF-8"));
    }

    #[test]
    fn declared_charset_forms() {
        assert_eq!(
            declared_charset(b"<?xml version=\"1.0\" encoding=\"big5\"?>"),
            Some(BIG5)
        );
        assert_eq!(
            declared_charset(b"<meta http-equiv=Content-Type content=\"text/html; charset=GBK\">"),
            Some(GBK)
        );
        assert_eq!(declared_charset(b"<html>"), None);
    }

    #[test]
    fn truncated_utf8_stays_utf8() {
        let s = "俄罗斯总统普京与朝鲜领导人金正恩举行会晤，双方讨论了合作问题。";
        let b = &s.as_bytes()[..s.len() - 2];
        let d = decode(b);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.errors, 1);
        assert!(d.text.starts_with("俄罗斯总统普京"));
    }

    #[test]
    fn binary_detection() {
        assert!(binary_ratio(&[0u8, 1, 2, 3, 0, 0]) > 0.5);
        assert!(binary_ratio("普京\n".as_bytes()) < 0.01);
        // Counted in chunks: the same share as byte by byte, past 8 KiB too.
        let bytes: Vec<u8> = (0..9000u32).map(|i| (i * 7 % 251) as u8).collect();
        let prefix = &bytes[..8192];
        let by_byte = prefix
            .iter()
            .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)))
            .count();
        assert_eq!(binary_ratio(&bytes), by_byte as f64 / 8192.0);
    }
}
