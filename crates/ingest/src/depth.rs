//! A nesting budget checked before an HTML page is parsed.
//!
//! The HTML tree builder scans the stack of open elements at every block
//! start tag (the spec's "has a p element in button scope"), so a page
//! nested N levels deep costs N² steps: 32,000 nested `<div>`s took seconds.
//! Real pages nest well under 200 levels; a page deeper than [`MAX_DEPTH`]
//! is rejected with its depth before anything parses it.

/// Deepest nesting of explicitly closed containers a page may have.
pub const MAX_DEPTH: usize = 2_000;

/// Containers whose end tag pages write (unlike `li` or `p`, which close
/// themselves), so their start and end tags balance on real pages.
const CONTAINERS: &[&[u8]] = &[
    b"div",
    b"section",
    b"article",
    b"ul",
    b"ol",
    b"table",
    b"blockquote",
    b"span",
];

/// The deepest nesting of [`CONTAINERS`] counted from their start and end
/// tags (one pass over the bytes, no parsing).
pub fn max_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = memchr_lt(&b[i..]) {
        i += off + 1;
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let mut end = start;
        while end < b.len() && b[end].is_ascii_alphanumeric() {
            end += 1;
        }
        let name = &b[start..end];
        if name.is_empty() || !CONTAINERS.iter().any(|c| c.eq_ignore_ascii_case(name)) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            max = max.max(depth);
        }
        i = end;
    }
    max
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    memchr::memchr(b'<', b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_of_balanced_and_nested_pages() {
        assert_eq!(max_depth("<html><body><p>无</p></body></html>"), 0);
        assert_eq!(
            max_depth("<div><DIV class=a><span>x</span></DIV><div></div></div>"),
            3
        );
        assert_eq!(max_depth("<divx><dividend></dividend></divx>"), 0);
        let deep = format!("{}中文{}", "<div>".repeat(5000), "</div>".repeat(5000));
        assert_eq!(max_depth(&deep), 5000);
        let wide = "<div><p>段落</p></div>".repeat(5000);
        assert_eq!(max_depth(&wide), 1);
    }
}
