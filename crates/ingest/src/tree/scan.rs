//! The byte scanning of the tree builder's lexer (`lex.rs`): byte classes
//! looked up in one table, runs of them skipped, whether a text is white
//! space or holds a CR and where a name or a run of white space ends asked
//! of eight bytes at once, and newlines normalised.

use std::borrow::Cow;

/// Byte classes of the tag scanner ([`CLASS`]): white space.
pub(super) const WS: u8 = 1;
/// Ends a tag name: white space, `/`, `>`.
pub(super) const NAME_END: u8 = 2;
/// Ends an attribute name: white space, `/`, `>`, `=`.
pub(super) const ATTR_END: u8 = 4;
/// Ends an unquoted attribute value: white space, `>`.
pub(super) const VALUE_END: u8 = 8;
/// An ASCII capital letter.
pub(super) const UPPER: u8 = 16;
/// `<`: where `Lexer::page` checks for a cut inside a tag.
pub(super) const LT: u8 = 32;

/// The class bits of each byte: one load and one test per byte in the
/// tag scanner's loops instead of a chain of comparisons.
pub(super) const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    // A CR is white space as the LF it is read as (`Lexer::page`).
    let ws = [b' ', b'\t', b'\n', b'\x0c', b'\r'];
    let mut i = 0;
    while i < ws.len() {
        t[ws[i] as usize] = WS | NAME_END | ATTR_END | VALUE_END;
        i += 1;
    }
    t[b'/' as usize] = NAME_END | ATTR_END;
    t[b'>' as usize] = NAME_END | ATTR_END | VALUE_END;
    t[b'=' as usize] = ATTR_END;
    t[b'<' as usize] = LT;
    let mut c = b'A';
    while c <= b'Z' {
        t[c as usize] = UPPER;
        c += 1;
    }
    t
};

/// Whether `c` has any of the class bits `bits`.
#[inline(always)]
pub(super) fn class(c: u8, bits: u8) -> bool {
    CLASS[c as usize] & bits != 0
}

/// The first `i` from `i` on where `b[i]` has one of the class bits
/// `bits` (or the end of `b`).
#[inline(always)]
pub(super) fn skip_until(b: &[u8], mut i: usize, bits: u8) -> usize {
    while i < b.len() && !class(b[i], bits) {
        i += 1;
    }
    i
}

/// The first `i` from `i` on where `b[i]` is not white space, for the
/// white space before an attribute or around its `=`: one byte or none
/// in line, a longer run (the indentation of a tag written over several
/// lines) eight bytes at a time ([`skip_ws_words`]).
#[inline(always)]
pub(super) fn skip_ws_run(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(&c) if class(c, WS) => match b.get(i + 1) {
            Some(&c) if class(c, WS) => skip_ws_words(b, i + 2),
            _ => i + 1,
        },
        _ => i,
    }
}

/// The eight bytes of `b` from `i`, the first in the low lane, if there
/// are eight.
#[inline(always)]
pub(super) fn word_at(b: &[u8], i: usize) -> Option<u64> {
    let w: [u8; 8] = b.get(i..i + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(w))
}

/// The high bit of each lane of `v` holding `c`. A lane above one that
/// does may be marked too (a borrow), so only the lowest mark is exact:
/// the first such byte is found by `trailing_zeros`.
#[inline(always)]
fn eq_lanes(v: u64, c: u8) -> u64 {
    let x = v ^ lanes(c);
    x.wrapping_sub(lanes(1)) & !x & HIGH
}

/// The high bit of each lane of `v` below 0x21 (white space and the
/// controls), as [`eq_lanes`]: the lowest mark is exact.
#[inline(always)]
fn below_bang(v: u64) -> u64 {
    v.wrapping_sub(lanes(0x21)) & !v & HIGH
}

/// The lanes of `v` (as [`eq_lanes`]) that may end an attribute name: a
/// byte below 0x21 (white space, or a control, which does not), `/`,
/// `>`, `=` or `<` (which does only where `Lexer::page` checks cuts).
/// The caller asks [`class`] of the byte found.
#[inline(always)]
pub(super) fn name_end_lanes(v: u64) -> u64 {
    below_bang(v) | eq_lanes(v, b'/') | eq_lanes(v, b'>') | eq_lanes(v, b'=') | eq_lanes(v, b'<')
}

/// White space; a CR too, as the LF it is read as (`Lexer::page`).
pub(super) fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r')
}

/// A byte of each lane of a word.
const fn lanes(c: u8) -> u64 {
    u64::from_ne_bytes([c; 8])
}

const HIGH: u64 = lanes(0x80);

/// Whether the eight bytes of `v` are all white space ([`is_ws`]), asked
/// of all lanes at once: each byte at most a space, and a space or one of
/// `\t \n \x0c \r` (from 9 to 13 but not 11).
#[inline(always)]
fn word_ws(v: u64) -> bool {
    // No byte over 0x20 (a byte of 0x80 or more has its high bit; the
    // others add without a carry).
    if (v | v.wrapping_add(lanes(0x7f - 0x20))) & HIGH != 0 {
        return false;
    }
    // Every byte is now at most 0x20: the sums below carry nowhere.
    let space = (v << 2) & HIGH;
    let ge9 = v.wrapping_add(lanes(0x80 - 9)) & HIGH;
    let ge14 = v.wrapping_add(lanes(0x80 - 14)) & HIGH;
    let t = v ^ lanes(11);
    let not11 = ((t & lanes(0x7f)).wrapping_add(lanes(0x7f)) | t) & HIGH;
    space | (ge9 & !ge14 & not11) == HIGH
}

/// The high bit of each lane of `v` that is not white space ([`is_ws`]),
/// exact in every lane: each lane's sums are made of its low seven bits,
/// so no carry crosses into the next.
#[inline(always)]
fn non_ws_lanes(v: u64) -> u64 {
    let low = v & lanes(0x7f);
    // A lane of its low bits not 0 (its high bit set by the sum).
    let nonzero = |x: u64| ((x & lanes(0x7f)).wrapping_add(lanes(0x7f)) | x) & HIGH;
    let above_space = (low.wrapping_add(lanes(0x7f - 0x20)) | v) & HIGH;
    let ge9 = low.wrapping_add(lanes(0x80 - 9)) & HIGH;
    let ge14 = low.wrapping_add(lanes(0x80 - 14)) & HIGH;
    let ws = !above_space & (!nonzero(v ^ lanes(b' ')) | (ge9 & !ge14 & nonzero(v ^ lanes(11))));
    !ws & HIGH
}

/// Whether `b` is all white space ([`is_ws`]): the indentation between
/// tags, read a word at a time.
pub(super) fn all_ws(b: &[u8]) -> bool {
    let mut words = b.chunks_exact(8);
    for w in &mut words {
        let v = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        if !word_ws(v) {
            return false;
        }
    }
    words.remainder().iter().all(|&c| is_ws(c))
}

/// The first `i` from `i` on where `b[i]` is not white space ([`is_ws`]),
/// read a word at a time: the indentation a text between tags starts
/// with, or is.
pub(super) fn skip_ws_words(b: &[u8], mut i: usize) -> usize {
    while let Some(v) = word_at(b, i) {
        // Eight spaces, most words of indentation: one comparison.
        if v == lanes(b' ') {
            i += 8;
            continue;
        }
        // The word that ends the run tells where, without a byte loop.
        let m = non_ws_lanes(v);
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && is_ws(b[i]) {
        i += 1;
    }
    i
}

/// Whether `b` holds a CR: a short text (an attribute value, a text
/// between tags) a word at a time, its last bytes as the word that ends
/// it (read again in part) rather than by a search, a long one by
/// `memchr`.
pub(super) fn has_cr(b: &[u8]) -> bool {
    if b.len() > 64 {
        return memchr::memchr(b'\r', b).is_some();
    }
    // A lane of zero (a CR) borrows into its high bit; a lane above a
    // zero may too, but only if there is one.
    let cr = |w: &[u8]| {
        let v = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]) ^ lanes(b'\r');
        v.wrapping_sub(lanes(1)) & !v & HIGH != 0
    };
    if b.len() < 8 {
        return b.contains(&b'\r');
    }
    b.chunks_exact(8).any(cr) || cr(&b[b.len() - 8..])
}

/// `t` with every CR LF and every lone CR read as LF, as the tokenizer's
/// input stream does: one pass that finds each CR by `memchr`.
pub(crate) fn normalize_newlines(t: &str) -> Cow<'_, str> {
    let b = t.as_bytes();
    let mut crs = memchr::memchr_iter(b'\r', b).peekable();
    if crs.peek().is_none() {
        return Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    let mut from = 0;
    for i in crs {
        out.push_str(&t[from..i]);
        out.push('\n');
        from = if b.get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            i + 1
        };
    }
    out.push_str(&t[from..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_ws_is_is_ws_in_every_lane() {
        for c in 0..=255u8 {
            for lane in 0..8 {
                for fill in [b' ', b'\n', b'\t', b'\r', b'\x0c', 0xff, 0xa1, b'a'] {
                    let mut w = [fill; 8];
                    w[lane] = c;
                    let want = w.iter().all(|&c| is_ws(c));
                    assert_eq!(word_ws(u64::from_le_bytes(w)), want, "{w:?}");
                }
            }
        }
    }

    #[test]
    fn non_ws_lanes_is_not_is_ws_in_every_lane() {
        for c in 0..=255u8 {
            for lane in 0..8 {
                for fill in [b' ', b'\n', b'\t', b'\r', b'\x0c', 0xff, 0xa1, 0x0b, b'a'] {
                    let mut w = [fill; 8];
                    w[lane] = c;
                    let want = w
                        .iter()
                        .enumerate()
                        .filter(|(_, &c)| !is_ws(c))
                        .fold(0u64, |m, (k, _)| m | 0x80 << (8 * k));
                    assert_eq!(non_ws_lanes(u64::from_le_bytes(w)), want, "{w:?}");
                }
            }
        }
    }

    #[test]
    fn name_end_lanes_marks_first_end_exactly() {
        let ends = |c: u8| c <= b' ' || matches!(c, b'/' | b'>' | b'=' | b'<');
        for c in 0..=255u8 {
            for lane in 0..8 {
                for fill in [b'a', b'-', 0xe4, 0x7f, 0x80, b'0'] {
                    let mut w = [fill; 8];
                    w[lane] = c;
                    let m = name_end_lanes(u64::from_le_bytes(w));
                    let first = w.iter().position(|&c| ends(c));
                    let got = (m != 0).then(|| (m.trailing_zeros() / 8) as usize);
                    assert_eq!(got, first, "{w:?}");
                }
            }
        }
    }

    #[test]
    fn has_cr_finds_a_cr_anywhere() {
        for len in 0..80 {
            assert!(!has_cr(&vec![b'\n'; len]));
            assert!(!has_cr(&vec![0x8d; len]));
            for at in 0..len {
                let mut v = vec![b'a'; len];
                v[at] = b'\r';
                assert!(has_cr(&v), "{len} {at}");
                v[at] = 0x0c;
                assert!(!has_cr(&v));
            }
        }
    }

    #[test]
    fn skip_ws_words_stops_at_the_first_other_byte() {
        for len in 0..40 {
            for tail in [b'a', b'<', b'\x0b', 0xa0] {
                let mut v: Vec<u8> = (0..len).map(|k| b" \n\t\r\x0c"[k % 5]).collect();
                v.push(tail);
                v.extend_from_slice(b"          ");
                for from in 0..=len {
                    assert_eq!(skip_ws_words(&v, from), len, "{len} {tail} {from}");
                }
                v.truncate(len);
                assert_eq!(skip_ws_words(&v, 0), len);
            }
        }
        // Runs of spaces (read eight at a time) ended by each byte.
        for len in 0..40 {
            for tail in [b'a', b'<', b'\n', b'\x0b', 0xa0] {
                let mut v = vec![b' '; len];
                v.push(tail);
                v.extend_from_slice(b"x       ");
                let want = if tail == b'\n' { len + 1 } else { len };
                for from in 0..=len {
                    assert_eq!(skip_ws_words(&v, from), want, "{len} {tail} {from}");
                }
            }
        }
    }

    #[test]
    fn all_ws_reads_words_and_tails() {
        assert!(all_ws(b""));
        assert!(all_ws(b"\n        \t\t\t\t\t\t\t\t  \r\n\x0c "));
        assert!(!all_ws(b"\n                x"));
        assert!(!all_ws(b"        \x0b"));
        assert!(!all_ws(b"\t\t\t\t\t\t\t\t\t\t\ta"));
        // Every position of one non-white byte in runs of each length.
        for len in 1..20 {
            for at in 0..len {
                let mut v = vec![b' '; len];
                v[at] = b'a';
                assert!(!all_ws(&v));
                v[at] = b'\n';
                assert!(all_ws(&v));
            }
        }
    }
}
