//! The verb-pattern language of `lexicon/verbs.tsv` (see `docs/patterns.md`).
//!
//! A pattern is a sequence of
//! * literals (`会晤`), alternations `(会晤|会谈|会面)` (an empty alternative
//!   makes the group optional: `(了|)`),
//! * actor slots `{S}` (source) and `{T}` (target),
//! * gaps: `*` (up to [`GAP`] characters) and `**` (up to [`LONG_GAP`]),
//!   never crossing a clause break.

use shiju_text::punct;

/// Characters a `*` gap may skip.
pub const GAP: usize = 12;
/// Characters a `**` gap may skip.
pub const LONG_GAP: usize = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    S,
    T,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Elem {
    /// One of the alternatives (an empty one makes the element optional),
    /// longest first.
    Lit(Vec<String>),
    Gap(usize),
    Slot(Role),
    /// `,` — a clause break (，or ：); the match continues in the next clause.
    Break,
    /// `{T:CHN}` — a slot filled by a fixed actor code, for words that name
    /// their actor (访华 "visit China", 对华, 援乌).
    Const(Role, String),
}

/// Direction flags of a pattern.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    /// Emit the event in both directions (meetings, calls, talks, treaties).
    pub sym: bool,
    /// S visits T: emit `code` S→T and 043 T→S.
    pub visit: bool,
    /// S hosts T: emit `code` S→T and 042 T→S.
    pub host: bool,
    /// Never reinterpret as an announced plan (the verb itself is an intent).
    pub nofuture: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    pub source: String,
    pub elems: Vec<Elem>,
    /// Index of the anchor element: the first literal.
    pub anchor: usize,
    pub code: String,
    pub flags: Flags,
    /// Number of literal characters (specificity, for choosing between
    /// overlapping matches).
    pub weight: usize,
}

impl Pattern {
    pub fn has_slot(&self, r: Role) -> bool {
        self.elems
            .iter()
            .any(|e| matches!(e, Elem::Slot(x) | Elem::Const(x, _) if *x == r))
    }

    /// The slot before the anchor, if any.
    pub fn leading_slot(&self) -> Option<Role> {
        self.elems[..self.anchor].iter().find_map(|e| match e {
            Elem::Slot(r) => Some(*r),
            _ => None,
        })
    }
}

/// Whether `c` ends a run of plain literal characters.
fn is_special(c: char) -> bool {
    matches!(c, '{' | '}' | '*' | '(' | ')' | ',' | punct::COMMA) || c.is_whitespace()
}

/// `s` split around its first byte `b` (an ASCII mark, so both sides are
/// whole characters), found by a byte loop: the parts of a pattern are a
/// few dozen bytes, less than a `str::split_once` search pays to set up.
fn split_at_byte(s: &str, b: u8) -> Option<(&str, &str)> {
    debug_assert!(b.is_ascii());
    let i = s.bytes().position(|x| x == b)?;
    Some((&s[..i], &s[i + 1..]))
}

/// Parses a pattern; `Err` carries a message.
///
/// The source is read a run at a time (a literal is copied in one piece up
/// to the next special character or space, a group or slot is cut at its
/// closing mark), not character by character: the 2,035 patterns are parsed
/// at every start-up.
pub fn parse(src: &str, code: &str, flags: Flags) -> Result<Pattern, String> {
    let mut elems: Vec<Elem> = Vec::with_capacity(8);
    let mut lit = String::new();
    let flush = |lit: &mut String, elems: &mut Vec<Elem>| {
        if !lit.is_empty() {
            elems.push(Elem::Lit(vec![std::mem::take(lit)]));
        }
    };
    let mut rest = src;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        match c {
            '{' => {
                flush(&mut lit, &mut elems);
                // The name runs to the closing brace (or the end).
                let (name, tail) = split_at_byte(after, b'}').unwrap_or((after, ""));
                rest = tail;
                let (rname, fixed) = match name.split_once(':') {
                    Some((r, c)) => (r, Some(c.trim())),
                    None => (name, None),
                };
                let role = match rname {
                    "S" => Role::S,
                    "T" => Role::T,
                    _ => return Err(format!("unknown slot {{{name}}}")),
                };
                let taken = elems
                    .iter()
                    .any(|e| matches!(e, Elem::Slot(r) | Elem::Const(r, _) if *r == role));
                if taken {
                    return Err(format!("slot {{{name}}} twice"));
                }
                match fixed {
                    Some(c)
                        if !c.is_empty()
                            && c.bytes()
                                .all(|x| x.is_ascii_uppercase() || x.is_ascii_digit()) =>
                    {
                        elems.push(Elem::Const(role, c.to_string()))
                    }
                    Some(_) => return Err(format!("bad actor code in {{{name}}}")),
                    None => elems.push(Elem::Slot(role)),
                }
            }
            '*' => {
                flush(&mut lit, &mut elems);
                if let Some(tail) = after.strip_prefix('*') {
                    rest = tail;
                    elems.push(Elem::Gap(LONG_GAP));
                } else {
                    rest = after;
                    elems.push(Elem::Gap(GAP));
                }
            }
            '(' => {
                flush(&mut lit, &mut elems);
                let Some((body, tail)) = split_at_byte(after, b')') else {
                    return Err("unclosed (".into());
                };
                rest = tail;
                // One pass over the group's text counts the alternatives
                // and looks for marks (all ASCII: a byte test is a
                // character test).
                let mut bars = 0;
                for b in body.bytes() {
                    match b {
                        b'|' => bars += 1,
                        b'*' | b'{' | b'}' | b'(' | b',' => {
                            return Err(
                                "alternatives are plain text (no gaps, slots or groups)".into()
                            )
                        }
                        _ => {}
                    }
                }
                let mut alts: Vec<String> = Vec::with_capacity(bars + 1);
                let mut rest_alts = body;
                while let Some((alt, more)) = split_at_byte(rest_alts, b'|') {
                    alts.push(shiju_lexicon::trim(alt).to_string());
                    rest_alts = more;
                }
                alts.push(shiju_lexicon::trim(rest_alts).to_string());
                if alts.iter().all(|a| a.is_empty()) {
                    return Err("empty alternation".into());
                }
                // Longest alternative first (the empty one last): the matcher
                // tries them in this order.
                alts.sort_by_key(|a| std::cmp::Reverse(a.len()));
                alts.dedup();
                elems.push(Elem::Lit(alts));
            }
            ',' | punct::COMMA => {
                flush(&mut lit, &mut elems);
                rest = after;
                elems.push(Elem::Break);
            }
            ')' | '}' => return Err(format!("unbalanced {c}")),
            c if c.is_whitespace() => rest = after,
            _ => {
                // A run of plain characters (spaces inside a literal are dropped).
                let n = rest.find(is_special).unwrap_or(rest.len());
                lit.push_str(&rest[..n]);
                rest = &rest[n..];
            }
        }
    }
    flush(&mut lit, &mut elems);
    let anchor = elems
        .iter()
        .position(|e| matches!(e, Elem::Lit(_)))
        .ok_or("a pattern needs a literal")?;
    if let Elem::Lit(alts) = &elems[anchor] {
        if alts.iter().any(|a| a.is_empty()) {
            return Err("the first literal may not be optional".into());
        }
    }
    if elems[..anchor]
        .iter()
        .filter(|e| matches!(e, Elem::Slot(_)))
        .count()
        > 1
    {
        return Err("at most one slot before the first literal".into());
    }
    if !elems
        .iter()
        .any(|e| matches!(e, Elem::Slot(_) | Elem::Const(..)))
    {
        return Err("a pattern needs an actor slot".into());
    }
    if elems[..anchor].iter().any(|e| matches!(e, Elem::Const(..))) {
        return Err("a fixed actor goes after the first literal".into());
    }
    let weight = elems
        .iter()
        .map(|e| match e {
            Elem::Lit(a) => a.iter().map(|s| s.chars().count()).min().unwrap_or(0),
            _ => 0,
        })
        .sum();
    Ok(Pattern {
        source: src.to_string(),
        elems,
        anchor,
        code: code.to_string(),
        flags,
        weight,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_language() {
        let p = parse("{S}与{T}*(会晤|会谈)", "040", Flags::default()).unwrap();
        assert_eq!(
            p.elems,
            vec![
                Elem::Slot(Role::S),
                Elem::Lit(vec!["与".into()]),
                Elem::Slot(Role::T),
                Elem::Gap(GAP),
                Elem::Lit(vec!["会晤".into(), "会谈".into()]),
            ]
        );
        assert_eq!(p.anchor, 1);
        assert_eq!(p.leading_slot(), Some(Role::S));
        assert_eq!(p.weight, 3);
        assert!(parse("{S}**访问", "042", Flags::default()).is_ok());
        assert!(parse("(了|)访问{T}", "042", Flags::default()).is_err());
        assert!(parse("{X}访问", "042", Flags::default()).is_err());
        assert!(parse("访问", "042", Flags::default()).is_err());
        assert!(parse("{S}{T}访问", "042", Flags::default()).is_err());
        assert!(parse("{S}(访问", "042", Flags::default()).is_err());
        assert!(parse("{S}(发动*袭击){T}", "190", Flags::default()).is_err());
        let p = parse("{S}警告称,{T}", "112", Flags::default()).unwrap();
        assert!(p.elems.contains(&Elem::Break));
        let p = parse("{S}*访华{T:CHN}", "042", Flags::default()).unwrap();
        assert_eq!(p.elems.last(), Some(&Elem::Const(Role::T, "CHN".into())));
        assert!(p.has_slot(Role::T));
        assert!(parse("{S}*访华{T:chn}", "042", Flags::default()).is_err());
        let p = parse("{S}对{T}( 会晤 ||会谈)", "040", Flags::default()).unwrap();
        assert_eq!(
            p.elems[3],
            Elem::Lit(vec!["会晤".into(), "会谈".into(), "".into()])
        );
        assert_eq!(split_at_byte("甲|乙|丙", b'|'), Some(("甲", "乙|丙")));
        assert_eq!(split_at_byte("甲乙", b'|'), None);
        assert_eq!(split_at_byte("|", b'|'), Some(("", "")));
    }
}
