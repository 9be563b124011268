//! A byte-level HTML tokenizer for the fast tree builder: the tokens
//! html5ever's tokenizer emits for the markup `tree` handles, read a run
//! at a time instead of a character at a time. Whatever it does not follow
//! for certain (an unterminated tag or comment, a CDATA section, `<!--`
//! inside a script, `<plaintext>`, an unusual doctype) is a [`Bail`]: the
//! page is parsed by html5ever instead.

use std::borrow::Cow;

use html5ever::LocalName;
use memchr::{memchr, memmem};

use super::names::name_atom_in;
use super::refs::{char_ref, decode, decode_cow};
use super::scan::{
    all_ws, has_cr, is_ws, name_end_lanes, skip_until, skip_ws_run, skip_ws_words, word_at,
    ATTR_END, LT, NAME_END, VALUE_END,
};
use super::seek::Seek;

/// The page uses markup the fast path does not handle.
#[derive(Debug)]
pub(crate) struct Bail;

/// A start tag's kept attributes: where [`Lexer::next_tok`] added them to
/// the list it is given (the tree's, [`crate::dom::Dom::attr_list`]).
pub(crate) use crate::dom::AttrSpan as Attrs;

/// The list of attributes the lexer adds a start tag's to.
pub(crate) type AttrList<'a> = Vec<crate::dom::Attr<'a>>;

pub(crate) enum Tok<'a> {
    Text(Cow<'a, str>),
    /// A start tag: its name (lower case, as an atom: the tree builder
    /// compares names as integers) and its kept attributes.
    Start {
        name: LocalName,
        attrs: Attrs,
    },
    End(LocalName),
    Comment(&'a str),
    /// Boxed: rare, and every token moved is smaller.
    Doctype(Box<Doctype<'a>>),
}

pub(crate) struct Doctype<'a> {
    pub name: Cow<'a, str>,
    pub public: Option<&'a str>,
    pub system: Option<&'a str>,
}

/// How the content of the element just opened is read.
#[derive(Clone, Copy, PartialEq)]
enum Raw {
    /// RCDATA: character references decoded (`<title>`, `<textarea>`).
    Rcdata,
    /// RAWTEXT and script data: taken as it is.
    Rawtext,
}

/// What opening the element `name` does to the reading of what follows:
/// its content is raw text of a kind, and whether its first newline is
/// dropped (`<pre>`, `<listing>`, `<textarea>`: [`Lexer::keep_ws`]). One
/// match for both; `<plaintext>` bails.
fn opens(name: &LocalName) -> Result<(Option<Raw>, bool), Bail> {
    Ok(match *name {
        n!("textarea") => (Some(Raw::Rcdata), true),
        n!("title") => (Some(Raw::Rcdata), false),
        n!("script") | n!("style") | n!("xmp") | n!("iframe") | n!("noembed") | n!("noframes") => {
            (Some(Raw::Rawtext), false)
        }
        n!("pre") | n!("listing") => (None, true),
        n!("plaintext") => return Err(bail()),
        _ => (None, false),
    })
}

pub(crate) struct Lexer<'a> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
    /// The raw-text element whose content comes next.
    raw: Option<(Raw, LocalName)>,
    /// The last token opened `<pre>`, `<listing>` or `<textarea>`, whose
    /// first newline the tree builder drops: its white space is kept.
    keep_ws: bool,
    /// The attributes kept on each element name ([`KeepCache`]).
    keep_cache: KeepCache,
    /// Skip the markup `inert::strip` cuts ([`Lexer::page`]).
    inert: bool,
    /// The input holds a CR: texts are read with newlines normalised.
    cr: bool,
    /// [`LT`] where cuts are checked inside tags ([`Lexer::scan`]), else 0.
    lt: u8,
    /// White space before cuts in the text being read, not yet copied.
    held: Held,
    /// The token just read comes after white space between two tags, read
    /// as one space: given as a flag on the tag ([`Lexer::take_space`])
    /// rather than as a token of its own, a round of `next_tok` fewer.
    space: bool,
    /// The searches for the end of a text or an attribute value.
    seek: Seek,
}

/// The slots of a [`KeepCache`].
const BOX_SLOTS: usize = 64;

/// `prune::kept_mask` of the element names met so far, one slot per name
/// by a hash of its atom (a later name of the same slot takes it over):
/// a page has a few dozen names, each asked about on most of its tags.
pub(super) struct KeepCache([Option<(LocalName, u32)>; BOX_SLOTS]);

impl KeepCache {
    /// An empty cache.
    pub(super) fn new() -> Self {
        KeepCache([const { None }; BOX_SLOTS])
    }

    /// The entries of `prune::KEEP` kept on an element `name`, bit `i`
    /// for `KEEP[i]` (`prune::kept_mask`).
    pub(super) fn get(&mut self, name: &LocalName) -> u32 {
        // The atom's word (what its equality compares), not its hash: no
        // look-up in the static set.
        let h = name.unsafe_data().wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let slot = &mut self.0[(h >> 58) as usize % BOX_SLOTS];
        match slot {
            Some((n, m)) if n == name => *m,
            _ => {
                let m = crate::prune::kept_mask(name);
                *slot = Some((name.clone(), m));
                m
            }
        }
    }
}

/// The pieces of a text joined over cuts while they are only white space
/// (a few, by their bounds), copied only if the text is not then read as
/// one space between tags: on pages with CRs each copy also normalises.
/// Kept in the [`Lexer`] and emptied by each text read (`n = 0`), rather
/// than made anew for each token.
#[derive(Default)]
struct Held {
    pieces: [(usize, usize); 4],
    n: usize,
}

impl Held {
    /// Holds `b[from..to]` if it is white space and there is room.
    fn hold(&mut self, b: &[u8], from: usize, to: usize) -> bool {
        if self.n == self.pieces.len() || !all_ws(&b[from..to]) {
            return false;
        }
        self.pieces[self.n] = (from, to);
        self.n += 1;
        true
    }
}

fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|c| c.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

impl<'a> Lexer<'a> {
    /// A lexer over `s`, which holds no NUL and no carriage return (the
    /// caller bails or normalises first).
    pub(crate) fn new(s: &'a str) -> Self {
        Lexer {
            s,
            b: s.as_bytes(),
            pos: 0,
            raw: None,
            keep_ws: false,
            keep_cache: KeepCache::new(),
            inert: false,
            cr: false,
            lt: 0,
            held: Held::default(),
            space: false,
            seek: Seek::new(),
        }
    }

    /// A lexer over the page `s` as it is (no NUL), which reads the
    /// tokens [`Lexer::new`] reads from `normalize_newlines(inert::strip(s))`:
    /// a construct `inert::strip` cuts is skipped where a tag may start
    /// (text before and after it is one text), its newlines are read as
    /// normalised. It bails where the two readings could differ: a cut
    /// inside a tag ([`Lexer::scan`], [`Lexer::close_quote`]), a comment
    /// or raw text ([`Lexer::no_cut_in`]), or one that would join its
    /// neighbours ([`Lexer::cut`]).
    pub(crate) fn page(s: &'a str) -> Self {
        Lexer {
            inert: true,
            cr: memchr(b'\r', s.as_bytes()).is_some(),
            lt: LT,
            ..Lexer::new(s)
        }
    }

    /// `s[from..to]`, its newlines normalised on a page with CRs.
    fn nl(&self, from: usize, to: usize) -> Cow<'a, str> {
        let t = &self.s[from..to];
        if self.cr && has_cr(t.as_bytes()) {
            super::normalize_newlines(t)
        } else {
            Cow::Borrowed(t)
        }
    }

    /// Appends `s[from..to]` to `out`, its newlines normalised.
    fn push(&self, out: &mut String, from: usize, to: usize) {
        out.push_str(&self.nl(from, to));
    }

    /// Bails when a construct `inert::strip` would cut starts inside the
    /// comment, doctype or raw text `b[from..to]` (the lexer reads past it).
    fn no_cut_in(&self, from: usize, to: usize) -> Result<(), Bail> {
        if !self.inert {
            return Ok(());
        }
        let mut i = from;
        while let Some(off) = memchr(b'<', &self.b[i..to]) {
            if crate::inert::inert_end(self.b, i + off).is_some() {
                return Err(bail());
            }
            i += off + 1;
        }
        Ok(())
    }

    /// Bails when a construct `inert::strip` would cut starts at the `<`
    /// at `at` inside a tag.
    fn no_cut_at(&self, at: usize) -> Result<(), Bail> {
        match crate::inert::inert_end(self.b, at) {
            Some(_) => Err(bail()),
            None => Ok(()),
        }
    }

    /// [`skip_until`] inside a tag, checking each `<` passed for a cut
    /// ([`Lexer::no_cut_at`]) where `Lexer::page` reads.
    #[inline(always)]
    fn scan(&self, mut i: usize, bits: u8) -> Result<usize, Bail> {
        loop {
            i = skip_until(self.b, i, bits | self.lt);
            if self.lt == 0 || self.b.get(i) != Some(&b'<') {
                return Ok(i);
            }
            self.no_cut_at(i)?;
            i += 1;
        }
    }

    /// The closing quote `q` (`"` or `'`) of a value from `v0`, and
    /// whether a `&` (with `amp`) comes before it; checks each `<` passed
    /// for a cut where `Lexer::page` reads (else passes over it).
    fn close_quote(&self, q: u8, v0: usize, amp: bool) -> Result<(usize, bool), Bail> {
        let b = self.b;
        let slot = Seek::slot(q);
        let mut saw_amp = false;
        let mut i = v0;
        loop {
            let found = if amp {
                self.seek.kept_value[slot].find(&b[i..])
            } else {
                self.seek.value[slot].find(&b[i..])
            };
            let hit = i + found.ok_or_else(|| bail())?;
            match b[hit] {
                c if c == q => return Ok((hit, saw_amp)),
                b'&' => saw_amp = true,
                _ if self.lt != 0 => self.no_cut_at(hit)?,
                _ => {}
            }
            i = hit + 1;
        }
    }

    /// `s[from..to]` of a comment or doctype: bails on a cut inside it or
    /// a CR in it.
    fn plain(&self, from: usize, to: usize) -> Result<&'a str, Bail> {
        self.no_cut_in(from, to)?;
        let t = &self.s[from..to];
        if self.cr && has_cr(t.as_bytes()) {
            return Err(bail());
        }
        Ok(t)
    }

    /// The end of the construct `inert::strip` cuts at `b[at] == b'<'` in
    /// text, if one starts there; bails when the bytes around it would
    /// read otherwise once joined: a `<` or `</` before it (a tag), a
    /// character reference running up to it, a CR before and an LF after
    /// it (one newline).
    fn cut(&self, at: usize) -> Result<Option<usize>, Bail> {
        let b = self.b;
        let Some(&c) = b.get(at + 1) else {
            return Ok(None);
        };
        if c != b'!' && c | 0x20 != b's' {
            return Ok(None);
        }
        let Some(end) = crate::inert::inert_end(b, at) else {
            return Ok(None);
        };
        let before = &b[..at];
        if before.ends_with(b"<") || before.ends_with(b"</") {
            return Err(bail());
        }
        if before.ends_with(b"\r") && b.get(end) == Some(&b'\n') {
            return Err(bail());
        }
        // `&` and a run of letters, digits or `#` up to the cut.
        let run = before
            .iter()
            .rev()
            .take(48)
            .position(|&c| !(c.is_ascii_alphanumeric() || c == b'#'));
        if let Some(k) = run {
            if before[at - 1 - k] == b'&' {
                return Err(bail());
            }
        }
        Ok(Some(end))
    }

    /// The next token, `None` at the end of the input; a start tag's kept
    /// attributes are added to `attrs`.
    pub(crate) fn next_tok(&mut self, attrs: &mut AttrList<'a>) -> Result<Option<Tok<'a>>, Bail> {
        if let Some((kind, name)) = self.raw.take() {
            if let Some(t) = self.raw_text(kind, &name)? {
                return Ok(Some(t));
            }
        }
        let mut text: Option<String> = None;
        // A character reference or `</>` read: the text is not the page's
        // bytes (white space before a tag is then kept as it is).
        let mut refs = false;
        let mut start = self.pos;
        // White space before cuts, not yet copied ([`Held`]).
        self.held.n = 0;
        // The white space the text starts with, read a word at a time: the
        // tag after indentation is found without a search, and a text up
        // to `ws_end` is known to be white space without a second pass.
        let pos0 = start;
        let ws_end = match self.b.get(start) {
            Some(&c) if is_ws(c) => skip_ws_words(self.b, start),
            _ => start,
        };
        if self.tag_at(ws_end) {
            // What the loop below reads, in short: a tag, after white
            // space or nothing.
            self.pos = ws_end;
            if ws_end > start {
                let t = &self.s[start..ws_end];
                if !self.between_tags(t, ws_end, || true) {
                    return Ok(Some(Tok::Text(self.nl(start, ws_end))));
                }
                self.space = true;
            }
            return self.markup(attrs);
        }
        loop {
            // A tag right after the last one (or after white space) is
            // found without a search. White space holds no `<` or `&`: each
            // later round starts past `ws_end`, at `self.pos`.
            let from = ws_end.max(self.pos);
            let found = if self.b.get(from) == Some(&b'<') {
                Some(from - self.pos)
            } else {
                self.seek
                    .text
                    .find(&self.b[from..])
                    .map(|off| off + from - self.pos)
            };
            let Some(off) = found else {
                if let Some(t) = text.as_mut() {
                    self.push(t, self.pos, self.b.len());
                }
                self.pos = self.b.len();
                break;
            };
            let at = self.pos + off;
            if self.b[at] == b'&' {
                match char_ref(self.b, at, false) {
                    Some((dec, end)) => {
                        self.own_text(&mut text, start, at).push_str(&dec);
                        refs = true;
                        self.pos = end;
                    }
                    None => {
                        if let Some(t) = text.as_mut() {
                            self.push(t, self.pos, at + 1);
                        }
                        self.pos = at + 1;
                    }
                }
                continue;
            }
            // '<'
            let next = self.b.get(at + 1).copied();
            // `</>` is no token: the text runs on around it.
            if next == Some(b'/') && self.b.get(at + 2) == Some(&b'>') {
                self.own_text(&mut text, start, at);
                refs = true;
                self.pos = at + 3;
                continue;
            }
            if self.inert {
                if let Some(end) = self.cut(at)? {
                    // The text runs on after the cut.
                    // White space before it is held, not copied.
                    if text.is_none() && (at == start || self.held.hold(self.b, start, at)) {
                        start = end;
                    } else {
                        self.own_text(&mut text, start, at);
                    }
                    self.pos = end;
                    continue;
                }
            }
            let is_markup = match next {
                Some(c) if c.is_ascii_alphabetic() => true,
                Some(b'!') | Some(b'?') => true,
                Some(b'/') => true,
                _ => false,
            };
            if !is_markup {
                if let Some(t) = text.as_mut() {
                    self.push(t, self.pos, at + 1);
                }
                self.pos = at + 1;
                continue;
            }
            if let Some(t) = text.as_mut() {
                self.push(t, self.pos, at);
            }
            self.pos = at;
            break;
        }
        let end = self.pos;
        // White space between two tags is read as one space, given as a
        // flag on the tag after it ([`Lexer::take_space`]): the `<` there
        // was found to start markup and not a cut, as the next round
        // would find again, and is read now.
        if let Some(t) = text {
            if refs && !t.is_empty() {
                return Ok(Some(Tok::Text(Cow::Owned(t))));
            }
            if !t.is_empty() {
                // Joined over a cut: read as the one run it is once cut.
                if !self.between_tags(&t, end, || all_ws(t.as_bytes())) {
                    return Ok(Some(Tok::Text(Cow::Owned(t))));
                }
                self.space = true;
            }
        } else if self.held.n > 0 {
            // White space joined over cuts: between tags, it is read as
            // one space without a copy.
            if std::mem::take(&mut self.keep_ws)
                || self.b.get(end) != Some(&b'<')
                || !all_ws(&self.b[start..end])
            {
                let t = self.held_text(start, end);
                return Ok(Some(Tok::Text(Cow::Owned(t))));
            }
            self.space = true;
        } else if end > start {
            // Asked of the bytes as they are: a CR is white space as the
            // LF it is read as, and no CR is a lone space. The text as
            // first read is white space if it ends at `ws_end`.
            let t = &self.s[start..end];
            let white = || {
                if start == pos0 {
                    end == ws_end
                } else {
                    all_ws(t.as_bytes())
                }
            };
            if !self.between_tags(t, end, white) {
                return Ok(Some(Tok::Text(self.nl(start, end))));
            }
            self.space = true;
        }
        if self.pos >= self.b.len() {
            return Ok(None);
        }
        self.markup(attrs)
    }

    /// Whether a start or end tag whose name starts with a letter starts
    /// at `at`, where no cut does: the tag `next_tok` reads at once after
    /// a tag, or after the white space between two.
    #[inline(always)]
    fn tag_at(&self, at: usize) -> bool {
        let b = self.b;
        if b.get(at) != Some(&b'<') {
            return false;
        }
        let c = b.get(at + 1).copied().unwrap_or(0);
        let first = if c == b'/' {
            b.get(at + 2).copied().unwrap_or(0)
        } else {
            c
        };
        // Only `<!` and `<s` may start a cut ([`Lexer::cut`]), and of the
        // latter only `<sc`, `<st` and `<sv` (script, style, SVG): `<span>`
        // or `<section>` is read at once too.
        first.is_ascii_alphabetic()
            && !(self.inert
                && c | 0x20 == b's'
                && matches!(b.get(at + 2).map(|&d| d | 0x20), Some(b'c' | b't' | b'v')))
    }

    /// Whether the token [`Lexer::next_tok`] gave last is to be read after
    /// a text of one space (white space between two tags): the caller
    /// takes that text first.
    pub(crate) fn take_space(&mut self) -> bool {
        std::mem::take(&mut self.space)
    }

    /// Whether the text `t` of the page's bytes up to `end` is white space
    /// between two tags, which reads as one space (`prune` does the same
    /// for html5ever): fewer bytes for the tree and the block walker.
    /// `white` tells whether `t` is all white space.
    fn between_tags(&mut self, t: &str, end: usize, white: impl FnOnce() -> bool) -> bool {
        !std::mem::take(&mut self.keep_ws) && self.b.get(end) == Some(&b'<') && t != " " && white()
    }

    /// The text read so far as an owned string, `s[..at]` taken in: the
    /// text from `start`, or what is left since `self.pos` added to it.
    fn own_text<'t>(
        &self,
        text: &'t mut Option<String>,
        start: usize,
        at: usize,
    ) -> &'t mut String {
        match text {
            Some(t) => {
                self.push(t, self.pos, at);
                t
            }
            None if self.held.n == 0 => text.insert(self.nl(start, at).into_owned()),
            None => text.insert(self.held_text(start, at)),
        }
    }

    /// The pieces [`Held`] holds, then `s[start..at]`, as one string.
    fn held_text(&self, start: usize, at: usize) -> String {
        let mut t = String::new();
        let held = &self.held;
        for &(from, to) in &held.pieces[..held.n] {
            self.push(&mut t, from, to);
        }
        self.push(&mut t, start, at);
        t
    }

    /// The construct at `self.pos` (a `<` that starts markup). In line in
    /// [`Lexer::next_tok`], which reads most tokens through it: a call
    /// fewer for each.
    #[inline(always)]
    fn markup(&mut self, list: &mut AttrList<'a>) -> Result<Option<Tok<'a>>, Bail> {
        self.keep_ws = false;
        let at = self.pos;
        let b = self.b;
        match b.get(at + 1).copied() {
            Some(b'!') => self.declaration(),
            Some(b'?') => {
                let end = at + 1 + memchr(b'>', &b[at + 1..]).ok_or_else(|| bail())?;
                self.pos = end + 1;
                Ok(Some(Tok::Comment(self.plain(at + 1, end)?)))
            }
            Some(b'/') => match b.get(at + 2).copied() {
                Some(c) if c.is_ascii_alphabetic() => {
                    let (name, end) = self.tag(at + 2, None)?;
                    self.pos = end;
                    Ok(Some(Tok::End(name)))
                }
                Some(_) => {
                    let end = at + 2 + memchr(b'>', &b[at + 2..]).ok_or_else(|| bail())?;
                    self.pos = end + 1;
                    Ok(Some(Tok::Comment(self.plain(at + 2, end)?)))
                }
                None => Err(bail()),
            },
            _ => {
                let from = list.len();
                let (name, end) = self.tag(at + 1, Some(list))?;
                let attrs = Attrs::new(from, list.len());
                self.pos = end;
                let (raw, keep_ws) = opens(&name)?;
                if let Some(kind) = raw {
                    self.raw = Some((kind, name.clone()));
                }
                self.keep_ws = keep_ws;
                Ok(Some(Tok::Start { name, attrs }))
            }
        }
    }

    /// `<!…`: a comment, a doctype or a bogus comment.
    fn declaration(&mut self) -> Result<Option<Tok<'a>>, Bail> {
        let at = self.pos;
        let rest = &self.b[at + 2..];
        if rest.starts_with(b"--") {
            let body = at + 4;
            let tail = &self.b[body..];
            if tail.starts_with(b">") {
                self.pos = body + 1;
                return Ok(Some(Tok::Comment("")));
            }
            if tail.starts_with(b"->") {
                self.pos = body + 2;
                return Ok(Some(Tok::Comment("")));
            }
            let a = memmem::find(tail, b"-->");
            let c = memmem::find(tail, b"--!>");
            let (end, len) = match (a, c) {
                (Some(a), Some(c)) if c < a => (c, 4),
                (Some(a), _) => (a, 3),
                (None, Some(c)) => (c, 4),
                (None, None) => return Err(bail()),
            };
            self.pos = body + end + len;
            return Ok(Some(Tok::Comment(self.plain(body, body + end)?)));
        }
        if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"doctype") {
            return self.doctype(at + 9).map(Some);
        }
        if rest.starts_with(b"[CDATA[") {
            return Err(bail());
        }
        let end = at + 2 + memchr(b'>', rest).ok_or_else(|| bail())?;
        self.pos = end + 1;
        Ok(Some(Tok::Comment(self.plain(at + 2, end)?)))
    }

    /// A doctype of the usual shapes: `<!DOCTYPE html>`, with `PUBLIC
    /// "…" ["…"]` or `SYSTEM "…"`.
    fn doctype(&mut self, from: usize) -> Result<Tok<'a>, Bail> {
        let b = self.b;
        let end = from + memchr(b'>', &b[from..]).ok_or_else(|| bail())?;
        // A CR is read as white space between the parts; one in a quoted
        // id bails.
        self.no_cut_in(from, end)?;
        let mut i = from;
        let skip = |i: &mut usize| {
            while *i < end && is_ws(b[*i]) {
                *i += 1;
            }
        };
        if i >= end || !is_ws(b[i]) {
            return Err(bail());
        }
        skip(&mut i);
        let n0 = i;
        while i < end && !is_ws(b[i]) {
            i += 1;
        }
        if n0 == i {
            return Err(bail());
        }
        let name = lower(&self.s[n0..i]);
        skip(&mut i);
        let quoted = |i: &mut usize| -> Result<&'a str, Bail> {
            let q = *b.get(*i).ok_or_else(|| bail())?;
            if q != b'"' && q != b'\'' {
                return Err(bail());
            }
            let close = *i + 1 + memchr(q, &b[*i + 1..end]).ok_or_else(|| bail())?;
            let v = self.plain(*i + 1, close)?;
            *i = close + 1;
            Ok(v)
        };
        let (mut public, mut system) = (None, None);
        if i < end {
            let kw = b.get(i..i + 6).ok_or_else(|| bail())?;
            if kw.eq_ignore_ascii_case(b"public") {
                i += 6;
                if i >= end || !is_ws(b[i]) {
                    return Err(bail());
                }
                skip(&mut i);
                public = Some(quoted(&mut i)?);
                if i < end {
                    if !is_ws(b[i]) {
                        return Err(bail());
                    }
                    skip(&mut i);
                    if i < end {
                        system = Some(quoted(&mut i)?);
                    }
                }
            } else if kw.eq_ignore_ascii_case(b"system") {
                i += 6;
                if i >= end || !is_ws(b[i]) {
                    return Err(bail());
                }
                skip(&mut i);
                system = Some(quoted(&mut i)?);
            } else {
                return Err(bail());
            }
            skip(&mut i);
            if i < end {
                return Err(bail());
            }
        }
        self.pos = end + 1;
        Ok(Tok::Doctype(Box::new(Doctype {
            name,
            public,
            system,
        })))
    }

    /// The content of a raw-text element up to its end tag (left for the
    /// next call), or `None` when it is empty.
    fn raw_text(&mut self, kind: Raw, name: &str) -> Result<Option<Tok<'a>>, Bail> {
        let b = self.b;
        let from = self.pos;
        let mut i = from;
        let end = loop {
            let Some(off) = memmem::find(&b[i..], b"</") else {
                break b.len();
            };
            let at = i + off;
            let n = at + 2 + name.len();
            if b.len() >= n
                && b[at + 2..n].eq_ignore_ascii_case(name.as_bytes())
                && b.get(n).is_none_or(|&c| is_ws(c) || c == b'/' || c == b'>')
            {
                if b.get(n).is_none() {
                    return Err(bail());
                }
                break at;
            }
            i = at + 2;
        };
        let body = &self.s[from..end];
        if name == "script" && memmem::find(body.as_bytes(), b"<!--").is_some() {
            return Err(bail());
        }
        self.no_cut_in(from, end)?;
        self.pos = end;
        if body.is_empty() {
            return Ok(None);
        }
        let body = self.nl(from, end);
        if kind == Raw::Rcdata {
            return Ok(Some(Tok::Text(decode_cow(body, false))));
        }
        Ok(Some(Tok::Text(body)))
    }

    /// A tag whose name starts at `from`: its lower-case name and one past
    /// its `>`; its attributes (the first of duplicates; only those `prune`
    /// keeps) are added to `attrs` if asked for (an end tag's are not).
    /// A tag of a name alone (`</div>`, `<li>`: every end tag but a few)
    /// is read here, in line; the others by [`Lexer::tag_attrs`].
    #[inline(always)]
    fn tag(
        &mut self,
        from: usize,
        attrs: Option<&mut AttrList<'a>>,
    ) -> Result<(LocalName, usize), Bail> {
        let i = self.scan(from, NAME_END)?;
        if self.b.get(i) == Some(&b'>') {
            return Ok((name_atom_in(self.s, from, i), i + 1));
        }
        self.tag_attrs(from, i, attrs)
    }

    /// [`Lexer::tag`] of a tag whose name ends at `i` before white space,
    /// a `/` or the end of the input.
    fn tag_attrs(
        &mut self,
        from: usize,
        mut i: usize,
        mut attrs: Option<&mut AttrList<'a>>,
    ) -> Result<(LocalName, usize), Bail> {
        let b = self.b;
        let s = self.s;
        let name = name_atom_in(s, from, i);
        // The entries of `prune::KEEP` kept on this element (asked once,
        // and only if a listed attribute is found), and those added.
        let mut kept = None;
        let mut added = 0u32;
        loop {
            // Before an attribute name.
            i = skip_ws_run(b, i);
            match b.get(i).copied() {
                None => return Err(bail()),
                Some(b'>') => return Ok((name, i + 1)),
                Some(b'/') => {
                    i += 1;
                    continue;
                }
                Some(b'<') if self.lt != 0 => self.no_cut_at(i)?,
                Some(_) => {}
            }
            let n0 = i;
            // The name, read a word at a time up to a byte that may end it
            // (`p`), then by the byte classes from there: its first
            // character may be '=' ([`name_words`]).
            let (lo, hi, known, p) = name_words(b, n0);
            // `name="…"` (or `'`), most attributes: the name ends at `p`
            // and the value is quoted right after, none of the byte
            // classes and white space between asked.
            let fast = b.get(p) == Some(&b'=') && matches!(b.get(p + 1), Some(b'"' | b'\''));
            i = if fast { p } else { self.scan(p, ATTR_END)? };
            // Values of attributes nobody reads are skipped, not decoded.
            // The name is `b[n0..i]`, its bytes in the words read if it
            // ended where they said.
            let entry = match attrs {
                Some(_) if i - n0 <= known => crate::prune::keep_index_words(lo, hi, &b[n0..i]),
                Some(_) => crate::prune::keep_index_in(b, n0, i - n0),
                None => None,
            };
            // The first of duplicates only.
            let keep = entry.is_some_and(|k| {
                let bit = 1u32 << k;
                *kept.get_or_insert_with(|| self.keep_cache.get(&name)) & bit != 0
                    && added & bit == 0
            });
            let mut value: Cow<'a, str> = Cow::Borrowed("");
            // Where the value's opening quote is, if it is quoted.
            let mut quote = None;
            if fast {
                quote = Some(p + 1);
            } else {
                i = skip_ws_run(b, i);
                if b.get(i) == Some(&b'=') {
                    i = skip_ws_run(b, i + 1);
                    match b.get(i).copied() {
                        None => return Err(bail()),
                        Some(b'"' | b'\'') => quote = Some(i),
                        Some(b'>') => {}
                        Some(_) => {
                            let v0 = i;
                            i = self.scan(i, VALUE_END)?;
                            if keep {
                                value = decode(&s[v0..i], true);
                            }
                        }
                    }
                }
            }
            if let Some(at) = quote {
                let v0 = at + 1;
                // A kept value without `&` is borrowed as it is, read once.
                let (close, amp) = self.close_quote(b[at], v0, keep)?;
                if keep {
                    value = self.nl(v0, close);
                    if amp {
                        value = decode_cow(value, true);
                    }
                }
                i = close + 1;
            }
            if let (true, Some(attrs), Some(k)) = (keep, attrs.as_deref_mut(), entry) {
                // The name as `KEEP` lists it: lower-cased.
                added |= 1 << k;
                attrs.push((Cow::Borrowed(crate::prune::KEEP[k].0), value));
            }
        }
    }
}

/// The attribute name from `b[n0]` (no white space, `/` or `>`) read a
/// word at a time: its first sixteen bytes as two little-endian words,
/// how many of them were read (0, 8 or 16: those bytes are in the words)
/// and where the name may end: the first byte past `n0` that may end it
/// ([`name_end_lanes`]), or where the words end. `hi` is 0 when the name
/// ends in the first word.
#[inline(always)]
fn name_words(b: &[u8], n0: usize) -> (u64, u64, usize, usize) {
    let Some(lo) = word_at(b, n0) else {
        return (0, 0, 0, n0 + 1);
    };
    // The first byte is the name's whatever it is.
    let m = name_end_lanes(lo) & !0x80;
    if m != 0 {
        return (lo, 0, 8, n0 + (m.trailing_zeros() / 8) as usize);
    }
    let Some(hi) = word_at(b, n0 + 8) else {
        return (lo, 0, 8, n0 + 8);
    };
    let m = name_end_lanes(hi);
    if m != 0 {
        return (lo, hi, 16, n0 + 8 + (m.trailing_zeros() / 8) as usize);
    }
    (lo, hi, 16, n0 + 16)
}

/// A [`Bail`]; with `SHIJU_TREE_DEBUG` set, says where (a development aid).
#[track_caller]
pub(crate) fn bail() -> Bail {
    if std::env::var_os("SHIJU_TREE_DEBUG").is_some() {
        eprintln!("bail at {}", std::panic::Location::caller());
    }
    Bail
}
