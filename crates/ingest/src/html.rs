//! HTML → blocks of text with the features main-content selection needs,
//! and page metadata (`<title>`, Open Graph, JSON-LD `NewsArticle`,
//! canonical link, `<time>`, author meta).

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

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

mod boxes;
mod defer;
mod ld;
mod ws;

pub(crate) use defer::Deferred;

pub use ws::collapse_ws;
use ws::push_collapsed;

use boxes::FactsCache;

/// The attributes the walker reads on a block element, borrowed from it
/// (what they say: `boxes`).
#[derive(Default)]
struct BoxAttrs<'a> {
    class: Option<&'a str>,
    id: Option<&'a str>,
    hidden: bool,
    style: Option<&'a str>,
}

impl<'a> BoxAttrs<'a> {
    /// The first `class`, `id` and `style` of the element and whether it
    /// has `hidden`, as `Dom::element_attr` finds them (by local name).
    fn of(dom: &'a Dom, e: &Element) -> Self {
        let mut b = BoxAttrs::default();
        for (name, value) in dom.attrs(e) {
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
}

/// What the walker does with an element, by its lower-case name.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Role {
    /// [`SKIP`]: not read.
    Skip,
    /// `<br>`, `<hr>`: the block ends.
    Break,
    /// `<img>`, `<picture>`.
    Img,
    /// [`BLOCK`]: its name as listed, and what the name alone says.
    Block(BlockTag),
    /// `<a>`: walked through, inside a link.
    Link,
    /// `<small>`, `<cite>`: walked through, inside small print.
    Small,
}

/// A block element's name as listed in [`BLOCK`] and what the name
/// alone says about the box.
#[derive(Clone, Copy, PartialEq, Debug)]
struct BlockTag {
    tag: &'static str,
    /// One of [`NOISE_TAGS`].
    noise: bool,
    /// `<figcaption>`.
    caption: bool,
    /// `<form>` (the page itself when it wraps the page).
    form: bool,
}

/// The [`Role`] of an element by its lower-case name, from the lists
/// (read once, to build the tables; `SKIP` wins over `BLOCK`).
fn role_by_lists(name: &str) -> Option<Role> {
    if SKIP.contains(&name) {
        return Some(Role::Skip);
    }
    Some(match name {
        "br" | "hr" => Role::Break,
        "img" | "picture" => Role::Img,
        "a" => Role::Link,
        "small" | "cite" => Role::Small,
        _ => {
            let tag = BLOCK.iter().find(|b| **b == name)?;
            Role::Block(BlockTag {
                tag,
                noise: NOISE_TAGS.contains(tag),
                caption: *tag == "figcaption",
                form: *tag == "form",
            })
        }
    })
}

/// Every name [`role_by_lists`] gives a role.
fn named() -> impl Iterator<Item = &'static str> {
    BLOCK
        .iter()
        .chain(SKIP)
        .chain(&["br", "hr", "img", "picture", "a", "small", "cite"])
        .copied()
}

/// [`role_by_lists`] in one hash look-up.
fn role_of(name: &str) -> Option<Role> {
    static ROLES: LazyLock<FxHashMap<&'static str, Role>> = LazyLock::new(|| {
        named()
            .filter_map(|n| Some((n, role_by_lists(n)?)))
            .collect()
    });
    ROLES.get(name).copied()
}

/// The role of a block element named in [`BLOCK`] and no other list.
const fn plain_block(tag: &'static str) -> Option<Role> {
    Some(Role::Block(BlockTag {
        tag,
        noise: false,
        caption: false,
        form: false,
    }))
}

/// [`role_of`] for a lower-case name as an atom: the commonest names of
/// a page's body compared as atoms (no hash; `roles_follow_the_lists`
/// checks them against the lists), the others looked up by the atom's
/// hash.
fn role_of_atom(name: &html5ever::LocalName) -> Option<Role> {
    use html5ever::local_name as n;
    match *name {
        n!("div") => plain_block("div"),
        n!("p") => plain_block("p"),
        n!("li") => plain_block("li"),
        n!("a") => Some(Role::Link),
        n!("span") | n!("strong") | n!("b") | n!("i") | n!("em") | n!("font") => None,
        n!("img") => Some(Role::Img),
        n!("br") => Some(Role::Break),
        _ => role_of_atom_by_hash(name),
    }
}

/// [`role_of`] for a lower-case name as an atom: its hash is the atom's.
fn role_of_atom_by_hash(name: &html5ever::LocalName) -> Option<Role> {
    static ROLES: LazyLock<FxHashMap<html5ever::LocalName, Role>> = LazyLock::new(|| {
        named()
            .filter_map(|n| Some((html5ever::LocalName::from(n), role_by_lists(n)?)))
            .collect()
    });
    ROLES.get(name).copied()
}

struct Walker<'d, 'a> {
    dom: &'d Dom<'a>,
    /// The elements `page_meta` reads, noted in the same walk
    /// ([`read_page`]), or None.
    head: Option<HeadElements>,
    /// What the classes read so far say.
    facts: FactsCache<'d>,
    blocks: Vec<Block>,
    /// The block's text so far.
    run: Run,
    cur_img: bool,
    /// The texts of the blocks inside boilerplate, kept unread until
    /// asked for ([`read_page`]), or None: read as the others.
    defer: Option<Deferred<'d>>,
    /// A text kept in `defer` for the block holds a character other than
    /// white space.
    cur_deferred: bool,
    depth_guard: usize,
}

/// A block's text as it is read, white space collapsed
/// ([`push_collapsed`]), and the characters of it inside links and
/// `<small>`.
#[derive(Default)]
struct Run {
    text: String,
    /// White space was read after the last character of `text`.
    ws_pending: bool,
    links: usize,
    small: usize,
}

impl Run {
    /// Whether `t` is ASCII white space alone (the indentation between
    /// tags): then it only leaves a space pending, as `push_collapsed`
    /// would.
    #[inline]
    fn push_blank(&mut self, t: &str) -> bool {
        let blank = t.bytes().all(|c| c == b' ' || (0x09..=0x0D).contains(&c));
        if blank {
            self.ws_pending |= !t.is_empty();
        }
        blank
    }

    /// Appends a text other than ASCII white space alone, collapsed,
    /// counting its characters other than white space inside a link
    /// (`link`) or `<small>` (`small`).
    #[inline]
    fn push_read(&mut self, t: &str, link: bool, small: bool) {
        let n = push_collapsed(&mut self.text, &mut self.ws_pending, t, link || small);
        if link {
            self.links += n;
        }
        if small {
            self.small += n;
        }
    }
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

impl<'d> Walker<'d, '_> {
    /// Ends the block read so far: kept when it has text or an image.
    /// Most calls find nothing (a block element's start and end, one
    /// inside the other): that test is made in line.
    #[inline]
    fn flush(&mut self, st: &State) {
        // The text is collapsed already: nothing to keep when it is empty
        // (its texts kept for later all white space) and no image was
        // seen (and an empty text counted no characters).
        if !self.run.text.is_empty() || self.cur_img || self.cur_deferred {
            self.push_block(st);
        } else if let Some(d) = &mut self.defer {
            d.discard_open();
        }
        self.run.ws_pending = false;
    }

    /// Keeps the block read so far and starts the next one.
    #[inline(never)]
    fn push_block(&mut self, st: &State) {
        if let Some(d) = &mut self.defer {
            d.close(self.blocks.len());
        }
        self.blocks.push(Block {
            text: self.run.text.as_str().to_owned(),
            link_chars: self.run.links,
            tag: st.tag.clone(),
            ancestors: st.ancestors.iter().rev().copied().collect(),
            noise: st.noise,
            has_img: self.cur_img,
            small_chars: self.run.small,
            in_caption: st.in_caption,
            in_author: st.in_author,
        });
        self.run.text.clear();
        self.run.links = 0;
        self.run.small = 0;
        self.cur_img = false;
        self.cur_deferred = false;
    }

    fn walk(&mut self, node: NodeId, st: &mut State) {
        self.depth_guard += 1;
        if self.depth_guard > 512 {
            self.depth_guard -= 1;
            self.note_under(node);
            return;
        }
        let dom = self.dom;
        for child in dom.children(node) {
            // A text is copied, an element's name and attributes read in
            // place.
            let step = match dom.data(child) {
                Data::Text(t) => {
                    self.push_text(t, st);
                    continue;
                }
                Data::Element(e) => {
                    if let Some(h) = &mut self.head {
                        h.note(dom, child, e);
                    }
                    step_of(dom, child, e, st, &mut self.facts)
                }
                _ => continue,
            };
            match step {
                Step::Skip => self.note_under(child),
                Step::Break => {
                    self.flush(st);
                    self.note_under(child);
                }
                Step::Img => {
                    self.cur_img = true;
                    self.note_under(child);
                }
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
                    // An inline element holding one text (a link, a
                    // `<span>`): the text read here, as the walk one level
                    // down (within its depth limit) would read it.
                    match only_text(dom, child) {
                        Some(t) if self.depth_guard < 512 => self.push_text(t, st),
                        _ => self.walk(child, st),
                    }
                    st.in_link = saved_link;
                    st.in_small = saved_small;
                }
            }
        }
        self.depth_guard -= 1;
    }

    /// Notes the elements under `node` that the walk does not read, when
    /// collecting them ([`read_page`]).
    fn note_under(&mut self, node: NodeId) {
        if let Some(h) = &mut self.head {
            h.note_under(self.dom, node, None);
        }
    }

    /// Appends a text to the block's ([`Run::push_read`]), or, inside
    /// boilerplate when deferring, keeps it for later with the white
    /// space pending before it.
    #[inline]
    fn push_text(&mut self, t: &'d str, st: &State) {
        if self.run.push_blank(t) {
            return;
        }
        if st.noise {
            if let Some(d) = &mut self.defer {
                let space = std::mem::take(&mut self.run.ws_pending);
                d.push(t, space, st.in_link, st.in_small);
                self.cur_deferred |= ws::has_visible(t);
                return;
            }
        }
        self.run.push_read(t, st.in_link, st.in_small);
    }
}

/// The text of `node` when it is its only child.
#[inline]
fn only_text<'d>(dom: &'d Dom, node: NodeId) -> Option<&'d str> {
    let first = dom.first_child(node)?;
    if dom.next_sibling(first).is_some() {
        return None;
    }
    match dom.data(first) {
        Data::Text(t) => Some(t),
        _ => None,
    }
}

/// What the walker does with a child node.
enum Step {
    /// A skipped element ([`SKIP`]): not read (its elements noted only).
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

fn step_of<'d>(
    dom: &'d Dom,
    node: NodeId,
    e: &'d Element,
    st: &State,
    facts: &mut FactsCache<'d>,
) -> Step {
    // An HTML element's name is lower-case (both tree builders lower it):
    // looked up as the atom it is. Another (SVG's `foreignObject`) is
    // lower-cased first.
    let role = if e.html {
        role_of_atom(&e.name)
    } else {
        role_of(&e.name.to_ascii_lowercase())
    };
    let b = match role {
        None => {
            return Step::Inline {
                link: false,
                small: false,
            }
        }
        Some(Role::Skip) => return Step::Skip,
        Some(Role::Break) => return Step::Break,
        Some(Role::Img) => return Step::Img,
        Some(Role::Link) => {
            return Step::Inline {
                link: true,
                small: false,
            }
        }
        Some(Role::Small) => {
            return Step::Inline {
                link: false,
                small: true,
            }
        }
        Some(Role::Block(b)) => b,
    };
    // Inside boilerplate, a caption and an author box alike: nothing to
    // read.
    if st.noise && st.in_caption && st.in_author {
        return Step::Block {
            tag: b.tag,
            noise: true,
            caption: true,
            author: true,
        };
    }
    let a = BoxAttrs::of(dom, e);
    let f = facts.facts(&a);
    // ASP.NET WebForms pages wrap the whole page in one `<form>` under
    // `<body>`: that form is the page, not a form widget.
    let noise = st.noise
        || if b.form && boxes::wraps_page(dom, node) {
            f.noise
        } else {
            b.noise || f.noise || f.ai || a.is_hidden()
        };
    Step::Block {
        tag: b.tag,
        noise,
        caption: st.in_caption || b.caption || f.caption,
        author: st.in_author || f.author,
    }
}

/// Blocks of the subtree under `root` in document order.
pub fn blocks(dom: &Dom, root: NodeId) -> Vec<Block> {
    let mut w = Walker::new(dom, None);
    let mut st = State::at(dom, root);
    w.walk(root, &mut st);
    w.flush(&st);
    w.blocks
}

/// The page's metadata ([`page_meta`]), the elements that may hold the
/// story, and the blocks of its `<body>` (else of the whole tree), as
/// [`blocks`] reads them, but for the texts of the blocks inside
/// boilerplate (`Block::noise`): those are empty, and [`Deferred::fill`]
/// reads them when asked. One walk over the tree, the nodes outside the
/// body and those the block walk does not read visited for the metadata
/// alone.
pub(crate) fn read_page<'d>(dom: &'d Dom) -> (PageMeta, Containers, Vec<Block>, Deferred<'d>) {
    let root = dom.body().unwrap_or_else(|| dom.root());
    let mut w = Walker::new(dom, Some(HeadElements::default()));
    w.defer = Some(Deferred::with_capacity(dom.node_count() / 8));
    let mut st = State::at(dom, root);
    if root == dom.root() {
        w.walk(root, &mut st);
    } else if let Some(h) = &mut w.head {
        // The document in order up to the body, the body's own walk, the
        // rest in order.
        h.note_under(dom, dom.root(), Some(root));
        w.walk(root, &mut st);
        if let Some(h) = &mut w.head {
            h.note_after(dom, dom.root(), root);
        }
    }
    w.flush(&st);
    let h = w.head.take().unwrap_or_default();
    let (pm, containers) = meta_of(dom, h);
    let deferred = w.defer.take().unwrap_or_default();
    (pm, containers, w.blocks, deferred)
}

impl<'d, 'a> Walker<'d, 'a> {
    fn new(dom: &'d Dom<'a>, head: Option<HeadElements>) -> Self {
        Walker {
            dom,
            head,
            facts: FactsCache::for_page(),
            // Room for the blocks of most pages (a block for every 5 to
            // 10 nodes): no copy as the list grows.
            blocks: Vec::with_capacity((dom.node_count() / 4).max(256)),
            run: Run::default(),
            cur_img: false,
            defer: None,
            cur_deferred: false,
            depth_guard: 0,
        }
    }
}

impl State {
    /// The state at `root`, where a walk starts.
    fn at(dom: &Dom, root: NodeId) -> Self {
        State {
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
        }
    }
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

/// Whether `n`'s attribute `name` equals `value`, for an attribute whose value HTML compares without case
/// (`rel`, `type`): as a CSS selector matches it on an HTML element.
fn attr_is_html_ci(dom: &Dom, n: NodeId, name: &str, value: &str) -> bool {
    let Some(e) = dom.element(n) else {
        return false;
    };
    dom.element_attr(e, name).is_some_and(|v| {
        if e.html {
            v.eq_ignore_ascii_case(value)
        } else {
            v == value
        }
    })
}

/// A `<meta>` tag's attributes that `page_meta` reads, each looked up
/// once (the first of a name, as [`Dom::attr`] gives it).
#[derive(Default, Clone, Copy)]
struct MetaAttrs<'a> {
    property: Option<&'a str>,
    name: Option<&'a str>,
    itemprop: Option<&'a str>,
    content: Option<&'a str>,
}

impl<'a> MetaAttrs<'a> {
    /// Reads the four attributes of `n` (each lookup named, so that
    /// `prune`'s test of the attributes read sees them).
    fn read(dom: &'a Dom, n: NodeId) -> Self {
        let Some(e) = dom.element(n) else {
            return MetaAttrs::default();
        };
        MetaAttrs {
            property: dom.element_attr(e, "property"),
            name: dom.element_attr(e, "name"),
            itemprop: dom.element_attr(e, "itemprop"),
            content: dom.element_attr(e, "content"),
        }
    }

    /// Whether the tag has one of the attributes `pairs` (name, value),
    /// each name one of `property`, `name` or `itemprop`.
    fn has_any(&self, pairs: &[(&str, &str)]) -> bool {
        pairs.iter().any(|(k, v)| {
            let got = match *k {
                "property" => self.property,
                "name" => self.name,
                "itemprop" => self.itemprop,
                _ => None,
            };
            got == Some(*v)
        })
    }
}

/// The first non-empty `content` of the meta tags with one of the
/// attributes `pairs`.
fn meta_content(metas: &[MetaAttrs], pairs: &[(&str, &str)]) -> Option<String> {
    metas
        .iter()
        .filter(|m| m.has_any(pairs))
        .filter_map(|m| m.content.map(collapse_ws))
        .find(|c| !c.is_empty())
}

/// The elements `page_meta` reads, by local name, in document order,
/// and the story's candidate containers (`page`'s container bonus): one
/// walk of the tree.
#[derive(Default)]
struct HeadElements {
    title: Vec<NodeId>,
    meta: Vec<NodeId>,
    link: Vec<NodeId>,
    h1: Vec<NodeId>,
    time: Vec<NodeId>,
    html: Vec<NodeId>,
    script: Vec<NodeId>,
    boxes: Containers,
}

/// The elements that may hold the story, in document order (a `div`,
/// `section` or `td` may too, by its class or id: `page::bonus` reads
/// those of the elements that hold prose).
#[derive(Default)]
pub(crate) struct Containers {
    /// `article`, `main` and `[itemprop=articleBody]` elements.
    pub firsts: Vec<NodeId>,
}

impl HeadElements {
    fn collect(dom: &Dom) -> Self {
        let mut h = HeadElements::default();
        h.note_under(dom, dom.root(), None);
        h
    }

    /// Notes the element `n` (`e`) if `page_meta` reads it or it may hold
    /// the story.
    #[inline]
    fn note(&mut self, dom: &Dom, n: NodeId, e: &Element) {
        use html5ever::local_name as name;
        // Names compared as atoms: no text read.
        if matches!(e.name, name!("article") | name!("main"))
            || dom.element_attr(e, "itemprop") == Some("articleBody")
        {
            self.boxes.firsts.push(n);
        }
        let list = match e.name {
            name!("title") => &mut self.title,
            name!("meta") => &mut self.meta,
            name!("link") => &mut self.link,
            name!("h1") => &mut self.h1,
            name!("time") => &mut self.time,
            name!("html") => &mut self.html,
            name!("script") => &mut self.script,
            _ => return,
        };
        list.push(n);
    }

    /// Notes the elements under `top` (not `top` itself) in document
    /// order, as `Dom::descendants` gives them, up to `stop` (noted, its
    /// subtree not entered) when `stop` is under `top`.
    fn note_under(&mut self, dom: &Dom, top: NodeId, stop: Option<NodeId>) {
        let mut next = dom.first_child(top);
        while let Some(n) = next {
            if let Some(e) = dom.element(n) {
                self.note(dom, n, e);
            }
            if Some(n) == stop {
                return;
            }
            next = dom.following(n, top);
        }
    }

    /// Notes the elements under `top` that follow `n`'s subtree in
    /// document order.
    fn note_after(&mut self, dom: &Dom, top: NodeId, n: NodeId) {
        let mut next = dom.after_subtree(n, top);
        while let Some(n) = next {
            if let Some(e) = dom.element(n) {
                self.note(dom, n, e);
            }
            next = dom.following(n, top);
        }
    }
}

/// Reads `<head>` metadata, JSON-LD and the first `<h1>`.
pub fn page_meta(dom: &Dom) -> PageMeta {
    page_meta_and_containers(dom).0
}

/// [`page_meta`], and the elements that may hold the story, found in the
/// same walk.
pub(crate) fn page_meta_and_containers(dom: &Dom) -> (PageMeta, Containers) {
    meta_of(dom, HeadElements::collect(dom))
}

/// [`page_meta_and_containers`] from the elements collected.
fn meta_of(dom: &Dom, mut h: HeadElements) -> (PageMeta, Containers) {
    let containers = std::mem::take(&mut h.boxes);
    let metas: Vec<MetaAttrs> = h.meta.iter().map(|n| MetaAttrs::read(dom, *n)).collect();
    let first_text = |list: &[NodeId]| {
        list.iter()
            .map(|n| collapse_ws(&dom.text(*n)))
            .find(|t| !t.is_empty())
    };
    let mut m = PageMeta {
        title: first_text(&h.title),
        og_title: meta_content(&metas, &[("property", "og:title"), ("name", "og:title")]),
        site_name: meta_content(
            &metas,
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
            .or_else(|| meta_content(&metas, &[("property", "og:url")])),
        published: meta_content(
            &metas,
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
        authors: metas
            .iter()
            .filter(|m| {
                m.has_any(&[
                    ("name", "author"),
                    ("property", "article:author"),
                    ("name", "byline"),
                ])
            })
            .filter_map(|m| m.content.map(collapse_ws))
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
        let Ok(v) = serde_json::from_str::<ld::Ld>(raw.trim()) else {
            continue;
        };
        ld::json_ld(&v, &mut m, 0);
    }
    (m, containers)
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
mod tests;
