//! A fast HTML tree builder for the pages news sites serve: the tree
//! html5ever builds, built directly as the readers' [`Dom`] (its texts
//! borrowed from the page), for the markup this module follows (the document
//! structure, implied end tags of `p`, `li`, `dd`/`dt`, `option`,
//! headings, void and raw-text elements, tables without foster parenting,
//! misnested formatting elements by the adoption agency: `adopt.rs`). Any
//! construct it does not follow for certain — an active formatting element
//! closed before its end tag (it would be reconstructed later), text or
//! elements that would be foster-parented out of a table, `<svg>`,
//! `<math>`, `<template>`, `<frameset>`, a `<noscript>` in `<head>`, an
//! unknown doctype where it matters — makes [`parse`] answer `None`, and
//! the page is parsed by html5ever (`Dom::parse_html`): the fast path only
//! saves the time html5ever's character-at-a-time tokenizer and its tree
//! builder spend on the simple case, it never builds another tree.

/// The atom of an element name (`html5ever::local_name!`): a constant,
/// usable as a pattern, so names are matched as integers.
macro_rules! n {
    ($s:tt) => {
        html5ever::local_name!($s)
    };
}

mod adopt;
mod body;
mod kind;
mod lex;
mod names;
mod refs;
mod scan;
mod seek;
mod table;

use std::borrow::Cow;

use html5ever::LocalName;

use crate::dom::{Data, Dom, NodeId};

use lex::{bail, Attrs, Bail, Doctype, Lexer, Tok};
pub(crate) use scan::normalize_newlines;

/// The tree of `t` (newlines normalised: [`normalize_newlines`]), as
/// html5ever builds it from `prune::prune(t)` (the attributes `prune` cuts
/// are not read), or `None` when the page uses markup the fast path does
/// not follow. Its texts borrow from `t` where they can.
pub(crate) fn parse(t: &str) -> Option<Dom<'_>> {
    if memchr::memchr2(0, b'\r', t.as_bytes()).is_some() {
        return None;
    }
    build(t, Lexer::new(t))
}

/// The tree [`parse`] builds of `normalize_newlines(inert::strip(t))`,
/// read from the page as it is: the lexer skips the inert markup where
/// `inert::strip` would cut it and reads each CR LF and lone CR as LF
/// (`Lexer::page`). `None` where the two could differ (inert markup
/// inside a tag, a comment or raw text; a cut that would join text into
/// a character reference or a tag, or a CR to an LF) and where [`parse`]
/// would answer `None`: the caller then makes the stripped copy.
pub(crate) fn parse_page(t: &str) -> Option<Dom<'_>> {
    if memchr::memchr(0, t.as_bytes()).is_some() {
        return None;
    }
    build(t, Lexer::page(t))
}

fn build<'a>(t: &'a str, mut lex: Lexer<'a>) -> Option<Dom<'a>> {
    let mut b = Builder {
        // Room for the nodes of a usual page (about one per 24 bytes of
        // markup): the arena is seldom copied as it grows.
        doc: Dom::with_capacity(t.len() / 24 + 16),
        stack: Vec::new(),
        scope_bits: Vec::new(),
        open_p: 0,
        fmt: Vec::new(),
        mode: Mode::Initial,
        orig: Mode::InBody,
        head: None,
        form: None,
        quirks: None,
        ignore_lf: false,
        templates: Vec::new(),
    };
    loop {
        let tok = lex.next_tok(b.doc.attr_list()).ok()?;
        if lex.take_space() {
            b.space().ok()?;
        }
        let done = tok.is_none();
        b.process(tok).ok()?;
        if done {
            break;
        }
    }
    Some(b.doc)
}

/// What text other than white space does to the element of a mode that
/// takes only white space, before it is read again.
#[derive(Clone, Copy)]
enum Leave {
    /// Closes it (`<head>`, `<noscript>` in the head).
    Pop,
    /// Opens `<body>` (after the head).
    Body,
    /// Nothing (after the body).
    Stay,
}

/// The deepest stack of open elements the fast path builds.
const MAX_STACK: usize = 1024;

#[derive(Clone, Copy, PartialEq, Debug)]
enum Mode {
    Initial,
    BeforeHtml,
    BeforeHead,
    InHead,
    InHeadNoscript,
    AfterHead,
    InBody,
    Text,
    InTable,
    InTableBody,
    InRow,
    InCell,
    InTemplate,
    AfterBody,
    AfterAfterBody,
}

/// Scopes of "has an element in scope".
#[derive(Clone, Copy)]
enum Scope {
    Default,
    Button,
    List,
    Table,
}

/// The bit of `scope` in [`scope_bits`].
fn scope_bit(scope: Scope) -> u8 {
    match scope {
        Scope::Default => 1,
        Scope::Button => 2,
        Scope::List => 4,
        Scope::Table => 8,
    }
}

/// The scopes an element bounds ([`bounds`]), one bit each
/// ([`scope_bit`]): worked out once, when it is pushed.
fn scope_bits(name: &LocalName) -> u8 {
    let all = [Scope::Default, Scope::Button, Scope::List, Scope::Table];
    // One match instead of one per scope (a test checks they agree).
    let scopes: &[Scope] = match *name {
        n!("html") | n!("table") | n!("template") => &all,
        n!("applet")
        | n!("caption")
        | n!("td")
        | n!("th")
        | n!("marquee")
        | n!("object")
        | n!("select") => &all[..3],
        n!("button") => &[Scope::Button],
        n!("ol") | n!("ul") => &[Scope::List],
        _ => &[],
    };
    scopes.iter().fold(0, |b, s| b | scope_bit(*s))
}

fn bounds(scope: Scope, name: &LocalName) -> bool {
    match scope {
        Scope::Table => matches!(*name, n!("html") | n!("table") | n!("template")),
        Scope::Default | Scope::Button | Scope::List => {
            matches!(
                *name,
                n!("applet")
                    | n!("caption")
                    | n!("html")
                    | n!("table")
                    | n!("td")
                    | n!("th")
                    | n!("marquee")
                    | n!("object")
                    | n!("select")
                    | n!("template")
            ) || (matches!(scope, Scope::Button) && *name == n!("button"))
                || (matches!(scope, Scope::List) && matches!(*name, n!("ol") | n!("ul")))
        }
    }
}

/// Elements whose end is implied ("generate implied end tags").
fn implied_end(name: &LocalName) -> bool {
    matches!(
        *name,
        n!("dd")
            | n!("dt")
            | n!("li")
            | n!("option")
            | n!("optgroup")
            | n!("p")
            | n!("rb")
            | n!("rp")
            | n!("rt")
            | n!("rtc")
    )
}

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0c')
}

/// The leading white space of `t` and the rest.
fn split_ws<'a>(t: &Cow<'a, str>) -> (Cow<'a, str>, Cow<'a, str>) {
    let n = t.len() - t.trim_start_matches(is_ws).len();
    match t {
        Cow::Borrowed(s) => (Cow::Borrowed(&s[..n]), Cow::Borrowed(&s[n..])),
        Cow::Owned(s) => (
            Cow::Owned(s[..n].to_string()),
            Cow::Owned(s[n..].to_string()),
        ),
    }
}

/// What a token handler leaves: done, or the token to process again in
/// the mode it set.
type Step<'a> = Result<Option<Tok<'a>>, Bail>;

struct Builder<'a> {
    doc: Dom<'a>,
    /// The stack of open elements.
    stack: Vec<(NodeId, LocalName)>,
    /// The [`scope_bits`] of each element of `stack`, kept alongside it
    /// (`push_open`, `pop`, `remove_open`): scope checks read a bit
    /// instead of comparing names.
    scope_bits: Vec<u8>,
    /// How many `<p>` elements `stack` holds (`push_open`, `pop`,
    /// `remove_open`): with none, "close a `p` element" (before most block
    /// starts) needs no walk of the stack.
    open_p: usize,
    /// The active formatting elements (`None`: a marker). Every entry is
    /// on the stack: a page where one would be left off it (and
    /// reconstructed later) bails.
    fmt: Vec<Option<(NodeId, LocalName)>>,
    mode: Mode,
    /// The mode to return to after a raw-text element.
    orig: Mode,
    head: Option<NodeId>,
    form: Option<NodeId>,
    /// Quirks mode (`None`: a doctype whose mode is not worked out here).
    quirks: Option<bool>,
    /// Drop a newline that starts the next token (after `<pre>`…).
    ignore_lf: bool,
    /// The stack of template insertion modes.
    templates: Vec<Mode>,
}

impl<'a> Builder<'a> {
    /// A text of one space, white space between two tags the lexer gave
    /// as a flag on the tag after it ([`Lexer::take_space`]): appended in
    /// line in the body, as [`Builder::process`] would.
    fn space(&mut self) -> Result<(), Bail> {
        if self.mode == Mode::InBody && self.stack.len() <= MAX_STACK {
            // No newline to drop at its start.
            self.ignore_lf = false;
            return self.text(Cow::Borrowed(" "));
        }
        self.process(Some(Tok::Text(Cow::Borrowed(" "))))
    }

    /// The next token, `None` at the end of the input.
    #[inline(always)]
    fn process(&mut self, tok: Option<Tok<'a>>) -> Result<(), Bail> {
        let Some(mut tok) = tok else {
            return self.eof();
        };
        if std::mem::take(&mut self.ignore_lf) {
            if let Tok::Text(t) = &tok {
                if let Some(rest) = t.strip_prefix('\n') {
                    if rest.is_empty() {
                        return Ok(());
                    }
                    tok = Tok::Text(Cow::Owned(rest.to_string()));
                }
            }
        }
        // Deep nesting makes scope checks slow: left to the old path.
        if self.stack.len() > MAX_STACK {
            return Err(bail());
        }
        // The usual tokens in the body go straight to their handler: a
        // token is not moved through `step` and `in_body` (an end tag
        // given back to be read again goes on below). At most 16 rounds
        // for a token, that first one included.
        let mut rounds = 16;
        if self.mode == Mode::InBody {
            match tok {
                Tok::Text(t) => return self.text(t),
                Tok::Start { name, attrs } => return self.start_in_body(name, attrs),
                Tok::End(n) => match self.end_in_body(n)? {
                    Some(again) => {
                        tok = again;
                        rounds -= 1;
                    }
                    None => return Ok(()),
                },
                _ => {}
            }
        }
        let mut tok = tok;
        for _ in 0..rounds {
            match self.step(tok)? {
                Some(t) => tok = t,
                None => return Ok(()),
            }
        }
        Err(bail())
    }

    fn step(&mut self, tok: Tok<'a>) -> Step<'a> {
        match self.mode {
            Mode::Initial => self.initial(tok),
            Mode::BeforeHtml => self.before_html(tok),
            Mode::BeforeHead => self.before_head(tok),
            Mode::InHead => self.in_head(tok),
            Mode::InHeadNoscript => self.in_head_noscript(tok),
            Mode::AfterHead => self.after_head(tok),
            Mode::InBody => self.in_body(tok),
            Mode::Text => self.text_mode(tok),
            Mode::InTable => self.in_table(tok),
            Mode::InTableBody => self.in_table_body(tok),
            Mode::InRow => self.in_row(tok),
            Mode::InCell => self.in_cell(tok),
            Mode::InTemplate => self.in_template(tok),
            Mode::AfterBody => self.after_body(tok),
            Mode::AfterAfterBody => self.after_after_body(tok),
        }
    }

    /// The end of the input, in every mode.
    fn eof(&mut self) -> Result<(), Bail> {
        for _ in 0..16 {
            match self.mode {
                Mode::Initial => {
                    self.quirks = Some(true);
                    self.mode = Mode::BeforeHtml;
                }
                Mode::BeforeHtml => {
                    self.root(Attrs::default());
                    self.mode = Mode::BeforeHead;
                }
                Mode::BeforeHead => {
                    self.head = Some(self.insert(n!("head"), Attrs::default()));
                    self.mode = Mode::InHead;
                }
                Mode::InHead => {
                    self.pop_to(Mode::AfterHead)?;
                }
                Mode::InHeadNoscript => {
                    self.pop_to(Mode::InHead)?;
                }
                Mode::AfterHead => {
                    self.insert(n!("body"), Attrs::default());
                    self.mode = Mode::InBody;
                }
                Mode::Text => {
                    self.pop_to(self.orig)?;
                }
                // An open `<template>` at the end: left to html5ever.
                _ if !self.templates.is_empty() => return Err(bail()),
                _ => return Ok(()),
            }
        }
        Err(bail())
    }

    // ---- the tree ----

    fn current_is(&self, name: &LocalName) -> bool {
        self.stack.last().is_some_and(|e| e.1 == *name)
    }

    #[inline]
    fn create(&mut self, name: LocalName, attrs: Attrs) -> (NodeId, LocalName) {
        let id = self.doc.create_element(name.clone(), attrs);
        (id, name)
    }

    /// Where a node is inserted: the current node, or the contents of
    /// the current `<template>`.
    fn target(&self) -> Option<NodeId> {
        let (id, name) = self.stack.last()?;
        // Compared as atoms: no text read.
        if *name == n!("template") {
            Some(self.doc.template_contents(*id))
        } else {
            Some(*id)
        }
    }

    fn template_open(&self) -> bool {
        !self.templates.is_empty()
    }

    /// Creates the element, appends it to the current node, pushes it.
    fn insert(&mut self, name: LocalName, attrs: Attrs) -> NodeId {
        let (id, local) = self.create(name, attrs);
        if let Some(parent) = self.target() {
            self.doc.append(parent, id);
        }
        self.push_open(id, local);
        id
    }

    #[inline(always)]
    fn push_open(&mut self, id: NodeId, local: LocalName) {
        self.open_p += usize::from(local == n!("p"));
        self.scope_bits.push(scope_bits(&local));
        self.stack.push((id, local));
    }

    /// Removes the element at `at` of the stack (not the current node).
    fn remove_open(&mut self, at: usize) {
        let (_, name) = self.stack.remove(at);
        self.open_p -= usize::from(name == n!("p"));
        self.scope_bits.remove(at);
    }

    /// The `<html>` element.
    fn root(&mut self, attrs: Attrs) {
        let (id, local) = self.create(n!("html"), attrs);
        let d = self.doc.root();
        self.doc.append(d, id);
        self.push_open(id, local);
    }

    /// A text token in a mode that takes only white space: the white space
    /// is inserted, and the rest, if any, is given back for the caller to
    /// leave the mode and process again.
    fn leading_ws(&mut self, t: &Cow<'a, str>) -> Result<Option<Cow<'a, str>>, Bail> {
        let (ws, rest) = split_ws(t);
        if !ws.is_empty() {
            self.text(ws)?;
        }
        Ok((!rest.is_empty()).then_some(rest))
    }

    /// Text in a mode that takes only white space: the white space is
    /// inserted; the rest ends the mode (`leave`) and is read again in
    /// `next`.
    fn text_ending_mode(&mut self, t: &Cow<'a, str>, leave: Leave, next: Mode) -> Step<'a> {
        let Some(rest) = self.leading_ws(t)? else {
            return Ok(None);
        };
        match leave {
            Leave::Pop => self.pop()?,
            Leave::Body => {
                self.insert(n!("body"), Attrs::default());
            }
            Leave::Stay => {}
        }
        self.mode = next;
        Ok(Some(Tok::Text(rest)))
    }

    #[inline(always)]
    fn text(&mut self, t: Cow<'a, str>) -> Result<(), Bail> {
        let cur = self.target().ok_or_else(|| bail())?;
        self.doc.append_text(cur, t);
        Ok(())
    }

    fn comment(&mut self, t: &'a str) -> Result<(), Bail> {
        let cur = self.target().ok_or_else(|| bail())?;
        self.comment_to(cur, t);
        Ok(())
    }

    /// A comment that is the document's child (before `<html>`, after
    /// `</html>`).
    fn document_comment(&mut self, t: &'a str) -> Step<'a> {
        let d = self.doc.root();
        self.comment_to(d, t);
        Ok(None)
    }

    fn comment_to(&mut self, parent: NodeId, t: &'a str) {
        let c = self.doc.create(Data::Comment(Cow::Borrowed(t)));
        self.doc.append(parent, c);
    }

    /// Pops the current element and switches to `next`.
    fn pop_to(&mut self, next: Mode) -> Result<(), Bail> {
        self.pop()?;
        self.mode = next;
        Ok(())
    }

    /// Pops the current node; an active formatting element may not go.
    fn pop(&mut self) -> Result<(), Bail> {
        let (id, name) = self.stack.pop().ok_or_else(|| bail())?;
        self.open_p -= usize::from(name == n!("p"));
        self.scope_bits.pop();
        if self.fmt.iter().flatten().any(|e| e.0 == id) {
            return Err(bail());
        }
        Ok(())
    }

    fn pop_until(&mut self, name: &LocalName) -> Result<(), Bail> {
        loop {
            let done = self.current_is(name);
            self.pop()?;
            if done {
                return Ok(());
            }
        }
    }

    fn pop_until_any(&mut self, names: impl Fn(&LocalName) -> bool) -> Result<(), Bail> {
        loop {
            let done = self.stack.last().is_some_and(|e| names(&e.1));
            self.pop()?;
            if done {
                return Ok(());
            }
        }
    }

    fn in_scope(&self, scope: Scope, want: impl Fn(&LocalName) -> bool) -> bool {
        let bit = scope_bit(scope);
        for ((_, name), bits) in self.stack.iter().zip(&self.scope_bits).rev() {
            if want(name) {
                return true;
            }
            if bits & bit != 0 {
                return false;
            }
        }
        false
    }

    /// Whether an element named `local` is in `scope`: names compared as
    /// atoms, scopes read from [`Builder::scope_bits`].
    fn in_scope_named(&self, scope: Scope, local: &LocalName) -> bool {
        let bit = scope_bit(scope);
        for ((_, name), bits) in self.stack.iter().zip(&self.scope_bits).rev() {
            if name == local {
                return true;
            }
            if bits & bit != 0 {
                return false;
            }
        }
        false
    }

    /// Generates implied end tags, but for elements named `except`.
    fn implied_end_except(&mut self, except: Option<&LocalName>) -> Result<(), Bail> {
        while self
            .stack
            .last()
            .is_some_and(|e| Some(&e.1) != except && implied_end(&e.1))
        {
            self.pop()?;
        }
        Ok(())
    }

    fn close_p_in_button_scope(&mut self) -> Result<(), Bail> {
        if self.open_p > 0 && self.in_scope_named(Scope::Button, &n!("p")) {
            self.implied_end_except(Some(&n!("p")))?;
            self.pop_until(&n!("p"))?;
        }
        Ok(())
    }

    /// A raw-text element: inserted, its content read in the text mode.
    fn raw(&mut self, name: LocalName, attrs: Attrs) {
        self.insert(name, attrs);
        self.orig = self.mode;
        self.mode = Mode::Text;
    }

    // ---- the modes before `<body>` ----

    fn initial(&mut self, tok: Tok<'a>) -> Step<'a> {
        match tok {
            Tok::Text(t) => {
                let (_, rest) = split_ws(&t);
                if rest.is_empty() {
                    return Ok(None);
                }
                self.quirks = Some(true);
                self.mode = Mode::BeforeHtml;
                Ok(Some(Tok::Text(rest)))
            }
            Tok::Comment(c) => self.document_comment(c),
            Tok::Doctype(d) => {
                self.doctype(&d);
                self.mode = Mode::BeforeHtml;
                Ok(None)
            }
            tok => {
                self.quirks = Some(true);
                self.mode = Mode::BeforeHtml;
                Ok(Some(tok))
            }
        }
    }

    fn doctype(&mut self, d: &Doctype<'a>) {
        let dt = self.doc.create(Data::Doctype(Box::new([
            d.name.clone(),
            Cow::Borrowed(d.public.unwrap_or("")),
            Cow::Borrowed(d.system.unwrap_or("")),
        ])));
        let root = self.doc.root();
        self.doc.append(root, dt);
        self.quirks = quirks_of(d);
    }

    fn before_html(&mut self, tok: Tok<'a>) -> Step<'a> {
        match tok {
            Tok::Comment(c) => self.document_comment(c),
            Tok::Doctype(_) => Ok(None),
            Tok::Text(t) => {
                let (_, rest) = split_ws(&t);
                if rest.is_empty() {
                    return Ok(None);
                }
                self.root(Attrs::default());
                self.mode = Mode::BeforeHead;
                Ok(Some(Tok::Text(rest)))
            }
            Tok::Start { name, attrs } if name == n!("html") => {
                self.root(attrs);
                self.mode = Mode::BeforeHead;
                Ok(None)
            }
            Tok::End(n) if !matches!(n, n!("head") | n!("body") | n!("html") | n!("br")) => {
                Ok(None)
            }
            tok => {
                self.root(Attrs::default());
                self.mode = Mode::BeforeHead;
                Ok(Some(tok))
            }
        }
    }

    fn before_head(&mut self, tok: Tok<'a>) -> Step<'a> {
        match tok {
            Tok::Text(t) => {
                let (_, rest) = split_ws(&t);
                if rest.is_empty() {
                    return Ok(None);
                }
                self.head = Some(self.insert(n!("head"), Attrs::default()));
                self.mode = Mode::InHead;
                Ok(Some(Tok::Text(rest)))
            }
            Tok::Comment(c) => self.comment(c).map(|_| None),
            Tok::Doctype(_) => Ok(None),
            Tok::Start { name, .. } if name == n!("html") => Err(bail()),
            Tok::Start { name, attrs } if name == n!("head") => {
                self.head = Some(self.insert(n!("head"), attrs));
                self.mode = Mode::InHead;
                Ok(None)
            }
            Tok::End(n) if !matches!(n, n!("head") | n!("body") | n!("html") | n!("br")) => {
                Ok(None)
            }
            tok => {
                self.head = Some(self.insert(n!("head"), Attrs::default()));
                self.mode = Mode::InHead;
                Ok(Some(tok))
            }
        }
    }

    fn in_head(&mut self, tok: Tok<'a>) -> Step<'a> {
        match tok {
            Tok::Text(t) => self.text_ending_mode(&t, Leave::Pop, Mode::AfterHead),
            Tok::Comment(c) => self.comment(c).map(|_| None),
            Tok::Doctype(_) => Ok(None),
            Tok::Start { name, attrs } => match name {
                n!("html") => Err(bail()),
                n!("template") => {
                    self.open_template(attrs)?;
                    Ok(None)
                }
                n!("noscript") => {
                    self.insert(name, attrs);
                    self.mode = Mode::InHeadNoscript;
                    Ok(None)
                }
                n!("base") | n!("basefont") | n!("bgsound") | n!("link") | n!("meta") => {
                    self.insert(name, attrs);
                    self.pop()?;
                    Ok(None)
                }
                n!("title") | n!("noframes") | n!("style") | n!("script") => {
                    self.raw(name, attrs);
                    Ok(None)
                }
                n!("head") => Ok(None),
                _ => self
                    .pop_to(Mode::AfterHead)
                    .map(|_| Some(Tok::Start { name, attrs })),
            },
            Tok::End(n) => match n {
                n!("head") => self.pop_to(Mode::AfterHead).map(|_| None),
                n!("body") | n!("html") | n!("br") => {
                    self.pop_to(Mode::AfterHead).map(|_| Some(Tok::End(n)))
                }
                n!("template") => {
                    self.close_template()?;
                    Ok(None)
                }
                _ => Ok(None),
            },
        }
    }

    /// `<template>`: its content goes to the element's fragment.
    pub(crate) fn open_template(&mut self, attrs: Attrs) -> Result<(), Bail> {
        if self
            .doc
            .span(attrs)
            .iter()
            .any(|(n, _)| n == "shadowrootmode")
        {
            return Err(bail());
        }
        self.fmt.push(None);
        self.mode = Mode::InTemplate;
        self.templates.push(Mode::InTemplate);
        self.insert(n!("template"), attrs);
        Ok(())
    }

    /// `</template>`.
    pub(crate) fn close_template(&mut self) -> Result<(), Bail> {
        if !self.stack.iter().any(|e| e.1 == n!("template")) {
            return Ok(());
        }
        while self.stack.last().is_some_and(|e| {
            implied_end(&e.1)
                || matches!(
                    e.1,
                    n!("caption")
                        | n!("colgroup")
                        | n!("tbody")
                        | n!("td")
                        | n!("tfoot")
                        | n!("th")
                        | n!("thead")
                        | n!("tr")
                )
        }) {
            self.pop()?;
        }
        self.clear_fmt_to_marker();
        self.pop_until(&n!("template"))?;
        self.templates.pop();
        self.mode = self.reset_mode()?;
        Ok(())
    }

    /// The content of a `<template>` before its first element.
    fn in_template(&mut self, tok: Tok<'a>) -> Step<'a> {
        match tok {
            Tok::Text(_) | Tok::Comment(_) | Tok::Doctype(_) => self.in_body(tok),
            Tok::Start { ref name, .. }
                if matches!(
                    *name,
                    n!("base")
                        | n!("basefont")
                        | n!("bgsound")
                        | n!("link")
                        | n!("meta")
                        | n!("noframes")
                        | n!("script")
                        | n!("style")
                        | n!("template")
                        | n!("title")
                ) =>
            {
                self.in_head(tok)
            }
            Tok::End(ref n) if *n == n!("template") => self.in_head(tok),
            Tok::Start { ref name, .. }
                if matches!(
                    *name,
                    n!("caption")
                        | n!("colgroup")
                        | n!("tbody")
                        | n!("tfoot")
                        | n!("thead")
                        | n!("col")
                        | n!("tr")
                        | n!("td")
                        | n!("th")
                ) =>
            {
                Err(bail())
            }
            Tok::Start { .. } => {
                self.templates.pop();
                self.templates.push(Mode::InBody);
                self.mode = Mode::InBody;
                Ok(Some(tok))
            }
            Tok::End(_) => Ok(None),
        }
    }

    /// `<noscript>` in `<head>` (scripting is off).
    fn in_head_noscript(&mut self, tok: Tok<'a>) -> Step<'a> {
        match tok {
            Tok::Text(t) => self.text_ending_mode(&t, Leave::Pop, Mode::InHead),
            Tok::Comment(c) => self.comment(c).map(|_| None),
            Tok::Doctype(_) => Ok(None),
            Tok::Start { name, attrs } => match name {
                n!("html") => Err(bail()),
                n!("basefont")
                | n!("bgsound")
                | n!("link")
                | n!("meta")
                | n!("noframes")
                | n!("style") => self.in_head(Tok::Start { name, attrs }),
                n!("head") | n!("noscript") => Ok(None),
                _ => self
                    .pop_to(Mode::InHead)
                    .map(|_| Some(Tok::Start { name, attrs })),
            },
            Tok::End(n) => match n {
                n!("noscript") => self.pop_to(Mode::InHead).map(|_| None),
                n!("br") => self.pop_to(Mode::InHead).map(|_| Some(Tok::End(n))),
                _ => Ok(None),
            },
        }
    }

    fn after_head(&mut self, tok: Tok<'a>) -> Step<'a> {
        match tok {
            Tok::Text(t) => self.text_ending_mode(&t, Leave::Body, Mode::InBody),
            Tok::Comment(c) => self.comment(c).map(|_| None),
            Tok::Doctype(_) => Ok(None),
            Tok::Start { name, attrs } => match name {
                n!("html") | n!("frameset") | n!("template") => Err(bail()),
                n!("body") => {
                    self.insert(n!("body"), attrs);
                    self.mode = Mode::InBody;
                    Ok(None)
                }
                n!("base")
                | n!("basefont")
                | n!("bgsound")
                | n!("link")
                | n!("meta")
                | n!("noframes")
                | n!("script")
                | n!("style")
                | n!("title") => {
                    let head = self.head.ok_or_else(|| bail())?;
                    self.push_open(head, n!("head"));
                    let r = self.in_head(Tok::Start { name, attrs })?;
                    let at = self
                        .stack
                        .iter()
                        .rposition(|e| e.0 == head)
                        .ok_or_else(|| bail())?;
                    self.remove_open(at);
                    Ok(r)
                }
                n!("head") => Ok(None),
                _ => {
                    self.insert(n!("body"), Attrs::default());
                    self.mode = Mode::InBody;
                    Ok(Some(Tok::Start { name, attrs }))
                }
            },
            Tok::End(n) => match n {
                n!("body") | n!("html") | n!("br") => {
                    self.insert(n!("body"), Attrs::default());
                    self.mode = Mode::InBody;
                    Ok(Some(Tok::End(n)))
                }
                n!("template") => Err(bail()),
                _ => Ok(None),
            },
        }
    }

    fn text_mode(&mut self, tok: Tok<'a>) -> Step<'a> {
        match tok {
            Tok::Text(t) => self.text(t).map(|_| None),
            Tok::End(_) => self.pop_to(self.orig).map(|_| None),
            _ => Err(bail()),
        }
    }

    // ---- after `</body>` ----

    fn after_body(&mut self, tok: Tok<'a>) -> Step<'a> {
        match tok {
            Tok::Text(t) => self.text_ending_mode(&t, Leave::Stay, Mode::InBody),
            Tok::Comment(c) => {
                let html = self.stack.first().ok_or_else(|| bail())?.0;
                self.comment_to(html, c);
                Ok(None)
            }
            Tok::Doctype(_) => Ok(None),
            Tok::Start { name, .. } if name == n!("html") => Err(bail()),
            Tok::End(n) if n == n!("html") => {
                self.mode = Mode::AfterAfterBody;
                Ok(None)
            }
            tok => {
                self.mode = Mode::InBody;
                Ok(Some(tok))
            }
        }
    }

    fn after_after_body(&mut self, tok: Tok<'a>) -> Step<'a> {
        match tok {
            Tok::Comment(c) => self.document_comment(c),
            Tok::Doctype(_) => Ok(None),
            Tok::Text(t) => self.text_ending_mode(&t, Leave::Stay, Mode::InBody),
            Tok::Start { name, .. } if name == n!("html") => Err(bail()),
            tok => {
                self.mode = Mode::InBody;
                Ok(Some(tok))
            }
        }
    }
}

/// The quirks mode a doctype sets, for the usual doctypes (`None`: not
/// worked out here).
fn quirks_of(d: &Doctype<'_>) -> Option<bool> {
    if d.name != "html" {
        return Some(true);
    }
    let public = d.public.map(str::to_ascii_lowercase);
    let starts = |p: &str, prefixes: &[&str]| prefixes.iter().any(|x| p.starts_with(x));
    match (public.as_deref(), d.system) {
        (None, None) => Some(false),
        (None, Some(s)) if s.eq_ignore_ascii_case("about:legacy-compat") => Some(false),
        (Some(p), _)
            if starts(
                p,
                &[
                    "-//w3c//dtd xhtml 1.0 transitional//",
                    "-//w3c//dtd xhtml 1.0 frameset//",
                ],
            ) =>
        {
            Some(false)
        }
        (Some(p), system)
            if starts(
                p,
                &[
                    "-//w3c//dtd html 4.01 transitional//",
                    "-//w3c//dtd html 4.01 frameset//",
                ],
            ) =>
        {
            Some(system.is_none())
        }
        (
            Some(
                "-//w3c//dtd xhtml 1.0 strict//en"
                | "-//w3c//dtd xhtml 1.1//en"
                | "-//w3c//dtd html 4.01//en",
            ),
            _,
        ) => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
