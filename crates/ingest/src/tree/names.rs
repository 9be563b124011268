//! Element names as atoms for the tree builder's lexer (`lex.rs`): a
//! common name is found by its bytes read as one word in a small table,
//! without `LocalName::from`'s packing or hashing; any other name (a long
//! one, one in capitals) is lower-cased and looked up.

use html5ever::LocalName;

use super::scan::{class, word_at, UPPER};

/// The table of common names: the names, and their atoms in the same
/// order.
macro_rules! common_names {
    ($($name:tt)*) => {
        /// The element names most frequent on news pages (lower case, at
        /// most 8 bytes).
        const COMMON: &[&str] = &[$($name),*];
        /// The atom of each of [`COMMON`].
        static COMMON_ATOMS: [LocalName; COMMON.len()] = [$(n!($name)),*];
    };
}

common_names!(
    "a" "p" "i" "b"
    "li" "ul" "h3" "h2" "br" "h4" "dt" "h1" "dd" "dl" "em" "h5" "h6" "hr"
    "ol" "td" "th" "tr"
    "div" "img" "nav" "pre" "sup" "col"
    "span" "meta" "link" "time" "head" "body" "html" "area" "code" "font"
    "form" "main"
    "style" "input" "title" "aside" "label" "small" "table" "tbody"
    "thead" "video"
    "script" "source" "iframe" "figure" "strong" "button" "header"
    "footer" "center" "option" "select"
    "section" "article" "noscript" "textarea"
);

/// The bytes of a name of at most 8 as a little-endian word, zero past
/// its end.
const fn pack(n: &[u8]) -> u64 {
    let mut w = 0u64;
    let mut i = 0;
    while i < n.len() {
        w |= (n[i] as u64) << (8 * i);
        i += 1;
    }
    w
}

/// The slot of the word `w` in [`SLOTS`]: its top byte once multiplied by
/// a constant under which no two names of [`COMMON`] share a slot.
const fn slot(w: u64) -> usize {
    (w.wrapping_mul(0xc59d_af25_4972_5f9f) >> 56) as usize
}

/// For each slot, one more than the index in [`COMMON`] of the name in
/// it, or 0. Built at compile time, which fails if two names meet.
const SLOTS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < COMMON.len() {
        let n = COMMON[i].as_bytes();
        assert!(n.len() <= 8 && COMMON.len() < 255);
        let s = slot(pack(n));
        assert!(t[s] == 0, "two common names share a slot");
        t[s] = i as u8 + 1;
        i += 1;
    }
    t
};

/// The words of [`COMMON`] ([`pack`]), for the comparison a slot asks.
const WORDS: [u64; COMMON.len()] = {
    let mut t = [0u64; COMMON.len()];
    let mut i = 0;
    while i < COMMON.len() {
        t[i] = pack(COMMON[i].as_bytes());
        i += 1;
    }
    t
};

/// The element name `s[from..to]` (as printed) as an atom of its
/// lower-case form: a common name by one word read from `s` where it
/// holds 8 bytes from `from`, any other by [`other_name_atom`].
#[inline(always)]
pub(super) fn name_atom_in(s: &str, from: usize, to: usize) -> LocalName {
    let len = to - from;
    if len <= 8 {
        if let Some(w) = word_at(s.as_bytes(), from) {
            let w = if len == 8 {
                w
            } else {
                w & ((1u64 << (8 * len)) - 1)
            };
            let k = SLOTS[slot(w)] as usize;
            if k != 0 && WORDS[k - 1] == w {
                return COMMON_ATOMS[k - 1].clone();
            }
        }
    }
    other_name_atom(&s[from..to])
}

/// The element name `s` (as printed) as an atom of its lower-case form.
#[cfg(test)]
pub(super) fn name_atom(s: &str) -> LocalName {
    let padded = format!("{s}        ");
    let a = name_atom_in(&padded, 0, s.len());
    assert_eq!(a, other_name_atom(s), "{s}");
    a
}

/// [`name_atom_in`] of a name not in [`COMMON`]: looked up as it is, or
/// lower-cased first if it holds a capital.
fn other_name_atom(s: &str) -> LocalName {
    if !s.bytes().any(|c| class(c, UPPER)) {
        return LocalName::from(s);
    }
    let mut buf = [0u8; 16];
    if s.len() <= buf.len() {
        let low = &mut buf[..s.len()];
        low.copy_from_slice(s.as_bytes());
        low.make_ascii_lowercase();
        // Lower-casing ASCII keeps the bytes UTF-8.
        if let Ok(low) = std::str::from_utf8(low) {
            return LocalName::from(low);
        }
    }
    LocalName::from(s.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_names_are_found_by_their_word() {
        for (n, atom) in COMMON.iter().zip(&COMMON_ATOMS) {
            assert_eq!(*atom, LocalName::from(*n));
            let page = format!("<{n}>        ");
            assert_eq!(name_atom_in(&page, 1, 1 + n.len()), *atom, "{n}");
            // Not found from a word that runs past the end of the page.
            let end = format!("<{n}");
            assert_eq!(name_atom_in(&end, 1, 1 + n.len()), *atom, "{n}");
            let upper = format!("<{}>        ", n.to_ascii_uppercase());
            assert_eq!(name_atom_in(&upper, 1, 1 + n.len()), *atom, "{n}");
        }
    }
}
