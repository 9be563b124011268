//! The table insertion modes, without foster parenting: text or an element
//! that would be moved out of a table bails (html5ever builds that page).

use html5ever::LocalName;

use super::lex::{bail, Attrs, Bail, Tok};
use super::{Builder, Mode, Scope, Step};

fn table_ish(name: &LocalName) -> bool {
    matches!(
        *name,
        n!("table") | n!("tbody") | n!("tfoot") | n!("thead") | n!("tr")
    )
}

/// "Clear the stack back to a table context".
fn table_context(name: &LocalName) -> bool {
    matches!(*name, n!("table") | n!("template") | n!("html"))
}

/// "Clear the stack back to a table body context".
fn table_body_context(name: &LocalName) -> bool {
    matches!(
        *name,
        n!("tbody") | n!("tfoot") | n!("thead") | n!("template") | n!("html")
    )
}

/// "Clear the stack back to a table row context".
fn row_context(name: &LocalName) -> bool {
    matches!(*name, n!("tr") | n!("template") | n!("html"))
}

impl<'a> Builder<'a> {
    /// Pops until the current node is one of `names`.
    fn clear_back_to(&mut self, names: fn(&LocalName) -> bool) -> Result<(), Bail> {
        while !self.stack.last().is_some_and(|e| names(&e.1)) {
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
            match *name {
                n!("td") | n!("th") if !last => return Ok(Mode::InCell),
                n!("tr") => return Ok(Mode::InRow),
                n!("tbody") | n!("thead") | n!("tfoot") => return Ok(Mode::InTableBody),
                n!("table") => return Ok(Mode::InTable),
                n!("body") => return Ok(Mode::InBody),
                n!("template") => return self.templates.last().copied().ok_or_else(|| bail()),
                n!("head") if !last => return Ok(Mode::InHead),
                n!("caption") | n!("colgroup") | n!("frameset") | n!("html") => return Err(bail()),
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
            Tok::Start { name, attrs } => match name {
                n!("tbody") | n!("tfoot") | n!("thead") => {
                    self.clear_back_to(table_context)?;
                    self.insert(name, attrs);
                    self.mode = Mode::InTableBody;
                    Ok(None)
                }
                n!("td") | n!("th") | n!("tr") => {
                    self.clear_back_to(table_context)?;
                    self.insert(n!("tbody"), Attrs::default());
                    self.mode = Mode::InTableBody;
                    Ok(Some(Tok::Start { name, attrs }))
                }
                n!("style") | n!("script") => {
                    self.raw(name, attrs);
                    Ok(None)
                }
                // A form in a table: an empty element (its content goes
                // where the cells are).
                n!("form") => {
                    if self.form.is_none() {
                        let id = self.insert(name, attrs);
                        self.pop()?;
                        self.form = Some(id);
                    }
                    Ok(None)
                }
                n!("input")
                    if self
                        .doc
                        .span(attrs)
                        .iter()
                        .find(|(n, _)| n == "type")
                        .is_some_and(|(_, v)| v.eq_ignore_ascii_case("hidden")) =>
                {
                    self.insert(name, attrs);
                    self.pop()?;
                    Ok(None)
                }
                _ => Err(bail()),
            },
            Tok::End(n) => match n {
                n!("table") => {
                    if self.in_scope_named(Scope::Table, &n!("table")) {
                        self.pop_until(&n!("table"))?;
                        self.mode = self.reset_mode()?;
                    }
                    Ok(None)
                }
                n!("body")
                | n!("caption")
                | n!("col")
                | n!("colgroup")
                | n!("html")
                | n!("tbody")
                | n!("td")
                | n!("tfoot")
                | n!("th")
                | n!("thead")
                | n!("tr") => Ok(None),
                // Ignored unless its form is open (then html5ever builds).
                n!("form") => match self.form.take() {
                    Some(node) if self.stack.iter().any(|e| e.0 == node) => Err(bail()),
                    _ => Ok(None),
                },
                _ => Err(bail()),
            },
        }
    }

    pub(super) fn in_table_body(&mut self, tok: Tok<'a>) -> Step<'a> {
        match tok {
            Tok::Start { name, attrs } if name == n!("tr") => {
                self.clear_back_to(table_body_context)?;
                self.insert(name, attrs);
                self.mode = Mode::InRow;
                Ok(None)
            }
            Tok::Start { name, attrs } if matches!(name, n!("td") | n!("th")) => {
                self.clear_back_to(table_body_context)?;
                self.insert(n!("tr"), Attrs::default());
                self.mode = Mode::InRow;
                Ok(Some(Tok::Start { name, attrs }))
            }
            Tok::End(n) if matches!(n, n!("tbody") | n!("tfoot") | n!("thead")) => {
                if self.in_scope_named(Scope::Table, &n) {
                    self.clear_back_to(table_body_context)?;
                    self.pop_to(Mode::InTable)?;
                }
                Ok(None)
            }
            Tok::Start { ref name, .. }
                if matches!(
                    *name,
                    n!("caption")
                        | n!("col")
                        | n!("colgroup")
                        | n!("tbody")
                        | n!("tfoot")
                        | n!("thead")
                ) =>
            {
                self.leave_table_body(tok)
            }
            Tok::End(ref n) if *n == n!("table") => self.leave_table_body(tok),
            Tok::End(
                n!("body")
                | n!("caption")
                | n!("col")
                | n!("colgroup")
                | n!("html")
                | n!("td")
                | n!("th")
                | n!("tr"),
            ) => Ok(None),
            tok => self.in_table(tok),
        }
    }

    fn leave_table_body(&mut self, tok: Tok<'a>) -> Step<'a> {
        if self.in_scope(Scope::Table, |n| {
            matches!(*n, n!("table") | n!("tbody") | n!("tfoot"))
        }) {
            self.clear_back_to(table_body_context)?;
            self.pop_to(Mode::InTable)?;
            Ok(Some(tok))
        } else {
            Ok(None)
        }
    }

    pub(super) fn in_row(&mut self, tok: Tok<'a>) -> Step<'a> {
        match tok {
            Tok::Start { name, attrs } if matches!(name, n!("td") | n!("th")) => {
                self.clear_back_to(row_context)?;
                self.insert(name, attrs);
                self.mode = Mode::InCell;
                self.fmt.push(None);
                Ok(None)
            }
            Tok::End(n) if n == n!("tr") => {
                if self.in_scope_named(Scope::Table, &n!("tr")) {
                    self.clear_back_to(row_context)?;
                    self.pop_to(Mode::InTableBody)?;
                }
                Ok(None)
            }
            Tok::Start { ref name, .. }
                if matches!(
                    *name,
                    n!("caption")
                        | n!("col")
                        | n!("colgroup")
                        | n!("tbody")
                        | n!("tfoot")
                        | n!("thead")
                        | n!("tr")
                ) =>
            {
                self.leave_row(tok)
            }
            Tok::End(ref n) if *n == n!("table") => self.leave_row(tok),
            Tok::End(ref n) if matches!(*n, n!("tbody") | n!("tfoot") | n!("thead")) => {
                if !self.in_scope_named(Scope::Table, n) {
                    return Ok(None);
                }
                self.leave_row(tok)
            }
            Tok::End(
                n!("body")
                | n!("caption")
                | n!("col")
                | n!("colgroup")
                | n!("html")
                | n!("td")
                | n!("th"),
            ) => Ok(None),
            tok => self.in_table(tok),
        }
    }

    fn leave_row(&mut self, tok: Tok<'a>) -> Step<'a> {
        if self.in_scope_named(Scope::Table, &n!("tr")) {
            self.clear_back_to(row_context)?;
            self.pop_to(Mode::InTableBody)?;
            Ok(Some(tok))
        } else {
            Ok(None)
        }
    }

    fn close_cell(&mut self) -> Result<(), Bail> {
        self.implied_end_except(None)?;
        self.clear_fmt_to_marker();
        self.pop_until_any(|n| matches!(*n, n!("td") | n!("th")))?;
        self.mode = Mode::InRow;
        Ok(())
    }

    pub(super) fn in_cell(&mut self, tok: Tok<'a>) -> Step<'a> {
        match tok {
            Tok::End(n) if matches!(n, n!("td") | n!("th")) => {
                if self.in_scope_named(Scope::Table, &n) {
                    self.implied_end_except(None)?;
                    self.clear_fmt_to_marker();
                    self.pop_until(&n)?;
                    self.mode = Mode::InRow;
                }
                Ok(None)
            }
            Tok::Start { ref name, .. }
                if matches!(
                    *name,
                    n!("caption")
                        | n!("col")
                        | n!("colgroup")
                        | n!("tbody")
                        | n!("td")
                        | n!("tfoot")
                        | n!("th")
                        | n!("thead")
                        | n!("tr")
                ) =>
            {
                if self.in_scope(Scope::Table, |n| matches!(*n, n!("td") | n!("th"))) {
                    self.close_cell()?;
                    Ok(Some(tok))
                } else {
                    Ok(None)
                }
            }
            Tok::End(n!("body") | n!("caption") | n!("col") | n!("colgroup") | n!("html")) => {
                Ok(None)
            }
            Tok::End(ref n)
                if matches!(
                    *n,
                    n!("table") | n!("tbody") | n!("tfoot") | n!("thead") | n!("tr")
                ) =>
            {
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
