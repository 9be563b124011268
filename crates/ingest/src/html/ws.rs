//! White space collapsed as a browser shows it, read from the bytes:
//! runs of white space become one space, none leads or trails, U+3000
//! is kept.

/// Collapses runs of white space to one space and trims. Spaces between two
/// CJK characters are kept (some outlets separate headline parts with them).
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // White space read before the first character or after the last is
    // never written: `push_collapsed` writes a pending space only between
    // two runs of other characters.
    push_collapsed(&mut out, &mut false, s, false);
    out
}

/// Bytes that can start a white-space character (`ws_at`): ASCII white
/// space and the lead bytes of U+0085/U+00A0, U+1680 and U+2000–U+205F.
const MAY_START_WS: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0x09;
    while c <= 0x0D {
        t[c] = true;
        c += 1;
    }
    t[b' ' as usize] = true;
    t[0xC2] = true;
    t[0xE1] = true;
    t[0xE2] = true;
    t
};

/// The end of the run of characters other than white space starting at
/// byte `i` of `s`: a character of three bytes led by `E3`–`EF` (CJK
/// ideographs and punctuation, never white space) is skipped whole, other
/// bytes that cannot start white space one by one (never a continuation
/// byte, so every stop is a character boundary), the others read by
/// `ws_at`.
fn word_end(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    loop {
        while i < b.len() {
            let c = b[i];
            if (0xE3..=0xEF).contains(&c) {
                i += 3;
            } else if MAY_START_WS[usize::from(c)] {
                break;
            } else {
                i += 1;
            }
        }
        if i >= b.len() {
            return i;
        }
        let (ws, len) = ws_at(s, i);
        if ws {
            return i;
        }
        i += len;
    }
}

/// Whether the character starting at byte `i` of `s` is white space other
/// than U+3000 (`char::is_whitespace`), and its length, read from its
/// bytes: the white space beyond ASCII is U+0085, U+00A0 (`C2 85`,
/// `C2 A0`), U+1680 (`E1 9A 80`), U+2000–U+200A, U+2028, U+2029, U+202F
/// (`E2 80 80`–`8A`, `A8`, `A9`, `AF`) and U+205F (`E2 81 9F`).
fn ws_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes();
    let next = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        0x09..=0x0D | b' ' => (true, 1),
        0..=0x7F => (false, 1),
        0xC2 => (matches!(next(1), 0x85 | 0xA0), 2),
        0xC0..=0xDF => (false, 2),
        0xE1 => (next(1) == 0x9A && next(2) == 0x80, 3),
        0xE2 => (
            match next(1) {
                0x80 => matches!(next(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
                0x81 => next(2) == 0x9F,
                _ => false,
            },
            3,
        ),
        0xE0..=0xEF => (false, 3),
        _ => (false, 4),
    }
}

/// Appends `s` to `out` as [`collapse_ws`] would collapse `out`'s text
/// followed by `s` (`pending`: white space was read after `out`'s last
/// character and not written yet, for it may trail); with `count`, the
/// number of characters of `s` other than white space
/// (`char::is_whitespace`, U+3000 included), else 0. Words parted by one
/// ASCII space, already collapsed, are copied as one run.
pub(super) fn push_collapsed(out: &mut String, pending: &mut bool, s: &str, count: bool) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    let mut n = 0;
    loop {
        let ws_from = i;
        i = ws_end(s, i);
        *pending |= i > ws_from;
        if i >= b.len() {
            return n;
        }
        if *pending && !out.is_empty() {
            out.push(' ');
        }
        *pending = false;
        let run = i;
        // The single spaces kept inside the run.
        let mut spaces = 0;
        loop {
            i = word_end(s, i);
            if b.get(i) == Some(&b' ') && i + 1 < b.len() && !ws_at(s, i + 1).0 {
                i += 1;
                spaces += 1;
            } else {
                break;
            }
        }
        out.push_str(&s[run..i]);
        if count {
            n += chars_but_ideographic_space(&b[run..i]) - spaces;
        }
    }
}

/// Whether [`push_collapsed`] would write anything of `s`: a character
/// other than white space (U+3000 is kept) stands in it.
pub(super) fn has_visible(s: &str) -> bool {
    ws_end(s, 0) < s.len()
}

/// The end of the run of white space (other than U+3000) starting at byte
/// `i` of `s`: ASCII white space read byte by byte, a byte that cannot
/// start white space ends it, the others are read by `ws_at`.
fn ws_end(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    while i < b.len() {
        let c = b[i];
        if c == b' ' || (0x09..=0x0D).contains(&c) {
            i += 1;
        } else if !MAY_START_WS[usize::from(c)] {
            break;
        } else {
            let (ws, len) = ws_at(s, i);
            if !ws {
                break;
            }
            i += len;
        }
    }
    i
}

/// The characters of a UTF-8 run other than U+3000 (the one white space
/// `ws_at` leaves in a word).
fn chars_but_ideographic_space(b: &[u8]) -> usize {
    // Two passes the compiler and `memchr` vectorise: the lead bytes, then
    // the U+3000s (`E3 80 80`) among the rarer `E3` leads.
    let chars = b.iter().filter(|&&c| c & 0xC0 != 0x80).count();
    let spaces = memchr::memchr_iter(0xE3, b)
        .filter(|&k| b.get(k + 1..k + 3) == Some(&[0x80, 0x80]))
        .count();
    chars - spaces
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `collapse_ws` as it read every character.
    fn collapse_by_chars(s: &str) -> String {
        let mut out = String::new();
        let mut pending = false;
        for c in s.chars() {
            if c.is_whitespace() && c != '\u{3000}' {
                pending = true;
            } else {
                if pending && !out.is_empty() {
                    out.push(' ');
                }
                pending = false;
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn collapse_ws_reads_bytes_as_characters() {
        let cases = [
            "  a \t b\n\r\x0b\x0cc  ",
            "\u{85}x\u{a0}y\u{1680}z\u{2000}\u{200a}w\u{2028}\u{2029}\u{202f}\u{205f}v",
            "甲\u{3000}乙  丙\u{200b}丁\u{feff}戊 🙂 é ü",
            "\u{2010}\u{2060}\u{e1}\u{1681}\u{1680}\u{200b}\u{2027}\u{202a}\u{202e}\u{2030}",
            "\u{205e}\u{205f}\u{2060}\u{84}\u{86}\u{9f}\u{a1}",
            "",
            " \n ",
        ];
        for c in cases {
            assert_eq!(collapse_ws(c), collapse_by_chars(c), "{c:?}");
        }
    }

    #[test]
    fn texts_collapsed_as_pushed_read_as_collapsed_whole() {
        let pieces = [
            "  a \t b",
            "\n\r\x0b\x0cc  ",
            "\u{85}x\u{a0}y\u{1680}z\u{2000}\u{200a}w\u{2028}",
            "甲\u{3000}乙  丙\u{200b}丁\u{feff}戊 🙂 é ü",
            "",
            " \n ",
            "\u{3000}\u{3000}x\u{3000}",
            "a b c \u{3000}d e\u{a0}f g  h i",
            "end",
        ];
        // Every split of the list into a prefix and the rest, pushed one
        // by one.
        for from in 0..pieces.len() {
            let (mut out, mut pending) = (String::new(), false);
            let mut whole = String::new();
            for p in &pieces[from..] {
                let n = push_collapsed(&mut out, &mut pending, p, true);
                assert_eq!(n, p.chars().filter(|c| !c.is_whitespace()).count(), "{p:?}");
                whole.push_str(p);
            }
            assert_eq!(out, collapse_ws(&whole), "{whole:?}");
        }
    }

    /// Every text of up to five characters from spaces, white space
    /// and other characters, pushed whole and in two pieces.
    #[test]
    fn short_texts_pushed_as_collapsed_by_character() {
        const CHARS: [char; 7] = [' ', 'a', '\u{3000}', '\u{a0}', '\n', '甲', 'é'];
        let mut s = String::new();
        for len in 0..=5u32 {
            for mut k in 0..CHARS.len().pow(len) {
                s.clear();
                for _ in 0..len {
                    s.push(CHARS[k % CHARS.len()]);
                    k /= CHARS.len();
                }
                for (at, _) in s.char_indices().chain([(s.len(), ' ')]) {
                    let (mut out, mut pending) = (String::new(), false);
                    let mut n = 0;
                    for p in [&s[..at], &s[at..]] {
                        n += push_collapsed(&mut out, &mut pending, p, true);
                    }
                    assert_eq!(out, collapse_by_chars(&s), "{s:?}");
                    assert_eq!(n, s.chars().filter(|c| !c.is_whitespace()).count(), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn white_space_read_from_bytes_as_by_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = c.to_string();
            let want = (c.is_whitespace() && c != '\u{3000}', c.len_utf8());
            assert_eq!(ws_at(&s, 0), want, "{c:?}");
        }
    }
}
