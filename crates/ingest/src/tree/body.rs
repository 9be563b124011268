//! The "in body" insertion mode.

use super::lex::{bail, Attrs, Bail, Tok};
use super::{Builder, Mode, Scope, Step};

/// The tree builder's formatting elements (but `nobr`, which bails).
fn formatting(name: &str) -> bool {
    matches!(
        name,
        "a" | "b"
            | "big"
            | "code"
            | "em"
            | "font"
            | "i"
            | "s"
            | "small"
            | "strike"
            | "strong"
            | "tt"
            | "u"
            | "nobr"
    )
}

/// The tree builder's special elements.
pub(super) fn special(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "applet"
            | "area"
            | "article"
            | "aside"
            | "base"
            | "basefont"
            | "bgsound"
            | "blockquote"
            | "body"
            | "br"
            | "button"
            | "caption"
            | "center"
            | "col"
            | "colgroup"
            | "dd"
            | "details"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "embed"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "frame"
            | "frameset"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "iframe"
            | "img"
            | "input"
            | "isindex"
            | "li"
            | "link"
            | "listing"
            | "main"
            | "marquee"
            | "menu"
            | "meta"
            | "nav"
            | "noembed"
            | "noframes"
            | "noscript"
            | "object"
            | "ol"
            | "p"
            | "param"
            | "plaintext"
            | "pre"
            | "script"
            | "section"
            | "select"
            | "source"
            | "style"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "template"
            | "textarea"
            | "tfoot"
            | "th"
            | "thead"
            | "title"
            | "tr"
            | "track"
            | "ul"
            | "wbr"
            | "xmp"
    )
}

fn heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Start tags that close an open `<p>` and open a container.
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "header"
            | "hgroup"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "search"
            | "section"
            | "summary"
            | "ul"
            | "menu"
    )
}

/// End tags of containers closed with their content: those of
/// [`closes_p`] but `p`, and four more.
fn container_end(name: &str) -> bool {
    (closes_p(name) && name != "p") || matches!(name, "button" | "listing" | "pre" | "select")
}

impl<'a> Builder<'a> {
    pub(super) fn in_body(&mut self, tok: Tok<'a>) -> Step<'a> {
        match tok {
            Tok::Text(t) => self.text(t).map(|_| None),
            Tok::Comment(c) => self.comment(c).map(|_| None),
            Tok::Doctype(_) => Ok(None),
            Tok::Start { name, attrs } => self.start_in_body(&name, attrs).map(|_| None),
            Tok::End(n) => self.end_in_body(&n),
        }
    }

    fn start_in_body(&mut self, name: &str, attrs: Attrs<'a>) -> Result<(), Bail> {
        match name {
            "body" | "html" if self.template_open() => {}
            "template" => self.open_template(attrs)?,
            "body" => {
                if self.stack.len() >= 2 && &*self.stack[1].1 == "body" {
                    let body = self.stack[1].0;
                    self.doc.add_attrs_if_missing(body, attrs);
                }
            }
            "html" => {
                let html = self.stack.first().ok_or_else(|| bail())?.0;
                self.doc.add_attrs_if_missing(html, attrs);
            }
            "applet" | "marquee" | "object" => {
                self.insert(name, attrs);
                self.fmt.push(None);
            }
            "nobr" => {
                if self.in_scope_named(Scope::Default, "nobr") {
                    return Err(bail());
                }
                self.formatting_element(name, attrs)?;
            }
            "frameset" | "plaintext" | "image" | "xmp" | "math" | "svg" | "rb" | "rtc" | "rp"
            | "rt" => return Err(bail()),
            "base" | "basefont" | "bgsound" | "link" | "meta" => {
                self.insert(name, attrs);
                self.pop()?;
            }
            "noframes" | "script" | "style" | "title" | "iframe" | "noembed" => {
                self.raw(name, attrs)
            }
            "textarea" => {
                self.raw(name, attrs);
                self.ignore_lf = true;
            }
            _ if closes_p(name) => {
                self.close_p_in_button_scope()?;
                self.insert(name, attrs);
            }
            _ if heading(name) => {
                self.close_p_in_button_scope()?;
                if self.stack.last().is_some_and(|e| heading(&e.1)) {
                    self.pop()?;
                }
                self.insert(name, attrs);
            }
            "pre" | "listing" => {
                self.close_p_in_button_scope()?;
                self.insert(name, attrs);
                self.ignore_lf = true;
            }
            "form" => {
                if self.form.is_none() || self.template_open() {
                    self.close_p_in_button_scope()?;
                    let id = self.insert(name, attrs);
                    if !self.template_open() {
                        self.form = Some(id);
                    }
                }
            }
            "li" | "dd" | "dt" => self.list_item(name, attrs)?,
            "button" => {
                if self.in_scope_named(Scope::Default, "button") {
                    self.implied_end_except("")?;
                    self.pop_until("button")?;
                }
                self.insert(name, attrs);
            }
            "a" => {
                let open_a = self
                    .fmt
                    .iter()
                    .rev()
                    .map_while(|e| e.as_ref())
                    .any(|e| &*e.1 == "a");
                if open_a {
                    return Err(bail());
                }
                self.formatting_element(name, attrs)?;
            }
            _ if formatting(name) => self.formatting_element(name, attrs)?,
            "table" => {
                if self.quirks.is_none() && self.in_scope_named(Scope::Button, "p") {
                    return Err(bail());
                }
                if self.quirks == Some(false) {
                    self.close_p_in_button_scope()?;
                }
                self.insert(name, attrs);
                self.mode = Mode::InTable;
            }
            "area" | "br" | "embed" | "img" | "keygen" | "wbr" | "input" | "param" | "source"
            | "track" => {
                if name == "input" && self.in_scope_named(Scope::Default, "select") {
                    return Err(bail());
                }
                self.insert(name, attrs);
                self.pop()?;
            }
            "hr" => {
                self.close_p_in_button_scope()?;
                if self.in_scope_named(Scope::Default, "select") {
                    return Err(bail());
                }
                self.insert(name, attrs);
                self.pop()?;
            }
            "select" => {
                if self.in_scope_named(Scope::Default, "select") {
                    return Err(bail());
                }
                self.insert(name, attrs);
            }
            "option" | "optgroup" => {
                if self.in_scope_named(Scope::Default, "select") {
                    if name == "option" {
                        self.implied_end_except("optgroup")?;
                    } else {
                        self.implied_end_except("")?;
                    }
                } else if self.current_is("option") {
                    self.pop()?;
                }
                self.insert(name, attrs);
            }
            "caption" | "col" | "colgroup" | "frame" | "head" | "tbody" | "td" | "tfoot" | "th"
            | "thead" | "tr" => {}
            _ => {
                self.insert(name, attrs);
            }
        }
        Ok(())
    }

    /// `<li>`, `<dd>`, `<dt>`: an open item of the list closes first.
    fn list_item(&mut self, name: &str, attrs: Attrs<'a>) -> Result<(), Bail> {
        let mut to_close = None;
        for (_, n) in self.stack.iter().rev() {
            let can_close = if name == "li" {
                &**n == "li"
            } else {
                matches!(&**n, "dd" | "dt")
            };
            if can_close {
                to_close = Some(n.to_string());
                break;
            }
            if special(n) && !matches!(&**n, "address" | "div" | "p") {
                break;
            }
        }
        if let Some(n) = to_close {
            self.implied_end_except(&n)?;
            self.pop_until(&n)?;
        }
        self.close_p_in_button_scope()?;
        self.insert(name, attrs);
        Ok(())
    }

    fn formatting_element(&mut self, name: &str, attrs: Attrs<'a>) -> Result<(), Bail> {
        let same = self
            .fmt
            .iter()
            .rev()
            .map_while(|e| e.as_ref())
            .filter(|e| &*e.1 == name)
            .count();
        if same >= 2 {
            // Noah's Ark clause territory: left to html5ever.
            return Err(bail());
        }
        let id = self.insert(name, attrs);
        let local = self.stack.last().ok_or_else(|| bail())?.1.clone();
        self.fmt.push(Some((id, local)));
        Ok(())
    }

    fn end_in_body(&mut self, n: &str) -> Step<'a> {
        match n {
            "body" => {
                if self.in_scope_named(Scope::Default, "body") {
                    self.mode = Mode::AfterBody;
                }
            }
            "html" => {
                if self.in_scope_named(Scope::Default, "body") {
                    self.mode = Mode::AfterBody;
                    return Ok(Some(Tok::End(n.to_string().into())));
                }
            }
            "template" => self.close_template()?,
            "form" if self.template_open() => return Err(bail()),
            "applet" | "marquee" | "object" => {
                if self.in_scope_named(Scope::Default, n) {
                    self.implied_end_except("")?;
                    self.clear_fmt_to_marker();
                    self.pop_until(n)?;
                }
            }
            "form" => {
                let Some(node) = self.form.take() else {
                    return Ok(None);
                };
                if !self.form_in_scope(node) {
                    return Ok(None);
                }
                self.implied_end_except("")?;
                let at = self
                    .stack
                    .iter()
                    .rposition(|e| e.0 == node)
                    .ok_or_else(|| bail())?;
                self.remove_open(at);
            }
            "p" => {
                if !self.in_scope_local(Scope::Button, &html5ever::local_name!("p")) {
                    self.insert("p", Vec::new());
                }
                self.implied_end_except("p")?;
                self.pop_until("p")?;
            }
            "li" | "dd" | "dt" => {
                let scope = if n == "li" {
                    Scope::List
                } else {
                    Scope::Default
                };
                if self.in_scope_named(scope, n) {
                    self.implied_end_except(n)?;
                    self.pop_until(n)?;
                }
            }
            "br" => {
                self.insert("br", Vec::new());
                self.pop()?;
            }
            "option" => {
                self.end_other(n)?;
            }
            _ if heading(n) => {
                if self.in_scope(Scope::Default, heading) {
                    self.implied_end_except("")?;
                    self.pop_until_any(&["h1", "h2", "h3", "h4", "h5", "h6"])?;
                }
            }
            _ if container_end(n) => {
                if self.in_scope_named(Scope::Default, n) {
                    self.implied_end_except("")?;
                    self.pop_until(n)?;
                }
            }
            _ if formatting(n) => self.end_formatting(n)?,
            _ => self.end_other(n)?,
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

    /// The end tag of a formatting element closed in order (anything else
    /// needs the adoption agency: bail).
    fn end_formatting(&mut self, n: &str) -> Result<(), Bail> {
        let last = self
            .fmt
            .iter()
            .rposition(|e| e.as_ref().is_none_or(|e| &*e.1 == n));
        let at = match last {
            Some(i) if self.fmt[i].is_some() => i,
            // No such element after the last marker: any other end tag.
            _ => return self.end_other(n),
        };
        let Some((id, _)) = self.fmt[at].clone() else {
            return Err(bail());
        };
        let Some(pos) = self.stack.iter().rposition(|e| e.0 == id) else {
            return Err(bail());
        };
        // In scope, with nothing special above it (no furthest block).
        for (_, name) in &self.stack[pos + 1..] {
            if special(name) || super::bounds(Scope::Default, name) {
                return Err(bail());
            }
        }
        self.fmt.remove(at);
        while self.stack.len() > pos {
            self.pop()?;
        }
        Ok(())
    }

    /// Any other end tag: the nearest open element of that name, unless a
    /// special element comes first.
    fn end_other(&mut self, n: &str) -> Result<(), Bail> {
        let mut at = None;
        for (i, (_, name)) in self.stack.iter().enumerate().rev() {
            if &**name == n {
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
        self.implied_end_except(n)?;
        if self.stack.len() <= at {
            return Err(bail());
        }
        while self.stack.len() > at {
            self.pop()?;
        }
        Ok(())
    }
}
