//! The verb-pattern language of `lexicon/verbs.tsv` (see `docs/patterns.md`).
//!
//! A pattern is a sequence of
//! * literals (`会晤`), alternations `(会晤|会谈|会面)` (an empty alternative
//!   makes the group optional: `(了|)`),
//! * actor slots `{S}` (source) and `{T}` (target),
//! * gaps: `*` (up to [`GAP`] characters) and `**` (up to [`LONG_GAP`]),
//!   never crossing a clause break.

use std::borrow::Cow;
use std::ops::Deref;

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

/// An alternative of a literal: a slice of the built-in `verbs.tsv`
/// compiled in when the pattern comes from it (no copy), else its own text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word(Cow<'static, str>);

impl Word {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Word {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Word {
    fn from(s: &str) -> Word {
        Word(Cow::Owned(s.to_string()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Elem {
    /// One of the alternatives (an empty one makes the element optional),
    /// longest first.
    Lit(Vec<Word>),
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

/// Where the words of a pattern come from: its source text, and the same
/// text borrowed for the whole process when it is the built-in lexicon's.
#[derive(Clone, Copy)]
struct Source<'s> {
    src: &'s str,
    fixed: Option<&'static str>,
}

impl Source<'_> {
    /// `w` (a slice of the source) as a [`Word`]: the same slice of the
    /// built-in text, or a copy.
    fn word(&self, w: &str) -> Word {
        match self.fixed {
            Some(fixed) => {
                debug_assert!(std::ptr::eq(fixed, self.src));
                let start = w.as_ptr() as usize - self.src.as_ptr() as usize;
                Word(Cow::Borrowed(&fixed[start..start + w.len()]))
            }
            None => Word(Cow::Owned(w.to_string())),
        }
    }
}

/// A literal being read: nothing yet, one slice of the source, or (when
/// white space split it) the runs copied together.
enum PendingLit<'s> {
    Empty,
    Slice(&'s str),
    Joined(String),
}

impl<'s> PendingLit<'s> {
    /// Adds a run of plain characters.
    fn push(&mut self, run: &'s str) {
        *self = match std::mem::replace(self, PendingLit::Empty) {
            PendingLit::Empty => PendingLit::Slice(run),
            // (A run ends at a special character or a space: the next one
            // never goes on where the last ended.)
            PendingLit::Slice(prev) => PendingLit::Joined(format!("{prev}{run}")),
            PendingLit::Joined(mut s) => {
                s.push_str(run);
                PendingLit::Joined(s)
            }
        };
    }

    /// The literal read so far as an element (none when empty); its
    /// number of characters.
    fn flush(&mut self, from: &Source<'_>, elems: &mut Vec<Elem>) -> usize {
        let w = match std::mem::replace(self, PendingLit::Empty) {
            PendingLit::Empty => return 0,
            PendingLit::Slice(s) => from.word(s),
            PendingLit::Joined(s) => Word(Cow::Owned(s)),
        };
        let n = char_len(&w);
        elems.push(Elem::Lit(vec![w]));
        n
    }
}

/// The number of characters of `s`: its bytes that do not continue a
/// character (`str::chars().count()` sets up a chunked count that costs
/// more on the few bytes of an alternative).
fn char_len(s: &str) -> usize {
    s.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// Parses a pattern; `Err` carries a message.
pub fn parse(src: &str, code: &str, flags: Flags) -> Result<Pattern, String> {
    parse_from(Source { src, fixed: None }, code, flags)
}

/// [`parse`] of a pattern of the built-in lexicon: its words are slices of
/// the text compiled in, not copies.
pub fn parse_builtin(src: &'static str, code: &str, flags: Flags) -> Result<Pattern, String> {
    let from = Source {
        src,
        fixed: Some(src),
    };
    parse_from(from, code, flags)
}

/// What a byte is to [`group`]: a character's first byte, a continuation
/// byte, `|`, `)`, or a mark no alternative may hold (`*{}(,`; all ASCII,
/// so a byte test is a character test).
const LEAD: u8 = 0;
const CONT: u8 = 1;
const BAR: u8 = 2;
const CLOSE: u8 = 3;
const MARK: u8 = 4;

static GROUP_BYTES: [u8; 256] = {
    let mut t = [LEAD; 256];
    let mut b = 0x80;
    while b < 0xC0 {
        t[b] = CONT;
        b += 1;
    }
    t[b'|' as usize] = BAR;
    t[b')' as usize] = CLOSE;
    t[b'*' as usize] = MARK;
    t[b'{' as usize] = MARK;
    t[b'}' as usize] = MARK;
    t[b'(' as usize] = MARK;
    t[b',' as usize] = MARK;
    t
};

/// A group read from just after its `(`: the alternatives (longest first,
/// the empty one last), the fewest characters of one, and the text after
/// the `)`. One pass over the bytes finds the bars and the closing mark,
/// rejects marks and counts each alternative's characters (the groups are
/// most of the 214 KB of patterns read at every start-up).
fn group<'s>(from: &Source<'_>, after: &'s str) -> Result<(Vec<Word>, usize, &'s str), String> {
    let bytes = after.as_bytes();
    let mut alts: Vec<Word> = Vec::with_capacity(4);
    let mut fewest = usize::MAX;
    let (mut start, mut chars) = (0, 0);
    let mut i = 0;
    loop {
        let Some(&x) = bytes.get(i) else {
            return Err("unclosed (".into());
        };
        match GROUP_BYTES[x as usize] {
            LEAD => chars += 1,
            CONT => {}
            MARK if after[i..].contains(')') => {
                return Err("alternatives are plain text (no gaps, slots or groups)".into())
            }
            MARK => return Err("unclosed (".into()),
            bar_or_close => {
                let raw = &after[start..i];
                let alt = shiju_lexicon::trim(raw);
                let n = if alt.len() == raw.len() {
                    chars
                } else {
                    char_len(alt)
                };
                fewest = fewest.min(n);
                alts.push(from.word(alt));
                if bar_or_close == CLOSE {
                    break;
                }
                (start, chars) = (i + 1, 0);
            }
        }
        i += 1;
    }
    if alts.iter().all(|a| a.is_empty()) {
        return Err("empty alternation".into());
    }
    // Longest alternative first (the empty one last): the matcher tries
    // them in this order.
    alts.sort_by_key(|a| std::cmp::Reverse(a.len()));
    alts.dedup();
    Ok((alts, fewest, &after[i + 1..]))
}

/// Parses a pattern from `from`.
///
/// The source is read a run at a time (a literal is taken in one piece up
/// to the next special character or space, a group or slot is cut at its
/// closing mark), not character by character: the 2,035 patterns are parsed
/// at every start-up.
fn parse_from(from: Source<'_>, code: &str, flags: Flags) -> Result<Pattern, String> {
    let src = from.src;
    let mut elems: Vec<Elem> = Vec::with_capacity(8);
    let mut lit = PendingLit::Empty;
    // Number of literal characters: each literal's fewest.
    let mut weight = 0;
    let mut rest = src;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        match c {
            '{' => {
                weight += lit.flush(&from, &mut elems);
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
                weight += lit.flush(&from, &mut elems);
                if let Some(tail) = after.strip_prefix('*') {
                    rest = tail;
                    elems.push(Elem::Gap(LONG_GAP));
                } else {
                    rest = after;
                    elems.push(Elem::Gap(GAP));
                }
            }
            '(' => {
                weight += lit.flush(&from, &mut elems);
                let (alts, fewest, tail) = group(&from, after)?;
                rest = tail;
                weight += fewest;
                elems.push(Elem::Lit(alts));
            }
            ',' | punct::COMMA => {
                weight += lit.flush(&from, &mut elems);
                rest = after;
                elems.push(Elem::Break);
            }
            ')' | '}' => return Err(format!("unbalanced {c}")),
            c if c.is_whitespace() => rest = after,
            _ => {
                // A run of plain characters (spaces inside a literal are dropped).
                let n = rest.find(is_special).unwrap_or(rest.len());
                lit.push(&rest[..n]);
                rest = &rest[n..];
            }
        }
    }
    weight += lit.flush(&from, &mut elems);
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
    fn builtin_patterns_borrow_their_words() {
        for src in [
            "{S}与{T}*(会晤|会谈)",
            "{S}对{T}( 会晤 ||会谈)(了|)表示 不满",
            "{S}*访华{T:CHN}",
            "{S}警告称,{T}(a|bc|)",
        ] {
            let owned = parse(src, "040", Flags::default()).unwrap();
            let fixed = parse_builtin(src, "040", Flags::default()).unwrap();
            assert_eq!(owned, fixed, "{src}");
            for e in &fixed.elems {
                if let Elem::Lit(alts) = e {
                    for w in alts {
                        // Joined runs (表示 不满) are the only copies.
                        let borrowed = matches!(w.0, Cow::Borrowed(_));
                        assert_eq!(borrowed, w.as_str() != "表示不满", "{src}: {w:?}");
                    }
                }
            }
        }
        // The errors of a group, in the order they are looked for.
        let err = |src| parse(src, "040", Flags::default()).unwrap_err();
        assert_eq!(err("{S}对{T}(会晤|会*谈"), "unclosed (");
        assert_eq!(err("{S}对{T}(会晤"), "unclosed (");
        assert_eq!(
            err("{S}对{T}(会晤|会*谈)"),
            "alternatives are plain text (no gaps, slots or groups)"
        );
        assert_eq!(err("{S}对{T}( | )"), "empty alternation");
        // The weight counts an alternative without the spaces around it.
        let p = parse("{S}对{T}( 会晤 | 会 谈 |会谈会)", "040", Flags::default()).unwrap();
        assert_eq!(p.weight, 3);
        assert_eq!(
            p.elems[3],
            Elem::Lit(vec!["会谈会".into(), "会 谈".into(), "会晤".into()])
        );
        for s in ["", "a", "会晤", "a会b", "𠀀x"] {
            assert_eq!(char_len(s), s.chars().count(), "{s}");
        }
    }

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
        // Spaces inside a literal are dropped (its runs joined).
        let p = parse("{S} 会 晤 {T}", "040", Flags::default()).unwrap();
        assert_eq!(p.elems[1], Elem::Lit(vec!["会晤".into()]));
        assert_eq!(p.weight, 2);
        assert_eq!(split_at_byte("甲|乙|丙", b'|'), Some(("甲", "乙|丙")));
        assert_eq!(split_at_byte("甲乙", b'|'), None);
        assert_eq!(split_at_byte("|", b'|'), Some(("", "")));
    }
}
