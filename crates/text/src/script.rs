//! Script detection: which characters exist only in traditional or only
//! in simplified script (OpenCC's character tables), and the count that
//! decides a text's script.

use std::sync::OnceLock;

use shiju_core::Script;

use crate::{DENSE_LO, SCRIPT_HI, ST_CHARACTERS, TS_CHARACTERS};

/// The characters that exist only in one script.
pub(crate) struct ScriptSets {
    /// Traditional-only characters outside `DENSE_LO..SCRIPT_HI`, sorted
    /// (a few hundred, asked only of the rare characters past the table).
    pub(crate) trad_only: Vec<char>,
    /// Simplified-only characters outside `DENSE_LO..SCRIPT_HI`, sorted.
    pub(crate) simp_only: Vec<char>,
    /// For `DENSE_LO..SCRIPT_HI`: 1 traditional-only, 2 simplified-only, 0 neither.
    pub(crate) dense: Vec<u8>,
}

/// The single characters `content` (an OpenCC table) converts to something
/// else only: keys of one character, with at least one value, none of them
/// the key itself. Read line by line with no list built per line; a line
/// is taken apart byte by byte (a key of one character, then a tab, is
/// told from its first bytes, and values are split at ASCII spaces).
pub(crate) fn one_script_chars(content: &str) -> impl Iterator<Item = char> + '_ {
    lines(content).filter_map(|l| {
        let l = l.trim_end_matches('\r');
        let c = l.chars().next()?;
        let n = c.len_utf8();
        let b = l.as_bytes();
        if c == '#'
            || c == '\t'
            || b.get(n) != Some(&b'\t')
            || (c.is_whitespace() && l.trim().is_empty())
        {
            return None;
        }
        let key = &b[..n];
        let mut any = false;
        for x in b[n + 1..].split(|&y| y == b' ') {
            if x.is_empty() {
                continue;
            }
            // (Byte by byte: a key is one to four bytes, less than a
            // memcmp call costs.)
            if x.len() == n && x.iter().zip(key).all(|(a, b)| a == b) {
                return None;
            }
            any = true;
        }
        any.then_some(c)
    })
}

/// `content.split('\n')`, the end of a line found by a byte loop: the
/// lines of a character table are a few bytes each, shorter than the set-up
/// of `str::split`'s memchr at each of them.
pub(crate) fn lines(content: &str) -> impl Iterator<Item = &str> + '_ {
    let mut rest = Some(content);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == b'\n') {
            Some(end) => {
                rest = Some(&r[end + 1..]);
                Some(&r[..end])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

pub(crate) fn script_sets() -> &'static ScriptSets {
    static SETS: OnceLock<ScriptSets> = OnceLock::new();
    SETS.get_or_init(|| {
        // 1 for a traditional-only character (even if also listed as
        // simplified-only), else 2 for a simplified-only one, else 0: filled
        // straight from the tables, sets only for the rare characters past it.
        let mut dense = vec![0u8; (SCRIPT_HI - DENSE_LO) as usize];
        let mut trad_only = Vec::new();
        for c in one_script_chars(TS_CHARACTERS) {
            match (c as u32).checked_sub(DENSE_LO) {
                Some(i) if i < SCRIPT_HI - DENSE_LO => dense[i as usize] = 1,
                _ => trad_only.push(c),
            }
        }
        let mut simp_only = Vec::new();
        for c in one_script_chars(ST_CHARACTERS) {
            match (c as u32).checked_sub(DENSE_LO) {
                Some(i) if i < SCRIPT_HI - DENSE_LO => {
                    let d = &mut dense[i as usize];
                    if *d == 0 {
                        *d = 2;
                    }
                }
                _ => simp_only.push(c),
            }
        }
        for set in [&mut trad_only, &mut simp_only] {
            set.sort_unstable();
            set.dedup();
        }
        ScriptSets {
            trad_only,
            simp_only,
            dense,
        }
    })
}

/// Guesses the script of a text from the characters that exist only in one
/// script (traditional if it has more traditional-only than simplified-only
/// characters).
pub fn detect_script(s: &str) -> Script {
    let mut tally = Tally::new();
    s.chars().for_each(|c| tally.add(c));
    tally.script()
}

/// The characters of a text that exist only in one script, counted
/// ([`detect_script`]; [`Normalizer::normalize_detect`] in the loop that
/// normalises).
pub(crate) struct Tally {
    /// The script table (empty when nothing is counted).
    dense: &'static [u8],
    sets: Option<&'static ScriptSets>,
    traditional: usize,
    simplified: usize,
}

impl Tally {
    /// A tally that is never read (no table built).
    pub(crate) fn empty() -> Tally {
        Tally {
            dense: &[],
            sets: None,
            traditional: 0,
            simplified: 0,
        }
    }

    pub(crate) fn new() -> Tally {
        let sets = script_sets();
        Tally {
            dense: &sets.dense,
            sets: Some(sets),
            traditional: 0,
            simplified: 0,
        }
    }

    #[inline(always)]
    pub(crate) fn add(&mut self, c: char) {
        let cp = c as u32;
        if cp < DENSE_LO {
            return;
        }
        if let Some(&d) = self.dense.get((cp - DENSE_LO) as usize) {
            self.traditional += usize::from(d == 1);
            self.simplified += usize::from(d == 2);
        } else if let Some(sets) = self.sets.filter(|_| cp >= SCRIPT_HI) {
            if sets.trad_only.binary_search(&c).is_ok() {
                self.traditional += 1;
            } else if sets.simp_only.binary_search(&c).is_ok() {
                self.simplified += 1;
            }
        }
    }

    /// Traditional when more characters are traditional-only than
    /// simplified-only.
    pub(crate) fn script(&self) -> Script {
        if self.traditional > self.simplified {
            Script::Traditional
        } else {
            Script::Simplified
        }
    }
}
