//! HTML → blocks of text with the features main-content selection needs,
//! and page metadata (`<title>`, Open Graph, JSON-LD `NewsArticle`,
//! canonical link, `<time>`, author meta).

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::dom::{Data, Dom, Element, NodeId};

/// A run of text that a browser would show as one block.
#[derive(Debug, Clone)]
pub struct Block {
    pub text: String,
    /// Characters of the text that sit inside links.
    pub link_chars: usize,
    /// Lower-case tag of the nearest block element (`p`, `div`, `h2`…):
    /// the name as listed in `BLOCK` (no copy per block), or the root's.
    pub tag: std::borrow::Cow<'static, str>,
    /// Ancestor block elements, nearest first.
    pub ancestors: Vec<NodeId>,
    /// Inside navigation, header/footer, aside, figure caption, form, or an
    /// element whose class/id marks boilerplate (related, share, comment…).
    pub noise: bool,
    /// The block contains an image.
    pub has_img: bool,
    /// Text inside `<small>` (captions under images).
    pub small_chars: usize,
    /// Inside a `<figcaption>` or an element whose class/id marks a caption.
    pub in_caption: bool,
    /// Inside an element whose class/id names the author or byline
    /// (`author`, `c-mainBlock__authorName`, `byline`).
    pub in_author: bool,
}

impl Block {
    pub fn link_density(&self) -> f64 {
        let n = self.text.chars().count();
        if n == 0 {
            0.0
        } else {
            self.link_chars as f64 / n as f64
        }
    }
}

const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "select", "option",
    "button", "input", "textarea", "head", "title", "meta", "link", "object", "embed", "video",
    "audio", "map",
];

/// Block elements: each starts a block; their class, id and style are
/// read (and only theirs: `prune::On::Boxes`).
pub(crate) const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "header",
    "footer",
    "nav",
    "aside",
    "address",
    "center",
    "form",
    "body",
    "html",
    "time",
];

const NOISE_TAGS: &[&str] = &[
    "nav",
    "aside",
    "footer",
    "figcaption",
    "figure",
    "form",
    "header",
];

/// Class/id tokens that mark boilerplate containers.
const NOISE_TOKENS: &[&str] = &[
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

/// The attributes the walker reads on a block element, borrowed from it.
#[derive(Default)]
struct BoxAttrs<'a> {
    class: Option<&'a str>,
    id: Option<&'a str>,
    hidden: bool,
    style: Option<&'a str>,
}

impl<'a> BoxAttrs<'a> {
    /// The first `class`, `id` and `style` of the element and whether it
    /// has `hidden`, as `Element::attr` finds them (by local name).
    fn of(e: &'a Element) -> Self {
        let mut b = BoxAttrs::default();
        for (name, value) in &e.attrs {
            match name.as_ref() {
                "class" if b.class.is_none() => b.class = Some(value),
                "id" if b.id.is_none() => b.id = Some(value),
                "style" if b.style.is_none() => b.style = Some(value),
                "hidden" => b.hidden = true,
                _ => {}
            }
        }
        b
    }

    fn class_and_id(&self) -> impl Iterator<Item = &'a str> {
        [self.class, self.id].into_iter().flatten()
    }
}

/// Whether the element's class or id marks a box written by a machine
/// rather than the newsroom (`ai_area`, `ai-summary`, `aiSummary`): a part
/// `ai` between separators, or `ai` before a capital that starts a word.
fn is_ai_box(a: &BoxAttrs) -> bool {
    a.class_and_id().any(|v| {
        v.split(|c: char| !c.is_ascii_alphanumeric()).any(|part| {
            let b = part.as_bytes();
            part.eq_ignore_ascii_case("ai")
                || (b.len() >= 4
                    && b[..2].eq_ignore_ascii_case(b"ai")
                    && b[2].is_ascii_uppercase()
                    && b[3].is_ascii_lowercase())
        })
    })
}

/// Whether the element's class or id names an author or byline box.
fn is_author_box(a: &BoxAttrs) -> bool {
    a.class_and_id().any(|v| {
        // Compared only where the first letter fits.
        v.as_bytes().windows(6).any(|w| match w[0] | 0x20 {
            b'a' => w.eq_ignore_ascii_case(b"author"),
            b'b' => w.eq_ignore_ascii_case(b"byline"),
            _ => false,
        })
    })
}

/// Whether a token of the element's `class` or `id` attribute is one of
/// `words` (lower-case ASCII) as `is_word` tells, without building the
/// tokens.
fn has_class_token(a: &BoxAttrs, is_word: impl Fn(&[u8]) -> bool) -> bool {
    a.class_and_id().any(|v| {
        // Split on bytes: every byte of a non-ASCII character is a
        // separator, as the character itself would be.
        v.as_bytes()
            .split(|c| !c.is_ascii_alphanumeric() && *c != b'_')
            .any(|tok| !tok.is_empty() && is_word(tok))
    })
}

/// Whether `tok`, lower-cased, is one of `words`.
fn in_words(words: &[&str], tok: &[u8]) -> bool {
    words.iter().any(|w| w.as_bytes().eq_ignore_ascii_case(tok))
}

/// Whether `tok`, lower-cased, is one of [`NOISE_TOKENS`]: one copy into a
/// buffer and one hash look-up instead of a comparison with every word.
fn is_noise_token(tok: &[u8]) -> bool {
    static SET: LazyLock<FxHashSet<&'static [u8]>> =
        LazyLock::new(|| NOISE_TOKENS.iter().map(|w| w.as_bytes()).collect());
    contains_lowercase::<16>(&SET, tok)
}

/// Whether `name`, ASCII-lower-cased, is in `set` (of lower-case words
/// none longer than `N` bytes): one copy into a stack buffer and one hash
/// look-up, no allocation.
pub(crate) fn contains_lowercase<const N: usize>(
    set: &FxHashSet<&'static [u8]>,
    name: &[u8],
) -> bool {
    if name.len() > N {
        return false;
    }
    let mut buf = [0u8; N];
    for (d, c) in buf.iter_mut().zip(name) {
        *d = c.to_ascii_lowercase();
    }
    set.contains(&buf[..name.len()])
}

fn is_noise_element(name: &str, dom: &Dom, node: NodeId, a: &BoxAttrs) -> bool {
    // ASP.NET WebForms pages wrap the whole page in one `<form>` under
    // `<body>`: that form is the page, not a form widget.
    if name == "form" && wraps_page(dom, node) {
        return has_class_token(a, is_noise_token);
    }
    NOISE_TAGS.contains(&name) || has_class_token(a, is_noise_token) || is_ai_box(a) || is_hidden(a)
}

/// Whether the element is hidden on the page (`hidden`, or an inline
/// `display: none`): menus and tabs a script may open, never the story on
/// show (a page whose every prose block is hidden is judged again on prose
/// alone, see `page::extract`).
fn is_hidden(a: &BoxAttrs) -> bool {
    a.hidden
        || a.style.is_some_and(|v| {
            let v: String = v
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| c.to_ascii_lowercase())
                .collect();
            v.contains("display:none")
        })
}

/// Whether the element is `<body>`'s child, or the only element inside a
/// chain of wrappers that is (a crawler's `<text url=…>` record around a
/// saved page, a layout `<div>` holding nothing but the form).
fn wraps_page(dom: &Dom, node: NodeId) -> bool {
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

fn is_caption_element(name: &str, a: &BoxAttrs) -> bool {
    name == "figcaption"
        || has_class_token(a, |t| in_words(&["caption", "pic_desc", "img_desc"], t))
}

struct Walker<'d, 'a> {
    dom: &'d Dom<'a>,
    blocks: Vec<Block>,
    cur: String,
    cur_links: usize,
    cur_small: usize,
    cur_img: bool,
    depth_guard: usize,
}

struct State {
    /// Ancestor block elements, the root first (a block gets them nearest
    /// first).
    ancestors: Vec<NodeId>,
    /// The nearest block element's tag (the listed name, or the root's).
    tag: std::borrow::Cow<'static, str>,
    noise: bool,
    in_link: bool,
    in_small: bool,
    in_caption: bool,
    in_author: bool,
}

impl Walker<'_, '_> {
    fn flush(&mut self, st: &State) {
        // Nothing to keep (the counts are of characters in `cur`): no
        // text, or only the ASCII white space between tags, which
        // `collapse_ws` would reduce to nothing.
        if !self.cur_img && self.cur.bytes().all(|b| b.is_ascii_whitespace()) {
            self.cur.clear();
            self.cur_links = 0;
            self.cur_small = 0;
            return;
        }
        let text = collapse_ws(&self.cur);
        if !text.is_empty() || self.cur_img {
            self.blocks.push(Block {
                text,
                link_chars: self.cur_links,
                tag: st.tag.clone(),
                ancestors: st.ancestors.iter().rev().copied().collect(),
                noise: st.noise,
                has_img: self.cur_img,
                small_chars: self.cur_small,
                in_caption: st.in_caption,
                in_author: st.in_author,
            });
        }
        self.cur.clear();
        self.cur_links = 0;
        self.cur_small = 0;
        self.cur_img = false;
    }

    fn walk(&mut self, node: NodeId, st: &mut State) {
        self.depth_guard += 1;
        if self.depth_guard > 512 {
            self.depth_guard -= 1;
            return;
        }
        let dom = self.dom;
        for child in dom.children(node) {
            // A text is copied, an element's name and attributes read in
            // place.
            let step = match dom.data(child) {
                Data::Text(t) => {
                    self.push_text(t, st);
                    Step::Skip
                }
                Data::Element(e) => step_of(dom, child, e, st),
                _ => Step::Skip,
            };
            match step {
                Step::Skip => {}
                Step::Break => self.flush(st),
                Step::Img => self.cur_img = true,
                Step::Block {
                    tag,
                    noise,
                    caption,
                    author,
                } => {
                    self.flush(st);
                    let saved_tag = std::mem::replace(&mut st.tag, tag.into());
                    let saved_noise = std::mem::replace(&mut st.noise, noise);
                    let saved_caption = std::mem::replace(&mut st.in_caption, caption);
                    let saved_author = std::mem::replace(&mut st.in_author, author);
                    st.ancestors.push(child);
                    self.walk(child, st);
                    self.flush(st);
                    st.ancestors.pop();
                    st.noise = saved_noise;
                    st.in_caption = saved_caption;
                    st.in_author = saved_author;
                    st.tag = saved_tag;
                }
                Step::Inline { link, small } => {
                    let saved_link = st.in_link;
                    let saved_small = st.in_small;
                    st.in_link |= link;
                    st.in_small |= small;
                    self.walk(child, st);
                    st.in_link = saved_link;
                    st.in_small = saved_small;
                }
            }
        }
        self.depth_guard -= 1;
    }

    fn push_text(&mut self, t: &str, st: &State) {
        if st.in_link || st.in_small {
            let n = t.chars().filter(|c| !c.is_whitespace()).count();
            if st.in_link {
                self.cur_links += n;
            }
            if st.in_small {
                self.cur_small += n;
            }
        }
        self.cur.push_str(t);
    }
}

/// What the walker does with a child node.
enum Step {
    /// Nothing more (text already copied, a skipped element, other nodes).
    Skip,
    /// `<br>`, `<hr>`: the block ends.
    Break,
    /// `<img>`, `<picture>`.
    Img,
    /// A block element: its lower-case tag (as listed in [`BLOCK`]) and
    /// the flags inside it.
    Block {
        tag: &'static str,
        noise: bool,
        caption: bool,
        author: bool,
    },
    /// Any other element: walked through, inside a link or `<small>`.
    Inline { link: bool, small: bool },
}

/// Whether the walker skips an element ([`SKIP`]) or starts a block with
/// it ([`BLOCK`]).
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Skip,
    Block,
}

/// The [`Kind`] of an element by its lower-case name, with the name as
/// listed: one hash look-up instead of a scan of both lists.
fn kind_of(name: &str) -> Option<(&'static str, Kind)> {
    static KINDS: LazyLock<FxHashMap<&'static str, Kind>> = LazyLock::new(|| {
        let blocks = BLOCK.iter().map(|n| (*n, Kind::Block));
        // Inserted last: `SKIP` wins, as it is checked first.
        blocks
            .chain(SKIP.iter().map(|n| (*n, Kind::Skip)))
            .collect()
    });
    KINDS.get_key_value(name).map(|(k, v)| (*k, *v))
}

/// [`kind_of`] for a lower-case name as an atom: its hash is the atom's.
fn kind_of_atom(name: &html5ever::LocalName) -> Option<(&'static str, Kind)> {
    static KINDS: LazyLock<FxHashMap<html5ever::LocalName, (&'static str, Kind)>> =
        LazyLock::new(|| {
            BLOCK
                .iter()
                .chain(SKIP)
                .filter_map(|n| Some((html5ever::LocalName::from(*n), kind_of(n)?)))
                .collect()
        });
    KINDS.get(name).copied()
}

fn step_of(dom: &Dom, node: NodeId, e: &Element, st: &State) -> Step {
    let local: &str = &e.name;
    // An HTML element's name is lower-case (both tree builders lower it):
    // looked up as the atom it is. Another (SVG's `foreignObject`) is
    // lower-cased first.
    let (name, listed) = if e.html {
        (std::borrow::Cow::Borrowed(local), kind_of_atom(&e.name))
    } else {
        let name = local.to_ascii_lowercase();
        let listed = kind_of(&name);
        (std::borrow::Cow::Owned(name), listed)
    };
    let name = name.as_ref();
    let kind = listed.map(|(_, k)| k);
    if kind == Some(Kind::Skip) {
        return Step::Skip;
    }
    match name {
        "br" | "hr" => return Step::Break,
        "img" | "picture" => return Step::Img,
        _ => {}
    }
    let Some((tag, Kind::Block)) = listed else {
        return Step::Inline {
            link: name == "a",
            small: name == "small" || name == "cite",
        };
    };
    let a = BoxAttrs::of(e);
    Step::Block {
        tag,
        noise: st.noise || is_noise_element(name, dom, node, &a),
        caption: st.in_caption || is_caption_element(name, &a),
        author: st.in_author || is_author_box(&a),
    }
}

/// Collapses runs of white space to one space and trims. Spaces between two
/// CJK characters are kept (some outlets separate headline parts with them).
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    loop {
        // A run of white space: one space, unless it leads or trails.
        let ws_from = i;
        while i < s.len() {
            let (ws, len) = ws_at(s, i);
            if !ws {
                break;
            }
            i += len;
        }
        if i >= s.len() {
            break;
        }
        if i > ws_from && !out.is_empty() {
            out.push(' ');
        }
        // A run of other characters, copied whole.
        let run = i;
        i = word_end(s, i);
        out.push_str(&s[run..i]);
    }
    out
}

/// Bytes that can start a white-space character (`ws_at`): ASCII white
/// space and the lead bytes of U+0085/U+00A0, U+1680 and U+2000–U+205F.
const MAY_START_WS: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0x09;
    while c <= 0x0D {
        t[c] = true;
        c += 1;
    }
    t[b' ' as usize] = true;
    t[0xC2] = true;
    t[0xE1] = true;
    t[0xE2] = true;
    t
};

/// The end of the run of characters other than white space starting at
/// byte `i` of `s`: bytes that cannot start white space are skipped one by
/// one (never a continuation byte, so every stop is a character boundary),
/// the others decoded by `ws_at`.
fn word_end(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    loop {
        while i < b.len() && !MAY_START_WS[usize::from(b[i])] {
            i += 1;
        }
        if i >= b.len() {
            return i;
        }
        let (ws, len) = ws_at(s, i);
        if ws {
            return i;
        }
        i += len;
    }
}

/// Whether the character starting at byte `i` of `s` is white space other
/// than U+3000 (`char::is_whitespace`), and its length: decoded only when
/// its first byte can start white space (U+0085, U+00A0, U+1680,
/// U+2000–U+205F), read from that byte otherwise.
fn ws_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes()[i];
    match b {
        0x09..=0x0D | b' ' => (true, 1),
        0..=0x7F => (false, 1),
        0xC2 | 0xE1 | 0xE2 => s[i..]
            .chars()
            .next()
            .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
        0xC0..=0xDF => (false, 2),
        0xE0..=0xEF => (false, 3),
        _ => (false, 4),
    }
}

/// Blocks of the subtree under `root` in document order.
pub fn blocks(dom: &Dom, root: NodeId) -> Vec<Block> {
    let mut w = Walker {
        dom,
        blocks: Vec::new(),
        cur: String::new(),
        cur_links: 0,
        cur_small: 0,
        cur_img: false,
        depth_guard: 0,
    };
    let mut st = State {
        ancestors: vec![root],
        tag: dom
            .name(root)
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default()
            .into(),
        noise: false,
        in_link: false,
        in_small: false,
        in_caption: false,
        in_author: false,
    };
    w.walk(root, &mut st);
    w.flush(&st);
    w.blocks
}

/// Metadata a page declares about itself.
#[derive(Debug, Clone, Default)]
pub struct PageMeta {
    pub title: Option<String>,
    pub og_title: Option<String>,
    pub h1: Option<String>,
    pub site_name: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub authors: Vec<String>,
    pub ld_headline: Option<String>,
    pub ld_published: Option<String>,
    pub ld_authors: Vec<String>,
    pub ld_publisher: Option<String>,
    pub ld_url: Option<String>,
    /// `<time datetime>` / `pudate` of the page.
    pub time: Option<String>,
    pub lang: Option<String>,
}

/// Whether the element `n` has the attribute `name` equal to `value`
/// (as a CSS `[name="value"]` matches it: case-sensitive).
fn attr_is(dom: &Dom, n: NodeId, name: &str, value: &str) -> bool {
    dom.attr(n, name) == Some(value)
}

/// Whether `n` has one of the attributes `pairs` (name, value): what a
/// list of `tag[name="value"]` selectors matches among elements of `tag`.
fn attr_any(dom: &Dom, n: NodeId, pairs: &[(&str, &str)]) -> bool {
    pairs.iter().any(|(k, v)| attr_is(dom, n, k, v))
}

/// [`attr_is`] for an attribute whose value HTML compares without case
/// (`rel`, `type`): as a CSS selector matches it on an HTML element.
fn attr_is_html_ci(dom: &Dom, n: NodeId, name: &str, value: &str) -> bool {
    let Some(e) = dom.element(n) else {
        return false;
    };
    e.attr(name).is_some_and(|v| {
        if e.html {
            v.eq_ignore_ascii_case(value)
        } else {
            v == value
        }
    })
}

/// The first non-empty `content` of the candidates with one of the
/// attributes `pairs`.
fn meta_content(dom: &Dom, cands: &[NodeId], pairs: &[(&str, &str)]) -> Option<String> {
    cands
        .iter()
        .filter(|n| attr_any(dom, **n, pairs))
        .filter_map(|n| dom.attr(*n, "content").map(collapse_ws))
        .find(|c| !c.is_empty())
}

/// The elements `page_meta` reads, by local name, in document order:
/// one walk of the tree.
#[derive(Default)]
struct HeadElements {
    title: Vec<NodeId>,
    meta: Vec<NodeId>,
    link: Vec<NodeId>,
    h1: Vec<NodeId>,
    time: Vec<NodeId>,
    html: Vec<NodeId>,
    script: Vec<NodeId>,
}

impl HeadElements {
    fn collect(dom: &Dom) -> Self {
        let mut h = HeadElements::default();
        use html5ever::local_name as name;
        for n in dom.descendants(dom.root()) {
            let Some(e) = dom.element(n) else {
                continue;
            };
            // Names compared as atoms: no text read.
            let list = match e.name {
                name!("title") => &mut h.title,
                name!("meta") => &mut h.meta,
                name!("link") => &mut h.link,
                name!("h1") => &mut h.h1,
                name!("time") => &mut h.time,
                name!("html") => &mut h.html,
                name!("script") => &mut h.script,
                _ => continue,
            };
            list.push(n);
        }
        h
    }
}

/// Reads `<head>` metadata, JSON-LD and the first `<h1>`.
pub fn page_meta(dom: &Dom) -> PageMeta {
    let h = HeadElements::collect(dom);
    let first_text = |list: &[NodeId]| {
        list.iter()
            .map(|n| collapse_ws(&dom.text(*n)))
            .find(|t| !t.is_empty())
    };
    let mut m = PageMeta {
        title: first_text(&h.title),
        og_title: meta_content(
            dom,
            &h.meta,
            &[("property", "og:title"), ("name", "og:title")],
        ),
        site_name: meta_content(
            dom,
            &h.meta,
            &[
                ("property", "og:site_name"),
                ("name", "og:site_name"),
                ("name", "application-name"),
            ],
        ),
        // The canonical link first: `og:url` often carries a tracking query.
        url: h
            .link
            .iter()
            .filter(|n| attr_is_html_ci(dom, **n, "rel", "canonical"))
            .filter_map(|n| dom.attr(*n, "href").map(|h| h.trim().to_string()))
            .find(|h| h.starts_with("http"))
            .or_else(|| meta_content(dom, &h.meta, &[("property", "og:url")])),
        published: meta_content(
            dom,
            &h.meta,
            &[
                ("property", "article:published_time"),
                ("name", "pubdate"),
                ("name", "publishdate"),
                ("name", "PubDate"),
                ("itemprop", "datePublished"),
                ("name", "publish_time"),
                ("name", "date"),
                ("name", "dc.date"),
                ("name", "DC.date"),
            ],
        ),
        authors: h
            .meta
            .iter()
            .filter(|n| {
                attr_any(
                    dom,
                    **n,
                    &[
                        ("name", "author"),
                        ("property", "article:author"),
                        ("name", "byline"),
                    ],
                )
            })
            .filter_map(|n| dom.attr(*n, "content").map(collapse_ws))
            .filter(|c| !c.is_empty() && !c.starts_with("http"))
            .collect(),
        h1: first_text(&h.h1),
        time: h.time.iter().find_map(|n| {
            dom.attr(*n, "datetime")
                .or_else(|| dom.attr(*n, "pudate"))
                .map(|v| v.trim().to_string())
        }),
        lang: h
            .html
            .iter()
            .find_map(|n| dom.attr(*n, "lang").map(str::to_string)),
        ..PageMeta::default()
    };
    for script in h
        .script
        .iter()
        .filter(|n| attr_is_html_ci(dom, **n, "type", "application/ld+json"))
    {
        let raw = dom.text(*script);
        let Ok(v) = serde_json::from_str::<serde_json::Value>(raw.trim()) else {
            continue;
        };
        json_ld(&v, &mut m, 0);
    }
    m
}

fn json_ld(v: &serde_json::Value, m: &mut PageMeta, depth: usize) {
    use serde_json::Value;
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| json_ld(i, m, depth + 1)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                json_ld(g, m, depth + 1);
            }
            let ty = match o.get("@type") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Array(a)) => a
                    .iter()
                    .filter_map(|x| x.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
                _ => String::new(),
            };
            if !(ty.contains("Article") || ty.contains("Posting") || ty.contains("Report")) {
                return;
            }
            let s = |k: &str| o.get(k).and_then(|x| x.as_str()).map(collapse_ws);
            m.ld_headline = m.ld_headline.take().or_else(|| s("headline"));
            m.ld_published = m.ld_published.take().or_else(|| s("datePublished"));
            m.ld_url = m.ld_url.take().or_else(|| s("url")).or_else(|| {
                o.get("mainEntityOfPage").and_then(|x| match x {
                    Value::String(u) => Some(u.clone()),
                    Value::Object(p) => p.get("@id").and_then(|i| i.as_str()).map(str::to_string),
                    _ => None,
                })
            });
            if m.ld_publisher.is_none() {
                m.ld_publisher = o.get("publisher").and_then(name_of);
            }
            if m.ld_authors.is_empty() {
                match o.get("author") {
                    Some(Value::Array(a)) => m.ld_authors = a.iter().filter_map(name_of).collect(),
                    Some(x) => m.ld_authors = name_of(x).into_iter().collect(),
                    None => {}
                }
            }
        }
        _ => {}
    }
}

fn name_of(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(collapse_ws(s)).filter(|s| !s.is_empty()),
        serde_json::Value::Object(o) => o
            .get("name")
            .and_then(|n| n.as_str())
            .map(collapse_ws)
            .filter(|s| !s.is_empty()),
        _ => None,
    }
}

/// Counts CJK ideographs.
pub fn cjk_count(s: &str) -> usize {
    s.chars().filter(|c| is_cjk(*c)).count()
}

/// `cjk_count(s) >= n`, reading only as far as the n-th CJK character.
pub fn cjk_at_least(s: &str, n: usize) -> bool {
    s.chars().filter(|c| is_cjk(*c)).take(n).count() >= n
}

pub use shiju_text::is_cjk;

#[cfg(test)]
mod tests {
    use super::*;

    /// `collapse_ws` as it read every character.
    fn collapse_by_chars(s: &str) -> String {
        let mut out = String::new();
        let mut pending = false;
        for c in s.chars() {
            if c.is_whitespace() && c != '\u{3000}' {
                pending = true;
            } else {
                if pending && !out.is_empty() {
                    out.push(' ');
                }
                pending = false;
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn collapse_ws_reads_bytes_as_characters() {
        let cases = [
            "  a \t b\n\r\x0b\x0cc  ",
            "\u{85}x\u{a0}y\u{1680}z\u{2000}\u{200a}w\u{2028}\u{2029}\u{202f}\u{205f}v",
            "甲\u{3000}乙  丙\u{200b}丁\u{feff}戊 🙂 é ü",
            "\u{2010}\u{2060}\u{e1}\u{1681}",
            "",
            " \n ",
        ];
        for c in cases {
            assert_eq!(collapse_ws(c), collapse_by_chars(c), "{c:?}");
        }
    }

    #[test]
    fn noise_tokens_fit_the_lookup() {
        for w in NOISE_TOKENS {
            assert!(
                w.len() <= 16 && !w.bytes().any(|c| c.is_ascii_uppercase()),
                "{w}"
            );
            assert!(is_noise_token(w.to_ascii_uppercase().as_bytes()), "{w}");
        }
        assert!(!is_noise_token(b"article"));
        assert!(!is_noise_token(b"navigation_menu_of_the_page_top"));
        let a = BoxAttrs {
            class: Some("main-NavBar x"),
            ..BoxAttrs::default()
        };
        assert!(has_class_token(&a, is_noise_token));
    }

    #[test]
    fn author_boxes_by_class_or_id() {
        let boxed = |class: &'static str, id: Option<&'static str>| BoxAttrs {
            class: Some(class),
            id,
            ..BoxAttrs::default()
        };
        assert!(is_author_box(&boxed("c-mainBlock__AuthorName", None)));
        assert!(is_author_box(&boxed("x", Some("news-BYLINE"))));
        assert!(!is_author_box(&boxed("auth bylin autho", Some("a"))));
    }

    #[test]
    fn kinds_follow_the_lists() {
        for n in BLOCK.iter().chain(SKIP).chain(&["a", "span", "br", "font"]) {
            let want = if SKIP.contains(n) {
                Some(Kind::Skip)
            } else if BLOCK.contains(n) {
                Some(Kind::Block)
            } else {
                None
            };
            assert!(kind_of(n).map(|(_, k)| k) == want, "{n}");
            let atom = html5ever::LocalName::from(*n);
            assert!(kind_of_atom(&atom) == kind_of(n), "{n}");
            assert!(kind_of(n).is_none_or(|(listed, _)| listed == *n), "{n}");
        }
    }
}
