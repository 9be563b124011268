//! Markup the extractor never reads, cut before the HTML parser sees a
//! page (after `inert::strip`): attributes other than those in [`KEEP`]
//! (`onclick`, `srcset`, `data-*`, `alt`, an `<a>`'s `href`… are
//! third of a news page's markup, and html5ever reads attribute names one
//! character at a time and stores every attribute), and runs of white space
//! between two tags, which become one space (html5ever hands every newline
//! to the tree builder on its own).
//!
//! Neither changes the tree the extractor reads: a start tag keeps its
//! name, the attributes the extractor or the tree builder look at (in their
//! order, so the first of two duplicates still wins) and its self-closing
//! slash; a text node of white space stays a text node of white space
//! (blocks, titles and headlines collapse white space, and the tree builder
//! treats every run of white space alike). The scan follows html5ever's
//! tokenizer states for tags, and skips the content of elements whose text
//! is raw (`<script>`, `<title>`, `<textarea>`…) unchanged. Anything it does
//! not follow for certain (an unclosed tag or comment, `<svg>`/`<math>`
//! content, `<plaintext>`, `<!--` inside raw text) ends the pruning: the
//! rest of the page is copied as it is.

use std::borrow::Cow;

use memchr::memchr;

/// Attributes kept, each on every element, on one, or on the elements
/// whose box attributes are read ([`On::Boxes`]): every attribute
/// `html.rs` and `page.rs` read or match selectors on (a test checks the
/// sources' names; the element is the one their reader looks at: `href` of
/// the canonical `<link>`, `content` of `<meta>`…), and those the tree
/// builder looks at (`type` of `<input>`, `color`/`face`/`size` of
/// `<font>`, `encoding` of MathML's `annotation-xml`).
pub const KEEP: &[(&str, On)] = &[
    ("itemprop", On::Every),
    ("type", On::Every),
    // Read on block elements only (the block walker's flags, the
    // container bonus of `div`/`section`/`td`, the class of a block's
    // ancestors).
    ("class", On::Boxes),
    ("id", On::Boxes),
    // Hidden elements are not read (`html::is_hidden`).
    ("hidden", On::Boxes),
    ("style", On::Boxes),
    ("content", On::Only("meta")),
    ("name", On::Only("meta")),
    ("property", On::Only("meta")),
    ("charset", On::Only("meta")),
    ("http-equiv", On::Only("meta")),
    ("href", On::Only("link")),
    ("rel", On::Only("link")),
    ("datetime", On::Only("time")),
    ("pudate", On::Only("time")),
    ("lang", On::Only("html")),
    ("encoding", On::Every),
    ("color", On::Every),
    ("face", On::Every),
    ("size", On::Every),
];

/// Which elements an attribute of [`KEEP`] is kept on.
#[derive(Clone, Copy)]
pub enum On {
    Every,
    /// The element of this (lower-case) name.
    Only(&'static str),
    /// The block elements of `html::BLOCK`, whose class, id and style the
    /// readers look at, and the formatting elements of the tree builder
    /// ([`FORMATTING`]), whose attributes it compares (the "Noah's Ark"
    /// rule of the active formatting elements): on any other element the
    /// tree is built alike without them.
    Boxes,
}

/// The tree builder's formatting elements.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// The longest attribute name of [`KEEP`] (a test checks).
const LONGEST_KEPT: usize = 16;

/// For each first letter and length of an attribute name, the entries
/// of [`KEEP`] of that shape: bit `i` is `KEEP[i]` (most names, `src`,
/// `alt`, `width`, `data-…`, have none, and are turned down by one load).
const KEEP_SHAPES: [u32; 26 * (LONGEST_KEPT + 1)] = {
    assert!(KEEP.len() <= 32);
    let mut t = [0u32; 26 * (LONGEST_KEPT + 1)];
    let mut i = 0;
    while i < KEEP.len() {
        let n = KEEP[i].0.as_bytes();
        assert!(n[0].is_ascii_lowercase() && n.len() <= LONGEST_KEPT);
        t[(n[0] - b'a') as usize * (LONGEST_KEPT + 1) + n.len()] |= 1 << i;
        i += 1;
    }
    t
};

/// Where the attribute named `n` (as printed) is kept, if anywhere: the
/// entries of its shape ([`KEEP_SHAPES`]) compared case-blind, rather
/// than every entry.
pub(crate) fn keep_rule(n: &[u8]) -> Option<On> {
    keep_entry(n).map(|(_, on)| on)
}

/// The entry of [`KEEP`] of the attribute named `n` (as printed): its
/// lower-case name and where it is kept ([`keep_rule`]).
pub(crate) fn keep_entry(n: &[u8]) -> Option<(&'static str, On)> {
    keep_index(n).map(|i| KEEP[i])
}

/// The index in [`KEEP`] of the attribute named `n` (as printed), if it
/// is listed ([`keep_entry`]).
pub(crate) fn keep_index(n: &[u8]) -> Option<usize> {
    let first = n.first()?.to_ascii_lowercase();
    if n.len() > LONGEST_KEPT || !first.is_ascii_lowercase() {
        return None;
    }
    let mut names = KEEP_SHAPES[(first - b'a') as usize * (LONGEST_KEPT + 1) + n.len()];
    while names != 0 {
        let i = names.trailing_zeros() as usize;
        if same_name(KEEP[i].0.as_bytes(), n) {
            return Some(i);
        }
        names &= names - 1;
    }
    None
}

/// The names of [`KEEP`] as two little-endian words of their bytes (zero
/// past the name), for [`keep_index_in`].
const KEEP_WORDS: [(u64, u64); KEEP.len()] = {
    let mut t = [(0u64, 0u64); KEEP.len()];
    let mut i = 0;
    while i < KEEP.len() {
        let n = KEEP[i].0.as_bytes();
        let mut j = 0;
        while j < n.len() {
            if j < 8 {
                t[i].0 |= (n[j] as u64) << (8 * j);
            } else {
                t[i].1 |= (n[j] as u64) << (8 * (j - 8));
            }
            j += 1;
        }
        i += 1;
    }
    t
};

/// The low `n` bytes of `w` (`n` at most 8).
#[inline(always)]
fn low_bytes(w: u64, n: usize) -> u64 {
    if n >= 8 {
        w
    } else {
        w & ((1u64 << (8 * n)) - 1)
    }
}

/// [`keep_entry`] of the name `b[at..at + len]` ([`keep_index_in`]).
#[cfg(test)]
pub(crate) fn keep_entry_in(b: &[u8], at: usize, len: usize) -> Option<(&'static str, On)> {
    keep_index_in(b, at, len).map(|i| KEEP[i])
}

/// [`keep_index`] of the name `b[at..at + len]`, read as two words where
/// `b` holds 16 bytes from `at` ([`keep_index_words`]).
#[inline]
pub(crate) fn keep_index_in(b: &[u8], at: usize, len: usize) -> Option<usize> {
    match (b.get(at..at + 8), b.get(at + 8..at + 16)) {
        (Some(lo), Some(hi)) => keep_index_words(word(lo), word(hi), &b[at..at + len]),
        _ => keep_index(&b[at..at + len]),
    }
}

/// The eight bytes `w` as a little-endian word.
#[inline(always)]
fn word(w: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(w);
    u64::from_le_bytes(a)
}

/// [`keep_index`] of the name `n` whose first sixteen bytes (those past
/// its end are any) are the little-endian words `lo` and `hi`, read by
/// the caller (`hi` may be anything when `n` has at most 8): a name
/// printed as `KEEP` lists it (lower case) is found by comparing the
/// words, any other by [`keep_index`].
#[inline(always)]
pub(crate) fn keep_index_words(lo: u64, hi: u64, n: &[u8]) -> Option<usize> {
    let len = n.len();
    let first = lo as u8;
    if !(1..=LONGEST_KEPT).contains(&len) || !first.is_ascii_lowercase() {
        return keep_index(n);
    }
    let mut names = KEEP_SHAPES[(first - b'a') as usize * (LONGEST_KEPT + 1) + len];
    if names == 0 {
        return None;
    }
    let word = (low_bytes(lo, len), low_bytes(hi, len.saturating_sub(8)));
    while names != 0 {
        let i = names.trailing_zeros() as usize;
        if KEEP_WORDS[i] == word {
            return Some(i);
        }
        names &= names - 1;
    }
    keep_index(n)
}

/// Whether `n` is the name `k` of [`KEEP`] (lower-case letters and `-`,
/// of the same length) in any case: a byte differs from `k`'s only by
/// the case bit, and only where `k` has a letter. One pass without a
/// branch per byte, rather than both sides lower-cased byte by byte.
#[inline(always)]
fn same_name(k: &[u8], n: &[u8]) -> bool {
    k.len() == n.len()
        && k.iter().zip(n).fold(0u8, |bad, (&k, &c)| {
            let d = k ^ c;
            bad | (d & !0x20) | (d & !(k.is_ascii_lowercase() as u8 * 0x20))
        }) == 0
}

/// Whether `prune` keeps the attribute `attr` on an element `tag` (both
/// lower-case): the same rule, for the fast tree builder, which reads
/// pages unpruned and drops the attributes itself.
pub(crate) fn kept(tag: &str, attr: &str) -> bool {
    match keep_rule(attr.as_bytes()) {
        None => false,
        Some(On::Every) => true,
        Some(On::Only(e)) => e == tag,
        Some(On::Boxes) => is_box(tag.as_bytes()),
    }
}

/// The entries of [`KEEP`] kept on an element named `tag` (lower case):
/// bit `i` is `KEEP[i]`, the rule of [`kept`] for each, asked once per
/// element name by the fast tree builder (`tree::lex`'s cache).
pub(crate) fn kept_mask(tag: &str) -> u32 {
    let mut m = KEPT_EVERYWHERE;
    if is_box(tag.as_bytes()) {
        m |= KEPT_ON_BOXES;
    }
    for (i, (_, on)) in KEEP.iter().enumerate() {
        if matches!(on, On::Only(e) if *e == tag) {
            m |= 1 << i;
        }
    }
    m
}

/// The entries of [`KEEP`] of a rule (`On::Every` or `On::Boxes`,
/// told by `boxes`), as bits.
const fn keep_bits(boxes: bool) -> u32 {
    let mut m = 0;
    let mut i = 0;
    while i < KEEP.len() {
        if let (On::Every, false) | (On::Boxes, true) = (KEEP[i].1, boxes) {
            m |= 1 << i;
        }
        i += 1;
    }
    m
}

/// The entries of [`KEEP`] kept on every element.
const KEPT_EVERYWHERE: u32 = keep_bits(false);
/// The entries of [`KEEP`] kept on the elements of [`On::Boxes`].
const KEPT_ON_BOXES: u32 = keep_bits(true);

/// The longest name of a block or formatting element (a test checks).
const LONGEST_BOX: usize = 10;

/// Where names of `len` bytes starting with the letter `c` are listed in
/// [`BOX_SHAPES`].
const fn shape(c: u8, len: usize) -> usize {
    (c - b'a') as usize * (LONGEST_BOX + 1) + len
}

/// The first bit of [`FORMATTING`]'s names in [`BOX_SHAPES`].
const FORMATTING_BIT: usize = 48;

/// For each first letter and length, the elements of [`On::Boxes`] of
/// that shape: bit `i` is `html::BLOCK[i]`, bit `FORMATTING_BIT + i`
/// is `FORMATTING[i]` (a handful of names at most, so a look-up compares
/// few names and hashes nothing).
const BOX_SHAPES: [u64; 26 * (LONGEST_BOX + 1)] = {
    use crate::html::BLOCK;
    assert!(BLOCK.len() <= FORMATTING_BIT && FORMATTING.len() <= 64 - FORMATTING_BIT);
    let mut t = [0u64; 26 * (LONGEST_BOX + 1)];
    let mut i = 0;
    while i < BLOCK.len() + FORMATTING.len() {
        let (n, bit) = if i < BLOCK.len() {
            (BLOCK[i].as_bytes(), i)
        } else {
            let j = i - BLOCK.len();
            (FORMATTING[j].as_bytes(), FORMATTING_BIT + j)
        };
        assert!(n[0].is_ascii_lowercase() && n.len() <= LONGEST_BOX);
        t[shape(n[0], n.len())] |= 1 << bit;
        i += 1;
    }
    t
};

/// Whether a tag named `name` (as printed) is one of [`On::Boxes`]: one
/// lower-cased copy, compared with the listed names of its shape.
pub(crate) fn is_box(name: &[u8]) -> bool {
    if name.is_empty() || name.len() > LONGEST_BOX {
        return false;
    }
    let mut buf = [0u8; LONGEST_BOX];
    let low = &mut buf[..name.len()];
    low.copy_from_slice(name);
    low.make_ascii_lowercase();
    if !low[0].is_ascii_lowercase() {
        return false;
    }
    let mut names = BOX_SHAPES[shape(low[0], low.len())];
    while names != 0 {
        let bit = names.trailing_zeros() as usize;
        let listed = match bit.checked_sub(FORMATTING_BIT) {
            Some(j) => FORMATTING[j],
            None => crate::html::BLOCK[bit],
        };
        if listed.as_bytes() == &*low {
            return true;
        }
        names &= names - 1;
    }
    false
}

/// Elements whose content the tokenizer reads as raw text (RAWTEXT,
/// RCDATA, script data: html5ever parses with scripting on, so
/// `<noscript>` is raw text too).
const RAW: &[&[u8]] = &[
    b"script",
    b"style",
    b"title",
    b"textarea",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"noscript",
];

/// `t` with unread attributes and white space between tags cut.
pub fn prune(t: &str) -> Cow<'_, str> {
    let mut p = Pruner {
        t,
        b: t.as_bytes(),
        out: String::new(),
        copied: 0,
        keep_ws: false,
        attrs: Vec::new(),
        kept: Vec::new(),
    };
    p.run();
    if p.out.capacity() == 0 {
        return Cow::Borrowed(t);
    }
    p.out.push_str(&t[p.copied..]);
    Cow::Owned(p.out)
}

struct Pruner<'a> {
    t: &'a str,
    b: &'a [u8],
    out: String,
    /// `t[..copied]` is accounted for in `out`. Every position cut at is
    /// an ASCII byte (markup) or just past one, so a character boundary.
    copied: usize,
    /// The last tag read opens `<pre>` or `<listing>`, whose first newline
    /// the tree builder drops: the white space after it stays as it is.
    keep_ws: bool,
    /// The attributes of the tag being read.
    attrs: Vec<Attr>,
    /// Whether each of them is kept.
    kept: Vec<bool>,
}

/// One attribute of a start tag: the bytes from its name to the end of
/// its value, and its name.
#[derive(Clone, Copy)]
struct Attr {
    start: usize,
    name_end: usize,
    end: usize,
}

/// A tag as html5ever's tokenizer reads it.
struct Tag {
    /// One past the `>`.
    end: usize,
    name_end: usize,
    self_closing: bool,
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

impl Pruner<'_> {
    /// Copies what is left of `t` before `from` and skips to `to`.
    fn cut(&mut self, from: usize, to: usize) {
        if self.out.capacity() == 0 {
            self.out.reserve(self.t.len());
        }
        self.out.push_str(&self.t[self.copied..from]);
        self.copied = to;
    }

    fn run(&mut self) {
        let b = self.b;
        let mut i = 0;
        while let Some(off) = memchr(b'<', &b[i..]) {
            let at = i + off;
            let next = match b.get(at + 1) {
                Some(c) if c.is_ascii_alphabetic() => self.start_tag(at),
                Some(b'/') => self.end_tag(at),
                Some(b'!') => bang(b, at),
                Some(b'?') => memchr(b'>', &b[at..]).map(|p| at + p + 1),
                _ => Some(at + 1),
            };
            let Some(next) = next else {
                return;
            };
            i = next;
            if b[next - 1] == b'>' && !std::mem::take(&mut self.keep_ws) {
                self.squeeze_ws(next);
            }
        }
    }

    /// White space alone from `from` to the next `<`, other than one
    /// space, becomes one space.
    fn squeeze_ws(&mut self, from: usize) {
        let b = self.b;
        let mut k = from;
        while k < b.len() && is_ws(b[k]) {
            k += 1;
        }
        if k < b.len() && b[k] == b'<' && k > from && !(k == from + 1 && b[from] == b' ') {
            self.cut(from, k);
            self.out.push(' ');
        }
    }

    /// A start tag at `b[at] == '<'` followed by a letter: its unread
    /// attributes cut; raw text after it skipped. Where to go on from, or
    /// None to stop pruning.
    fn start_tag(&mut self, at: usize) -> Option<usize> {
        let b = self.b;
        let mut attrs = std::mem::take(&mut self.attrs);
        let tag = read_tag(b, at, &mut attrs);
        let next = tag.and_then(|tag| self.rewrite(at, &tag, &attrs));
        self.attrs = attrs;
        next
    }

    fn rewrite(&mut self, at: usize, tag: &Tag, attrs: &[Attr]) -> Option<usize> {
        let b = self.b;
        let name = &b[at + 1..tag.name_end];
        if name.eq_ignore_ascii_case(b"svg")
            || name.eq_ignore_ascii_case(b"math")
            || name.eq_ignore_ascii_case(b"plaintext")
        {
            return None;
        }
        self.keep_ws = name.eq_ignore_ascii_case(b"pre") || name.eq_ignore_ascii_case(b"listing");
        // Whether the tag is one of `On::Boxes`, asked once and only if an
        // attribute kept there is found.
        let boxy = std::cell::OnceCell::new();
        let mut kept = std::mem::take(&mut self.kept);
        kept.clear();
        kept.extend(
            attrs
                .iter()
                .map(|a| match keep_rule(&b[a.start..a.name_end]) {
                    None => false,
                    Some(On::Every) => true,
                    Some(On::Only(e)) => e.as_bytes().eq_ignore_ascii_case(name),
                    Some(On::Boxes) => *boxy.get_or_init(|| is_box(name)),
                }),
        );
        if !kept.iter().all(|k| *k) {
            self.cut(at, tag.end);
            let t = self.t;
            self.out.push_str(&t[at..tag.name_end]);
            for (a, _) in attrs.iter().zip(&kept).filter(|(_, k)| **k) {
                self.out.push(' ');
                self.out.push_str(&t[a.start..a.end]);
            }
            if tag.self_closing {
                // After an unquoted value the slash would join the value
                // (`type=text/>` reads `text/`).
                if kept.iter().any(|k| *k) {
                    self.out.push(' ');
                }
                self.out.push('/');
            }
            self.out.push('>');
        }
        self.kept = kept;
        match RAW.iter().find(|r| name.eq_ignore_ascii_case(r)) {
            Some(raw) => raw_end(b, tag.end, raw),
            None => Some(tag.end),
        }
    }

    /// `</…` at `at`: an end tag (read like a start tag), `</>` (nothing),
    /// or a bogus comment up to the next `>`.
    fn end_tag(&mut self, at: usize) -> Option<usize> {
        let b = self.b;
        match b.get(at + 2) {
            Some(c) if c.is_ascii_alphabetic() => {
                read_tag(b, at + 1, &mut self.attrs).map(|t| t.end)
            }
            Some(b'>') => Some(at + 3),
            Some(_) => memchr(b'>', &b[at..]).map(|p| at + p + 1),
            None => None,
        }
    }
}

/// `<!…` at `at`: a comment left by `inert::strip` (one it could not close)
/// or a CDATA section stops the pruning; a doctype or bogus comment ends at
/// the next `>`.
fn bang(b: &[u8], at: usize) -> Option<usize> {
    if b[at + 2..].starts_with(b"--") || b[at + 2..].starts_with(b"[") {
        return None;
    }
    memchr(b'>', &b[at..]).map(|p| at + p + 1)
}

/// Where the raw text that starts at `from` ends: just before `</name`
/// followed by the end of the name. None (stop) when it never ends, or
/// when it holds `<!--` (script data's escaped states).
fn raw_end(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut j = from;
    loop {
        let k = j + memchr(b'<', &b[j..])?;
        let r = &b[k + 1..];
        if r.starts_with(b"!--") {
            return None;
        }
        if r.first() == Some(&b'/')
            && r.len() > name.len() + 1
            && r[1..=name.len()].eq_ignore_ascii_case(name)
            && (is_ws(r[name.len() + 1]) || matches!(r[name.len() + 1], b'/' | b'>'))
        {
            return Some(k);
        }
        j = k + 1;
    }
}

/// Reads the tag whose name starts at `b[at + 1]` (a letter) the way
/// html5ever's tokenizer does (tag name; before and after an attribute's
/// name; its value, quoted or not; self-closing), collecting its
/// attributes in `attrs`. None when the page ends inside the tag.
fn read_tag(b: &[u8], at: usize, attrs: &mut Vec<Attr>) -> Option<Tag> {
    attrs.clear();
    let n = b.len();
    let ends_name = |c: u8| is_ws(c) || c == b'/' || c == b'>';
    let mut i = at + 1;
    while i < n && !ends_name(b[i]) {
        i += 1;
    }
    let name_end = i;
    // Before an attribute's name.
    loop {
        let c = *b.get(i)?;
        if is_ws(c) {
            i += 1;
            continue;
        }
        if c == b'>' {
            return Some(Tag {
                end: i + 1,
                name_end,
                self_closing: false,
            });
        }
        if c == b'/' {
            i += 1;
            if *b.get(i)? == b'>' {
                return Some(Tag {
                    end: i + 1,
                    name_end,
                    self_closing: true,
                });
            }
            continue;
        }
        // The name: its first character whatever it is (even `=`).
        let start = i;
        i += 1;
        while i < n && !ends_name(b[i]) && b[i] != b'=' {
            i += 1;
        }
        let name_end = i;
        while i < n && is_ws(b[i]) {
            i += 1;
        }
        if *b.get(i)? != b'=' {
            attrs.push(Attr {
                start,
                name_end,
                end: name_end,
            });
            continue;
        }
        i += 1;
        while i < n && is_ws(b[i]) {
            i += 1;
        }
        let end = match *b.get(i)? {
            q @ (b'"' | b'\'') => i + 1 + memchr(q, &b[i + 1..])? + 1,
            b'>' => i,
            _ => {
                while i < n && !is_ws(b[i]) && b[i] != b'>' {
                    i += 1;
                }
                if i == n {
                    return None;
                }
                i
            }
        };
        attrs.push(Attr {
            start,
            name_end,
            end,
        });
        i = end;
    }
}

#[cfg(test)]
mod tests;
