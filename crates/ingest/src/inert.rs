//! Markup that never becomes text, removed before the HTML parser sees it:
//! comments, `<script>` (all but JSON-LD, which the metadata reader needs),
//! `<style>` and `<svg>`. On news pages these are half the bytes, and the
//! parser would tokenize them character by character and build nodes
//! that the block walker then skips (`html::SKIP`). The fast tree builder
//! skips them itself where it reads the page as it is (`tree::parse_page`,
//! which asks [`inert_end`] where a tag may start); the cut copy is made
//! for a page it leaves to the copy.

use std::borrow::Cow;

/// `t` without comments, scripts (JSON-LD kept), style sheets and SVG.
/// A construct left open at the end of the page is kept as it is (the
/// parser treats the rest of the page as its content either way).
pub fn strip(t: &str) -> Cow<'_, str> {
    let b = t.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let at = i + off;
        let end = match inert_end(b, at) {
            Some(end) => end,
            None => {
                i = at + 1;
                continue;
            }
        };
        if out.capacity() == 0 {
            out.reserve(t.len());
        }
        // `at` and `end` sit on ASCII bytes (`<`, or just past `>`), so
        // both are character boundaries.
        out.push_str(&t[copied..at]);
        copied = end;
        i = end;
    }
    if copied == 0 {
        return Cow::Borrowed(t);
    }
    out.push_str(&t[copied..]);
    Cow::Owned(out)
}

/// Where the inert construct starting at `b[at] == b'<'` ends (one past its
/// last byte), or None when none starts there or it is to be kept.
pub(crate) fn inert_end(b: &[u8], at: usize) -> Option<usize> {
    let rest = &b[at + 1..];
    // Most tags start with neither `!` nor an `s`: one byte tells.
    let first = *rest.first()?;
    if first != b'!' && first | 0x20 != b's' {
        return None;
    }
    if let Some(body) = rest.strip_prefix(b"!--") {
        // `<!-->` and `<!--->` close at once; else the first `-->` or `--!>`.
        if body.starts_with(b">") {
            return Some(at + 5);
        }
        if body.starts_with(b"->") {
            return Some(at + 6);
        }
        // The first `--` from `from` that a `>` or `!>` follows ends at
        // the first `>` that closes one: each `>` is looked for by
        // `memchr` rather than each `--` by a `memmem` searcher.
        let from = at + 4;
        let mut j = from;
        while let Some(p) = memchr(b'>', &b[j..]) {
            let q = j + p;
            if q >= from + 2 && &b[q - 2..q] == b"--" {
                return Some(q + 1);
            }
            if q >= from + 3 && &b[q - 3..q] == b"--!" {
                return Some(q + 1);
            }
            j = q + 1;
        }
        return None;
    }
    let name: &[u8] = [&b"script"[..], b"style", b"svg"]
        .into_iter()
        .find(|n| starts_with_tag(rest, n))?;
    let open_end = at + memchr(b'>', &b[at..])? + 1;
    if name == b"script" && is_ld_json(&b[at..open_end]) {
        return None;
    }
    // Raw text (script, style) ends at the first end tag; SVG may nest.
    let mut depth = 1usize;
    let mut j = open_end;
    while let Some(p) = memchr(b'<', &b[j..]) {
        let k = j + p;
        let r = &b[k + 1..];
        if r.first() == Some(&b'/') && starts_with_tag(&r[1..], name) {
            depth -= 1;
            if depth == 0 {
                return Some(k + memchr(b'>', &b[k..])? + 1);
            }
        } else if name == b"svg" && starts_with_tag(r, name) {
            depth += 1;
        }
        j = k + 1;
    }
    None
}

/// `s` starts with the tag name `name` (ASCII case-insensitive) followed by
/// the end of the name.
fn starts_with_tag(s: &[u8], name: &[u8]) -> bool {
    s.len() > name.len()
        && s[..name.len()].eq_ignore_ascii_case(name)
        && matches!(
            s[name.len()],
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>' | b'/'
        )
}

use memchr::memchr;

/// Whether `tag` holds `ld+json` (ASCII case-insensitive): looked for at
/// each `+`, which a tag seldom holds, rather than at every byte.
fn is_ld_json(tag: &[u8]) -> bool {
    memchr::memchr_iter(b'+', tag).any(|p| {
        p >= 2
            && tag[p - 2..p].eq_ignore_ascii_case(b"ld")
            && tag
                .get(p + 1..p + 5)
                .is_some_and(|j| j.eq_ignore_ascii_case(b"json"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inert_markup_goes_and_text_stays() {
        let page = "<html><head><script>var a = '<p>不是正文</p>';</script><style>p{color:red}</style><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script></head><body><!-- 注释 --><p>正文第一段。<!---->第二句。</p><svg><svg><text>图</text></svg><text>标</text></svg><SCRIPT>x()</SCRIPT ><p>结尾。</p></body></html>";
        let s = strip(page);
        assert_eq!(
            s,
            "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script></head><body><p>正文第一段。第二句。</p><p>结尾。</p></body></html>"
        );
    }

    #[test]
    fn json_ld_is_told_by_its_type_in_any_case() {
        assert!(is_ld_json(b"<script type=\"application/LD+JSON\">"));
        assert!(is_ld_json(
            b"<script data-x=\"a+b\" type='application/ld+json'>"
        ));
        assert!(!is_ld_json(b"<script type=\"text/javascript\">"));
        assert!(!is_ld_json(b"<script src=\"+json\">"));
        assert!(!is_ld_json(b"<script src=\"ld+jso\">"));
        assert_eq!(
            strip("<p>a</p><script type=\"application/Ld+Json\">{}</script>"),
            "<p>a</p><script type=\"application/Ld+Json\">{}</script>"
        );
    }

    #[test]
    fn odd_and_unclosed_constructs_are_kept_or_cut_safely() {
        assert_eq!(strip("<p>a<!-->b</p>"), "<p>ab</p>");
        assert_eq!(strip("<p>a<!-- x --!>b</p>"), "<p>ab</p>");
        // A comment ends at the first `--` that `>` or `!>` follows, past
        // any other `>`, `--` or `-!>` in it.
        let c = "<!-- <b>x</b> -- > -!> - -> --!x>";
        for (end, rest) in [("-->", "y"), ("--!>", "y-->z"), ("--->", "y")] {
            let page = format!("<p>a{c}{end}{rest}</p>");
            let want = match end {
                "--!>" => "<p>ay-->z</p>",
                _ => "<p>ay</p>",
            };
            assert_eq!(strip(&page), want, "{page}");
        }
        assert_eq!(strip("<p>a<!--->b</p>"), "<p>ab</p>");
        assert_eq!(strip("<p>a<!---->b</p>"), "<p>ab</p>");
        assert_eq!(strip("<p>a<!-- x -- >"), "<p>a<!-- x -- >");
        // Unclosed: left for the parser.
        assert_eq!(strip("<p>a</p><script>var x"), "<p>a</p><script>var x");
        assert_eq!(strip("<p>a</p><!-- open"), "<p>a</p><!-- open");
        // A longer tag name is not the tag.
        assert_eq!(strip("<scripts>a</scripts>"), "<scripts>a</scripts>");
        assert!(matches!(strip("<p>无</p>"), Cow::Borrowed(_)));
        // Never panics on a lone `<` at the end or inside multi-byte text.
        assert_eq!(strip("中文<"), "中文<");
        assert_eq!(strip("<!--"), "<!--");
    }
}
