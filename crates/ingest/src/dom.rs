//! The page tree the readers walk (`html::blocks`, `html::page_meta`,
//! `page::extract`): an arena of nodes, each a parent, first child, last
//! child and next sibling index, holding an element's name and the span
//! of the attributes the readers keep in the tree's one list of them
//! ([`AttrSpan`]), or a text borrowed from the page where
//! no character reference or merge forced a copy. The fast tree builder
//! (`tree.rs`) builds it directly; a page it leaves to html5ever, feeds and
//! Markdown are parsed by `dom_query` and converted ([`Dom::parse_html`]).
//! A node's id is its place in the order nodes were created, the order
//! `dom_query` numbers them in: readers that break ties by id (the main
//! container's choice) choose alike on both paths.

use std::borrow::Cow;

use html5ever::LocalName;

/// A node of a [`Dom`]: its index in the arena, in creation order.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct NodeId(u32);

const NONE: u32 = u32::MAX;

/// What a node is.
#[derive(Debug)]
pub enum Data<'a> {
    Document,
    /// A `<template>`'s contents (never walked by the readers).
    Fragment,
    /// A doctype's name, public and system id (boxed: rare, and the
    /// node small).
    Doctype(Box<[Cow<'a, str>; 3]>),
    Comment(Cow<'a, str>),
    Text(Cow<'a, str>),
    Element(Element),
}

/// An attribute: its name and its value.
pub type Attr<'a> = (Cow<'a, str>, Cow<'a, str>);

/// An element: its local name, whether it is in the HTML namespace, and
/// where its attributes are ([`Dom::attrs`]).
#[derive(Debug)]
pub struct Element {
    pub name: LocalName,
    pub html: bool,
    pub attrs: AttrSpan,
}

/// Where an element's attributes are in its [`Dom`]'s one list of the
/// attributes of all elements (in source order, a name once: the first
/// one wins): no list allocated, and freed, per element.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AttrSpan {
    start: u32,
    len: u32,
}

impl AttrSpan {
    /// The attributes `from..to` of a [`Dom`]'s list.
    pub(crate) fn new(from: usize, to: usize) -> Self {
        let start = u32::try_from(from).unwrap_or(u32::MAX);
        AttrSpan {
            start,
            len: u32::try_from(to - from).unwrap_or(0),
        }
    }

    /// How many attributes.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[derive(Debug)]
struct Node<'a> {
    parent: u32,
    first: u32,
    last: u32,
    next: u32,
    data: Data<'a>,
}

/// A document's tree (the root is the document node).
#[derive(Debug)]
pub struct Dom<'a> {
    nodes: Vec<Node<'a>>,
    /// The attributes of the elements, each element's a span of them.
    attrs: Vec<Attr<'a>>,
}

fn id(i: u32) -> Option<NodeId> {
    (i != NONE).then_some(NodeId(i))
}

impl Node<'_> {
    /// Whether dropping the node frees nothing: no owned text, no
    /// dynamic atom (most nodes of a page).
    fn owns_nothing(&self) -> bool {
        match &self.data {
            Data::Document | Data::Fragment => true,
            Data::Text(t) | Data::Comment(t) => matches!(t, Cow::Borrowed(_)),
            Data::Element(e) => !e.name.is_dynamic(),
            Data::Doctype(_) => false,
        }
    }
}

impl Drop for Dom<'_> {
    /// Frees what the nodes own: a node that owns nothing is checked in
    /// line and forgotten, rather than dropped by an out-of-line call per
    /// node (some 40 instructions each, for the ~1,600 nodes of a page).
    fn drop(&mut self) {
        for node in self.nodes.drain(..) {
            if node.owns_nothing() {
                // Nothing to free: forgetting it is dropping it.
                std::mem::forget(node);
            }
        }
    }
}

impl Default for Dom<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'a> Dom<'a> {
    /// A tree holding only the document node.
    pub fn new() -> Self {
        Self::with_capacity(256)
    }

    /// A tree holding only the document node, with room for `n` nodes
    /// (and the attributes usual with them: about one for three).
    pub fn with_capacity(n: usize) -> Self {
        let mut d = Dom {
            nodes: Vec::with_capacity(n),
            attrs: Vec::with_capacity(n / 3),
        };
        d.create(Data::Document);
        d
    }

    // ---- building ----

    /// A new node, not yet in the tree.
    #[inline]
    pub fn create(&mut self, data: Data<'a>) -> NodeId {
        let i = u32::try_from(self.nodes.len()).unwrap_or(NONE - 1);
        self.nodes.push(Node {
            parent: NONE,
            first: NONE,
            last: NONE,
            next: NONE,
            data,
        });
        NodeId(i)
    }

    /// A new HTML element; a `<template>`'s contents are the node created
    /// right after it ([`Dom::template_contents`]).
    #[inline]
    pub fn create_element(&mut self, name: LocalName, attrs: AttrSpan) -> NodeId {
        // Compared as atoms: no text read.
        let template = name == html5ever::local_name!("template");
        let e = self.create(Data::Element(Element {
            name,
            html: true,
            attrs,
        }));
        if template {
            self.create(Data::Fragment);
        }
        e
    }

    /// The contents of the `<template>` element `t`.
    pub fn template_contents(&self, t: NodeId) -> NodeId {
        NodeId(t.0 + 1)
    }

    fn node(&self, n: NodeId) -> &Node<'a> {
        &self.nodes[n.0 as usize]
    }

    fn node_mut(&mut self, n: NodeId) -> &mut Node<'a> {
        &mut self.nodes[n.0 as usize]
    }

    /// Appends `child` (a node not in the tree) to `parent`'s children.
    #[inline]
    pub fn append(&mut self, parent: NodeId, child: NodeId) {
        let last = self.node(parent).last;
        if let Some(last) = id(last) {
            self.node_mut(last).next = child.0;
        } else {
            self.node_mut(parent).first = child.0;
        }
        self.node_mut(parent).last = child.0;
        self.node_mut(child).parent = parent.0;
    }

    /// Takes `n` out of its parent's children (a node not in the tree is
    /// left as it is).
    pub fn detach(&mut self, n: NodeId) {
        let Some(parent) = id(self.node(n).parent) else {
            return;
        };
        let next = self.node(n).next;
        let first = self.node(parent).first;
        let prev = if first == n.0 {
            self.node_mut(parent).first = next;
            NONE
        } else {
            let mut c = first;
            while self.nodes[c as usize].next != n.0 {
                c = self.nodes[c as usize].next;
            }
            self.nodes[c as usize].next = next;
            c
        };
        if next == NONE {
            self.node_mut(parent).last = prev;
        }
        let node = self.node_mut(n);
        node.parent = NONE;
        node.next = NONE;
    }

    /// Moves all the children of `from`, in order, to the end of `to`'s.
    pub fn reparent_children(&mut self, from: NodeId, to: NodeId) {
        let (first, last) = (self.node(from).first, self.node(from).last);
        let Some(first) = id(first) else {
            return;
        };
        let mut c = Some(first);
        while let Some(k) = c {
            self.node_mut(k).parent = to.0;
            c = self.next_sibling(k);
        }
        if let Some(old_last) = id(self.node(to).last) {
            self.node_mut(old_last).next = first.0;
        } else {
            self.node_mut(to).first = first.0;
        }
        self.node_mut(to).last = last;
        let f = self.node_mut(from);
        f.first = NONE;
        f.last = NONE;
    }

    /// A new element with the name and attributes of the element `n`
    /// (the adoption agency's copy of a formatting element), not yet in
    /// the tree; `None` when `n` is not an element.
    /// The copy shares the attributes' span: a span's attributes never
    /// change ([`Dom::add_attrs_if_missing`] gives an element a new one).
    pub fn clone_element(&mut self, n: NodeId) -> Option<NodeId> {
        let (name, attrs) = match self.data(n) {
            Data::Element(e) => (e.name.clone(), e.attrs),
            _ => return None,
        };
        Some(self.create_element(name, attrs))
    }

    /// Appends text to `parent`: to its last child when that is a text,
    /// as a new text node otherwise.
    #[inline(always)]
    pub fn append_text(&mut self, parent: NodeId, text: Cow<'a, str>) {
        let last = self.node(parent).last;
        // `NONE` is no index: a parent without children gets `None`.
        if let Some(Node {
            data: Data::Text(t),
            ..
        }) = self.nodes.get_mut(last as usize)
        {
            t.to_mut().push_str(&text);
            return;
        }
        let t = self.push_child(parent.0, Data::Text(text));
        self.link_last(parent.0, last, t);
    }

    /// A new node whose parent is `parent`, not yet linked to its
    /// siblings ([`Dom::link_last`]).
    fn push_child(&mut self, parent: u32, data: Data<'a>) -> u32 {
        let i = u32::try_from(self.nodes.len()).unwrap_or(NONE - 1);
        self.nodes.push(Node {
            parent,
            first: NONE,
            last: NONE,
            next: NONE,
            data,
        });
        i
    }

    /// Makes `child` the last child of `parent`, whose last child was
    /// `last` (`NONE`: none).
    fn link_last(&mut self, parent: u32, last: u32, child: u32) {
        match self.nodes.get_mut(last as usize) {
            Some(l) => l.next = child,
            None => self.nodes[parent as usize].first = child,
        }
        self.nodes[parent as usize].last = child;
    }

    /// Adds to the element `n` the attributes of `attrs` it does not have
    /// yet: its attributes and those are copied to the end of the list as
    /// its new span (rare: a second `<html>` or `<body>` tag).
    pub fn add_attrs_if_missing(&mut self, n: NodeId, attrs: AttrSpan) {
        let Some(e) = self.element(n) else {
            return;
        };
        let mine = e.attrs;
        let missing: Vec<Attr<'a>> = self
            .span(attrs)
            .iter()
            .filter(|(k, _)| !self.span(mine).iter().any(|(m, _)| m == k))
            .cloned()
            .collect();
        if missing.is_empty() {
            return;
        }
        let from = self.attrs.len();
        self.attrs.extend_from_within(Self::range(mine));
        self.attrs.extend(missing);
        let span = AttrSpan::new(from, self.attrs.len());
        if let Data::Element(e) = &mut self.node_mut(n).data {
            e.attrs = span;
        }
    }

    /// The list the attributes of new elements are added to, each
    /// element's then given as the span of them ([`AttrSpan::new`]).
    pub(crate) fn attr_list(&mut self) -> &mut Vec<Attr<'a>> {
        &mut self.attrs
    }

    fn range(s: AttrSpan) -> std::ops::Range<usize> {
        s.start as usize..s.start as usize + s.len as usize
    }

    /// The attributes of the span `s`.
    pub(crate) fn span(&self, s: AttrSpan) -> &[Attr<'a>] {
        &self.attrs[Self::range(s)]
    }

    /// The attributes of the element `e` (of this tree).
    pub fn attrs(&self, e: &Element) -> &[Attr<'a>] {
        self.span(e.attrs)
    }

    // ---- reading ----

    /// The number of nodes created (those detached since included): an
    /// upper bound of the nodes in the tree, for sizing what a reader
    /// collects per node.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// The document node.
    pub fn root(&self) -> NodeId {
        NodeId(0)
    }

    /// The `<body>` child of the `<html>` child of the document.
    pub fn body(&self) -> Option<NodeId> {
        let html = self.child_named(self.root(), "html")?;
        self.child_named(html, "body")
    }

    fn child_named(&self, n: NodeId, name: &str) -> Option<NodeId> {
        self.children(n).find(|c| self.name(*c) == Some(name))
    }

    pub fn data(&self, n: NodeId) -> &Data<'a> {
        &self.node(n).data
    }

    pub fn element(&self, n: NodeId) -> Option<&Element> {
        match self.data(n) {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }

    /// An element's local name.
    pub fn name(&self, n: NodeId) -> Option<&str> {
        self.element(n).map(|e| &*e.name)
    }

    /// The value of an element's attribute.
    pub fn attr(&self, n: NodeId, name: &str) -> Option<&str> {
        self.element_attr(self.element(n)?, name)
    }

    /// The value of the attribute `name` of the element `e` (of this tree).
    pub fn element_attr(&self, e: &Element, name: &str) -> Option<&str> {
        self.attrs(e)
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_ref())
    }

    pub fn parent(&self, n: NodeId) -> Option<NodeId> {
        id(self.node(n).parent)
    }

    pub fn first_child(&self, n: NodeId) -> Option<NodeId> {
        id(self.node(n).first)
    }

    pub fn next_sibling(&self, n: NodeId) -> Option<NodeId> {
        id(self.node(n).next)
    }

    /// The children of `n`, in order.
    pub fn children(&self, n: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.first_child(n), |c| self.next_sibling(*c))
    }

    /// The nodes under `n` in document order (not `n` itself; not a
    /// template's contents).
    pub fn descendants(&self, n: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.first_child(n), move |c| self.following(*c, n))
    }

    /// The elements of the document named `name`, in document order.
    pub fn elements_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = NodeId> + 's {
        self.descendants(self.root())
            .filter(move |n| self.name(*n) == Some(name))
    }

    /// The node after `c` in document order inside `top`.
    pub(crate) fn following(&self, c: NodeId, top: NodeId) -> Option<NodeId> {
        self.first_child(c).or_else(|| self.after_subtree(c, top))
    }

    /// The node after `c`'s subtree in document order inside `top`: where
    /// [`Dom::descendants`] goes on when it does not enter `c`.
    pub(crate) fn after_subtree(&self, c: NodeId, top: NodeId) -> Option<NodeId> {
        let mut c = c;
        loop {
            if c == top {
                return None;
            }
            if let Some(s) = self.next_sibling(c) {
                return Some(s);
            }
            c = self.parent(c)?;
        }
    }

    /// The text of `n` and its descendants, joined.
    pub fn text(&self, n: NodeId) -> String {
        let mut out = String::new();
        for d in std::iter::once(n).chain(self.descendants(n)) {
            if let Data::Text(t) = self.data(d) {
                out.push_str(t);
            }
        }
        out
    }

    /// The tree as lines of text, one node a line, indented by depth,
    /// template contents under their element (for comparing trees).
    pub fn outline(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![(self.root(), 0usize)];
        while let Some((n, depth)) = stack.pop() {
            let pad = " ".repeat(depth.min(200));
            out.push(format!("{pad}{}", self.line(n)));
            let mut kids: Vec<NodeId> = self.children(n).collect();
            if matches!(self.name(n), Some("template")) {
                kids.push(self.template_contents(n));
            }
            stack.extend(kids.into_iter().rev().map(|c| (c, depth + 1)));
        }
        out
    }

    fn line(&self, n: NodeId) -> String {
        match self.data(n) {
            Data::Document => "#document".to_string(),
            Data::Fragment => "#fragment".to_string(),
            Data::Doctype(d) => {
                let [name, public, system] = &**d;
                format!("<!doctype {name} {public:?} {system:?}>")
            }
            Data::Comment(c) => format!("<!-- {c:?} -->"),
            Data::Text(t) => format!("{t:?}"),
            Data::Element(e) => {
                let attrs: Vec<String> = self
                    .attrs(e)
                    .iter()
                    .map(|(k, v)| format!("{k}={v:?}"))
                    .collect();
                format!("<{} {} {}>", &*e.name, e.html, attrs.join(" "))
            }
        }
    }
}

impl Dom<'static> {
    /// The tree html5ever (`dom_query`) builds of `t`.
    pub fn parse_html(t: &str) -> Self {
        Self::from_document(&dom_query::Document::from(t))
    }

    /// The nodes of a `dom_query` document that are in its tree (a
    /// template's contents included), in `dom_query`'s creation order.
    fn from_document(doc: &dom_query::Document) -> Self {
        use dom_query::NodeData;
        let mut found = Vec::new();
        let mut todo = vec![doc.root()];
        while let Some(n) = todo.pop() {
            found.push(n.id);
            todo.extend(n.children_it(false));
            let contents = n.query(|d| match &d.data {
                NodeData::Element(e) => e.template_contents,
                _ => None,
            });
            if let Some(tc) = contents.flatten().and_then(|t| doc.tree.get(&t)) {
                todo.push(tc);
            }
        }
        found.sort_unstable();
        let mut dom = Dom {
            nodes: Vec::new(),
            attrs: Vec::new(),
        };
        let mut ids = rustc_hash::FxHashMap::default();
        for n in &found {
            let data = doc.tree.get(n).and_then(|r| {
                r.query(|d| match &d.data {
                    NodeData::Document => Data::Document,
                    NodeData::Fragment | NodeData::ProcessingInstruction { .. } => Data::Fragment,
                    NodeData::Doctype {
                        name,
                        public_id,
                        system_id,
                    } => Data::Doctype(Box::new([
                        Cow::Owned(name.to_string()),
                        Cow::Owned(public_id.to_string()),
                        Cow::Owned(system_id.to_string()),
                    ])),
                    NodeData::Comment { contents } => {
                        Data::Comment(Cow::Owned(contents.to_string()))
                    }
                    NodeData::Text { contents } => Data::Text(Cow::Owned(contents.to_string())),
                    NodeData::Element(e) => {
                        let from = dom.attrs.len();
                        dom.attrs.extend(e.attrs.iter().map(|a| {
                            (
                                Cow::Owned(a.name.local.to_string()),
                                Cow::Owned(a.value.to_string()),
                            )
                        }));
                        Data::Element(Element {
                            name: e.name.local.clone(),
                            html: e.name.ns == html5ever::ns!(html),
                            attrs: AttrSpan::new(from, dom.attrs.len()),
                        })
                    }
                })
            });
            let mine = dom.create(data.unwrap_or(Data::Fragment));
            ids.insert(*n, mine);
        }
        // Links in document order: each node's children appended in turn
        // (a template's contents are the node after it, here as there).
        for n in &found {
            let Some(r) = doc.tree.get(n) else { continue };
            let Some(&parent) = ids.get(n) else {
                continue;
            };
            for c in r.children_it(false) {
                if let Some(&c) = ids.get(&c.id) {
                    dom.append(parent, c);
                }
            }
        }
        dom
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_nodes_that_own_nothing_are_forgotten() {
        let mut d = Dom::new();
        let from = d.attr_list().len();
        d.attr_list()
            .push((Cow::Borrowed("class"), Cow::Owned("a".to_string())));
        let kept = AttrSpan::new(from, from + 1);
        let cases = [
            (Data::Text(Cow::Borrowed("文")), true),
            (Data::Text(Cow::Owned("文".to_string())), false),
            (Data::Comment(Cow::Borrowed("c")), true),
            (Data::Fragment, true),
            (
                Data::Doctype(Box::new([Cow::Borrowed("html"), "".into(), "".into()])),
                false,
            ),
            (
                Data::Element(Element {
                    name: LocalName::from("div"),
                    html: true,
                    attrs: AttrSpan::default(),
                }),
                true,
            ),
            // Its attributes are the tree's, freed with it.
            (
                Data::Element(Element {
                    name: LocalName::from("div"),
                    html: true,
                    attrs: kept,
                }),
                true,
            ),
            // Neither static nor short enough to be held in line: a
            // dynamic atom, counted.
            (
                Data::Element(Element {
                    name: LocalName::from("x-a-custom-element"),
                    html: true,
                    attrs: AttrSpan::default(),
                }),
                false,
            ),
        ];
        for (data, none) in cases {
            let n = d.create(data);
            assert_eq!(d.node(n).owns_nothing(), none, "{:?}", d.node(n).data);
            d.append(d.root(), n);
        }
        assert!(d.node(d.root()).owns_nothing());
        drop(d);
    }
}
