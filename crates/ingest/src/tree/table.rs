//! The table insertion modes, without foster parenting: text or an element
//! that would be moved out of a table bails (html5ever builds that page).

use super::lex::{bail, Bail, Tok};
use super::{Builder, Mode, Scope, Step};

fn table_ish(name: &str) -> bool {
    matches!(name, "table" | "tbody" | "tfoot" | "thead" | "tr")
}

impl<'a> Builder<'a> {
    /// Pops until the current node is one of `names`.
    fn clear_back_to(&mut self, names: &[&str]) -> Result<(), Bail> {
        while !self.stack.last().is_some_and(|e| names.contains(&&*e.1)) {
            if self.stack.len() <= 1 {
                return Err(bail());
            }
            self.pop()?;
        }
        Ok(())
    }

    pub(super) fn clear_fmt_to_marker(&mut self) {
        while let Some(e) = self.fmt.pop() {
            if e.is_none() {
                break;
            }
        }
    }

    pub(super) fn reset_mode(&mut self) -> Result<Mode, Bail> {
        for (i, (_, name)) in self.stack.iter().enumerate().rev() {
            let last = i == 0;
            match &**name {
                "td" | "th" if !last => return Ok(Mode::InCell),
                "tr" => return Ok(Mode::InRow),
                "tbody" | "thead" | "tfoot" => return Ok(Mode::InTableBody),
                "table" => return Ok(Mode::InTable),
                "body" => return Ok(Mode::InBody),
                "template" => return self.templates.last().copied().ok_or_else(|| bail()),
                "head" if !last => return Ok(Mode::InHead),
                "caption" | "colgroup" | "frameset" | "html" => return Err(bail()),
                _ => {}
            }
        }
        Ok(Mode::InBody)
    }

    pub(super) fn in_table(&mut self, tok: Tok<'a>) -> Step<'a> {
        match tok {
            Tok::Text(t) => {
                if !self.stack.last().is_some_and(|e| table_ish(&e.1))
                    || !t.chars().all(super::is_ws)
                {
                    return Err(bail());
                }
                self.text(t)?;
                Ok(None)
            }
            Tok::Comment(c) => self.comment(c).map(|_| None),
            Tok::Doctype(_) => Ok(None),
            Tok::Start { name, attrs } => match &*name {
                "tbody" | "tfoot" | "thead" => {
                    self.clear_back_to(&["table", "template", "html"])?;
                    self.insert(&name, attrs);
                    self.mode = Mode::InTableBody;
                    Ok(None)
                }
                "td" | "th" | "tr" => {
                    self.clear_back_to(&["table", "template", "html"])?;
                    self.insert("tbody", Vec::new());
                    self.mode = Mode::InTableBody;
                    Ok(Some(Tok::Start { name, attrs }))
                }
                "style" | "script" => {
                    self.raw(&name, attrs);
                    Ok(None)
                }
                // A form in a table: an empty element (its content goes
                // where the cells are).
                "form" => {
                    if self.form.is_none() {
                        let id = self.insert(&name, attrs);
                        self.pop()?;
                        self.form = Some(id);
                    }
                    Ok(None)
                }
                "input"
                    if attrs
                        .iter()
                        .find(|(n, _)| n == "type")
                        .is_some_and(|(_, v)| v.eq_ignore_ascii_case("hidden")) =>
                {
                    self.insert(&name, attrs);
                    self.pop()?;
                    Ok(None)
                }
                _ => Err(bail()),
            },
            Tok::End(n) => match &*n {
                "table" => {
                    if self.in_scope_named(Scope::Table, "table") {
                        self.pop_until("table")?;
                        self.mode = self.reset_mode()?;
                    }
                    Ok(None)
                }
                "body" | "caption" | "col" | "colgroup" | "html" | "tbody" | "td" | "tfoot"
                | "th" | "thead" | "tr" => Ok(None),
                // Ignored unless its form is open (then html5ever builds).
                "form" => match self.form.take() {
                    Some(node) if self.stack.iter().any(|e| e.0 == node) => Err(bail()),
                    _ => Ok(None),
                },
                _ => Err(bail()),
            },
        }
    }

    pub(super) fn in_table_body(&mut self, tok: Tok<'a>) -> Step<'a> {
        const CONTEXT: &[&str] = &["tbody", "tfoot", "thead", "template", "html"];
        match tok {
            Tok::Start { name, attrs } if name == "tr" => {
                self.clear_back_to(CONTEXT)?;
                self.insert(&name, attrs);
                self.mode = Mode::InRow;
                Ok(None)
            }
            Tok::Start { name, attrs } if name == "td" || name == "th" => {
                self.clear_back_to(CONTEXT)?;
                self.insert("tr", Vec::new());
                self.mode = Mode::InRow;
                Ok(Some(Tok::Start { name, attrs }))
            }
            Tok::End(n) if matches!(&*n, "tbody" | "tfoot" | "thead") => {
                if self.in_scope_named(Scope::Table, &n) {
                    self.clear_back_to(CONTEXT)?;
                    self.pop_to(Mode::InTable)?;
                }
                Ok(None)
            }
            Tok::Start { ref name, .. }
                if matches!(
                    &**name,
                    "caption" | "col" | "colgroup" | "tbody" | "tfoot" | "thead"
                ) =>
            {
                self.leave_table_body(tok)
            }
            Tok::End(ref n) if n == "table" => self.leave_table_body(tok),
            Tok::End(n)
                if matches!(
                    &*n,
                    "body" | "caption" | "col" | "colgroup" | "html" | "td" | "th" | "tr"
                ) =>
            {
                Ok(None)
            }
            tok => self.in_table(tok),
        }
    }

    fn leave_table_body(&mut self, tok: Tok<'a>) -> Step<'a> {
        if self.in_scope(Scope::Table, |n| matches!(n, "table" | "tbody" | "tfoot")) {
            self.clear_back_to(&["tbody", "tfoot", "thead", "template", "html"])?;
            self.pop_to(Mode::InTable)?;
            Ok(Some(tok))
        } else {
            Ok(None)
        }
    }

    pub(super) fn in_row(&mut self, tok: Tok<'a>) -> Step<'a> {
        const CONTEXT: &[&str] = &["tr", "template", "html"];
        match tok {
            Tok::Start { name, attrs } if name == "td" || name == "th" => {
                self.clear_back_to(CONTEXT)?;
                self.insert(&name, attrs);
                self.mode = Mode::InCell;
                self.fmt.push(None);
                Ok(None)
            }
            Tok::End(n) if n == "tr" => {
                if self.in_scope_named(Scope::Table, "tr") {
                    self.clear_back_to(CONTEXT)?;
                    self.pop_to(Mode::InTableBody)?;
                }
                Ok(None)
            }
            Tok::Start { ref name, .. }
                if matches!(
                    &**name,
                    "caption" | "col" | "colgroup" | "tbody" | "tfoot" | "thead" | "tr"
                ) =>
            {
                self.leave_row(tok)
            }
            Tok::End(ref n) if n == "table" => self.leave_row(tok),
            Tok::End(ref n) if matches!(&**n, "tbody" | "tfoot" | "thead") => {
                if !self.in_scope_named(Scope::Table, n) {
                    return Ok(None);
                }
                self.leave_row(tok)
            }
            Tok::End(n)
                if matches!(
                    &*n,
                    "body" | "caption" | "col" | "colgroup" | "html" | "td" | "th"
                ) =>
            {
                Ok(None)
            }
            tok => self.in_table(tok),
        }
    }

    fn leave_row(&mut self, tok: Tok<'a>) -> Step<'a> {
        if self.in_scope_named(Scope::Table, "tr") {
            self.clear_back_to(&["tr", "template", "html"])?;
            self.pop_to(Mode::InTableBody)?;
            Ok(Some(tok))
        } else {
            Ok(None)
        }
    }

    fn close_cell(&mut self) -> Result<(), Bail> {
        self.implied_end_except("")?;
        self.clear_fmt_to_marker();
        self.pop_until_any(&["td", "th"])?;
        self.mode = Mode::InRow;
        Ok(())
    }

    pub(super) fn in_cell(&mut self, tok: Tok<'a>) -> Step<'a> {
        match tok {
            Tok::End(n) if n == "td" || n == "th" => {
                if self.in_scope_named(Scope::Table, &n) {
                    self.implied_end_except("")?;
                    self.clear_fmt_to_marker();
                    self.pop_until(&n)?;
                    self.mode = Mode::InRow;
                }
                Ok(None)
            }
            Tok::Start { ref name, .. }
                if matches!(
                    &**name,
                    "caption"
                        | "col"
                        | "colgroup"
                        | "tbody"
                        | "td"
                        | "tfoot"
                        | "th"
                        | "thead"
                        | "tr"
                ) =>
            {
                if self.in_scope(Scope::Table, |n| n == "td" || n == "th") {
                    self.close_cell()?;
                    Ok(Some(tok))
                } else {
                    Ok(None)
                }
            }
            Tok::End(n) if matches!(&*n, "body" | "caption" | "col" | "colgroup" | "html") => {
                Ok(None)
            }
            Tok::End(ref n) if matches!(&**n, "table" | "tbody" | "tfoot" | "thead" | "tr") => {
                if self.in_scope_named(Scope::Table, n) {
                    self.close_cell()?;
                    Ok(Some(tok))
                } else {
                    Ok(None)
                }
            }
            tok => self.in_body(tok),
        }
    }
}
