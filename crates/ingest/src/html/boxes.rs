//! What a block element's `class`, `id`, `style` and `hidden` say about
//! its box: boilerplate, a caption, an author box, a machine-written
//! summary, hidden. The class and id are read in one pass over their
//! bytes, every fact at once.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::BoxAttrs;
use crate::dom::{Dom, NodeId};

/// Class/id tokens that mark boilerplate containers.
pub(super) const NOISE_TOKENS: &[&str] = &[
    "nav",
    "navbar",
    "menu",
    "footer",
    "foot",
    "sidebar",
    "side",
    "aside",
    "related",
    "relate",
    "recommend",
    "recom",
    "hot",
    "hotnews",
    "rank",
    "ranking",
    "comment",
    "comments",
    "share",
    "social",
    "breadcrumb",
    "crumb",
    "crumbs",
    "copyright",
    "ad",
    "ads",
    "advert",
    "banner",
    "tags",
    "pagination",
    "pager",
    "subscribe",
    "login",
    "toolbar",
    "widget",
    "popup",
    "modal",
    "caption",
    "pic_desc",
    "img_desc",
    "more",
    "extend",
    "readmore",
    "topbar",
    "header",
    "tweet",
    "twitter",
    "instagram",
    "fb",
    "tiktok",
];

/// Class/id tokens that mark a caption.
pub(super) const CAPTION_TOKENS: &[&str] = &["caption", "pic_desc", "img_desc"];

/// The longest token [`token_marks`] can match.
const MAX_TOKEN: usize = 10;

/// The facts of the `class` values read so far on a page, by value: a
/// page repeats its classes (every item of a list, every paragraph of
/// the story), read once each. An `id` is read each time (ids are
/// mostly unique).
#[derive(Default)]
pub(super) struct FactsCache<'d>(FxHashMap<&'d str, ClassFacts>);

impl<'d> FactsCache<'d> {
    /// A cache with room for the classes of most pages (a hundred or
    /// two): no rehash as it fills.
    pub fn for_page() -> Self {
        FactsCache(FxHashMap::with_capacity_and_hasher(256, Default::default()))
    }

    /// What the class and id of a box say.
    pub fn facts(&mut self, a: &BoxAttrs<'d>) -> ClassFacts {
        let mut f = ClassFacts::default();
        if let Some(class) = a.class {
            f = *self.0.entry(class).or_insert_with(|| {
                let mut g = ClassFacts::default();
                g.add(class);
                g
            });
        }
        if let Some(id) = a.id {
            f.add(id);
        }
        f
    }
}

impl BoxAttrs<'_> {
    /// Whether the element is hidden on the page (`hidden`, or an inline
    /// `display: none`): menus and tabs a script may open, never the story
    /// on show (a page whose every prose block is hidden is judged again
    /// on prose alone, see `page::extract`).
    pub fn is_hidden(&self) -> bool {
        self.hidden || self.style.is_some_and(has_display_none)
    }
}

/// Whether a `style` value, white space removed and ASCII lower-cased,
/// holds `display:none`: compared as it is read, without a copy (the
/// pattern has no prefix that is also its suffix, so a mismatch restarts
/// the match at the character read).
fn has_display_none(v: &str) -> bool {
    const WANT: &[u8] = b"display:none";
    let mut k = 0;
    for c in v.chars().filter(|c| !c.is_whitespace()) {
        let c = c.to_ascii_lowercase();
        if c == char::from(WANT[k]) {
            k += 1;
            if k == WANT.len() {
                return true;
            }
        } else {
            k = usize::from(c == char::from(WANT[0]));
        }
    }
    false
}

/// What a `class`/`id` value says: a token that marks boilerplate or a
/// caption, a part that names an author or byline box, or a box written
/// by a machine.
#[derive(Default, Clone, Copy, Debug, PartialEq)]
pub(super) struct ClassFacts {
    /// A token is one of [`NOISE_TOKENS`] (any case).
    pub noise: bool,
    /// A token is one of [`CAPTION_TOKENS`] (any case).
    pub caption: bool,
    /// `author` or `byline` (any case) inside a token
    /// (`c-mainBlock__authorName`).
    pub author: bool,
    /// A part `ai` between separators, or `ai` before a capital that
    /// starts a word (`ai_area`, `ai-summary`, `aiSummary`).
    pub ai: bool,
}

/// Bits of [`token_marks`].
const NOISE: u8 = 1;
const CAPTION: u8 = 2;

/// For each token length, the first letters (bit `c - b'a'`) of the
/// listed tokens of that length: most tokens are rejected by it, before
/// any copy or hash.
const FIRST_LETTERS: [u32; MAX_TOKEN + 1] = {
    let mut t = [0u32; MAX_TOKEN + 1];
    let lists: [&[&str]; 2] = [NOISE_TOKENS, CAPTION_TOKENS];
    let mut l = 0;
    while l < lists.len() {
        let mut k = 0;
        while k < lists[l].len() {
            let w = lists[l][k].as_bytes();
            // A word not led by a lower-case letter lets every token of
            // its length through.
            t[w.len()] |= if w[0].is_ascii_lowercase() {
                1 << (w[0] - b'a')
            } else {
                u32::MAX
            };
            k += 1;
        }
        l += 1;
    }
    t
};

/// The marks of a token lower-cased ([`NOISE`], [`CAPTION`]), 0 for none.
fn token_marks(tok: &[u8]) -> u8 {
    static MARKS: LazyLock<FxHashMap<&'static [u8], u8>> = LazyLock::new(|| {
        let mut m: FxHashMap<&'static [u8], u8> = FxHashMap::default();
        for w in NOISE_TOKENS {
            *m.entry(w.as_bytes()).or_default() |= NOISE;
        }
        for w in CAPTION_TOKENS {
            *m.entry(w.as_bytes()).or_default() |= CAPTION;
        }
        m
    });
    if tok.len() > MAX_TOKEN || tok.len() < 2 {
        return 0;
    }
    let first = tok[0] | 0x20;
    let bit = if first.is_ascii_lowercase() {
        1 << (first - b'a')
    } else {
        u32::MAX
    };
    if FIRST_LETTERS[tok.len()] & bit == 0 {
        return 0;
    }
    let mut buf = [0u8; MAX_TOKEN];
    for (d, c) in buf.iter_mut().zip(tok) {
        *d = c.to_ascii_lowercase();
    }
    MARKS.get(&buf[..tok.len()]).copied().unwrap_or(0)
}

/// Bytes of a class/id value by what [`ClassFacts::add`] does with them.
const SEP: u8 = 0;
/// An ASCII letter or digit, or `_`, other than those of [`AB`].
const PLAIN: u8 = 1;
/// `a`, `A`, `b`, `B`: where `author`, `byline` and an `ai` part start.
const AB: u8 = 2;

/// [`SEP`], [`PLAIN`] or [`AB`] by byte.
const BYTE_KIND: [u8; 256] = {
    let mut t = [SEP; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if matches!(b, b'a' | b'A' | b'b' | b'B') {
            t[c] = AB;
        } else if b.is_ascii_alphanumeric() || b == b'_' {
            t[c] = PLAIN;
        }
        c += 1;
    }
    t
};

impl ClassFacts {
    /// Adds what the value `v` says. Tokens are runs of ASCII letters,
    /// digits and `_` (every byte of a non-ASCII character separates, as
    /// the character itself would); the `ai` parts are the runs of letters
    /// and digits; `author`/`byline` has neither `_` nor a digit, so it
    /// lies inside one token. One pass: the author and `ai` questions are
    /// asked only where an `a` or `b` (any case) stands.
    pub fn add(&mut self, v: &str) {
        let b = v.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if BYTE_KIND[usize::from(b[i])] == SEP {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() {
                match BYTE_KIND[usize::from(b[i])] {
                    SEP => break,
                    AB => self.add_at(b, i),
                    _ => {}
                }
                i += 1;
            }
            let marks = token_marks(&b[start..i]);
            self.noise |= marks & NOISE != 0;
            self.caption |= marks & CAPTION != 0;
        }
    }

    /// What the `a` or `b` at byte `k` of `b` starts: `author`, `byline`
    /// (any case), or a part `ai` (at the value's start or after a byte
    /// other than a letter or digit; the part ends there, or goes on with
    /// a capital and a small letter).
    fn add_at(&mut self, b: &[u8], k: usize) {
        let rest = &b[k..];
        if !self.author && rest.len() >= 6 {
            let w = &rest[..6];
            self.author = w.eq_ignore_ascii_case(b"author") || w.eq_ignore_ascii_case(b"byline");
        }
        if !self.ai
            && rest.len() >= 2
            && rest[..2].eq_ignore_ascii_case(b"ai")
            && (k == 0 || !b[k - 1].is_ascii_alphanumeric())
        {
            self.ai = match rest.get(2) {
                None => true,
                Some(c) if !c.is_ascii_alphanumeric() => true,
                Some(c) => {
                    c.is_ascii_uppercase() && rest.get(3).is_some_and(u8::is_ascii_lowercase)
                }
            };
        }
    }
}

/// Whether the element is `<body>`'s child, or the only element inside a
/// chain of wrappers that is (a crawler's `<text url=…>` record around a
/// saved page, a layout `<div>` holding nothing but the form).
pub(super) fn wraps_page(dom: &Dom, node: NodeId) -> bool {
    let mut node = node;
    for _ in 0..4 {
        let Some(parent) = dom.parent(node) else {
            return false;
        };
        if dom
            .name(parent)
            .is_some_and(|n| n.eq_ignore_ascii_case("body"))
        {
            return true;
        }
        if dom
            .children(parent)
            .any(|c| dom.element(c).is_some() && c != node)
        {
            return false;
        }
        node = parent;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_bytes_by_table_as_by_class() {
        for c in 0..=255u8 {
            assert_eq!(
                BYTE_KIND[usize::from(c)] != SEP,
                c.is_ascii_alphanumeric() || c == b'_',
                "{c}"
            );
            assert_eq!(
                BYTE_KIND[usize::from(c)] == AB,
                matches!(c.to_ascii_lowercase(), b'a' | b'b'),
                "{c}"
            );
        }
    }

    /// The facts as the walker read them before, one question a pass.
    fn by_passes(v: &str) -> ClassFacts {
        let tokens = || {
            v.as_bytes()
                .split(|c| !c.is_ascii_alphanumeric() && *c != b'_')
                .filter(|t| !t.is_empty())
        };
        let in_words =
            |words: &[&str], t: &[u8]| words.iter().any(|w| w.as_bytes().eq_ignore_ascii_case(t));
        ClassFacts {
            noise: tokens().any(|t| in_words(NOISE_TOKENS, t)),
            caption: tokens().any(|t| in_words(CAPTION_TOKENS, t)),
            author: v
                .as_bytes()
                .windows(6)
                .any(|w| w.eq_ignore_ascii_case(b"author") || w.eq_ignore_ascii_case(b"byline")),
            ai: v.split(|c: char| !c.is_ascii_alphanumeric()).any(|part| {
                let b = part.as_bytes();
                part.eq_ignore_ascii_case("ai")
                    || (b.len() >= 4
                        && b[..2].eq_ignore_ascii_case(b"ai")
                        && b[2].is_ascii_uppercase()
                        && b[3].is_ascii_lowercase())
            }),
        }
    }

    #[test]
    fn one_pass_reads_as_one_question_a_pass() {
        let cases = [
            "main-NavBar x",
            "c-mainBlock__AuthorName",
            "news-BYLINE",
            "auth bylin autho",
            "ai_area",
            "ai-summary",
            "aiSummary",
            "aid maiden Aix aiS",
            "pic_desc",
            "IMG_DESC left",
            "photo caption-text",
            "navigation_menu_of_the_page_top",
            "文章 nav正文 hot",
            "",
            "___",
            "x_ai_y",
            "authorbyline",
            "x_aiSum _ai AI_ a_b_ai",
            "aI",
            "b_AiXy",
            "_",
            "ai",
            "x-AI",
            "ai9 aiS aiSb",
            "xbyline_x AUTHOR",
            "a b ab ba",
        ];
        for c in cases {
            let mut f = ClassFacts::default();
            f.add(c);
            assert_eq!(f, by_passes(c), "{c:?}");
        }
        for w in NOISE_TOKENS.iter().chain(CAPTION_TOKENS) {
            assert!(
                (2..=MAX_TOKEN).contains(&w.len()) && !w.bytes().any(|c| c.is_ascii_uppercase()),
                "{w}"
            );
            let mut f = ClassFacts::default();
            f.add(&w.to_ascii_uppercase());
            assert_eq!(f, by_passes(w), "{w}");
        }
    }

    /// Every value of up to five bytes from letters, digits and
    /// separators that the `ai` and author questions turn on.
    #[test]
    fn short_values_read_as_one_question_a_pass() {
        const ALPHABET: &[u8] = b"aAiIbSu1_- ";
        let mut v = Vec::new();
        for len in 0..=5u32 {
            for mut n in 0..ALPHABET.len().pow(len) {
                v.clear();
                for _ in 0..len {
                    v.push(ALPHABET[n % ALPHABET.len()]);
                    n /= ALPHABET.len();
                }
                let v = std::str::from_utf8(&v).unwrap();
                let mut f = ClassFacts::default();
                f.add(v);
                assert_eq!(f, by_passes(v), "{v:?}");
            }
        }
    }

    #[test]
    fn display_none_in_a_style() {
        for (style, hidden) in [
            ("display:none", true),
            ("color: red; DISPLAY : None ;", true),
            ("display:\u{3000}none", true),
            ("display:block", false),
            ("display:non", false),
            ("ddisplay:none", true),
            ("display:display:none", true),
            ("displaydisplay:none", true),
            ("", false),
        ] {
            let want = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| c.to_ascii_lowercase())
                .collect::<String>()
                .contains("display:none");
            assert_eq!(want, hidden, "{style:?}");
            assert_eq!(has_display_none(style), hidden, "{style:?}");
        }
    }
}
