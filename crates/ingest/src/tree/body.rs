//! The "in body" insertion mode.

use html5ever::LocalName;

use super::kind::{self, End, Start};
use super::lex::{bail, Attrs, Bail, Tok};
use super::{Builder, Mode, Scope, Step};

/// The tree builder's special elements.
pub(super) fn special(name: &LocalName) -> bool {
    matches!(
        *name,
        n!("address")
            | n!("applet")
            | n!("area")
            | n!("article")
            | n!("aside")
            | n!("base")
            | n!("basefont")
            | n!("bgsound")
            | n!("blockquote")
            | n!("body")
            | n!("br")
            | n!("button")
            | n!("caption")
            | n!("center")
            | n!("col")
            | n!("colgroup")
            | n!("dd")
            | n!("details")
            | n!("dir")
            | n!("div")
            | n!("dl")
            | n!("dt")
            | n!("embed")
            | n!("fieldset")
            | n!("figcaption")
            | n!("figure")
            | n!("footer")
            | n!("form")
            | n!("frame")
            | n!("frameset")
            | n!("h1")
            | n!("h2")
            | n!("h3")
            | n!("h4")
            | n!("h5")
            | n!("h6")
            | n!("head")
            | n!("header")
            | n!("hgroup")
            | n!("hr")
            | n!("html")
            | n!("iframe")
            | n!("img")
            | n!("input")
            | n!("isindex")
            | n!("li")
            | n!("link")
            | n!("listing")
            | n!("main")
            | n!("marquee")
            | n!("menu")
            | n!("meta")
            | n!("nav")
            | n!("noembed")
            | n!("noframes")
            | n!("noscript")
            | n!("object")
            | n!("ol")
            | n!("p")
            | n!("param")
            | n!("plaintext")
            | n!("pre")
            | n!("script")
            | n!("section")
            | n!("select")
            | n!("source")
            | n!("style")
            | n!("summary")
            | n!("table")
            | n!("tbody")
            | n!("td")
            | n!("template")
            | n!("textarea")
            | n!("tfoot")
            | n!("th")
            | n!("thead")
            | n!("title")
            | n!("tr")
            | n!("track")
            | n!("ul")
            | n!("wbr")
            | n!("xmp")
    )
}

fn heading(name: &LocalName) -> bool {
    matches!(
        *name,
        n!("h1") | n!("h2") | n!("h3") | n!("h4") | n!("h5") | n!("h6")
    )
}

impl<'a> Builder<'a> {
    pub(super) fn in_body(&mut self, tok: Tok<'a>) -> Step<'a> {
        match tok {
            Tok::Text(t) => self.text(t).map(|_| None),
            Tok::Comment(c) => self.comment(c).map(|_| None),
            Tok::Doctype(_) => Ok(None),
            Tok::Start { name, attrs } => self.start_in_body(name, attrs).map(|_| None),
            Tok::End(n) => self.end_in_body(n),
        }
    }

    pub(super) fn start_in_body(&mut self, name: LocalName, attrs: Attrs) -> Result<(), Bail> {
        match kind::start(&name) {
            Start::Body | Start::Html if self.template_open() => {}
            Start::Template => self.open_template(attrs)?,
            Start::Body => {
                if self.stack.len() >= 2 && self.stack[1].1 == n!("body") {
                    let body = self.stack[1].0;
                    self.doc.add_attrs_if_missing(body, attrs);
                }
            }
            Start::Html => {
                let html = self.stack.first().ok_or_else(|| bail())?.0;
                self.doc.add_attrs_if_missing(html, attrs);
            }
            Start::Marker => {
                self.insert(name, attrs);
                self.fmt.push(None);
            }
            Start::Nobr => {
                if self.in_scope_named(Scope::Default, &n!("nobr")) {
                    return Err(bail());
                }
                self.formatting_element(name, attrs)?;
            }
            Start::Bail => return Err(bail()),
            Start::Head => {
                self.insert(name, attrs);
                self.pop()?;
            }
            Start::Raw => self.raw(name, attrs),
            Start::Textarea => {
                self.raw(name, attrs);
                self.ignore_lf = true;
            }
            Start::ClosesP => {
                self.close_p_in_button_scope()?;
                self.insert(name, attrs);
            }
            Start::Heading => {
                self.close_p_in_button_scope()?;
                if self.stack.last().is_some_and(|e| heading(&e.1)) {
                    self.pop()?;
                }
                self.insert(name, attrs);
            }
            Start::Pre => {
                self.close_p_in_button_scope()?;
                self.insert(name, attrs);
                self.ignore_lf = true;
            }
            Start::Form => {
                if self.form.is_none() || self.template_open() {
                    self.close_p_in_button_scope()?;
                    let id = self.insert(name, attrs);
                    if !self.template_open() {
                        self.form = Some(id);
                    }
                }
            }
            Start::Item => self.list_item(name, attrs)?,
            Start::Button => {
                if self.in_scope_named(Scope::Default, &n!("button")) {
                    self.implied_end_except(None)?;
                    self.pop_until(&n!("button"))?;
                }
                self.insert(name, attrs);
            }
            Start::A => {
                self.close_active_a()?;
                self.formatting_element(name, attrs)?;
            }
            Start::Formatting => self.formatting_element(name, attrs)?,
            Start::Table => {
                if self.quirks.is_none() && self.in_scope_named(Scope::Button, &n!("p")) {
                    return Err(bail());
                }
                if self.quirks == Some(false) {
                    self.close_p_in_button_scope()?;
                }
                self.insert(name, attrs);
                self.mode = Mode::InTable;
            }
            Start::Void => {
                if name == n!("input") && self.in_scope_named(Scope::Default, &n!("select")) {
                    return Err(bail());
                }
                self.insert(name, attrs);
                self.pop()?;
            }
            Start::Hr => {
                self.close_p_in_button_scope()?;
                if self.in_scope_named(Scope::Default, &n!("select")) {
                    return Err(bail());
                }
                self.insert(name, attrs);
                self.pop()?;
            }
            Start::Select => {
                if self.in_scope_named(Scope::Default, &n!("select")) {
                    return Err(bail());
                }
                self.insert(name, attrs);
            }
            Start::Option => {
                if self.in_scope_named(Scope::Default, &n!("select")) {
                    if name == n!("option") {
                        self.implied_end_except(Some(&n!("optgroup")))?;
                    } else {
                        self.implied_end_except(None)?;
                    }
                } else if self.current_is(&n!("option")) {
                    self.pop()?;
                }
                self.insert(name, attrs);
            }
            Start::Ignored => {}
            Start::Other => {
                self.insert(name, attrs);
            }
        }
        Ok(())
    }

    /// `<li>`, `<dd>`, `<dt>`: an open item of the list closes first.
    fn list_item(&mut self, name: LocalName, attrs: Attrs) -> Result<(), Bail> {
        let li = name == n!("li");
        let mut to_close = None;
        for (_, n) in self.stack.iter().rev() {
            let can_close = if li {
                *n == n!("li")
            } else {
                matches!(*n, n!("dd") | n!("dt"))
            };
            if can_close {
                to_close = Some(n.clone());
                break;
            }
            if special(n) && !matches!(*n, n!("address") | n!("div") | n!("p")) {
                break;
            }
        }
        if let Some(n) = to_close {
            self.implied_end_except(Some(&n))?;
            self.pop_until(&n)?;
        }
        self.close_p_in_button_scope()?;
        self.insert(name, attrs);
        Ok(())
    }

    fn formatting_element(&mut self, name: LocalName, attrs: Attrs) -> Result<(), Bail> {
        self.noahs_ark(&name, attrs);
        let local = name.clone();
        let id = self.insert(name, attrs);
        self.fmt.push(Some((id, local)));
        Ok(())
    }

    pub(super) fn end_in_body(&mut self, n: LocalName) -> Step<'a> {
        let end = kind::end(&n);
        // The current node closed by its own end tag (most `</div>`,
        // `</p>`, `</li>`, `</span>`): in scope, no end implied above it,
        // only it is popped.
        if matches!(
            end,
            End::Container | End::P | End::Item | End::Heading | End::Other
        ) && self.current_is(&n)
        {
            self.pop()?;
            return Ok(None);
        }
        match end {
            End::Body => {
                if self.in_scope_named(Scope::Default, &n!("body")) {
                    self.mode = Mode::AfterBody;
                }
            }
            End::Html => {
                if self.in_scope_named(Scope::Default, &n!("body")) {
                    self.mode = Mode::AfterBody;
                    return Ok(Some(Tok::End(n)));
                }
            }
            End::Template => self.close_template()?,
            End::Form if self.template_open() => return Err(bail()),
            End::Marker => {
                if self.in_scope_named(Scope::Default, &n) {
                    self.implied_end_except(None)?;
                    self.clear_fmt_to_marker();
                    self.pop_until(&n)?;
                }
            }
            End::Form => {
                let Some(node) = self.form.take() else {
                    return Ok(None);
                };
                if !self.form_in_scope(node) {
                    return Ok(None);
                }
                self.implied_end_except(None)?;
                let at = self
                    .stack
                    .iter()
                    .rposition(|e| e.0 == node)
                    .ok_or_else(|| bail())?;
                self.remove_open(at);
            }
            End::P => {
                if !self.in_scope_named(Scope::Button, &n!("p")) {
                    self.insert(n!("p"), Attrs::default());
                }
                self.implied_end_except(Some(&n!("p")))?;
                self.pop_until(&n!("p"))?;
            }
            End::Item => {
                let scope = if n == n!("li") {
                    Scope::List
                } else {
                    Scope::Default
                };
                if self.in_scope_named(scope, &n) {
                    self.implied_end_except(Some(&n))?;
                    self.pop_until(&n)?;
                }
            }
            End::Br => {
                self.insert(n!("br"), Attrs::default());
                self.pop()?;
            }
            End::Option => {
                self.end_other(&n)?;
            }
            End::Heading => {
                if self.in_scope(Scope::Default, heading) {
                    self.implied_end_except(None)?;
                    self.pop_until_any(heading)?;
                }
            }
            End::Container => {
                if self.in_scope_named(Scope::Default, &n) {
                    self.implied_end_except(None)?;
                    self.pop_until(&n)?;
                }
            }
            End::Formatting => self.adoption_agency(&n)?,
            End::Other => self.end_other(&n)?,
        }
        Ok(None)
    }

    fn form_in_scope(&self, node: crate::dom::NodeId) -> bool {
        for (id, name) in self.stack.iter().rev() {
            if *id == node {
                return true;
            }
            if super::bounds(Scope::Default, name) {
                return false;
            }
        }
        false
    }

    /// Any other end tag: the nearest open element of that name, unless a
    /// special element comes first.
    pub(super) fn end_other(&mut self, n: &LocalName) -> Result<(), Bail> {
        let mut at = None;
        for (i, (_, name)) in self.stack.iter().enumerate().rev() {
            if name == n {
                at = Some(i);
                break;
            }
            if special(name) {
                return Ok(());
            }
        }
        let Some(at) = at else {
            return Ok(());
        };
        self.implied_end_except(Some(n))?;
        if self.stack.len() <= at {
            return Err(bail());
        }
        while self.stack.len() > at {
            self.pop()?;
        }
        Ok(())
    }
}
