//! A set of characters asked about at every character of a text: a bitmap
//! over the CJK blocks (one bit read), a sorted list for the rest; and a
//! word list asked at every character which of its words the text there
//! begins with ([`WordStarts`]).

/// A set of characters: a bitmap over the CJK blocks, a sorted list for the rest.
#[derive(Debug, Clone)]
pub struct CharSet {
    dense: Vec<u64>,
    /// Per word of `dense`: how many members the words before it hold.
    rank: Vec<u32>,
    other: Vec<char>,
}

const LO: u32 = 0x3400;
const HI: u32 = 0xA000;

impl Default for CharSet {
    /// The empty set.
    fn default() -> Self {
        CharSet::new([])
    }
}

impl CharSet {
    pub fn new(chars: impl IntoIterator<Item = char>) -> CharSet {
        let mut cs = CharSet {
            dense: vec![0; ((HI - LO) as usize).div_ceil(64)],
            rank: Vec::new(),
            other: Vec::new(),
        };
        for c in chars {
            let cp = c as u32;
            if (LO..HI).contains(&cp) {
                let i = (cp - LO) as usize;
                cs.dense[i / 64] |= 1 << (i % 64);
            } else {
                cs.other.push(c);
            }
        }
        cs.other.sort_unstable();
        cs.other.dedup();
        let mut below = 0;
        for w in &cs.dense {
            cs.rank.push(below);
            below += w.count_ones();
        }
        cs
    }

    /// How many members of the CJK blocks come before `cp`, one of them.
    #[inline]
    fn dense_rank(&self, cp: u32) -> usize {
        let i = (cp - LO) as usize;
        let below = self.dense[i / 64] & ((1u64 << (i % 64)) - 1);
        self.rank[i / 64] as usize + below.count_ones() as usize
    }

    #[inline]
    pub fn contains(&self, c: char) -> bool {
        self.contains_code(c as u32)
    }

    /// [`CharSet::contains`] of the character with code point `cp` (none
    /// when `cp` is no character's).
    #[inline]
    pub fn contains_code(&self, cp: u32) -> bool {
        if (LO..HI).contains(&cp) {
            let i = (cp - LO) as usize;
            self.dense[i / 64] & (1 << (i % 64)) != 0
        } else {
            !self.other.is_empty()
                && char::from_u32(cp).is_some_and(|c| self.other.binary_search(&c).is_ok())
        }
    }
}

/// A word list looked up by the longest word a text begins with: the
/// words grouped by first character, longest first, behind a [`CharSet`]
/// of the first characters (most characters of a text start no word). For
/// lists of tens to hundreds of words read at every character, where an
/// automaton costs more to build and to start than the lookups it saves.
#[derive(Debug, Clone, Default)]
pub struct WordStarts {
    first_set: CharSet,
    /// The first characters, sorted.
    first: Vec<char>,
    /// How many of them come before the CJK blocks (those of the blocks
    /// are found by their rank in `first_set`).
    first_low: usize,
    /// Per character of `first`: (word, its index in the list given), longest first.
    by_first: Vec<Vec<(Box<str>, usize)>>,
}

impl WordStarts {
    /// The index of each word is its place in `words`; empty words are left out.
    pub fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> WordStarts {
        let words: Vec<&str> = words.into_iter().collect();
        let mut first: Vec<char> = words.iter().filter_map(|w| w.chars().next()).collect();
        first.sort_unstable();
        first.dedup();
        let mut by_first = vec![Vec::new(); first.len()];
        for (i, w) in words.iter().enumerate() {
            if let Some(k) = w.chars().next().and_then(|c| first.binary_search(&c).ok()) {
                by_first[k].push((Box::from(*w), i));
            }
        }
        for ws in &mut by_first {
            ws.sort_by(|a: &(Box<str>, usize), b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        }
        WordStarts {
            first_set: CharSet::new(first.iter().copied()),
            first_low: first.partition_point(|&c| (c as u32) < LO),
            first,
            by_first,
        }
    }

    /// The longest word `rest` begins with: (its index in the list, its length in bytes).
    #[inline]
    pub fn longest_at(&self, rest: &str) -> Option<(usize, usize)> {
        let c = rest.chars().next()?;
        self.longest_from(c, rest)
    }

    /// [`WordStarts::longest_at`] for a `rest` whose first character `c`
    /// the caller has read already (the set of first characters is asked
    /// here, inline; the words only past it).
    #[inline]
    pub fn longest_from(&self, c: char, rest: &str) -> Option<(usize, usize)> {
        if !self.first_set.contains(c) {
            return None;
        }
        self.longest_of(c, rest)
    }

    /// The words starting with `c` that `rest` begins with: the longest.
    #[inline(never)]
    fn longest_of(&self, c: char, rest: &str) -> Option<(usize, usize)> {
        let cp = c as u32;
        let k = if (LO..HI).contains(&cp) {
            self.first_low + self.first_set.dense_rank(cp)
        } else {
            self.first.binary_search(&c).ok()?
        };
        let r = rest.as_bytes();
        // (A word's last byte, compared first, rules most words out.)
        self.by_first[k]
            .iter()
            .find(|(w, _)| {
                let w = w.as_bytes();
                r.len() >= w.len() && r[w.len() - 1] == w[w.len() - 1] && r[..w.len()] == *w
            })
            .map(|(w, i)| (*i, w.len()))
    }

    /// The words of `s`, leftmost-longest and not overlapping (what an
    /// Aho–Corasick automaton matching leftmost-longest finds): at each
    /// character the longest word beginning there, then on after its end.
    /// Items are (start, end, index in the list) in text order.
    ///
    /// The text is read byte by byte: an ASCII character or one of three
    /// bytes (the CJK blocks) is decoded here and asked about by its code
    /// point; the words are read only where the first-character set says so.
    pub fn find_iter<'a>(&'a self, s: &'a str) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        let b = s.as_bytes();
        let mut p = 0;
        std::iter::from_fn(move || {
            while let Some(&x) = b.get(p) {
                let (cp, n) = match x {
                    0..0x80 => (u32::from(x), 1),
                    0xE0..0xF0 => {
                        // (`s` is UTF-8: two continuation bytes follow.)
                        let (y, z) = (b[p + 1], b[p + 2]);
                        let cp = (u32::from(x & 0x0F) << 12)
                            | (u32::from(y & 0x3F) << 6)
                            | u32::from(z & 0x3F);
                        (cp, 3)
                    }
                    _ => {
                        let c = s[p..].chars().next().unwrap_or('\0');
                        (c as u32, c.len_utf8())
                    }
                };
                if self.first_set.contains_code(cp) {
                    let c = char::from_u32(cp).unwrap_or('\0');
                    if let Some((i, len)) = self.longest_of(c, &s[p..]) {
                        let start = p;
                        p += len;
                        return Some((start, p, i));
                    }
                }
                p += n;
            }
            None
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{CharSet, WordStarts};

    #[test]
    fn members_inside_and_outside_the_cjk_blocks() {
        let cs = CharSet::new("中美·a𠀀".chars());
        for c in "中美·a𠀀".chars() {
            assert!(cs.contains(c), "{c}");
        }
        for c in "俄b-𠀁".chars() {
            assert!(!cs.contains(c), "{c}");
        }
        assert!(!CharSet::default().contains('中') && !CharSet::default().contains('a'));
    }

    #[test]
    fn the_longest_word_a_text_begins_with() {
        let ws = WordStarts::new(["不得", "不得不", "", "核计划", "不"]);
        assert_eq!(ws.longest_at("不得不说"), Some((1, 9)));
        assert_eq!(ws.longest_at("不得了"), Some((0, 6)));
        assert_eq!(ws.longest_at("不好"), Some((4, 3)));
        assert_eq!(ws.longest_at("核武器"), None);
        assert_eq!(ws.longest_at("计划"), None);
        assert_eq!(ws.longest_at(""), None);
        assert_eq!(WordStarts::default().longest_at("不"), None);
    }

    #[test]
    fn first_characters_inside_and_outside_the_cjk_blocks() {
        let ws = WordStarts::new(["a1", "·x", "中国", "中", "丁", "𠀀y", "龟壳", "ab"]);
        assert_eq!(ws.longest_at("a1b"), Some((0, 2)));
        assert_eq!(ws.longest_at("ab"), Some((7, 2)));
        assert_eq!(ws.longest_at("·x"), Some((1, 3)));
        assert_eq!(ws.longest_at("中国人"), Some((2, 6)));
        assert_eq!(ws.longest_at("中方"), Some((3, 3)));
        assert_eq!(ws.longest_at("丁"), Some((4, 3)));
        assert_eq!(ws.longest_at("𠀀y"), Some((5, 5)));
        assert_eq!(ws.longest_at("龟壳"), Some((6, 6)));
        assert_eq!(ws.longest_at("龟"), None);
        assert_eq!(ws.longest_at("a"), None);
    }

    #[test]
    fn words_found_leftmost_longest_without_overlap() {
        let ws = WordStarts::new(["不得", "不得不", "得不", "说", "a·b"]);
        let found: Vec<_> = ws.find_iter("他不得不说，不得了a·b").collect();
        // 不得不 hides 得不 inside it; 不得 of 不得了 is the longest there.
        assert_eq!(found, [(3, 12, 1), (12, 15, 3), (18, 24, 0), (27, 31, 4)]);
        assert_eq!(ws.find_iter("").count(), 0);
        assert_eq!(ws.find_iter("得不").collect::<Vec<_>>(), [(0, 6, 2)]);
        assert_eq!(WordStarts::default().find_iter("不得").count(), 0);
    }
}
