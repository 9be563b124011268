//! The adoption agency: the end tag of a formatting element (and `<a>`
//! while an `<a>` is active), as html5ever's tree builder runs it
//! (`adoption_agency`: an outer loop of 8 rounds, an inner loop that
//! copies at most 3 formatting elements, a bookmark in the list of active
//! formatting elements). The cases left to html5ever bail: a formatting
//! element closed with active formatting elements open above it (they
//! would be reconstructed), and a common ancestor that is a table element
//! (foster parenting).

use html5ever::LocalName;

use super::body::special;
use super::lex::{bail, Attrs, Bail};
use super::{scope_bits, Builder, Scope};
use crate::dom::NodeId;

/// Where the copy of the formatting element goes in the list of active
/// formatting elements.
enum Bookmark {
    /// In the formatting element's place.
    Replace,
    /// Right after this (copied) element.
    After(NodeId),
}

impl Builder<'_> {
    /// The place of the element `id` in the list of active formatting
    /// elements.
    pub(super) fn fmt_position(&self, id: NodeId) -> Option<usize> {
        self.fmt
            .iter()
            .position(|e| e.as_ref().is_some_and(|e| e.0 == id))
    }

    /// Runs the adoption agency algorithm for the end tag `subject`.
    pub(super) fn adoption_agency(&mut self, subject: &LocalName) -> Result<(), Bail> {
        // The usual case, an element closed in order: the current node,
        // last in the list. Taken off both, with no search.
        if let (Some(Some((f, name))), Some((s, _))) = (self.fmt.last(), self.stack.last()) {
            if f == s && name == subject {
                self.fmt.pop();
                self.stack.pop();
                self.scope_bits.pop();
                return Ok(());
            }
        }
        if let Some((id, name)) = self.stack.last() {
            if name == subject && self.fmt_position(*id).is_none() {
                return self.pop();
            }
        }
        for _ in 0..8 {
            let last = self
                .fmt
                .iter()
                .rposition(|e| e.as_ref().is_none_or(|e| e.1 == *subject));
            let Some((fmt_at, fmt_id)) = last.and_then(|i| self.fmt[i].as_ref().map(|e| (i, e.0)))
            else {
                // No such element after the last marker: any other end tag.
                return self.end_other(subject);
            };
            let Some(pos) = self.stack.iter().rposition(|e| e.0 == fmt_id) else {
                self.fmt.remove(fmt_at);
                return Ok(());
            };
            let bit = super::scope_bit(Scope::Default);
            if self.scope_bits[pos + 1..].iter().any(|b| b & bit != 0) {
                // Not in scope: the tag is ignored.
                return Ok(());
            }
            let Some(block) = (pos + 1..self.stack.len()).find(|&i| special(&self.stack[i].1))
            else {
                // No furthest block: closed with what is open above it.
                self.fmt.remove(fmt_at);
                while self.stack.len() > pos {
                    self.pop()?;
                }
                return Ok(());
            };
            self.adopt(fmt_id, pos, block)?;
        }
        Ok(())
    }

    /// One round of the outer loop: the formatting element `fmt_id`, at
    /// `pos` on the stack, with the furthest block at `block`.
    fn adopt(&mut self, fmt_id: NodeId, pos: usize, block: usize) -> Result<(), Bail> {
        let (common, common_name) = self.stack.get(pos.wrapping_sub(1)).ok_or_else(|| bail())?;
        let common = match *common_name {
            n!("table") | n!("tbody") | n!("tfoot") | n!("thead") | n!("tr") => return Err(bail()),
            n!("template") => self.doc.template_contents(*common),
            _ => *common,
        };
        let furthest = self.stack[block].0;
        let mut bookmark = Bookmark::Replace;
        let mut last = furthest;
        let mut at = block;
        let mut counter = 0;
        loop {
            counter += 1;
            at -= 1;
            let node = self.stack[at].0;
            if node == fmt_id {
                break;
            }
            let in_fmt = self.fmt_position(node);
            if counter > 3 {
                if let Some(i) = in_fmt {
                    self.fmt.remove(i);
                }
                self.remove_open(at);
                continue;
            }
            let Some(i) = in_fmt else {
                self.remove_open(at);
                continue;
            };
            let copy = self.doc.clone_element(node).ok_or_else(|| bail())?;
            self.stack[at].0 = copy;
            if let Some(e) = self.fmt[i].as_mut() {
                e.0 = copy;
            }
            if last == furthest {
                bookmark = Bookmark::After(copy);
            }
            self.doc.detach(last);
            self.doc.append(copy, last);
            last = copy;
        }
        self.doc.detach(last);
        self.doc.append(common, last);
        let copy = self.doc.clone_element(fmt_id).ok_or_else(|| bail())?;
        self.doc.reparent_children(furthest, copy);
        self.doc.append(furthest, copy);
        let old = self.fmt_position(fmt_id).ok_or_else(|| bail())?;
        let name = self.fmt[old].as_ref().ok_or_else(|| bail())?.1.clone();
        match bookmark {
            Bookmark::Replace => self.fmt[old] = Some((copy, name.clone())),
            Bookmark::After(prev) => {
                let i = self.fmt_position(prev).ok_or_else(|| bail())? + 1;
                self.fmt.insert(i, Some((copy, name.clone())));
                let old = self.fmt_position(fmt_id).ok_or_else(|| bail())?;
                self.fmt.remove(old);
            }
        }
        let old = self
            .stack
            .iter()
            .rposition(|e| e.0 == fmt_id)
            .ok_or_else(|| bail())?;
        self.remove_open(old);
        let block = self
            .stack
            .iter()
            .position(|e| e.0 == furthest)
            .ok_or_else(|| bail())?;
        self.scope_bits.insert(block + 1, scope_bits(&name));
        self.stack.insert(block + 1, (copy, name));
        Ok(())
    }

    /// `<a>` while an `<a>` is active (after the last marker): that one is
    /// closed by the adoption agency, and taken off both lists if it is
    /// still on them.
    pub(super) fn close_active_a(&mut self) -> Result<(), Bail> {
        let a = self
            .fmt
            .iter()
            .rev()
            .map_while(|e| e.as_ref())
            .find(|e| e.1 == n!("a"))
            .map(|e| e.0);
        let Some(a) = a else {
            return Ok(());
        };
        self.adoption_agency(&n!("a"))?;
        if let Some(i) = self.fmt_position(a) {
            self.fmt.remove(i);
        }
        if let Some(i) = self.stack.iter().rposition(|e| e.0 == a) {
            self.remove_open(i);
        }
        Ok(())
    }

    /// The Noah's Ark clause, before the formatting element `name` with
    /// `attrs` is pushed: of three or more active elements after the last
    /// marker with the same name and attributes (in any order), the
    /// earliest leaves the list (it stays open).
    pub(super) fn noahs_ark(&mut self, name: &LocalName, attrs: Attrs) {
        let mut first = None;
        let mut matches = 0;
        let mut sorted: Option<Vec<_>> = None;
        for i in (0..self.fmt.len()).rev() {
            let Some((id, n)) = &self.fmt[i] else {
                break;
            };
            if n != name {
                continue;
            }
            let Some(e) = self.doc.element(*id) else {
                continue;
            };
            if e.attrs.len() != attrs.len() {
                continue;
            }
            let mine = sorted.get_or_insert_with(|| {
                let mut v: Vec<_> = self.doc.span(attrs).iter().collect();
                v.sort();
                v
            });
            let mut theirs: Vec<_> = self.doc.attrs(e).iter().collect();
            theirs.sort();
            if *mine == theirs {
                first = Some(i);
                matches += 1;
            }
        }
        if let (Some(i), 3..) = (first, matches) {
            self.fmt.remove(i);
        }
    }
}
